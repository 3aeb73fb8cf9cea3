"""Amazon ElastiCache clusters and replication groups (node hours).

Pricing: https://aws.amazon.com/elasticache/pricing/ — on-demand node hours per node type and engine;
Redis and Valkey backups beyond one free snapshot per cluster are billed per GB-month.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Count, Usage, choice, usage_key

__all__ = ["aws_elasticache_cluster", "aws_elasticache_replication_group"]

_ENGINES = {"redis": "Redis", "memcached": "Memcached", "valkey": "Valkey"}
CacheEngine = Annotated[str, choice(*_ENGINES)]


class CacheUsage(Usage):
    snapshot_storage_size_gb: GB | None = usage_key("Backup storage beyond the free snapshot", unit="GB")


def _nodes(region: str, node_type: str, engine: str, count: Decimal, usage: CacheUsage) -> list[CostComponent]:
    out = [hourly(f"Cache nodes ({_ENGINES[engine]}, {node_type})",
                  aws("AmazonElastiCache", region, "Cache Instance", instanceType=node_type,
                      cacheEngine=_ENGINES[engine]), count)]
    if usage.snapshot_storage_size_gb:
        out.append(monthly("Backup storage", aws("AmazonElastiCache", region, "Storage Snapshot",
                                                 usagetype="BackupUsage"), usage.snapshot_storage_size_gb, unit="GB"))
    return out


class CacheCluster(AwsInputs):
    node_type: str
    engine: CacheEngine = "redis"
    num_cache_nodes: Count = 1


@resource("aws_elasticache_cluster", example={"node_type": "cache.t3.medium", "engine": "redis"})
def aws_elasticache_cluster(i: CacheCluster, u: CacheUsage) -> list[CostComponent]:
    """A cache cluster: ``node_type``, ``engine`` (redis/memcached/valkey), ``num_cache_nodes`` (default 1).

    Pricing: https://aws.amazon.com/elasticache/pricing/
    """
    return _nodes(i.region, i.node_type, i.engine, Decimal(i.num_cache_nodes), u)


class ReplicationGroup(AwsInputs):
    node_type: str
    engine: CacheEngine = "redis"
    num_cache_clusters: Count | None = None
    num_node_groups: Count | None = None
    replicas_per_node_group: Count = 0


@resource("aws_elasticache_replication_group", example={"node_type": "cache.r6g.large", "num_cache_clusters": 2})
def aws_elasticache_replication_group(i: ReplicationGroup, u: CacheUsage) -> list[CostComponent]:
    """A replication group: ``node_type`` x (``num_cache_clusters``, or ``num_node_groups`` x
    (``replicas_per_node_group`` + 1)).

    Pricing: https://aws.amazon.com/elasticache/pricing/
    """
    if i.num_node_groups is not None:
        count = Decimal(i.num_node_groups) * (i.replicas_per_node_group + 1)
    else:
        count = Decimal(i.num_cache_clusters if i.num_cache_clusters is not None else 1)
    return _nodes(i.region, i.node_type, i.engine, count, u)
