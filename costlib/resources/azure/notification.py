"""Azure Notification Hubs namespaces.

Pricing: https://azure.microsoft.com/pricing/details/notification-hubs/ — Basic and Standard bill a monthly fee per
namespace and pushes per million beyond the 10 million included (volume tiers, as the catalog's tiers say); Free
has no charge.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.azure._billing import no_charge, per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_notification_hub_namespace"]


class NotificationHubNamespace(AzureInputs):
    sku_name: Annotated[str, choice("Free", "Basic", "Standard")] = "Free"


class NotificationHubUsage(Usage):
    monthly_pushes: Quantity | None = usage_key("Pushes sent a month", unit="pushes")


@resource("azurerm_notification_hub_namespace", example={"namespace_type": "NotificationHub", "sku_name": "Basic"})
def azurerm_notification_hub_namespace(i: NotificationHubNamespace, u: NotificationHubUsage) -> list[CostComponent]:
    """A Notification Hubs namespace: ``sku_name`` Basic or Standard a month plus pushes from usage; Free has no
    charge.

    Pricing: https://azure.microsoft.com/pricing/details/notification-hubs/
    """
    sku = i.sku_name
    if sku == "Free":
        return [no_charge("Notification Hubs namespace (Free)", "the Free tier has no charge", unit="namespaces")]

    def q(meter: str) -> PriceQuery:
        return azure("Notification Hubs", i.region, productName="Notification Hubs", skuName=sku,
                     meterName=f"{sku} {meter}")

    return [monthly(f"Namespace ({sku})", q("Unit"), Decimal(1), unit="namespaces"),
            usage_based("Pushes", q("Pushes"), per(1_000_000, u.monthly_pushes), unit="1M pushes",
                        usage_key="monthly_pushes")]
