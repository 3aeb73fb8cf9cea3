"""Table tests: costlib.resources.azure.insights (https://azure.microsoft.com/pricing/details/monitor/).

Telemetry per GB at the analytics-logs rate; retention beyond 90 days per GB-month (a day's ingestion x the
extra days); standard tests per execution (locations x runs).
"""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

LA = "Log Analytics meterName=Analytics Logs {m} productName=Log Analytics skuName=Analytics Logs"
WT = "Azure Monitor meterName=Standard Web Test Execution productName=Azure Monitor skuName=Standard Web Test"

CASES = [
    Case("100 GB telemetry, 90 days kept", "azurerm_application_insights", {"application_type": "web"}, [
        ("Data ingested", "100 GB", LA.format(m="Data Analyzed")),
    ], usage={"monthly_data_ingested_gb": 100}),
    Case("kept 180 days: 90 extra days of a day's ingestion", "azurerm_application_insights",
         {"application_type": "web", "retention_in_days": 180}, [
        ("Data ingested", "73 GB", LA.format(m="Data Analyzed")),
        ("Data retained beyond 90 days (180 days)", "216 GB-months", LA.format(m="Data Retention")),
    ], usage={"monthly_data_ingested_gb": 73}),
    Case("daily cap of 1 GB caps 100 GB at 30.4 GB", "azurerm_application_insights",
         {"application_type": "web", "daily_data_cap_in_gb": 1}, [
        ("Data ingested", "30.41666666666666666666666667 GB", LA.format(m="Data Analyzed")),
    ], usage={"monthly_data_ingested_gb": 100}),
    Case("without usage", "azurerm_application_insights", {"application_type": "web"}, [
        ("Data ingested", "? GB", LA.format(m="Data Analyzed")),
    ]),
    Case("classic ping test is free", "azurerm_application_insights_web_test", {"kind": "ping"}, [
        ("URL ping test (classic)", "1 tests", "fixed 0 USD"),
    ]),
    Case("classic multi-step test retired", "azurerm_application_insights_web_test", {"kind": "multistep"}, [
        ("Multi-step web test", "?", "not modelled"),
    ]),
    Case("standard test every 300 s from 3 locations", "azurerm_application_insights_standard_web_test",
         {"frequency": 300, "geo_locations": ["a", "b", "c"]}, [
        ("Test executions (3 locations every 300 s)", "26280 executions", WT),
    ]),
    Case("standard test every 900 s from 1 location", "azurerm_application_insights_standard_web_test",
         {"frequency": 900, "geo_locations": ["a"]}, [
        ("Test executions (1 locations every 900 s)", "2920 executions", WT),
    ]),
    Case("disabled standard test", "azurerm_application_insights_standard_web_test", {"enabled": False}, [
        ("Standard web test (disabled)", "1 tests", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)


def test_a_standard_test_frequency_outside_the_allowed_values_is_refused() -> None:
    with pytest.raises(InputError, match="300, 600 or 900"):
        components_of("azurerm_application_insights_standard_web_test", {"frequency": 60})
