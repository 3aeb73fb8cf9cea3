"""Amazon ElastiCache clusters and replication groups (node hours).

Pricing: https://aws.amazon.com/elasticache/pricing/
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr
from costlib.resources._q import aws, hourly
from costlib.resources.aws._common import region
from costlib.resources.registry import register

__all__ = ["aws_elasticache_cluster", "aws_elasticache_replication_group"]

_ENGINES = {"redis": "Redis", "memcached": "Memcached", "valkey": "Valkey"}


def _nodes(spec: ResourceSpec, node_type: str, engine: str, count: Decimal) -> CostComponent:
    return hourly(f"Cache nodes ({_ENGINES[engine]}, {node_type})",
                  aws("AmazonElastiCache", region(spec), "Cache Instance", instanceType=node_type,
                      cacheEngine=_ENGINES[engine]), count)


@register("aws_elasticache_cluster")
def aws_elasticache_cluster(spec: ResourceSpec) -> list[CostComponent]:
    """A cache cluster: ``node_type``, ``engine`` (redis/memcached/valkey), ``num_cache_nodes`` (default 1).

    Pricing: https://aws.amazon.com/elasticache/pricing/
    """
    node_type = attr(spec, "node_type")
    if not node_type:
        raise InputError("node_type is required", where=spec.address)
    engine = str(attr(spec, "engine", "redis")).lower()
    if engine not in _ENGINES:
        raise InputError(f"unknown engine {engine!r}", where=spec.address)
    return [_nodes(spec, str(node_type), engine, Decimal(str(attr(spec, "num_cache_nodes", 1))))]


@register("aws_elasticache_replication_group")
def aws_elasticache_replication_group(spec: ResourceSpec) -> list[CostComponent]:
    """A replication group: ``node_type`` x (``num_cache_clusters``, or ``num_node_groups`` x
    (``replicas_per_node_group`` + 1)).

    Pricing: https://aws.amazon.com/elasticache/pricing/
    """
    node_type = attr(spec, "node_type")
    if not node_type:
        raise InputError("node_type is required", where=spec.address)
    engine = str(attr(spec, "engine", "redis")).lower()
    if engine not in _ENGINES:
        raise InputError(f"unknown engine {engine!r}", where=spec.address)
    if attr(spec, "num_node_groups") is not None:
        replicas = Decimal(str(attr(spec, "replicas_per_node_group", 0)))
        count = Decimal(str(attr(spec, "num_node_groups"))) * (replicas + 1)
    else:
        count = Decimal(str(attr(spec, "num_cache_clusters", 1)))
    return [_nodes(spec, str(node_type), engine, count)]
