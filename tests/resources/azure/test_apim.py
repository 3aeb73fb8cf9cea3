"""Table tests: costlib.resources.azure.apim (https://azure.microsoft.com/pricing/details/api-management/)."""

import pytest

from costlib.errors import InputError
from tests.resources.azure.queries import components_of
from tests.resources.table import Case, table_test

A = "API Management meterName={m} productName=API Management skuName={s}"

CASES = [
    Case("Developer, one unit", "azurerm_api_management", {"sku_name": "Developer_1"}, [
        ("API Management (Developer, 1 units)", "730 unit-hours", A.format(m="Developer Unit", s="Developer")),
    ]),
    Case("Premium, 2 units plus a region of 1 and 3 self-hosted gateways", "azurerm_api_management", {
        "sku_name": "Premium_2", "additional_location": [{"location": "West Europe", "capacity": 1}]}, [
        ("API Management (Premium, 2 units)", "1460 unit-hours", A.format(m="Premium Unit", s="Premium")),
        ("Additional region (westeurope, 1 units)", "730 unit-hours", A.format(m="Premium Unit", s="Premium")),
        ("Self-hosted gateways (3)", "2190 gateway-hours", A.format(m="Gateway Unit", s="Gateway")),
    ], usage={"self_hosted_gateway_count": 3}),
    Case("Standard v2 with calls", "azurerm_api_management", {"sku_name": "StandardV2_1"}, [
        ("API Management (Standard v2, 1 units)", "730 unit-hours", A.format(m="Standard v2 Unit", s="Standard v2")),
        ("API calls beyond those included", "6000 10K calls", A.format(m="Standard v2 Calls", s="Standard v2")),
    ], usage={"monthly_api_calls": 60_000_000}),
    Case("Consumption calls", "azurerm_api_management", {"sku_name": "Consumption_0"}, [
        ("API calls (Consumption)", "1000 10K calls", A.format(m="Consumption Calls", s="Consumption")),
    ], usage={"monthly_api_calls": 10_000_000}),
    Case("Consumption without usage", "azurerm_api_management", {"sku_name": "Consumption_0"}, [
        ("API calls (Consumption)", "? 10K calls", A.format(m="Consumption Calls", s="Consumption")),
    ]),
]

test_table = table_test(CASES)


@pytest.mark.parametrize("sku", ["Gold_1", "Premium", "Standard_0", "Premium_5000"])
def test_bad_sku_names_are_refused(sku: str) -> None:
    with pytest.raises(InputError, match="sku_name"):
        components_of("azurerm_api_management", {"sku_name": sku})
