"""Azure Monitor: action groups, alert rules, data collection rules and diagnostic settings.

Pricing: https://azure.microsoft.com/pricing/details/monitor/ — notifications are billed per channel (emails, push
notifications, webhooks, secure webhooks, ITSM events; SMS and voice calls by country, not modelled yet); a metric
alert rule per time series it monitors a month (one per resource in scope and per value of each dimension it
splits by; a dynamic threshold adds its own charge per time series); a log search alert per monitored time
series a month at the rate of its evaluation frequency (1, 5, 10 or 15 minutes and longer); a diagnostic setting
that sends platform logs to a storage account, an event hub or a partner per GB (to a Log Analytics workspace they
are billed as that workspace's ingestion); a data collection rule has no charge of its own, except data its
transformations process. Action groups, rules and settings themselves cost nothing. Account-level free grants
(the first 10 metric time series, 1,000 emails ...) are not applied: an estimate is of one resource.
"""

from __future__ import annotations

import re
from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, unmodelled, usage_based
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Blocks, Count, Model, Quantity, Usage, usage_key

__all__ = ["alert_frequency", "azurerm_monitor_action_group", "azurerm_monitor_data_collection_rule",
           "azurerm_monitor_diagnostic_setting", "azurerm_monitor_metric_alert",
           "azurerm_monitor_scheduled_query_rules_alert", "azurerm_monitor_scheduled_query_rules_alert_v2"]


def _where(region: str) -> str:
    """Alert rules and action groups are global resources (location ``global``): their meters are the Global ones."""
    return "Global" if region in ("global", "") else region


def _monitor(region: str, sku: str, meter: str, unit: str | None = None) -> PriceQuery:
    return azure("Azure Monitor", _where(region), productName="Azure Monitor", skuName=sku, meterName=meter,
                 unit=unit)


class Receiver(Model):
    name: str | None = None
    use_common_alert_schema: bool | None = None


class WebhookReceiver(Model):
    name: str | None = None
    aad_auth: Blocks[Model] = ()


class ActionGroup(AzureInputs):
    region: str = "global"
    email_receiver: Blocks[Receiver] = ()
    sms_receiver: Blocks[Receiver] = ()
    voice_receiver: Blocks[Receiver] = ()
    webhook_receiver: Blocks[WebhookReceiver] = ()
    azure_app_push_receiver: Blocks[Receiver] = ()
    itsm_receiver: Blocks[Receiver] = ()


class ActionGroupUsage(Usage):
    monthly_notifications: Quantity | None = usage_key(
        "Times the group is triggered a month (each receiver is notified each time)", unit="notifications")


@resource("azurerm_monitor_action_group", example={"short_name": "ops",
                                                   "email_receiver": [{"name": "oncall",
                                                                       "email_address": "oncall@example.com"}]})
def azurerm_monitor_action_group(i: ActionGroup, u: ActionGroupUsage) -> list[CostComponent]:
    """An action group: notifications per channel — each receiver is notified each time the group fires
    (usage ``monthly_notifications``): emails, push notifications, webhooks (secure with ``aad_auth``), ITSM
    events; SMS and voice are priced by country and not modelled yet.

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    fired = u.monthly_notifications
    region = i.region

    def sent(receivers: int) -> Decimal | None:
        return None if fired is None else fired * receivers

    out: list[CostComponent] = []
    if i.email_receiver:
        out.append(usage_based(f"Emails ({len(i.email_receiver)} receivers)",
                               _monitor(region, "Emails", "Emails", unit="1"), sent(len(i.email_receiver)),
                               unit="emails", usage_key="monthly_notifications"))
    if i.azure_app_push_receiver:
        out.append(usage_based(f"Push notifications ({len(i.azure_app_push_receiver)} receivers)",
                               _monitor(region, "Notifications", "Notifications Push Notification", unit="1"),
                               sent(len(i.azure_app_push_receiver)), unit="notifications",
                               usage_key="monthly_notifications"))
    secure = sum(1 for w in i.webhook_receiver if w.aad_auth)
    plain = len(i.webhook_receiver) - secure
    for count, meter, label in ((plain, "Notifications Web hook", "Webhooks"),
                                (secure, "Notifications Secure web hook", "Secure webhooks")):
        if count:
            out.append(usage_based(f"{label} ({count} receivers)", _monitor(region, "Notifications", meter, unit="10"),
                                   None if fired is None else fired * count / Decimal(10), unit="10 webhooks",
                                   usage_key="monthly_notifications"))
    if i.itsm_receiver:
        out.append(usage_based(f"ITSM events ({len(i.itsm_receiver)} receivers)",
                               _monitor(region, "Notifications", "Notifications ITSM Connector Create/Update Event",
                                        unit="1"),
                               sent(len(i.itsm_receiver)), unit="events", usage_key="monthly_notifications"))
    for blocks, what in ((i.sms_receiver, "SMS"), (i.voice_receiver, "Voice calls")):
        if blocks:
            out.append(unmodelled(f"{what} ({len(blocks)} receivers)",
                                  f"{what} notifications are priced by country; not modelled yet"))
    if not out:
        out.append(no_charge("Action group", "an action group without notification receivers has no charge",
                             unit="groups"))
    return out


class Dimension(Model):
    name: str | None = None
    values: tuple[str, ...] = ()


class MetricCriteria(Model):
    metric_name: str | None = None
    dimension: Blocks[Dimension] = ()


class MetricAlert(AzureInputs):
    region: str = "global"
    scopes: tuple[str, ...] = ()
    enabled: bool = True
    criteria: Blocks[MetricCriteria] = ()
    dynamic_criteria: Block[MetricCriteria] = None


class AlertUsage(Usage):
    time_series: Count | None = usage_key(
        "Time series the rule monitors (overrides the count from scopes and dimension values; needed when a "
        "dimension takes every value, '*')", unit="time series")


def _series(scopes: int, criteria: list[MetricCriteria]) -> Decimal | None:
    """Time series of ``criteria``: scopes x the product of each dimension's values (None: a '*' dimension)."""
    total = Decimal(0)
    for c in criteria:
        n = Decimal(max(scopes, 1))
        for d in c.dimension:
            if "*" in d.values:
                return None
            n *= max(len(d.values), 1)
        total += n
    return total


