"""Azure Cache for Redis and Azure Managed Redis.

Pricing: https://azure.microsoft.com/pricing/details/cache/ - billed per node-hour ("Cache Instance" meters):
Basic is one node; Standard a primary and a replica (two nodes); Premium ``shard_count`` shards (1 when not
clustered), each a primary and ``replicas_per_primary`` replicas (default 1). Azure Managed Redis
(https://azure.microsoft.com/pricing/details/managed-redis/) per instance-hour of its SKU, two nodes with
high availability (the default), one without.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, choice

__all__ = ["azurerm_managed_redis", "azurerm_redis_cache"]


class RedisCache(AzureInputs):
    sku_name: Annotated[str, choice("Basic", "Standard", "Premium")]
    family: Annotated[str, choice("C", "P")]
    capacity: Count
    shard_count: Count | None = None
    replicas_per_primary: Count | None = None


@resource("azurerm_redis_cache", example={"sku_name": "Standard", "family": "C", "capacity": 1})
def azurerm_redis_cache(i: RedisCache) -> list[CostComponent]:
    """A Redis cache: ``sku_name`` Basic (1 node), Standard (2 nodes) or Premium (``shard_count`` x (1 +
    ``replicas_per_primary``) nodes) of size ``family`` + ``capacity`` (C0-C6, P1-P5), per node-hour.

    Pricing: https://azure.microsoft.com/pricing/details/cache/
    """
    size = f"{i.family}{i.capacity}"
    if (i.family == "P") != (i.sku_name == "Premium"):
        raise InputError(f"family {i.family} does not go with sku_name {i.sku_name} (C: Basic/Standard, P: Premium)")
    if (i.family == "C" and i.capacity > 6) or (i.family == "P" and not 1 <= i.capacity <= 5):
        raise InputError(f"capacity {i.capacity} is not a size of family {i.family} (C0-C6, P1-P5)")
    product = f"Azure Redis Cache {i.sku_name}"
    if i.sku_name == "Basic":
        return [hourly(f"Cache (Basic {size}, 1 node)",
                       azure("Redis Cache", i.region, productName=product, meterName=f"{size} Cache"))]
    if i.sku_name == "Standard":
        nodes, shown = Decimal(2), "primary and replica"
    else:
        shards = i.shard_count or 1
        replicas = 1 if i.replicas_per_primary is None else i.replicas_per_primary
        nodes = Decimal(shards * (1 + replicas))
        shown = f"{shards} shards x {1 + replicas} nodes"
    return [hourly(f"Cache nodes ({i.sku_name} {size}, {shown})",
                   azure("Redis Cache", i.region, productName=product, meterName=f"{size} Cache Instance"),
                   nodes, unit="node-hours")]


_MANAGED = re.compile(r"^(Balanced|ComputeOptimized|MemoryOptimized|FlashOptimized)_([A-Z]\d+)$")
_MANAGED_TIER = {"Balanced": "Balanced", "ComputeOptimized": "Compute Optimized", "MemoryOptimized": "Memory Optimized",
                 "FlashOptimized": "Flash Optimized"}


class ManagedRedis(AzureInputs):
    sku_name: str
    high_availability_enabled: bool = True


@resource("azurerm_managed_redis", example={"sku_name": "Balanced_B5"})
def azurerm_managed_redis(i: ManagedRedis) -> list[CostComponent]:
    """An Azure Managed Redis instance: ``sku_name`` (Balanced_B5, MemoryOptimized_M10, ComputeOptimized_X5,
    FlashOptimized_A250 ...) per node-hour, two nodes with ``high_availability_enabled`` (default), else one.

    Pricing: https://azure.microsoft.com/pricing/details/managed-redis/
    """
    m = _MANAGED.match(i.sku_name)
    if m is None:
        raise InputError(f"sku_name {i.sku_name!r} is not an Azure Managed Redis SKU (e.g. Balanced_B5)")
    tier, size = _MANAGED_TIER[m.group(1)], m.group(2)
    nodes = Decimal(2 if i.high_availability_enabled else 1)
    return [hourly(f"Managed Redis ({tier} {size}, {'high availability' if nodes == 2 else 'no high availability'})",
                   azure("Redis Cache", i.region, productName=f"Azure Managed Redis - {tier}",
                         meterName=f"{size} Cache Instance"), nodes, unit="node-hours")]
