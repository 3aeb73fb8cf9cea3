"""Azure Database for MySQL (flexible and single servers) and Azure Database for MariaDB; the single-server
helper the legacy PostgreSQL server shares.

Pricing: https://azure.microsoft.com/pricing/details/mysql/flexible-server/ - compute per hour by SKU, storage
per GB a month, IOPS above the free (300 + 3 per GiB) per IOPS a month, high availability bills the standby's
compute and storage again, backups above 100% of the provisioned storage per GB.
Single servers (https://azure.microsoft.com/pricing/details/mysql/single-server/, /mariadb/, /postgresql/server/)
bill vCores per hour by tier and generation, storage per GB and backups above the free allowance; they are
retired by Azure (no new servers), so their prices may be missing from a refreshed catalog.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly
from costlib.resources.registry import resource
from costlib.resources.schema import GB, MB, AzureInputs, Block, Model, Rate, Usage, choice, usage_key

__all__ = ["BackupUsage", "azurerm_mariadb_server", "azurerm_mysql_flexible_server", "azurerm_mysql_server",
           "single_server_components"]

_FLEX_SKU = re.compile(r"^(B|GP|MO|BC)_Standard_(\w+)$")
_TIERS = {"B": "Burstable", "GP": "General Purpose", "MO": "Memory Optimized", "BC": "Business Critical"}


class BackupUsage(Usage):
    """Infracost's key: backup storage above the free allowance."""

    additional_backup_storage_gb: GB | None = usage_key(
        "Backup storage above the free allowance (100% of the provisioned storage); twice the size with "
        "geo-redundant backups", unit="GB")


def _series(size: str) -> str:
    """``D2ds_v4`` -> ``Ddsv4`` (the product's series name)."""
    head, _, version = size.partition("_")
    return re.sub(r"\d+", "", head) + version


class MysqlStorage(Model):
    size_gb: GB = Decimal(20)
    iops: Rate | None = None


class HighAvailability(Model):
    mode: Annotated[str, choice("ZoneRedundant", "SameZone")] = "ZoneRedundant"


class MysqlFlexibleServer(AzureInputs):
    sku_name: str = "B_Standard_B1s"
    storage: Block[MysqlStorage] = None
    high_availability: Block[HighAvailability] = None
    geo_redundant_backup_enabled: bool = False


@resource("azurerm_mysql_flexible_server", example={"sku_name": "GP_Standard_D2ds_v4",
                                                    "storage": [{"size_gb": 64}]})
def azurerm_mysql_flexible_server(i: MysqlFlexibleServer, u: BackupUsage) -> list[CostComponent]:
    """A MySQL flexible server: ``sku_name`` (B_Standard_B1s, GP_Standard_D2ds_v4, MO_Standard_E4ds_v4 ...) per
    hour, ``storage.size_gb`` (default 20), ``storage.iops`` above the free 300 + 3 per GiB, the standby's compute
    and storage with ``high_availability``, backups above the free allowance from usage.

    Pricing: https://azure.microsoft.com/pricing/details/mysql/flexible-server/
    """
    m = _FLEX_SKU.match(i.sku_name)
    if not m:
        raise InputError(f"sku_name {i.sku_name!r} is not a flexible server SKU (e.g. GP_Standard_D2ds_v4)")
    service = "Azure Database for MySQL"
    tier, size = _TIERS[m.group(1)], m.group(2)
    if m.group(1) == "B":
        compute = azure(service, i.region, productName="Azure Database for MySQL Flexible Server Burstable BS Series "
                                                       "Compute", skuName=size)
    else:
        compute = azure(service, i.region, productName=f"Azure Database for MySQL Flexible Server {tier} "
                                                       f"{_series(size)} Series Compute",
                        skuName=size.replace("_", " "))
    storage = i.storage or MysqlStorage()
    stored = azure(service, i.region, productName="Azure Database for MySQL Flexible Server Storage",
                   meterName="Storage Data Stored")
    out = [hourly(f"Compute ({i.sku_name})", compute), monthly("Storage", stored, storage.size_gb, unit="GB")]
    free_iops = Decimal(300) + 3 * storage.size_gb  # as the Azure CLI computes it (MINIMUM_IOPS + 3 per GiB)
    if storage.iops is not None and storage.iops > free_iops:
        out.append(monthly(f"Additional IOPS above {free_iops}",
                           azure(service, i.region, productName="Azure Database for MySQL Flexible Server Storage",
                                 meterName="Additional IOPS"), storage.iops - free_iops, unit="IOPS"))
    if i.high_availability is not None:
        if m.group(1) == "B":
            raise InputError("high availability is not available on Burstable servers")
        out += [hourly(f"Standby compute ({i.high_availability.mode} HA, {i.sku_name})", compute),
                monthly(f"Standby storage ({i.high_availability.mode} HA)", stored, storage.size_gb, unit="GB")]
    if u.additional_backup_storage_gb is not None:  # within the free allowance (one storage size) unless said
        red = "GRS" if i.geo_redundant_backup_enabled else "LRS"
        out.append(monthly(f"Backup storage above the free allowance ({red})",
                           azure(service, i.region, meterName=f"Backup Storage {red} Data Stored"),
                           u.additional_backup_storage_gb, unit="GB"))
    return out


