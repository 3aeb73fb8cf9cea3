"""Table tests: costlib.resources.aws.neptune (https://aws.amazon.com/neptune/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("cluster storage, I/O and backups from usage", "aws_neptune_cluster", {}, [
        ("Storage", "100 GB", "AmazonNeptune [Database Storage] usagetype=StorageUsage"),
        ("I/O requests", "10000000 requests", "AmazonNeptune [System Operation] usagetype=StorageIOUsage"),
        ("Backup storage", "1000 GB", "AmazonNeptune usagetype=BackupUsage"),
    ], usage={"storage_gb": 100, "monthly_io_requests": 10000000, "backup_storage_gb": 1000}),
    Case("r6g.large instance (storage is on the cluster)", "aws_neptune_cluster_instance",
         {"instance_class": "db.r6g.large"}, [
             ("Database instance (Neptune, db.r6g.large)", "730 hours",
              "AmazonNeptune [Database Instance] usagetype=InstanceUsage:db.r6g.large"),
         ]),
    Case("t4g.medium with CPU credits", "aws_neptune_cluster_instance", {"instance_class": "db.t4g.medium"}, [
        ("Database instance (Neptune, db.t4g.medium)", "730 hours",
         "AmazonNeptune [Database Instance] usagetype=InstanceUsage:db.t4g.medium"),
        ("CPU credits (db.t4g)", "10 vCPU-hours", "AmazonNeptune [CPU Credits] usagetype=CPUCredits:db.t4g"),
    ], usage={"monthly_cpu_credit_hrs": 10}),
    Case("serverless instance bills NCU-hours", "aws_neptune_cluster_instance", {"instance_class": "db.serverless"}, [
        ("Serverless capacity", "? NCU-hours", "AmazonNeptune usagetype=ServerlessUsage"),
    ]),
    Case("snapshot", "aws_neptune_cluster_snapshot", {}, [
        ("Backup storage", "? GB", "AmazonNeptune usagetype=BackupUsage"),
    ]),
]

test_table = table_test(CASES)
