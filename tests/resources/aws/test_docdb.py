"""Table tests: costlib.resources.aws.docdb (https://aws.amazon.com/documentdb/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("cluster: backup storage beyond the free allowance", "aws_docdb_cluster", {}, [
        ("Backup storage", "100 GB", "AmazonDocDB usagetype=BackupUsage"),
    ], usage={"backup_storage_gb": 100}),
    Case("cluster without usage", "aws_docdb_cluster", {}, [
        ("Backup storage", "? GB", "AmazonDocDB usagetype=BackupUsage"),
    ]),
    Case("r6g.large instance with the cluster's storage and I/O", "aws_docdb_cluster_instance",
         {"instance_class": "db.r6g.large"}, [
             ("Database instance (DocumentDB, db.r6g.large)", "730 hours",
              "AmazonDocDB [Database Instance] usagetype=InstanceUsage:db.r6g.large"),
             ("Storage", "1000 GB", "AmazonDocDB [Database Storage] usagetype=StorageUsage"),
             ("I/O requests", "100000000 requests", "AmazonDocDB [System Operation] usagetype=StorageIOUsage"),
         ], usage={"data_storage_gb": 1000, "monthly_io_requests": 100000000}),
    Case("t3.medium bills CPU credits above its baseline", "aws_docdb_cluster_instance",
         {"instance_class": "db.t3.medium"}, [
             ("Database instance (DocumentDB, db.t3.medium)", "730 hours",
              "AmazonDocDB [Database Instance] usagetype=InstanceUsage:db.t3.medium"),
             ("Storage", "? GB", "AmazonDocDB [Database Storage] usagetype=StorageUsage"),
             ("I/O requests", "? requests", "AmazonDocDB [System Operation] usagetype=StorageIOUsage"),
             ("CPU credits (db.t3)", "100 vCPU-hours", "AmazonDocDB [CPU Credits] usagetype=CPUCredits:db.t3"),
         ], usage={"monthly_cpu_credit_hrs": 100}),
    Case("manual cluster snapshot", "aws_docdb_cluster_snapshot", {"db_cluster_identifier": "docs"}, [
        ("Backup storage", "250 GB", "AmazonDocDB usagetype=BackupUsage"),
    ], usage={"backup_storage_gb": 250}),
]

test_table = table_test(CASES)
