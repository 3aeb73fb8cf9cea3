"""Azure virtual network gateways (VPN and ExpressRoute) and their connections.

Pricing: https://azure.microsoft.com/pricing/details/vpn-gateway/ — a VPN gateway bills its SKU by the hour
(Basic, VpnGw1-5 and the zone-redundant VpnGw1AZ-5AZ); every SKU includes 10 site-to-site tunnels and 128
point-to-site connections, and bills each one beyond that by the hour. ExpressRoute gateways
(https://azure.microsoft.com/pricing/details/expressroute/) bill their SKU by the hour (ErGwScale per scale
unit). A connection resource cannot tell whether it is one of its gateway's ten included tunnels: usage
``billed_as_additional_tunnel`` (and ``gateway_sku``) says so. VNet-to-VNet data transfer between regions is
billed per GB by zone and is not modelled yet; site-to-site traffic leaving Azure is internet bandwidth.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, unmodelled
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, Usage, choice, usage_key

__all__ = ["azurerm_virtual_network_gateway", "azurerm_virtual_network_gateway_connection", "er_gateway_query"]

_VPN_SKU = re.compile(r"^VpnGw([1-5])(AZ)?$", re.IGNORECASE)
#: included per gateway
S2S_INCLUDED, P2S_INCLUDED = 10, 128
#: ExpressRoute gateway SKU -> (productName, meterName)
_ER = {"Standard": ("ExpressRoute Standard Gateway", "Standard Gateway"),
       "HighPerformance": ("ExpressRoute High Performance Gateway", "High Performance Gateway"),
       "UltraPerformance": ("ExpressRoute Ultra High Performance Gateway", "Ultra High Performance Gateway"),
       "ErGw1AZ": ("ExpressRoute Gateway", "ErGw1AZ Gateway"), "ErGw2AZ": ("ExpressRoute Gateway", "ErGw2AZ Gateway"),
       "ErGw3AZ": ("ExpressRoute Gateway", "ErGw3AZ Gateway"), "ErGwScale": ("ExpressRoute Gateway", "ErGwScale Unit")}


def _vpn(region: str, sku: str, meter: str) -> PriceQuery:
    return azure("VPN Gateway", region, productName="VPN Gateway", skuName=sku, meterName=meter)


def er_gateway_query(region: str, sku: str) -> PriceQuery:
    """The hourly price query of an ExpressRoute virtual network gateway SKU."""
    product, meter = _ER[sku]
    return azure("ExpressRoute", region, productName=product, meterName=meter)


def _connection_sku(sku: str) -> str:
    """VpnGw4AZ and VpnGw5AZ have no connection meters of their own: the non-AZ SKU's apply."""
    return sku.removesuffix("AZ") if sku in ("VpnGw4AZ", "VpnGw5AZ") else sku


class VirtualNetworkGateway(AzureInputs):
    type: Annotated[str, choice("Vpn", "ExpressRoute")] = "Vpn"
    sku: str = "VpnGw1"


class VirtualNetworkGatewayUsage(Usage):
    p2s_connection: Count | None = usage_key("Point-to-site connections at once (128 are included)",
                                             unit="connections")
    scale_units: Count | None = usage_key("Scale units of an ErGwScale gateway (default 2)", unit="units")


