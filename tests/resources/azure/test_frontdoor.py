"""Table tests: costlib.resources.azure.frontdoor (https://azure.microsoft.com/pricing/details/frontdoor/).

Standard/Premium: a monthly base fee, requests per 10K, data out per zone, data in. Classic: the first five
routing rules by the hour, more by the rule-hour, data in and out. Classic WAF: policy, rules and rule sets a
month, requests per million.
"""

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

FD = "Azure Front Door Service meterName={t} {m} productName=Azure Front Door skuName={t}"
CL = "Azure Front Door Service meterName=Standard {m} productName=Azure Front Door Service"
WAF = "Azure Front Door Service meterName=Standard {m} productName=Azure Front Door Service skuName=Standard"

CASES = [
    Case("Standard profile with traffic", "azurerm_cdn_frontdoor_profile", {"sku_name": "Standard_AzureFrontDoor"}, [
        ("Base fee (Standard)", "1 profiles", FD.format(t="Standard", m="Base Fees")),
        ("Requests", "1000 10K requests", FD.format(t="Standard", m="Requests")),
        ("Data transfer out (north america europe africa)", "500 GB", FD.format(t="Standard", m="Data Transfer Out")),
        ("Data transfer out (asia pacific)", "100 GB", FD.format(t="Standard", m="Data Transfer Out")),
        ("Data transfer in", "50 GB", FD.format(t="Standard", m="Data Transfer In")),
    ], usage={"monthly_requests": 10_000_000,
              "monthly_outbound_data_transfer_gb": {"north_america_europe_africa": 500, "asia_pacific": 100},
              "monthly_inbound_data_transfer_gb": 50}),
    Case("Premium profile without usage", "azurerm_cdn_frontdoor_profile", {"sku_name": "Premium_AzureFrontDoor"}, [
        ("Base fee (Premium)", "1 profiles", FD.format(t="Premium", m="Base Fees")),
        ("Requests", "? 10K requests", FD.format(t="Premium", m="Requests")),
        ("Data transfer out", "? GB", FD.format(t="Premium", m="Data Transfer Out")),
        ("Data transfer in", "? GB", FD.format(t="Premium", m="Data Transfer In")),
    ]),
    Case("classic with 7 routing rules", "azurerm_frontdoor",
         {"routing_rule": [{"name": f"r{n}"} for n in range(7)]}, [
        ("Routing rules (first 5)", "730 hours", CL.format(m="Included Routing Rules")),
        ("Routing rules beyond 5 (2)", "1460 rule-hours", CL.format(m="Overage Routing Rules")),
        ("Data transfer out (india)", "10 GB", CL.format(m="Data Transfer Out")),
        ("Data transfer in", "? GB", CL.format(m="Data Transfer In")),
    ], usage={"monthly_outbound_data_transfer_gb": {"india": 10}}),
    Case("classic with 2 rules (one disabled) and a custom domain", "azurerm_frontdoor",
         {"routing_rule": [{"name": "a"}, {"name": "b", "enabled": False}],
          "frontend_endpoint": [{"name": "f", "host_name": "www.example.com"},
                                {"name": "d", "host_name": "x.azurefd.net"}]}, [
        ("Routing rules (first 5)", "730 hours", CL.format(m="Included Routing Rules")),
        ("Data transfer out", "? GB", CL.format(m="Data Transfer Out")),
        ("Data transfer in", "? GB", CL.format(m="Data Transfer In")),
        ("Custom domains (1)", "?", "not modelled"),
    ]),
    Case("WAF policy: default rule set and 3 custom rules", "azurerm_frontdoor_firewall_policy",
         {"custom_rule": [{"name": "a"}, {"name": "b"}, {"name": "c"}],
          "managed_rule": [{"type": "DefaultRuleSet", "version": "1.0"}]}, [
        ("WAF policy", "1 policies", WAF.format(m="Policy")),
        ("Custom rules (3)", "3 rules", WAF.format(m="Rule")),
        ("Custom rule requests", "11 1M requests", WAF.format(m="Requests")),
        ("Managed rule sets (1)", "1 rule sets", WAF.format(m="Default Ruleset")),
        ("Managed rule set requests", "10 1M requests", WAF.format(m="Default Request")),
    ], usage={"monthly_custom_rule_requests": 11_000_000, "monthly_managed_ruleset_requests": 10_000_000}),
    Case("WAF policy with bot protection only", "azurerm_frontdoor_firewall_policy",
         {"managed_rule": [{"type": "Microsoft_BotManagerRuleSet", "version": "1.0"}]}, [
        ("WAF policy", "1 policies", WAF.format(m="Policy")),
        ("Bot protection rule set", "1 rule sets", WAF.format(m="Bot Protection Ruleset")),
        ("Bot protection requests", "? 1M requests", WAF.format(m="Bot Protection Request")),
    ]),
]

test_table = table_test(CASES)


def test_front_door_data_is_priced_in_the_clients_zone() -> None:
    usage = {"monthly_outbound_data_transfer_gb": {"australia": 1, "korea": 2, "europe": 3}}
    regions = [q.region for q in queries_of("azurerm_cdn_frontdoor_profile", {}, region=None, usage=usage)]
    assert regions == ["Zone 1", "Zone 1", "Zone 4", "Zone 6", "Zone 8", "Zone 1"]
