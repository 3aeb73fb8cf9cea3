"""Table tests: costlib.resources.azure.peering (https://azure.microsoft.com/pricing/details/virtual-network/).

Each GB sent through a peering is billed as egress on this side and ingress at the remote network.
"""

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

P = "Virtual Network meterName={m} productName={p}"

CASES = [
    Case("same-region peering, 100 GB", "azurerm_virtual_network_peering", {}, [
        ("Outbound data (intra-region)", "100 GB", P.format(m="Intra-Region Egress", p="Virtual Network Peering")),
        ("Inbound data at the remote network (intra-region)", "100 GB",
         P.format(m="Intra-Region Ingress", p="Virtual Network Peering")),
    ], usage={"monthly_data_transfer_gb": 100}),
    Case("global peering to West Europe", "azurerm_virtual_network_peering", {}, [
        ("Outbound data (inter-region)", "40 GB", P.format(m="Inter-Region Egress", p="Global Virtual Network Peering")),
        ("Inbound data at the remote network (inter-region)", "40 GB",
         P.format(m="Inter-Region Ingress", p="Global Virtual Network Peering")),
    ], usage={"monthly_data_transfer_gb": 40, "remote_region": "West Europe"}),
    Case("peering without usage", "azurerm_virtual_network_peering", {}, [
        ("Outbound data (intra-region)", "? GB", P.format(m="Intra-Region Egress", p="Virtual Network Peering")),
        ("Inbound data at the remote network (intra-region)", "? GB",
         P.format(m="Intra-Region Ingress", p="Virtual Network Peering")),
    ]),
]

test_table = table_test(CASES)


def test_global_peering_prices_each_side_in_its_zone() -> None:
    regions = [q.region for q in queries_of("azurerm_virtual_network_peering", {}, region="eastus",
                                            usage={"remote_region": "japaneast"})]
    assert regions == ["Zone 1", "Zone 2"]
    assert {q.region for q in queries_of("azurerm_virtual_network_peering", {}, region="eastus")} == {"Global"}
