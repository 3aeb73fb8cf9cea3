"""Table tests: costlib.resources.azure.logic (connector calls, integration accounts, ISE units)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "standard logic app: connector calls from usage",
        "azurerm_logic_app_standard",
        {},
        [
            (
                "Standard connector calls",
                "100000 calls",
                "Logic Apps meterName=Consumption Standard Connector Actions productName=Logic Apps skuName=Consumption",
            ),
            (
                "Enterprise connector calls",
                "5000 calls",
                "Logic Apps meterName=Consumption Enterprise Connector Actions productName=Logic Apps skuName=Consumption",
            ),
        ],
        usage={"monthly_standard_connector_calls": 100000, "monthly_enterprise_connector_calls": 5000},
    ),
    Case(
        "standard logic app without usage",
        "azurerm_logic_app_standard",
        {},
        [
            (
                "Standard connector calls",
                "? calls",
                "Logic Apps meterName=Consumption Standard Connector Actions productName=Logic Apps skuName=Consumption",
            ),
            (
                "Enterprise connector calls",
                "? calls",
                "Logic Apps meterName=Consumption Enterprise Connector Actions productName=Logic Apps skuName=Consumption",
            ),
        ],
    ),
    Case(
        "integration account: Standard per month",
        "azurerm_logic_app_integration_account",
        {"sku_name": "Standard"},
        [
            (
                "Integration account (Standard)",
                "1 months",
                "Logic Apps meterName=Standard Unit productName=Logic Apps Integration Account skuName=Standard",
            ),
        ],
    ),
    Case(
        "integration account: Free has no charge",
        "azurerm_logic_app_integration_account",
        {"sku_name": "Free"},
        [
            ("Integration account (Free)", "1 months", "fixed 0 USD"),
        ],
    ),
    Case(
        "ise: Premium base unit and 2 scale units",
        "azurerm_integration_service_environment",
        {"sku_name": "Premium_2"},
        [
            (
                "Base unit (Premium)",
                "730 hours",
                "Logic Apps meterName=Base Unit productName=Logic Apps Integration Service Environment skuName=Base",
            ),
            (
                "Scale units (2)",
                "1460 unit-hours",
                "Logic Apps meterName=Scale Unit productName=Logic Apps Integration Service Environment skuName=Scale",
            ),
        ],
    ),
    Case(
        "ise: Developer base unit",
        "azurerm_integration_service_environment",
        {"sku_name": "Developer_0"},
        [
            (
                "Base unit (Developer)",
                "730 hours",
                "Logic Apps meterName=Base Unit productName=Logic Apps Integration Service Environment - Developer skuName=Base",
            ),
        ],
    ),
]

test_table = table_test(CASES)


def test_developer_ise_with_scale_units_is_refused() -> None:
    part = parse(
        ResourceSpec(
            address="azurerm_integration_service_environment.i",
            type="azurerm_integration_service_environment",
            provider="azure",
            region="eastus",
            attributes={"sku_name": "Developer_2"},
        )
    ).parts[0]
    with pytest.raises(InputError, match="no scale units"):
        part.rtype.price(part.inputs, part.usage)


def test_an_ise_sku_whose_units_are_not_ascii_digits_is_refused() -> None:
    """``'²'.isdigit()`` is True in Python: the units are read only when they are ASCII digits."""
    part = parse(ResourceSpec(address="azurerm_integration_service_environment.i",
                              type="azurerm_integration_service_environment", provider="azure", region="eastus",
                              attributes={"sku_name": "Premium_\u00b2"})).parts[0]
    with pytest.raises(InputError, match="is not Developer_0 or Premium_0"):
        part.rtype.price(part.inputs, part.usage)