@resource("azurerm_monitor_metric_alert", example={"scopes": ["/subscriptions/s/resourceGroups/r"],
                                                   "criteria": [{"metric_namespace": "Microsoft.Compute/virtualMachines",
                                                                 "metric_name": "Percentage CPU",
                                                                 "aggregation": "Average", "operator": "GreaterThan",
                                                                 "threshold": 80}]})
def azurerm_monitor_metric_alert(i: MetricAlert, u: AlertUsage) -> list[CostComponent]:
    """A metric alert: per time series monitored a month (each scope x each dimension value of each criterion;
    usage ``time_series`` when a dimension is '*'); dynamic criteria add the dynamic-threshold charge.

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    if not i.enabled:
        return [no_charge("Metric alert rule (disabled)", "a disabled rule monitors nothing", unit="rules")]
    region = i.region
    static = list(i.criteria)
    dynamic = [i.dynamic_criteria] if i.dynamic_criteria is not None else []
    total: Decimal | None
    dyn: Decimal | None
    if u.time_series is not None:
        total = Decimal(u.time_series)
        dyn = total if dynamic else Decimal(0)
    else:
        s, d = _series(len(i.scopes), static), _series(len(i.scopes), dynamic)
        total = None if s is None or d is None else s + d
        dyn = d
    out = [usage_based("Metric time series monitored", _monitor(region, "Alerts", "Alerts Metric Monitored"), total,
                       unit="time series", usage_key="time_series")]
    if dynamic:
        out.append(usage_based("Dynamic threshold time series", _monitor(region, "Alerts", "Alerts Dynamic Threshold"),
                               dyn, unit="time series", usage_key="time_series"))
    return out


def alert_frequency(minutes: Decimal) -> int:
    """The log-alert rate tier of an evaluation frequency: 1, 5, 10, or 15 minutes (15 and longer).

    >>> alert_frequency(Decimal(5)), alert_frequency(Decimal(60)), alert_frequency(Decimal(1))
    (5, 15, 1)
    """
    for tier in (1, 5, 10):
        if minutes <= tier:
            return tier
    return 15


def _log_alert(region: str, minutes: Decimal, series: Decimal | None) -> CostComponent:
    tier = alert_frequency(minutes)
    return usage_based(f"Log search alert time series (every {tier if tier < 15 else '15+'} minutes)",
                       _monitor(region, "Alerts", f"Alerts Resource Monitored at {tier} Minute Frequency"),
                       series, unit="time series", usage_key="time_series")


class ScheduledQueryAlert(AzureInputs):
    region: str = "global"
    frequency: Count = 5
    enabled: bool = True


@resource("azurerm_monitor_scheduled_query_rules_alert", example={"frequency": 5, "time_window": 30,
                                                                  "query": "Heartbeat | count"})
def azurerm_monitor_scheduled_query_rules_alert(i: ScheduledQueryAlert, u: AlertUsage) -> list[CostComponent]:
    """A log search alert (legacy API): one monitored time series a month (usage ``time_series`` to change it)
    at the rate of its ``frequency`` in minutes.

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    if not i.enabled:
        return [no_charge("Log search alert (disabled)", "a disabled rule runs no queries", unit="rules")]
    series = Decimal(u.time_series) if u.time_series is not None else Decimal(1)
    return [_log_alert(i.region, Decimal(i.frequency), series)]


