"""Table tests: costlib.resources.gcp.dns (https://cloud.google.com/dns/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a public zone: one zone-month at the first-25 rate", "google_dns_managed_zone", {}, [
        ("Managed zone (public)", "1 zones", "Cloud DNS resource=managed-zone tier=first-25"),
    ]),
    Case("a private zone costs the same, queries from usage", "google_dns_managed_zone", {"visibility": "private"}, [
        ("Managed zone (private)", "1 zones", "Cloud DNS resource=managed-zone tier=first-25"),
        ("Queries", "2.5 1M queries", "Cloud DNS resource=queries"),
    ], usage={"monthly_queries": 2_500_000}),
    Case("a record set: 1M queries", "google_dns_record_set", {"type": "A"}, [
        ("Queries", "1 1M queries", "Cloud DNS resource=queries"),
    ], usage={"monthly_queries": 1_000_000}),
    Case("a record set without usage", "google_dns_record_set", {}, [
        ("Queries", "? 1M queries", "Cloud DNS resource=queries"),
    ]),
]

test_table = table_test(CASES)
