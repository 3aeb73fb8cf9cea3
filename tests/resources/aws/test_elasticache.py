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

CASES += [
    Case("reserved nodes, 1 year partial upfront", "aws_elasticache_replication_group",
         {"node_type": "cache.r6g.large", "num_cache_clusters": 2}, [
             ("Cache nodes (Redis, cache.r6g.large), reserved 1 year partial upfront", "1460 hours",
              "AmazonElastiCache [Cache Instance] cacheEngine=Redis instanceType=cache.r6g.large reserved "
              "term=1yr Partial Upfront unit=Hrs"),
             ("Cache nodes (Redis, cache.r6g.large), reserved 1 year partial upfront, upfront fee over 12 months",
              "0.1666666666666666666666666667 nodes",
              "AmazonElastiCache [Cache Instance] cacheEngine=Redis instanceType=cache.r6g.large reserved "
              "term=1yr Partial Upfront unit=Quantity"),
         ], usage={"reserved_instance_term": "1_year", "reserved_instance_payment_option": "partial_upfront"}),
    Case("serverless Valkey: 0.05 GB is billed at the 100 MB minimum", "aws_elasticache_serverless_cache",
         {"engine": "valkey"}, [
             ("Data stored (Valkey)", "73 GB-hours",
              "AmazonElastiCache [ElastiCache Serverless] usagetype=ElastiCache:ServerlessStorage:Valkey"),
             ("Processing units (Valkey)", "5 1M ECPUs",
              "AmazonElastiCache [ElastiCache Serverless] usagetype=ElastiCache:ServerlessECPU:Valkey"),
         ], usage={"average_data_stored_gb": 0.05, "monthly_ecpus": 5000000}),
    Case("serverless Redis without usage", "aws_elasticache_serverless_cache", {"engine": "redis"}, [
        ("Data stored (Redis)", "? GB-hours",
         "AmazonElastiCache [ElastiCache Serverless] usagetype=ElastiCache:ServerlessStorage:Redis"),
        ("Processing units (Redis)", "? 1M ECPUs",
         "AmazonElastiCache [ElastiCache Serverless] usagetype=ElastiCache:ServerlessECPU:Redis"),
    ]),
]

test_table = table_test(CASES)
