"""Table tests: costlib.resources.azure.containers (registry per day, storage above the included, replicas; container apps per second)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "registry: Basic per day, 10 GB included",
        "azurerm_container_registry",
        {},
        [
            (
                "Registry (Basic, per day)",
                "30.41666666666666666666666667 days",
                "Container Registry meterName=Basic Registry Unit productName=Container Registry skuName=Basic",
            ),
            (
                "Storage above the included 10 GB",
                "? GB",
                "Container Registry meterName=Data Stored productName=Container Registry",
            ),
        ],
    ),
    Case(
        "registry: Standard, 150 GB stored, 10 build hours",
        "azurerm_container_registry",
        {"sku": "Standard"},
        [
            (
                "Registry (Standard, per day)",
                "30.41666666666666666666666667 days",
                "Container Registry meterName=Standard Registry Unit productName=Container Registry skuName=Standard",
            ),
            (
                "Storage above the included 100 GB",
                "150 GB",
                "Container Registry meterName=Data Stored productName=Container Registry",
            ),
            (
                "Build vCPU time (ACR Tasks)",
                "36000 vCPU-seconds",
                "Container Registry meterName=Task vCPU Duration productName=Container Registry",
            ),
        ],
        usage={"storage_gb": 150, "monthly_build_vcpu_hrs": 10},
    ),
    Case(
        "registry: Premium geo-replicated to two regions",
        "azurerm_container_registry",
        {"sku": "Premium", "georeplications": [{"location": "West Europe"}, {"location": "northeurope"}]},
        [
            (
                "Registry (Premium, per day)",
                "30.41666666666666666666666667 days",
                "Container Registry meterName=Premium Registry Unit productName=Container Registry skuName=Premium",
            ),
            (
                "Geo-replication to westeurope (Premium, per day)",
                "30.41666666666666666666666667 days",
                "Container Registry meterName=Premium Registry Unit productName=Container Registry skuName=Premium",
            ),
            (
                "Geo-replication to northeurope (Premium, per day)",
                "30.41666666666666666666666667 days",
                "Container Registry meterName=Premium Registry Unit productName=Container Registry skuName=Premium",
            ),
            (
                "Storage above the included 500 GB",
                "600 GB",
                "Container Registry meterName=Data Stored productName=Container Registry",
            ),
            ("Storage of the replicas", "?", "not modelled"),
        ],
        usage={"storage_gb": 600},
    ),
    Case(
        "container app: scale to zero, active seconds and requests",
        "azurerm_container_app",
        {"template": [{"container": [{"name": "a", "cpu": 0.25, "memory": "0.5Gi"}]}]},
        [
            (
                "Active vCPU (0.25 vCPU per replica)",
                "500000 vCPU-seconds",
                "Azure Container Apps meterName=Standard vCPU Active Usage skuName=Standard",
            ),
            (
                "Active memory (0.5 GiB per replica)",
                "1000000 GiB-seconds",
                "Azure Container Apps meterName=Standard Memory Active Usage skuName=Standard",
            ),
            ("Requests", "5 1M requests", "Azure Container Apps meterName=Standard Requests skuName=Standard"),
        ],
        usage={"monthly_active_replica_seconds": 2000000, "monthly_requests": 5000000},
    ),
    Case(
        "container app: one warm replica idles the rest of the month",
        "azurerm_container_app",
        {"template": [{"container": [{"name": "a", "cpu": 0.5, "memory": "1Gi"}], "min_replicas": 1}]},
        [
            (
                "Active vCPU (0.5 vCPU per replica)",
                "500000 vCPU-seconds",
                "Azure Container Apps meterName=Standard vCPU Active Usage skuName=Standard",
            ),
            (
                "Active memory (1 GiB per replica)",
                "1000000 GiB-seconds",
                "Azure Container Apps meterName=Standard Memory Active Usage skuName=Standard",
            ),
            (
                "Idle vCPU (1 warm replicas)",
                "814000 vCPU-seconds",
                "Azure Container Apps meterName=Standard vCPU Idle Usage skuName=Standard",
            ),
            (
                "Idle memory (1 warm replicas)",
                "1628000 GiB-seconds",
                "Azure Container Apps meterName=Standard Memory Idle Usage skuName=Standard",
            ),
            ("Requests", "? 1M requests", "Azure Container Apps meterName=Standard Requests skuName=Standard"),
        ],
        usage={"monthly_active_replica_seconds": 1000000},
    ),
    Case(
        "container app: warm replica without usage",
        "azurerm_container_app",
        {
            "template": [
                {
                    "container": [{"name": "a", "cpu": 1, "memory": "2Gi"}, {"name": "b", "cpu": 0.25, "memory": "0.5Gi"}],
                    "min_replicas": 2,
                }
            ]
        },
        [
            (
                "Active vCPU (1.25 vCPU per replica)",
                "? vCPU-seconds",
                "Azure Container Apps meterName=Standard vCPU Active Usage skuName=Standard",
            ),
            (
                "Active memory (2.5 GiB per replica)",
                "? GiB-seconds",
                "Azure Container Apps meterName=Standard Memory Active Usage skuName=Standard",
            ),
            (
                "Idle vCPU (2 warm replicas)",
                "? vCPU-seconds",
                "Azure Container Apps meterName=Standard vCPU Idle Usage skuName=Standard",
            ),
            (
                "Idle memory (2 warm replicas)",
                "? GiB-seconds",
                "Azure Container Apps meterName=Standard Memory Idle Usage skuName=Standard",
            ),
            ("Requests", "? 1M requests", "Azure Container Apps meterName=Standard Requests skuName=Standard"),
        ],
    ),
    Case(
        "container app on a dedicated workload profile: billed on the environment",
        "azurerm_container_app",
        {"workload_profile_name": "D4"},
        [
            ("Container app on workload profile D4", "1 months", "fixed 0 USD"),
        ],
    ),
]

test_table = table_test(CASES)


def test_geo_replication_needs_premium_and_memory_must_be_gi() -> None:
    for rtype, attrs, match in (
        (
            "azurerm_container_registry",
            {"sku": "Standard", "georeplications": [{"location": "westus"}]},
            "need the Premium sku",
        ),
        ("azurerm_container_app", {"template": [{"container": [{"cpu": 1, "memory": "2GB"}]}]}, "not a size in Gi"),
    ):
        part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus", attributes=attrs)).parts[
            0
        ]
        with pytest.raises(InputError, match=match):
            part.rtype.price(part.inputs, part.usage)
