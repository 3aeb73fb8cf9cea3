"""Table tests: costlib.resources.aws.rds."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "rds pg",
        "aws_db_instance",
        {"instance_class": "db.t3.large", "engine": "postgres", "allocated_storage": 100},
        [
            (
                "Database instance (PostgreSQL, Single-AZ, db.t3.large)",
                "730 hours",
                "AmazonRDS [Database Instance] databaseEngine=PostgreSQL deploymentOption=Single-AZ instanceType=db.t3.large licenseModel=No license required",
            ),
            (
                "Storage (gp2, Single-AZ)",
                "100 GB",
                "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose",
            ),
        ],
    ),
    Case(
        "rds multi io1",
        "aws_db_instance",
        {"instance_class": "db.m5.large", "engine": "mysql", "multi_az": True, "allocated_storage": 200, "iops": 3000},
        [
            (
                "Database instance (MySQL, Multi-AZ, db.m5.large)",
                "730 hours",
                "AmazonRDS [Database Instance] databaseEngine=MySQL deploymentOption=Multi-AZ instanceType=db.m5.large licenseModel=No license required",
            ),
            (
                "Storage (io1, Multi-AZ)",
                "200 GB",
                "AmazonRDS [Database Storage] deploymentOption=Multi-AZ volumeType=Provisioned IOPS",
            ),
            ("Provisioned IOPS (Multi-AZ)", "3000 IOPS", "AmazonRDS [Provisioned IOPS] deploymentOption=Multi-AZ"),
        ],
    ),
    Case(
        "rds oracle byol",
        "aws_db_instance",
        {"instance_class": "db.m5.large", "engine": "oracle-ee", "license_model": "bring-your-own-license"},
        [
            (
                "Database instance (Oracle Enterprise, Single-AZ, db.m5.large)",
                "730 hours",
                "AmazonRDS [Database Instance] databaseEdition=Enterprise databaseEngine=Oracle deploymentOption=Single-AZ instanceType=db.m5.large licenseModel=Bring your own license",
            ),
            (
                "Storage (gp2, Single-AZ)",
                "20 GB",
                "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose",
            ),
            (
                "Backup storage beyond the free allowance",
                "50 GB",
                "AmazonRDS [Storage Snapshot] usagetype=RDS:ChargedBackupUsage",
            ),
        ],
        usage={"additional_backup_storage_gb": 50},
    ),
    Case(
        "rds sqlserver",
        "aws_db_instance",
        {"instance_class": "db.m5.large", "engine": "sqlserver-se"},
        [
            (
                "Database instance (SQL Server Standard, Single-AZ, db.m5.large)",
                "730 hours",
                "AmazonRDS [Database Instance] databaseEdition=Standard databaseEngine=SQL Server deploymentOption=Single-AZ instanceType=db.m5.large licenseModel=License included",
            ),
            (
                "Storage (gp2, Single-AZ)",
                "20 GB",
                "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose",
            ),
        ],
    ),
    Case(
        "aurora cluster",
        "aws_rds_cluster",
        {"engine": "aurora-postgresql"},
        [
            ("Storage", "200 GB", "AmazonRDS [Database Storage] usagetype=Aurora:StorageUsage"),
            ("I/O requests", "50000000 requests", "AmazonRDS [System Operation] usagetype=Aurora:StorageIOUsage"),
        ],
        usage={"storage_gb": 200, "monthly_io_requests": 50000000},
    ),
    Case(
        "aurora v1",
        "aws_rds_cluster",
        {"engine": "aurora-mysql", "engine_mode": "serverless"},
        [
            ("Storage", "? GB", "AmazonRDS [Database Storage] usagetype=Aurora:StorageUsage"),
            ("I/O requests", "? requests", "AmazonRDS [System Operation] usagetype=Aurora:StorageIOUsage"),
            ("Serverless capacity (Aurora MySQL)", "2920 ACU-hours", "AmazonRDS [Serverless] usagetype=Aurora:ServerlessUsage"),
        ],
        usage={"capacity_units_per_hr": 4},
    ),
    Case(
        "aurora inst",
        "aws_rds_cluster_instance",
        {"instance_class": "db.r6g.large", "engine": "aurora-postgresql"},
        [
            (
                "Database instance (Aurora PostgreSQL, db.r6g.large)",
                "730 hours",
                "AmazonRDS [Database Instance] databaseEngine=Aurora PostgreSQL deploymentOption=Single-AZ instanceType=db.r6g.large",
            ),
        ],
    ),
    Case(
        "aurora sv2",
        "aws_rds_cluster_instance",
        {"instance_class": "db.serverless", "engine": "aurora-postgresql"},
        [
            (
                "Serverless v2 capacity (Aurora PostgreSQL)",
                "1460 ACU-hours",
                "AmazonRDS [ServerlessV2] usagetype=Aurora:ServerlessV2Usage",
            ),
        ],
        usage={"monthly_acu_hours": 1460},
    ),
]

test_table = table_test(CASES)
