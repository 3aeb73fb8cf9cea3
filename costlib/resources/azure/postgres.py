"""Azure Database for PostgreSQL single server (the legacy type; the flexible server is in ``data.py``).

Pricing: https://azure.microsoft.com/pricing/details/postgresql/server/ - vCores per hour by tier and generation,
storage per GB a month, backups above the free allowance per GB. Retired by Azure: no new servers.
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources.azure.mysql import BackupUsage, SingleServer, single_server_components
from costlib.resources.registry import resource

__all__ = ["azurerm_postgresql_server"]


@resource("azurerm_postgresql_server", example={"sku_name": "GP_Gen5_4", "storage_mb": 102400})
def azurerm_postgresql_server(i: SingleServer, u: BackupUsage) -> list[CostComponent]:
    """A PostgreSQL single server (retired by Azure): ``sku_name`` (B_Gen5_1, GP_Gen5_4, MO_Gen5_8) vCores per
    hour, ``storage_mb`` (default 5120) per GB, backups above the free allowance from usage (GRS when
    ``geo_redundant_backup_enabled``).

    Pricing: https://azure.microsoft.com/pricing/details/postgresql/server/
    """
    return single_server_components("Azure Database for PostgreSQL", "Azure Database for PostgreSQL Single Server",
                                    i, u)
