"""Azure virtual machines (Linux and Windows), managed disks and AKS clusters.

Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/linux/ (and /windows/): per hour,
pay-as-you-go, Spot, reserved instances (1 or 3 years) and savings plans (usage keys ``reserved_instance_term``,
``savings_plan_term``); https://azure.microsoft.com/pricing/details/managed-disks/ (billed by tier: a 100 GiB
Premium disk is a P10; Premium SSD v2 and Ultra per GiB, IOPS and MB/s; Standard disks per 10,000 transactions;
Premium on-demand bursting); https://azure.microsoft.com/pricing/details/kubernetes-service/ (Free tier: no
control-plane charge; Standard and Premium: per cluster-hour). VM sizes are case-insensitive in Azure; they are
matched as Azure spells them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, unmodelled
from costlib.resources.azure._common import (
    DiskAccountType,
    DiskUsage,
    OsDiskAccountType,
    PurchaseUsage,
    disk_components,
    premium_storage_capable,
    vm_hours,
)
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Count, Model, Rate, choice, usage_key

__all__ = ["AksNodePool", "OsDisk", "VmUsage", "aks_pool_components", "azurerm_kubernetes_cluster",
           "azurerm_linux_virtual_machine", "azurerm_managed_disk", "azurerm_windows_virtual_machine",
           "disk_components", "vm_hour", "vm_os_disk"]


def vm_hour(region: str, size: str, os_name: str, count: Decimal = Decimal(1), label: str = "Virtual machine",
            option: str = "on_demand", hours: Decimal | None = None, billed_as: str | None = None) -> CostComponent:
    """VM hours of ``size``, pay-as-you-go or spot; ``billed_as`` prices them as another OS (Windows with Hybrid
    Benefit: Linux rate). Reservations and savings plans: :func:`~costlib.resources.azure._common.vm_hours`."""
    return vm_hours(region, size, os_name, PurchaseUsage(monthly_hrs=hours), count=count, label=label,
                    spot=option == "spot", billed_as=billed_as)


class OsDisk(Model):
    storage_account_type: OsDiskAccountType = "Premium_LRS"
    disk_size_gb: GB | None = None


class VmUsage(PurchaseUsage):
    """Usage of a VM (Infracost's keys: ``monthly_hrs``, ``os_disk.monthly_disk_operations``)."""

    os_disk: Block[DiskUsage] = usage_key("Usage of the OS disk", unit="")


class VirtualMachine(AzureInputs):
    size: str
    priority: Annotated[str, choice("Regular", "Spot", "Low")] = "Regular"
    os_disk: Block[OsDisk] = None
    license_type: str | None = None


def hybrid_benefit(os_name: str, license_type: str | None) -> str | None:
    """The OS a VM is billed as: Windows with a brought licence (Azure Hybrid Benefit) at the Linux rate."""
    if os_name == "Windows" and license_type in ("Windows_Server", "Windows_Client"):
        return "Linux"
    return None


def vm_os_disk(region: str, disk: OsDisk | None, default_size: int, usage: DiskUsage | None,
               count: Decimal = Decimal(1), label: str = "OS disk") -> list[CostComponent]:
    """The OS disk of ``count`` VMs (default Premium_LRS; the image decides the size: 30 GiB Linux, 127 Windows)."""
    disk = disk or OsDisk()
    return disk_components(region, disk.storage_account_type, disk.disk_size_gb or Decimal(default_size),
                           label=label, count=count, usage=usage)


def _vm(i: VirtualMachine, u: VmUsage, os_name: str, default_disk: int) -> list[CostComponent]:
    if i.priority == "Low":
        raise InputError("priority Low is retired (Azure no longer offers Low-priority VMs): use Spot")
    return [vm_hours(i.region, i.size, os_name, u, spot=i.priority == "Spot",
                     billed_as=hybrid_benefit(os_name, i.license_type)),
            *vm_os_disk(i.region, i.os_disk, default_disk, u.os_disk)]


@resource("azurerm_linux_virtual_machine", example={"size": "Standard_D2s_v5"})
def azurerm_linux_virtual_machine(i: VirtualMachine, u: VmUsage) -> list[CostComponent]:
    """A Linux VM: ``size``, ``priority`` (Regular/Spot), ``os_disk`` (default Premium_LRS, 30 GiB -> P4).

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/linux/
    """
    return _vm(i, u, "Linux", 30)


@resource("azurerm_windows_virtual_machine", example={"size": "Standard_D2s_v5"})
def azurerm_windows_virtual_machine(i: VirtualMachine, u: VmUsage) -> list[CostComponent]:
    """A Windows VM (licence included unless ``license_type`` brings one: Azure Hybrid Benefit bills the base
    rate): ``size``, ``os_disk`` (default Premium_LRS, 127 GiB -> P10).

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/windows/
    """
    return _vm(i, u, "Windows", 127)


class ManagedDisk(AzureInputs):
    storage_account_type: DiskAccountType = "Standard_LRS"
    disk_size_gb: GB
    disk_iops_read_write: Rate | None = None
    disk_mbps_read_write: Rate | None = None
    on_demand_bursting_enabled: bool = False
    max_shares: Count | None = None


@resource("azurerm_managed_disk", example={"storage_account_type": "Premium_LRS", "disk_size_gb": 128})
def azurerm_managed_disk(i: ManagedDisk, u: DiskUsage) -> list[CostComponent]:
    """A managed disk: ``storage_account_type``, ``disk_size_gb``; Premium SSD v2 and Ultra also
    ``disk_iops_read_write`` and ``disk_mbps_read_write``; ``on_demand_bursting_enabled`` (Premium P30+).

    Pricing: https://azure.microsoft.com/pricing/details/managed-disks/
    """
    out = disk_components(i.region, i.storage_account_type, i.disk_size_gb, iops=i.disk_iops_read_write,
                          mbps=i.disk_mbps_read_write, bursting=i.on_demand_bursting_enabled, usage=u)
    if i.max_shares and i.max_shares > 1 and i.storage_account_type.lower().startswith("premium_"):
        out.append(unmodelled(f"Shared disk mounts ({i.max_shares} max shares)",
                              "Premium SSD shared disks bill a monthly fee per mount beyond the first, not modelled"))
    return out


class AksNodePool(Model):
    vm_size: str
    node_count: Count | None = None
    min_count: Count | None = None
    os_type: Annotated[str, choice("Linux", "Windows")] = "Linux"
    os_disk_type: Annotated[str, choice("Managed", "Ephemeral")] = "Managed"
    os_disk_size_gb: GB = Decimal(128)
    priority: Annotated[str, choice("Regular", "Spot")] = "Regular"


def aks_pool_components(region: str, pool: AksNodePool, nodes: Decimal, u: PurchaseUsage,
                        label: str = "Node pool", disks_label: str = "Node pool OS disks") -> list[CostComponent]:
    """The VMs of an AKS node pool and their managed OS disks (ephemeral OS disks live on the VM: no charge).

    A managed OS disk is Premium SSD where the VM size takes Premium storage, Standard SSD otherwise.
    """
    out = [vm_hours(region, pool.vm_size, pool.os_type, u, count=nodes, label=f"{label} VMs",
                    spot=pool.priority == "Spot")]
    if pool.os_disk_type != "Ephemeral":
        kind = "Premium_LRS" if premium_storage_capable(pool.vm_size) else "StandardSSD_LRS"
        out += disk_components(region, kind, pool.os_disk_size_gb, label=disks_label, count=nodes)
    return out


class KubernetesCluster(AzureInputs):
    sku_tier: Annotated[str, choice("Free", "Standard", "Premium", aliases={"Paid": "Standard"})] = "Free"
    default_node_pool: Block[AksNodePool] = None


class PoolUsage(Model):
    nodes: Count | None = usage_key("Node count of the pool (overrides node_count)", unit="nodes")


class AksUsage(PurchaseUsage):
    nodes: Count | None = usage_key("Nodes in the default pool (overrides node_count)", unit="nodes")
    default_node_pool: Block[PoolUsage] = usage_key("Usage of the default node pool (Infracost's nesting)", unit="")


def pool_nodes(pool: AksNodePool, override: int | None) -> Decimal:
    """Nodes billed: the usage figure, else ``node_count``, else ``min_count`` (autoscaling), else 1."""
    if override is not None:
        return Decimal(override)
    if pool.node_count is not None:
        return Decimal(pool.node_count)
    return Decimal(pool.min_count or 1)


@resource("azurerm_kubernetes_cluster", example={"sku_tier": "Standard",
                                                 "default_node_pool": [{"vm_size": "Standard_D4s_v5",
                                                                        "node_count": 3}]})
def azurerm_kubernetes_cluster(i: KubernetesCluster, u: AksUsage) -> list[CostComponent]:
    """An AKS cluster: control plane by ``sku_tier`` (Free: no charge; Standard; Premium) plus the default node
    pool's VMs (``vm_size`` x ``node_count``, Linux) and OS disks (default 128 GiB Premium_LRS -> P10).

    Pricing: https://azure.microsoft.com/pricing/details/kubernetes-service/
    """
    out: list[CostComponent] = []
    if i.sku_tier == "Standard":
        out.append(hourly("Cluster management (Standard tier)",
                          azure("Azure Kubernetes Service", i.region, skuName="Standard",
                                meterName="Standard Uptime SLA")))
    elif i.sku_tier == "Premium":
        out.append(hourly("Cluster management (Premium tier)",
                          azure("Azure Kubernetes Service", i.region, skuName="Premium",
                                meterName="Premium Uptime SLA")))
    pool = i.default_node_pool
    if pool is None:
        raise InputError("default_node_pool.vm_size is required")
    nested = u.default_node_pool.nodes if u.default_node_pool else None
    nodes = pool_nodes(pool, u.nodes if u.nodes is not None else nested)
    out += aks_pool_components(i.region, pool.model_copy(update={"os_type": "Linux"}), nodes, u,
                               label="Node pool", disks_label="Node OS disks")
    return out
