"""Azure VM scale sets (Linux, Windows and the legacy type), legacy virtual machines and AKS node pools.

A scale set is billed as its VMs (``instances`` x ``sku``, per hour) and their managed disks; there is no
charge for the scale set itself. Pricing: https://azure.microsoft.com/pricing/details/virtual-machine-scale-sets/,
https://azure.microsoft.com/pricing/details/virtual-machines/linux/ (and /windows/),
https://azure.microsoft.com/pricing/details/managed-disks/,
https://azure.microsoft.com/pricing/details/kubernetes-service/ (node pools are billed as their VMs and disks).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import unmodelled
from costlib.resources.azure._common import (
    DiskAccountType,
    DiskUsage,
    PurchaseUsage,
    disk_components,
    vm_hours,
)
from costlib.resources.azure.compute import (
    AksNodePool,
    OsDisk,
    aks_pool_components,
    hybrid_benefit,
    pool_nodes,
    vm_os_disk,
)
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Blocks, Count, Model, Rate, choice, usage_key

__all__ = ["azurerm_kubernetes_cluster_node_pool", "azurerm_linux_virtual_machine_scale_set",
           "azurerm_virtual_machine", "azurerm_virtual_machine_scale_set",
           "azurerm_windows_virtual_machine_scale_set"]


class DataDisk(Model):
    storage_account_type: DiskAccountType = "Standard_LRS"
    disk_size_gb: GB
    ultra_ssd_disk_iops_read_write: Rate | None = None
    ultra_ssd_disk_mbps_read_write: Rate | None = None


class ScaleSetUsage(PurchaseUsage):
    """Usage of a scale set (Infracost's keys: ``instances``, ``os_disk.monthly_disk_operations``)."""

    instances: Count | None = usage_key("Instances in the scale set (overrides instances)", unit="instances")
    os_disk: Block[DiskUsage] = usage_key("Usage of each instance's OS disk", unit="")
    data_disk: Block[DiskUsage] = usage_key("Usage of each data disk of each instance", unit="")


class ScaleSet(AzureInputs):
    sku: str
    instances: Count = 0
    priority: Annotated[str, choice("Regular", "Spot")] = "Regular"
    os_disk: Block[OsDisk] = None
    data_disk: Blocks[DataDisk] = ()
    license_type: str | None = None


def _data_disks(region: str, disks: tuple[DataDisk, ...], count: Decimal, usage: DiskUsage | None,
                label: str = "Data disk") -> list[CostComponent]:
    out: list[CostComponent] = []
    for n, d in enumerate(disks):
        out += disk_components(region, d.storage_account_type, d.disk_size_gb, label=f"{label} {n + 1}",
                               count=count, iops=d.ultra_ssd_disk_iops_read_write,
                               mbps=d.ultra_ssd_disk_mbps_read_write, usage=usage)
    return out


def _scale_set(i: ScaleSet, u: ScaleSetUsage, os_name: str, default_disk: int) -> list[CostComponent]:
    count = Decimal(u.instances if u.instances is not None else i.instances)
    return [vm_hours(i.region, i.sku, os_name, u, count=count, label="Instances", spot=i.priority == "Spot",
                     billed_as=hybrid_benefit(os_name, i.license_type)),
            *vm_os_disk(i.region, i.os_disk, default_disk, u.os_disk, count=count, label="OS disks"),
            *_data_disks(i.region, i.data_disk, count, u.data_disk)]


@resource("azurerm_linux_virtual_machine_scale_set", example={"sku": "Standard_D2s_v5", "instances": 3})
def azurerm_linux_virtual_machine_scale_set(i: ScaleSet, u: ScaleSetUsage) -> list[CostComponent]:
    """A Linux scale set: ``instances`` (default 0) x ``sku`` VM hours (``priority`` Spot at the Spot rate), each
    with its ``os_disk`` (default Premium_LRS 30 GiB -> P4) and ``data_disk`` s.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machine-scale-sets/
    """
    return _scale_set(i, u, "Linux", 30)


@resource("azurerm_windows_virtual_machine_scale_set", example={"sku": "Standard_D2s_v5", "instances": 3})
def azurerm_windows_virtual_machine_scale_set(i: ScaleSet, u: ScaleSetUsage) -> list[CostComponent]:
    """A Windows scale set: as the Linux one at the Windows rate (Azure Hybrid Benefit with ``license_type``
    Windows_Server bills the base rate); OS disks default to 127 GiB Premium_LRS (P10).

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machine-scale-sets/
    """
    return _scale_set(i, u, "Windows", 127)


# --- legacy types ----------------------------------------------------------------------------------------
_LEGACY_DISK = Annotated[str, choice("Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS",
                                     "Standard_LRS", "UltraSSD_LRS", what="managed_disk_type")]


class LegacyOsDisk(Model):
    managed_disk_type: _LEGACY_DISK | None = None
    disk_size_gb: GB | None = None
    os_type: Annotated[str, choice("Linux", "Windows")] | None = None
    vhd_uri: str | None = None


class LegacyDataDisk(Model):
    managed_disk_type: _LEGACY_DISK | None = None
    disk_size_gb: GB | None = None
    create_option: str | None = None
    vhd_uri: str | None = None


class ImageReference(Model):
    publisher: str | None = None
    offer: str | None = None


class Present(Model):
    """A block whose presence says something (``os_profile_windows_config``)."""


class LegacyUsage(PurchaseUsage):
    """Usage of a legacy VM (Infracost's keys: ``storage_os_disk`` / ``storage_data_disk`` sections)."""

    storage_os_disk: Block[DiskUsage] = usage_key("Usage of the OS disk", unit="")
    storage_data_disk: Block[DiskUsage] = usage_key("Usage of each data disk", unit="")


def _legacy_os(windows_config: object, linux_config: object, os_disk: LegacyOsDisk | None,
               image: ImageReference | None) -> str:
    """Windows when the VM has a Windows OS profile, a Windows OS disk or a Windows Server image."""
    if windows_config is not None or (os_disk is not None and os_disk.os_type == "Windows"):
        return "Windows"
    if linux_config is None and image is not None and "windows" in (image.publisher or "").lower():
        return "Windows"
    return "Linux"


def _legacy_disks(region: str, os_disk: LegacyOsDisk | None, data: tuple[LegacyDataDisk, ...], os_name: str,
                  count: Decimal, os_usage: DiskUsage | None, data_usage: DiskUsage | None) -> list[CostComponent]:
    out: list[CostComponent] = []
    if os_disk is not None and os_disk.vhd_uri:
        out.append(_unmanaged("OS disk"))
    elif os_disk is not None:
        kind = os_disk.managed_disk_type or "Standard_LRS"
        if kind == "UltraSSD_LRS":
            raise InputError("storage_os_disk: an Ultra disk cannot be an OS disk")
        size = os_disk.disk_size_gb or Decimal(127 if os_name == "Windows" else 30)
        out += disk_components(region, kind, size, label="OS disk", count=count, usage=os_usage)
    for n, d in enumerate(data):
        if d.vhd_uri:
            out.append(_unmanaged(f"Data disk {n + 1}"))
            continue
        if d.disk_size_gb is None:
            if (d.create_option or "").lower() == "attach":
                continue  # an existing managed disk, priced as its own azurerm_managed_disk
            raise InputError(f"storage_data_disk[{n}].disk_size_gb is required for a new disk")
        out += disk_components(region, d.managed_disk_type or "Standard_LRS", d.disk_size_gb,
                               label=f"Data disk {n + 1}", count=count, usage=data_usage)
    return out


def _unmanaged(label: str) -> CostComponent:
    return unmodelled(f"{label} (unmanaged VHD)", "an unmanaged disk is a page blob in a storage account, billed "
                                                  "per GB used and per transaction on the account")


class LegacyVm(AzureInputs):
    vm_size: str
    storage_os_disk: Block[LegacyOsDisk] = None
    storage_data_disk: Blocks[LegacyDataDisk] = ()
    storage_image_reference: Block[ImageReference] = None
    os_profile_windows_config: Block[Present] = None
    os_profile_linux_config: Block[Present] = None
    license_type: str | None = None


@resource("azurerm_virtual_machine", example={"vm_size": "Standard_D2s_v3",
                                              "storage_os_disk": [{"managed_disk_type": "Premium_LRS"}],
                                              "os_profile_linux_config": [{}]})
def azurerm_virtual_machine(i: LegacyVm, u: LegacyUsage) -> list[CostComponent]:
    """A legacy VM: ``vm_size`` hours, Windows when ``os_profile_windows_config``, a Windows ``storage_os_disk``
    or a Windows Server image says so (else Linux), ``license_type`` Windows_Server for Azure Hybrid Benefit;
    ``storage_os_disk`` and each ``storage_data_disk`` by ``managed_disk_type`` (default Standard_LRS).

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/linux/
    """
    os_name = _legacy_os(i.os_profile_windows_config, i.os_profile_linux_config, i.storage_os_disk,
                         i.storage_image_reference)
    return [vm_hours(i.region, i.vm_size, os_name, u, billed_as=hybrid_benefit(os_name, i.license_type)),
            *_legacy_disks(i.region, i.storage_os_disk, i.storage_data_disk, os_name, Decimal(1),
                           u.storage_os_disk, u.storage_data_disk)]


class LegacySku(Model):
    name: str
    tier: str | None = None
    capacity: Count = 0


class LegacyScaleSetUsage(PurchaseUsage):
    instances: Count | None = usage_key("Instances in the scale set (overrides sku.capacity)", unit="instances")
    storage_profile_os_disk: Block[DiskUsage] = usage_key("Usage of each instance's OS disk", unit="")
    storage_profile_data_disk: Block[DiskUsage] = usage_key("Usage of each data disk of each instance", unit="")


class LegacyScaleSet(AzureInputs):
    sku: Block[LegacySku] = None
    priority: Annotated[str, choice("Regular", "Low", "Spot")] = "Regular"
    storage_profile_os_disk: Block[LegacyOsDisk] = None
    storage_profile_data_disk: Blocks[LegacyDataDisk] = ()
    storage_profile_image_reference: Block[ImageReference] = None
    os_profile_windows_config: Block[Present] = None
    os_profile_linux_config: Block[Present] = None
    license_type: str | None = None


@resource("azurerm_virtual_machine_scale_set", example={"sku": [{"name": "Standard_D2s_v3", "capacity": 2}],
                                                        "storage_profile_os_disk": [{"managed_disk_type":
                                                                                     "Premium_LRS"}],
                                                        "os_profile_linux_config": [{}]})
def azurerm_virtual_machine_scale_set(i: LegacyScaleSet, u: LegacyScaleSetUsage) -> list[CostComponent]:
    """A legacy scale set: ``sku.capacity`` x ``sku.name`` VM hours (Windows when ``os_profile_windows_config``
    says so), ``priority`` Spot (Low priority is retired: refused), and each instance's
    ``storage_profile_os_disk`` and ``storage_profile_data_disk`` s.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machine-scale-sets/
    """
    if i.sku is None:
        raise InputError("sku.name is required")
    if i.priority == "Low":
        raise InputError("priority Low is retired (Azure no longer offers Low-priority VMs): use Spot")
    os_name = _legacy_os(i.os_profile_windows_config, i.os_profile_linux_config, i.storage_profile_os_disk,
                         i.storage_profile_image_reference)
    count = Decimal(u.instances if u.instances is not None else i.sku.capacity)
    return [vm_hours(i.region, i.sku.name, os_name, u, count=count, label="Instances", spot=i.priority == "Spot",
                     billed_as=hybrid_benefit(os_name, i.license_type)),
            *_legacy_disks(i.region, i.storage_profile_os_disk, i.storage_profile_data_disk, os_name, count,
                           u.storage_profile_os_disk, u.storage_profile_data_disk)]


# --- AKS node pools --------------------------------------------------------------------------------------
class NodePool(AksNodePool, AzureInputs):
    pass


class NodePoolUsage(PurchaseUsage):
    nodes: Count | None = usage_key("Node count of the pool (overrides node_count)", unit="nodes")


@resource("azurerm_kubernetes_cluster_node_pool", example={"vm_size": "Standard_D4s_v5", "node_count": 3})
def azurerm_kubernetes_cluster_node_pool(i: NodePool, u: NodePoolUsage) -> list[CostComponent]:
    """An AKS node pool: ``vm_size`` x ``node_count`` (or ``min_count`` when autoscaling) VM hours at the
    ``os_type`` rate (``priority`` Spot at the Spot rate), plus managed OS disks (``os_disk_size_gb``, default
    128; Ephemeral OS disks cost nothing). The cluster's control plane is priced on azurerm_kubernetes_cluster.

    Pricing: https://azure.microsoft.com/pricing/details/kubernetes-service/
    """
    return aks_pool_components(i.region, i, pool_nodes(i, u.nodes), u, label="Node pool")
