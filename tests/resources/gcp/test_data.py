"""Table tests: costlib.resources.gcp.data."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "sql custom ha",
        "google_sql_database_instance",
        {"settings": [{"tier": "db-custom-2-7680", "availability_type": "REGIONAL", "disk_size": 50}]},
        [
            ("vCPUs (regional (HA))", "1460 vCPU-hours", "Cloud SQL availability=REGIONAL resource=vcpu"),
            ("Memory (regional (HA))", "5475 GB-hours", "Cloud SQL availability=REGIONAL resource=memory"),
            ("Storage (PD_SSD, regional (HA))", "50 GB", "Cloud SQL availability=REGIONAL resource=storage-pd_ssd"),
        ],
    ),
    Case(
        "sql micro",
        "google_sql_database_instance",
        {},
        [
            ("Shared-core instance (db-f1-micro, zonal)", "730 hours", "Cloud SQL availability=ZONAL resource=db-f1-micro"),
            ("Storage (PD_SSD, zonal)", "10 GB", "Cloud SQL availability=ZONAL resource=storage-pd_ssd"),
        ],
    ),
    Case(
        "bucket multi",
        "google_storage_bucket",
        {"location": "EU", "storage_class": "NEARLINE"},
        [
            (
                "Storage (NEARLINE, multi-region EU)",
                "100 GB",
                "Cloud Storage [Storage] locationType=multi-region storageClass=NEARLINE",
            ),
            ("Data retrieval (NEARLINE)", "? GB",
             "Cloud Storage [Data Retrieval] locationType=multi-region storageClass=NEARLINE"),
        ],
        usage={"storage_gb": 100},
    ),
    Case("coldline: operations per 10,000, retrieval, early deletion, egress", "google_storage_bucket",
         {"location": "us-central1", "storage_class": "COLDLINE"}, [
        ("Storage (COLDLINE, region us-central1)", "150 GB",
         "Cloud Storage [Storage] locationType=region storageClass=COLDLINE"),
        ("Class A operations", "4 10k operations",
         "Cloud Storage [Operations] locationType=region operationClass=A storageClass=COLDLINE"),
        ("Class B operations", "2 10k operations",
         "Cloud Storage [Operations] locationType=region operationClass=B storageClass=COLDLINE"),
        ("Data retrieval (COLDLINE)", "500 GB", "Cloud Storage [Data Retrieval] locationType=region storageClass=COLDLINE"),
        ("Early deletion (COLDLINE, 90-day minimum)", "20 GB",
         "Cloud Storage [Storage] locationType=region storageClass=COLDLINE"),
        ("Data transfer out (worldwide)", "1000 GB", "Cloud Storage [Network] destination=worldwide resource=egress"),
    ], usage={"storage_gb": 150, "monthly_class_a_operations": 40000, "monthly_class_b_operations": 20000,
              "monthly_data_retrieval_gb": 500, "early_deletion_gb": 20,
              "monthly_egress_data_transfer_gb": {"worldwide": 1000}}),
    Case("a legacy REGIONAL bucket's operations are Standard's", "google_storage_bucket",
         {"location": "europe-west1", "storage_class": "REGIONAL"}, [
        ("Storage (REGIONAL, region europe-west1)", "? GB",
         "Cloud Storage [Storage] locationType=region storageClass=REGIONAL"),
        ("Class B operations", "1 10k operations",
         "Cloud Storage [Operations] locationType=region operationClass=B storageClass=STANDARD"),
    ], usage={"monthly_class_b_operations": 10000}),
    Case("sql enterprise plus, HA, with backups", "google_sql_database_instance",
         {"settings": [{"tier": "db-perf-optimized-N-4", "edition": "ENTERPRISE_PLUS", "availability_type": "REGIONAL",
                        "disk_size": 100, "backup_configuration": [{"enabled": True}]}]}, [
        ("vCPUs (regional (HA), Enterprise Plus)", "2920 vCPU-hours",
         "Cloud SQL availability=REGIONAL edition=ENTERPRISE_PLUS resource=vcpu"),
        ("Memory (regional (HA), Enterprise Plus)", "23360 GB-hours",
         "Cloud SQL availability=REGIONAL edition=ENTERPRISE_PLUS resource=memory"),
        ("Storage (PD_SSD, regional (HA), Enterprise Plus)", "100 GB",
         "Cloud SQL availability=REGIONAL edition=ENTERPRISE_PLUS resource=storage-pd_ssd"),
        ("Backups", "300 GB", "Cloud SQL edition=ENTERPRISE_PLUS resource=backup"),
    ], usage={"backup_storage_gb": 300}),
    Case("sql legacy db-n1-standard-2: 2 vCPU, 7.5 GB", "google_sql_database_instance",
         {"settings": [{"tier": "db-n1-standard-2", "disk_type": "PD_HDD", "disk_size": 20}]}, [
        ("vCPUs (zonal)", "1460 vCPU-hours", "Cloud SQL availability=ZONAL resource=vcpu"),
        ("Memory (zonal)", "5475 GB-hours", "Cloud SQL availability=ZONAL resource=memory"),
        ("Storage (PD_HDD, zonal)", "20 GB", "Cloud SQL availability=ZONAL resource=storage-pd_hdd"),
        ("Backups", "0 GB", "Cloud SQL resource=backup"),
    ], usage={"backup_storage_gb": 0}),
    Case("sql with backups enabled and no usage: usage-based", "google_sql_database_instance",
         {"settings": [{"tier": "db-g1-small", "backup_configuration": [{"enabled": True}]}]}, [
        ("Shared-core instance (db-g1-small, zonal)", "730 hours", "Cloud SQL availability=ZONAL resource=db-g1-small"),
        ("Storage (PD_SSD, zonal)", "10 GB", "Cloud SQL availability=ZONAL resource=storage-pd_ssd"),
        ("Backups", "? GB", "Cloud SQL resource=backup"),
    ]),
    Case(
        "bucket regional",
        "google_storage_bucket",
        {"location": "US-CENTRAL1"},
        [
            (
                "Storage (STANDARD, region US-CENTRAL1)",
                "? GB",
                "Cloud Storage [Storage] locationType=region storageClass=STANDARD",
            ),
        ],
    ),
    Case(
        "redis",
        "google_redis_instance",
        {"tier": "STANDARD_HA", "memory_size_gb": 5},
        [
            (
                "Redis capacity (STANDARD_HA, M2)",
                "3650 GB-hours",
                "Cloud Memorystore for Redis capacityTier=M2 tier=STANDARD_HA",
            ),
        ],
    ),
]

test_table = table_test(CASES)
