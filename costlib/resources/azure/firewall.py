"""Azure Firewall, firewall policies and rule collection groups.

Pricing: https://azure.microsoft.com/pricing/details/azure-firewall/ — a firewall bills a deployment hour by
tier (Basic, Standard, Premium) and each GB it processes; in a Virtual WAN secured hub (``AZFW_Hub``) the same
tiers use the "Secured Virtual Hub" meters and the hub's public IPs are billed as Standard static IPv4 addresses.
A firewall policy is billed by its firewall associations
(https://learn.microsoft.com/azure/firewall-manager/policy-overview): a policy associated with one firewall has no
charge; the per-policy fee of a policy shared by several firewalls is not modelled yet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, unmodelled, usage_based
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Count, Model, Usage, choice, usage_key

__all__ = ["azurerm_firewall", "azurerm_firewall_policy"]

#: tier -> skuName of the secured-virtual-hub meters (Standard is spelled "Secure", the others "Secured")
_HUB_SKUS = {"Basic": "Basic Secured Virtual Hub", "Standard": "Standard Secure Virtual Hub",
             "Premium": "Premium Secured Virtual Hub"}


class VirtualHub(Model):
    virtual_hub_id: str | None = None
    public_ip_count: Count = 1


class Firewall(AzureInputs):
    sku_name: Annotated[str, choice("AZFW_VNet", "AZFW_Hub")] = "AZFW_VNet"
    sku_tier: Annotated[str, choice("Basic", "Standard", "Premium")] = "Standard"
    virtual_hub: Block[VirtualHub] = None
    autoscale_min_capacity: Count | None = None


class FirewallUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the firewall a month", unit="GB")


@resource("azurerm_firewall", example={"sku_name": "AZFW_VNet", "sku_tier": "Standard"})
def azurerm_firewall(i: Firewall, u: FirewallUsage) -> list[CostComponent]:
    """An Azure Firewall: deployment hours by ``sku_tier`` (Basic, Standard, Premium) and ``sku_name`` (VNet or
    secured hub), GB processed from usage; a secured hub's ``public_ip_count`` addresses are billed too.

    Pricing: https://azure.microsoft.com/pricing/details/azure-firewall/
    """
    tier, hub = i.sku_tier, i.sku_name == "AZFW_Hub"
    sku = _HUB_SKUS[tier] if hub else tier
    where = "secured virtual hub" if hub else "virtual network"
    out = [hourly(f"Firewall deployment ({tier}, {where})",
                  azure("Azure Firewall", i.region, productName="Azure Firewall", skuName=sku,
                        meterName=f"{sku} Deployment")),
           usage_based(f"Data processed ({tier})",
                       azure("Azure Firewall", i.region, productName="Azure Firewall", skuName=sku,
                             meterName=f"{sku} Data Processed"),
                       u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
    if hub:
        ips = Decimal((i.virtual_hub or VirtualHub()).public_ip_count)
        out.append(hourly("Public IPs of the secured hub (Standard, Static)",
                          azure("Virtual Network", i.region, productName="IP Addresses", skuName="Standard",
                                meterName="Standard IPv4 Static Public IP"), ips, unit="address-hours"))
    if i.autoscale_min_capacity:
        out.append(unmodelled(f"Prescaled capacity ({i.autoscale_min_capacity} units minimum)",
                              "capacity units a firewall is prescaled to are billed by the hour; not modelled yet"))
    return out


class FirewallPolicy(AzureInputs):
    sku: Annotated[str, choice("Basic", "Standard", "Premium")] = "Standard"


class FirewallPolicyUsage(Usage):
    firewall_associations: Count | None = usage_key(
        "Firewalls and secured hubs the policy is associated with (default 1)", unit="firewalls")


@resource("azurerm_firewall_policy", example={"sku": "Standard"})
def azurerm_firewall_policy(i: FirewallPolicy, u: FirewallPolicyUsage) -> list[CostComponent]:
    """A firewall policy: no charge when associated with one firewall; a policy associated with several
    firewalls (usage ``firewall_associations``) bills a per-policy fee, not modelled yet.

    Pricing: https://azure.microsoft.com/pricing/details/firewall-manager/
    """
    count = u.firewall_associations if u.firewall_associations is not None else 1
    if count > 1:
        return [unmodelled(f"Firewall policy ({i.sku}, {count} firewall associations)",
                           "the per-policy fee of a policy associated with several firewalls is not modelled yet")]
    return [no_charge(f"Firewall policy ({i.sku})", "a policy associated with a single firewall has no charge",
                      unit="policies")]
