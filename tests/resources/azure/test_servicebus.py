"""Table tests: costlib.resources.azure.servicebus (https://azure.microsoft.com/pricing/details/service-bus/)."""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

SB = "Service Bus meterName={s} {m} productName=Service Bus skuName={s}"

CASES = [
    Case("Standard with 50M operations and 2,000 connections", "azurerm_servicebus_namespace", {"sku": "Standard"}, [
        ("Base charge", "730 hours", SB.format(s="Standard", m="Base Unit") + " unit=1/Hour"),
        ("Messaging operations", "50 1M operations", SB.format(s="Standard", m="Messaging Operations")),
        ("Brokered connections", "2000 connections", SB.format(s="Standard", m="Brokered Connection")),
    ], usage={"monthly_messaging_operations": 50_000_000, "brokered_connections": 2000}),
    Case("Basic", "azurerm_servicebus_namespace", {"sku": "Basic"}, [
        ("Messaging operations", "? 1M operations", SB.format(s="Basic", m="Messaging Operations")),
    ]),
    Case("Premium, default one messaging unit", "azurerm_servicebus_namespace", {"sku": "Premium"}, [
        ("Messaging units (1)", "730 unit-hours", SB.format(s="Premium", m="Messaging Unit")),
    ]),
    Case("Premium, 4 messaging units", "azurerm_servicebus_namespace", {"sku": "Premium", "capacity": 4}, [
        ("Messaging units (4)", "2920 unit-hours", SB.format(s="Premium", m="Messaging Unit")),
    ]),
]

test_table = table_test(CASES)


def test_premium_capacity_must_be_a_power_of_two_up_to_16() -> None:
    with pytest.raises(InputError, match="1, 2, 4, 8 or 16"):
        components_of("azurerm_servicebus_namespace", {"sku": "Premium", "capacity": 3})
