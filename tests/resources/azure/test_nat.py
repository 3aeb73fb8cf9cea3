"""Table tests: costlib.resources.azure.nat (https://azure.microsoft.com/pricing/details/azure-nat-gateway/)."""

from tests.resources.table import Case, table_test

NAT = "NAT Gateway meterName={m} productName=NAT Gateway skuName=Standard"

CASES = [
    Case("gateway with 1,000 GB processed", "azurerm_nat_gateway", {}, [
        ("NAT gateway (Standard)", "730 hours", NAT.format(m="Standard Gateway")),
        ("Data processed", "1000 GB", NAT.format(m="Standard Data Processed")),
    ], usage={"monthly_data_processed_gb": 1000}),
    Case("StandardV2 uses the same meters; data needs usage", "azurerm_nat_gateway", {"sku_name": "StandardV2"}, [
        ("NAT gateway (StandardV2)", "730 hours", NAT.format(m="Standard Gateway")),
        ("Data processed", "? GB", NAT.format(m="Standard Data Processed")),
    ]),
]

test_table = table_test(CASES)
