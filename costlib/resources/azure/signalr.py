"""Azure SignalR Service.

Pricing: https://azure.microsoft.com/pricing/details/signalr-service/ — Standard and Premium bill each unit by the
day; each unit includes 1 million messages a day and messages beyond that are billed per million; Free has no
charge.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.azure._billing import DAYS_IN_MONTH, no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Block, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_signalr_service"]

#: messages a unit includes a day
MESSAGES_PER_UNIT_DAY = Decimal(1_000_000)


class SignalrSku(Model):
    name: str = "Free_F1"
    capacity: Count = 1


class SignalrService(AzureInputs):
    sku: Block[SignalrSku] = None


class SignalrUsage(Usage):
    monthly_messages: Quantity | None = usage_key("Messages sent a month (1 million a unit a day are included)",
                                                  unit="messages")


@resource("azurerm_signalr_service", example={"sku": [{"name": "Standard_S1", "capacity": 1}]})
def azurerm_signalr_service(i: SignalrService, u: SignalrUsage) -> list[CostComponent]:
    """A SignalR service: ``sku.name`` (Free_F1, Standard_S1, Premium_P1, Premium_P2) ``capacity`` units by the
    day, messages beyond the included million a unit a day from usage.

    Pricing: https://azure.microsoft.com/pricing/details/signalr-service/
    """
    sku = i.sku or SignalrSku()
    name = sku.name.strip()
    tier = name.split("_", 1)[0].capitalize()
    if tier == "Free":
        return [no_charge("SignalR (Free)", "the Free tier has no charge", unit="units")]
    if tier not in ("Standard", "Premium"):
        raise InputError(f"sku.name: unknown SignalR SKU {name!r} (Free_F1, Standard_S1, Premium_P1, Premium_P2)")
    units = Decimal(sku.capacity)

    def q(meter: str) -> PriceQuery:
        return azure("SignalR", i.region, productName="SignalR", skuName=tier, meterName=f"{tier} {meter}")

    over = None
    if u.monthly_messages is not None:
        over = max(Decimal(0), u.monthly_messages - units * MESSAGES_PER_UNIT_DAY * DAYS_IN_MONTH) / Decimal(1_000_000)
    return [monthly(f"Units ({tier}, {units})", q("Unit"), units * DAYS_IN_MONTH, unit="unit-days"),
            usage_based("Messages beyond those included", q("Message"), over, unit="1M messages",
                        usage_key="monthly_messages")]
