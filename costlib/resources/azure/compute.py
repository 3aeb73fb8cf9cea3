"""Azure virtual machines (Linux and Windows), managed disks and AKS clusters.

Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/linux/ (and /windows/),
https://azure.microsoft.com/pricing/details/managed-disks/ (billed by tier: a 100 GiB Premium disk is a P10),
https://azure.microsoft.com/pricing/details/kubernetes-service/ (Free tier: no control-plane charge;
Standard: per cluster-hour). VM sizes are case-insensitive in Azure; they are matched as Azure spells them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly, running, unmodelled
from costlib.resources.azure._common import DISK_PRODUCTS, DiskAccountType, disk_tier
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    HOURS_IN_MONTH,
    AzureInputs,
    Block,
    Count,
    Model,
    Usage,
    choice,
    usage_key,
)

__all__ = ["azurerm_kubernetes_cluster", "azurerm_linux_virtual_machine", "azurerm_managed_disk",
           "azurerm_windows_virtual_machine", "disk_components", "vm_hour"]


def vm_hour(region: str, size: str, os_name: str, count: Decimal = Decimal(1), label: str = "Virtual machine",
            option: str = "on_demand", hours: Decimal | None = None, billed_as: str | None = None) -> CostComponent:
    """VM hours of ``size``; ``billed_as`` prices them as another OS (Windows with Hybrid Benefit: Linux rate)."""
    shown = f"{os_name}, Azure Hybrid Benefit" if billed_as else os_name
    return running(f"{label} ({shown}, {'pay-as-you-go' if option == 'on_demand' else option}, {size})",
                   azure("Virtual Machines", region, armSkuName=size, os=billed_as or os_name, option=option),
                   count, hours)


def disk_components(region: str, account_type: str, size_gb: Decimal, label: str = "Managed disk",
                    count: Decimal = Decimal(1)) -> list[CostComponent]:
    key = account_type.lower()
    if key not in DISK_PRODUCTS:
        return [unmodelled(f"{label} ({account_type}, {size_gb} GiB)",
                           f"{account_type} disks are billed per GiB, IOPS and throughput, not modelled yet")]
    product, letter, redundancy = DISK_PRODUCTS[key]
    tier, cap = disk_tier(letter, size_gb)
    sku = f"{tier} {redundancy}"
    return [monthly(f"{label} ({sku}, {cap} GiB tier)",
                    azure("Storage", region, productName=product, skuName=sku, meterName=f"{sku} Disk"),
                    count, unit="months")]


class OsDisk(Model):
    storage_account_type: DiskAccountType = "Premium_LRS"
    disk_size_gb: GB | None = None


class VmUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the VM runs (default 730)", unit="hours")


class VirtualMachine(AzureInputs):
    size: str
    priority: Annotated[str, choice("Regular", "Spot", "Low")] = "Regular"
    os_disk: Block[OsDisk] = None
    license_type: str | None = None


def _vm(i: VirtualMachine, u: VmUsage, os_name: str, default_disk: int) -> list[CostComponent]:
    option = "spot" if i.priority == "Spot" else "on_demand"
    # Azure Hybrid Benefit: the Windows licence is brought, the VM is billed at the base (Linux) rate
    hybrid = os_name == "Windows" and i.license_type in ("Windows_Server", "Windows_Client")
    disk = i.os_disk or OsDisk()
    return [vm_hour(i.region, i.size, os_name, option=option, hours=u.monthly_hrs,
                    billed_as="Linux" if hybrid else None),
            *disk_components(i.region, disk.storage_account_type, disk.disk_size_gb or Decimal(default_disk),
                             label="OS disk")]


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


@resource("azurerm_managed_disk", example={"storage_account_type": "Premium_LRS", "disk_size_gb": 128})
def azurerm_managed_disk(i: ManagedDisk) -> list[CostComponent]:
    """A managed disk billed by tier: ``storage_account_type``, ``disk_size_gb``.

    Pricing: https://azure.microsoft.com/pricing/details/managed-disks/
    """
    return disk_components(i.region, i.storage_account_type, i.disk_size_gb)


class NodePool(Model):
    vm_size: str
    node_count: Count | None = None
    min_count: Count | None = None
    os_disk_type: Annotated[str, choice("Managed", "Ephemeral")] = "Managed"
    os_disk_size_gb: GB = Decimal(128)
    priority: Annotated[str, choice("Regular", "Spot")] = "Regular"


class KubernetesCluster(AzureInputs):
    sku_tier: Annotated[str, choice("Free", "Standard", "Premium", aliases={"Paid": "Standard"})] = "Free"
    default_node_pool: Block[NodePool] = None


class AksUsage(Usage):
    nodes: Count | None = usage_key("Nodes in the default pool (overrides node_count)", unit="nodes")


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
    nodes = Decimal(u.nodes if u.nodes is not None else pool.node_count if pool.node_count is not None
                    else pool.min_count or 1)
    option = "spot" if pool.priority == "Spot" else "on_demand"
    out.append(vm_hour(i.region, pool.vm_size, "Linux", nodes, label="Node pool VMs", option=option))
    if pool.os_disk_type != "Ephemeral":  # ephemeral OS disks live on the VM's cache: no disk charge
        out += disk_components(i.region, "Premium_LRS", pool.os_disk_size_gb, label="Node OS disks", count=nodes)
    return out
