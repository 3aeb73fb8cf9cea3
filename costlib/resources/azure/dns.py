"""Azure DNS public zones and record sets.

Pricing: https://azure.microsoft.com/pricing/details/dns/ — a hosted zone bills a monthly fee (the first 25 zones
of a subscription at one rate, further zones at a lower one: each zone here is priced at the first-25 rate, as
its component says) and queries per million (the first billion a month at one rate, more at a lower one, as the
catalog's tiers say). Record sets have no charge of their own: the queries answered for them are billed, so each
record set takes the usage ``monthly_queries``. Azure DNS meters are listed by delivery zone (``Zone 1`` ...),
not by region; a zone is a global resource, so its region only selects the delivery zone (Zone 1 by default).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.azure._billing import per, pricing_zone
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Quantity, Usage, usage_key

__all__ = ["DnsInputs", "DnsQueriesUsage", "azurerm_dns_record", "azurerm_dns_zone", "dns_queries", "dns_zone"]


class DnsInputs(AzureInputs):
    """A DNS resource: zones are global, so the region (only its delivery zone matters) may be absent."""

    region: str = "global"


class DnsQueriesUsage(Usage):
    monthly_queries: Quantity | None = usage_key("DNS queries answered a month", unit="queries")


def dns_queries(region: str, kind: str, queries: Decimal | None) -> CostComponent:
    """The query component of a public (``kind`` Public) or private (Private) zone or record set."""
    return usage_based("DNS queries", azure("Azure DNS", pricing_zone(region), productName="Azure DNS",
                                            skuName=kind, meterName=f"{kind} Queries"),
                       per(1_000_000, queries), unit="1M queries", usage_key="monthly_queries")


def dns_zone(region: str, kind: str) -> CostComponent:
    """The monthly hosted-zone fee of a public or private zone, at the first-25-zones rate."""
    return monthly(f"Hosted zone ({kind.lower()})", azure("Azure DNS", pricing_zone(region), productName="Azure DNS",
                                                          skuName=kind, meterName=f"{kind} Zone"),
                   Decimal(1), unit="zones", note="priced at the rate of a subscription's first 25 zones")


@resource("azurerm_dns_zone", example={"name": "example.com"})
def azurerm_dns_zone(i: DnsInputs, u: DnsQueriesUsage) -> list[CostComponent]:
    """A public DNS zone: a monthly hosted-zone fee (first-25 rate) plus queries from usage.

    Pricing: https://azure.microsoft.com/pricing/details/dns/
    """
    return [dns_zone(i.region, "Public"), dns_queries(i.region, "Public", u.monthly_queries)]


@resource("azurerm_dns_a_record", "azurerm_dns_aaaa_record", "azurerm_dns_caa_record", "azurerm_dns_cname_record",
          "azurerm_dns_mx_record", "azurerm_dns_ns_record", "azurerm_dns_ptr_record", "azurerm_dns_srv_record",
          "azurerm_dns_txt_record", example={"name": "www", "ttl": 300})
def azurerm_dns_record(i: DnsInputs, u: DnsQueriesUsage) -> list[CostComponent]:
    """A public record set (A, AAAA, CAA, CNAME, MX, NS, PTR, SRV, TXT): no charge of its own; the queries
    answered for it from usage ``monthly_queries``.

    Pricing: https://azure.microsoft.com/pricing/details/dns/
    """
    return [dns_queries(i.region, "Public", u.monthly_queries)]
