"""Table tests: costlib.resources.azure.monitor (https://azure.microsoft.com/pricing/details/monitor/).

Notifications per channel and receiver; metric alerts per time series (scopes x dimension values), dynamic
thresholds in addition; log alerts per time series at their frequency's rate; platform logs per GB per
destination outside Log Analytics; data collection rules only for transformations.
"""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of, queries_of
from tests.resources.table import Case, table_test

AM = "Azure Monitor meterName={m} productName=Azure Monitor skuName={s}"

CASES = [
    Case("email, push and webhook receivers fired 100 times", "azurerm_monitor_action_group", {
        "email_receiver": [{"name": "a"}, {"name": "b"}], "azure_app_push_receiver": [{"name": "p"}],
        "webhook_receiver": [{"name": "w"}, {"name": "s", "aad_auth": [{"object_id": "x"}]}]}, [
        ("Emails (2 receivers)", "200 emails", AM.format(m="Emails", s="Emails") + " unit=1"),
        ("Push notifications (1 receivers)", "100 notifications",
         AM.format(m="Notifications Push Notification", s="Notifications") + " unit=1"),
        ("Webhooks (1 receivers)", "10 10 webhooks", AM.format(m="Notifications Web hook", s="Notifications") + " unit=10"),
        ("Secure webhooks (1 receivers)", "10 10 webhooks",
         AM.format(m="Notifications Secure web hook", s="Notifications") + " unit=10"),
    ], usage={"monthly_notifications": 100}),
    Case("SMS and voice not modelled", "azurerm_monitor_action_group", {
        "sms_receiver": [{"name": "s"}], "voice_receiver": [{"name": "v"}]}, [
        ("SMS (1 receivers)", "?", "not modelled"),
        ("Voice calls (1 receivers)", "?", "not modelled"),
    ]),
    Case("action group without receivers", "azurerm_monitor_action_group", {"short_name": "x"}, [
        ("Action group", "1 groups", "fixed 0 USD"),
    ]),
    Case("metric alert on 2 resources split by 3 values", "azurerm_monitor_metric_alert", {
        "scopes": ["/a", "/b"], "criteria": [{"metric_name": "cpu", "dimension": [{"name": "host",
                                                                                   "values": ["x", "y", "z"]}]}]}, [
        ("Metric time series monitored", "6 time series", AM.format(m="Alerts Metric Monitored", s="Alerts")),
    ]),
    Case("metric alert with a dynamic criterion", "azurerm_monitor_metric_alert", {
        "scopes": ["/a"], "dynamic_criteria": [{"metric_name": "cpu"}]}, [
        ("Metric time series monitored", "1 time series", AM.format(m="Alerts Metric Monitored", s="Alerts")),
        ("Dynamic threshold time series", "1 time series", AM.format(m="Alerts Dynamic Threshold", s="Alerts")),
    ]),
    Case("a '*' dimension needs usage", "azurerm_monitor_metric_alert", {
        "scopes": ["/a"], "criteria": [{"metric_name": "cpu", "dimension": [{"name": "host", "values": ["*"]}]}]}, [
        ("Metric time series monitored", "? time series", AM.format(m="Alerts Metric Monitored", s="Alerts")),
    ]),
    Case("time series from usage", "azurerm_monitor_metric_alert", {
        "scopes": ["/a"], "criteria": [{"metric_name": "cpu", "dimension": [{"name": "host", "values": ["*"]}]}]}, [
        ("Metric time series monitored", "12 time series", AM.format(m="Alerts Metric Monitored", s="Alerts")),
    ], usage={"time_series": 12}),
    Case("disabled metric alert", "azurerm_monitor_metric_alert", {"enabled": False}, [
        ("Metric alert rule (disabled)", "1 rules", "fixed 0 USD"),
    ]),
    Case("legacy log alert every 5 minutes", "azurerm_monitor_scheduled_query_rules_alert", {"frequency": 5}, [
        ("Log search alert time series (every 5 minutes)", "1 time series",
         AM.format(m="Alerts Resource Monitored at 5 Minute Frequency", s="Alerts")),
    ]),
    Case("legacy log alert hourly: the 15-minute rate", "azurerm_monitor_scheduled_query_rules_alert",
         {"frequency": 60}, [
        ("Log search alert time series (every 15+ minutes)", "1 time series",
         AM.format(m="Alerts Resource Monitored at 15 Minute Frequency", s="Alerts")),
    ]),
    Case("v2 alert every minute on 3 scopes", "azurerm_monitor_scheduled_query_rules_alert_v2",
         {"evaluation_frequency": "PT1M", "scopes": ["/a", "/b", "/c"]}, [
        ("Log search alert time series (every 1 minutes)", "3 time series",
         AM.format(m="Alerts Resource Monitored at 1 Minute Frequency", s="Alerts")),
    ]),
    Case("v2 alert every 10 minutes split by 2 values", "azurerm_monitor_scheduled_query_rules_alert_v2",
         {"evaluation_frequency": "PT10M", "scopes": ["/a"],
          "criteria": [{"query": "q", "dimension": [{"name": "d", "values": ["x", "y"]}]}]}, [
        ("Log search alert time series (every 10 minutes)", "2 time series",
         AM.format(m="Alerts Resource Monitored at 10 Minute Frequency", s="Alerts")),
    ]),
    Case("v2 alert daily", "azurerm_monitor_scheduled_query_rules_alert_v2", {"evaluation_frequency": "P1D"}, [
        ("Log search alert time series (every 15+ minutes)", "1 time series",
         AM.format(m="Alerts Resource Monitored at 15 Minute Frequency", s="Alerts")),
    ]),
    Case("diagnostic setting to storage and event hub", "azurerm_monitor_diagnostic_setting",
         {"storage_account_id": "/s", "eventhub_authorization_rule_id": "/e"}, [
        ("Platform logs processed (2 destinations)", "20 GB",
         AM.format(m="Platform Logs Data Processed", s="Platform Logs")),
    ], usage={"monthly_platform_log_data_gb": 10}),
    Case("diagnostic setting to Log Analytics only", "azurerm_monitor_diagnostic_setting",
         {"log_analytics_workspace_id": "/w"}, [
        ("Diagnostic setting", "1 settings", "fixed 0 USD"),
    ]),
    Case("data collection rule without transformations", "azurerm_monitor_data_collection_rule",
         {"data_flow": [{"streams": ["Microsoft-Perf"], "destinations": ["la"]}]}, [
        ("Data collection rule", "1 rules", "fixed 0 USD"),
    ]),
    Case("data collection rule with a transformation", "azurerm_monitor_data_collection_rule",
         {"data_flow": [{"streams": ["Custom-x"], "transform_kql": "source | where Level == 'Error'"}]}, [
        ("Data processed by transformations", "5 GB", AM.format(m="Logs Processed GB", s="Logs Processed")),
    ], usage={"monthly_data_processed_gb": 5}),
]

test_table = table_test(CASES)


def test_global_alert_resources_use_the_global_meters() -> None:
    assert {q.region for q in queries_of("azurerm_monitor_metric_alert", {"scopes": ["/a"]}, region="global")} == {
        "Global"}
    assert {q.region for q in queries_of("azurerm_monitor_scheduled_query_rules_alert_v2", {},
                                         region="westeurope")} == {"westeurope"}


def test_a_bad_evaluation_frequency_is_refused() -> None:
    with pytest.raises(InputError, match="not a duration"):
        components_of("azurerm_monitor_scheduled_query_rules_alert_v2", {"evaluation_frequency": "5 minutes"})
