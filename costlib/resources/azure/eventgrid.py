"""Azure Event Grid custom and system topics.

Pricing: https://azure.microsoft.com/pricing/details/event-grid/ — the basic tier bills operations (publishes,
deliveries, advanced-filter matches, management calls) per 100K after a free monthly grant (as the catalog's
tiers say); topics themselves have no charge.
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import azure, usage_based
from costlib.resources.azure._billing import per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Quantity, Usage, usage_key

__all__ = ["azurerm_eventgrid_topic"]


class EventGridUsage(Usage):
    monthly_operations: Quantity | None = usage_key(
        "Operations a month: events published and delivery attempts (and advanced-filter matches)",
        unit="operations")


@resource("azurerm_eventgrid_topic", "azurerm_eventgrid_system_topic", example={"input_schema": "EventGridSchema"})
def azurerm_eventgrid_topic(i: AzureInputs, u: EventGridUsage) -> list[CostComponent]:
    """An Event Grid custom or system topic: operations per 100K from usage.

    Pricing: https://azure.microsoft.com/pricing/details/event-grid/
    """
    return [usage_based("Operations", azure("Event Grid", i.region, productName="Event Grid", skuName="Standard",
                                            meterName="Standard Operations", unit="100K"),
                        per(100_000, u.monthly_operations), unit="100K operations", usage_key="monthly_operations")]
