"""Amazon CloudFront distributions and CloudFront Functions.

Pricing: https://aws.amazon.com/cloudfront/pricing/ (pay as you go). A distribution bills, per edge location
group, data transfer out to the internet (tiered per group: first 10 TB, next 40 TB, 100 TB, 350 TB, 524 TB,
4 PB, over 5 PB), data transfer out to the origin, and HTTP and HTTPS requests; plus Origin Shield requests
(by the Origin Shield region), invalidation paths beyond the 1,000 free each month, field-level encryption
requests, real-time log lines and dedicated-IP custom SSL certificates ($ per certificate-month). Usage types
are ``<group>-DataTransfer-Out-Bytes``, ``<group>-DataTransfer-Out-OBytes``, ``<group>-Requests-Tier1`` (HTTP),
``<group>-Requests-Tier2-HTTPS``, ``<group>-Requests-OriginShield``, with the groups of
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/billing-and-usage-interpreting.html; CloudFront
is a global service, priced under region ``global``. The always-free tier (1 TB and 10 million requests a month)
is per account and is not applied; the 1,000 free invalidation paths are per account too, and are applied to
this distribution. Volume tiers are measured per group across the account's distributions; each distribution is
priced from the first tier. A price class only narrows where viewers are served: viewers outside it are served
(and billed) by the edges it includes, so give usage by the group that serves them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Block, Blocks, Count, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_cloudfront_distribution", "aws_cloudfront_function"]

_SERVICE = "AmazonCloudFront"
GLOBAL = "global"

#: usage-file key -> (usage-type prefix, the group as the pricing page names it)
GROUPS: Mapping[str, tuple[str, str]] = {
    "us": ("US", "United States, Mexico, Canada"),
    "canada": ("CA", "Canada"),
    "europe": ("EU", "Europe, Israel"),
    "south_africa": ("ZA", "South Africa, Kenya, Nigeria"),
    "middle_east": ("ME", "Middle East"),
    "south_america": ("SA", "South America"),
    "japan": ("JP", "Japan"),
    "australia": ("AU", "Australia, New Zealand"),
    "asia_pacific": ("AP", "Hong Kong, Indonesia, Philippines, Singapore, South Korea, Taiwan, Thailand, Vietnam"),
    "india": ("IN", "India"),
}
#: Origin Shield usage keys -> usage-type prefix (the Origin Shield region's group)
SHIELD_GROUPS: Mapping[str, tuple[str, str]] = {
    "us": ("US", "United States"), "europe": ("EU", "Europe"), "south_america": ("SA", "South America"),
    "japan": ("JP", "Japan"), "australia": ("AU", "Australia"), "singapore": ("AP", "Singapore"),
    "south_korea": ("AP", "South Korea"), "india": ("IN", "India"),
}
#: Origin Shield region -> its Origin Shield usage key
SHIELD_REGION = {"us-east-1": "us", "us-east-2": "us", "us-west-1": "us", "us-west-2": "us",
                 "eu-central-1": "europe", "eu-west-1": "europe", "eu-west-2": "europe", "sa-east-1": "south_america",
                 "ap-northeast-1": "japan", "ap-southeast-2": "australia", "ap-southeast-1": "singapore",
                 "ap-northeast-2": "south_korea", "ap-south-1": "india"}


class ByGroup(Model):
    """A monthly figure per edge location group (Infracost's keys, plus ``canada`` and ``middle_east``)."""

    us: Quantity | None = None
    canada: Quantity | None = None
    europe: Quantity | None = None
    south_africa: Quantity | None = None
    middle_east: Quantity | None = None
    south_america: Quantity | None = None
    japan: Quantity | None = None
    australia: Quantity | None = None
    asia_pacific: Quantity | None = None
    india: Quantity | None = None


class ByShieldRegion(Model):
    """Origin Shield requests per Origin Shield region group."""

    us: Quantity | None = None
    europe: Quantity | None = None
    south_america: Quantity | None = None
    japan: Quantity | None = None
    australia: Quantity | None = None
    singapore: Quantity | None = None
    south_korea: Quantity | None = None
    india: Quantity | None = None


class OriginShield(Model):
    enabled: bool = False
    origin_shield_region: str | None = None


class Origin(Model):
    origin_shield: Block[OriginShield] = None


class ViewerCertificate(Model):
    ssl_support_method: Annotated[str, choice("sni-only", "vip", "static-ip")] | None = None


class CacheBehavior(Model):
    field_level_encryption_id: str | None = None


class Distribution(AwsInputs):
    price_class: Annotated[str, choice("PriceClass_All", "PriceClass_200", "PriceClass_100")] = "PriceClass_All"
    origin: Blocks[Origin] = ()
    viewer_certificate: Block[ViewerCertificate] = None
    default_cache_behavior: Block[CacheBehavior] = None
    ordered_cache_behavior: Blocks[CacheBehavior] = ()


class DistributionUsage(Usage):
    monthly_data_transfer_to_internet_gb: Block[ByGroup] = usage_key(
        "Data transfer out to viewers a month, per edge location group (us, europe, japan ...)", unit="GB")
    monthly_data_transfer_to_origin_gb: Block[ByGroup] = usage_key(
        "Data transfer out to the origin (POST, PUT ... bodies) a month, per edge location group", unit="GB")
    monthly_http_requests: Block[ByGroup] = usage_key("HTTP requests a month, per edge location group",
                                                      unit="requests")
    monthly_https_requests: Block[ByGroup] = usage_key("HTTPS requests a month, per edge location group",
                                                       unit="requests")
    monthly_shield_requests: Block[ByShieldRegion] = usage_key(
        "Requests reaching Origin Shield a month, per Origin Shield region group", unit="requests")
    monthly_invalidation_requests: Quantity | None = usage_key(
        "Paths requested for invalidation a month (the first 1,000 are free)", unit="paths")
    monthly_encryption_requests: Quantity | None = usage_key("Requests processed with field-level encryption a month",
                                                             unit="requests")
    monthly_log_lines: Quantity | None = usage_key("Real-time log lines a month", unit="lines")
    custom_ssl_certificates: Count | None = usage_key(
        "Dedicated-IP custom SSL certificates (ssl_support_method = vip); 1 when the distribution uses one",
        unit="certificates")


def _per_group(block: ByGroup | None, kind: str, label: str, unit: str, key: str, *,
               default: str | None = "us") -> list[CostComponent]:
    out: list[CostComponent] = []
    given = {} if block is None else {k: v for k, v in block.model_dump().items() if v is not None}
    if not given and default is not None:
        given = {default: None}
    for group, qty in given.items():
        prefix, name = GROUPS[group]
        out.append(usage_based(f"{label} ({name})", aws(_SERVICE, GLOBAL, usagetype=f"{prefix}-{kind}"),
                               None if qty is None else Decimal(qty), unit=unit, usage_key=f"{key}.{group}"))
    return out


@resource("aws_cloudfront_distribution", example={"price_class": "PriceClass_100",
                                                  "viewer_certificate": [{"ssl_support_method": "sni-only"}]})
def aws_cloudfront_distribution(i: Distribution, u: DistributionUsage) -> list[CostComponent]:
    """A CloudFront distribution: data transfer out (to viewers, to the origin) and requests per edge location
    group, Origin Shield requests, invalidations, field-level encryption, real-time logs and dedicated-IP SSL.

    Usage: ``monthly_data_transfer_to_internet_gb``, ``monthly_data_transfer_to_origin_gb``,
    ``monthly_http_requests``, ``monthly_https_requests`` (each per group: ``us``, ``europe``, ``japan`` ...),
    ``monthly_shield_requests`` (per Origin Shield region group), ``monthly_invalidation_requests``,
    ``monthly_encryption_requests``, ``monthly_log_lines``, ``custom_ssl_certificates``.
    Pricing: https://aws.amazon.com/cloudfront/pricing/
    """
    out = _per_group(u.monthly_data_transfer_to_internet_gb, "DataTransfer-Out-Bytes", "Data transfer out to internet",
                     "GB", "monthly_data_transfer_to_internet_gb")
    out += _per_group(u.monthly_data_transfer_to_origin_gb, "DataTransfer-Out-OBytes", "Data transfer out to origin",
                      "GB", "monthly_data_transfer_to_origin_gb", default=None)
    out += _per_group(u.monthly_http_requests, "Requests-Tier1", "HTTP requests", "requests", "monthly_http_requests",
                      default=None)
    out += _per_group(u.monthly_https_requests, "Requests-Tier2-HTTPS", "HTTPS requests", "requests",
                      "monthly_https_requests")
    shield = {} if u.monthly_shield_requests is None else {
        k: v for k, v in u.monthly_shield_requests.model_dump().items() if v is not None}
    shielded = [o.origin_shield for o in i.origin if o.origin_shield is not None and o.origin_shield.enabled]
    if not shield:
        for s in shielded:  # Origin Shield is on: its requests are billed by its region
            group = SHIELD_REGION.get(s.origin_shield_region or "", "us")
            shield.setdefault(group, None)
    for group, qty in shield.items():
        prefix, name = SHIELD_GROUPS[group]
        out.append(usage_based(f"Origin Shield requests ({name})", aws(_SERVICE, GLOBAL,
                                                                       usagetype=f"{prefix}-Requests-OriginShield"),
                               None if qty is None else Decimal(qty), unit="requests",
                               usage_key=f"monthly_shield_requests.{group}"))
    if u.monthly_invalidation_requests is not None:
        out.append(monthly("Invalidation paths beyond the free 1,000", aws(_SERVICE, GLOBAL, usagetype="Invalidations"),
                           u.monthly_invalidation_requests, unit="paths", free=Decimal(1000),
                           note="the 1,000 free paths a month are per account; applied to this distribution"))
    behaviours = (i.default_cache_behavior, *i.ordered_cache_behavior)
    if u.monthly_encryption_requests is not None or any(b is not None and b.field_level_encryption_id
                                                        for b in behaviours):
        # one rate in every edge group; the Price List books it under each group's prefix
        out.append(usage_based("Field-level encryption requests", aws(_SERVICE, GLOBAL,
                                                                      usagetype="US-Requests-HTTPS-Proxy-FLE"),
                               u.monthly_encryption_requests, unit="requests", usage_key="monthly_encryption_requests"))
    if u.monthly_log_lines is not None:
        out.append(monthly("Real-time log lines", aws(_SERVICE, GLOBAL, usagetype="RealTimeLog-KinesisDataStream"),
                           u.monthly_log_lines, unit="lines"))
    vip = i.viewer_certificate is not None and i.viewer_certificate.ssl_support_method == "vip"
    if vip or u.custom_ssl_certificates:
        certs = Decimal(u.custom_ssl_certificates if u.custom_ssl_certificates is not None else 1)
        out.append(monthly("Dedicated IP custom SSL certificates", aws(_SERVICE, GLOBAL, usagetype="SSL-Cert-Custom"),
                           certs, unit="certificates",
                           note="billed per certificate, however many distributions share it"))
    return out


class Function(AwsInputs):
    runtime: str | None = None


class FunctionUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Function invocations a month", unit="invocations")


@resource("aws_cloudfront_function", example={"runtime": "cloudfront-js-2.0"})
def aws_cloudfront_function(i: Function, u: FunctionUsage) -> list[CostComponent]:
    """A CloudFront Function: invocations a month (usage ``monthly_requests``); the 2 million free invocations
    a month are per account and are not applied. Pricing: https://aws.amazon.com/cloudfront/pricing/"""
    return [usage_based("Invocations", aws(_SERVICE, GLOBAL, usagetype="Executions-CloudFrontFunctions"),
                        u.monthly_requests, unit="invocations", usage_key="monthly_requests")]

