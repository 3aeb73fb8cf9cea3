"""Table tests: costlib.resources.azure.eventgrid (https://azure.microsoft.com/pricing/details/event-grid/)."""

from tests.resources.table import Case, table_test

EG = "Event Grid meterName=Standard Operations productName=Event Grid skuName=Standard unit=100K"

CASES = [
    Case("custom topic with 5M operations", "azurerm_eventgrid_topic", {}, [("Operations", "50 100K operations", EG)],
         usage={"monthly_operations": 5_000_000}),
    Case("system topic without usage", "azurerm_eventgrid_system_topic", {"topic_type": "Microsoft.Storage.StorageAccounts"},
         [("Operations", "? 100K operations", EG)]),
]

test_table = table_test(CASES)
