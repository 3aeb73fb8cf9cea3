"""Azure DDoS Network Protection plans.

Pricing: https://azure.microsoft.com/pricing/details/ddos-protection/ — a plan bills by the hour and covers 100
public IP resources across the virtual networks linked to it; each protected resource beyond 100 is billed by the
hour. Per-IP protection (DDoS IP Protection) is set on a public IP (``ddos_protection_mode = "Enabled"``) and is
priced there.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Count, Usage, usage_key

__all__ = ["PLAN_INCLUDED_RESOURCES", "azurerm_network_ddos_protection_plan", "ddos_query"]

#: public IP resources a plan covers without overage
PLAN_INCLUDED_RESOURCES = 100


def ddos_query(region: str, sku: str, meter: str) -> PriceQuery:
    """A DDoS Protection meter (the service is spelled "Azure DDOS Protection" in the Retail Prices API)."""
    return azure("Azure DDOS Protection", region, skuName=sku, meterName=meter)


class DdosPlanUsage(Usage):
    protected_resources: Count | None = usage_key(
        "Public IP resources protected by the plan (100 are included)", unit="resources")
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the plan a month", unit="GB")


@resource("azurerm_network_ddos_protection_plan", example={})
def azurerm_network_ddos_protection_plan(i: AzureInputs, u: DdosPlanUsage) -> list[CostComponent]:
    """A DDoS Network Protection plan: the plan by the hour, protected resources beyond 100 by the hour (usage
    ``protected_resources``) and data processed from usage.

    Pricing: https://azure.microsoft.com/pricing/details/ddos-protection/
    """
    sku = "Network Protection"
    out = [hourly("DDoS Network Protection plan", ddos_query(i.region, sku, "Network Protection Plan"))]
    extra = (u.protected_resources or 0) - PLAN_INCLUDED_RESOURCES
    if extra > 0:
        out.append(hourly(f"Protected resources beyond {PLAN_INCLUDED_RESOURCES} ({extra})",
                          ddos_query(i.region, sku, "Network Protection Resource"), Decimal(extra),
                          unit="resource-hours"))
    out.append(usage_based("Data processed", ddos_query(i.region, sku, "Network Protection Data Processed"),
                           u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb"))
    return out
