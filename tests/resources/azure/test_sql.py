"""Table tests: costlib.resources.azure.sql (DTU per day, vCore compute + licence, serverless from usage)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "DTU S3 per day; 500 GB is 250 GB above the included 250",
        "azurerm_mssql_database",
        {"sku_name": "S3", "max_size_gb": 500},
        [
            (
                "Database (Standard S3, per day)",
                "30.41666666666666666666666667 days",
                "SQL Database productName=SQL Database Single Standard skuName=S3",
            ),
            (
                "Extra data storage above 250 GB (Standard)",
                "250 GB",
                "SQL Database meterName=Data Stored productName=SQL Database Single Standard",
            ),
        ],
    ),
    Case(
        "Basic: 2 GB included, no extra storage",
        "azurerm_mssql_database",
        {"sku_name": "Basic", "max_size_gb": 2},
        [
            (
                "Database (Basic, per day)",
                "30.41666666666666666666666667 days",
                "SQL Database productName=SQL Database Single Basic skuName=Basic",
            ),
        ],
    ),
    Case(
        "vCore GP 4 vCores zone redundant: compute, ZR surcharge, licence, storage, backups",
        "azurerm_mssql_database",
        {"sku_name": "GP_Gen5_4", "zone_redundant": True, "max_size_gb": 100},
        [
            (
                "Compute (General Purpose, Gen5, 4 vCores)",
                "730 hours",
                "SQL Database meterName=vCore productName=SQL Database Single/Elastic Pool General Purpose - Compute Gen5 skuName=4 vCore",
            ),
            (
                "Zone redundancy (General Purpose)",
                "730 hours",
                "SQL Database productName=SQL Database Single/Elastic Pool General Purpose - Compute Gen5 skuName=4 vCore Zone Redundancy",
            ),
            (
                "SQL license (General Purpose, 4 vCores)",
                "2920 vCore-hours",
                "SQL Database meterName=vCore productName=SQL Database Single/Elastic Pool General Purpose - SQL License",
            ),
            (
                "Storage (General Purpose)",
                "100 GB",
                "SQL Database meterName=General Purpose Data Stored productName=SQL Database Single/Elastic Pool General Purpose - Storage",
            ),
            (
                "Point-in-time backup storage above the free allowance (Backup RA-GRS)",
                "10 GB",
                "SQL Database productName=SQL Database Single/Elastic Pool PITR Backup Storage skuName=Backup RA-GRS",
            ),
        ],
        usage={"backup_storage_gb": 10},
    ),
    Case(
        "vCore BC with Azure Hybrid Benefit: no licence; local backups",
        "azurerm_mssql_database",
        {"sku_name": "BC_Gen5_8", "license_type": "BasePrice", "storage_account_type": "Local"},
        [
            (
                "Compute (Business Critical, Gen5, 8 vCores)",
                "730 hours",
                "SQL Database meterName=vCore productName=SQL Database Single/Elastic Pool Business Critical - Compute Gen5 skuName=8 vCore",
            ),
            (
                "Storage (Business Critical)",
                "32 GB",
                "SQL Database meterName=Business Critical Data Stored productName=SQL Database Single/Elastic Pool Business Critical - Storage",
            ),
        ],
    ),
    Case(
        "serverless by default: vCore-hours from usage (auto-pause)",
        "azurerm_mssql_database",
        {},
        [
            (
                "Compute (General Purpose serverless, up to 2 vCores)",
                "600 vCore-hours",
                "SQL Database meterName=vCore productName=SQL Database General Purpose - Serverless - Compute Gen5 skuName=1 vCore",
            ),
            (
                "Storage (General Purpose)",
                "32 GB",
                "SQL Database meterName=General Purpose Data Stored productName=SQL Database Single/Elastic Pool General Purpose - Storage",
            ),
        ],
        usage={"monthly_vcore_hours": 600},
    ),
    Case(
        "hyperscale with 2 read replicas: compute x3, licence for all, used storage",
        "azurerm_mssql_database",
        {"sku_name": "HS_Gen5_2", "read_replica_count": 2},
        [
            (
                "Compute (Hyperscale, Gen5, 2 vCores)",
                "730 hours",
                "SQL Database meterName=vCore productName=SQL Database SingleDB/Elastic Pool Hyperscale - Compute Gen5 skuName=2 vCore",
            ),
            (
                "Read replicas compute (2 x 2 vCores)",
                "1460 hours",
                "SQL Database meterName=vCore productName=SQL Database SingleDB/Elastic Pool Hyperscale - Compute Gen5 skuName=2 vCore",
            ),
            (
                "SQL license (Hyperscale, 6 vCores)",
                "4380 vCore-hours",
                "SQL Database meterName=vCore productName=SQL Database SingleDB/Elastic Pool Hyperscale - SQL License",
            ),
            ("Storage (Hyperscale, used)", "500 GB", "SQL Database productName=SQL Database SingleDB Hyperscale - Storage"),
        ],
        usage={"extra_data_storage_gb": 500},
    ),
    Case(
        "legacy database: S1 objective",
        "azurerm_sql_database",
        {"requested_service_objective_name": "S1"},
        [
            (
                "Database (Standard S1, per day)",
                "30.41666666666666666666666667 days",
                "SQL Database productName=SQL Database Single Standard skuName=S1",
            ),
        ],
    ),
    Case(
        "legacy database: Premium edition defaults to P1, 1 TB in bytes",
        "azurerm_sql_database",
        {"edition": "Premium", "max_size_bytes": 1099511627776},
        [
            (
                "Database (Premium P1, per day)",
                "30.41666666666666666666666667 days",
                "SQL Database productName=SQL Database Single Premium skuName=P1",
            ),
            (
                "Extra data storage above 500 GB (Premium)",
                "524 GB",
                "SQL Database meterName=Data Stored productName=SQL Database Single Premium",
            ),
        ],
    ),
    Case(
        "eDTU pool Standard 100: 100 GB included",
        "azurerm_mssql_elasticpool",
        {"sku": [{"name": "StandardPool", "tier": "Standard", "capacity": 100}], "max_size_gb": 200},
        [
            (
                "Elastic pool (Standard, 100 eDTUs, per day)",
                "30.41666666666666666666666667 days",
                "SQL Database meterName=eDTUs productName=SQL Database Elastic Pool - Standard skuName=100 DTU Pack",
            ),
            (
                "Extra pool storage above 100 GB (Standard)",
                "100 GB",
                "SQL Database meterName=Data Stored productName=SQL Database Elastic Pool - Standard",
            ),
        ],
    ),
    Case(
        "vCore pool GP_Gen5 4 vCores",
        "azurerm_mssql_elasticpool",
        {"sku": [{"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 4}], "max_size_gb": 100},
        [
            (
                "Compute (General Purpose, Gen5, 4 vCores)",
                "730 hours",
                "SQL Database meterName=vCore productName=SQL Database Single/Elastic Pool General Purpose - Compute Gen5 skuName=4 vCore",
            ),
            (
                "SQL license (General Purpose, 4 vCores)",
                "2920 vCore-hours",
                "SQL Database meterName=vCore productName=SQL Database Single/Elastic Pool General Purpose - SQL License",
            ),
            (
                "Storage (General Purpose)",
                "100 GB",
                "SQL Database meterName=General Purpose Data Stored productName=SQL Database Single/Elastic Pool General Purpose - Storage",
            ),
        ],
    ),
    Case(
        "legacy pool Premium 125 eDTUs, 250 GB included",
        "azurerm_sql_elasticpool",
        {"edition": "Premium", "dtu": 125, "pool_size": 512000},
        [
            (
                "Elastic pool (Premium, 125 eDTUs, per day)",
                "30.41666666666666666666666667 days",
                "SQL Database meterName=eDTUs productName=SQL Database Elastic Pool - Premium skuName=125 DTU Pack",
            ),
            (
                "Extra pool storage above 250 GB (Premium)",
                "250 GB",
                "SQL Database meterName=Data Stored productName=SQL Database Elastic Pool - Premium",
            ),
        ],
    ),
    Case(
        "managed instance GP 8 vCores licence included, 256 GB (32 GB included)",
        "azurerm_mssql_managed_instance",
        {"sku_name": "GP_Gen5", "vcores": 8, "storage_size_in_gb": 256, "license_type": "LicenseIncluded"},
        [
            (
                "Compute (General Purpose, Gen5, 8 vCores)",
                "730 hours",
                "SQL Managed Instance meterName=vCore productName=SQL Managed Instance General Purpose - Compute Gen5 skuName=8 vCore",
            ),
            (
                "SQL license (General Purpose, 8 vCores)",
                "5840 vCore-hours",
                "SQL Managed Instance meterName=vCore productName=SQL Managed Instance General Purpose - SQL License",
            ),
            (
                "Storage (General Purpose, first 32 GB included)",
                "256 GB",
                "SQL Managed Instance meterName=General Purpose Data Stored productName=SQL Managed Instance General Purpose - Storage",
            ),
            (
                "Point-in-time backup storage above the free allowance (Backup RA-GRS)",
                "100 GB",
                "SQL Managed Instance productName=SQL Managed Instance PITR Backup Storage skuName=Backup RA-GRS",
            ),
            (
                "Long-term retention backup storage (Backup RA-GRS)",
                "5 GB",
                "SQL Managed Instance productName=SQL Managed Instance - LTR Backup Storage skuName=Backup RA-GRS",
            ),
        ],
        usage={"backup_storage_gb": 100, "long_term_retention_storage_gb": 5},
    ),
    Case(
        "legacy managed instance BC with Hybrid Benefit, LRS backups",
        "azurerm_sql_managed_instance",
        {"sku_name": "BC_Gen5", "vcores": 4, "license_type": "BasePrice", "storage_account_type": "LRS"},
        [
            (
                "Compute (Business Critical, Gen5, 4 vCores)",
                "730 hours",
                "SQL Managed Instance meterName=vCore productName=SQL Managed Instance Business Critical - Compute Gen5 skuName=4 vCore",
            ),
            (
                "Storage (Business Critical, first 32 GB included)",
                "32 GB",
                "SQL Managed Instance meterName=Business Critical Data Stored productName=SQL Managed Instance Business Critical - Storage",
            ),
        ],
    ),
]

test_table = table_test(CASES)


def _price(rtype: str, attrs: dict[str, object]) -> None:
    part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus", attributes=attrs)).parts[0]
    part.rtype.price(part.inputs, part.usage)


def test_a_database_in_an_elastic_pool_is_billed_on_the_pool() -> None:
    with pytest.raises(InputError, match="billed on the pool"):
        _price("azurerm_mssql_database", {"sku_name": "ElasticPool", "elastic_pool_id": "/x/pool"})


def test_an_unknown_sku_names_the_attribute() -> None:
    with pytest.raises(InputError, match="sku_name 'XL_9' is not a DTU"):
        _price("azurerm_mssql_database", {"sku_name": "XL_9"})
    with pytest.raises(InputError, match="not a managed instance SKU"):
        _price("azurerm_mssql_managed_instance", {"sku_name": "HS_Gen5", "license_type": "BasePrice"})
