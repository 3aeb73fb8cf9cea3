"""Table tests: costlib.resources.aws.s3 (https://aws.amazon.com/s3/pricing/)."""

from tests.resources.table import Case, table_test

S3 = "AmazonS3 usagetype="

CASES = [
    Case("s3 flat", "aws_s3_bucket", {}, [
        ("Storage (STANDARD)", "1000 GB", f"{S3}TimedStorage-ByteHrs"),
        ("PUT, COPY, POST, LIST requests", "10000 requests", f"{S3}Requests-Tier1"),
        ("GET, SELECT and other requests", "? requests", f"{S3}Requests-Tier2"),
    ], usage={"storage_gb": 1000, "monthly_tier_1_requests": 10000}),
    Case("s3 sections", "aws_s3_bucket", {}, [
        ("Storage (STANDARD)", "100 GB", f"{S3}TimedStorage-ByteHrs"),
        ("PUT, COPY, POST, LIST requests", "? requests", f"{S3}Requests-Tier1"),
        ("GET, SELECT and other requests", "? requests", f"{S3}Requests-Tier2"),
        ("Storage (STANDARD_IA)", "500 GB", f"{S3}TimedStorage-SIA-ByteHrs"),
        ("PUT, COPY, POST, LIST requests (STANDARD_IA)", "? requests", f"{S3}Requests-SIA-Tier1"),
        ("GET, SELECT and other requests (STANDARD_IA)", "? requests", f"{S3}Requests-SIA-Tier2"),
        ("Data retrieval (STANDARD_IA)", "20 GB", f"{S3}Retrieval-SIA"),
    ], usage={"standard": {"storage_gb": 100},
              "standard_infrequent_access": {"storage_gb": 500, "monthly_data_retrieval_gb": 20}}),
    Case("a flat storage_class other than Standard", "aws_s3_bucket", {}, [
        ("Storage (ONEZONE_IA)", "300 GB", f"{S3}TimedStorage-ZIA-ByteHrs"),
        ("PUT, COPY, POST, LIST requests (ONEZONE_IA)", "? requests", f"{S3}Requests-ZIA-Tier1"),
        ("GET, SELECT and other requests (ONEZONE_IA)", "? requests", f"{S3}Requests-ZIA-Tier2"),
    ], usage={"storage_class": "onezone_ia", "storage_gb": 300}),
    Case("Glacier Instant Retrieval: transitions, retrievals, early deletes", "aws_s3_bucket", {}, [
        ("Storage (GLACIER_IR)", "10000 GB", f"{S3}TimedStorage-GIR-ByteHrs"),
        ("PUT, COPY, POST, LIST requests (GLACIER_IR)", "? requests", f"{S3}Requests-GIR-Tier1"),
        ("GET, SELECT and other requests (GLACIER_IR)", "? requests", f"{S3}Requests-GIR-Tier2"),
        ("Lifecycle transitions into GLACIER_IR", "40000 requests", f"{S3}Requests-GIR-Tier3"),
        ("Data retrieval (GLACIER_IR)", "50 GB", f"{S3}Retrieval-GIR"),
        ("Early deletes (GLACIER_IR)", "5 GB", f"{S3}EarlyDelete-GIR"),
    ], usage={"glacier_instant_retrieval": {"storage_gb": 10000, "monthly_lifecycle_transition_requests": 40000,
                                            "monthly_data_retrieval_gb": 50, "early_delete_gb": 5}}),
    Case("Glacier Flexible Retrieval: expedited and standard restores", "aws_s3_bucket", {}, [
        ("Storage (GLACIER)", "50000 GB", f"{S3}TimedStorage-GlacierByteHrs"),
        ("PUT, COPY, POST, LIST requests (GLACIER)", "? requests", f"{S3}Requests-Glacier-Tier1"),
        ("GET, SELECT and other requests (GLACIER)", "? requests", f"{S3}Requests-Glacier-Tier2"),
        ("Expedited restores (GLACIER, requests)", "100 requests",
         "AmazonS3 operation=GlacierRestoreObject usagetype=Expedited-Retrieval-Requests"),
        ("Expedited restores (GLACIER, GB)", "20 GB",
         "AmazonS3 operation=GlacierRestoreObject usagetype=Expedited-Retrieval-Bytes"),
        ("Standard restores (GLACIER, requests)", "1000 requests",
         "AmazonS3 operation=GlacierRestoreObject usagetype=Standard-Retrieval-Requests"),
    ], usage={"glacier_flexible_retrieval": {"storage_gb": 50000, "monthly_expedited_data_retrieval_requests": 100,
                                             "monthly_expedited_data_retrieval_gb": 20,
                                             "monthly_standard_data_retrieval_requests": 1000}}),
    Case("Deep Archive: bulk restores", "aws_s3_bucket", {}, [
        ("Storage (DEEP_ARCHIVE)", "? GB", f"{S3}TimedStorage-GDA-ByteHrs"),
        ("PUT, COPY, POST, LIST requests (DEEP_ARCHIVE)", "? requests", f"{S3}Requests-GDA-Tier1"),
        ("GET, SELECT and other requests (DEEP_ARCHIVE)", "? requests", f"{S3}Requests-GDA-Tier2"),
        ("Bulk restores (DEEP_ARCHIVE, GB)", "6000 GB",
         "AmazonS3 operation=DeepArchiveRestoreObject usagetype=Bulk-Retrieval-Bytes"),
    ], usage={"glacier_deep_archive": {"monthly_bulk_data_retrieval_gb": 6000}}),
    Case("Intelligent-Tiering: each tier and monitoring", "aws_s3_bucket", {}, [
        ("Storage (INTELLIGENT_TIERING, frequent access)", "20000 GB", f"{S3}TimedStorage-INT-FA-ByteHrs"),
        ("Storage (INTELLIGENT_TIERING, infrequent access)", "20000 GB", f"{S3}TimedStorage-INT-IA-ByteHrs"),
        ("Storage (INTELLIGENT_TIERING, archive instant access)", "5000 GB", f"{S3}TimedStorage-INT-AIA-ByteHrs"),
        ("Monitoring and automation (INTELLIGENT_TIERING)", "2000000 objects", f"{S3}Monitoring-Automation-INT"),
        ("PUT, COPY, POST, LIST requests (INTELLIGENT_TIERING)", "? requests", f"{S3}Requests-INT-Tier1"),
        ("GET, SELECT and other requests (INTELLIGENT_TIERING)", "? requests", f"{S3}Requests-INT-Tier2"),
    ], usage={"intelligent_tiering": {"frequent_access_storage_gb": 20000, "infrequent_access_storage_gb": 20000,
                                      "archive_instant_access_storage_gb": 5000, "monitored_objects": 2_000_000}}),
    Case("object tags", "aws_s3_bucket", {}, [
        ("Storage (STANDARD)", "? GB", f"{S3}TimedStorage-ByteHrs"),
        ("PUT, COPY, POST, LIST requests", "? requests", f"{S3}Requests-Tier1"),
        ("GET, SELECT and other requests", "? requests", f"{S3}Requests-Tier2"),
        ("Object tags", "10000000 tags", f"{S3}TagStorage-TagHrs"),
    ], usage={"object_tags": 10_000_000}),
    Case("Storage Class Analysis: 10 million objects monitored", "aws_s3_bucket_analytics_configuration",
         {"bucket": "b", "name": "all"}, [
             ("Storage Class Analysis objects monitored", "10000000 objects", f"{S3}StorageAnalytics-ObjCount"),
         ], usage={"monthly_monitored_objects": 10_000_000}),
    Case("S3 Inventory without usage", "aws_s3_bucket_inventory", {"bucket": "b", "name": "weekly"}, [
        ("Inventory objects listed", "? objects", f"{S3}Inventory-ObjectsListed"),
    ]),
    Case("an Intelligent-Tiering configuration enabling both archive tiers", "aws_s3_bucket_intelligent_tiering_configuration",
         {"tiering": [{"access_tier": "ARCHIVE_ACCESS", "days": 90},
                      {"access_tier": "DEEP_ARCHIVE_ACCESS", "days": 180}]}, [
             ("Storage (INTELLIGENT_TIERING, archive access)", "1000 GB", f"{S3}TimedStorage-INT-AA-ByteHrs"),
             ("Storage (INTELLIGENT_TIERING, deep archive access)", "? GB", f"{S3}TimedStorage-INT-DAA-ByteHrs"),
         ], usage={"archive_access_storage_gb": 1000}),
    Case("a disabled Intelligent-Tiering configuration", "aws_s3_bucket_intelligent_tiering_configuration",
         {"status": "Disabled", "tiering": [{"access_tier": "ARCHIVE_ACCESS", "days": 90}]}, [
             ("Archive tiers (disabled)", "1 months", "fixed 0 USD"),
         ]),
]

test_table = table_test(CASES)
