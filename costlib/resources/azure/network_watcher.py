"""Azure Network Watcher: diagnostic checks, flow logs with traffic analytics, and connection monitors.

Pricing: https://azure.microsoft.com/pricing/details/network-watcher/ — a network watcher (one per region) has
no charge of its own; diagnostic tool checks (IP flow verify, next hop, packet capture ...) are billed per check
after a monthly allowance; flow logs per GB collected (NSG and virtual network flow logs have their own meters),
traffic analytics per GB processed (the 10-minute interval at a higher rate); connection monitor per test a
month (a test is one source endpoint, one destination endpoint and one test configuration of a test group).
The storage account and Log Analytics workspace the logs land in are billed as their own resources.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Blocks, Count, Model, Quantity, Usage, usage_key

__all__ = ["azurerm_network_connection_monitor", "azurerm_network_watcher", "azurerm_network_watcher_flow_log"]


def _q(region: str, meter: str) -> PriceQuery:
    return azure("Network Watcher", region, productName="Network Watcher", skuName="Standard", meterName=meter)


class NetworkWatcherUsage(Usage):
    monthly_diagnostic_checks: Quantity | None = usage_key(
        "Diagnostic tool checks a month (IP flow verify, next hop, packet capture, connection troubleshoot ...)",
        unit="checks")


@resource("azurerm_network_watcher", example={})
def azurerm_network_watcher(i: AzureInputs, u: NetworkWatcherUsage) -> list[CostComponent]:
    """A network watcher: its diagnostic tool checks from usage (the watcher itself has no charge).

    Pricing: https://azure.microsoft.com/pricing/details/network-watcher/
    """
    return [usage_based("Diagnostic tool checks", _q(i.region, "Standard Diagnostic Tool API"),
                        u.monthly_diagnostic_checks, unit="checks", usage_key="monthly_diagnostic_checks")]


class TrafficAnalytics(Model):
    enabled: bool = False
    interval_in_minutes: Count = 60


class FlowLog(AzureInputs):
    enabled: bool = True
    network_security_group_id: str | None = None
    target_resource_id: str | None = None
    traffic_analytics: Block[TrafficAnalytics] = None


class FlowLogUsage(Usage):
    monthly_logs_collected_gb: GB | None = usage_key("Flow log data collected a month", unit="GB")


@resource("azurerm_network_watcher_flow_log", example={"enabled": True, "version": 2,
                                                       "traffic_analytics": [{"enabled": True,
                                                                              "interval_in_minutes": 60}]})
def azurerm_network_watcher_flow_log(i: FlowLog, u: FlowLogUsage) -> list[CostComponent]:
    """A flow log: GB collected (NSG or virtual network flow logs by the target) and, with
    ``traffic_analytics.enabled``, the same GB processed at the 60- or 10-minute interval rate.

    Pricing: https://azure.microsoft.com/pricing/details/network-watcher/
    """
    if not i.enabled:
        return [no_charge("Flow log (disabled)", "a disabled flow log collects nothing")]
    nsg = "/networksecuritygroups/" in (i.target_resource_id or i.network_security_group_id or "").lower()
    kind, meter = ("NSG", "Standard Network Logs Collected") if nsg else ("virtual network",
                                                                         "Standard VNet Flow Logs Collected")
    out = [usage_based(f"Flow logs collected ({kind})", _q(i.region, meter), u.monthly_logs_collected_gb, unit="GB",
                       usage_key="monthly_logs_collected_gb")]
    ta = i.traffic_analytics
    if ta is not None and ta.enabled:
        fast = ta.interval_in_minutes == 10
        meter = "Standard Traffic Analytics Processing" + (" at 10-Minute Interval" if fast else "")
        out.append(usage_based(f"Traffic analytics processing ({ta.interval_in_minutes}-minute interval)",
                               _q(i.region, meter), u.monthly_logs_collected_gb, unit="GB",
                               usage_key="monthly_logs_collected_gb"))
    return out


class TestGroup(Model):
    enabled: bool = True
    source_endpoints: tuple[str, ...] = ()
    destination_endpoints: tuple[str, ...] = ()
    test_configuration_names: tuple[str, ...] = ()


class ConnectionMonitor(AzureInputs):
    test_group: Blocks[TestGroup] = ()


@resource("azurerm_network_connection_monitor", example={
    "test_group": [{"name": "g", "source_endpoints": ["vm"], "destination_endpoints": ["web"],
                    "test_configuration_names": ["tcp"]}]})
def azurerm_network_connection_monitor(i: ConnectionMonitor) -> list[CostComponent]:
    """A connection monitor: one test per source endpoint x destination endpoint x test configuration of each
    enabled test group, billed per test a month.

    Pricing: https://azure.microsoft.com/pricing/details/network-watcher/
    """
    tests = sum(len(g.source_endpoints) * len(g.destination_endpoints) * len(g.test_configuration_names)
                for g in i.test_group if g.enabled)
    return [monthly(f"Connection monitor tests ({tests})", _q(i.region, "Standard Connection Monitor Test"),
                    Decimal(tests), unit="tests")]
