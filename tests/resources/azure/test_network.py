"""Table tests: costlib.resources.azure.network."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "pip",
        "azurerm_public_ip",
        {"sku": "Basic", "allocation_method": "Dynamic"},
        [
            (
                "Public IP (Basic, Dynamic)",
                "730 hours",
                "Virtual Network meterName=Basic IPv4 Dynamic Public IP productName=IP Addresses skuName=Basic",
            ),
        ],
    ),
    Case(
        "plan",
        "azurerm_service_plan",
        {"sku_name": "P1v3", "os_type": "Windows", "worker_count": 2},
        [
            (
                "App Service plan (Windows, P1v3)",
                "1460 instance-hours",
                "Azure App Service meterName=P1v3 App productName=Azure App Service Premium Plan skuName=P1v3",
            ),
        ],
    ),
]

test_table = table_test(CASES)
