"""Azure Virtual WAN: hubs, site-to-site and point-to-site VPN gateways and connections.

Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/ — a Standard hub bills by the hour plus each GB
its router processes, and routing infrastructure units beyond the two included; a Basic hub has no charge. Hub
VPN gateways bill scale units by the hour (S2S and P2S), site-to-site connections as connection units by the
hour, and point-to-site connections by the connection-hour.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import hourly, usage_based
from costlib.resources.azure._billing import no_charge
from costlib.resources.azure.expressroute import vwan_query
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Count, Hours, Usage, choice, usage_key

__all__ = ["azurerm_point_to_site_vpn_gateway", "azurerm_virtual_hub", "azurerm_vpn_gateway",
           "azurerm_vpn_gateway_connection"]

#: routing infrastructure units a hub includes
ROUTING_UNITS_INCLUDED = 2


class VirtualHub(AzureInputs):
    sku: Annotated[str, choice("Basic", "Standard")] = "Standard"
    virtual_router_auto_scale_min_capacity: Count = ROUTING_UNITS_INCLUDED


class VirtualHubUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the hub's router a month", unit="GB")


@resource("azurerm_virtual_hub", example={"sku": "Standard", "address_prefix": "10.0.0.0/23"})
def azurerm_virtual_hub(i: VirtualHub, u: VirtualHubUsage) -> list[CostComponent]:
    """A Virtual WAN hub: Standard by the hour plus GB processed (usage) and routing infrastructure units above
    the two included (``virtual_router_auto_scale_min_capacity``); Basic has no charge.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/
    """
    if i.sku == "Basic":
        return [no_charge("Virtual hub (Basic)", "a Basic hub has no charge")]
    out = [hourly("Virtual hub (Standard)", vwan_query(i.region, "Standard Hub", "Standard Hub Unit")),
           usage_based("Data processed", vwan_query(i.region, "Standard Hub", "Standard Hub Data Processed"),
                       u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
    extra = i.virtual_router_auto_scale_min_capacity - ROUTING_UNITS_INCLUDED
    if extra > 0:
        out.append(hourly(f"Routing infrastructure units beyond {ROUTING_UNITS_INCLUDED} ({extra})",
                          vwan_query(i.region, "Routing Infrastructure Unit"), Decimal(extra), unit="unit-hours"))
    return out


class HubVpnGateway(AzureInputs):
    scale_unit: Count = 1


@resource("azurerm_vpn_gateway", example={"scale_unit": 1})
def azurerm_vpn_gateway(i: HubVpnGateway) -> list[CostComponent]:
    """A hub site-to-site VPN gateway: ``scale_unit`` (default 1; 500 Mbps each) by the hour.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/
    """
    return [hourly(f"S2S VPN scale units ({i.scale_unit})", vwan_query(i.region, "VPN S2S Scale Unit"),
                   Decimal(i.scale_unit), unit="unit-hours")]


@resource("azurerm_vpn_gateway_connection", example={"internet_security_enabled": False})
def azurerm_vpn_gateway_connection(i: AzureInputs) -> list[CostComponent]:
    """A site-to-site connection to a hub VPN gateway: one connection unit by the hour.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/
    """
    return [hourly("S2S VPN connection unit", vwan_query(i.region, "VPN S2S Connection Unit"))]


class P2sGateway(AzureInputs):
    scale_unit: Count = 1


class P2sGatewayUsage(Usage):
    monthly_p2s_connections_hrs: Hours | None = usage_key(
        "Point-to-site connection hours a month (connections x hours connected)", unit="connection-hours")


@resource("azurerm_point_to_site_vpn_gateway", example={"scale_unit": 1})
def azurerm_point_to_site_vpn_gateway(i: P2sGateway, u: P2sGatewayUsage) -> list[CostComponent]:
    """A hub point-to-site VPN gateway: ``scale_unit`` by the hour plus connection-hours from usage.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-wan/
    """
    return [hourly(f"P2S VPN scale units ({i.scale_unit})", vwan_query(i.region, "VPN P2S Scale Unit"),
                   Decimal(i.scale_unit), unit="unit-hours"),
            usage_based("P2S connections", vwan_query(i.region, "VPN P2S Connection Unit"),
                        u.monthly_p2s_connections_hrs, unit="connection-hours",
                        usage_key="monthly_p2s_connections_hrs")]
