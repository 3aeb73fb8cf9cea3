"""Table tests: costlib.resources.azure.private_dns (https://azure.microsoft.com/pricing/details/dns/).

Private zones: a monthly fee plus queries; record sets bill only their queries; DNS Private Resolver endpoints and
forwarding rulesets by the month.
"""

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

Q = "Azure DNS meterName=Private Queries productName=Azure DNS skuName=Private"
R = "Azure DNS meterName=Private Resolver {m} productName=Azure DNS skuName=Private Resolver"

CASES = [
    Case("private zone with 10M queries", "azurerm_private_dns_zone", {"name": "privatelink.blob.core.windows.net"}, [
        ("Hosted zone (private)", "1 zones", "Azure DNS meterName=Private Zone productName=Azure DNS skuName=Private"),
        ("DNS queries", "10 1M queries", Q),
    ], usage={"monthly_queries": 10_000_000}),
    Case("private zone without usage", "azurerm_private_dns_zone", {"name": "corp.internal"}, [
        ("Hosted zone (private)", "1 zones", "Azure DNS meterName=Private Zone productName=Azure DNS skuName=Private"),
        ("DNS queries", "? 1M queries", Q),
    ]),
    *[Case(f"private {t} record", f"azurerm_private_dns_{t}_record", {"name": "db"}, [
        ("DNS queries", "2 1M queries", Q),
    ], usage={"monthly_queries": 2_000_000}) for t in ("a", "aaaa", "cname", "mx", "ptr", "srv", "txt")],
    Case("resolver inbound endpoint", "azurerm_private_dns_resolver_inbound_endpoint", {"name": "in"}, [
        ("DNS Private Resolver inbound endpoint", "1 endpoints", R.format(m="Inbound Endpoint")),
    ]),
    Case("resolver outbound endpoint", "azurerm_private_dns_resolver_outbound_endpoint", {"name": "out"}, [
        ("DNS Private Resolver outbound endpoint", "1 endpoints", R.format(m="Outbound Endpoint")),
    ]),
    Case("forwarding ruleset", "azurerm_private_dns_resolver_dns_forwarding_ruleset", {"name": "rules"}, [
        ("DNS Private Resolver dns forwarding ruleset", "1 rulesets", R.format(m="DNS Forwarding Ruleset")),
    ]),
]

test_table = table_test(CASES)


def test_resolver_endpoints_are_priced_by_delivery_zone() -> None:
    regions = {q.region for q in queries_of("azurerm_private_dns_resolver_inbound_endpoint", {}, region="westeurope")}
    assert regions == {"Zone 1"}
    regions = {q.region for q in queries_of("azurerm_private_dns_resolver_outbound_endpoint", {}, region="eastasia")}
    assert regions == {"Zone 2"}
