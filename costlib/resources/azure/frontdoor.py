"""Azure Front Door: Standard and Premium profiles, classic Front Door and classic WAF policies.

Pricing: https://azure.microsoft.com/pricing/details/frontdoor/ — a Standard or Premium profile bills a monthly
base fee, requests per 10K and data out from the edge per GB (volume tiers), both by the delivery zone of the
clients (Zone 1 North America, 2 Asia Pacific and Japan, 3 South America, 4 Australia, 5 India, 6 Europe,
7 Middle East and Africa, 8 Korea), and data from clients to the edge per GB. Endpoints, routes and origins have
no charge of their own. Classic Front Door (retiring 31 March 2027) bills an hourly charge covering its first
five routing rules, each further rule by the hour, and data in and out per GB; its WAF policies bill a monthly
fee per policy, custom rule and managed rule set, plus requests per million. The meters are listed by zone.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, monthly, unmodelled, usage_based
from costlib.resources.azure._billing import per, pricing_zone
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Blocks, Model, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_cdn_frontdoor_profile", "azurerm_frontdoor", "azurerm_frontdoor_firewall_policy"]

SERVICE = "Azure Front Door Service"
#: usage-file key -> delivery zone
ZONES = {"north_america_europe_africa": "Zone 1", "north_america": "Zone 1", "asia_pacific": "Zone 2",
         "south_america": "Zone 3", "australia": "Zone 4", "india": "Zone 5", "europe": "Zone 6",
         "middle_east_africa": "Zone 7", "korea": "Zone 8", "us_gov": "US Gov Zone 1"}
#: routing rules covered by classic Front Door's hourly charge
INCLUDED_ROUTING_RULES = 5


class OutboundByZone(Model):
    """GB delivered from the edge to clients in each zone."""

    north_america_europe_africa: GB | None = usage_key("North America, Europe and Africa (Zone 1)", unit="GB")
    north_america: GB | None = usage_key("North America (Zone 1)", unit="GB")
    europe: GB | None = usage_key("Europe (Zone 6, the Zone 1 price)", unit="GB")
    asia_pacific: GB | None = usage_key("Asia Pacific including Japan (Zone 2)", unit="GB")
    south_america: GB | None = usage_key("South America (Zone 3)", unit="GB")
    australia: GB | None = usage_key("Australia (Zone 4)", unit="GB")
    india: GB | None = usage_key("India (Zone 5)", unit="GB")
    middle_east_africa: GB | None = usage_key("Middle East and Africa (Zone 7)", unit="GB")
    korea: GB | None = usage_key("Korea (Zone 8)", unit="GB")
    us_gov: GB | None = usage_key("US Government", unit="GB")


class FrontDoorUsage(Usage):
    monthly_outbound_data_transfer_gb: Block[OutboundByZone] = usage_key(
        "Data out from the edge to clients a month, per zone", unit="")
    monthly_inbound_data_transfer_gb: GB | None = usage_key("Data from clients to the edge a month", unit="GB")
    monthly_requests: Quantity | None = usage_key("Requests a month (Standard and Premium)", unit="requests")


def _outbound(zones: OutboundByZone | None, query: Callable[[str], PriceQuery]) -> list[CostComponent]:
    """One data-out component per zone the usage names (one usage-based component when none is given)."""
    out: list[CostComponent] = []
    if zones is not None:
        for key, zone in ZONES.items():
            gb = getattr(zones, key)
            if gb is not None:
                out.append(usage_based(f"Data transfer out ({key.replace('_', ' ')})", query(zone), gb, unit="GB",
                                       usage_key=f"monthly_outbound_data_transfer_gb.{key}"))
    return out or [usage_based("Data transfer out", query("Zone 1"), None, unit="GB",
                               usage_key="monthly_outbound_data_transfer_gb")]


class FrontDoorProfile(AzureInputs):
    region: str = "global"
    sku_name: Annotated[str, choice("Standard_AzureFrontDoor", "Premium_AzureFrontDoor")] = "Standard_AzureFrontDoor"


@resource("azurerm_cdn_frontdoor_profile", example={"sku_name": "Standard_AzureFrontDoor"})
def azurerm_cdn_frontdoor_profile(i: FrontDoorProfile, u: FrontDoorUsage) -> list[CostComponent]:
    """A Front Door Standard or Premium profile: the monthly base fee, requests per 10K, data out per zone and
    data in from usage.

    Pricing: https://azure.microsoft.com/pricing/details/frontdoor/
    """
    tier = "Premium" if i.sku_name.startswith("Premium") else "Standard"

    def q(zone: str, meter: str) -> PriceQuery:
        return azure(SERVICE, zone, productName="Azure Front Door", skuName=tier, meterName=f"{tier} {meter}")

    return [monthly(f"Base fee ({tier})", q("Zone 1", "Base Fees"), Decimal(1), unit="profiles"),
            usage_based("Requests", q("Zone 1", "Requests"), per(10_000, u.monthly_requests), unit="10K requests",
                        usage_key="monthly_requests"),
            *_outbound(u.monthly_outbound_data_transfer_gb, lambda zone: q(zone, "Data Transfer Out")),
            usage_based("Data transfer in", q("Zone 1", "Data Transfer In"), u.monthly_inbound_data_transfer_gb,
                        unit="GB", usage_key="monthly_inbound_data_transfer_gb")]


class RoutingRule(Model):
    name: str | None = None
    enabled: bool = True


class FrontendEndpoint(Model):
    host_name: str | None = None


class ClassicFrontDoor(AzureInputs):
    region: str = "global"
    routing_rule: Blocks[RoutingRule] = ()
    frontend_endpoint: Blocks[FrontendEndpoint] = ()


@resource("azurerm_frontdoor", example={"routing_rule": [{"name": "r", "accepted_protocols": ["Https"],
                                                          "patterns_to_match": ["/*"]}]})
def azurerm_frontdoor(i: ClassicFrontDoor, u: FrontDoorUsage) -> list[CostComponent]:
    """Classic Front Door: an hourly charge for the first five ``routing_rule`` blocks, each further rule by the
    hour, data out per zone and data in from usage; custom domains are not modelled yet.

    Pricing: https://azure.microsoft.com/pricing/details/frontdoor/ (classic)
    """
    def q(zone: str, meter: str) -> PriceQuery:
        return azure(SERVICE, zone, productName=SERVICE, meterName=f"Standard {meter}")

    rules = sum(1 for r in i.routing_rule if r.enabled)
    out: list[CostComponent] = []
    if rules:
        out.append(hourly(f"Routing rules (first {INCLUDED_ROUTING_RULES})", q("Zone 1", "Included Routing Rules")))
    if rules > INCLUDED_ROUTING_RULES:
        extra = rules - INCLUDED_ROUTING_RULES
        out.append(hourly(f"Routing rules beyond {INCLUDED_ROUTING_RULES} ({extra})",
                          q("Zone 1", "Overage Routing Rules"), Decimal(extra), unit="rule-hours"))
    out += _outbound(u.monthly_outbound_data_transfer_gb, lambda zone: q(zone, "Data Transfer Out"))
    out.append(usage_based("Data transfer in", q("Zone 1", "Data Transfer In"), u.monthly_inbound_data_transfer_gb,
                           unit="GB", usage_key="monthly_inbound_data_transfer_gb"))
    custom = [f for f in i.frontend_endpoint if f.host_name and not f.host_name.lower().endswith(".azurefd.net")]
    if custom:
        out.append(unmodelled(f"Custom domains ({len(custom)})", "classic Front Door custom domains are not "
                              "modelled yet"))
    return out


class ManagedRule(Model):
    type: str = "DefaultRuleSet"


class CustomRule(Model):
    name: str | None = None
    enabled: bool = True


class FrontDoorWafPolicy(AzureInputs):
    region: str = "global"
    custom_rule: Blocks[CustomRule] = ()
    managed_rule: Blocks[ManagedRule] = ()


class FrontDoorWafUsage(Usage):
    monthly_custom_rule_requests: Quantity | None = usage_key("Requests evaluated by custom rules a month",
                                                              unit="requests")
    monthly_managed_ruleset_requests: Quantity | None = usage_key("Requests evaluated by managed rule sets a month",
                                                                  unit="requests")
    monthly_bot_protection_requests: Quantity | None = usage_key("Requests evaluated by the bot protection rule set "
                                                                 "a month", unit="requests")


@resource("azurerm_frontdoor_firewall_policy", example={"mode": "Prevention",
                                                        "managed_rule": [{"type": "DefaultRuleSet", "version": "1.0"}]})
def azurerm_frontdoor_firewall_policy(i: FrontDoorWafPolicy, u: FrontDoorWafUsage) -> list[CostComponent]:
    """A classic Front Door WAF policy: the policy, each enabled custom rule and each managed rule set (the
    default rule set, bot protection) a month, plus requests per million from usage.

    Pricing: https://azure.microsoft.com/pricing/details/frontdoor/ (classic WAF)
    """
    zone = pricing_zone(i.region)

    def q(meter: str) -> PriceQuery:
        return azure(SERVICE, zone, productName=SERVICE, skuName="Standard", meterName=f"Standard {meter}")

    out = [monthly("WAF policy", q("Policy"), Decimal(1), unit="policies")]
    rules = sum(1 for r in i.custom_rule if r.enabled)
    if rules:
        out.append(monthly(f"Custom rules ({rules})", q("Rule"), Decimal(rules), unit="rules"))
        out.append(usage_based("Custom rule requests", q("Requests"), per(1_000_000, u.monthly_custom_rule_requests),
                               unit="1M requests", usage_key="monthly_custom_rule_requests"))
    bot = [m for m in i.managed_rule if "bot" in m.type.lower()]
    default = [m for m in i.managed_rule if "bot" not in m.type.lower()]
    if default:
        out.append(monthly(f"Managed rule sets ({len(default)})", q("Default Ruleset"), Decimal(len(default)),
                           unit="rule sets"))
        out.append(usage_based("Managed rule set requests", q("Default Request"),
                               per(1_000_000, u.monthly_managed_ruleset_requests), unit="1M requests",
                               usage_key="monthly_managed_ruleset_requests"))
    if bot:
        out.append(monthly("Bot protection rule set", q("Bot Protection Ruleset"), Decimal(len(bot)),
                           unit="rule sets"))
        out.append(usage_based("Bot protection requests", q("Bot Protection Request"),
                               per(1_000_000, u.monthly_bot_protection_requests), unit="1M requests",
                               usage_key="monthly_bot_protection_requests"))
    return out
