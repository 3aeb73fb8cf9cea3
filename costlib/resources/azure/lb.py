"""Azure Load Balancer: Standard (regional), Global (cross-region) and Gateway load balancers, and their rules.

Pricing: https://azure.microsoft.com/pricing/details/load-balancer/ — a Standard load balancer bills an hourly
charge that covers its first five load-balancing and outbound rules, each rule beyond five by the hour, and data
processed per GB; inbound NAT rules have no charge; a Basic load balancer has no charge (the SKU was retired on
30 September 2025). A Gateway load balancer bills an hour per gateway and per chained load balancer, plus data
processed. The meters are listed under ``armRegionName`` ``Global``. A load balancer with no rules is not billed;
a rule resource is billed only when it is the sixth or later rule of its load balancer, which the rule alone
cannot tell: usage ``billed_as_additional_rule: true`` says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure._billing import global_region, no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Blocks, Model, Usage, choice, usage_key

__all__ = ["azurerm_lb", "azurerm_lb_outbound_rule", "azurerm_lb_rule"]

_SERVICE = "Load Balancer"


def _q(region: str, sku: str, meter: str) -> PriceQuery:
    return azure(_SERVICE, global_region(region), productName=_SERVICE, skuName=sku, meterName=meter)


class Frontend(Model):
    gateway_load_balancer_frontend_ip_configuration_id: str | None = None


class LoadBalancer(AzureInputs):
    sku: Annotated[str, choice("Basic", "Standard", "Gateway")] = "Standard"
    sku_tier: Annotated[str, choice("Regional", "Global")] = "Regional"
    frontend_ip_configuration: Blocks[Frontend] = ()


class LoadBalancerUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Inbound and outbound data processed a month", unit="GB")


@resource("azurerm_lb", example={"sku": "Standard"})
def azurerm_lb(i: LoadBalancer, u: LoadBalancerUsage) -> list[CostComponent]:
    """A load balancer: ``sku`` (Standard default; Basic has no charge; Gateway), ``sku_tier`` (Regional or
    Global), data processed from usage; a frontend chained to a Gateway load balancer adds a chain hour.

    Pricing: https://azure.microsoft.com/pricing/details/load-balancer/
    """
    region = i.region
    if i.sku == "Basic":
        return [no_charge("Load balancer (Basic)", "a Basic load balancer has no charge")]
    if i.sku == "Gateway":
        return [hourly("Gateway load balancer", _q(region, "Gateway", "Gateway")),
                usage_based("Data processed", _q(region, "Gateway", "Gateway Data Processed"),
                            u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
    tier = "Global" if i.sku_tier == "Global" else "Standard"
    out = [hourly(f"Load balancer ({tier}, first 5 rules included)",
                  _q(region, tier, f"{tier} Included LB Rules and Outbound Rules"))]
    if tier == "Global":
        out.append(no_charge("Data processed (Global)", "data processed by a cross-region load balancer has no charge"))
    else:
        out.append(usage_based("Data processed", _q(region, "Standard", "Standard Data Processed"),
                               u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb"))
    chained = sum(1 for f in i.frontend_ip_configuration if f.gateway_load_balancer_frontend_ip_configuration_id)
    if chained:
        out.append(hourly("Gateway load balancer chain", _q(region, "Gateway", "Gateway Chain"), Decimal(chained)))
    return out


class LbRule(AzureInputs):
    loadbalancer_id: str | None = None


class LbRuleUsage(Usage):
    billed_as_additional_rule: bool | None = usage_key(
        "True when this is the 6th or later load-balancing or outbound rule of its Standard load balancer "
        "(the first five are included in the load balancer's hourly charge)", unit="")


def _rule(i: LbRule, u: LbRuleUsage, kind: str) -> list[CostComponent]:
    if u.billed_as_additional_rule:
        return [hourly(f"{kind} beyond the 5 included",
                       _q(i.region, "Standard", "Standard Overage LB Rules and Outbound Rules"), unit="rule-hours")]
    return [no_charge(f"{kind} (one of the 5 included)",
                      "the first five rules are included in the load balancer's hourly charge; set usage "
                      "billed_as_additional_rule for the 6th and later", unit="rules")]


@resource("azurerm_lb_rule", example={})
def azurerm_lb_rule(i: LbRule, u: LbRuleUsage) -> list[CostComponent]:
    """A load-balancing rule: included in the first five of its load balancer, or billed by the hour beyond
    them (usage ``billed_as_additional_rule``).

    Pricing: https://azure.microsoft.com/pricing/details/load-balancer/
    """
    return _rule(i, u, "Load-balancing rule")


@resource("azurerm_lb_outbound_rule", example={})
def azurerm_lb_outbound_rule(i: LbRule, u: LbRuleUsage) -> list[CostComponent]:
    """An outbound rule: counted with the load-balancing rules (the first five are included).

    Pricing: https://azure.microsoft.com/pricing/details/load-balancer/
    """
    return _rule(i, u, "Outbound rule")
