"""Table tests: costlib.resources.aws.route53 (https://aws.amazon.com/route53/pricing/)."""

from decimal import Decimal

from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case("a hosted zone: one zone-month", "aws_route53_zone", {"name": "example.com"}, [
        ("Hosted zone", "1 months", "AmazonRoute53 usagetype=HostedZone"),
    ]),
    Case("a standard record with 2 million queries", "aws_route53_record",
         {"name": "www", "type": "A", "zone_id": "Z1", "records": ["192.0.2.1"]}, [
             ("Standard queries", "2000000 queries", "AmazonRoute53 usagetype=DNS-Queries"),
         ], usage={"monthly_standard_queries": 2_000_000}),
    Case("a latency record without usage: latency-based queries per unit", "aws_route53_record",
         {"zone_id": "Z1", "latency_routing_policy": [{"region": "us-east-1"}]}, [
             ("Latency-based routing queries", "? queries", "AmazonRoute53 usagetype=LBR-Queries"),
         ]),
    Case("a geolocation record", "aws_route53_record", {"zone_id": "Z1", "geolocation_routing_policy": [
        {"continent": "EU"}]}, [
        ("Geo DNS queries", "? queries", "AmazonRoute53 usagetype=Geo-Queries"),
    ]),
    Case("an IP-based record", "aws_route53_record", {"zone_id": "Z1", "cidr_routing_policy": [
        {"collection_id": "c", "location_name": "office"}]}, [
        ("IP-based routing queries", "1000 queries", "AmazonRoute53 usagetype=Cidr-Queries"),
    ], usage={"monthly_ip_based_queries": 1000}),
    Case("an alias to a load balancer: queries are free", "aws_route53_record",
         {"zone_id": "Z1", "alias": [{"name": "lb.amazonaws.com", "zone_id": "Z35SXDOTRQ7X7K"}]}, [
             ("Alias queries", "1 records", "fixed 0 USD"),
         ], usage={"monthly_standard_queries": 5_000_000}),
    Case("an alias to a record of its own zone is billed", "aws_route53_record",
         {"zone_id": "Z1", "alias": [{"name": "www.example.com", "zone_id": "Z1"}]}, [
             ("Standard queries", "5000000 queries", "AmazonRoute53 usagetype=DNS-Queries"),
         ], usage={"monthly_standard_queries": 5_000_000}),
    Case("an HTTPS string-match health check at 10 s with latency: four optional features",
         "aws_route53_health_check",
         {"type": "HTTPS_STR_MATCH", "request_interval": 10, "measure_latency": True}, [
             ("Health check (AWS endpoint)", "1 checks", "AmazonRoute53 usagetype=Health-Check-AWS"),
             ("Optional features (HTTPS, string matching, fast interval, latency measurement)", "4 features",
              "AmazonRoute53 usagetype=Health-Check-Option-AWS"),
         ]),
    Case("an HTTP health check of a non-AWS endpoint", "aws_route53_health_check", {"type": "HTTP"}, [
        ("Health check (non-AWS endpoint)", "1 checks", "AmazonRoute53 usagetype=Health-Check-Non-AWS"),
    ], usage={"endpoint_type": "non_aws"}),
    Case("a calculated health check is billed as an AWS endpoint check, no options", "aws_route53_health_check",
         {"type": "CALCULATED"}, [
             ("Health check (AWS endpoint)", "1 checks", "AmazonRoute53 usagetype=Health-Check-AWS"),
         ], usage={"endpoint_type": "non_aws"}),
    Case("a Resolver endpoint with three IP addresses", "aws_route53_resolver_endpoint",
         {"direction": "INBOUND", "ip_address": [{"subnet_id": "a"}, {"subnet_id": "b"}, {"subnet_id": "c"}]}, [
             ("Resolver endpoint IP addresses (3)", "2190 ENI-hours", "AmazonRoute53 usagetype=ResolverNetworkInterface"),
             ("Resolver queries", "? queries", "AmazonRoute53 usagetype=DNS-Queries"),
         ]),
]

test_table = table_test(CASES)


def _components(type_: str, attributes: dict[str, object], usage: dict[str, object]) -> list[object]:
    spec = ResourceSpec(address=f"{type_}.t", type=type_, provider="aws", region="us-east-1", attributes=attributes,
                        usage=usage)
    part = parse(spec).parts[0]
    return list(part.rtype.price(part.inputs, part.usage))


def test_zone_beyond_the_accounts_first_25_starts_in_the_second_band() -> None:
    (zone,) = _components("aws_route53_zone", {}, {"account_hosted_zones": 30})
    assert zone.already_used == Decimal(30)  # type: ignore[attr-defined]
    (first,) = _components("aws_route53_zone", {}, {})
    assert first.already_used == Decimal(0)  # type: ignore[attr-defined]


def test_aws_endpoint_health_check_is_priced_beyond_the_accounts_50_free() -> None:
    check = _components("aws_route53_health_check", {"type": "HTTPS"}, {})[0]
    assert check.already_used == Decimal(50)  # type: ignore[attr-defined]


def test_an_estimate_starts_the_tiered_price_after_the_accounts_earlier_zones() -> None:
    """The 26th zone of an account is billed at the second band (the pricing page's "over 25" rate); the
    figures are the page's ($0.50 first 25, $0.10 after), the mechanism is the estimate's."""
    from datetime import date

    import costlib
    from costlib.catalog.memory import InMemoryCatalog
    from costlib.models import Price, PriceQuery, PriceTier
    from costlib.money import Money

    query = PriceQuery(vendor="aws", service="AmazonRoute53", region="global", attributes={"usagetype": "HostedZone"})
    tiers = (PriceTier(Decimal(0), Decimal(25), Money("0.50", "USD")), PriceTier(Decimal(25), None, Money("0.10", "USD")))
    book = InMemoryCatalog({query: Price(unit_price=Money("0.50", "USD"), unit="HostedZone", tiers=tiers,
                                         effective_date=date(2026, 12, 1), source="test")})

    def zone(usage: dict[str, object]) -> Money:
        spec = ResourceSpec(address="aws_route53_zone.z", type="aws_route53_zone", provider="aws", region="us-east-1",
                            usage=usage)
        (res,) = costlib.estimate([spec], catalog=book).resources
        assert res.monthly_cost is not None
        return res.monthly_cost

    assert zone({}).amount == Decimal("0.50")
    assert zone({"account_hosted_zones": 24}).amount == Decimal("0.50")
    assert zone({"account_hosted_zones": 25}).amount == Decimal("0.10")


def test_a_negative_quantity_already_used_is_refused() -> None:
    import pytest

    from costlib.errors import InputError
    from costlib.models import CostComponent, PriceQuery

    query = PriceQuery(vendor="aws", service="AmazonRoute53", region="global", attributes={"usagetype": "HostedZone"})
    with pytest.raises(InputError, match="already used"):
        CostComponent(name="Hosted zone", unit="months", query=query, monthly_quantity=Decimal(1),
                      already_used=Decimal(-1))