@resource("azurerm_virtual_network_gateway", example={"type": "Vpn", "vpn_type": "RouteBased", "sku": "VpnGw1"})
def azurerm_virtual_network_gateway(i: VirtualNetworkGateway, u: VirtualNetworkGatewayUsage) -> list[CostComponent]:
    """A virtual network gateway: a VPN SKU (Basic, VpnGw1-5, VpnGw1AZ-5AZ) by the hour plus point-to-site
    connections beyond the 128 included (usage ``p2s_connection``); or an ExpressRoute SKU (Standard,
    HighPerformance, UltraPerformance, ErGw1AZ-3AZ, ErGwScale per scale unit) by the hour.

    Pricing: https://azure.microsoft.com/pricing/details/vpn-gateway/
    """
    sku = i.sku.strip()
    if i.type == "ExpressRoute":
        match = next((k for k in _ER if k.lower() == sku.lower()), None)
        if match is None:
            raise InputError(f"sku: unknown ExpressRoute gateway SKU {sku!r} ({', '.join(_ER)})")
        if match == "ErGwScale":
            units = Decimal(u.scale_units if u.scale_units is not None else 2)
            return [hourly(f"ExpressRoute gateway (ErGwScale, {units} scale units)",
                           er_gateway_query(i.region, match), units, unit="unit-hours")]
        return [hourly(f"ExpressRoute gateway ({match})", er_gateway_query(i.region, match))]
    if sku.lower() == "basic":
        return [hourly("VPN gateway (Basic)", _vpn(i.region, "Basic", "Basic Gateway"))]
    m = _VPN_SKU.match(sku)
    if m is None:
        if sku.lower() in ("standard", "highperformance"):
            return [unmodelled(f"VPN gateway ({sku})", "the legacy Standard and HighPerformance VPN SKUs were "
                               "retired; they are billed as VpnGw1 and VpnGw2 after migration")]
        raise InputError(f"sku: unknown VPN gateway SKU {sku!r} (Basic, VpnGw1-5, VpnGw1AZ-5AZ)")
    sku = f"VpnGw{m.group(1)}{'AZ' if m.group(2) else ''}"
    out = [hourly(f"VPN gateway ({sku})", _vpn(i.region, sku, sku))]
    p2s = u.p2s_connection or 0
    if p2s > P2S_INCLUDED:
        extra = Decimal(p2s - P2S_INCLUDED)
        csku = _connection_sku(sku)
        out.append(hourly(f"Point-to-site connections beyond {P2S_INCLUDED} ({extra})",
                          _vpn(i.region, csku, "P2S Connection"), extra, unit="connection-hours"))
    return out


class GatewayConnection(AzureInputs):
    type: Annotated[str, choice("IPsec", "Vnet2Vnet", "ExpressRoute")] = "IPsec"


class GatewayConnectionUsage(Usage):
    billed_as_additional_tunnel: bool | None = usage_key(
        "True when this is the 11th or later site-to-site tunnel of its VPN gateway (10 are included)", unit="")
    gateway_sku: str | None = usage_key("SKU of the VPN gateway the connection belongs to (for its tunnel price)",
                                        unit="")


@resource("azurerm_virtual_network_gateway_connection", example={"type": "IPsec"})
def azurerm_virtual_network_gateway_connection(i: GatewayConnection,
                                               u: GatewayConnectionUsage) -> list[CostComponent]:
    """A gateway connection: an ``IPsec`` or ``Vnet2Vnet`` tunnel (one of the gateway's 10 included, or billed by
    the hour beyond them: usage ``billed_as_additional_tunnel`` and ``gateway_sku``); an ``ExpressRoute``
    connection has no charge (its gateway and circuit are billed).

    Pricing: https://azure.microsoft.com/pricing/details/vpn-gateway/
    """
    if i.type == "ExpressRoute":
        return [no_charge("ExpressRoute connection", "the gateway and the circuit are billed, not the connection",
                          unit="connections")]
    out: list[CostComponent] = []
    if u.billed_as_additional_tunnel:
        given = (u.gateway_sku or "VpnGw1").strip()
        m = _VPN_SKU.match(given)
        if m is None:
            raise InputError(f"usage gateway_sku: {given!r} is not a VPN gateway SKU with tunnel charges (VpnGw1-5, "
                             "VpnGw1AZ-5AZ)")
        sku = _connection_sku(f"VpnGw{m.group(1)}{'AZ' if m.group(2) else ''}")
        out.append(hourly(f"Site-to-site tunnel beyond the {S2S_INCLUDED} included ({sku})",
                          _vpn(i.region, sku, "S2S Connection"), unit="tunnel-hours"))
    else:
        out.append(no_charge(f"Site-to-site tunnel (one of the {S2S_INCLUDED} included)",
                             "each VPN gateway includes 10 tunnels; set usage billed_as_additional_tunnel for the "
                             "11th and later", unit="tunnels"))
    if i.type == "Vnet2Vnet":
        out.append(unmodelled("Data transfer to the peer virtual network",
                              "VNet-to-VNet traffic between regions is billed per GB by zone; not modelled yet"))
    return out
