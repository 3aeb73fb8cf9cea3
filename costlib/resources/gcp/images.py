"""GCP custom images, machine images and disk snapshots: storage per GB-month.

Pricing: https://cloud.google.com/compute/disks-image-pricing - custom images and machine images are billed per
GB-month of stored data; standard snapshots per GB-month of their (incremental, compressed) stored size, with a
lower rate for archive snapshots plus a per-GB retrieval charge; the stored size is not in a plan, so it comes
from usage (``storage_gb``), else from the size of the source the plan gives (an upper bound, said in a note).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, GcpInputs, Usage, choice, usage_key

__all__ = ["google_compute_image", "google_compute_machine_image", "google_compute_snapshot", "storage_line"]


class StorageUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored", unit="GB")


def storage_line(name: str, region: str, kind: str, stored: Decimal | None, fallback: Decimal | None,
                 what: str) -> CostComponent:
    """GB-months of ``kind`` storage: usage first, else the plan's size (noted as an upper bound)."""
    qty, note = stored, None
    if qty is None and fallback is not None:
        qty, note = fallback, f"stored size taken from {what} (set usage storage_gb for the stored size)"
    return usage_based(name, gcp("Compute Engine", region, "Storage", diskType=kind), qty, unit="GB",
                       usage_key="storage_gb", note=note)


class Image(GcpInputs):
    disk_size_gb: GB | None = None
    storage_locations: tuple[str, ...] = ()


@resource("google_compute_image", example={"disk_size_gb": 20})
def google_compute_image(i: Image, u: StorageUsage) -> list[CostComponent]:
    """A custom image: stored GB-months (usage ``storage_gb``, else ``disk_size_gb``).

    Pricing: https://cloud.google.com/compute/disks-image-pricing#imagestorage
    """
    return [storage_line("Image storage", i.region, "image", u.storage_gb, i.disk_size_gb, "disk_size_gb")]


class MachineImage(GcpInputs):
    pass


@resource("google_compute_machine_image", example={})
def google_compute_machine_image(i: MachineImage, u: StorageUsage) -> list[CostComponent]:
    """A machine image (all of a VM's disks and its configuration): stored GB-months (usage ``storage_gb``).

    Pricing: https://cloud.google.com/compute/disks-image-pricing#machine_image
    """
    return [storage_line("Machine image storage", i.region, "machine-image", u.storage_gb, None, "")]


class Snapshot(GcpInputs):
    snapshot_type: Annotated[str, choice("STANDARD", "ARCHIVE")] = "STANDARD"
    disk_size_gb: GB | None = None
    storage_locations: tuple[str, ...] = ()


class SnapshotUsage(Usage):
    storage_gb: GB | None = usage_key("Snapshot data stored", unit="GB")
    monthly_retrieval_gb: GB | None = usage_key("Archive snapshot data restored a month", unit="GB")


@resource("google_compute_snapshot", example={"disk_size_gb": 100})
def google_compute_snapshot(i: Snapshot, u: SnapshotUsage) -> list[CostComponent]:
    """A disk snapshot: STANDARD (default) or ARCHIVE (cheaper storage, plus retrieval per GB), stored GB-months
    (usage ``storage_gb``, else the source disk's ``disk_size_gb`` as an upper bound: snapshots are incremental).

    Pricing: https://cloud.google.com/compute/disks-image-pricing#persistentdisksnapshots
    """
    archive = i.snapshot_type == "ARCHIVE"
    out = [storage_line(f"Snapshot storage ({i.snapshot_type.lower()})", i.region,
                        "snapshot-archive" if archive else "snapshot", u.storage_gb, i.disk_size_gb,
                        "the source disk's disk_size_gb")]
    if archive:
        out.append(usage_based("Archive snapshot retrieval",
                               gcp("Compute Engine", i.region, "Storage", resource="snapshot-archive-retrieval"),
                               u.monthly_retrieval_gb, unit="GB", usage_key="monthly_retrieval_gb"))
    return out
