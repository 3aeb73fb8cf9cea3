"""Table tests: costlib.resources.azure.mysql (flexible and single servers, MariaDB)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "mysql flexible burstable B1s: 20 GB default storage",
        "azurerm_mysql_flexible_server",
        {},
        [
            (
                "Compute (B_Standard_B1s)",
                "730 hours",
                "Azure Database for MySQL productName=Azure Database for MySQL Flexible Server Burstable BS Series Compute skuName=B1s",
            ),
            (
                "Storage",
                "20 GB",
                "Azure Database for MySQL meterName=Storage Data Stored productName=Azure Database for MySQL Flexible Server Storage",
            ),
        ],
    ),
    Case(
        "mysql flexible GP with IOPS above the free 300 + 3/GiB and HA",
        "azurerm_mysql_flexible_server",
        {
            "sku_name": "GP_Standard_D2ds_v4",
            "storage": [{"size_gb": 100, "iops": 1000}],
            "high_availability": [{"mode": "SameZone"}],
        },
        [
            (
                "Compute (GP_Standard_D2ds_v4)",
                "730 hours",
                "Azure Database for MySQL productName=Azure Database for MySQL Flexible Server General Purpose Ddsv4 Series Compute skuName=D2ds v4",
            ),
            (
                "Storage",
                "100 GB",
                "Azure Database for MySQL meterName=Storage Data Stored productName=Azure Database for MySQL Flexible Server Storage",
            ),
            (
                "Additional IOPS above 600",
                "400 IOPS",
                "Azure Database for MySQL meterName=Additional IOPS productName=Azure Database for MySQL Flexible Server Storage",
            ),
            (
                "Standby compute (SameZone HA, GP_Standard_D2ds_v4)",
                "730 hours",
                "Azure Database for MySQL productName=Azure Database for MySQL Flexible Server General Purpose Ddsv4 Series Compute skuName=D2ds v4",
            ),
            (
                "Standby storage (SameZone HA)",
                "100 GB",
                "Azure Database for MySQL meterName=Storage Data Stored productName=Azure Database for MySQL Flexible Server Storage",
            ),
            (
                "Backup storage above the free allowance (LRS)",
                "200 GB",
                "Azure Database for MySQL meterName=Backup Storage LRS Data Stored",
            ),
        ],
        usage={"additional_backup_storage_gb": 200},
    ),
    Case(
        "mysql flexible IOPS within the free allowance: no IOPS charge; geo backups",
        "azurerm_mysql_flexible_server",
        {"sku_name": "MO_Standard_E4ds_v4", "storage": [{"size_gb": 100, "iops": 600}], "geo_redundant_backup_enabled": True},
        [
            (
                "Compute (MO_Standard_E4ds_v4)",
                "730 hours",
                "Azure Database for MySQL productName=Azure Database for MySQL Flexible Server Memory Optimized Edsv4 Series Compute skuName=E4ds v4",
            ),
            (
                "Storage",
                "100 GB",
                "Azure Database for MySQL meterName=Storage Data Stored productName=Azure Database for MySQL Flexible Server Storage",
            ),
        ],
    ),
    Case(
        "mysql single server GP 2 vCores, 50 GB",
        "azurerm_mysql_server",
        {"sku_name": "GP_Gen5_2", "storage_mb": 51200},
        [
            (
                "Compute (General Purpose, Gen5, 2 vCores)",
                "1460 vCore-hours",
                "Azure Database for MySQL meterName=vCore productName=Azure Database for MySQL Single Server General Purpose - Compute Gen5",
            ),
            (
                "Storage (General Purpose)",
                "50 GB",
                "Azure Database for MySQL meterName=Storage Data Stored productName=Azure Database for MySQL Single Server General Purpose - Storage",
            ),
            (
                "Backup storage above the free allowance (LRS)",
                "100 GB",
                "Azure Database for MySQL productName=Azure Database for MySQL Single Server Backup Storage skuName=Backup LRS",
            ),
        ],
        usage={"additional_backup_storage_gb": 100},
    ),
    Case(
        "mariadb basic 1 vCore, default 5 GB",
        "azurerm_mariadb_server",
        {"sku_name": "B_Gen5_1"},
        [
            (
                "Compute (Basic, Gen5, 1 vCores)",
                "730 vCore-hours",
                "Azure Database for MariaDB meterName=vCore productName=Azure Database for MariaDB Basic - Compute Gen5",
            ),
            (
                "Storage (Basic)",
                "5 GB",
                "Azure Database for MariaDB meterName=Storage Data Stored productName=Azure Database for MariaDB Basic - Storage",
            ),
        ],
    ),
]

test_table = table_test(CASES)


def test_geo_backups_on_basic_single_server_are_refused() -> None:
    spec = ResourceSpec(
        address="azurerm_mysql_server.m",
        type="azurerm_mysql_server",
        provider="azure",
        region="eastus",
        attributes={"sku_name": "B_Gen5_1", "geo_redundant_backup_enabled": True},
    )
    part = parse(spec).parts[0]
    with pytest.raises(InputError, match="not available on the Basic tier"):
        part.rtype.price(part.inputs, part.usage)
