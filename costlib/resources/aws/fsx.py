"""Amazon FSx file systems (Windows File Server, Lustre, NetApp ONTAP, OpenZFS): storage, throughput capacity,
SSD IOPS above the included 3 per GB, and backups from usage.

Pricing: https://aws.amazon.com/fsx/windows/pricing/, https://aws.amazon.com/fsx/lustre/pricing/,
https://aws.amazon.com/fsx/netapp-ontap/pricing/, https://aws.amazon.com/fsx/openzfs/pricing/ — storage per
GB-month by deployment (Single-AZ / Multi-AZ; Lustre scratch or persistent and its throughput tier) and storage
type (SSD / HDD); throughput capacity per MBps-month (Windows, ONTAP, OpenZFS; Lustre's is in its storage price);
user-provisioned SSD IOPS above 3 IOPS per GB per IOPS-month; backups per GB-month (usage ``backup_storage_gb``).
Queries use the AmazonFSx offer's attributes (``fileSystemType``, ``deploymentOption``, ``storageType``,
``throughputCapacity``): see pricing/CONVENTIONS.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Count, Model, Rate, Usage, choice, usage_key

__all__ = ["aws_fsx_lustre_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system",
           "aws_fsx_windows_file_system"]

INCLUDED_IOPS_PER_GB = Decimal(3)


class DiskIops(Model):
    mode: Annotated[str, choice("AUTOMATIC", "USER_PROVISIONED")] = "AUTOMATIC"
    iops: Rate | None = None


class FsxUsage(Usage):
    backup_storage_gb: GB | None = usage_key("Backup storage of the file system", unit="GB")


def _deployment(deployment_type: str) -> str:
    return "Multi-AZ" if deployment_type.upper().startswith("MULTI_AZ") else "Single-AZ"


def _common(region: str, fs: str, deployment: str, storage_type: str, capacity: Decimal,
            throughput: Decimal | None, iops: DiskIops | None, u: FsxUsage,
            storage_attrs: dict[str, str] | None = None) -> list[CostComponent]:
    out = [monthly(f"{storage_type} storage ({deployment})",
                   aws("AmazonFSx", region, "Storage", fileSystemType=fs, deploymentOption=deployment,
                       storageType=storage_type, **(storage_attrs or {})), capacity, unit="GB")]
    if throughput is not None:
        out.append(monthly(f"Throughput capacity ({deployment})",
                           aws("AmazonFSx", region, "Provisioned Throughput", fileSystemType=fs,
                               deploymentOption=deployment), throughput, unit="MBps"))
    if iops is not None and iops.mode == "USER_PROVISIONED" and storage_type == "SSD":
        extra = max(Decimal(0), (iops.iops or Decimal(0)) - capacity * INCLUDED_IOPS_PER_GB)
        if extra:
            out.append(monthly(f"SSD IOPS above 3 per GB ({deployment})",
                               aws("AmazonFSx", region, "Provisioned IOPS", fileSystemType=fs,
                                   deploymentOption=deployment), extra, unit="IOPS"))
    out.append(usage_based("Backup storage", aws("AmazonFSx", region, "Storage Snapshot", fileSystemType=fs,
                                                 deploymentOption=deployment),
                           u.backup_storage_gb, unit="GB", usage_key="backup_storage_gb"))
    return out


class FsxWindows(AwsInputs):
    storage_capacity: GB = Decimal(32)
    storage_type: Annotated[str, choice("SSD", "HDD")] = "SSD"
    deployment_type: Annotated[str, choice("SINGLE_AZ_1", "SINGLE_AZ_2", "MULTI_AZ_1")] = "SINGLE_AZ_1"
    throughput_capacity: Rate
    disk_iops_configuration: Block[DiskIops] = None


@resource("aws_fsx_windows_file_system", example={"storage_capacity": 300, "throughput_capacity": 32})
def aws_fsx_windows_file_system(i: FsxWindows, u: FsxUsage) -> list[CostComponent]:
    """FSx for Windows File Server: ``storage_capacity`` GB of ``storage_type``, ``throughput_capacity`` MBps,
    user-provisioned SSD IOPS above 3 per GB, backups from usage. Pricing: https://aws.amazon.com/fsx/windows/pricing/
    """
    return _common(i.region, "Windows", _deployment(i.deployment_type), i.storage_type, i.storage_capacity,
                   i.throughput_capacity, i.disk_iops_configuration, u)


class FsxLustre(AwsInputs):
    storage_capacity: GB = Decimal(1200)
    storage_type: Annotated[str, choice("SSD", "HDD")] = "SSD"
    deployment_type: Annotated[str, choice("SCRATCH_1", "SCRATCH_2", "PERSISTENT_1", "PERSISTENT_2")] = "SCRATCH_1"
    per_unit_storage_throughput: Rate | None = None


@resource("aws_fsx_lustre_file_system", example={"storage_capacity": 1200, "deployment_type": "PERSISTENT_2",
                                                 "per_unit_storage_throughput": 125})
def aws_fsx_lustre_file_system(i: FsxLustre, u: FsxUsage) -> list[CostComponent]:
    """FSx for Lustre: ``storage_capacity`` GB priced by ``deployment_type`` (scratch, or persistent at its
    ``per_unit_storage_throughput`` MB/s per TiB, which is in the storage price), backups from usage (persistent
    only). Pricing: https://aws.amazon.com/fsx/lustre/pricing/
    """
    deployment = {"SCRATCH_1": "Scratch_1", "SCRATCH_2": "Scratch_2", "PERSISTENT_1": "Persistent_1",
                  "PERSISTENT_2": "Persistent_2"}[i.deployment_type]
    attrs = {"throughputCapacity": format(i.per_unit_storage_throughput.normalize(), "f")} if (
        i.per_unit_storage_throughput is not None and deployment.startswith("Persistent")) else {}
    out = _common(i.region, "Lustre", deployment, i.storage_type, i.storage_capacity, None, None, u, attrs)
    return out if deployment.startswith("Persistent") else out[:-1]


class FsxOntap(AwsInputs):
    storage_capacity: GB = Decimal(1024)
    storage_type: Annotated[str, choice("SSD")] = "SSD"
    deployment_type: Annotated[str, choice("MULTI_AZ_1", "MULTI_AZ_2", "SINGLE_AZ_1", "SINGLE_AZ_2")] = "MULTI_AZ_1"
    throughput_capacity: Rate | None = None
    throughput_capacity_per_ha_pair: Rate | None = None
    ha_pairs: Count = 1
    disk_iops_configuration: Block[DiskIops] = None


class FsxOntapUsage(FsxUsage):
    capacity_pool_storage_gb: GB | None = usage_key("Data in the capacity pool tier", unit="GB")


@resource("aws_fsx_ontap_file_system", example={"storage_capacity": 1024, "throughput_capacity": 128,
                                                "deployment_type": "MULTI_AZ_1"})
def aws_fsx_ontap_file_system(i: FsxOntap, u: FsxOntapUsage) -> list[CostComponent]:
    """FSx for NetApp ONTAP: SSD ``storage_capacity``, throughput capacity (``throughput_capacity``, or per HA pair x
    ``ha_pairs``), SSD IOPS above 3 per GB, capacity pool and backups from usage.
    Pricing: https://aws.amazon.com/fsx/netapp-ontap/pricing/
    """
    deployment = _deployment(i.deployment_type)
    tp = i.throughput_capacity if i.throughput_capacity is not None else (
        None if i.throughput_capacity_per_ha_pair is None else i.throughput_capacity_per_ha_pair * max(1, i.ha_pairs))
    out = _common(i.region, "ONTAP", deployment, "SSD", i.storage_capacity, tp, i.disk_iops_configuration, u)
    out.insert(-1, usage_based(f"Capacity pool storage ({deployment})",
                               aws("AmazonFSx", i.region, "Storage", fileSystemType="ONTAP",
                                   deploymentOption=deployment, storageType="Capacity Pool"),
                               u.capacity_pool_storage_gb, unit="GB", usage_key="capacity_pool_storage_gb"))
    return out


class FsxOpenZfs(AwsInputs):
    storage_capacity: GB = Decimal(64)
    storage_type: Annotated[str, choice("SSD", "INTELLIGENT_TIERING")] = "SSD"
    deployment_type: Annotated[str, choice("SINGLE_AZ_1", "SINGLE_AZ_2", "SINGLE_AZ_HA_1", "SINGLE_AZ_HA_2",
                                           "MULTI_AZ_1")] = "SINGLE_AZ_1"
    throughput_capacity: Rate
    disk_iops_configuration: Block[DiskIops] = None


@resource("aws_fsx_openzfs_file_system", example={"storage_capacity": 64, "throughput_capacity": 64,
                                                  "deployment_type": "SINGLE_AZ_1"})
def aws_fsx_openzfs_file_system(i: FsxOpenZfs, u: FsxUsage) -> list[CostComponent]:
    """FSx for OpenZFS: SSD ``storage_capacity``, ``throughput_capacity`` MBps, SSD IOPS above 3 per GB, backups from
    usage. Pricing: https://aws.amazon.com/fsx/openzfs/pricing/
    """
    deployment = _deployment(i.deployment_type)
    storage = "Intelligent-Tiering" if i.storage_type == "INTELLIGENT_TIERING" else "SSD"
    return _common(i.region, "OpenZFS", deployment, storage, i.storage_capacity, i.throughput_capacity,
                   i.disk_iops_configuration, u)
