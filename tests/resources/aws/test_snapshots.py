"""Table tests: costlib.resources.aws.snapshots (https://aws.amazon.com/ebs/pricing/ Snapshots)."""

from tests.resources.table import Case, table_test

STD = "AmazonEC2 [Storage Snapshot] usagetype=EBS:SnapshotUsage"

CASES = [
    Case("a snapshot of a 100 GB volume is billed its size", "aws_ebs_snapshot", {"volume_size": 100}, [
        ("Snapshot storage", "100 GB", STD),
    ]),
    Case("an incremental snapshot: usage says the changed blocks, and the direct API and fast restore",
         "aws_ebs_snapshot", {"volume_size": 100}, [
             ("Snapshot storage", "12 GB", STD),
             ("EBS direct API list requests", "1000000 requests",
              "AmazonEC2 [EBS direct API Requests] usagetype=EBS:directAPI.snapshot.List"),
             ("EBS direct API get block requests", "100000 requests",
              "AmazonEC2 [EBS direct API Requests] usagetype=EBS:directAPI.snapshot.Get"),
             ("EBS direct API put block requests", "50000 requests",
              "AmazonEC2 [EBS direct API Requests] usagetype=EBS:directAPI.snapshot.Put"),
             ("Fast snapshot restore", "100 DSU-hours",
              "AmazonEC2 [Fast Snapshot Restore] usagetype=EBS:FastSnapshotRestore"),
         ], usage={"storage_gb": 12, "monthly_list_block_requests": 1000000, "monthly_get_block_requests": 100000,
                   "monthly_put_block_requests": 50000, "fast_snapshot_restore_hours": 100}),
    Case("archive tier", "aws_ebs_snapshot", {"volume_size": 500, "storage_tier": "archive"}, [
        ("Snapshot storage (archive tier)", "500 GB", "AmazonEC2 [Storage Snapshot] usagetype=EBS:SnapshotArchiveStorage"),
    ]),
    Case("size known only after apply: usage-based", "aws_ebs_snapshot", {}, [
        ("Snapshot storage", "? GB", STD),
    ]),
    Case("a copy is stored in full in its region", "aws_ebs_snapshot_copy", {"volume_size": 40}, [
        ("Snapshot storage", "40 GB", STD),
    ]),
]

test_table = table_test(CASES)
