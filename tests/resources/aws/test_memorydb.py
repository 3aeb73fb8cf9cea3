"""Table tests: costlib.resources.aws.memorydb (https://aws.amazon.com/memorydb/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("defaults: one shard with one replica is two nodes", "aws_memorydb_cluster", {"node_type": "db.r6g.large"}, [
        ("Nodes (Redis, db.r6g.large)", "1460 hours", "AmazonMemoryDB [Amazon MemoryDB] usagetype=NodeUsage:db.r6g.large"),
        ("Data written", "? GB", "AmazonMemoryDB usagetype=DataWritten-Bytes"),
    ]),
    Case("3 shards x (2 replicas + 1), data written and snapshots", "aws_memorydb_cluster",
         {"node_type": "db.r7g.xlarge", "engine": "valkey", "num_shards": 3, "num_replicas_per_shard": 2}, [
             ("Nodes (Valkey, db.r7g.xlarge)", "6570 hours",
              "AmazonMemoryDB [Amazon MemoryDB] usagetype=NodeUsage:db.r7g.xlarge"),
             ("Data written", "200 GB", "AmazonMemoryDB usagetype=DataWritten-Bytes"),
             ("Snapshot storage", "50 GB", "AmazonMemoryDB usagetype=SnapshotUsage"),
         ], usage={"monthly_data_written_gb": 200, "snapshot_storage_size_gb": 50}),
]

test_table = table_test(CASES)
