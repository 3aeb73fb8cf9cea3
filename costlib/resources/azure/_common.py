"""Azure helpers: managed-disk products and tiers."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.resources.schema import choice

__all__ = ["DISK_PRODUCTS", "DiskAccountType", "disk_tier"]


#: storage_account_type -> (product name, tier letter)
DISK_PRODUCTS = {
    "premium_lrs": ("Premium SSD Managed Disks", "P", "LRS"),
    "premium_zrs": ("Premium SSD Managed Disks", "P", "ZRS"),
    "standardssd_lrs": ("Standard SSD Managed Disks", "E", "LRS"),
    "standardssd_zrs": ("Standard SSD Managed Disks", "E", "ZRS"),
    "standard_lrs": ("Standard HDD Managed Disks", "S", "LRS"),
}

#: a managed disk's storage account type, as Azure spells it (case-insensitive, as Azure treats it)
DiskAccountType = Annotated[str, choice("Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS",
                                        "Standard_LRS", "PremiumV2_LRS", "UltraSSD_LRS")]

_SIZES = ((4, "1"), (8, "2"), (16, "3"), (32, "4"), (64, "6"), (128, "10"), (256, "15"), (512, "20"),
          (1024, "30"), (2048, "40"), (4096, "50"), (8192, "60"), (16384, "70"), (32767, "80"))


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
