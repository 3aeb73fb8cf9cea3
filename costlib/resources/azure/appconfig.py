"""Azure App Configuration stores.

Pricing: https://azure.microsoft.com/pricing/details/app-configuration/ — a store bills a daily fee by tier (Free
has no charge); Standard and Premium bill each replica by the day too (Premium includes one); requests beyond a
daily allowance (Developer 3,000, Standard 200,000 and Premium 800,000 a day for the store and for each replica)
are billed per 1K (Developer) or 10K (Standard, Premium).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.azure._billing import DAYS_IN_MONTH, no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Blocks, Model, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_app_configuration"]

#: tier -> (requests included a day per store or replica, overage block size)
_TIERS = {"Developer": (3_000, 1_000), "Standard": (200_000, 10_000), "Premium": (800_000, 10_000)}


class Replica(Model):
    name: str | None = None
    location: str | None = None


class AppConfiguration(AzureInputs):
    sku: Annotated[str, choice("free", "developer", "standard", "premium")] = "free"
    replica: Blocks[Replica] = ()


class AppConfigurationUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Requests to the store and its replicas a month",
                                                  unit="requests")


@resource("azurerm_app_configuration", example={"sku": "standard"})
def azurerm_app_configuration(i: AppConfiguration, u: AppConfigurationUsage) -> list[CostComponent]:
    """An App Configuration store: ``sku`` (free, developer, standard, premium) by the day, each ``replica`` by
    the day (Premium includes one), requests beyond the daily allowance from usage.

    Pricing: https://azure.microsoft.com/pricing/details/app-configuration/
    """
    tier = i.sku.capitalize()
    if tier == "Free":
        return [no_charge("App Configuration store (Free)", "the Free tier has no charge", unit="stores")]

    def q(meter: str, unit: str | None = None) -> PriceQuery:
        return azure("App Configuration", i.region, productName="App Configuration", skuName=tier,
                     meterName=f"{tier} {meter}", unit=unit)

    out = [monthly(f"Store ({tier})", q("Instance"), DAYS_IN_MONTH, unit="days")]
    replicas = len(i.replica) if tier != "Developer" else 0
    billed = replicas - 1 if tier == "Premium" else replicas
    if billed > 0:
        out.append(monthly(f"Replicas ({billed})", q("Replica Instance"), DAYS_IN_MONTH * billed, unit="replica-days"))
    included, block = _TIERS[tier]
    allowance = Decimal(included) * (1 + replicas) * DAYS_IN_MONTH
    over = None if u.monthly_requests is None else max(Decimal(0), u.monthly_requests - allowance) / Decimal(block)
    size = "1K" if block == 1_000 else "10K"
    out.append(usage_based("Requests beyond the daily allowance", q("Overage Operations", unit=size), over,
                           unit=f"{size} requests", usage_key="monthly_requests"))
    return out
