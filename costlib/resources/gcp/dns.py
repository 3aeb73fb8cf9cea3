"""GCP Cloud DNS: managed zones and record sets (queries).

Pricing: https://cloud.google.com/dns/pricing - a managed zone is billed per month (public or private alike) in
tiers per project: the first 25 zones at one rate, zones 26 to 10,000 at a lower one; queries per million, with a
lower rate above a billion a month. A single zone or record set cannot know its rank among a project's, so it is
priced at the first tier and says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GcpInputs, Quantity, Usage, choice, usage_key

__all__ = ["google_dns_managed_zone", "google_dns_record_set"]


class ManagedZone(GcpInputs):
    visibility: Annotated[str, choice("public", "private")] = "public"


class ZoneUsage(Usage):
    monthly_queries: Quantity | None = usage_key("DNS queries to the zone a month", unit="queries")


@resource("google_dns_managed_zone", example={"visibility": "public"})
def google_dns_managed_zone(i: ManagedZone, u: ZoneUsage) -> list[CostComponent]:
    """A managed zone: one zone-month at the first-25 rate (public and private zones cost the same).

    Pricing: https://cloud.google.com/dns/pricing
    """
    out = [monthly(f"Managed zone ({i.visibility})", gcp("Cloud DNS", i.region, resource="managed-zone",
                                                         tier="first-25"), Decimal(1), unit="zones",
                   note="zones beyond the 25th of a project are billed at a lower rate")]
    if u.monthly_queries is not None:
        out.append(usage_based("Queries", gcp("Cloud DNS", i.region, resource="queries"),
                               u.monthly_queries / Decimal(1_000_000), unit="1M queries", usage_key="monthly_queries"))
    return out


class RecordSet(GcpInputs):
    type: str = "A"


class RecordSetUsage(Usage):
    monthly_queries: Quantity | None = usage_key("DNS queries for the record set a month", unit="queries")


@resource("google_dns_record_set", example={"type": "A"})
def google_dns_record_set(i: RecordSet, u: RecordSetUsage) -> list[CostComponent]:
    """A record set: queries per million (usage ``monthly_queries``), at the rate of the first billion a month.

    Pricing: https://cloud.google.com/dns/pricing
    """
    q = u.monthly_queries
    return [usage_based("Queries", gcp("Cloud DNS", i.region, resource="queries"),
                        None if q is None else q / Decimal(1_000_000), unit="1M queries", usage_key="monthly_queries",
                        note="queries above a billion a month are billed at a lower rate")]
