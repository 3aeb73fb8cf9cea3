"""Amazon Route 53: hosted zones, records (queries by routing policy), health checks and Resolver endpoints.

Pricing: https://aws.amazon.com/route53/pricing/ — a hosted zone is billed per month ($ for each of the
account's first 25 zones, less for further zones: usage ``account_hosted_zones`` says how many the account
already has), queries per million by routing policy (standard, latency-based, geo DNS and geoproximity,
IP-based), tiered at a billion a month; queries to alias records that point at AWS resources (load balancers,
CloudFront, API Gateway, S3 websites, VPC endpoints) have no charge, and neither do queries to private hosted
zones. Health checks are billed per month by endpoint (AWS or not), plus each optional feature (HTTPS, string
matching, fast 10-second interval, latency measurement); the first 50 AWS-endpoint health checks of an account
are free, which one health check's estimate does not assume. Resolver endpoints bill each IP address (an
elastic network interface) per hour, and the queries they resolve. Route 53's DNS products are global (region
``global``); Resolver is regional.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, usage_based
from costlib.resources.aws._billing import no_charge, tiered_monthly
from costlib.resources.registry import resource
from costlib.resources.schema import (
    AwsInputs,
    Block,
    Blocks,
    Count,
    Model,
    Quantity,
    Rate,
    Usage,
    as_list,
    choice,
    usage_key,
)

__all__ = ["aws_route53_health_check", "aws_route53_record", "aws_route53_resolver_endpoint", "aws_route53_zone"]

_SERVICE = "AmazonRoute53"
GLOBAL = "global"


class VpcAssociation(Model):
    vpc_id: str | None = None


class Zone(AwsInputs):
    vpc: Blocks[VpcAssociation] = ()


class ZoneUsage(Usage):
    account_hosted_zones: Count | None = usage_key(
        "Hosted zones the account already has besides this one (zones beyond the first 25 cost less)", unit="zones")


@resource("aws_route53_zone", example={"name": "example.com"})
def aws_route53_zone(i: Zone, u: ZoneUsage) -> list[CostComponent]:
    """A hosted zone (public, or private with ``vpc`` blocks): one zone-month, in the first-25 band unless usage
    ``account_hosted_zones`` says the account already has 25 or more. Pricing: https://aws.amazon.com/route53/pricing/
    """
    return [tiered_monthly("Hosted zone", aws(_SERVICE, GLOBAL, usagetype="HostedZone"), Decimal(1), unit="months",
                           already_used=Decimal(u.account_hosted_zones or 0))]


class Alias(Model):
    name: str | None = None
    zone_id: str | None = None


class Record(AwsInputs):
    zone_id: str | None = None
    alias: Block[Alias] = None
    latency_routing_policy: Block[Model] = None
    geolocation_routing_policy: Block[Model] = None
    geoproximity_routing_policy: Block[Model] = None
    cidr_routing_policy: Block[Model] = None


class RecordUsage(Usage):
    monthly_standard_queries: Quantity | None = usage_key("Standard queries a month", unit="queries")
    monthly_latency_based_queries: Quantity | None = usage_key("Latency-based routing queries a month",
                                                               unit="queries")
    monthly_geo_queries: Quantity | None = usage_key("Geo DNS and geoproximity queries a month", unit="queries")
    monthly_ip_based_queries: Quantity | None = usage_key("IP-based (CIDR) routing queries a month", unit="queries")


#: usage key -> (component name, usage type)
_QUERIES = {"monthly_standard_queries": ("Standard queries", "DNS-Queries"),
            "monthly_latency_based_queries": ("Latency-based routing queries", "LBR-Queries"),
            "monthly_geo_queries": ("Geo DNS queries", "Geo-Queries"),
            "monthly_ip_based_queries": ("IP-based routing queries", "Cidr-Queries")}


def _policy_key(i: Record) -> str:
    if i.latency_routing_policy is not None:
        return "monthly_latency_based_queries"
    if i.geolocation_routing_policy is not None or i.geoproximity_routing_policy is not None:
        return "monthly_geo_queries"
    if i.cidr_routing_policy is not None:
        return "monthly_ip_based_queries"
    return "monthly_standard_queries"


@resource("aws_route53_record", example={"name": "www.example.com", "type": "A", "zone_id": "Z123",
                                         "records": ["192.0.2.1"], "ttl": 300})
def aws_route53_record(i: Record, u: RecordUsage) -> list[CostComponent]:
    """A record: queries a month at the rate of its routing policy (standard, latency, geo/geoproximity,
    IP-based); an alias to an AWS resource (a zone other than the record's own) is queried free.

    Pricing: https://aws.amazon.com/route53/pricing/ (Queries)
    """
    if i.alias is not None and i.alias.zone_id and i.alias.zone_id != i.zone_id:
        return [no_charge("Alias queries", "queries to alias records that point at AWS resources have no charge",
                          unit="records")]
    keys = [k for k in _QUERIES if getattr(u, k) is not None] or [_policy_key(i)]
    out = []
    for key in keys:
        name, usagetype = _QUERIES[key]
        out.append(usage_based(name, aws(_SERVICE, GLOBAL, usagetype=usagetype), getattr(u, key), unit="queries",
                               usage_key=key))
    return out


class HealthCheck(AwsInputs):
    type: Annotated[str, choice("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP", "CALCULATED",
                                "CLOUDWATCH_METRIC", "RECOVERY_CONTROL", what="health check type")]
    request_interval: Rate = Decimal(30)
    measure_latency: bool = False


class HealthCheckUsage(Usage):
    endpoint_type: Annotated[str, choice("aws", "non_aws")] | None = usage_key(
        "Whether the checked endpoint runs in AWS (aws, the default) or elsewhere (non_aws)", unit="")


@resource("aws_route53_health_check", example={"type": "HTTPS", "fqdn": "example.com", "port": 443,
                                               "resource_path": "/health"})
def aws_route53_health_check(i: HealthCheck, u: HealthCheckUsage) -> list[CostComponent]:
    """A health check: the check per month (AWS endpoint, or ``endpoint_type: non_aws``) plus one charge per
    optional feature: HTTPS, string matching, a 10-second ``request_interval``, ``measure_latency``.

    Calculated, CloudWatch-metric and recovery-control checks are billed as checks of AWS endpoints. The first 50
    AWS-endpoint checks of an account are free: this check is priced beyond them.
    Pricing: https://aws.amazon.com/route53/pricing/ (Health checks)
    """
    endpoint_checks = i.type not in ("CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL")
    aws_endpoint = not endpoint_checks or (u.endpoint_type or "aws") == "aws"
    kind = "AWS" if aws_endpoint else "Non-AWS"
    label = "AWS endpoint" if aws_endpoint else "non-AWS endpoint"
    out = [tiered_monthly(f"Health check ({label})", aws(_SERVICE, GLOBAL, usagetype=f"Health-Check-{kind}"),
                          Decimal(1), unit="checks", already_used=Decimal(50) if aws_endpoint else Decimal(0),
                          note="the first 50 AWS-endpoint health checks of an account are free; priced beyond them"
                          if aws_endpoint else None)]
    if endpoint_checks:
        features = [name for name, on in (("HTTPS", i.type.startswith("HTTPS")),
                                          ("string matching", i.type.endswith("STR_MATCH")),
                                          ("fast interval", i.request_interval < 30),
                                          ("latency measurement", i.measure_latency)) if on]
        if features:
            out.append(monthly(f"Optional features ({', '.join(features)})",
                               aws(_SERVICE, GLOBAL, usagetype=f"Health-Check-Option-{kind}"),
                               Decimal(len(features)), unit="features"))
    return out


class IpAddress(Model):
    subnet_id: str | None = None


class ResolverEndpoint(AwsInputs):
    direction: Annotated[str, choice("INBOUND", "OUTBOUND", "INBOUND_DELEGATION", what="Resolver endpoint direction")]
    ip_address: Blocks[IpAddress] = ()
    protocols: Annotated[tuple[str, ...], BeforeValidator(as_list)] = ()


class ResolverEndpointUsage(Usage):
    monthly_queries: Quantity | None = usage_key("DNS queries the endpoint resolves a month", unit="queries")


@resource("aws_route53_resolver_endpoint", example={"direction": "OUTBOUND",
                                                    "ip_address": [{"subnet_id": "subnet-a"}, {"subnet_id": "subnet-b"}]})
def aws_route53_resolver_endpoint(i: ResolverEndpoint, u: ResolverEndpointUsage) -> list[CostComponent]:
    """A Resolver endpoint: each ``ip_address`` (an elastic network interface, at least 2) per hour, plus the
    queries it resolves (usage ``monthly_queries``). Pricing: https://aws.amazon.com/route53/pricing/ (Resolver)
    """
    enis = Decimal(max(2, len(i.ip_address)))
    return [
        hourly(f"Resolver endpoint IP addresses ({enis})", aws(_SERVICE, i.region, usagetype="ResolverNetworkInterface"),
               enis, unit="ENI-hours"),
        usage_based("Resolver queries", aws(_SERVICE, i.region, usagetype="DNS-Queries"), u.monthly_queries,
                    unit="queries", usage_key="monthly_queries"),
    ]
