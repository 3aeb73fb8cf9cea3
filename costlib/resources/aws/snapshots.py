"""Amazon EBS snapshots and snapshot copies: storage per GB-month (standard or archive tier), EBS direct API
requests and fast snapshot restore from usage.

Pricing: https://aws.amazon.com/ebs/pricing/ (Snapshots) — a snapshot is billed for the data it stores; the first
snapshot of a volume holds all its written blocks, later ones only the changed blocks (usage ``storage_gb`` says
how much, otherwise the volume's size is billed); the archive tier is cheaper to store and billed per GB restored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Hours, Quantity, Usage, choice, usage_key

__all__ = ["aws_ebs_snapshot", "aws_ebs_snapshot_copy", "snapshot_components"]


class Snapshot(AwsInputs):
    volume_size: GB | None = None
    storage_tier: Annotated[str, choice("standard", "archive")] = "standard"


class SnapshotUsage(Usage):
    storage_gb: GB | None = usage_key("Data the snapshot stores (incremental snapshots: the changed blocks)",
                                      unit="GB")
    monthly_list_block_requests: Quantity | None = usage_key(
        "ListChangedBlocks and ListSnapshotBlocks requests a month (EBS direct APIs)", unit="requests")
    monthly_get_block_requests: Quantity | None = usage_key("GetSnapshotBlock requests a month (512 KiB blocks)",
                                                            unit="requests")
    monthly_put_block_requests: Quantity | None = usage_key("PutSnapshotBlock requests a month (512 KiB blocks)",
                                                            unit="requests")
    fast_snapshot_restore_hours: Hours | None = usage_key(
        "Fast snapshot restore DSU-hours a month (one per availability zone enabled, per hour)", unit="DSU-hours")


def snapshot_components(region: str, size: Decimal | None, tier: str, u: SnapshotUsage) -> list[CostComponent]:
    """Storage of one snapshot and the usage-billed extras."""
    stored = u.storage_gb if u.storage_gb is not None else size
    usagetype = "EBS:SnapshotArchiveStorage" if tier == "archive" else "EBS:SnapshotUsage"
    label = "Snapshot storage (archive tier)" if tier == "archive" else "Snapshot storage"
    out = [usage_based(label, aws("AmazonEC2", region, "Storage Snapshot", usagetype=usagetype), stored, unit="GB",
                       usage_key="storage_gb")]
    for key, name, utype, unit in (
            ("monthly_list_block_requests", "EBS direct API list requests", "EBS:directAPI.snapshot.List", "requests"),
            ("monthly_get_block_requests", "EBS direct API get block requests", "EBS:directAPI.snapshot.Get",
             "requests"),
            ("monthly_put_block_requests", "EBS direct API put block requests", "EBS:directAPI.snapshot.Put",
             "requests")):
        qty = getattr(u, key)
        if qty is not None:
            out.append(monthly(name, aws("AmazonEC2", region, "EBS direct API Requests", usagetype=utype), qty,
                               unit=unit))
    if u.fast_snapshot_restore_hours is not None:
        out.append(monthly("Fast snapshot restore", aws("AmazonEC2", region, "Fast Snapshot Restore",
                                                        usagetype="EBS:FastSnapshotRestore"),
                           u.fast_snapshot_restore_hours, unit="DSU-hours"))
    return out


@resource("aws_ebs_snapshot", example={"volume_size": 100})
def aws_ebs_snapshot(i: Snapshot, u: SnapshotUsage) -> list[CostComponent]:
    """An EBS snapshot: its stored data (``volume_size`` unless usage ``storage_gb`` says less) in the standard or
    archive ``storage_tier``. Pricing: https://aws.amazon.com/ebs/pricing/
    """
    return snapshot_components(i.region, i.volume_size, i.storage_tier, u)


@resource("aws_ebs_snapshot_copy", example={"volume_size": 100})
def aws_ebs_snapshot_copy(i: Snapshot, u: SnapshotUsage) -> list[CostComponent]:
    """A copy of an EBS snapshot (another region or account): stored in full in its region.
    Pricing: https://aws.amazon.com/ebs/pricing/
    """
    return snapshot_components(i.region, i.volume_size, i.storage_tier, u)
