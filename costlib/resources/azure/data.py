"""Azure databases and storage: SQL Database, PostgreSQL flexible server, storage accounts.

Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/single/,
https://azure.microsoft.com/pricing/details/postgresql/flexible-server/,
https://azure.microsoft.com/pricing/details/storage/blobs/.
"""

from __future__ import annotations

import re
from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, usage
from costlib.resources._q import azure, hourly, monthly, usage_based
from costlib.resources.azure._common import location
from costlib.resources.registry import register

__all__ = ["azurerm_mssql_database", "azurerm_postgresql_flexible_server", "azurerm_storage_account"]

_DTU = re.compile(r"^(Basic|S\d+|P\d+)$")
_VCORE = re.compile(r"^(GP|BC|HS)_(Gen5|S_Gen5)_(\d+)$")


@register("azurerm_mssql_database")
def azurerm_mssql_database(spec: ResourceSpec) -> list[CostComponent]:
    """A SQL database: DTU (``sku_name`` Basic, S0-S12, P1-P15) or vCore (GP_Gen5_2, BC_Gen5_4 ...), plus
    ``max_size_gb`` storage for vCore tiers.

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/single/
    """
    region = location(spec)
    sku = str(attr(spec, "sku_name", "GP_S_Gen5_2"))
    if _DTU.match(sku):
        tier = "Basic" if sku == "Basic" else ("Standard" if sku.startswith("S") else "Premium")
        return [hourly(f"Database ({tier} {sku})",
                       azure("SQL Database", region, productName=f"SQL Database Single {tier}", skuName=sku))]
    m = _VCORE.match(sku)
    if not m:
        raise InputError(f"sku_name {sku!r} is not a DTU or vCore SKU", where=spec.address)
    family = {"GP": "General Purpose", "BC": "Business Critical", "HS": "Hyperscale"}[m.group(1)]
    serverless = m.group(2) == "S_Gen5"
    vcores = Decimal(m.group(3))
    out = [hourly(f"Compute ({family}{' serverless' if serverless else ''}, {vcores} vCores)",
                  azure("SQL Database", region,
                        productName=f"SQL Database Single/Elastic Pool {family} - Compute Gen5",
                        skuName="vCore"), vcores, unit="vCore-hours")]
    size = Decimal(str(attr(spec, "max_size_gb", 32)))
    out.append(monthly(f"Storage ({family})", azure("SQL Database", region,
                                                    productName=f"SQL Database Single/Elastic Pool {family} - Storage",
                                                    meterName=f"{family} Data Stored"), size, unit="GB"))
    return out


_PG_SKU = re.compile(r"^(B|GP|MO)_Standard_(\w+)$")


@register("azurerm_postgresql_flexible_server")
def azurerm_postgresql_flexible_server(spec: ResourceSpec) -> list[CostComponent]:
    """A PostgreSQL flexible server: ``sku_name`` (B_Standard_B1ms, GP_Standard_D2s_v3 ...), ``storage_mb``
    (default 32768).

    Pricing: https://azure.microsoft.com/pricing/details/postgresql/flexible-server/
    """
    region = location(spec)
    sku = str(attr(spec, "sku_name", "B_Standard_B1ms"))
    m = _PG_SKU.match(sku)
    if not m:
        raise InputError(f"sku_name {sku!r} is not a flexible server SKU (e.g. B_Standard_B1ms)", where=spec.address)
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
    storage_gb = Decimal(str(attr(spec, "storage_mb", 32768))) / Decimal(1024)
    return [
        hourly(f"Compute ({sku})", query),
        monthly("Storage", azure("Azure Database for PostgreSQL", region,
                                 productName="Az DB for PostgreSQL Flexible Server Storage", skuName="Storage",
                                 meterName="Storage Data Stored"), storage_gb, unit="GB"),
    ]


@register("azurerm_storage_account")
def azurerm_storage_account(spec: ResourceSpec) -> list[CostComponent]:
    """A storage account's blob capacity from usage (``storage_gb``), at ``access_tier`` (Hot default) and
    ``account_replication_type`` (LRS default).

    Pricing: https://azure.microsoft.com/pricing/details/storage/blobs/
    """
    region = location(spec)
    tier = str(attr(spec, "access_tier", "Hot"))
    repl = str(attr(spec, "account_replication_type", "LRS")).upper()
    if tier not in ("Hot", "Cool", "Cold", "Archive"):
        raise InputError(f"unknown access_tier {tier!r}", where=spec.address)
    sku = f"{tier} {repl}"
    return [usage_based(f"Blob capacity ({sku})",
                        azure("Storage", region, productName="General Block Blob v2", skuName=sku,
                              meterName=f"{sku} Data Stored"),
                        usage(spec, "storage_gb"), unit="GB", usage_key="storage_gb")]
