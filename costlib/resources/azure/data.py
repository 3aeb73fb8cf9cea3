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
from costlib.resources.azure.sql import BackupRedundancy, DbUsage, LicenseType, database_components
from costlib.resources.registry import resource
from costlib.resources.schema import GB, MB, AzureInputs, Block, Count, Model, Usage, choice, usage_key

__all__ = ["azurerm_mssql_database", "azurerm_postgresql_flexible_server", "azurerm_storage_account"]


class MssqlDatabase(AzureInputs):
    sku_name: str = "GP_S_Gen5_2"
    max_size_gb: GB | None = None
    license_type: LicenseType = "LicenseIncluded"
    zone_redundant: bool = False
    read_replica_count: Count = 0
    storage_account_type: BackupRedundancy = "Geo"
    elastic_pool_id: str | None = None


@resource("azurerm_mssql_database", example={"sku_name": "GP_Gen5_2", "max_size_gb": 32})
def azurerm_mssql_database(i: MssqlDatabase, u: DbUsage) -> list[CostComponent]:
    """A SQL database: DTU (``sku_name`` Basic, S0-S12, P1-P15: per day, storage above the included size) or
    vCore (GP_Gen5_2, BC_Gen5_4, HS_Gen5_2: compute per hour plus the SQL licence unless ``license_type`` is
    BasePrice; serverless GP_S_Gen5_2 per vCore-hour used from usage), ``max_size_gb`` storage (default 32),
    ``zone_redundant``, Hyperscale ``read_replica_count``, backups from usage. In an elastic pool
    (``elastic_pool_id``) the pool is billed, not the database.

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/single/
    """
    if i.elastic_pool_id or i.sku_name.lower() == "elasticpool":
        raise InputError("a database in an elastic pool is billed on the pool (azurerm_mssql_elasticpool)")
    return database_components(i.region, i.sku_name, i.max_size_gb, u, license_type=i.license_type,
                               zone_redundant=i.zone_redundant, replicas=i.read_replica_count,
                               backup_redundancy=i.storage_account_type)


_PG_SKU = re.compile(r"^(B|GP|MO)_Standard_(\w+)$")


class HighAvailability(Model):
    mode: Annotated[str, choice("ZoneRedundant", "SameZone")] = "ZoneRedundant"


class PostgresFlexibleServer(AzureInputs):
    sku_name: str = "B_Standard_B1ms"
    storage_mb: MB = Decimal(32768)
    high_availability: Block[HighAvailability] = None
    geo_redundant_backup_enabled: bool = False


class FlexibleServerUsage(Usage):
    additional_backup_storage_gb: GB | None = usage_key(
        "Backup storage above the free allowance (100% of the provisioned storage)", unit="GB")


@resource("azurerm_postgresql_flexible_server", example={"sku_name": "GP_Standard_D2s_v3", "storage_mb": 65536})
def azurerm_postgresql_flexible_server(i: PostgresFlexibleServer, u: FlexibleServerUsage) -> list[CostComponent]:
    """A PostgreSQL flexible server: ``sku_name`` (B_Standard_B1ms, GP_Standard_D2s_v3 ...), ``storage_mb``
    (default 32768). With ``high_availability`` the standby server bills its compute and storage again;
    backups are free up to one provisioned storage size; above it, usage ``additional_backup_storage_gb`` (GRS
    when ``geo_redundant_backup_enabled``).

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
    storage = azure("Azure Database for PostgreSQL", region, productName="Az DB for PostgreSQL Flexible Server Storage",
                    skuName="Storage", meterName="Storage Data Stored")
    out = [hourly(f"Compute ({sku})", query), monthly("Storage", storage, storage_gb, unit="GB")]
    if i.high_availability is not None:
        if m.group(1) == "B":
            raise InputError("high availability is not available on Burstable servers")
        out += [hourly(f"Standby compute ({i.high_availability.mode} HA, {sku})", query),
                monthly(f"Standby storage ({i.high_availability.mode} HA)", storage, storage_gb, unit="GB")]
    if u.additional_backup_storage_gb is not None:  # within the free allowance (one storage size) unless said
        red = "GRS" if i.geo_redundant_backup_enabled else "LRS"
        out.append(monthly(f"Backup storage above the free allowance ({red})",
                           azure("Azure Database for PostgreSQL", region, meterName=f"Backup Storage {red} Data Stored"),
                           u.additional_backup_storage_gb, unit="GB"))
    return out


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
