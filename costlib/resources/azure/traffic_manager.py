"""Azure Traffic Manager profiles and endpoints.

Pricing: https://azure.microsoft.com/pricing/details/traffic-manager/ — DNS queries per million (the first billion
a month at one rate, more at a lower one), health checks per monitored endpoint per month (Azure endpoints, and
external endpoints at a higher rate), a per-endpoint add-on when the profile probes every 10 seconds, Traffic View
data points per million; Real User Measurements have no charge. The meters are listed under the ``Global``
region. An endpoint resource bills its own health checks; the fast-interval add-on is priced on the profile (it
knows the interval) per endpoint from usage.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.azure._billing import global_region, no_charge, per
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Block, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_traffic_manager_azure_endpoint", "azurerm_traffic_manager_external_endpoint",
           "azurerm_traffic_manager_nested_endpoint", "azurerm_traffic_manager_profile"]


def _q(region: str, meter: str) -> PriceQuery:
    return azure("Traffic Manager", global_region(region), productName="Traffic Manager", meterName=meter)


class MonitorConfig(Model):
    interval_in_seconds: Count = 30


class TrafficManagerProfile(AzureInputs):
    region: str = "global"
    monitor_config: Block[MonitorConfig] = None
    traffic_view_enabled: bool = False


class TrafficManagerProfileUsage(Usage):
    monthly_dns_queries: Quantity | None = usage_key("DNS queries the profile answers a month", unit="queries")
    monthly_traffic_view_data_points: Quantity | None = usage_key(
        "Traffic View data points processed a month (when traffic_view_enabled)", unit="data points")
    fast_interval_azure_endpoints: Count | None = usage_key(
        "Azure and nested endpoints probed every 10 seconds (monitor_config.interval_in_seconds = 10)",
        unit="endpoints")
    fast_interval_external_endpoints: Count | None = usage_key(
        "External endpoints probed every 10 seconds (monitor_config.interval_in_seconds = 10)", unit="endpoints")


@resource("azurerm_traffic_manager_profile", example={"traffic_routing_method": "Performance",
                                                      "monitor_config": [{"protocol": "HTTPS", "port": 443}]})
def azurerm_traffic_manager_profile(i: TrafficManagerProfile, u: TrafficManagerProfileUsage) -> list[CostComponent]:
    """A Traffic Manager profile: DNS queries from usage, Traffic View data points when ``traffic_view_enabled``,
    and the fast-interval health check add-on per endpoint when ``monitor_config.interval_in_seconds`` is 10.

    Pricing: https://azure.microsoft.com/pricing/details/traffic-manager/
    """
    out = [usage_based("DNS queries", _q(i.region, "DNS Queries"), per(1_000_000, u.monthly_dns_queries),
                       unit="1M queries", usage_key="monthly_dns_queries")]
    if i.traffic_view_enabled:
        out.append(usage_based("Traffic View data points", _q(i.region, "Traffic View Data Points Processed"),
                               per(1_000_000, u.monthly_traffic_view_data_points), unit="1M data points",
                               usage_key="monthly_traffic_view_data_points"))
    if (i.monitor_config or MonitorConfig()).interval_in_seconds == 10:
        for kind, key, count in (("Azure", "fast_interval_azure_endpoints", u.fast_interval_azure_endpoints),
                                 ("Non-Azure", "fast_interval_external_endpoints", u.fast_interval_external_endpoints)):
            label = "Azure" if kind == "Azure" else "external"
            out.append(usage_based(f"Fast interval health checks ({label} endpoints)",
                                   _q(i.region, f"{kind} Endpoint Fast Interval Health Check Add-ons"),
                                   None if count is None else Decimal(count), unit="endpoints", usage_key=key))
    return out


class TrafficManagerEndpoint(AzureInputs):
    region: str = "global"
    enabled: bool = True


def _endpoint(i: TrafficManagerEndpoint, kind: str, label: str) -> list[CostComponent]:
    if not i.enabled:
        return [no_charge(f"Health checks ({label} endpoint, disabled)", "a disabled endpoint is not monitored",
                          unit="endpoints")]
    return [monthly(f"Health checks ({label} endpoint)", _q(i.region, f"{kind} Endpoint Health Checks"), Decimal(1),
                    unit="endpoints")]


@resource("azurerm_traffic_manager_azure_endpoint", example={"weight": 100})
def azurerm_traffic_manager_azure_endpoint(i: TrafficManagerEndpoint) -> list[CostComponent]:
    """An Azure endpoint: its health checks, per endpoint per month (none when disabled).

    Pricing: https://azure.microsoft.com/pricing/details/traffic-manager/
    """
    return _endpoint(i, "Azure", "Azure")


@resource("azurerm_traffic_manager_nested_endpoint", example={"weight": 100, "minimum_child_endpoints": 1})
def azurerm_traffic_manager_nested_endpoint(i: TrafficManagerEndpoint) -> list[CostComponent]:
    """A nested endpoint (a child profile): monitored as an Azure endpoint, per month.

    Pricing: https://azure.microsoft.com/pricing/details/traffic-manager/
    """
    return _endpoint(i, "Azure", "nested")


@resource("azurerm_traffic_manager_external_endpoint", example={"target": "www.example.com", "weight": 100})
def azurerm_traffic_manager_external_endpoint(i: TrafficManagerEndpoint) -> list[CostComponent]:
    """An external endpoint: its health checks at the external (non-Azure) rate, per month.

    Pricing: https://azure.microsoft.com/pricing/details/traffic-manager/
    """
    return _endpoint(i, "Non-Azure", "external")
