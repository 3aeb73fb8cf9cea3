"""Azure billing helpers shared by the networking, security, monitoring and messaging families.

The Retail Prices API prices each meter per its ``unitOfMeasure`` ("1 Hour", "1/Day", "1/Month", "1 GB", "10K",
"1M" ...): a cost function gives its quantity in that unit (``per(10_000, operations)`` is the number of
10K-operation blocks). Some meters are not published per region: Load Balancer, NAT Gateway, Private Link and
Traffic Manager are listed under ``armRegionName`` ``Global`` (``US Gov`` for the US Government cloud), and
Azure DNS, Front Door, CDN and global peering under delivery zones (``Zone 1`` ...): :func:`global_region` and
:func:`pricing_zone` give the region a query uses.

>>> per(10_000, Decimal(25_000))
Decimal('2.5')
>>> pricing_zone("westeurope"), pricing_zone("japaneast"), pricing_zone("brazilsouth"), pricing_zone("usgovvirginia")
('Zone 1', 'Zone 2', 'Zone 3', 'US Gov Zone 1')
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.money import HOURS_PER_MONTH, Money

__all__ = ["DAYS_IN_MONTH", "global_region", "no_charge", "per", "pricing_zone", "quantity"]

#: Days in the 730-hour month every estimate uses (meters billed "1/Day").
DAYS_IN_MONTH = HOURS_PER_MONTH / Decimal(24)

_ZONE_2 = ("eastasia", "southeastasia", "japan", "korea", "australia", "india", "centralindia", "southindia",
           "westindia", "jioindia", "newzealand", "indonesia", "malaysia", "taiwan")
_ZONE_3 = ("brazil", "chile", "southafrica", "uae", "qatar", "israel", "saudiarabia")


def per(block: int, quantity: Decimal | None) -> Decimal | None:
    """``quantity`` counted in blocks of ``block`` (the meter's unit: 10K operations, 1M queries ...)."""
    return None if quantity is None else quantity / Decimal(block)


def quantity(value: Decimal | int | None) -> Decimal | None:
    """A usage figure as a Decimal (None stays None)."""
    return None if value is None else Decimal(value)


def pricing_zone(region: str) -> str:
    """The delivery zone of an Azure region, as the Retail Prices API names it for zone-priced meters.

    Zone 1: North America, Europe and Australia Central; Zone 2: Asia Pacific, Japan, Korea, India, the other
    Australian regions; Zone 3: South America, the Middle East and Africa; the US Government regions:
    ``US Gov Zone 1``
    (https://azure.microsoft.com/pricing/details/bandwidth/).
    """
    name = region.replace(" ", "").lower()
    if name.startswith(("usgov", "usdod", "usnat", "ussec")):
        return "US Gov Zone 1"
    if name.startswith("australiacentral"):
        return "Zone 1"  # the bandwidth page lists Australia Central 1 and 2 in Zone 1
    if name.startswith(_ZONE_2) or name.endswith("india"):
        return "Zone 2"
    if name.startswith(_ZONE_3):
        return "Zone 3"
    return "Zone 1"


def global_region(region: str) -> str:
    """``Global`` for a commercial region, ``US Gov`` for a US Government one (meters not priced per region)."""
    name = region.replace(" ", "").lower()
    return "US Gov" if name.startswith(("usgov", "usdod")) else "Global"


def no_charge(name: str, why: str, *, unit: str = "months", count: Decimal = Decimal(1)) -> CostComponent:
    """A component the provider bills at $0 in this configuration (said, with the reason, never silently $0)."""
    return CostComponent(name=name, unit=unit, query=None, monthly_quantity=count, fixed_price=Money("0", "USD"),
                         note=why)
