"""Table tests: costlib.resources.azure.lb (https://azure.microsoft.com/pricing/details/load-balancer/).

Standard: an hourly charge covering the first five rules, each further rule by the hour, data processed per GB;
meters listed under the Global region. Basic: no charge.
"""

from tests.resources.table import Case, table_test

LB = "Load Balancer meterName={m} productName=Load Balancer skuName={s}"

CASES = [
    Case("Standard with 100 GB", "azurerm_lb", {"sku": "Standard"}, [
        ("Load balancer (Standard, first 5 rules included)", "730 hours",
         LB.format(m="Standard Included LB Rules and Outbound Rules", s="Standard")),
        ("Data processed", "100 GB", LB.format(m="Standard Data Processed", s="Standard")),
    ], usage={"monthly_data_processed_gb": 100}),
    Case("default SKU is Standard, data processed needs usage", "azurerm_lb", {}, [
        ("Load balancer (Standard, first 5 rules included)", "730 hours",
         LB.format(m="Standard Included LB Rules and Outbound Rules", s="Standard")),
        ("Data processed", "? GB", LB.format(m="Standard Data Processed", s="Standard")),
    ]),
    Case("Basic has no charge", "azurerm_lb", {"sku": "Basic"}, [
        ("Load balancer (Basic)", "1 months", "fixed 0 USD"),
    ]),
    Case("Global tier: data processed free", "azurerm_lb", {"sku": "Standard", "sku_tier": "Global"}, [
        ("Load balancer (Global, first 5 rules included)", "730 hours",
         LB.format(m="Global Included LB Rules and Outbound Rules", s="Global")),
        ("Data processed (Global)", "1 months", "fixed 0 USD"),
    ]),
    Case("Gateway load balancer", "azurerm_lb", {"sku": "Gateway"}, [
        ("Gateway load balancer", "730 hours", LB.format(m="Gateway", s="Gateway")),
        ("Data processed", "50 GB", LB.format(m="Gateway Data Processed", s="Gateway")),
    ], usage={"monthly_data_processed_gb": 50}),
    Case("frontend chained to a gateway load balancer", "azurerm_lb",
         {"frontend_ip_configuration": [{"name": "fe", "gateway_load_balancer_frontend_ip_configuration_id": "x"}]}, [
        ("Load balancer (Standard, first 5 rules included)", "730 hours",
         LB.format(m="Standard Included LB Rules and Outbound Rules", s="Standard")),
        ("Data processed", "? GB", LB.format(m="Standard Data Processed", s="Standard")),
        ("Gateway load balancer chain", "730 hours", LB.format(m="Gateway Chain", s="Gateway")),
    ]),
    Case("US Gov meters", "azurerm_lb", {}, [
        ("Load balancer (Standard, first 5 rules included)", "730 hours",
         LB.format(m="Standard Included LB Rules and Outbound Rules", s="Standard")),
        ("Data processed", "? GB", LB.format(m="Standard Data Processed", s="Standard")),
    ], region="usgovvirginia"),
    Case("rule among the first five", "azurerm_lb_rule", {}, [
        ("Load-balancing rule (one of the 5 included)", "1 rules", "fixed 0 USD"),
    ]),
    Case("sixth rule billed by the hour", "azurerm_lb_rule", {}, [
        ("Load-balancing rule beyond the 5 included", "730 rule-hours",
         LB.format(m="Standard Overage LB Rules and Outbound Rules", s="Standard")),
    ], usage={"billed_as_additional_rule": True}),
    Case("outbound rule included", "azurerm_lb_outbound_rule", {}, [
        ("Outbound rule (one of the 5 included)", "1 rules", "fixed 0 USD"),
    ]),
    Case("outbound rule beyond five", "azurerm_lb_outbound_rule", {}, [
        ("Outbound rule beyond the 5 included", "730 rule-hours",
         LB.format(m="Standard Overage LB Rules and Outbound Rules", s="Standard")),
    ], usage={"billed_as_additional_rule": "true"}),
]

test_table = table_test(CASES)
