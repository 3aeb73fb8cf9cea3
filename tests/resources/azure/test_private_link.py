"""Table tests: costlib.resources.azure.private_link (https://azure.microsoft.com/pricing/details/private-link/)."""

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

PL = "Virtual Network meterName={m} productName=Virtual Network Private Link"

CASES = [
    Case("endpoint with 100 GB each way", "azurerm_private_endpoint", {"name": "pe"}, [
        ("Private endpoint", "730 hours", PL.format(m="Standard Private Endpoint")),
        ("Inbound data processed", "100 GB", PL.format(m="Standard Data Processed - Ingress")),
        ("Outbound data processed", "100 GB", PL.format(m="Standard Data Processed - Egress")),
    ], usage={"monthly_inbound_data_processed_gb": 100, "monthly_outbound_data_processed_gb": 100}),
    Case("endpoint without usage", "azurerm_private_endpoint", {"name": "pe"}, [
        ("Private endpoint", "730 hours", PL.format(m="Standard Private Endpoint")),
        ("Inbound data processed", "? GB", PL.format(m="Standard Data Processed - Ingress")),
        ("Outbound data processed", "? GB", PL.format(m="Standard Data Processed - Egress")),
    ]),
]

test_table = table_test(CASES)


def test_private_link_load_balancer_and_nat_meters_are_global() -> None:
    for type_, attrs in (("azurerm_private_endpoint", {}), ("azurerm_lb", {}), ("azurerm_nat_gateway", {})):
        assert {q.region for q in queries_of(type_, attrs, region="westeurope")} == {"Global"}, type_
        assert {q.region for q in queries_of(type_, attrs, region="usgovvirginia")} == {"US Gov"}, type_
