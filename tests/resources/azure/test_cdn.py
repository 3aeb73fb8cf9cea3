"""Table tests: costlib.resources.azure.cdn (https://azure.microsoft.com/pricing/details/cdn/).

Azure CDN from Microsoft (classic): data out per GB by delivery zone, requests per million.
"""

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

T = "Content Delivery Network meterName=Standard Data Transfer productName=Azure CDN from Microsoft skuName=Standard"
R = "Content Delivery Network meterName=Standard Requests productName=Azure CDN from Microsoft skuName=Standard"

CASES = [
    Case("1 TB out and 10M requests", "azurerm_cdn_endpoint", {}, [
        ("Data transfer out (Zone 1)", "1000 GB", T),
        ("Requests", "10 1M requests", R),
    ], usage={"monthly_outbound_gb": 1000, "monthly_requests": 10_000_000}),
    Case("without usage", "azurerm_cdn_endpoint", {}, [
        ("Data transfer out (Zone 1)", "? GB", T),
        ("Requests", "? 1M requests", R),
    ]),
    Case("data out per zone", "azurerm_cdn_endpoint", {}, [
        ("Data transfer out (Zone 1)", "300 GB", T),
        ("Data transfer out (Zone 2)", "200 GB", T),
        ("Requests", "? 1M requests", R),
    ], usage={"monthly_outbound_gb_by_zone": {"zone_1": 300, "zone_2": 200}}),
    Case("rules engine not modelled", "azurerm_cdn_endpoint", {"delivery_rule": [{"name": "r1", "order": 1}]}, [
        ("Data transfer out (Zone 1)", "? GB", T),
        ("Requests", "? 1M requests", R),
        ("Rules engine (1 rules)", "?", "not modelled"),
    ]),
]

test_table = table_test(CASES)


def test_zone_data_is_priced_in_its_zone() -> None:
    regions = [q.region for q in queries_of("azurerm_cdn_endpoint", {}, region=None,
                                            usage={"monthly_outbound_gb_by_zone": {"zone_3": 5, "zone_5": 1}})]
    assert regions == ["Zone 3", "Zone 5", "Zone 1"]
