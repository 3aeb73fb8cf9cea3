"""Azure API Management instances.

Pricing: https://azure.microsoft.com/pricing/details/api-management/ — Developer, Basic, Standard, Premium,
Isolated and the v2 tiers bill each unit (``sku_name`` "<tier>_<units>") by the hour; Premium bills the units of
each additional region too, and each self-hosted gateway deployment by the hour; the v2 tiers include a number of
calls and bill calls beyond them per 10K; Consumption bills calls per 10K after the free grant (as the catalog's
tiers say).
"""

from __future__ import annotations

import re
from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure._billing import per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Blocks, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_api_management"]

#: Terraform tier -> Retail skuName
_TIERS = {"consumption": "Consumption", "developer": "Developer", "basic": "Basic", "standard": "Standard",
          "premium": "Premium", "isolated": "Isolated", "basicv2": "Basic v2", "standardv2": "Standard v2",
          "premiumv2": "Premium v2"}
_SKU = re.compile(r"^([A-Za-z0-9]+)_(\d{1,6})$")
#: units an instance (or a region of a Premium instance) can have, generously above Azure's limits
MAX_UNITS = 1_000


def _q(region: str, sku: str, meter: str) -> PriceQuery:
    return azure("API Management", region, productName="API Management", skuName=sku, meterName=meter)


class AdditionalLocation(Model):
    location: str | None = None
    capacity: Count | None = None


class ApiManagement(AzureInputs):
    sku_name: str = "Developer_1"
    additional_location: Blocks[AdditionalLocation] = ()


class ApiManagementUsage(Usage):
    monthly_api_calls: Quantity | None = usage_key("API calls a month (Consumption and the v2 tiers)", unit="calls")
    self_hosted_gateway_count: Count | None = usage_key("Self-hosted gateway deployments (Premium, v2 tiers)",
                                                        unit="gateways")


@resource("azurerm_api_management", example={"sku_name": "Developer_1", "publisher_name": "Example",
                                             "publisher_email": "api@example.com"})
def azurerm_api_management(i: ApiManagement, u: ApiManagementUsage) -> list[CostComponent]:
    """An API Management instance: ``sku_name`` units by the hour (Premium: plus each ``additional_location``'s
    units; self-hosted gateways by the hour), or Consumption calls per 10K; v2 tiers bill calls beyond those
    included.

    Pricing: https://azure.microsoft.com/pricing/details/api-management/
    """
    m = _SKU.match(i.sku_name.strip())
    tier = _TIERS.get(m.group(1).lower()) if m else None
    if m is None or tier is None:
        raise InputError(f"sku_name: {i.sku_name!r} is not <tier>_<units> (Developer_1, Premium_2, "
                         "StandardV2_1, Consumption_0 ...)")
    units = int(m.group(2))
    calls = per(10_000, u.monthly_api_calls)
    if tier == "Consumption":
        return [usage_based("API calls (Consumption)", _q(i.region, tier, "Consumption Calls"), calls,
                            unit="10K calls", usage_key="monthly_api_calls")]
    if not 1 <= units <= MAX_UNITS:
        raise InputError(f"sku_name: a {tier} instance has 1 to {MAX_UNITS} units, not {units}")
    out = [hourly(f"API Management ({tier}, {units} units)", _q(i.region, tier, f"{tier} Unit"), Decimal(units),
                  unit="unit-hours")]
    if tier == "Premium":
        for loc in i.additional_location:
            extra = loc.capacity if loc.capacity is not None else units
            where = loc.location.replace(" ", "").lower() if loc.location else i.region
            out.append(hourly(f"Additional region ({where}, {extra} units)", _q(where, tier, f"{tier} Unit"),
                              Decimal(extra), unit="unit-hours"))
    gateways = u.self_hosted_gateway_count or 0
    if gateways and tier in ("Premium", "Standard v2", "Premium v2"):
        sku, meter = ("Gateway", "Gateway Unit") if tier == "Premium" else (tier, f"{tier} Self-hosted Gateway")
        out.append(hourly(f"Self-hosted gateways ({gateways})", _q(i.region, sku, meter), Decimal(gateways),
                          unit="gateway-hours"))
    if tier.endswith(" v2"):
        out.append(usage_based("API calls beyond those included", _q(i.region, tier, f"{tier} Calls"), calls,
                               unit="10K calls", usage_key="monthly_api_calls"))
    return out
