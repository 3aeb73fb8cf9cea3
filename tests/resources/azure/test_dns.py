"""Table tests: costlib.resources.azure.dns (https://azure.microsoft.com/pricing/details/dns/).

A hosted zone per month (first-25 rate), queries per million; record sets bill only their queries.
"""

import pytest

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

Q = "Azure DNS meterName=Public Queries productName=Azure DNS skuName=Public"

CASES = [
    Case("zone with 1.5 billion queries", "azurerm_dns_zone", {"name": "example.com"}, [
        ("Hosted zone (public)", "1 zones", "Azure DNS meterName=Public Zone productName=Azure DNS skuName=Public"),
        ("DNS queries", "1500 1M queries", Q),
    ], usage={"monthly_queries": 1_500_000_000}),
    Case("zone without usage", "azurerm_dns_zone", {"name": "example.com"}, [
        ("Hosted zone (public)", "1 zones", "Azure DNS meterName=Public Zone productName=Azure DNS skuName=Public"),
        ("DNS queries", "? 1M queries", Q),
    ]),
    *[Case(f"{t} record with 250,000 queries", f"azurerm_dns_{t}_record", {"name": "www"}, [
        ("DNS queries", "0.25 1M queries", Q),
    ], usage={"monthly_queries": 250_000}) for t in ("a", "aaaa", "caa", "cname", "mx", "ns", "ptr", "srv", "txt")],
    Case("record without usage", "azurerm_dns_cname_record", {"name": "www"}, [("DNS queries", "? 1M queries", Q)]),
]

test_table = table_test(CASES)


@pytest.mark.parametrize(("region", "zone"), [("eastus", "Zone 1"), ("westeurope", "Zone 1"), ("japaneast", "Zone 2"),
                                              ("australiaeast", "Zone 2"), ("brazilsouth", "Zone 3"),
                                              ("usgovvirginia", "US Gov Zone 1")])
def test_dns_meters_are_priced_by_delivery_zone(region: str, zone: str) -> None:
    assert {q.region for q in queries_of("azurerm_dns_zone", {"name": "example.com"}, region=region)} == {zone}


def test_a_zone_without_a_location_is_priced_in_zone_1() -> None:
    assert {q.region for q in queries_of("azurerm_dns_zone", {"name": "example.com"}, region=None)} == {"Zone 1"}
