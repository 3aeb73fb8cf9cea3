"""Table tests: costlib.resources.azure.vpn (https://azure.microsoft.com/pricing/details/vpn-gateway/ and
https://azure.microsoft.com/pricing/details/expressroute/).

A VPN gateway SKU by the hour; 10 S2S tunnels and 128 P2S connections included, more billed by the hour.
"""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

VPN = "VPN Gateway meterName={m} productName=VPN Gateway skuName={s}"

CASES = [
    Case("VpnGw1 default", "azurerm_virtual_network_gateway", {"type": "Vpn"}, [
        ("VPN gateway (VpnGw1)", "730 hours", VPN.format(m="VpnGw1", s="VpnGw1")),
    ]),
    Case("VpnGw2AZ with 200 P2S connections", "azurerm_virtual_network_gateway", {"type": "Vpn", "sku": "VpnGw2AZ"}, [
        ("VPN gateway (VpnGw2AZ)", "730 hours", VPN.format(m="VpnGw2AZ", s="VpnGw2AZ")),
        ("Point-to-site connections beyond 128 (72)", "52560 connection-hours",
         VPN.format(m="P2S Connection", s="VpnGw2AZ")),
    ], usage={"p2s_connection": 200}),
    Case("128 P2S connections are included", "azurerm_virtual_network_gateway", {"sku": "VpnGw3"}, [
        ("VPN gateway (VpnGw3)", "730 hours", VPN.format(m="VpnGw3", s="VpnGw3")),
    ], usage={"p2s_connection": 128}),
    Case("VpnGw5AZ P2S uses the VpnGw5 meter", "azurerm_virtual_network_gateway", {"sku": "vpngw5az"}, [
        ("VPN gateway (VpnGw5AZ)", "730 hours", VPN.format(m="VpnGw5AZ", s="VpnGw5AZ")),
        ("Point-to-site connections beyond 128 (2)", "1460 connection-hours",
         VPN.format(m="P2S Connection", s="VpnGw5")),
    ], usage={"p2s_connection": 130}),
    Case("Basic", "azurerm_virtual_network_gateway", {"sku": "Basic"}, [
        ("VPN gateway (Basic)", "730 hours", VPN.format(m="Basic Gateway", s="Basic")),
    ]),
    Case("legacy Standard VPN SKU", "azurerm_virtual_network_gateway", {"sku": "Standard"}, [
        ("VPN gateway (Standard)", "?", "not modelled"),
    ]),
    Case("ExpressRoute ErGw1AZ", "azurerm_virtual_network_gateway", {"type": "ExpressRoute", "sku": "ErGw1AZ"}, [
        ("ExpressRoute gateway (ErGw1AZ)", "730 hours",
         "ExpressRoute meterName=ErGw1AZ Gateway productName=ExpressRoute Gateway"),
    ]),
    Case("ExpressRoute legacy UltraPerformance", "azurerm_virtual_network_gateway",
         {"type": "ExpressRoute", "sku": "UltraPerformance"}, [
        ("ExpressRoute gateway (UltraPerformance)", "730 hours",
         "ExpressRoute meterName=Ultra High Performance Gateway productName=ExpressRoute Ultra High Performance Gateway"),
    ]),
    Case("ErGwScale with 4 scale units", "azurerm_virtual_network_gateway", {"type": "ExpressRoute",
                                                                            "sku": "ErGwScale"}, [
        ("ExpressRoute gateway (ErGwScale, 4 scale units)", "2920 unit-hours",
         "ExpressRoute meterName=ErGwScale Unit productName=ExpressRoute Gateway"),
    ], usage={"scale_units": 4}),
    Case("IPsec tunnel among the included ten", "azurerm_virtual_network_gateway_connection", {"type": "IPsec"}, [
        ("Site-to-site tunnel (one of the 10 included)", "1 tunnels", "fixed 0 USD"),
    ]),
    Case("11th tunnel on a VpnGw2", "azurerm_virtual_network_gateway_connection", {"type": "IPsec"}, [
        ("Site-to-site tunnel beyond the 10 included (VpnGw2)", "730 tunnel-hours",
         VPN.format(m="S2S Connection", s="VpnGw2")),
    ], usage={"billed_as_additional_tunnel": True, "gateway_sku": "vpngw2"}),
    Case("VNet-to-VNet: data transfer not modelled", "azurerm_virtual_network_gateway_connection",
         {"type": "Vnet2Vnet"}, [
        ("Site-to-site tunnel (one of the 10 included)", "1 tunnels", "fixed 0 USD"),
        ("Data transfer to the peer virtual network", "?", "not modelled"),
    ]),
    Case("ExpressRoute connection has no charge", "azurerm_virtual_network_gateway_connection",
         {"type": "ExpressRoute"}, [
        ("ExpressRoute connection", "1 connections", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)


@pytest.mark.parametrize(("attrs", "usage", "words"), [
    ({"sku": "VpnGw9"}, {}, "unknown VPN gateway SKU"),
    ({"type": "ExpressRoute", "sku": "ErGw9AZ"}, {}, "unknown ExpressRoute gateway SKU"),
])
def test_unknown_gateway_skus_are_refused(attrs: dict[str, str], usage: dict[str, str], words: str) -> None:
    with pytest.raises(InputError, match=words):
        components_of("azurerm_virtual_network_gateway", attrs, usage=usage)


def test_an_unknown_gateway_sku_in_usage_is_refused_naming_the_key() -> None:
    with pytest.raises(InputError, match="usage gateway_sku"):
        components_of("azurerm_virtual_network_gateway_connection", {"type": "IPsec"},
                      usage={"billed_as_additional_tunnel": True, "gateway_sku": "Basic"})
