"""Azure Event Hubs namespaces.

Pricing: https://azure.microsoft.com/pricing/details/event-hubs/ — Basic and Standard bill throughput units by the
hour and ingress events per million; Standard bills Capture per throughput unit by the hour when any event hub
captures; Premium bills processing units by the hour (ingress and capture included) and extended retention per
GB-month; a namespace in a Dedicated cluster is billed through the cluster. With auto-inflate, units grow up to
``maximum_throughput_units``: usage ``throughput_or_capacity_units`` gives the average.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure._billing import no_charge, per
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Count, Quantity, Rate, Usage, choice, usage_key

__all__ = ["azurerm_eventhub_namespace"]


class EventHubNamespace(AzureInputs):
    sku: Annotated[str, choice("Basic", "Standard", "Premium")] = "Standard"
    capacity: Count = 1
    dedicated_cluster_id: str | None = None


class EventHubNamespaceUsage(Usage):
    throughput_or_capacity_units: Rate | None = usage_key(
        "Average throughput units (Basic, Standard) or processing units (Premium); default the capacity",
        unit="units")
    monthly_ingress_events: Quantity | None = usage_key("Events received a month (Basic, Standard)", unit="events")
    capture_enabled: bool | None = usage_key("Whether an event hub of the namespace uses Capture (Standard)", unit="")
    retention_storage_gb: GB | None = usage_key("Extended retention storage beyond what is included (Premium)",
                                                unit="GB")


@resource("azurerm_eventhub_namespace", example={"sku": "Standard", "capacity": 2})
def azurerm_eventhub_namespace(i: EventHubNamespace, u: EventHubNamespaceUsage) -> list[CostComponent]:
    """An Event Hubs namespace: ``sku`` units (``capacity``) by the hour, ingress events per million (Basic,
    Standard), Capture per throughput unit (Standard, usage ``capture_enabled``), extended retention (Premium).

    Pricing: https://azure.microsoft.com/pricing/details/event-hubs/
    """
    sku = i.sku
    if i.dedicated_cluster_id:
        return [no_charge("Namespace in a Dedicated cluster", "billed through its cluster's capacity units",
                          unit="namespaces")]

    def q(meter: str) -> PriceQuery:
        return azure("Event Hubs", i.region, productName="Event Hubs", skuName=sku, meterName=f"{sku} {meter}")

    units = u.throughput_or_capacity_units if u.throughput_or_capacity_units is not None else Decimal(i.capacity)
    kind = "processing units" if sku == "Premium" else "throughput units"
    out = [hourly(f"{kind.capitalize()} ({units})", q("Processing Unit" if sku == "Premium" else "Throughput Unit"),
                  units, unit="unit-hours")]
    if sku == "Premium":
        out.append(usage_based("Extended retention", q("Extended Retention"), u.retention_storage_gb, unit="GB-months",
                               usage_key="retention_storage_gb"))
        return out
    out.append(usage_based("Ingress events", q("Ingress Events"), per(1_000_000, u.monthly_ingress_events),
                           unit="1M events", usage_key="monthly_ingress_events"))
    if sku == "Standard" and u.capture_enabled:
        out.append(hourly(f"Capture ({units} throughput units)", q("Capture"), units, unit="unit-hours"))
    return out
