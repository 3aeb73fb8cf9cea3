"""List unit prices read from a FOCUS 1.0 billing export (``ListUnitPrice`` per ``SkuId``, region and unit).

A FOCUS export is the provider's own billing record, and every usage row carries the list price of its SKU in
its region. For flat per-region rates that no price file at hand covers (EBS volumes, NAT gateways, load
balancers, S3 requests, ...), those rows are a real price source. Only AWS rows whose ``ChargeDescription``
names one of the products in :data:`PRODUCTS` are read, each mapped onto the catalog's vocabulary
(``pricing/CONVENTIONS.md``); a row is refused (never stored) when

- its description states a price (``$0.08 per GB-month ...``) that is not its ``ListUnitPrice`` (scaled to the
  product's unit: per 1,000 requests, per MiB/s),
- its description names a location that is not its ``RegionId``'s,
- the same product and region is listed at two prices,
- or it is not a flat rate (a description with tiers: ``first 50 TB``) - those are left to a price file.

>>> import io
>>> rows = list(parse_focus_csv(io.StringIO(_EXAMPLE), source="demo"))
>>> [(r.service, r.region, dict(r.attributes), str(r.price), r.unit) for r in rows]
[('AmazonEC2', 'us-west-2', {'volumeApiName': 'gp3'}, '0.08', 'GB-Mo')]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO

from costlib.catalog.ingest.aws import region_of
from costlib.catalog.rows import PriceRow

__all__ = ["PRODUCTS", "Product", "parse_focus_csv"]


@dataclass(frozen=True, slots=True)
class Product:
    """A FOCUS ``ChargeDescription`` pattern and the catalog row it is: ``scale`` turns ``ListUnitPrice`` (per
    ``PricingUnit``) into the figure the description states (1,000 for "per 1,000 requests")."""

    service_name: str
    pattern: re.Pattern[str]
    service: str
    family: str
    attributes: Mapping[str, str]
    unit: str
    scale: Decimal = Decimal(1)


def _p(service_name: str, pattern: str, service: str, family: str, attributes: Mapping[str, str], unit: str,
       scale: str = "1") -> Product:
    return Product(service_name, re.compile(pattern), service, family, attributes, unit, Decimal(scale))


_EC2, _ELB = "Amazon Elastic Compute Cloud", "Elastic Load Balancing"

#: The products read, in the catalog's vocabulary (the same services, families and attributes as the AWS Price
#: List ingest and the curated rows give them).
PRODUCTS: tuple[Product, ...] = (
    _p(_EC2, r"^\$[\d.]+ per GB-month of General Purpose \(gp3\) provisioned storage", "AmazonEC2", "Storage",
       {"volumeApiName": "gp3"}, "GB-Mo"),
    _p(_EC2, r"^\$[\d.]+ per GB-month of General Purpose SSD \(gp2\) provisioned storage", "AmazonEC2", "Storage",
       {"volumeApiName": "gp2"}, "GB-Mo"),
    _p(_EC2, r"^\$[\d.]+ per GB-month of Magnetic provisioned storage", "AmazonEC2", "Storage",
       {"volumeApiName": "standard"}, "GB-Mo"),
    _p(_EC2, r"^\$[\d.]+ per provisioned IOPS-month of gp3", "AmazonEC2", "System Operation",
       {"group": "EBS IOPS", "volumeApiName": "gp3"}, "IOPS-Mo"),
    # ListUnitPrice is per GiB/s-month (PricingUnit GiB/Second-Months); the description per MiB/s-month
    _p(_EC2, r"^\$[\d.]+ per provisioned MiBps-month of gp3", "AmazonEC2", "Provisioned Throughput",
       {"volumeApiName": "gp3"}, "GiBps-mo", "0.0009765625"),
    _p(_EC2, r"^\$[\d.]+ per 1 million I/O requests", "AmazonEC2", "System Operation",
       {"group": "EBS I/O Requests", "volumeApiName": "standard"}, "IOs", "1000000"),
    _p(_EC2, r"^\$[\d.]+ per GB-Month of snapshot data stored", "AmazonEC2", "Storage Snapshot",
       {"usagetype": "EBS:SnapshotUsage"}, "GB-Mo"),
    _p(_EC2, r"^\$[\d.]+ per NAT Gateway Hour$", "AmazonEC2", "NAT Gateway", {"usagetype": "NatGateway-Hours"}, "Hrs"),
    _p(_EC2, r"^\$[\d.]+ per GB Data Processed by NAT Gateways$", "AmazonEC2", "NAT Gateway",
       {"usagetype": "NatGateway-Bytes"}, "GB"),
    _p(_ELB, r"^\$[\d.]+ per Application LoadBalancer-hour \(or partial hour\)$", "AWSELB",
       "Load Balancer-Application", {"usagetype": "LoadBalancerUsage"}, "Hrs"),
    _p(_ELB, r"^\$[\d.]+ per used Application load balancer capacity unit-hour \(or partial hour\)$", "AWSELB",
       "Load Balancer-Application", {"usagetype": "LCUUsage"}, "LCU-Hrs"),
    _p(_ELB, r"^\$[\d.]+ per used Network load balancer capacity unit-hour \(or partial hour\)$", "AWSELB",
       "Load Balancer-Network", {"usagetype": "LCUUsage"}, "LCU-Hrs"),
    _p(_ELB, r"^\$[\d.]+ per LoadBalancer-hour \(or partial hour\)$", "AWSELB", "Load Balancer",
       {"usagetype": "LoadBalancerUsage"}, "Hrs"),
    _p("Amazon Simple Storage Service", r"^\$[\d.]+ per 1,000 PUT, COPY, POST, or LIST requests$", "AmazonS3", "",
       {"usagetype": "Requests-Tier1"}, "Requests", "1000"),
    _p("Amazon Simple Storage Service", r"^\$[\d.]+ per 10,000 GET and all other requests$", "AmazonS3", "",
       {"usagetype": "Requests-Tier2"}, "Requests", "10000"),
    _p("AWS Lambda", r"^AWS Lambda - Total Requests - ", "AWSLambda", "", {"usagetype": "Request"}, "Requests"),
    _p("Amazon Elastic Container Service for Kubernetes", r"^Amazon EKS cluster usage in ", "AmazonEKS", "",
       {"usagetype": "AmazonEKS-Hours:perCluster"}, "Hrs"),
    _p("AWS Key Management Service", r"^\$[\d.]+ per customer managed KMS key version in ", "awskms", "",
       {"usagetype": "KMS-Keys"}, "Keys"),
)

_STATED = re.compile(r"^\$([\d.]+) per ")
_TIERED = re.compile(r"\b(first|next|over|beyond|tier)\b", re.IGNORECASE)
#: a location named in the description: "- US West (Oregon)", "in EU (Frankfurt)"
_LOCATION = re.compile(r"(?:- | in )((?:US|EU|Asia Pacific|South America|Canada|Middle East|Africa|Europe|Israel|"
                       r"Mexico)[^()]*\([^)]+\))")

_EXAMPLE = (
    "ProviderName,ServiceName,ChargeCategory,ChargeDescription,ListUnitPrice,PricingUnit,RegionId,BillingCurrency,"
    "ChargePeriodStart,SkuId\n"
    'AWS,Amazon Elastic Compute Cloud,Usage,"$0.08 per GB-month of General Purpose (gp3) provisioned storage - '
    'US West (Oregon)",0.08,GB-Months,us-west-2,USD,2024-09-01 00:00:00,BB8UJWJ4XPFJB95G\n')


def _product(service_name: str, description: str) -> Product | None:
    return next((p for p in PRODUCTS if p.service_name == service_name and p.pattern.search(description)), None)


def parse_focus_csv(fh: IO[str], *, source: str, refused: Callable[[str], None] = lambda _m: None,
                    null_string: str = "NULL") -> Iterator[PriceRow]:
    """The catalog rows of the AWS list prices in a FOCUS CSV export (see the module docstring), one per product
    and region, dated by the latest charge period that listed it; ``refused`` hears each row left out and why."""
    found: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], PriceRow] = {}
    clashes: set[tuple[str, str, str, tuple[tuple[str, str], ...]]] = set()
    for n, row in enumerate(csv.DictReader(fh), start=2):
        if row.get("ProviderName") != "AWS" or row.get("ChargeCategory") != "Usage":
            continue
        description = row.get("ChargeDescription") or ""
        product = _product(row.get("ServiceName") or "", description)
        if product is None:
            continue
        where = f"{source}: line {n} ({row.get('SkuId') or 'no SKU'}: {description[:80]})"
        region = row.get("RegionId") or ""
        try:
            price = Decimal(row.get("ListUnitPrice") or "")
        except InvalidOperation:
            refused(f"{where}: ListUnitPrice {row.get('ListUnitPrice')!r} is not a number")
            continue
        if region in ("", null_string) or not price.is_finite() or price <= 0:
            refused(f"{where}: no region or no positive list price")
            continue
        if _TIERED.search(description):
            refused(f"{where}: a tiered rate (the other tiers are not in the export)")
            continue
        stated = _STATED.match(description)
        if stated is not None and Decimal(stated.group(1)) != price * product.scale:
            refused(f"{where}: the description states ${stated.group(1)}, ListUnitPrice {price} x {product.scale}")
            continue
        place = _LOCATION.search(description)
        if place is not None and region_of({"location": place.group(1).strip()}) not in (region, None):
            refused(f"{where}: the description names {place.group(1)!r}, the row's RegionId is {region}")
            continue
        try:
            day = date.fromisoformat((row.get("ChargePeriodStart") or "")[:10])
        except ValueError:
            refused(f"{where}: ChargePeriodStart {row.get('ChargePeriodStart')!r} is not a date")
            continue
        key = (product.service, region, product.family, tuple(sorted(product.attributes.items())))
        if key in clashes:
            continue
        earlier = found.get(key)
        if earlier is not None and earlier.price != price:
            refused(f"{where}: listed at {earlier.price} and at {price}: neither is kept")
            clashes.add(key)
            del found[key]
            continue
        if earlier is None or day > earlier.effective_date:
            found[key] = PriceRow(vendor="aws", service=product.service, region=region, product_family=product.family,
                                  attributes=dict(product.attributes), unit=product.unit, price=price,
                                  currency=row.get("BillingCurrency") or "USD", effective_date=day, source=source,
                                  sku=row.get("SkuId") or "", description=description)
    yield from found.values()

