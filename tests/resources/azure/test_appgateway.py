"""Table tests: costlib.resources.azure.appgateway (https://azure.microsoft.com/pricing/details/application-gateway/).

v2: fixed hours plus capacity units; each instance held by manual capacity or autoscale min_capacity reserves
10 CUs (learn.microsoft.com, application-gateway-autoscaling-zone-redundant).
"""

from tests.resources.table import Case, table_test

AG = "Application Gateway meterName={m} productName={p}"
STD = "Application Gateway Standard v2"
WAF = "Application Gateway WAF v2"

CASES = [
    Case("Standard_v2 autoscale min 2: 20 reserved CUs", "azurerm_application_gateway",
         {"sku": [{"name": "Standard_v2", "tier": "Standard_v2"}], "autoscale_configuration": [{"min_capacity": 2}]}, [
        ("Gateway (Standard_v2, fixed)", "730 hours", AG.format(m="Standard Fixed Cost", p=STD)),
        ("Capacity units (20)", "14600 CU-hours", AG.format(m="Standard Capacity Units", p=STD)),
    ]),
    Case("traffic above the reservation is billed", "azurerm_application_gateway",
         {"sku": [{"name": "Standard_v2", "tier": "Standard_v2"}], "autoscale_configuration": [{"min_capacity": 1}]}, [
        ("Gateway (Standard_v2, fixed)", "730 hours", AG.format(m="Standard Fixed Cost", p=STD)),
        ("Capacity units (25)", "18250 CU-hours", AG.format(m="Standard Capacity Units", p=STD)),
    ], usage={"monthly_v2_capacity_units": 25}),
    Case("traffic below the reservation: the reservation is billed", "azurerm_application_gateway",
         {"sku": [{"name": "WAF_v2", "tier": "WAF_v2", "capacity": 3}]}, [
        ("Gateway (WAF_v2, fixed)", "730 hours", AG.format(m="Standard Fixed Cost", p=WAF)),
        ("Capacity units (30)", "21900 CU-hours", AG.format(m="Standard Capacity Units", p=WAF)),
    ], usage={"monthly_v2_capacity_units": 5}),
    Case("autoscale from zero without usage", "azurerm_application_gateway",
         {"sku": [{"name": "Standard_v2", "tier": "Standard_v2"}], "autoscale_configuration": [{"min_capacity": 0}]}, [
        ("Gateway (Standard_v2, fixed)", "730 hours", AG.format(m="Standard Fixed Cost", p=STD)),
        ("Capacity units", "? CU-hours", AG.format(m="Standard Capacity Units", p=STD)),
    ]),
    Case("Basic v2", "azurerm_application_gateway", {"sku": [{"name": "Basic", "tier": "Basic"}]}, [
        ("Gateway (Basic, fixed)", "730 hours", AG.format(m="Basic Fixed Cost", p="Application Gateway Basic v2")),
        ("Capacity units (3)", "2190 CU-hours", AG.format(m="Basic Capacity Units", p="Application Gateway Basic v2")),
    ], usage={"monthly_v2_capacity_units": 3}),
    Case("v1 retired", "azurerm_application_gateway", {"sku": [{"name": "Standard_Medium", "tier": "Standard",
                                                                 "capacity": 2}]}, [
        ("Application gateway v1 (Standard_Medium)", "?", "not modelled"),
    ]),
]

test_table = table_test(CASES)
