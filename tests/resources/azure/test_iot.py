"""Table tests: costlib.resources.azure.iot (https://azure.microsoft.com/pricing/details/iot-hub/)."""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

CASES = [
    Case("S1 with 2 units", "azurerm_iothub", {"sku": [{"name": "S1", "capacity": 2}]}, [
        ("IoT hub units (S1, 2)", "2 units", "IoT Hub meterName=S1 Unit productName=IoT Hub skuName=S1"),
    ]),
    Case("B3", "azurerm_iothub", {"sku": [{"name": "b3", "capacity": 1}]}, [
        ("IoT hub units (B3, 1)", "1 units", "IoT Hub meterName=B3 Unit productName=IoT Hub skuName=B3"),
    ]),
    Case("Free tier", "azurerm_iothub", {"sku": [{"name": "F1", "capacity": 1}]}, [
        ("IoT hub (Free F1)", "1 units", "fixed 0 USD"),
    ]),
    Case("DPS with 10,000 operations", "azurerm_iothub_dps", {"sku": [{"name": "S1", "capacity": 1}]}, [
        ("Provisioning operations", "10 1K operations",
         "IoT Hub meterName=S1 Operations productName=IoT Hub Device Provisioning skuName=S1"),
    ], usage={"monthly_operations": 10_000}),
]

test_table = table_test(CASES)


def test_an_unknown_tier_is_refused() -> None:
    with pytest.raises(InputError, match="unknown IoT Hub tier"):
        components_of("azurerm_iothub", {"sku": [{"name": "S9", "capacity": 1}]})
