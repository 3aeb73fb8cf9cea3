"""Table tests: costlib.resources.azure.eventhub (https://azure.microsoft.com/pricing/details/event-hubs/)."""

from tests.resources.table import Case, table_test

EH = "Event Hubs meterName={s} {m} productName=Event Hubs skuName={s}"

CASES = [
    Case("Standard, 2 TUs, 100M events, capture", "azurerm_eventhub_namespace", {"sku": "Standard", "capacity": 2}, [
        ("Throughput units (2)", "1460 unit-hours", EH.format(s="Standard", m="Throughput Unit")),
        ("Ingress events", "100 1M events", EH.format(s="Standard", m="Ingress Events")),
        ("Capture (2 throughput units)", "1460 unit-hours", EH.format(s="Standard", m="Capture")),
    ], usage={"monthly_ingress_events": 100_000_000, "capture_enabled": True}),
    Case("Basic, default capacity", "azurerm_eventhub_namespace", {"sku": "Basic"}, [
        ("Throughput units (1)", "730 unit-hours", EH.format(s="Basic", m="Throughput Unit")),
        ("Ingress events", "? 1M events", EH.format(s="Basic", m="Ingress Events")),
    ]),
    Case("auto-inflate average from usage", "azurerm_eventhub_namespace", {"sku": "Standard", "capacity": 1}, [
        ("Throughput units (3.5)", "2555 unit-hours", EH.format(s="Standard", m="Throughput Unit")),
        ("Ingress events", "? 1M events", EH.format(s="Standard", m="Ingress Events")),
    ], usage={"throughput_or_capacity_units": 3.5}),
    Case("Premium, 4 PUs, extended retention", "azurerm_eventhub_namespace", {"sku": "Premium", "capacity": 4}, [
        ("Processing units (4)", "2920 unit-hours", EH.format(s="Premium", m="Processing Unit")),
        ("Extended retention", "500 GB-months", EH.format(s="Premium", m="Extended Retention")),
    ], usage={"retention_storage_gb": 500}),
    Case("namespace in a Dedicated cluster", "azurerm_eventhub_namespace",
         {"sku": "Standard", "dedicated_cluster_id": "/clusters/c"}, [
        ("Namespace in a Dedicated cluster", "1 namespaces", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)
