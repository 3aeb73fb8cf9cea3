"""Table tests: costlib.resources.azure.postgres (the legacy single server)."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "postgresql single server GP 4 vCores, 100 GB",
        "azurerm_postgresql_server",
        {"sku_name": "GP_Gen5_4", "storage_mb": 102400},
        [
            (
                "Compute (General Purpose, Gen5, 4 vCores)",
                "2920 vCore-hours",
                "Azure Database for PostgreSQL meterName=vCore productName=Azure Database for PostgreSQL Single Server General Purpose - Compute Gen5",
            ),
            (
                "Storage (General Purpose)",
                "100 GB",
                "Azure Database for PostgreSQL meterName=Storage Data Stored productName=Azure Database for PostgreSQL Single Server General Purpose - Storage",
            ),
        ],
    ),
    Case(
        "postgresql single server MO 8 vCores with geo backups from usage",
        "azurerm_postgresql_server",
        {"sku_name": "MO_Gen5_8", "storage_mb": 5120, "geo_redundant_backup_enabled": True},
        [
            (
                "Compute (Memory Optimized, Gen5, 8 vCores)",
                "5840 vCore-hours",
                "Azure Database for PostgreSQL meterName=vCore productName=Azure Database for PostgreSQL Single Server Memory Optimized - Compute Gen5",
            ),
            (
                "Storage (Memory Optimized)",
                "5 GB",
                "Azure Database for PostgreSQL meterName=Storage Data Stored productName=Azure Database for PostgreSQL Single Server Memory Optimized - Storage",
            ),
            (
                "Backup storage above the free allowance (GRS)",
                "3000 GB",
                "Azure Database for PostgreSQL productName=Azure Database for PostgreSQL Single Server Backup Storage skuName=Backup GRS",
            ),
        ],
        usage={"additional_backup_storage_gb": 3000},
    ),
]

test_table = table_test(CASES)
