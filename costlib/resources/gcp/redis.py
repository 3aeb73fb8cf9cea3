"""GCP Memorystore for Redis Cluster and Memorystore for Memcached.

Pricing: https://cloud.google.com/memorystore/docs/cluster/pricing (a cluster is billed per node-hour by node type;
nodes = shards x (1 + replicas per shard)), https://cloud.google.com/memorystore/docs/memcached/pricing (per node:
vCPU-hours and memory GB-hours).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly
from costlib.resources.registry import resource
from costlib.resources.schema import Block, Count, GcpInputs, Model, choice

__all__ = ["google_memcache_instance", "google_redis_cluster"]

_NODE_TYPES = ("REDIS_SHARED_CORE_NANO", "REDIS_STANDARD_SMALL", "REDIS_HIGHMEM_MEDIUM", "REDIS_HIGHMEM_XLARGE")


class RedisCluster(GcpInputs):
    shard_count: Count = 1
    replica_count: Count = 0
    node_type: Annotated[str, choice(*_NODE_TYPES, what="node type")] = "REDIS_HIGHMEM_MEDIUM"


@resource("google_redis_cluster", example={"region": "us-central1", "shard_count": 3, "replica_count": 1})
def google_redis_cluster(i: RedisCluster) -> list[CostComponent]:
    """A Redis cluster: ``shard_count`` x (1 + ``replica_count``) nodes of ``node_type`` (default
    REDIS_HIGHMEM_MEDIUM), billed per node-hour.

    Pricing: https://cloud.google.com/memorystore/docs/cluster/pricing
    """
    nodes = Decimal(i.shard_count * (1 + i.replica_count))
    kind = i.node_type.removeprefix("REDIS_").lower()
    return [hourly(f"Cluster nodes ({i.shard_count} shard(s) x {1 + i.replica_count}, {kind})",
                   gcp("Cloud Memorystore for Redis", i.region, "Cluster", nodeType=i.node_type), nodes,
                   unit="node-hours")]


class MemcacheNodeConfig(Model):
    cpu_count: Count = 1
    memory_size_mb: Count = 1024


class MemcacheInstance(GcpInputs):
    node_count: Count = 1
    node_config: Block[MemcacheNodeConfig] = None


@resource("google_memcache_instance", example={"region": "us-central1", "node_count": 2,
                                               "node_config": [{"cpu_count": 1, "memory_size_mb": 1024}]})
def google_memcache_instance(i: MemcacheInstance) -> list[CostComponent]:
    """A Memcached instance: ``node_count`` nodes, each ``node_config.cpu_count`` vCPUs and ``memory_size_mb``,
    billed per vCPU-hour and per GB-hour.

    Pricing: https://cloud.google.com/memorystore/docs/memcached/pricing
    """
    cfg = i.node_config or MemcacheNodeConfig()
    nodes = Decimal(i.node_count)
    svc = "Cloud Memorystore for Memcached"
    return [hourly(f"vCPUs ({i.node_count} x {cfg.cpu_count})", gcp(svc, i.region, resource="vcpu"),
                   nodes * cfg.cpu_count, unit="vCPU-hours"),
            hourly(f"Memory ({i.node_count} x {cfg.memory_size_mb} MB)", gcp(svc, i.region, resource="memory"),
                   nodes * Decimal(cfg.memory_size_mb) / Decimal(1024), unit="GB-hours")]
