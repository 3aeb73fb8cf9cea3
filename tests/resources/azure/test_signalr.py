"""Table tests: costlib.resources.azure.signalr (https://azure.microsoft.com/pricing/details/signalr-service/).

Units by the day; 1M messages a unit a day included, more per million.
"""

from tests.resources.table import Case, table_test

SR = "SignalR meterName={t} {m} productName=SignalR skuName={t}"

CASES = [
    Case("Standard, 2 units, 100M messages", "azurerm_signalr_service", {"sku": [{"name": "Standard_S1", "capacity": 2}]}, [
        ("Units (Standard, 2)", "60.83333333333333333333333334 unit-days", SR.format(t="Standard", m="Unit")),
        ("Messages beyond those included", "39.16666666666666666666666666 1M messages",
         SR.format(t="Standard", m="Message")),
    ], usage={"monthly_messages": 100_000_000}),
    Case("Premium without usage", "azurerm_signalr_service", {"sku": [{"name": "Premium_P1", "capacity": 1}]}, [
        ("Units (Premium, 1)", "30.41666666666666666666666667 unit-days", SR.format(t="Premium", m="Unit")),
        ("Messages beyond those included", "? 1M messages", SR.format(t="Premium", m="Message")),
    ]),
    Case("Free tier", "azurerm_signalr_service", {"sku": [{"name": "Free_F1", "capacity": 1}]}, [
        ("SignalR (Free)", "1 units", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)
