"""Amazon ElastiCache clusters and replication groups (node hours).

Pricing: https://aws.amazon.com/elasticache/pricing/ — on-demand node hours per node type and engine;
Redis and Valkey backups beyond one free snapshot per cluster are billed per GB-month; Reserved Nodes (usage
``reserved_instance_term``, ``reserved_instance_payment_option``) bill an hourly rate and an upfront fee, shown over
the term. Serverless caches bill data stored per GB-hour (at least 1 GB for Redis OSS and Memcached, 100 MB for
Valkey) and ElastiCache Processing Units per million.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Count, Quantity, Usage, choice, usage_key

__all__ = ["aws_elasticache_cluster", "aws_elasticache_replication_group", "aws_elasticache_serverless_cache"]

_ENGINES = {"redis": "Redis", "memcached": "Memcached", "valkey": "Valkey"}
CacheEngine = Annotated[str, choice(*_ENGINES)]


class CacheUsage(Usage):
    snapshot_storage_size_gb: GB | None = usage_key("Backup storage beyond the free snapshot", unit="GB")
    reserved_instance_term: Annotated[str, choice("1_year", "3_year")] | None = usage_key(
        "Term of Reserved Nodes: 1_year or 3_year", unit="")
    reserved_instance_payment_option: Annotated[str, choice("no_upfront", "partial_upfront", "all_upfront")] | None = (
        usage_key("Payment option of Reserved Nodes: no_upfront, partial_upfront or all_upfront", unit=""))


_TERMS = {"1_year": "1yr", "3_year": "3yr"}
_PAYMENTS = {"no_upfront": "No Upfront", "partial_upfront": "Partial Upfront", "all_upfront": "All Upfront"}
_MONTHS = {"1_year": Decimal(12), "3_year": Decimal(36)}


def _nodes(region: str, node_type: str, engine: str, count: Decimal, usage: CacheUsage) -> list[CostComponent]:
    attrs = {"instanceType": node_type, "cacheEngine": _ENGINES[engine]}
    name = f"Cache nodes ({_ENGINES[engine]}, {node_type})"
    out: list[CostComponent] = []
    if usage.reserved_instance_term is None and usage.reserved_instance_payment_option is None:
        out.append(hourly(name, aws("AmazonElastiCache", region, "Cache Instance", **attrs), count))
    else:  # Reserved Nodes: an hourly rate for the term and an upfront fee (shown over the term)
        term = usage.reserved_instance_term or "1_year"
        payment = usage.reserved_instance_payment_option or "no_upfront"
        term_name = f"{_TERMS[term]} {_PAYMENTS[payment]}"
        label = f"{name}, reserved {term.replace('_', ' ')} {payment.replace('_', ' ')}"
        if payment != "all_upfront":
            out.append(hourly(label, aws("AmazonElastiCache", region, "Cache Instance", option="reserved",
                                         term=term_name, unit="Hrs", **attrs), count))
        if payment != "no_upfront":
            out.append(monthly(f"{label}, upfront fee over {_MONTHS[term]:.0f} months",
                               aws("AmazonElastiCache", region, "Cache Instance", option="reserved", term=term_name,
                                   unit="Quantity", **attrs), count / _MONTHS[term], unit="nodes"))
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


class ServerlessCache(AwsInputs):
    engine: CacheEngine


class ServerlessCacheUsage(Usage):
    average_data_stored_gb: GB | None = usage_key("Data stored on average over the month", unit="GB")
    monthly_ecpus: Quantity | None = usage_key("ElastiCache Processing Units consumed a month", unit="ECPUs")


#: minimum data storage billed per engine
_MIN_STORAGE_GB = {"redis": Decimal(1), "memcached": Decimal(1), "valkey": Decimal("0.1")}


@resource("aws_elasticache_serverless_cache", example={"engine": "valkey"})
def aws_elasticache_serverless_cache(i: ServerlessCache, u: ServerlessCacheUsage) -> list[CostComponent]:
    """A serverless cache: data stored (GB-hours, with the engine's minimum) and ECPUs, from usage.
    Pricing: https://aws.amazon.com/elasticache/pricing/ (Serverless)
    """
    engine = _ENGINES[i.engine]
    stored = None if u.average_data_stored_gb is None else max(u.average_data_stored_gb, _MIN_STORAGE_GB[i.engine])
    return [
        usage_based(f"Data stored ({engine})", aws("AmazonElastiCache", region := i.region, "ElastiCache Serverless",
                                                   usagetype=f"ElastiCache:ServerlessStorage:{engine}"),
                    None if stored is None else stored * Decimal(730), unit="GB-hours",
                    usage_key="average_data_stored_gb"),
        usage_based(f"Processing units ({engine})", aws("AmazonElastiCache", region, "ElastiCache Serverless",
                                                       usagetype=f"ElastiCache:ServerlessECPU:{engine}"),
                    None if u.monthly_ecpus is None else u.monthly_ecpus / Decimal(1000000), unit="1M ECPUs",
                    usage_key="monthly_ecpus"),
    ]
