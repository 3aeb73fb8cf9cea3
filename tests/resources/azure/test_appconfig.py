"""Table tests: costlib.resources.azure.appconfig (https://azure.microsoft.com/pricing/details/app-configuration/).

A daily store fee, replicas by the day (Premium includes one), requests beyond the daily allowance.
"""

from tests.resources.table import Case, table_test

AC = "App Configuration meterName={t} {m} productName=App Configuration skuName={t}"
DAYS = "30.41666666666666666666666667"

CASES = [
    Case("Standard with 2 replicas and 20M requests", "azurerm_app_configuration",
         {"sku": "standard", "replica": [{"name": "r1", "location": "westus"}, {"name": "r2", "location": "northeurope"}]}, [
        ("Store (Standard)", f"{DAYS} days", AC.format(t="Standard", m="Instance")),
        ("Replicas (2)", "60.83333333333333333333333334 replica-days", AC.format(t="Standard", m="Replica Instance")),
        ("Requests beyond the daily allowance", "175 10K requests",
         AC.format(t="Standard", m="Overage Operations") + " unit=10K"),
    ], usage={"monthly_requests": 20_000_000}),
    Case("Premium: one replica included", "azurerm_app_configuration",
         {"sku": "premium", "replica": [{"name": "r1", "location": "westus"}]}, [
        ("Store (Premium)", f"{DAYS} days", AC.format(t="Premium", m="Instance")),
        ("Requests beyond the daily allowance", "? 10K requests",
         AC.format(t="Premium", m="Overage Operations") + " unit=10K"),
    ]),
    Case("Developer: overage per 1K", "azurerm_app_configuration", {"sku": "developer"}, [
        ("Store (Developer)", f"{DAYS} days", AC.format(t="Developer", m="Instance")),
        ("Requests beyond the daily allowance", "0 1K requests",
         AC.format(t="Developer", m="Overage Operations") + " unit=1K"),
    ], usage={"monthly_requests": 50_000}),
    Case("Free tier", "azurerm_app_configuration", {"sku": "free"}, [
        ("App Configuration store (Free)", "1 stores", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)
