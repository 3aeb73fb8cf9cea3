"""Table tests: costlib.resources.aws.storage."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "s3 flat",
        "aws_s3_bucket",
        {},
        [
            ("Storage (STANDARD)", "1000 GB", "AmazonS3 usagetype=TimedStorage-ByteHrs"),
            ("PUT, COPY, POST, LIST requests", "10000 requests", "AmazonS3 usagetype=Requests-Tier1"),
            ("GET, SELECT and other requests", "? requests", "AmazonS3 usagetype=Requests-Tier2"),
        ],
        usage={"storage_gb": 1000, "monthly_tier_1_requests": 10000},
    ),
    Case(
        "s3 sections",
        "aws_s3_bucket",
        {},
        [
            ("Storage (STANDARD)", "100 GB", "AmazonS3 usagetype=TimedStorage-ByteHrs"),
            ("PUT, COPY, POST, LIST requests", "? requests", "AmazonS3 usagetype=Requests-Tier1"),
            ("GET, SELECT and other requests", "? requests", "AmazonS3 usagetype=Requests-Tier2"),
            ("Storage (STANDARD_IA)", "500 GB", "AmazonS3 usagetype=TimedStorage-SIA-ByteHrs"),
            ("PUT, COPY, POST, LIST requests (STANDARD_IA)", "? requests", "AmazonS3 usagetype=Requests-SIA-Tier1"),
            ("GET, SELECT and other requests (STANDARD_IA)", "? requests", "AmazonS3 usagetype=Requests-SIA-Tier2"),
            ("Data retrieval (STANDARD_IA)", "20 GB", "AmazonS3 usagetype=Retrieval-SIA"),
        ],
        usage={
            "standard": {"storage_gb": 100},
            "standard_infrequent_access": {"storage_gb": 500, "monthly_data_retrieval_gb": 20},
        },
    ),
    Case(
        "ddb ondemand",
        "aws_dynamodb_table",
        {"billing_mode": "PAY_PER_REQUEST"},
        [
            ("Write request units", "1000000 WRUs", "AmazonDynamoDB usagetype=WriteRequestUnits"),
            ("Read request units", "? RRUs", "AmazonDynamoDB usagetype=ReadRequestUnits"),
            ("Storage", "? GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
        ],
        usage={"monthly_write_request_units": 1000000},
    ),
    Case(
        "ddb prov",
        "aws_dynamodb_table",
        {"write_capacity": 5, "read_capacity": 10},
        [
            ("Provisioned write capacity", "3650 WCU-hours", "AmazonDynamoDB usagetype=WriteCapacityUnit-Hrs"),
            ("Provisioned read capacity", "7300 RCU-hours", "AmazonDynamoDB usagetype=ReadCapacityUnit-Hrs"),
            ("Storage", "? GB", "AmazonDynamoDB usagetype=TimedStorage-ByteHrs"),
        ],
    ),
    Case(
        "sqs 128KB",
        "aws_sqs_queue",
        {"fifo_queue": True},
        [
            ("Requests (FIFO)", "2000000 requests", "AWSQueueService usagetype=Requests-FIFO-Tier1"),
        ],
        usage={"monthly_requests": 1000000, "request_size_kb": 128},
    ),
    Case(
        "logs",
        "aws_cloudwatch_log_group",
        {},
        [
            ("Data ingested", "10 GB", "AmazonCloudWatch usagetype=DataProcessing-Bytes"),
            ("Archival storage", "? GB", "AmazonCloudWatch usagetype=TimedStorage-ByteHrs"),
            ("Insights queries data scanned", "5 GB", "AmazonCloudWatch usagetype=DataScanned-Bytes"),
        ],
        usage={"monthly_data_ingested_gb": 10, "monthly_data_scanned_gb": 5},
    ),
    Case(
        "kms",
        "aws_kms_key",
        {},
        [
            ("Customer managed key", "1 months", "awskms usagetype=KMS-Keys"),
            ("Requests", "? requests", "awskms usagetype=KMS-Requests"),
        ],
    ),
]

test_table = table_test(CASES)
