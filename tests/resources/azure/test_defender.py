"""Table tests: costlib.resources.azure.defender (https://azure.microsoft.com/pricing/details/defender-for-cloud/).

A Standard plan bills per protected unit (by the hour for most plans); the Free tier has no charge.
"""

from tests.resources.azure.queries import queries_of
from tests.resources.table import Case, table_test

D = "Microsoft Defender for Cloud meterName={m} productName={p} skuName={s}"
T = "azurerm_security_center_subscription_pricing"

CASES = [
    Case("Servers Plan 2 on 10 servers", T, {"tier": "Standard", "resource_type": "VirtualMachines", "subplan": "P2"}, [
        ("Defender for Cloud (VirtualMachines, Plan 2, per server)", "7300 server-hours",
         D.format(m="Standard P2 Node", p="Microsoft Defender for Servers", s="Standard P2")),
    ], usage={"protected_units": 10}),
    Case("Servers Plan 1", T, {"tier": "Standard", "resource_type": "VirtualMachines", "subplan": "P1"}, [
        ("Defender for Cloud (VirtualMachines, Plan 1, per server)", "? server-hours",
         D.format(m="Standard P1 Node", p="Microsoft Defender for Servers", s="Standard P1")),
    ]),
    Case("Free tier has no charge", T, {"tier": "Free", "resource_type": "VirtualMachines"}, [
        ("Defender for Cloud (VirtualMachines, Free tier)", "1 subscriptions", "fixed 0 USD"),
    ]),
    Case("SQL servers: per server a month", T, {"tier": "Standard", "resource_type": "SqlServers"}, [
        ("Defender for Cloud (SqlServers, per server)", "3 servers",
         D.format(m="Standard Node", p="Microsoft Defender for SQL", s="Standard")),
    ], usage={"protected_units": 3}),
    Case("Containers per vCore", T, {"tier": "Standard", "resource_type": "Containers"}, [
        ("Defender for Cloud (Containers, per vCore)", "17520 vCore-hours",
         D.format(m="Standard vCore vCore Pack", p="Microsoft Defender for Containers", s="Standard vCore")),
    ], usage={"protected_units": 24}),
    Case("Storage per-transaction plan", T, {"tier": "Standard", "resource_type": "StorageAccounts",
                                             "subplan": "PerTransaction"}, [
        ("Defender for Storage transactions", "5 1M transactions",
         D.format(m="Standard Transactions", p="Microsoft Defender for Storage", s="Standard")),
    ], usage={"monthly_transactions": 5_000_000}),
    Case("DNS per million queries", T, {"tier": "Standard", "resource_type": "Dns"}, [
        ("Defender for DNS queries", "? 1M queries",
         D.format(m="Standard Queries", p="Microsoft Defender for DNS", s="Standard")),
    ]),
    Case("open-source databases not modelled", T, {"tier": "Standard",
                                                   "resource_type": "OpenSourceRelationalDatabases"}, [
        ("Defender for Cloud (OpenSourceRelationalDatabases)", "?", "not modelled"),
    ]),
]

test_table = table_test(CASES)


def test_plans_without_a_location_use_the_global_meters_and_cspm_is_always_global() -> None:
    attrs = {"tier": "Standard", "resource_type": "VirtualMachines"}
    assert {q.region for q in queries_of(T, attrs, region=None)} == {"Global"}
    assert {q.region for q in queries_of(T, attrs, region="westeurope")} == {"westeurope"}
    cspm = {"tier": "Standard", "resource_type": "CloudPosture"}
    assert {q.region for q in queries_of(T, cspm, region="westeurope")} == {"Global"}
