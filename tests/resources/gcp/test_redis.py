"""Table tests: costlib.resources.gcp.redis (https://cloud.google.com/memorystore/docs/cluster/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("3 shards with 1 replica each: 6 nodes", "google_redis_cluster", {"shard_count": 3, "replica_count": 1}, [
        ("Cluster nodes (3 shard(s) x 2, highmem_medium)", "4380 node-hours",
         "Cloud Memorystore for Redis [Cluster] nodeType=REDIS_HIGHMEM_MEDIUM"),
    ]),
    Case("defaults: 1 shard, no replica", "google_redis_cluster", {"node_type": "redis_shared_core_nano"}, [
        ("Cluster nodes (1 shard(s) x 1, shared_core_nano)", "730 node-hours",
         "Cloud Memorystore for Redis [Cluster] nodeType=REDIS_SHARED_CORE_NANO"),
    ]),
    Case("Memcached: 2 nodes of 1 vCPU, 1024 MB", "google_memcache_instance",
         {"node_count": 2, "node_config": [{"cpu_count": 1, "memory_size_mb": 1024}]}, [
        ("vCPUs (2 x 1)", "1460 vCPU-hours", "Cloud Memorystore for Memcached resource=vcpu"),
        ("Memory (2 x 1024 MB)", "1460 GB-hours", "Cloud Memorystore for Memcached resource=memory"),
    ]),
]

test_table = table_test(CASES)
