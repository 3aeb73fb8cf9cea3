"""Azure SQL: databases (DTU and vCore, provisioned and serverless), elastic pools and managed instances, with
the legacy ``azurerm_sql_*`` twins.

Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/single/ and /elastic/,
https://azure.microsoft.com/pricing/details/azure-sql-managed-instance/single/. Billing rules modelled:
DTU tiers are billed per day (their storage included: Basic 2 GB, Standard 250 GB, Premium 500 GB; more is extra
storage); vCore compute per hour without the SQL licence, which is its own per-vCore meter unless Azure Hybrid
Benefit (``license_type = BasePrice``) brings it; serverless per vCore-hour used (usage ``monthly_vcore_hours``:
auto-pause makes it usage, never 730 h); General Purpose zone redundancy is a surcharge; Hyperscale read
replicas bill compute again; storage per GB of ``max_size_gb``; point-in-time backups above the free allowance
(one database size) and long-term retention from usage.
The SQL licence meters are published as Global (no region): their queries use region ``global``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Count, Hours, Model, Quantity, Usage, choice, usage_key

__all__ = ["DbUsage", "azurerm_mssql_elasticpool", "azurerm_mssql_managed_instance", "azurerm_sql_database",
           "azurerm_sql_elasticpool", "azurerm_sql_managed_instance", "database_components"]

DAYS_PER_MONTH = Decimal(730) / Decimal(24)
_DTU = re.compile(r"^(Basic|S\d+|P\d+)$", re.IGNORECASE)
_VCORE = re.compile(r"^(GP|BC|HS)_(S_)?(Gen5|Fsv2|DC|M|PRMS|MOPRMS)_(\d+)$", re.IGNORECASE)
_FAMILY = {"GP": "General Purpose", "BC": "Business Critical", "HS": "Hyperscale"}
_INCLUDED = {"Basic": Decimal(2), "Standard": Decimal(250), "Premium": Decimal(500)}
_BACKUP = {"geo": "RA-GRS", "geozone": "RA-GZRS", "local": "LRS", "zone": "ZRS"}
BackupRedundancy = Annotated[str, choice("Geo", "GeoZone", "Local", "Zone", what="backup storage redundancy")]
LicenseType = Annotated[str, choice("LicenseIncluded", "BasePrice", what="license type")]


class DbUsage(Usage):
    """Usage of a database (Infracost's keys, so existing usage files work)."""

    monthly_vcore_hours: Hours | None = usage_key("vCore-hours a serverless database is billed a month (it "
                                                  "auto-pauses)", unit="vCore-hours")
    extra_data_storage_gb: GB | None = usage_key("DTU tiers: storage above the tier's included size (overrides "
                                                 "max_size_gb)", unit="GB")
    backup_storage_gb: GB | None = usage_key("Point-in-time backup storage above the free allowance", unit="GB")
    long_term_retention_storage_gb: GB | None = usage_key("Long-term retention backup storage", unit="GB")


def _hardware(code: str) -> str:
    return {"GEN5": "Gen5", "FSV2": "FSv2 Series", "DC": "DC-Series", "M": "M Series"}.get(code.upper(), code)


def _license(region: str, family: str, vcores: Decimal, product: str = "SQL Database") -> CostComponent:
    if product == "SQL Database":
        name = ("SQL Database SingleDB/Elastic Pool Hyperscale - SQL License" if family == "Hyperscale"
                else f"SQL Database Single/Elastic Pool {family} - SQL License")
    else:
        name = f"SQL Managed Instance {family} - SQL License"
    return hourly(f"SQL license ({family}, {vcores} vCores)", azure(product, "global", productName=name,
                                                                    meterName="vCore"),
                  vcores, unit="vCore-hours")


def _backups(region: str, redundancy: str, u: DbUsage, product: str = "SQL Database") -> list[CostComponent]:
    """Backups billed beyond what is free: point-in-time backups above the allowance (one database size) and
    long-term retention, each only when usage gives it (the default is within the allowance / no LTR policy)."""
    sku = f"Backup {_BACKUP[redundancy.lower()]}"
    pitr = ("SQL Database Single/Elastic Pool PITR Backup Storage" if product == "SQL Database"
            else "SQL Managed Instance PITR Backup Storage")
    ltr = "SQL Database - LTR Backup Storage" if product == "SQL Database" else "SQL Managed Instance - LTR Backup Storage"
    out: list[CostComponent] = []
    if u.backup_storage_gb is not None:
        out.append(monthly(f"Point-in-time backup storage above the free allowance ({sku})",
                           azure(product, region, productName=pitr, skuName=sku), u.backup_storage_gb, unit="GB"))
    if u.long_term_retention_storage_gb is not None:
        out.append(monthly(f"Long-term retention backup storage ({sku})",
                           azure(product, region, productName=ltr, skuName=sku), u.long_term_retention_storage_gb,
                           unit="GB"))
    return out


def database_components(region: str, sku: str, max_size_gb: Decimal | None, u: DbUsage, *,
                        license_type: str = "LicenseIncluded", zone_redundant: bool = False, replicas: int = 0,
                        backup_redundancy: str = "Geo") -> list[CostComponent]:
    """The compute, licence, storage and backup components of a database ."""
    m = _DTU.match(sku)
    if m:
        return _dtu(region, sku, max_size_gb, u)
    m = _VCORE.match(sku)
    if not m:
        raise InputError(f"sku_name {sku!r} is not a DTU (Basic, S0, P1 ...) or vCore (GP_Gen5_2 ...) SKU")
    family, serverless = _FAMILY[m.group(1).upper()], bool(m.group(2))
    hardware, vcores = _hardware(m.group(3)), Decimal(m.group(4))
    out: list[CostComponent] = []
    if serverless:
        product = ("SQL Database SingleDB Hyperscale - Serverless - Compute Gen5" if family == "Hyperscale"
                   else f"SQL Database {family} - Serverless - Compute {hardware}")
        out.append(usage_based(f"Compute ({family} serverless, up to {vcores} vCores)",
                               azure("SQL Database", region, productName=product, skuName="1 vCore",
                                     meterName="vCore"),
                               u.monthly_vcore_hours, unit="vCore-hours", usage_key="monthly_vcore_hours"))
    else:
        head = "SQL Database SingleDB/Elastic Pool" if family == "Hyperscale" else "SQL Database Single/Elastic Pool"
        compute = azure("SQL Database", region, productName=f"{head} {family} - Compute {hardware}",
                        skuName=f"{vcores} vCore", meterName="vCore")
        out.append(hourly(f"Compute ({family}, {hardware}, {vcores} vCores)", compute))
        if replicas:
            out.append(hourly(f"Read replicas compute ({replicas} x {vcores} vCores)", compute, Decimal(replicas)))
        if zone_redundant and family == "General Purpose":
            out.append(hourly("Zone redundancy (General Purpose)",
                              azure("SQL Database", region, productName=f"{head} {family} - Compute {hardware}",
                                    skuName=f"{vcores} vCore Zone Redundancy")))
        if license_type == "LicenseIncluded":
            out.append(_license(region, family, vcores * (1 + replicas)))
    if family == "Hyperscale":
        out.append(usage_based("Storage (Hyperscale, used)",
                               azure("SQL Database", region, productName="SQL Database SingleDB Hyperscale - Storage"),
                               u.extra_data_storage_gb, unit="GB", usage_key="extra_data_storage_gb"))
    else:
        out.append(monthly(f"Storage ({family})",
                           azure("SQL Database", region, productName=f"SQL Database Single/Elastic Pool {family} - "
                                                                     "Storage", meterName=f"{family} Data Stored"),
                           max_size_gb if max_size_gb is not None else Decimal(32), unit="GB"))
    return out + _backups(region, backup_redundancy, u)


def _dtu(region: str, sku: str, max_size_gb: Decimal | None, u: DbUsage) -> list[CostComponent]:
    sku = "Basic" if sku.lower() == "basic" else sku.upper()
    tier = "Basic" if sku == "Basic" else ("Standard" if sku.startswith("S") else "Premium")
    out = [monthly(f"Database ({sku if sku == tier else f'{tier} {sku}'}, per day)",
                   azure("SQL Database", region, productName=f"SQL Database Single {tier}", skuName=sku),
                   DAYS_PER_MONTH, unit="days")]
    extra = u.extra_data_storage_gb
    if extra is None and max_size_gb is not None:
        extra = max(Decimal(0), max_size_gb - _INCLUDED[tier])
    if tier != "Basic" and extra:
        out.append(monthly(f"Extra data storage above {_INCLUDED[tier]} GB ({tier})",
                           azure("SQL Database", region, productName=f"SQL Database Single {tier}",
                                 meterName="Data Stored"), extra, unit="GB"))
    return out


class SqlDatabase(AzureInputs):
    """The legacy azurerm_sql_database: ``requested_service_objective_name`` (S0, GP_Gen5_2 ...) or ``edition``."""

    edition: str | None = None
    requested_service_objective_name: str | None = None
    max_size_gb: GB | None = None
    max_size_bytes: Quantity | None = None
    elastic_pool_name: str | None = None
    zone_redundant: bool = False


@resource("azurerm_sql_database", example={"requested_service_objective_name": "S1"})
def azurerm_sql_database(i: SqlDatabase, u: DbUsage) -> list[CostComponent]:
    """A legacy SQL database: priced as azurerm_mssql_database from ``requested_service_objective_name`` (default
    S0 for the Standard ``edition``, Basic for Basic); in an elastic pool it is billed on the pool.

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/single/
    """
    if i.elastic_pool_name:
        raise InputError("a database in an elastic pool is billed on the pool (azurerm_sql_elasticpool)")
    defaults = {"basic": "Basic", "standard": "S0", "premium": "P1", "generalpurpose": "GP_Gen5_2",
                "businesscritical": "BC_Gen5_2", "hyperscale": "HS_Gen5_2"}
    sku = i.requested_service_objective_name or defaults.get((i.edition or "standard").lower())
    if sku is None:
        raise InputError(f"edition {i.edition!r} has no default service objective: set requested_service_objective_name")
    size = i.max_size_gb
    if size is None and i.max_size_bytes is not None:
        size = Decimal(i.max_size_bytes) / Decimal(1024 ** 3)
    return database_components(i.region, sku, size, u, zone_redundant=i.zone_redundant)


# --- elastic pools ---------------------------------------------------------------------------------------
class PoolSku(Model):
    name: str
    tier: str | None = None
    family: str | None = None
    capacity: Count


class PoolUsage(Usage):
    backup_storage_gb: GB | None = usage_key("Point-in-time backup storage above the free allowance", unit="GB")
    long_term_retention_storage_gb: GB | None = usage_key("Long-term retention backup storage", unit="GB")


class ElasticPool(AzureInputs):
    sku: Block[PoolSku] = None
    max_size_gb: GB | None = None
    license_type: LicenseType = "LicenseIncluded"
    zone_redundant: bool = False


_DTU_POOL = {"basicpool": "Basic", "standardpool": "Standard", "premiumpool": "Premium"}
_POOL_INCLUDED_PER_EDTU = {"Basic": Decimal("0.1"), "Standard": Decimal("1"), "Premium": Decimal("2")}


def _pool(region: str, sku: str, capacity: int, family: str | None, max_size_gb: Decimal | None,
          license_type: str, zone_redundant: bool, u: PoolUsage) -> list[CostComponent]:
    tier = _DTU_POOL.get(sku.lower())
    if tier is not None:
        out = [monthly(f"Elastic pool ({tier}, {capacity} eDTUs, per day)",
                       azure("SQL Database", region, productName=f"SQL Database Elastic Pool - {tier}",
                             skuName=f"{capacity} DTU Pack", meterName="eDTUs"), DAYS_PER_MONTH, unit="days")]
        included = _POOL_INCLUDED_PER_EDTU[tier] * capacity
        if tier != "Basic" and max_size_gb is not None and max_size_gb > included:
            out.append(monthly(f"Extra pool storage above {included} GB ({tier})",
                               azure("SQL Database", region, productName=f"SQL Database Elastic Pool - {tier}",
                                     meterName="Data Stored"), max_size_gb - included, unit="GB"))
        return out
    m = re.match(r"^(GP|BC|HS)_(Gen5|Fsv2|DC|M|PRMS|MOPRMS)$", sku, re.IGNORECASE)
    if m is None:
        raise InputError(f"sku.name {sku!r} is not an elastic pool SKU (BasicPool, StandardPool, PremiumPool, "
                         "GP_Gen5, BC_Gen5, HS_Gen5 ...)")
    return database_components(region, f"{m.group(1)}_{m.group(2)}_{capacity}", max_size_gb,
                               DbUsage(backup_storage_gb=u.backup_storage_gb,
                                       long_term_retention_storage_gb=u.long_term_retention_storage_gb),
                               license_type=license_type, zone_redundant=zone_redundant)


@resource("azurerm_mssql_elasticpool", example={"sku": [{"name": "GP_Gen5", "tier": "GeneralPurpose",
                                                         "family": "Gen5", "capacity": 4}], "max_size_gb": 100})
def azurerm_mssql_elasticpool(i: ElasticPool, u: PoolUsage) -> list[CostComponent]:
    """An elastic pool: eDTU pools (``sku.name`` BasicPool, StandardPool, PremiumPool) per day by
    ``sku.capacity`` eDTUs, with storage above the included size; vCore pools (GP_Gen5, BC_Gen5, HS_Gen5) as
    a vCore database of ``sku.capacity`` vCores (compute, licence, ``max_size_gb`` storage).

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/elastic/
    """
    if i.sku is None:
        raise InputError("sku is required")
    return _pool(i.region, i.sku.name, i.sku.capacity, i.sku.family, i.max_size_gb, i.license_type,
                 i.zone_redundant, u)


class LegacyElasticPool(AzureInputs):
    edition: Annotated[str, choice("Basic", "Standard", "Premium")]
    dtu: Count
    pool_size: Quantity | None = None


@resource("azurerm_sql_elasticpool", example={"edition": "Standard", "dtu": 100, "pool_size": 102400})
def azurerm_sql_elasticpool(i: LegacyElasticPool, u: PoolUsage) -> list[CostComponent]:
    """A legacy eDTU elastic pool: ``edition`` and ``dtu`` per day, ``pool_size`` (MB) above the included
    storage.

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-database/elastic/
    """
    size = None if i.pool_size is None else i.pool_size / Decimal(1024)
    return _pool(i.region, f"{i.edition}Pool", i.dtu, None, size, "LicenseIncluded", False, u)


# --- managed instances -----------------------------------------------------------------------------------
class MiUsage(Usage):
    backup_storage_gb: GB | None = usage_key("Point-in-time backup storage above the free allowance", unit="GB")
    long_term_retention_storage_gb: GB | None = usage_key("Long-term retention backup storage", unit="GB")


_MI_BACKUP = Annotated[str, choice("GRS", "LRS", "ZRS", "GZRS", what="backup storage redundancy")]


class ManagedInstance(AzureInputs):
    sku_name: str = "GP_Gen5"
    vcores: Count = 4
    storage_size_in_gb: GB = Decimal(32)
    license_type: LicenseType = "LicenseIncluded"
    storage_account_type: _MI_BACKUP = "GRS"


_MI_SKU = re.compile(r"^(GP|BC)_(Gen5|G8IM|G8IH)$", re.IGNORECASE)
_MI_HW = {"GEN5": "Gen5", "G8IM": "Premium Series Compute", "G8IH": "Premium Series Memory Optimized Compute"}


def _managed_instance(i: ManagedInstance, u: MiUsage) -> list[CostComponent]:
    m = _MI_SKU.match(i.sku_name)
    if m is None:
        raise InputError(f"sku_name {i.sku_name!r} is not a managed instance SKU (GP_Gen5, BC_Gen5, GP_G8IM ...)")
    family, hw = _FAMILY[m.group(1).upper()], m.group(2).upper()
    vcores = Decimal(i.vcores)
    product = (f"SQL Managed Instance {family} - Compute Gen5" if hw == "GEN5"
               else f"SQL Managed Instance {family} - {_MI_HW[hw]}")
    out = [hourly(f"Compute ({family}, {m.group(2)}, {vcores} vCores)",
                  azure("SQL Managed Instance", i.region, productName=product, skuName=f"{vcores} vCore",
                        meterName="vCore"))]
    if i.license_type == "LicenseIncluded":
        out.append(_license(i.region, family, vcores, product="SQL Managed Instance"))
    out.append(monthly(f"Storage ({family}, first 32 GB included)",
                       azure("SQL Managed Instance", i.region, productName=f"SQL Managed Instance {family} - Storage",
                             meterName=f"{family} Data Stored"),
                       i.storage_size_in_gb, unit="GB", free=Decimal(32)))
    redundancy = {"GRS": "Geo", "LRS": "Local", "ZRS": "Zone", "GZRS": "GeoZone"}[i.storage_account_type]
    return out + _backups(i.region, redundancy, DbUsage(backup_storage_gb=u.backup_storage_gb,
                                                        long_term_retention_storage_gb=u.long_term_retention_storage_gb),
                          product="SQL Managed Instance")


@resource("azurerm_mssql_managed_instance", example={"sku_name": "GP_Gen5", "vcores": 4, "storage_size_in_gb": 256,
                                                     "license_type": "LicenseIncluded"})
def azurerm_mssql_managed_instance(i: ManagedInstance, u: MiUsage) -> list[CostComponent]:
    """A SQL managed instance: ``sku_name`` (GP_Gen5, BC_Gen5, premium-series GP_G8IM ...) x ``vcores`` per hour,
    the SQL licence unless ``license_type = BasePrice``, ``storage_size_in_gb`` above the included 32 GB, and
    backups from usage.

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-managed-instance/single/
    """
    return _managed_instance(i, u)


@resource("azurerm_sql_managed_instance", example={"sku_name": "GP_Gen5", "vcores": 8, "storage_size_in_gb": 32,
                                                   "license_type": "BasePrice"})
def azurerm_sql_managed_instance(i: ManagedInstance, u: MiUsage) -> list[CostComponent]:
    """The legacy twin of azurerm_mssql_managed_instance (the same attributes and billing).

    Pricing: https://azure.microsoft.com/pricing/details/azure-sql-managed-instance/single/
    """
    return _managed_instance(i, u)
