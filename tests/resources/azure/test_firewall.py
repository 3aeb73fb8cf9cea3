"""Table tests: costlib.resources.azure.firewall (https://azure.microsoft.com/pricing/details/azure-firewall/)."""

from tests.resources.table import Case, table_test

FW = "Azure Firewall meterName={s} {m} productName=Azure Firewall skuName={s}"

CASES = [
    Case("Standard in a VNet, 500 GB", "azurerm_firewall", {"sku_name": "AZFW_VNet", "sku_tier": "Standard"}, [
        ("Firewall deployment (Standard, virtual network)", "730 hours", FW.format(s="Standard", m="Deployment")),
        ("Data processed (Standard)", "500 GB", FW.format(s="Standard", m="Data Processed")),
    ], usage={"monthly_data_processed_gb": 500}),
    Case("Premium", "azurerm_firewall", {"sku_name": "AZFW_VNet", "sku_tier": "Premium"}, [
        ("Firewall deployment (Premium, virtual network)", "730 hours", FW.format(s="Premium", m="Deployment")),
        ("Data processed (Premium)", "? GB", FW.format(s="Premium", m="Data Processed")),
    ]),
    Case("Basic", "azurerm_firewall", {"sku_name": "AZFW_VNet", "sku_tier": "Basic"}, [
        ("Firewall deployment (Basic, virtual network)", "730 hours", FW.format(s="Basic", m="Deployment")),
        ("Data processed (Basic)", "? GB", FW.format(s="Basic", m="Data Processed")),
    ]),
    Case("Standard in a secured hub with 2 public IPs", "azurerm_firewall",
         {"sku_name": "AZFW_Hub", "sku_tier": "Standard", "virtual_hub": [{"virtual_hub_id": "h", "public_ip_count": 2}]}, [
        ("Firewall deployment (Standard, secured virtual hub)", "730 hours",
         FW.format(s="Standard Secure Virtual Hub", m="Deployment")),
        ("Data processed (Standard)", "? GB", FW.format(s="Standard Secure Virtual Hub", m="Data Processed")),
        ("Public IPs of the secured hub (Standard, Static)", "1460 address-hours",
         "Virtual Network meterName=Standard IPv4 Static Public IP productName=IP Addresses skuName=Standard"),
    ]),
    Case("Premium hub: 'Secured' spelling", "azurerm_firewall", {"sku_name": "AZFW_Hub", "sku_tier": "Premium"}, [
        ("Firewall deployment (Premium, secured virtual hub)", "730 hours",
         FW.format(s="Premium Secured Virtual Hub", m="Deployment")),
        ("Data processed (Premium)", "? GB", FW.format(s="Premium Secured Virtual Hub", m="Data Processed")),
        ("Public IPs of the secured hub (Standard, Static)", "730 address-hours",
         "Virtual Network meterName=Standard IPv4 Static Public IP productName=IP Addresses skuName=Standard"),
    ]),
    Case("prescaled capacity not modelled", "azurerm_firewall",
         {"sku_name": "AZFW_VNet", "sku_tier": "Standard", "autoscale_min_capacity": 4}, [
        ("Firewall deployment (Standard, virtual network)", "730 hours", FW.format(s="Standard", m="Deployment")),
        ("Data processed (Standard)", "? GB", FW.format(s="Standard", m="Data Processed")),
        ("Prescaled capacity (4 units minimum)", "?", "not modelled"),
    ]),
    Case("policy with one firewall: no charge", "azurerm_firewall_policy", {}, [
        ("Firewall policy (Standard)", "1 policies", "fixed 0 USD"),
    ]),
    Case("policy shared by three firewalls", "azurerm_firewall_policy", {"sku": "Premium"}, [
        ("Firewall policy (Premium, 3 firewall associations)", "?", "not modelled"),
    ], usage={"firewall_associations": 3}),
]

test_table = table_test(CASES)
