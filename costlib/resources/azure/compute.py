"""Azure virtual machines (Linux and Windows), managed disks and AKS clusters.

Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/linux/ (and /windows/),
https://azure.microsoft.com/pricing/details/managed-disks/ (billed by tier: a 100 GiB Premium disk is a P10),
https://azure.microsoft.com/pricing/details/kubernetes-service/ (Free tier: no control-plane charge;
Standard: per cluster-hour).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, num
from costlib.resources._q import azure, hourly, monthly
from costlib.resources.azure._common import DISK_PRODUCTS, disk_tier, location
from costlib.resources.registry import register

__all__ = ["azurerm_kubernetes_cluster", "azurerm_linux_virtual_machine", "azurerm_managed_disk",
           "azurerm_windows_virtual_machine", "disk_components", "vm_hour"]


def vm_hour(region: str, size: str, os_name: str, count: Decimal = Decimal(1), label: str = "Virtual machine",
            option: str = "on_demand") -> CostComponent:
    return hourly(f"{label} ({os_name}, {'pay-as-you-go' if option == 'on_demand' else option}, {size})",
                  azure("Virtual Machines", region, armSkuName=size, os=os_name, option=option), count)


def disk_components(spec: ResourceSpec, region: str, account_type: str, size_gb: Decimal,
                    label: str = "Managed disk", count: Decimal = Decimal(1)) -> list[CostComponent]:
    key = account_type.lower()
    if key not in DISK_PRODUCTS:
        raise InputError(f"storage account type {account_type!r} is not priced (supported: "
                         f"{', '.join(sorted(DISK_PRODUCTS))})", where=spec.address)
    product, letter, redundancy = DISK_PRODUCTS[key]
    tier, cap = disk_tier(letter, size_gb)
    sku = f"{tier} {redundancy}"
    return [monthly(f"{label} ({sku}, {cap} GiB tier)",
                    azure("Storage", region, productName=product, skuName=sku, meterName=f"{sku} Disk"),
                    count, unit="months")]


def _os_disk(spec: ResourceSpec, default_size: int) -> tuple[str, Decimal]:
    disk: Any = attr(spec, "os_disk", [{}])
    disk = disk[0] if isinstance(disk, list) and disk else disk if isinstance(disk, dict) else {}
    return str(disk.get("storage_account_type") or "Premium_LRS"), Decimal(str(disk.get("disk_size_gb")
                                                                              or default_size))


def _vm(spec: ResourceSpec, os_name: str, default_disk: int) -> list[CostComponent]:
    size = attr(spec, "size")
    if not size:
        raise InputError("size is required", where=spec.address)
    region = location(spec)
    option = "spot" if str(attr(spec, "priority", "Regular")).lower() == "spot" else "on_demand"
    account_type, disk_size = _os_disk(spec, default_disk)
    return [vm_hour(region, str(size), os_name, option=option),
            *disk_components(spec, region, account_type, disk_size, label="OS disk")]


@register("azurerm_linux_virtual_machine")
def azurerm_linux_virtual_machine(spec: ResourceSpec) -> list[CostComponent]:
    """A Linux VM: ``size``, ``priority`` (Regular/Spot), ``os_disk`` (default Premium_LRS, 30 GiB -> P4).

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/linux/
    """
    return _vm(spec, "Linux", 30)


@register("azurerm_windows_virtual_machine")
def azurerm_windows_virtual_machine(spec: ResourceSpec) -> list[CostComponent]:
    """A Windows VM (licence included): ``size``, ``os_disk`` (default Premium_LRS, 127 GiB -> P10).

    Pricing: https://azure.microsoft.com/pricing/details/virtual-machines/windows/
    """
    return _vm(spec, "Windows", 127)


@register("azurerm_managed_disk")
def azurerm_managed_disk(spec: ResourceSpec) -> list[CostComponent]:
    """A managed disk billed by tier: ``storage_account_type``, ``disk_size_gb``.

    Pricing: https://azure.microsoft.com/pricing/details/managed-disks/
    """
    return disk_components(spec, location(spec), str(attr(spec, "storage_account_type", "Standard_LRS")),
                           num(spec, "disk_size_gb"))


@register("azurerm_kubernetes_cluster")
def azurerm_kubernetes_cluster(spec: ResourceSpec) -> list[CostComponent]:
    """An AKS cluster: control plane by ``sku_tier`` (Free: no charge; Standard; Premium) plus the default node
    pool's VMs (``vm_size`` x ``node_count``, Linux) and OS disks (default 128 GiB Premium_LRS -> P10).

    Pricing: https://azure.microsoft.com/pricing/details/kubernetes-service/
    """
    region = location(spec)
    tier = str(attr(spec, "sku_tier", "Free"))
    out: list[CostComponent] = []
    if tier.lower() in ("standard", "paid"):
        out.append(hourly("Cluster management (Standard tier)",
                          azure("Azure Kubernetes Service", region, skuName="Standard",
                                meterName="Standard Uptime SLA")))
    elif tier.lower() == "premium":
        out.append(hourly("Cluster management (Premium tier)",
                          azure("Azure Kubernetes Service", region, skuName="Premium", meterName="Premium Uptime SLA")))
    pool: Any = attr(spec, "default_node_pool", [{}])
    pool = pool[0] if isinstance(pool, list) and pool else pool if isinstance(pool, dict) else {}
    if not pool.get("vm_size"):
        raise InputError("default_node_pool.vm_size is required", where=spec.address)
    nodes = Decimal(str(spec.usage.get("nodes") or pool.get("node_count") or pool.get("min_count") or 1))
    out.append(vm_hour(region, str(pool["vm_size"]), "Linux", nodes, label="Node pool VMs"))
    if pool.get("os_disk_type") != "Ephemeral":  # ephemeral OS disks live on the VM's cache: no disk charge
        out += disk_components(spec, region, "Premium_LRS", Decimal(str(pool.get("os_disk_size_gb") or 128)),
                               label="Node OS disks", count=nodes)
    return out
