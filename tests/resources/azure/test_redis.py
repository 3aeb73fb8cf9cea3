"""Table tests: costlib.resources.azure.redis (per node-hour: Basic 1, Standard 2, Premium shards x replicas)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "basic C0: one node",
        "azurerm_redis_cache",
        {"sku_name": "Basic", "family": "C", "capacity": 0},
        [
            ("Cache (Basic C0, 1 node)", "730 hours", "Redis Cache meterName=C0 Cache productName=Azure Redis Cache Basic"),
        ],
    ),
    Case(
        "standard C1: primary and replica",
        "azurerm_redis_cache",
        {"sku_name": "Standard", "family": "C", "capacity": 1},
        [
            (
                "Cache nodes (Standard C1, primary and replica)",
                "1460 node-hours",
                "Redis Cache meterName=C1 Cache Instance productName=Azure Redis Cache Standard",
            ),
        ],
    ),
    Case(
        "premium P1 unclustered: 2 nodes",
        "azurerm_redis_cache",
        {"sku_name": "Premium", "family": "P", "capacity": 1},
        [
            (
                "Cache nodes (Premium P1, 1 shards x 2 nodes)",
                "1460 node-hours",
                "Redis Cache meterName=P1 Cache Instance productName=Azure Redis Cache Premium",
            ),
        ],
    ),
    Case(
        "premium P2, 3 shards x (1 + 2 replicas)",
        "azurerm_redis_cache",
        {"sku_name": "Premium", "family": "P", "capacity": 2, "shard_count": 3, "replicas_per_primary": 2},
        [
            (
                "Cache nodes (Premium P2, 3 shards x 3 nodes)",
                "6570 node-hours",
                "Redis Cache meterName=P2 Cache Instance productName=Azure Redis Cache Premium",
            ),
        ],
    ),
    Case(
        "managed redis balanced B5 with HA",
        "azurerm_managed_redis",
        {"sku_name": "Balanced_B5"},
        [
            (
                "Managed Redis (Balanced B5, high availability)",
                "1460 node-hours",
                "Redis Cache meterName=B5 Cache Instance productName=Azure Managed Redis - Balanced",
            ),
        ],
    ),
    Case(
        "managed redis memory optimized M10 without HA",
        "azurerm_managed_redis",
        {"sku_name": "MemoryOptimized_M10", "high_availability_enabled": False},
        [
            (
                "Managed Redis (Memory Optimized M10, no high availability)",
                "730 node-hours",
                "Redis Cache meterName=M10 Cache Instance productName=Azure Managed Redis - Memory Optimized",
            ),
        ],
    ),
]

test_table = table_test(CASES)


def _price(rtype: str, attrs: dict[str, object]) -> None:
    part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus", attributes=attrs)).parts[0]
    part.rtype.price(part.inputs, part.usage)


def test_family_and_tier_must_agree() -> None:
    with pytest.raises(InputError, match="family P does not go with sku_name Standard"):
        _price("azurerm_redis_cache", {"sku_name": "Standard", "family": "P", "capacity": 1})
    with pytest.raises(InputError, match="not a size of family C"):
        _price("azurerm_redis_cache", {"sku_name": "Basic", "family": "C", "capacity": 9})
