"""Table tests: costlib.resources.azure.notification (https://azure.microsoft.com/pricing/details/notification-hubs/)."""

from tests.resources.table import Case, table_test

NH = "Notification Hubs meterName={s} {m} productName=Notification Hubs skuName={s}"

CASES = [
    Case("Standard with 50M pushes", "azurerm_notification_hub_namespace", {"sku_name": "Standard"}, [
        ("Namespace (Standard)", "1 namespaces", NH.format(s="Standard", m="Unit")),
        ("Pushes", "50 1M pushes", NH.format(s="Standard", m="Pushes")),
    ], usage={"monthly_pushes": 50_000_000}),
    Case("Basic without usage", "azurerm_notification_hub_namespace", {"sku_name": "Basic"}, [
        ("Namespace (Basic)", "1 namespaces", NH.format(s="Basic", m="Unit")),
        ("Pushes", "? 1M pushes", NH.format(s="Basic", m="Pushes")),
    ]),
    Case("Free tier", "azurerm_notification_hub_namespace", {"sku_name": "Free"}, [
        ("Notification Hubs namespace (Free)", "1 namespaces", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)
