#!/usr/bin/env python3
"""Write the demo's month of cloud spend, ``examples/spend/focus-demo.csv``, as a FOCUS 1.0 export.

The quick start (``python3 dev.py demo``) and ``config.example.yaml`` read this file, so a fresh clone shows
what the daemon does with nothing beside it: no cloud account, no download. The spend is **made up** (no real
company's bill) but shaped like a real export, and it is made the same way every time: a fixed seed, exact
Decimal arithmetic, no clock. ``tests/test_demo.py`` re-runs this script and checks that the committed file
is reproduced byte for byte; after changing the story below, run it and commit both files::

    python3 examples/spend/generate.py            # rewrites examples/spend/focus-demo.csv
    python3 examples/spend/generate.py --check    # exit 1 if the committed file differs from a fresh run

What is in it (30 days, 2026-09-21 to 2026-10-20, one row per resource and day, several rows per resource
where a provider bills several meters; the demo evaluates 2026-10-20 and, a day earlier, 2026-10-19):

- three providers, each with its own FOCUS values: ``AWS`` (accounts ``111111111111`` web and
  ``222222222222`` platform), ``Microsoft`` (an Azure subscription of the ml team) and ``Google Cloud``
  (a project of the data team); ``ProviderName``, ``InvoiceIssuerName``, billing accounts and periods as
  each would write them, every cost in USD;
- teams ``web``, ``data`` and ``ml`` by their ``team`` tag, ``platform`` by its account (an attribution rule in
  the example config), shared networking (``Amazon Virtual Private Cloud``) that the config splits between
  the teams, and an untagged bucket that goes to ``unallocated``;
- environments by their ``app`` and ``env`` tags (``shop-prod``, ``shop-dev``, ``etl-prod``, ``etl-dev``,
  ``ml-research``) with a ``kind`` tag (``prod``, ``dev``, ``preview``) that picks the default TTL;
- two ephemeral pull-request environments made by CI with ``ttl: 3d`` and a ``created-at`` tag:
  ``shop-pr-1817`` (created 2026-10-14, expired 2026-10-17, still running: the expired warning, then, after
  the grace period of its opted-in team, a dry-run shutdown) and ``shop-pr-1822`` (created 2026-10-18: a
  TTL warning);
- ``etl-dev``, whose spend stops after 2026-10-12 (its VM and disk were deleted by hand, the environment was
  never torn down): an idle warning;
- the data team's pipeline doubles from 2026-10-10 (two more workers), so its forecast crosses its budget
  while its month-to-date spend is still well under it; the ml team's one-day training burst on 2026-10-20
  (four GPU VMs around the clock) is a spend anomaly;
- credits: an AWS promotional credit for web and a Google Cloud promotional credit for data
  (``ChargeCategory`` ``Credit``, negative ``BilledCost``);
- day-to-day noise on metered usage (load-balancer capacity units, NAT data, log ingestion), from the seed.

Unit prices are the on-demand list prices of costlib's own embedded catalog (each with the catalog source
and the date it carries), so an environment's spend run-rate and its estimate agree; quantities are
invented. ``ListCost`` = ``PricingQuantity`` x ``ListUnitPrice``; there are no commitments or negotiated
rates, so ``EffectiveCost`` and ``ContractedCost`` equal ``BilledCost`` (before credits). Nulls are empty
fields. Needs only the Python standard library.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

SEED = 20261020
FIRST_DAY = date(2026, 9, 21)
LAST_DAY = date(2026, 10, 20)
OUT = Path(__file__).resolve().parent / "focus-demo.csv"

#: FOCUS 1.0 columns, in the order of the specification's column list.
COLUMNS = [
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
    "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
    "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
    "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
    "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
    "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
    "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
    "SubAccountName", "Tags",
]


@dataclass(frozen=True)
class Price:
    """An on-demand list price of the embedded catalog: amount per ``unit``, its catalog source and date."""

    amount: Decimal
    unit: str
    source: str


# Prices: costlib's embedded catalog (``costlib pricing lookup ...``), source and effective date as it records them.
PRICES = {
    "m5.xlarge": Price(Decimal("0.192"), "Hours", "karpenter-aws 2026-07-20, us-east-1 Linux on-demand"),
    "m5.large": Price(Decimal("0.096"), "Hours", "karpenter-aws 2026-07-20, us-east-1 Linux on-demand"),
    "t3.medium": Price(Decimal("0.0416"), "Hours", "karpenter-aws 2026-07-20, us-east-1 Linux on-demand"),
    "db.m5.large": Price(Decimal("0.178"), "Hours", "ec2instances-rds-2021 2021-08-03, us-east-1 PostgreSQL Single-AZ"),
    "gp3": Price(Decimal("0.08"), "GB-Mo", "curated-aws 2026-11-25, EBS gp3 storage"),
    "s3-standard": Price(Decimal("0.023"), "GB-Mo", "curated-aws 2026-11-25, S3 Standard first 50 TB"),
    "alb-hour": Price(Decimal("0.0225"), "Hours", "curated-aws 2026-11-25, ALB hour"),
    "alb-lcu": Price(Decimal("0.008"), "LCU-Hours", "curated-aws 2026-11-25, ALB LCU hour"),
    "nat-hour": Price(Decimal("0.045"), "Hours", "curated-aws 2026-11-25, NAT gateway hour"),
    "nat-gb": Price(Decimal("0.045"), "GB", "curated-aws 2026-11-25, NAT gateway data processed"),
    "ipv4": Price(Decimal("0.005"), "Hours", "curated-aws 2026-11-25, public IPv4 address hour"),
    "logs-gb": Price(Decimal("0.50"), "GB", "curated-aws 2026-11-25, CloudWatch Logs ingestion"),
    "D4s_v5": Price(Decimal("0.23"), "1 Hour", "azure-pricing-radar-2026 2026-08-22, westeurope Linux"),
    "NC4as_T4_v3": Price(Decimal("0.658"), "1 Hour", "azure-pricing-radar-2026 2026-08-22, westeurope Linux"),
    "P10": Price(Decimal("21.68"), "1/Month", "azure-pricing-radar-2026 2026-08-22, Premium SSD P10 LRS"),
    "n2-standard-4": Price(Decimal("0.194236"), "Hours", "cyclenerd-gcp 2026-07-30, us-central1 on-demand"),
    "e2-standard-2": Price(Decimal("0.06701142"), "Hours", "cyclenerd-gcp 2026-07-30, us-central1 on-demand"),
    "pd-balanced": Price(Decimal("0.1"), "GiB-Mo", "cyclenerd-gcp 2026-07-30, us-central1"),
    "pd-standard": Price(Decimal("0.04"), "GiB-Mo", "cyclenerd-gcp 2026-07-30, us-central1"),
    "gcs-standard": Price(Decimal("0.02"), "GiB-Mo", "cyclenerd-gcp 2026-07-30, us-central1 regional Standard"),
}


@dataclass(frozen=True)
class Provider:
    name: str
    invoice_issuer: str
    billing_account: str
    billing_account_name: str


AWS = Provider("AWS", "Amazon Web Services, Inc.", "100000000000", "Example Corp payer")
AZURE = Provider("Microsoft", "Microsoft", "demo-billing-account", "Example Corp EA")
GCP = Provider("Google Cloud", "Google", "01D3M0-000000-000000", "Example Corp billing")


@dataclass(frozen=True)
class Account:
    provider: Provider
    id: str
    name: str
    region: str
    region_name: str


WEB_AWS = Account(AWS, "111111111111", "web", "us-east-1", "US East (N. Virginia)")
PLATFORM_AWS = Account(AWS, "222222222222", "platform-shared", "us-east-1", "US East (N. Virginia)")
ML_AZURE = Account(AZURE, "3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b", "ml-research", "westeurope", "West Europe")
DATA_GCP = Account(GCP, "data-prod-4412", "data-prod", "us-central1", "Iowa")

Quantity = Callable[[date, "random.Random"], Decimal]


@dataclass(frozen=True)
class Meter:
    """One billed meter of a resource: what one day of it consumes (0: nothing billed that day)."""

    price: str
    description: str
    quantity: Quantity


@dataclass(frozen=True)
class Resource:
    account: Account
    service: str
    category: str
    resource_type: str
    resource_id: str
    name: str
    meters: tuple[Meter, ...]
    tags: dict[str, str] = field(default_factory=dict)
    first: date = FIRST_DAY
    last: date = LAST_DAY
    zone: str | None = None


def hours(n: int | str) -> Quantity:
    return lambda day, rng: Decimal(n)


def per_month(size: int | str) -> Quantity:
    """A size billed per month (GB-Mo, a disk), one day of it: size / days in that month."""
    def q(day: date, rng: random.Random) -> Decimal:
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return (Decimal(size) / Decimal((nxt - day.replace(day=1)).days)).quantize(Decimal("0.000001"))
    return q


def noisy(base: int | str, spread: str = "0.4") -> Quantity:
    """Metered usage around ``base`` a day (from 1 - spread/2 to 1 + spread/2 of it), from the seeded generator."""
    def q(day: date, rng: random.Random) -> Decimal:
        factor = Decimal(1) - Decimal(spread) / 2 + Decimal(spread) * Decimal(str(round(rng.random(), 4)))
        return (Decimal(base) * factor).quantize(Decimal("0.0001"))
    return q


def weekdays(n: int) -> Quantity:
    """``n`` hours on Monday to Friday (a GPU node people start in the morning), none at the weekend."""
    return lambda day, rng: Decimal(n if day.weekday() < 5 else 0)


def burst(normal: Quantity, on: date, value: int) -> Quantity:
    return lambda day, rng: Decimal(value) if day == on else normal(day, rng)


def tags(team: str, app: str, env: str, kind: str, owner: str, **extra: str) -> dict[str, str]:
    return {"team": team, "app": app, "env": env, "kind": kind, "owner": owner, **extra}


def ec2(account: Account, iid: str, name: str, size: str, t: dict[str, str], zone: str = "us-east-1a",
        **when: date) -> Resource:
    return Resource(account, "Amazon Elastic Compute Cloud", "Compute", "Instance",
                    f"arn:aws:ec2:{account.region}:{account.id}:instance/{iid}", name,
                    (Meter(size, f"${PRICES[size].amount} per On Demand Linux {size} Instance Hour", hours(24)),),
                    t, zone=zone, **when)


def ebs(account: Account, vid: str, name: str, gb: int, t: dict[str, str], **when: date) -> Resource:
    return Resource(account, "Amazon Elastic Compute Cloud", "Storage", "Volume",
                    f"arn:aws:ec2:{account.region}:{account.id}:volume/{vid}", name,
                    (Meter("gp3", "$0.08 per GB-month of General Purpose (gp3) provisioned storage", per_month(gb)),),
                    t, zone="us-east-1a", **when)


def gce(vm: str, name: str, size: str, t: dict[str, str], **when: date) -> Resource:
    return Resource(DATA_GCP, "Compute Engine", "Compute", "Instance",
                    f"//compute.googleapis.com/projects/{DATA_GCP.id}/zones/us-central1-a/instances/{vm}", name,
                    (Meter(size, f"{size.upper()} instance running in Americas", hours(24)),), t,
                    zone="us-central1-a", **when)


def pd(disk: str, kind: str, gib: int, t: dict[str, str], **when: date) -> Resource:
    return Resource(DATA_GCP, "Compute Engine", "Storage", "Disk",
                    f"//compute.googleapis.com/projects/{DATA_GCP.id}/zones/us-central1-a/disks/{disk}", disk,
                    (Meter(kind, f"{'Balanced' if kind == 'pd-balanced' else 'Storage'} PD Capacity", per_month(gib)),),
                    t, zone="us-central1-a", **when)


def azure_vm(vm: str, size: str, use: Quantity, t: dict[str, str]) -> Resource:
    rg = "/subscriptions/" + ML_AZURE.id + "/resourceGroups/ml-research"
    return Resource(ML_AZURE, "Virtual Machines", "Compute", "Virtual machine",
                    f"{rg}/providers/Microsoft.Compute/virtualMachines/{vm}", vm,
                    (Meter(size, f"Virtual Machines {size.replace('_', ' ')} Series Linux", use),), t)


SHOP_PROD = tags("web", "shop", "prod", "prod", "web-oncall")
SHOP_DEV = tags("web", "shop", "dev", "dev", "ana")
PR_1817 = tags("web", "shop", "pr-1817", "preview", "ana", ttl="3d", **{"created-at": "2026-10-14T09:30:00Z"})
PR_1822 = tags("web", "shop", "pr-1822", "preview", "li", ttl="3d", **{"created-at": "2026-10-18T14:05:00Z"})
ETL_PROD = tags("data", "etl", "prod", "prod", "data-oncall")
ETL_DEV = tags("data", "etl", "dev", "dev", "omar")
ML = tags("ml", "ml", "research", "dev", "kim")

DOUBLED = date(2026, 10, 10)   # the data team's second pipeline starts
ETL_DEV_GONE = date(2026, 10, 12)
PR_1817_UP = date(2026, 10, 14)
PR_1822_UP = date(2026, 10, 18)
TRAINING = date(2026, 10, 20)

RESOURCES: tuple[Resource, ...] = (
    # web: the shop in production, its dev copy and two pull-request previews (AWS)
    ec2(WEB_AWS, "i-0a4c1e2b3d5f60718", "shop-prod-web-1", "m5.xlarge", SHOP_PROD),
    ec2(WEB_AWS, "i-0b5d2f3c4e6a71829", "shop-prod-web-2", "m5.xlarge", SHOP_PROD, zone="us-east-1b"),
    ebs(WEB_AWS, "vol-0c6e3a4d5f7b8293a", "shop-prod-data", 200, SHOP_PROD),
    Resource(WEB_AWS, "Amazon Relational Database Service", "Databases", "DB Instance",
             "arn:aws:rds:us-east-1:111111111111:db:shop-prod", "shop-prod",
             (Meter("db.m5.large", "$0.178 per RDS db.m5.large Single-AZ instance hour running PostgreSQL",
                    hours(24)),), SHOP_PROD, zone="us-east-1a"),
    Resource(WEB_AWS, "Elastic Load Balancing", "Networking", "Load Balancer",
             "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/shop-prod/5f1e3c2a9b8d7e6f",
             "shop-prod", (Meter("alb-hour", "$0.0225 per Application LoadBalancer-hour (or partial hour)", hours(24)),
                           Meter("alb-lcu", "$0.008 per used Application load balancer capacity unit-hour",
                                 noisy(60))), SHOP_PROD),
    Resource(WEB_AWS, "Amazon Simple Storage Service", "Storage", "Bucket", "arn:aws:s3:::example-shop-prod-assets",
             "example-shop-prod-assets",
             (Meter("s3-standard", "$0.023 per GB - first 50 TB / month of storage used", per_month(500)),), SHOP_PROD),
    Resource(WEB_AWS, "AmazonCloudWatch", "Management and Governance", "Log Group",
             "arn:aws:logs:us-east-1:111111111111:log-group:/shop/prod", "/shop/prod",
             (Meter("logs-gb", "$0.50 per GB custom log data ingested", noisy(5)),), SHOP_PROD),
    ec2(WEB_AWS, "i-0d7f4b5e6a8c9304b", "shop-dev-1", "t3.medium", SHOP_DEV),
    ebs(WEB_AWS, "vol-0e8a5c6f7b9d0415c", "shop-dev-data", 50, SHOP_DEV),
    ec2(WEB_AWS, "i-0f9b6d7a8c0e1526d", "shop-pr-1817-web", "m5.large", PR_1817, first=PR_1817_UP),
    ec2(WEB_AWS, "i-01ac7e8b9d1f2637e", "shop-pr-1817-db", "t3.medium", PR_1817, first=PR_1817_UP),
    ebs(WEB_AWS, "vol-02bd8f9cae203748f", "shop-pr-1817-data", 20, PR_1817, first=PR_1817_UP),
    ec2(WEB_AWS, "i-03ce9a0dbf314859a", "shop-pr-1822-web", "m5.large", PR_1822, first=PR_1822_UP),
    ebs(WEB_AWS, "vol-04df0b1ec0425960b", "shop-pr-1822-data", 20, PR_1822, first=PR_1822_UP),
    # nobody tagged this bucket: its spend goes to "unallocated"
    Resource(WEB_AWS, "Amazon Simple Storage Service", "Storage", "Bucket", "arn:aws:s3:::example-old-exports",
             "example-old-exports",
             (Meter("s3-standard", "$0.023 per GB - first 50 TB / month of storage used", per_month(1200)),)),
    # platform: shared networking (split between the teams by the config) and its own logs (AWS)
    *(Resource(PLATFORM_AWS, "Amazon Virtual Private Cloud", "Networking", "NAT Gateway",
               f"arn:aws:ec2:us-east-1:222222222222:natgateway/nat-0{n}5e1f2a3b4c5d6e7f", f"nat-{zone}",
               (Meter("nat-hour", "$0.045 per NAT Gateway Hour", hours(24)),
                Meter("nat-gb", "$0.045 per GB Data Processed by NAT Gateways", noisy(90))),
               {"team": "platform", "owner": "platform-oncall"}, zone=zone)
      for n, zone in ((1, "us-east-1a"), (2, "us-east-1b"))),
    Resource(PLATFORM_AWS, "Amazon Virtual Private Cloud", "Networking", "Public IPv4 Address",
             "arn:aws:ec2:us-east-1:222222222222:ipv4pool/shared-egress", "shared-egress",
             (Meter("ipv4", "$0.005 per In-use public IPv4 address per hour", hours(4 * 24)),),
             {"team": "platform", "owner": "platform-oncall"}),
    Resource(PLATFORM_AWS, "AmazonCloudWatch", "Management and Governance", "Log Group",
             "arn:aws:logs:us-east-1:222222222222:log-group:/platform/audit", "/platform/audit",
             (Meter("logs-gb", "$0.50 per GB custom log data ingested", noisy(3)),),
             {"team": "platform", "owner": "platform-oncall"}),
    # data: the ETL pipeline (doubled from DOUBLED) and a dev copy abandoned after ETL_DEV_GONE (Google Cloud)
    *(gce(f"etl-worker-{n}", f"etl-worker-{n}", "n2-standard-4", ETL_PROD) for n in (1, 2, 3)),
    *(gce(f"etl-worker-{n}", f"etl-worker-{n}", "n2-standard-4", ETL_PROD, first=DOUBLED) for n in (4, 5)),
    pd("etl-prod-scratch", "pd-balanced", 500, ETL_PROD),
    Resource(DATA_GCP, "Cloud Storage", "Storage", "Bucket", "//storage.googleapis.com/projects/_/buckets/example-lake",
             "example-lake", (Meter("gcs-standard", "Standard Storage US Regional", per_month(2048)),), ETL_PROD),
    gce("etl-dev-1", "etl-dev-1", "e2-standard-2", ETL_DEV, last=ETL_DEV_GONE),
    pd("etl-dev-1", "pd-standard", 100, ETL_DEV, last=ETL_DEV_GONE),
    # ml: a CPU box around the clock, a GPU node on weekdays, and a training burst (Azure)
    azure_vm("ml-notebook", "D4s_v5", hours(24), ML),
    azure_vm("ml-gpu-1", "NC4as_T4_v3", burst(weekdays(8), TRAINING, 24), ML),
    *(azure_vm(f"ml-gpu-{n}", "NC4as_T4_v3", burst(hours(0), TRAINING, 24), ML) for n in (2, 3, 4)),
    Resource(ML_AZURE, "Storage", "Storage", "Disk",
             f"/subscriptions/{ML_AZURE.id}/resourceGroups/ml-research/providers/Microsoft.Compute/disks/ml-datasets",
             "ml-datasets", (Meter("P10", "Premium SSD Managed Disks P10 LRS Disk", per_month(1)),), ML),
)


@dataclass(frozen=True)
class Credit:
    account: Account
    day: date
    amount: Decimal
    description: str
    team: str


CREDITS = (
    Credit(WEB_AWS, date(2026, 10, 1), Decimal("-25.00"), "AWS Promotional Credit", "web"),
    Credit(DATA_GCP, date(2026, 10, 5), Decimal("-40.00"), "Google Cloud promotional credit", "data"),
)


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _moment(day: date) -> str:
    return datetime(day.year, day.month, day.day).strftime("%Y-%m-%d %H:%M:%S")


def _billing_period(day: date) -> tuple[str, str]:
    start = day.replace(day=1)
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return _moment(start), _moment(end)


def _days() -> Iterator[date]:
    day = FIRST_DAY
    while day <= LAST_DAY:
        yield day
        day += timedelta(days=1)


def rows() -> Iterator[dict[str, str]]:
    """Every row of the export, day by day, in a fixed order; the only randomness is the seeded generator."""
    rng = random.Random(SEED)
    for day in _days():
        period_start, period_end = _billing_period(day)
        common = {"BillingCurrency": "USD", "BillingPeriodStart": period_start, "BillingPeriodEnd": period_end,
                  "ChargePeriodStart": _moment(day), "ChargePeriodEnd": _moment(day + timedelta(days=1))}
        for res in RESOURCES:
            for meter in res.meters:
                quantity = meter.quantity(day, rng)  # drawn every day, so one resource's dates never shift another's noise
                if not res.first <= day <= res.last or quantity == 0:
                    continue
                price = PRICES[meter.price]
                cost = (quantity * price.amount).quantize(Decimal("0.0000000001"))
                acc = res.account
                yield {
                    **common, "AvailabilityZone": res.zone or "", "BilledCost": _fmt(cost),
                    "BillingAccountId": acc.provider.billing_account,
                    "BillingAccountName": acc.provider.billing_account_name, "ChargeCategory": "Usage",
                    "ChargeClass": "", "ChargeDescription": meter.description, "ChargeFrequency": "Usage-Based",
                    "ConsumedQuantity": _fmt(quantity), "ConsumedUnit": price.unit, "ContractedCost": _fmt(cost),
                    "ContractedUnitPrice": _fmt(price.amount), "EffectiveCost": _fmt(cost),
                    "InvoiceIssuerName": acc.provider.invoice_issuer, "ListCost": _fmt(cost),
                    "ListUnitPrice": _fmt(price.amount), "PricingCategory": "Standard",
                    "PricingQuantity": _fmt(quantity), "PricingUnit": price.unit, "ProviderName": acc.provider.name,
                    "PublisherName": acc.provider.invoice_issuer, "RegionId": acc.region,
                    "RegionName": acc.region_name, "ResourceId": res.resource_id, "ResourceName": res.name,
                    "ResourceType": res.resource_type, "ServiceCategory": res.category, "ServiceName": res.service,
                    "SubAccountId": acc.id, "SubAccountName": acc.name,
                    "Tags": json.dumps(res.tags, sort_keys=True) if res.tags else "",
                }
        for credit in CREDITS:
            if credit.day != day:
                continue
            acc = credit.account
            yield {
                **common, "BilledCost": _fmt(credit.amount), "BillingAccountId": acc.provider.billing_account,
                "BillingAccountName": acc.provider.billing_account_name, "ChargeCategory": "Credit",
                "ChargeDescription": credit.description, "ChargeFrequency": "One-Time",
                "EffectiveCost": _fmt(credit.amount), "InvoiceIssuerName": acc.provider.invoice_issuer,
                "ListCost": "0", "ProviderName": acc.provider.name, "PublisherName": acc.provider.invoice_issuer,
                "ServiceCategory": "Other", "ServiceName": "Credits" if acc.provider is GCP else "AWS Credits",
                "SubAccountId": acc.id, "SubAccountName": acc.name,
                "Tags": json.dumps({"team": credit.team}, sort_keys=True),
            }


def render() -> str:
    """The whole CSV text (header and rows, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default: {OUT.name} beside this file)")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing; exit 1 if it differs")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a fresh run; run generate.py and commit it'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {args.out} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
