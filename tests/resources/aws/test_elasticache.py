"""Table tests: costlib.resources.aws.elasticache."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "cache",
        "aws_elasticache_cluster",
        {"node_type": "cache.t3.medium", "engine": "memcached", "num_cache_nodes": 2},
        [
            (
                "Cache nodes (Memcached, cache.t3.medium)",
                "1460 hours",
                "AmazonElastiCache [Cache Instance] cacheEngine=Memcached instanceType=cache.t3.medium",
            ),
        ],
    ),
    Case(
        "repl",
        "aws_elasticache_replication_group",
        {"node_type": "cache.r6g.large", "num_node_groups": 4, "replicas_per_node_group": 3},
        [
            (
                "Cache nodes (Redis, cache.r6g.large)",
                "11680 hours",
                "AmazonElastiCache [Cache Instance] cacheEngine=Redis instanceType=cache.r6g.large",
            ),
            ("Backup storage", "100 GB", "AmazonElastiCache [Storage Snapshot] usagetype=BackupUsage"),
        ],
        usage={"snapshot_storage_size_gb": 100},
    ),
]

test_table = table_test(CASES)
