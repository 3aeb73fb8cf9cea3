"""Table tests: costlib.resources.azure.vwan (https://azure.microsoft.com/pricing/details/virtual-wan/)."""

from tests.resources.table import Case, table_test

VW = "Virtual WAN meterName={m} productName=Virtual WAN skuName={s}"

CASES = [
    Case("Standard hub with 500 GB", "azurerm_virtual_hub", {"sku": "Standard"}, [
        ("Virtual hub (Standard)", "730 hours", VW.format(m="Standard Hub Unit", s="Standard Hub")),
        ("Data processed", "500 GB", VW.format(m="Standard Hub Data Processed", s="Standard Hub")),
    ], usage={"monthly_data_processed_gb": 500}),
    Case("hub held at 4 routing units: 2 beyond the included", "azurerm_virtual_hub",
         {"virtual_router_auto_scale_min_capacity": 4}, [
        ("Virtual hub (Standard)", "730 hours", VW.format(m="Standard Hub Unit", s="Standard Hub")),
        ("Data processed", "? GB", VW.format(m="Standard Hub Data Processed", s="Standard Hub")),
        ("Routing infrastructure units beyond 2 (2)", "1460 unit-hours",
         VW.format(m="Routing Infrastructure Unit", s="Routing Infrastructure Unit")),
    ]),
    Case("Basic hub has no charge", "azurerm_virtual_hub", {"sku": "Basic"}, [
        ("Virtual hub (Basic)", "1 months", "fixed 0 USD"),
    ]),
    Case("S2S gateway, 2 scale units", "azurerm_vpn_gateway", {"scale_unit": 2}, [
        ("S2S VPN scale units (2)", "1460 unit-hours", VW.format(m="VPN S2S Scale Unit", s="VPN S2S Scale Unit")),
    ]),
    Case("S2S connection", "azurerm_vpn_gateway_connection", {}, [
        ("S2S VPN connection unit", "730 hours", VW.format(m="VPN S2S Connection Unit", s="VPN S2S Connection Unit")),
    ]),
    Case("P2S gateway with 2,000 connection-hours", "azurerm_point_to_site_vpn_gateway", {"scale_unit": 1}, [
        ("P2S VPN scale units (1)", "730 unit-hours", VW.format(m="VPN P2S Scale Unit", s="VPN P2S Scale Unit")),
        ("P2S connections", "2000 connection-hours",
         VW.format(m="VPN P2S Connection Unit", s="VPN P2S Connection Unit")),
    ], usage={"monthly_p2s_connections_hrs": 2000}),
]

test_table = table_test(CASES)
