"""Table tests: costlib.resources.azure.powerbi (A SKU per hour)."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "A1 capacity all month",
        "azurerm_powerbi_embedded",
        {"sku_name": "A1"},
        [
            ("Capacity (A1)", "730 hours", "Power BI Embedded skuName=A1"),
        ],
    ),
    Case(
        "A4 capacity paused outside 200 hours",
        "azurerm_powerbi_embedded",
        {"sku_name": "a4"},
        [
            ("Capacity (A4)", "200 hours", "Power BI Embedded skuName=A4"),
        ],
        usage={"monthly_hrs": 200},
    ),
]

test_table = table_test(CASES)
