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

PG = "AmazonRDS [Database Instance] databaseEngine=PostgreSQL"
MY = "AmazonRDS [Database Instance] databaseEngine=MySQL"
LIC = "licenseModel=No license required"

CASES += [
    Case("gp3 below 400 GB includes 3,000 IOPS and 125 MiB/s: the rest is billed", "aws_db_instance",
         {"instance_class": "db.m6g.large", "engine": "postgres", "allocated_storage": 200, "storage_type": "gp3",
          "iops": 6000, "storage_throughput": 250}, [
             ("Database instance (PostgreSQL, Single-AZ, db.m6g.large)", "730 hours",
              f"{PG} deploymentOption=Single-AZ instanceType=db.m6g.large {LIC}"),
             ("Storage (gp3, Single-AZ)", "200 GB",
              "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose-GP3"),
             ("gp3 IOPS above the included 3,000 (Single-AZ)", "3000 IOPS",
              "AmazonRDS [Provisioned IOPS] usagetype=RDS:GP3-PIOPS"),
             ("gp3 throughput above the included 125 MiB/s (Single-AZ)", "125 MiBps",
              "AmazonRDS [Provisioned Throughput] usagetype=RDS:GP3-Throughput"),
         ]),
    Case("gp3 from 400 GB includes 12,000 IOPS and 500 MiB/s (Multi-AZ)", "aws_db_instance",
         {"instance_class": "db.m6g.large", "engine": "mysql", "allocated_storage": 400, "storage_type": "gp3",
          "iops": 15000, "multi_az": True}, [
             ("Database instance (MySQL, Multi-AZ, db.m6g.large)", "730 hours",
              f"{MY} deploymentOption=Multi-AZ instanceType=db.m6g.large {LIC}"),
             ("Storage (gp3, Multi-AZ)", "400 GB",
              "AmazonRDS [Database Storage] deploymentOption=Multi-AZ volumeType=General Purpose-GP3"),
             ("gp3 IOPS above the included 12,000 (Multi-AZ)", "3000 IOPS",
              "AmazonRDS [Provisioned IOPS] usagetype=RDS:Multi-AZ-GP3-PIOPS"),
         ]),
    Case("io2 storage and IOPS", "aws_db_instance",
         {"instance_class": "db.r6i.large", "engine": "postgres", "allocated_storage": 100, "storage_type": "io2",
          "iops": 5000}, [
             ("Database instance (PostgreSQL, Single-AZ, db.r6i.large)", "730 hours",
              f"{PG} deploymentOption=Single-AZ instanceType=db.r6i.large {LIC}"),
             ("Storage (io2, Single-AZ)", "100 GB",
              "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=Provisioned IOPS-IO2"),
             ("Provisioned IOPS (io2, Single-AZ)", "5000 IOPS", "AmazonRDS [Provisioned IOPS] usagetype=RDS:IO2-PIOPS"),
         ]),
    Case("reserved 1 year partial upfront", "aws_db_instance",
         {"instance_class": "db.t3.large", "engine": "postgres", "allocated_storage": 20}, [
             ("Database instance (PostgreSQL, Single-AZ, db.t3.large), reserved 1 year partial upfront", "730 hours",
              f"{PG} deploymentOption=Single-AZ instanceType=db.t3.large {LIC} reserved "
              "term=1yr Partial Upfront standard unit=Hrs"),
             ("Database instance (PostgreSQL, Single-AZ, db.t3.large), reserved 1 year partial upfront, "
              "upfront fee over 12 months", "0.08333333333333333333333333333 instances",
              f"{PG} deploymentOption=Single-AZ instanceType=db.t3.large {LIC} reserved "
              "term=1yr Partial Upfront standard unit=Quantity"),
             ("Storage (gp2, Single-AZ)", "20 GB",
              "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose"),
         ], usage={"reserved_instance_term": "1_year", "reserved_instance_payment_option": "partial_upfront"}),
    Case("MySQL 5.7 is past standard support: Extended Support per vCPU-hour, year 3 rate", "aws_db_instance",
         {"instance_class": "db.m5.large", "engine": "mysql", "engine_version": "5.7.44"}, [
             ("Database instance (MySQL, Single-AZ, db.m5.large)", "730 hours",
              f"{MY} deploymentOption=Single-AZ instanceType=db.m5.large {LIC}"),
             ("Storage (gp2, Single-AZ)", "20 GB",
              "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose"),
             ("Extended Support (mysql 5.7, Yr3)", "1460 vCPU-hours",
              "AmazonRDS [Extended Support] usagetype=RDS:ExtendedSupport:Yr3:MySQL"),
         ], usage={"vcpu_count": 2, "extended_support_year": 3}),
    Case("PostgreSQL 12 without the support year: named as not modelled", "aws_db_instance",
         {"instance_class": "db.m5.large", "engine": "postgres", "engine_version": "12.22"}, [
             ("Database instance (PostgreSQL, Single-AZ, db.m5.large)", "730 hours",
              f"{PG} deploymentOption=Single-AZ instanceType=db.m5.large {LIC}"),
             ("Storage (gp2, Single-AZ)", "20 GB",
              "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=General Purpose"),
             ("Extended Support (postgres 12)", "?", "not modelled"),
         ]),
    Case("PostgreSQL 16 is in standard support", "aws_db_instance",
         {"instance_class": "db.m5.large", "engine": "postgres", "engine_version": "16.4", "storage_type": "standard"}, [
             ("Database instance (PostgreSQL, Single-AZ, db.m5.large)", "730 hours",
              f"{PG} deploymentOption=Single-AZ instanceType=db.m5.large {LIC}"),
             ("Storage (standard, Single-AZ)", "20 GB",
              "AmazonRDS [Database Storage] deploymentOption=Single-AZ volumeType=Magnetic"),
             ("I/O requests (magnetic)", "? requests", "AmazonRDS [System Operation] usagetype=RDS:StorageIOUsage"),
         ]),
    Case("Multi-AZ DB cluster (one writer, two readable standbys), io1", "aws_rds_cluster",
         {"engine": "postgres", "db_cluster_instance_class": "db.r6gd.large", "allocated_storage": 100,
          "storage_type": "io1", "iops": 3000}, [
             ("Multi-AZ DB cluster (PostgreSQL, db.r6gd.large)", "730 hours",
              f"{PG} deploymentOption=Multi-AZ (readable standbys) instanceType=db.r6gd.large {LIC}"),
             ("Storage (io1, Multi-AZ DB cluster)", "100 GB",
              "AmazonRDS [Database Storage] usagetype=RDS:Multi-AZCluster-PIOPS-Storage"),
             ("Provisioned IOPS (io1, Multi-AZ DB cluster)", "3000 IOPS",
              "AmazonRDS [Provisioned IOPS] usagetype=RDS:Multi-AZCluster-PIOPS"),
         ]),
    Case("Aurora I/O-Optimized: no I/O charge", "aws_rds_cluster",
         {"engine": "aurora-postgresql", "storage_type": "aurora-iopt1"}, [
             ("Storage (I/O-Optimized)", "500 GB",
              "AmazonRDS [Database Storage] usagetype=Aurora:IO-OptimizedStorageUsage"),
         ], usage={"storage_gb": 500}),
    Case("Aurora instance reserved 3 years all upfront", "aws_rds_cluster_instance",
         {"instance_class": "db.r6g.large", "engine": "aurora-mysql"}, [
             ("Database instance (Aurora MySQL, db.r6g.large), reserved 3 year all upfront, upfront fee over 36 months",
              "0.02777777777777777777777777778 instances",
              "AmazonRDS [Database Instance] databaseEngine=Aurora MySQL deploymentOption=Single-AZ "
              "instanceType=db.r6g.large reserved term=3yr All Upfront standard unit=Quantity"),
         ], usage={"reserved_instance_term": "3_year", "reserved_instance_payment_option": "all_upfront"}),
]

test_table = table_test(CASES)