# --- single servers --------------------------------------------------------------------------------------
_SINGLE_SKU = re.compile(r"^(B|GP|MO)_(Gen4|Gen5)_(\d+)$")
_SINGLE_TIERS = {"B": "Basic", "GP": "General Purpose", "MO": "Memory Optimized"}


class SingleServer(AzureInputs):
    sku_name: str
    storage_mb: MB = Decimal(5120)
    geo_redundant_backup_enabled: bool = False


def single_server_components(service: str, product_head: str, i: SingleServer, u: BackupUsage) -> list[CostComponent]:
    """vCores per hour, storage per GB and backups of a single server (MySQL, MariaDB, PostgreSQL)."""
    m = _SINGLE_SKU.match(i.sku_name)
    if not m:
        raise InputError(f"sku_name {i.sku_name!r} is not a single-server SKU (B_Gen5_1, GP_Gen5_4, MO_Gen5_8 ...)")
    tier, gen, vcores = _SINGLE_TIERS[m.group(1)], m.group(2), Decimal(m.group(3))
    red = "GRS" if i.geo_redundant_backup_enabled else "LRS"
    if red == "GRS" and tier == "Basic":
        raise InputError("geo-redundant backups are not available on the Basic tier")
    out = [
        hourly(f"Compute ({tier}, {gen}, {vcores} vCores)",
               azure(service, i.region, productName=f"{product_head} {tier} - Compute {gen}", meterName="vCore"),
               vcores, unit="vCore-hours"),
        monthly(f"Storage ({tier})", azure(service, i.region, productName=f"{product_head} {tier} - Storage",
                                          meterName="Storage Data Stored"),
                i.storage_mb / Decimal(1024), unit="GB"),
    ]
    if u.additional_backup_storage_gb is not None:  # within the free allowance (one storage size) unless said
        out.append(monthly(f"Backup storage above the free allowance ({red})",
                           azure(service, i.region, productName=f"{product_head} Backup Storage",
                                 skuName=f"Backup {red}"), u.additional_backup_storage_gb, unit="GB"))
    return out


@resource("azurerm_mysql_server", example={"sku_name": "GP_Gen5_2", "storage_mb": 51200})
def azurerm_mysql_server(i: SingleServer, u: BackupUsage) -> list[CostComponent]:
    """A MySQL single server (retired by Azure): ``sku_name`` vCores per hour, ``storage_mb``, backups.

    Pricing: https://azure.microsoft.com/pricing/details/mysql/single-server/
    """
    return single_server_components("Azure Database for MySQL", "Azure Database for MySQL Single Server", i, u)


@resource("azurerm_mariadb_server", example={"sku_name": "GP_Gen5_2", "storage_mb": 51200})
def azurerm_mariadb_server(i: SingleServer, u: BackupUsage) -> list[CostComponent]:
    """A MariaDB server (retired by Azure): ``sku_name`` vCores per hour, ``storage_mb``, backups.

    Pricing: https://azure.microsoft.com/pricing/details/mariadb/
    """
    return single_server_components("Azure Database for MariaDB", "Azure Database for MariaDB", i, u)
