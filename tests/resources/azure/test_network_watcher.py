"""Table tests: costlib.resources.azure.network_watcher (https://azure.microsoft.com/pricing/details/network-watcher/)."""

from tests.resources.table import Case, table_test

NW = "Network Watcher meterName={m} productName=Network Watcher skuName=Standard"

CASES = [
    Case("watcher with 5,000 diagnostic checks", "azurerm_network_watcher", {}, [
        ("Diagnostic tool checks", "5000 checks", NW.format(m="Standard Diagnostic Tool API")),
    ], usage={"monthly_diagnostic_checks": 5000}),
    Case("VNet flow log with 60-minute traffic analytics", "azurerm_network_watcher_flow_log",
         {"target_resource_id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v",
          "traffic_analytics": [{"enabled": True, "interval_in_minutes": 60}]}, [
        ("Flow logs collected (virtual network)", "50 GB", NW.format(m="Standard VNet Flow Logs Collected")),
        ("Traffic analytics processing (60-minute interval)", "50 GB",
         NW.format(m="Standard Traffic Analytics Processing")),
    ], usage={"monthly_logs_collected_gb": 50}),
    Case("NSG flow log, 10-minute analytics, no usage", "azurerm_network_watcher_flow_log",
         {"network_security_group_id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/"
                                       "networkSecurityGroups/n",
          "traffic_analytics": [{"enabled": True, "interval_in_minutes": 10}]}, [
        ("Flow logs collected (NSG)", "? GB", NW.format(m="Standard Network Logs Collected")),
        ("Traffic analytics processing (10-minute interval)", "? GB",
         NW.format(m="Standard Traffic Analytics Processing at 10-Minute Interval")),
    ]),
    Case("disabled flow log", "azurerm_network_watcher_flow_log", {"enabled": False}, [
        ("Flow log (disabled)", "1 months", "fixed 0 USD"),
    ]),
    Case("connection monitor: 2 sources x 3 destinations x 2 configurations", "azurerm_network_connection_monitor",
         {"test_group": [{"name": "g", "source_endpoints": ["a", "b"], "destination_endpoints": ["x", "y", "z"],
                          "test_configuration_names": ["tcp", "http"]},
                         {"name": "off", "enabled": False, "source_endpoints": ["a"], "destination_endpoints": ["x"],
                          "test_configuration_names": ["tcp"]}]}, [
        ("Connection monitor tests (12)", "12 tests", NW.format(m="Standard Connection Monitor Test")),
    ]),
]

test_table = table_test(CASES)