_PT = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?$|^P1D$", re.IGNORECASE)


class QueryCriteria(Model):
    query: str | None = None
    dimension: Blocks[Dimension] = ()


class ScheduledQueryAlertV2(AzureInputs):
    region: str = "global"
    evaluation_frequency: str = "PT5M"
    scopes: tuple[str, ...] = ()
    enabled: bool = True
    criteria: Blocks[QueryCriteria] = ()


@resource("azurerm_monitor_scheduled_query_rules_alert_v2", example={
    "evaluation_frequency": "PT5M", "window_duration": "PT15M", "severity": 3,
    "criteria": [{"query": "Heartbeat | count", "time_aggregation_method": "Count", "operator": "GreaterThan",
                  "threshold": 0}]})
def azurerm_monitor_scheduled_query_rules_alert_v2(i: ScheduledQueryAlertV2, u: AlertUsage) -> list[CostComponent]:
    """A log search alert: its time series (scopes x dimension values; usage ``time_series`` for '*') a month at
    the rate of its ``evaluation_frequency`` (PT1M, PT5M, PT10M, PT15M and longer).

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    if not i.enabled:
        return [no_charge("Log search alert (disabled)", "a disabled rule runs no queries", unit="rules")]
    m = _PT.match(i.evaluation_frequency.strip())
    if m is None:
        raise InputError(f"evaluation_frequency: {i.evaluation_frequency!r} is not a duration such as PT5M")
    minutes = Decimal(1440) if m.group(0).upper() == "P1D" else Decimal(int(m.group(1) or 0) * 60 + int(m.group(2) or 0))
    if u.time_series is not None:
        series: Decimal | None = Decimal(u.time_series)
    else:
        series = Decimal(max(len(i.scopes), 1))
        for c in i.criteria:
            for d in c.dimension:
                if "*" in d.values:
                    series = None
                    break
                series *= max(len(d.values), 1)
            if series is None:
                break
    return [_log_alert(i.region, minutes, series)]


class DiagnosticSetting(AzureInputs):
    region: str = "global"
    log_analytics_workspace_id: str | None = None
    storage_account_id: str | None = None
    eventhub_authorization_rule_id: str | None = None
    partner_solution_id: str | None = None


class DiagnosticSettingUsage(Usage):
    monthly_platform_log_data_gb: GB | None = usage_key(
        "Platform (resource) log data the setting sends a month", unit="GB")


@resource("azurerm_monitor_diagnostic_setting", example={"storage_account_id": "/subscriptions/s/storageAccounts/x",
                                                         "enabled_log": [{"category": "AuditEvent"}]})
def azurerm_monitor_diagnostic_setting(i: DiagnosticSetting, u: DiagnosticSettingUsage) -> list[CostComponent]:
    """A diagnostic setting: platform logs sent to each storage account, event hub or partner destination per GB
    (usage); logs sent to a Log Analytics workspace are billed as its ingestion.

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    destinations = sum(1 for d in (i.storage_account_id, i.eventhub_authorization_rule_id, i.partner_solution_id) if d)
    if not destinations:
        return [no_charge("Diagnostic setting", "logs sent to a Log Analytics workspace are billed as its ingestion",
                          unit="settings")]
    gb = u.monthly_platform_log_data_gb
    return [usage_based(f"Platform logs processed ({destinations} destinations)",
                        _monitor(i.region, "Platform Logs",
                                 "Platform Logs Data Processed"),
                        None if gb is None else gb * destinations, unit="GB", usage_key="monthly_platform_log_data_gb")]


class DataFlow(Model):
    transform_kql: str | None = None


class DataCollectionRule(AzureInputs):
    data_flow: Blocks[DataFlow] = ()


class DataCollectionRuleUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the rule's transformations a month",
                                                     unit="GB")


@resource("azurerm_monitor_data_collection_rule", example={"data_flow": [{"streams": ["Microsoft-Perf"],
                                                                          "destinations": ["la"]}]})
def azurerm_monitor_data_collection_rule(i: DataCollectionRule,
                                         u: DataCollectionRuleUsage) -> list[CostComponent]:
    """A data collection rule: no charge of its own (the data is billed where it lands), except data processed by
    ``transform_kql`` transformations (usage).

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    if not any(f.transform_kql and f.transform_kql.strip().lower() != "source" for f in i.data_flow):
        return [no_charge("Data collection rule", "the data it collects is billed where it is ingested",
                          unit="rules")]
    return [usage_based("Data processed by transformations",
                        _monitor(i.region, "Logs Processed", "Logs Processed GB"), u.monthly_data_processed_gb,
                        unit="GB", usage_key="monthly_data_processed_gb")]
