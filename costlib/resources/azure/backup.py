"""Azure Backup of virtual machines.

Pricing: https://azure.microsoft.com/pricing/details/backup/ — a protected VM bills a monthly instance fee by its
size: up to 50 GB half an instance, up to 500 GB one, and one per started 500 GB above that; plus the backup data
stored in the vault per GB-month at the vault's redundancy (GRS by default; LRS, ZRS, RA-GRS). The recovery
services vault itself has no charge.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Usage, choice, usage_key

__all__ = ["azurerm_backup_protected_vm", "protected_instances"]

Redundancy = Annotated[str, choice("LRS", "ZRS", "GRS", "RA-GRS", aliases={"LocallyRedundant": "LRS",
                                                                          "ZoneRedundant": "ZRS",
                                                                          "GeoRedundant": "GRS", "RAGRS": "RA-GRS"})]


def protected_instances(size_gb: Decimal) -> Decimal:
    """Protected-instance units of a VM of ``size_gb``: 0.5 up to 50 GB, 1 up to 500 GB, one per started 500 GB.

    >>> protected_instances(Decimal(30)), protected_instances(Decimal(200)), protected_instances(Decimal(1200))
    (Decimal('0.5'), Decimal('1'), Decimal('3'))
    """
    if size_gb <= 50:
        return Decimal("0.5")
    if size_gb <= 500:
        return Decimal(1)
    return (size_gb / Decimal(500)).to_integral_value(rounding=ROUND_CEILING)


class ProtectedVmUsage(Usage):
    protected_data_gb: GB | None = usage_key("Size of the protected VM's data (sets the instance band; default "
                                             "50-500 GB)", unit="GB")
    storage_gb: GB | None = usage_key("Backup data stored in the vault", unit="GB")
    storage_redundancy: Redundancy | None = usage_key("Redundancy of the vault's storage: LRS, ZRS, GRS (default), "
                                                      "RA-GRS", unit="")


@resource("azurerm_backup_protected_vm", example={"backup_policy_id": "/policies/daily"})
def azurerm_backup_protected_vm(i: AzureInputs, u: ProtectedVmUsage) -> list[CostComponent]:
    """A protected VM: the instance fee by size band (usage ``protected_data_gb``) plus backup storage (usage
    ``storage_gb``) at the vault's redundancy.

    Pricing: https://azure.microsoft.com/pricing/details/backup/
    """
    size = u.protected_data_gb
    units = protected_instances(size) if size is not None else Decimal(1)
    band = "up to 50 GB" if units < 1 else "50-500 GB" if units == 1 else f"{units} x 500 GB"
    note = None if size is not None else "priced in the 50-500 GB band: set usage protected_data_gb"
    redundancy = u.storage_redundancy or "GRS"
    return [monthly(f"Protected instance ({band})",
                    azure("Backup", i.region, productName="Backup", meterName="Azure VM Protected Instance"), units,
                    unit="instances", note=note),
            usage_based(f"Backup storage ({redundancy})",
                        azure("Backup", i.region, productName="Backup", meterName=f"Standard {redundancy} Data Stored"),
                        u.storage_gb, unit="GB-months", usage_key="storage_gb")]
