"""Azure Log Analytics workspaces and solutions.

Pricing: https://azure.microsoft.com/pricing/details/monitor/ — a pay-as-you-go (``PerGB2018``) workspace bills
each GB ingested at the analytics-logs rate (``daily_quota_gb`` caps it); a commitment tier
(``CapacityReservation`` with ``reservation_capacity_in_gb_per_day``) bills a daily fee for that many GB and the
GB above it at the tier's own rate (the daily fee divided by the tier's GB); data kept beyond the included
retention (31 days, 90 days with Microsoft Sentinel) is billed per GB-month — at steady state a day's ingestion
times the extra days, unless usage gives the retained GB; continuous data export is billed per GB; Sentinel
analysis on the workspace per GB. The Free tier has no charge; the legacy per-node tiers are not modelled.
Solutions bill the data they collect as workspace ingestion; Microsoft Sentinel (SecurityInsights) bills its
analysis per GB.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, unmodelled, usage_based
from costlib.resources.azure._billing import DAYS_IN_MONTH, no_charge
from costlib.resources.azure.insights import analytics_logs
from costlib.resources.azure.sentinel import sentinel_ingestion
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Count, Model, Usage, choice, usage_key

__all__ = ["COMMITMENT_TIERS", "azurerm_log_analytics_solution", "azurerm_log_analytics_workspace"]

#: commitment tiers (GB a day)
COMMITMENT_TIERS = (100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000, 50000)
FREE_RETENTION_DAYS, SENTINEL_RETENTION_DAYS = 31, 90


class Workspace(AzureInputs):
    sku: Annotated[str, choice("PerGB2018", "CapacityReservation", "Free", "PerNode", "Premium", "Standard",
                               "Standalone", "Unlimited", "LACluster")] = "PerGB2018"
    reservation_capacity_in_gb_per_day: Count | None = None
    retention_in_days: Count = 30
    daily_quota_gb: Annotated[Decimal, Field(ge=-1, le=10**9, allow_inf_nan=False)] | None = None
    """A daily ingestion cap in GB (-1: none)."""


class WorkspaceUsage(Usage):
    monthly_log_data_ingestion_gb: GB | None = usage_key("Log data ingested a month", unit="GB")
    monthly_additional_log_data_retention_gb: GB | None = usage_key(
        "GB held beyond the included retention (default: from ingestion and retention_in_days)", unit="GB")
    monthly_log_data_export_gb: GB | None = usage_key("Data exported from the workspace a month", unit="GB")
    monthly_sentinel_data_ingestion_gb: GB | None = usage_key(
        "Data analysed by Microsoft Sentinel a month (when Sentinel is enabled on the workspace)", unit="GB")


def _commitment(region: str, tier: int, gb: Decimal | None) -> list[CostComponent]:
    def q() -> PriceQuery:
        return azure("Azure Monitor", region, productName="Azure Monitor", skuName=f"{tier} GB Commitment Tier",
                     meterName=f"{tier} GB Commitment Tier Capacity Reservation")

    out = [monthly(f"Commitment tier ({tier} GB a day)", q(), DAYS_IN_MONTH, unit="days")]
    included = Decimal(tier) * DAYS_IN_MONTH
    if gb is not None and gb > included:
        above = (gb - included).quantize(Decimal("0.01"))
        out.append(monthly(f"Ingestion above the commitment ({above} GB at the tier's rate)", q(),
                           (gb - included) / Decimal(tier), unit="tier-days"))
    return out


@resource("azurerm_log_analytics_workspace", example={"sku": "PerGB2018", "retention_in_days": 30})
def azurerm_log_analytics_workspace(i: Workspace, u: WorkspaceUsage) -> list[CostComponent]:
    """A Log Analytics workspace: pay-as-you-go GB ingested or a commitment tier, retention beyond the included
    days, data export and Sentinel analysis from usage.

    Pricing: https://azure.microsoft.com/pricing/details/monitor/
    """
    region, sku = i.region, i.sku
    if sku == "Free":
        return [no_charge("Workspace (Free tier)", "the Free tier has no charge (500 MB a day, 7 days' retention)")]
    if sku in ("PerNode", "Premium", "Standard", "Standalone", "Unlimited"):
        return [unmodelled(f"Workspace ({sku} tier)", "the legacy per-node pricing tiers are not modelled")]
    gb = u.monthly_log_data_ingestion_gb
    note = None
    if gb is not None and i.daily_quota_gb is not None and i.daily_quota_gb > 0:
        cap = i.daily_quota_gb * DAYS_IN_MONTH
        if gb > cap:
            gb, note = cap, f"capped by daily_quota_gb at {i.daily_quota_gb} GB a day"
    out: list[CostComponent] = []
    if sku == "CapacityReservation":
        tier = i.reservation_capacity_in_gb_per_day or 100
        if tier not in COMMITMENT_TIERS:
            raise InputError(f"reservation_capacity_in_gb_per_day: {tier} is not a commitment tier "
                             f"({', '.join(map(str, COMMITMENT_TIERS))})")
        out += _commitment(region, tier, gb)
    else:  # PerGB2018 (and a dedicated cluster's workspaces, billed as pay-as-you-go here)
        out.append(usage_based("Data ingested (pay-as-you-go)", analytics_logs(region, "Analytics Logs Data Analyzed"),
                               gb, unit="GB", usage_key="monthly_log_data_ingestion_gb", note=note))
    sentinel = u.monthly_sentinel_data_ingestion_gb
    free_days = SENTINEL_RETENTION_DAYS if sentinel else FREE_RETENTION_DAYS
    extra_days = i.retention_in_days - free_days
    if u.monthly_additional_log_data_retention_gb is not None or extra_days > 0:
        retained = u.monthly_additional_log_data_retention_gb
        if retained is None and gb is not None:
            retained = gb / DAYS_IN_MONTH * extra_days
        out.append(usage_based(f"Data retained beyond {free_days} days ({i.retention_in_days} days)",
                               analytics_logs(region, "Analytics Logs Data Retention"), retained, unit="GB-months",
                               usage_key="monthly_additional_log_data_retention_gb"))
    if u.monthly_log_data_export_gb is not None:
        out.append(usage_based("Data export", azure("Azure Monitor", region, productName="Azure Monitor",
                                                    skuName="Log Analytics data export",
                                                    meterName="Log Analytics data export Data Exported"),
                               u.monthly_log_data_export_gb, unit="GB", usage_key="monthly_log_data_export_gb"))
    if sentinel is not None:
        out.append(sentinel_ingestion(region, sentinel, key="monthly_sentinel_data_ingestion_gb"))
    return out


class SolutionPlan(Model):
    product: str | None = None
    publisher: str | None = None


class Solution(AzureInputs):
    solution_name: str | None = None
    plan: Block[SolutionPlan] = None


class SolutionUsage(Usage):
    monthly_sentinel_data_ingestion_gb: GB | None = usage_key(
        "Data analysed by Microsoft Sentinel a month (SecurityInsights solution)", unit="GB")


@resource("azurerm_log_analytics_solution", example={"solution_name": "ContainerInsights",
                                                     "plan": [{"publisher": "Microsoft",
                                                               "product": "OMSGallery/ContainerInsights"}]})
def azurerm_log_analytics_solution(i: Solution, u: SolutionUsage) -> list[CostComponent]:
    """A workspace solution: Microsoft Sentinel (SecurityInsights) bills its analysis per GB; other solutions
    have no charge of their own (the data they collect is workspace ingestion).

    Pricing: https://azure.microsoft.com/pricing/details/microsoft-sentinel/
    """
    product = ((i.plan.product if i.plan else None) or i.solution_name or "").lower()
    if "securityinsights" in product:
        return [sentinel_ingestion(i.region, u.monthly_sentinel_data_ingestion_gb,
                                   key="monthly_sentinel_data_ingestion_gb")]
    return [no_charge(f"Solution ({i.solution_name or product or 'unnamed'})",
                      "the data a solution collects is billed as workspace ingestion", unit="solutions")]
