"""Table tests: costlib.resources.azure.traffic_manager (https://azure.microsoft.com/pricing/details/traffic-manager/).

DNS queries per million; health checks per endpoint per month (external endpoints at their own rate); the
fast-interval add-on per endpoint when the profile probes every 10 s; Traffic View per million data points.
"""

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

TM = "Traffic Manager meterName={m} productName=Traffic Manager"

CASES = [
    Case("profile with 50M queries", "azurerm_traffic_manager_profile", {"traffic_routing_method": "Performance"}, [
        ("DNS queries", "50 1M queries", TM.format(m="DNS Queries")),
    ], usage={"monthly_dns_queries": 50_000_000}),
    Case("profile without usage", "azurerm_traffic_manager_profile", {}, [
        ("DNS queries", "? 1M queries", TM.format(m="DNS Queries")),
    ]),
    Case("Traffic View and 10-second probes", "azurerm_traffic_manager_profile",
         {"traffic_view_enabled": True, "monitor_config": [{"protocol": "HTTPS", "port": 443,
                                                            "interval_in_seconds": 10}]}, [
        ("DNS queries", "1 1M queries", TM.format(m="DNS Queries")),
        ("Traffic View data points", "3 1M data points", TM.format(m="Traffic View Data Points Processed")),
        ("Fast interval health checks (Azure endpoints)", "4 endpoints",
         TM.format(m="Azure Endpoint Fast Interval Health Check Add-ons")),
        ("Fast interval health checks (external endpoints)", "? endpoints",
         TM.format(m="Non-Azure Endpoint Fast Interval Health Check Add-ons")),
    ], usage={"monthly_dns_queries": 1_000_000, "monthly_traffic_view_data_points": 3_000_000,
              "fast_interval_azure_endpoints": 4}),
    Case("Azure endpoint", "azurerm_traffic_manager_azure_endpoint", {"weight": 100}, [
        ("Health checks (Azure endpoint)", "1 endpoints", TM.format(m="Azure Endpoint Health Checks")),
    ]),
    Case("disabled endpoint is not monitored", "azurerm_traffic_manager_azure_endpoint", {"enabled": False}, [
        ("Health checks (Azure endpoint, disabled)", "1 endpoints", "fixed 0 USD"),
    ]),
    Case("nested endpoint: Azure rate", "azurerm_traffic_manager_nested_endpoint", {"minimum_child_endpoints": 1}, [
        ("Health checks (nested endpoint)", "1 endpoints", TM.format(m="Azure Endpoint Health Checks")),
    ]),
    Case("external endpoint", "azurerm_traffic_manager_external_endpoint", {"target": "www.example.com"}, [
        ("Health checks (external endpoint)", "1 endpoints", TM.format(m="Non-Azure Endpoint Health Checks")),
    ]),
]

test_table = table_test(CASES)


def test_traffic_manager_meters_are_global() -> None:
    assert {q.region for q in queries_of("azurerm_traffic_manager_external_endpoint", {}, region=None)} == {"Global"}
    assert {q.region for q in queries_of("azurerm_traffic_manager_profile", {}, region="japaneast")} == {"Global"}
