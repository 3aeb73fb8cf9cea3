"""Azure managed images and disk snapshots.

Both are stored as snapshots, billed per GB a month on the used size: full and incremental snapshots of a disk
are stored on Standard HDD (LRS, or ZRS where zone-redundant). Pricing:
https://azure.microsoft.com/pricing/details/managed-disks/ (Snapshots) - "snapshots are billed based on the used
size".
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Blocks, Model, Usage, usage_key

__all__ = ["azurerm_image", "azurerm_snapshot"]


def _snapshot_query(region: str, redundancy: str = "LRS") -> PriceQuery:
    return azure("Storage", region, productName="Standard HDD Managed Disks", skuName=f"Snapshots {redundancy}",
                 meterName=f"{redundancy} Snapshots")


class SnapshotUsage(Usage):
    storage_gb: GB | None = usage_key("Used size of the snapshot (what is billed)", unit="GB")


class Snapshot(AzureInputs):
    disk_size_gb: GB | None = None
    incremental_enabled: bool = False


@resource("azurerm_snapshot", example={"disk_size_gb": 128})
def azurerm_snapshot(i: Snapshot, u: SnapshotUsage) -> list[CostComponent]:
    """A disk snapshot: billed on the used size (usage ``storage_gb``; at most ``disk_size_gb``) at the Standard
    HDD snapshot rate; an incremental snapshot holds only the changes since the last one.

    Pricing: https://azure.microsoft.com/pricing/details/managed-disks/
    """
    kind = "incremental" if i.incremental_enabled else "full"
    return [usage_based(f"Snapshot storage ({kind}, LRS)", _snapshot_query(i.region), u.storage_gb, unit="GB",
                        usage_key="storage_gb")]


class ImageDisk(Model):
    size_gb: GB | None = None


class Image(AzureInputs):
    os_disk: Block[ImageDisk] = None
    data_disk: Blocks[ImageDisk] = ()
    zone_resilient: bool = False


@resource("azurerm_image", example={"os_disk": [{"os_type": "Linux", "size_gb": 30}]})
def azurerm_image(i: Image, u: SnapshotUsage) -> list[CostComponent]:
    """A managed image: its disks are stored as snapshots (ZRS when ``zone_resilient``), billed per GB on
    ``os_disk.size_gb`` plus each ``data_disk.size_gb`` (or usage ``storage_gb``).

    Pricing: https://azure.microsoft.com/pricing/details/managed-disks/
    """
    red = "ZRS" if i.zone_resilient else "LRS"
    query = _snapshot_query(i.region, red)
    sizes = [d.size_gb for d in (i.os_disk, *i.data_disk) if d is not None]
    if u.storage_gb is not None or not sizes or any(s is None for s in sizes):
        return [usage_based(f"Image storage ({red})", query, u.storage_gb, unit="GB",
                            usage_key="storage_gb")]
    total = sum((s for s in sizes if s is not None), Decimal(0))
    return [monthly(f"Image storage ({red})", query, total, unit="GB")]
