"""Azure databases and storage: SQL Database, PostgreSQL flexible server, storage accounts.

Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/single/,
https://azure.microsoft.com/pricing/details/postgresql/flexible-server/,
https://azure.microsoft.com/pricing/details/storage/blobs/.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, MB, AzureInputs, Usage, choice, usage_key

__all__ = ["azurerm_mssql_database", "azurerm_postgresql_flexible_server", "azurerm_storage_account"]

_DTU = re.compile(r"^(Basic|S\d+|P\d+)$")
_VCORE = re.compile(r"^(GP|BC|HS)_(Gen5|S_Gen5)_(\d+)$")


class MssqlDatabase(AzureInputs):
    sku_name: str = "GP_S_Gen5_2"
    max_size_gb: GB = Decimal(32)


@resource("azurerm_mssql_database", example={"sku_name": "GP_Gen5_2", "max_size_gb": 32})
def azurerm_mssql_database(i: MssqlDatabase) -> list[CostComponent]:
    """A SQL database: DTU (``sku_name`` Basic, S0-S12, P1-P15) or vCore (GP_Gen5_2, BC_Gen5_4 ...), plus
    ``max_size_gb`` storage for vCore tiers.

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/single/
    """
    region, sku = i.region, i.sku_name
    if _DTU.match(sku):
        tier = "Basic" if sku == "Basic" else ("Standard" if sku.startswith("S") else "Premium")
        return [hourly(f"Database ({tier} {sku})",
                       azure("SQL Database", region, productName=f"SQL Database Single {tier}", skuName=sku))]
    m = _VCORE.match(sku)
    if not m:
        raise InputError(f"sku_name {sku!r} is not a DTU or vCore SKU")
    family = {"GP": "General Purpose", "BC": "Business Critical", "HS": "Hyperscale"}[m.group(1)]
    serverless = m.group(2) == "S_Gen5"
    vcores = Decimal(m.group(3))
    out = [hourly(f"Compute ({family}{' serverless' if serverless else ''}, {vcores} vCores)",
                  azure("SQL Database", region,
                        productName=f"SQL Database Single/Elastic Pool {family} - Compute Gen5",
                        skuName="vCore"), vcores, unit="vCore-hours")]
    size = i.max_size_gb
    out.append(monthly(f"Storage ({family})", azure("SQL Database", region,
                                                    productName=f"SQL Database Single/Elastic Pool {family} - Storage",
                                                    meterName=f"{family} Data Stored"), size, unit="GB"))
    return out


_PG_SKU = re.compile(r"^(B|GP|MO)_Standard_(\w+)$")


class PostgresFlexibleServer(AzureInputs):
    sku_name: str = "B_Standard_B1ms"
    storage_mb: MB = Decimal(32768)


@resource("azurerm_postgresql_flexible_server", example={"sku_name": "GP_Standard_D2s_v3", "storage_mb": 65536})
def azurerm_postgresql_flexible_server(i: PostgresFlexibleServer) -> list[CostComponent]:
    """A PostgreSQL flexible server: ``sku_name`` (B_Standard_B1ms, GP_Standard_D2s_v3 ...), ``storage_mb``
    (default 32768).

    Pricing: https://azure.microsoft.com/pricing/details/postgresql/flexible-server/
    """
    region, sku = i.region, i.sku_name
    m = _PG_SKU.match(sku)
    if not m:
        raise InputError(f"sku_name {sku!r} is not a flexible server SKU (e.g. B_Standard_B1ms)")
    size = m.group(2)
    if m.group(1) == "B":
        query = azure("Azure Database for PostgreSQL", region,
                      productName="Azure Database for PostgreSQL Flexible Server Burstable BS Series Compute",
                      skuName=size.upper(), meterName=size.upper())
    else:
        tier = "General Purpose" if m.group(1) == "GP" else "Memory Optimized"
        query = azure("Azure Database for PostgreSQL", region,
                      productName=f"Azure Database for PostgreSQL Flexible Server {tier} "
                                  f"{re.sub(r'[0-9]+', '', size.split('_')[0])}{'_'.join(size.split('_')[1:])} "
                                  "Series Compute", skuName=size.replace("_", " "))
    storage_gb = i.storage_mb / Decimal(1024)
    return [
        hourly(f"Compute ({sku})", query),
        monthly("Storage", azure("Azure Database for PostgreSQL", region,
                                 productName="Az DB for PostgreSQL Flexible Server Storage", skuName="Storage",
                                 meterName="Storage Data Stored"), storage_gb, unit="GB"),
    ]


class StorageAccount(AzureInputs):
    access_tier: Annotated[str, choice("Hot", "Cool", "Cold", "Archive")] = "Hot"
    account_replication_type: Annotated[str, choice("LRS", "ZRS", "GRS", "RAGRS", "GZRS", "RAGZRS")] = "LRS"


class StorageAccountUsage(Usage):
    storage_gb: GB | None = usage_key("Blob data stored", unit="GB")


@resource("azurerm_storage_account", example={"access_tier": "Hot", "account_replication_type": "LRS"})
def azurerm_storage_account(i: StorageAccount, u: StorageAccountUsage) -> list[CostComponent]:
    """A storage account's blob capacity from usage (``storage_gb``), at ``access_tier`` (Hot default) and
    ``account_replication_type`` (LRS default).

    Pricing: https://azure.microsoft.com/pricing/details/storage/blobs/
    """
    region, tier, repl = i.region, i.access_tier, i.account_replication_type
    sku = f"{tier} {repl}"
    return [usage_based(f"Blob capacity ({sku})",
                        azure("Storage", region, productName="General Block Blob v2", skuName=sku,
                              meterName=f"{sku} Data Stored"),
                        u.storage_gb, unit="GB", usage_key="storage_gb")]
