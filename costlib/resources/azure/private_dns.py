"""Azure Private DNS zones and record sets, and the DNS Private Resolver.

Pricing: https://azure.microsoft.com/pricing/details/dns/ — a private zone bills a monthly fee (first-25-zones
rate here, as for public zones) and queries per million; record sets have no charge of their own (their queries
are, from usage ``monthly_queries``). A DNS Private Resolver bills each inbound and outbound endpoint and each
DNS forwarding ruleset by the month; the resolver itself and the queries it answers have no charge. The meters
are listed by delivery zone (``Zone 1`` ...).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import azure, monthly
from costlib.resources.azure._billing import pricing_zone
from costlib.resources.azure.dns import DnsInputs, DnsQueriesUsage, dns_queries, dns_zone
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs

__all__ = ["azurerm_private_dns_record", "azurerm_private_dns_resolver_dns_forwarding_ruleset",
           "azurerm_private_dns_resolver_inbound_endpoint", "azurerm_private_dns_resolver_outbound_endpoint",
           "azurerm_private_dns_zone"]


@resource("azurerm_private_dns_zone", example={"name": "privatelink.blob.core.windows.net"})
def azurerm_private_dns_zone(i: DnsInputs, u: DnsQueriesUsage) -> list[CostComponent]:
    """A private DNS zone: a monthly hosted-zone fee (first-25 rate) plus queries from usage.

    Pricing: https://azure.microsoft.com/pricing/details/dns/
    """
    return [dns_zone(i.region, "Private"), dns_queries(i.region, "Private", u.monthly_queries)]


@resource("azurerm_private_dns_a_record", "azurerm_private_dns_aaaa_record", "azurerm_private_dns_cname_record",
          "azurerm_private_dns_mx_record", "azurerm_private_dns_ptr_record", "azurerm_private_dns_srv_record",
          "azurerm_private_dns_txt_record", example={"name": "db", "ttl": 300})
def azurerm_private_dns_record(i: DnsInputs, u: DnsQueriesUsage) -> list[CostComponent]:
    """A private record set: no charge of its own; its queries from usage ``monthly_queries``.

    Pricing: https://azure.microsoft.com/pricing/details/dns/
    """
    return [dns_queries(i.region, "Private", u.monthly_queries)]


def _resolver(region: str, what: str) -> CostComponent:
    return monthly(f"DNS Private Resolver {what.lower()}",
                   azure("Azure DNS", pricing_zone(region), productName="Azure DNS", skuName="Private Resolver",
                         meterName=f"Private Resolver {what}"), Decimal(1),
                   unit="rulesets" if "Ruleset" in what else "endpoints")


@resource("azurerm_private_dns_resolver_inbound_endpoint", example={"name": "inbound"})
def azurerm_private_dns_resolver_inbound_endpoint(i: AzureInputs) -> list[CostComponent]:
    """An inbound endpoint of a DNS Private Resolver, billed by the month.

    Pricing: https://azure.microsoft.com/pricing/details/dns/
    """
    return [_resolver(i.region, "Inbound Endpoint")]


@resource("azurerm_private_dns_resolver_outbound_endpoint", example={"name": "outbound"})
def azurerm_private_dns_resolver_outbound_endpoint(i: AzureInputs) -> list[CostComponent]:
    """An outbound endpoint of a DNS Private Resolver, billed by the month.

    Pricing: https://azure.microsoft.com/pricing/details/dns/
    """
    return [_resolver(i.region, "Outbound Endpoint")]


@resource("azurerm_private_dns_resolver_dns_forwarding_ruleset", example={"name": "rules"})
def azurerm_private_dns_resolver_dns_forwarding_ruleset(i: AzureInputs) -> list[CostComponent]:
    """A DNS forwarding ruleset, billed by the month.

    Pricing: https://azure.microsoft.com/pricing/details/dns/
    """
    return [_resolver(i.region, "DNS Forwarding Ruleset")]
