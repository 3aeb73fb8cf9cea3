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
        ],
        usage={"storage_gb": 100},
    ),
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
