"""Azure helpers shared by the Azure families: managed disks (tiers, Premium SSD v2, Ultra, bursting, disk
operations), VM hours (pay-as-you-go, spot, reservations, savings plans) and VM size capabilities.

Pricing: https://azure.microsoft.com/pricing/details/managed-disks/ - Standard HDD, Standard SSD and Premium SSD
disks are billed by the tier their size rounds up to (a 100 GiB Premium disk is a P10), Standard disks also per
10,000 transactions; Premium SSD v2 per GiB-hour of provisioned capacity plus IOPS above 3,000 and MB/s above
125 (the free baseline of every disk); Ultra disks per GiB-hour, per IOPS-hour and per MB/s-hour with no free
baseline. Premium SSD on-demand bursting (P30 and larger) adds a monthly enablement fee and burst transactions.
https://azure.microsoft.com/pricing/details/virtual-machines/linux/ - VMs per hour; Spot; reservations
(1 or 3 years: the price is the total for the term) and savings plans (an hourly rate for the term).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.money import Money
from costlib.resources._q import azure, hourly, monthly, running, unmodelled, usage_based
from costlib.resources.schema import HOURS_IN_MONTH, Quantity, Usage, choice, usage_key

__all__ = [
    "DISK_PRODUCTS",
    "DiskAccountType",
    "DiskUsage",
    "OsDiskAccountType",
    "PurchaseUsage",
    "disk_components",
    "disk_tier",
    "no_charge",
    "premium_storage_capable",
    "vm_hours",
]


#: storage_account_type -> (product name, tier letter, redundancy)
DISK_PRODUCTS = {
    "premium_lrs": ("Premium SSD Managed Disks", "P", "LRS"),
    "premium_zrs": ("Premium SSD Managed Disks", "P", "ZRS"),
    "standardssd_lrs": ("Standard SSD Managed Disks", "E", "LRS"),
    "standardssd_zrs": ("Standard SSD Managed Disks", "E", "ZRS"),
    "standard_lrs": ("Standard HDD Managed Disks", "S", "LRS"),
}

#: a managed disk's storage account type, as Azure spells it (case-insensitive, as Azure treats it)
DiskAccountType = Annotated[str, choice("Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS",
                                        "Standard_LRS", "PremiumV2_LRS", "UltraSSD_LRS",
                                        what="disk storage account type")]
#: an OS disk's type: Premium SSD v2 and Ultra disks cannot be OS disks (Azure refuses them)
OsDiskAccountType = Annotated[str, choice("Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS",
                                          "Standard_LRS", what="OS disk storage account type")]

_SIZES = ((4, "1"), (8, "2"), (16, "3"), (32, "4"), (64, "6"), (128, "10"), (256, "15"), (512, "20"),
          (1024, "30"), (2048, "40"), (4096, "50"), (8192, "60"), (16384, "70"), (32767, "80"))

#: Premium SSD v2: every disk includes 3,000 IOPS and 125 MB/s
_V2_FREE_IOPS, _V2_FREE_MBPS = Decimal(3000), Decimal(125)
_LARGEST_V2 = Decimal(65536)


def disk_tier(letter: str, size_gb: Decimal) -> tuple[str, int]:
    """The billed tier of a managed disk: the smallest tier at least ``size_gb`` (Standard HDD starts at S4).

    >>> disk_tier("P", Decimal(100))
    ('P10', 128)
    """
    for cap, num in _SIZES:
        if letter == "S" and cap < 32:
            continue
        if size_gb <= cap:
            return f"{letter}{num}", cap
    raise InputError(f"disk size {size_gb} GiB is above the largest managed disk tier (32,767 GiB)")


class DiskUsage(Usage):
    """Usage of one managed disk (Infracost's key, so existing usage files work)."""

    monthly_disk_operations: Quantity | None = usage_key(
        "Disk transactions a month (Standard HDD and SSD bill them; units of 256 KiB)", unit="operations")
    monthly_burst_transactions: Quantity | None = usage_key(
        "Burst transactions a month of a Premium SSD disk with on-demand bursting", unit="transactions")


def disk_components(region: str, account_type: str, size_gb: Decimal, *, label: str = "Managed disk",
                    count: Decimal = Decimal(1), iops: Decimal | None = None, mbps: Decimal | None = None,
                    bursting: bool = False, usage: DiskUsage | None = None) -> list[CostComponent]:
    """The monthly components of ``count`` managed disks of one type and size.

    >>> [c.name for c in disk_components("eastus", "PremiumV2_LRS", Decimal(100), iops=Decimal(5000))]
    ['Managed disk (Premium SSD v2, 100 GiB)', 'Managed disk IOPS above 3,000 (Premium SSD v2)']
    """
    key = account_type.lower()
    if key == "premiumv2_lrs":
        return _v2(region, size_gb, label, count, iops, mbps)
    if key == "ultrassd_lrs":
        return _ultra(region, size_gb, label, count, iops, mbps)
    if key not in DISK_PRODUCTS:
        raise InputError(f"unknown disk storage account type {account_type!r}")
    product, letter, redundancy = DISK_PRODUCTS[key]
    tier, cap = disk_tier(letter, size_gb)
    sku = f"{tier} {redundancy}"
    out = [monthly(f"{label} ({sku}, {cap} GiB tier)",
                   azure("Storage", region, productName=product, skuName=sku, meterName=f"{sku} Disk"),
                   count, unit="months")]
    if letter in ("S", "E"):  # Standard disks bill transactions per 10,000
        ops = usage.monthly_disk_operations if usage else None
        out.append(usage_based(f"{label} operations ({sku})",
                               azure("Storage", region, productName=product, skuName=sku,
                                     meterName=f"{sku} Disk Operations"),
                               None if ops is None else ops * count / Decimal(10_000), unit="10K operations",
                               usage_key="monthly_disk_operations"))
    if bursting:
        if letter != "P" or cap < 1024:
            raise InputError("on_demand_bursting_enabled needs a Premium SSD disk of 1,024 GiB (P30) or more")
        out.append(monthly(f"{label} bursting enablement ({redundancy})",
                           azure("Storage", region, productName=product, skuName=f"Burst Enablement {redundancy}",
                                 meterName=f"{redundancy} Burst Enablement"), count, unit="months"))
        burst = usage.monthly_burst_transactions if usage else None
        out.append(usage_based(f"{label} burst transactions ({redundancy})",
                               azure("Storage", region, productName=product,
                                     skuName=f"Burst Transactions {redundancy}",
                                     meterName=f"{redundancy} Burst Transactions"),
                               None if burst is None else burst * count / Decimal(10_000), unit="10K transactions",
                               usage_key="monthly_burst_transactions"))
    return out


def _v2(region: str, size: Decimal, label: str, count: Decimal, iops: Decimal | None,
        mbps: Decimal | None) -> list[CostComponent]:
    if size > _LARGEST_V2:
        raise InputError(f"disk size {size} GiB is above the largest Premium SSD v2 disk (65,536 GiB)")
    product = "Azure Premium SSD v2"
    out = [hourly(f"{label} (Premium SSD v2, {size} GiB)",
                  azure("Storage", region, productName=product, skuName="Premium LRS",
                        meterName="Premium LRS Provisioned Capacity"), size * count, unit="GiB-hours")]
    extra_iops = max(Decimal(0), (iops if iops is not None else _V2_FREE_IOPS) - _V2_FREE_IOPS)
    if extra_iops:
        out.append(hourly(f"{label} IOPS above 3,000 (Premium SSD v2)",
                          azure("Storage", region, productName=product, skuName="Premium LRS",
                                meterName="Premium LRS Provisioned IOPS"), extra_iops * count, unit="IOPS-hours"))
    extra_mbps = max(Decimal(0), (mbps if mbps is not None else _V2_FREE_MBPS) - _V2_FREE_MBPS)
    if extra_mbps:
        out.append(hourly(f"{label} throughput above 125 MB/s (Premium SSD v2)",
                          azure("Storage", region, productName=product, skuName="Premium LRS",
                                meterName="Premium LRS Provisioned Throughput (MBps)"), extra_mbps * count,
                          unit="MBps-hours"))
    return out


def _ultra(region: str, size: Decimal, label: str, count: Decimal, iops: Decimal | None,
           mbps: Decimal | None) -> list[CostComponent]:
    if size > _LARGEST_V2:
        raise InputError(f"disk size {size} GiB is above the largest Ultra disk (65,536 GiB)")
    product = "Ultra Disks"
    out = [hourly(f"{label} (Ultra, {size} GiB)",
                  azure("Storage", region, productName=product, skuName="Ultra LRS",
                        meterName="Ultra LRS Provisioned Capacity"), size * count, unit="GiB-hours")]
    if iops is None:
        out.append(unmodelled(f"{label} IOPS (Ultra)", "disk_iops_read_write is not set: Azure assigns a default "
                                                       "from the size; set it to price the provisioned IOPS"))
    else:
        out.append(hourly(f"{label} IOPS (Ultra)",
                          azure("Storage", region, productName=product, skuName="Ultra LRS",
                                meterName="Ultra LRS Provisioned IOPS"), iops * count, unit="IOPS-hours"))
    if mbps is None:
        out.append(unmodelled(f"{label} throughput (Ultra)", "disk_mbps_read_write is not set: Azure assigns a "
                                                             "default from the size; set it to price the throughput"))
    else:
        out.append(hourly(f"{label} throughput (Ultra)",
                          azure("Storage", region, productName=product, skuName="Ultra LRS",
                                meterName="Ultra LRS Provisioned Throughput (MBps)"), mbps * count,
                          unit="MBps-hours"))
    return out


# --- VM hours --------------------------------------------------------------------------------------------
_TERMS = {"1_year": ("1 Year", Decimal(12)), "3_year": ("3 Years", Decimal(36))}


class PurchaseUsage(Usage):
    """How VM hours are bought: pay-as-you-go (default), a reservation or a savings plan, and hours run."""

    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the VM runs (default 730)", unit="hours")
    reserved_instance_term: Annotated[str, choice("1_year", "3_year")] | None = usage_key(
        "A reserved VM instance for this size: 1_year or 3_year (billed for the whole term, running or not)",
        unit="")
    savings_plan_term: Annotated[str, choice("1_year", "3_year")] | None = usage_key(
        "Hours covered by an Azure savings plan for compute: 1_year or 3_year", unit="")


def vm_hours(region: str, size: str, os_name: str, usage: PurchaseUsage, *, count: Decimal = Decimal(1),
             label: str = "Virtual machine", spot: bool = False, billed_as: str | None = None) -> CostComponent:
    """VM hours of ``count`` VMs of ``size``: pay-as-you-go, spot, reserved (the term's price spread over its
    months) or savings plan; ``billed_as`` prices Windows with Azure Hybrid Benefit at the Linux rate.

    >>> vm_hours("eastus", "Standard_D2s_v5", "Linux", PurchaseUsage(reserved_instance_term="1_year")).name
    'Virtual machine (Linux, reserved 1 year, Standard_D2s_v5)'
    """
    shown = f"{os_name}, Azure Hybrid Benefit" if billed_as else os_name
    os_attr = billed_as or os_name
    if usage.reserved_instance_term and not spot:
        term, months = _TERMS[usage.reserved_instance_term]
        return monthly(f"{label} ({shown}, reserved {term.lower()}, {size})",
                       azure("Virtual Machines", region, armSkuName=size, os=os_attr, option="reserved", term=term,
                             unit="Term"), count / months, unit="terms",
                       note=f"the reservation's price for {term.lower()} spread over {months} months")
    if usage.savings_plan_term and not spot:
        term, _ = _TERMS[usage.savings_plan_term]
        return running(f"{label} ({shown}, savings plan {term.lower()}, {size})",
                       azure("Virtual Machines", region, armSkuName=size, os=os_attr, option="savings_plan",
                             term=term), count, usage.monthly_hrs)
    option = "spot" if spot else "on_demand"
    return running(f"{label} ({shown}, {'spot' if spot else 'pay-as-you-go'}, {size})",
                   azure("Virtual Machines", region, armSkuName=size, os=os_attr, option=option),
                   count, usage.monthly_hrs)


_SIZE = re.compile(r"^(?:Standard|Basic)_([A-Z]+)(\d+)(?:-\d+)?([a-z]*)(?:_|$)")


def premium_storage_capable(size: str) -> bool:
    """Whether a VM size takes Premium SSD disks: an ``s`` among its feature letters, or a DS/GS series.

    >>> premium_storage_capable("Standard_D4s_v5"), premium_storage_capable("Standard_D4_v3")
    (True, False)
    """
    m = _SIZE.match(size)
    if m is None:
        return True
    family, features = m.group(1), m.group(3)
    return "s" in features or (family.endswith("S") and family in ("DS", "GS", "FS", "LS"))


def no_charge(name: str, why: str) -> CostComponent:
    """A part the provider's pricing page says is free (a Free tier, a Consumption plan): shown at $0 with why.

    >>> c = no_charge("Static Web App (Free plan)", "the Free plan has no charge")
    >>> (c.fixed_price, c.monthly_quantity, c.note)
    (Money('0', 'USD'), Decimal('1'), 'the Free plan has no charge')
    """
    return CostComponent(name=name, unit="months", query=None, fixed_price=Money("0", "USD"),
                         monthly_quantity=Decimal(1), note=why)
