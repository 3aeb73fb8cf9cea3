"""Table tests: costlib.resources.azure.data (PostgreSQL flexible server, storage accounts)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "pg burstable: compute and 32 GB storage; backups within the free allowance",
        "azurerm_postgresql_flexible_server",
        {"sku_name": "B_Standard_B1ms"},
        [
            (
                "Compute (B_Standard_B1ms)",
                "730 hours",
                "Azure Database for PostgreSQL meterName=B1MS productName=Azure Database for PostgreSQL Flexible Server Burstable BS Series Compute skuName=B1MS",
            ),
            (
                "Storage",
                "32 GB",
                "Azure Database for PostgreSQL meterName=Storage Data Stored productName=Az DB for PostgreSQL Flexible Server Storage skuName=Storage",
            ),
        ],
    ),
    Case(
        "pg general purpose D4ds_v5, 128 GB, 50 GB of backups above the allowance",
        "azurerm_postgresql_flexible_server",
        {"sku_name": "GP_Standard_D4ds_v5", "storage_mb": 131072},
        [
            (
                "Compute (GP_Standard_D4ds_v5)",
                "730 hours",
                "Azure Database for PostgreSQL productName=Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute skuName=D4ds v5",
            ),
            (
                "Storage",
                "128 GB",
                "Azure Database for PostgreSQL meterName=Storage Data Stored productName=Az DB for PostgreSQL Flexible Server Storage skuName=Storage",
            ),
            (
                "Backup storage above the free allowance (LRS)",
                "50 GB",
                "Azure Database for PostgreSQL meterName=Backup Storage LRS Data Stored",
            ),
        ],
        usage={"additional_backup_storage_gb": 50},
    ),
    Case(
        "pg zone-redundant HA: the standby bills compute and storage again; geo-redundant backups",
        "azurerm_postgresql_flexible_server",
        {
            "sku_name": "GP_Standard_D2s_v3",
            "storage_mb": 65536,
            "high_availability": [{"mode": "ZoneRedundant"}],
            "geo_redundant_backup_enabled": True,
        },
        [
            (
                "Compute (GP_Standard_D2s_v3)",
                "730 hours",
                "Azure Database for PostgreSQL productName=Azure Database for PostgreSQL Flexible Server General Purpose Dsv3 Series Compute skuName=D2s v3",
            ),
            (
                "Storage",
                "64 GB",
                "Azure Database for PostgreSQL meterName=Storage Data Stored productName=Az DB for PostgreSQL Flexible Server Storage skuName=Storage",
            ),
            (
                "Standby compute (ZoneRedundant HA, GP_Standard_D2s_v3)",
                "730 hours",
                "Azure Database for PostgreSQL productName=Azure Database for PostgreSQL Flexible Server General Purpose Dsv3 Series Compute skuName=D2s v3",
            ),
            (
                "Standby storage (ZoneRedundant HA)",
                "64 GB",
                "Azure Database for PostgreSQL meterName=Storage Data Stored productName=Az DB for PostgreSQL Flexible Server Storage skuName=Storage",
            ),
        ],
    ),
    Case(
        "storage account: cool GRS blobs",
        "azurerm_storage_account",
        {"access_tier": "Cool", "account_replication_type": "GRS"},
        [
            (
                "Blob capacity (Cool GRS)",
                "1000 GB",
                "Storage meterName=Cool GRS Data Stored productName=General Block Blob v2 skuName=Cool GRS",
            ),
        ],
        usage={"storage_gb": 1000},
    ),
]

test_table = table_test(CASES)


def test_high_availability_on_a_burstable_server_is_refused() -> None:
    spec = ResourceSpec(
        address="azurerm_postgresql_flexible_server.p",
        type="azurerm_postgresql_flexible_server",
        provider="azure",
        region="eastus",
        attributes={"sku_name": "B_Standard_B1ms", "high_availability": [{"mode": "SameZone"}]},
    )
    part = parse(spec).parts[0]
    with pytest.raises(InputError, match="not available on Burstable"):
        part.rtype.price(part.inputs, part.usage)
