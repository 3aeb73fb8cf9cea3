"""Table tests: costlib.resources.azure.data."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "sql dtu",
        "azurerm_mssql_database",
        {"sku_name": "S3"},
        [
            ("Database (Standard S3)", "730 hours", "SQL Database productName=SQL Database Single Standard skuName=S3"),
        ],
    ),
    Case(
        "sql vcore",
        "azurerm_mssql_database",
        {"sku_name": "BC_Gen5_4", "max_size_gb": 100},
        [
            (
                "Compute (Business Critical, 4 vCores)",
                "2920 vCore-hours",
                "SQL Database productName=SQL Database Single/Elastic Pool Business Critical - Compute Gen5 skuName=vCore",
            ),
            (
                "Storage (Business Critical)",
                "100 GB",
                "SQL Database meterName=Business Critical Data Stored productName=SQL Database Single/Elastic Pool Business Critical - Storage",
            ),
        ],
    ),
    Case(
        "pg b",
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
        "pg gp",
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
        ],
    ),
    Case(
        "sa",
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
