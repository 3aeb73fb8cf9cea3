"""Azure ExpressRoute gateways and connections in a Virtual WAN hub.

Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/ — a hub's ExpressRoute gateway bills its scale
units by the hour (each 2 Gbps; units beyond the fifth use the "Additional Scale Unit" meter) and each circuit
connection as a connection unit by the hour. Virtual network gateways of type ExpressRoute are
``azurerm_virtual_network_gateway``.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count

__all__ = ["azurerm_express_route_connection", "azurerm_express_route_gateway", "vwan_query"]

#: scale units billed at the first rate
FIRST_UNITS = 5


def vwan_query(region: str, sku: str, meter: str | None = None) -> PriceQuery:
    """A Virtual WAN meter: ``skuName`` is the component (``VPN S2S Scale Unit`` ...), the meter name mostly the same."""
    return azure("Virtual WAN", region, productName="Virtual WAN", skuName=sku, meterName=meter or sku)


class ExpressRouteGateway(AzureInputs):
    scale_units: Count = 1


@resource("azurerm_express_route_gateway", example={"scale_units": 1})
def azurerm_express_route_gateway(i: ExpressRouteGateway) -> list[CostComponent]:
    """A Virtual WAN ExpressRoute gateway: ``scale_units`` (1-10) by the hour, beyond five at the additional rate.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/
    """
    units = i.scale_units
    if not 1 <= units <= 10:
        raise InputError(f"scale_units: an ExpressRoute gateway has 1 to 10 scale units, not {units}")
    first = min(units, FIRST_UNITS)
    out = [hourly(f"ExpressRoute scale units ({first})", vwan_query(i.region, "ExpressRoute Scale Unit"),
                  Decimal(first), unit="unit-hours")]
    if units > FIRST_UNITS:
        out.append(hourly(f"ExpressRoute additional scale units ({units - FIRST_UNITS})",
                          vwan_query(i.region, "ExpressRoute Additional Scale Unit"), Decimal(units - FIRST_UNITS),
                          unit="unit-hours"))
    return out


@resource("azurerm_express_route_connection", example={"routing_weight": 0})
def azurerm_express_route_connection(i: AzureInputs) -> list[CostComponent]:
    """A circuit connection to a Virtual WAN ExpressRoute gateway: one connection unit by the hour.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/
    """
    return [hourly("ExpressRoute connection unit", vwan_query(i.region, "ExpressRoute Connection Unit"))]
