"""Azure Service Bus namespaces.

Pricing: https://azure.microsoft.com/pricing/details/service-bus/ — Basic bills messaging operations per million;
Standard bills a base charge by the hour, operations per million beyond the 13 million included and brokered
connections beyond 1,000 (in volume tiers, as the catalog's tiers say); Premium bills messaging units by the hour
(operations and connections included).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure._billing import per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_servicebus_namespace"]

#: messaging units a Premium namespace can have
PREMIUM_UNITS = (1, 2, 4, 8, 16)


class ServiceBusNamespace(AzureInputs):
    sku: Annotated[str, choice("Basic", "Standard", "Premium")] = "Standard"
    capacity: Count = 0


class ServiceBusUsage(Usage):
    monthly_messaging_operations: Quantity | None = usage_key("Messaging operations a month (Basic, Standard)",
                                                              unit="operations")
    brokered_connections: Count | None = usage_key("Brokered (AMQP) connections at once (Standard)",
                                                   unit="connections")


@resource("azurerm_servicebus_namespace", example={"sku": "Standard"})
def azurerm_servicebus_namespace(i: ServiceBusNamespace, u: ServiceBusUsage) -> list[CostComponent]:
    """A Service Bus namespace: Basic operations; Standard base charge, operations and brokered connections;
    Premium messaging units (``capacity``, at least 1) by the hour.

    Pricing: https://azure.microsoft.com/pricing/details/service-bus/
    """
    sku = i.sku

    def q(meter: str, unit: str | None = None) -> PriceQuery:
        return azure("Service Bus", i.region, productName="Service Bus", skuName=sku, meterName=f"{sku} {meter}",
                     unit=unit)

    if sku == "Premium":
        units = i.capacity or 1
        if units not in PREMIUM_UNITS:
            raise InputError(f"capacity: a Premium namespace has 1, 2, 4, 8 or 16 messaging units, not {units}")
        return [hourly(f"Messaging units ({units})", q("Messaging Unit"), Decimal(units), unit="unit-hours")]
    ops = usage_based("Messaging operations", q("Messaging Operations"),
                      per(1_000_000, u.monthly_messaging_operations), unit="1M operations",
                      usage_key="monthly_messaging_operations")
    if sku == "Basic":
        return [ops]
    connections = None if u.brokered_connections is None else Decimal(u.brokered_connections)
    return [hourly("Base charge", q("Base Unit", unit="1/Hour")), ops,
            usage_based("Brokered connections", q("Brokered Connection"), connections, unit="connections",
                        usage_key="brokered_connections")]
