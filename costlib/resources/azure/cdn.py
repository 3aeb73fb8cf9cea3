"""Azure CDN (classic) endpoints.

Pricing: https://azure.microsoft.com/pricing/details/cdn/ — Azure CDN from Microsoft (classic) bills data
delivered from its edge per GB (volume tiers, by the delivery zone of the clients) and requests per million.
Azure CDN from Akamai and from Edgio (Verizon) are shut down; the profile's SKU is on ``azurerm_cdn_profile``
(which has no charge), so an endpoint is priced as Azure CDN from Microsoft, Standard. Data out is given for
clients in Zone 1 (North America and Europe) by ``monthly_outbound_gb``, or per zone. Rules-engine rules and
their requests are not modelled yet.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import azure, unmodelled, usage_based
from costlib.resources.azure._billing import per
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Blocks, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_cdn_endpoint"]


class CdnZonesUsage(Model):
    """GB delivered to clients in each CDN delivery zone."""

    zone_1: GB | None = usage_key("North America and Europe", unit="GB")
    zone_2: GB | None = usage_key("Asia Pacific", unit="GB")
    zone_3: GB | None = usage_key("South America", unit="GB")
    zone_4: GB | None = usage_key("Middle East and Africa", unit="GB")
    zone_5: GB | None = usage_key("Australia and India", unit="GB")


class DeliveryRule(Model):
    name: str | None = None


class CdnEndpoint(AzureInputs):
    region: str = "global"
    delivery_rule: Blocks[DeliveryRule] = ()


class CdnEndpointUsage(Usage):
    monthly_outbound_gb: GB | None = usage_key("Data delivered from the edge a month (clients in Zone 1)", unit="GB")
    monthly_outbound_gb_by_zone: Block[CdnZonesUsage] = usage_key("Data delivered a month per delivery zone", unit="")
    monthly_requests: Quantity | None = usage_key("HTTP requests served a month", unit="requests")


def _transfer(zone: str, gb: Decimal | None, key: str) -> CostComponent:
    return usage_based(f"Data transfer out ({zone})",
                       azure("Content Delivery Network", zone, productName="Azure CDN from Microsoft",
                             skuName="Standard", meterName="Standard Data Transfer"),
                       gb, unit="GB", usage_key=key)


@resource("azurerm_cdn_endpoint", example={"origin": [{"name": "web", "host_name": "www.example.com"}]})
def azurerm_cdn_endpoint(i: CdnEndpoint, u: CdnEndpointUsage) -> list[CostComponent]:
    """A classic CDN endpoint (Azure CDN from Microsoft): data out per zone and requests from usage.

    Pricing: https://azure.microsoft.com/pricing/details/cdn/
    """
    zones = u.monthly_outbound_gb_by_zone
    out: list[CostComponent] = []
    if zones is not None:
        for n in range(1, 6):
            gb = getattr(zones, f"zone_{n}")
            if gb is not None:
                out.append(_transfer(f"Zone {n}", gb, f"monthly_outbound_gb_by_zone.zone_{n}"))
    if u.monthly_outbound_gb is not None or not out:
        out.insert(0, _transfer("Zone 1", u.monthly_outbound_gb, "monthly_outbound_gb"))
    out.append(usage_based("Requests", azure("Content Delivery Network", "Zone 1", productName="Azure CDN from Microsoft",
                                             skuName="Standard", meterName="Standard Requests"),
                           per(1_000_000, u.monthly_requests), unit="1M requests", usage_key="monthly_requests"))
    if i.delivery_rule:
        out.append(unmodelled(f"Rules engine ({len(i.delivery_rule)} rules)",
                              "rules-engine rules and the requests they evaluate are not modelled yet"))
    return out
