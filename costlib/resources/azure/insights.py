"""Azure Application Insights components and availability tests.

Pricing: https://azure.microsoft.com/pricing/details/monitor/ — Application Insights data is ingested into a Log
Analytics workspace (classic resources were migrated in 2024) and billed per GB at the workspace's analytics-logs
rate; Application Insights tables keep 90 days at no charge, longer retention is billed per GB-month (at steady
state the data held beyond 90 days is a day's ingestion times the extra days). ``daily_data_cap_in_gb`` caps the
ingestion. Standard availability tests are billed per execution (one per location per run: a test every 300 s
from 5 locations runs 43,800 times a month); classic URL ping tests have no charge; classic multi-step tests are
retired.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.money import HOURS_PER_MONTH
from costlib.resources._q import azure, monthly, unmodelled, usage_based
from costlib.resources.azure._billing import DAYS_IN_MONTH, no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Count, Usage, choice, usage_key

__all__ = ["AI_FREE_RETENTION_DAYS", "analytics_logs", "azurerm_application_insights",
           "azurerm_application_insights_standard_web_test", "azurerm_application_insights_web_test"]

#: days Application Insights data is kept at no charge
AI_FREE_RETENTION_DAYS = 90


def analytics_logs(region: str, meter: str) -> PriceQuery:
    """A Log Analytics analytics-logs meter (``Analytics Logs Data Analyzed`` ingestion, ``... Data Retention``)."""
    return azure("Log Analytics", region, productName="Log Analytics", skuName="Analytics Logs", meterName=meter)


class ApplicationInsights(AzureInputs):
    application_type: str = "web"
    retention_in_days: Count = 90
    daily_data_cap_in_gb: GB | None = None


class ApplicationInsightsUsage(Usage):
    monthly_data_ingested_gb: GB | None = usage_key("Telemetry ingested a month", unit="GB")


@resource("azurerm_application_insights", example={"application_type": "web", "retention_in_days": 90})
def azurerm_application_insights(i: ApplicationInsights, u: ApplicationInsightsUsage) -> list[CostComponent]:
    """An Application Insights component: telemetry ingested (usage, capped by ``daily_data_cap_in_gb``) at the
    analytics-logs rate, and retention beyond 90 days (``retention_in_days``).

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    gb = u.monthly_data_ingested_gb
    note = None
    if gb is not None and i.daily_data_cap_in_gb:
        cap = i.daily_data_cap_in_gb * DAYS_IN_MONTH
        if gb > cap:
            gb, note = cap, f"capped by daily_data_cap_in_gb at {i.daily_data_cap_in_gb} GB a day"
    out = [usage_based("Data ingested", analytics_logs(i.region, "Analytics Logs Data Analyzed"), gb, unit="GB",
                       usage_key="monthly_data_ingested_gb", note=note)]
    extra_days = i.retention_in_days - AI_FREE_RETENTION_DAYS
    if extra_days > 0:
        retained = None if gb is None else gb / DAYS_IN_MONTH * extra_days
        out.append(usage_based(f"Data retained beyond {AI_FREE_RETENTION_DAYS} days ({i.retention_in_days} days)",
                               analytics_logs(i.region, "Analytics Logs Data Retention"), retained, unit="GB-months",
                               usage_key="monthly_data_ingested_gb"))
    return out


class WebTest(AzureInputs):
    kind: Annotated[str, choice("ping", "multistep", "standard")] = "ping"
    enabled: bool = True


@resource("azurerm_application_insights_web_test", example={"kind": "ping", "frequency": 300})
def azurerm_application_insights_web_test(i: WebTest) -> list[CostComponent]:
    """A classic availability test: URL ping tests have no charge; multi-step tests are retired.

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    if i.kind == "multistep":
        return [unmodelled("Multi-step web test", "classic multi-step web tests are retired; use a standard test")]
    return [no_charge("URL ping test (classic)", "classic URL ping tests have no charge", unit="tests")]


class StandardWebTest(AzureInputs):
    frequency: Count = 300
    geo_locations: tuple[str, ...] = ()
    enabled: bool = True


@resource("azurerm_application_insights_standard_web_test", example={
    "frequency": 300, "geo_locations": ["us-va-ash-azr", "emea-nl-ams-azr", "apac-sg-sin-azr"]})
def azurerm_application_insights_standard_web_test(i: StandardWebTest) -> list[CostComponent]:
    """A standard availability test: one execution per location per run (``frequency`` seconds, default 300).

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    if not i.enabled:
        return [no_charge("Standard web test (disabled)", "a disabled test does not run", unit="tests")]
    freq = i.frequency
    if freq not in (300, 600, 900):
        raise InputError(f"frequency: a standard test runs every 300, 600 or 900 seconds, not {freq}")
    locations = max(len(i.geo_locations), 1)
    runs = HOURS_PER_MONTH * 3600 / Decimal(freq)
    return [monthly(f"Test executions ({locations} locations every {freq} s)",
                    azure("Azure Monitor", i.region, productName="Azure Monitor", skuName="Standard Web Test",
                          meterName="Standard Web Test Execution"),
                    runs * locations, unit="executions")]
