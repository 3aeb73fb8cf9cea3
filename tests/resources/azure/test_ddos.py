"""Table tests: costlib.resources.azure.ddos (https://azure.microsoft.com/pricing/details/ddos-protection/)."""

from tests.resources.table import Case, table_test

D = "Azure DDOS Protection meterName={m} skuName=Network Protection"

CASES = [
    Case("plan covering 100 resources", "azurerm_network_ddos_protection_plan", {}, [
        ("DDoS Network Protection plan", "730 hours", D.format(m="Network Protection Plan")),
        ("Data processed", "? GB", D.format(m="Network Protection Data Processed")),
    ], usage={"protected_resources": 100}),
    Case("120 protected resources: 20 beyond the plan", "azurerm_network_ddos_protection_plan", {}, [
        ("DDoS Network Protection plan", "730 hours", D.format(m="Network Protection Plan")),
        ("Protected resources beyond 100 (20)", "14600 resource-hours", D.format(m="Network Protection Resource")),
        ("Data processed", "10 GB", D.format(m="Network Protection Data Processed")),
    ], usage={"protected_resources": 120, "monthly_data_processed_gb": 10}),
]

test_table = table_test(CASES)
