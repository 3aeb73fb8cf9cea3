"""Table tests: costlib.resources.azure.search (search units per hour)."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "standard S1: 2 replicas x 3 partitions = 6 search units",
        "azurerm_search_service",
        {"sku": "standard", "replica_count": 2, "partition_count": 3},
        [
            (
                "Search units (Standard S1, 2 replicas x 3 partitions)",
                "4380 unit-hours",
                "Azure Cognitive Search meterName=Standard S1 Unit productName=Azure AI Search skuName=Standard S1",
            ),
            (
                "Image extraction",
                "5 1K images",
                "Azure Cognitive Search meterName=Image Extraction productName=Azure AI Search",
            ),
        ],
        usage={"monthly_images_extracted": 5000},
    ),
    Case(
        "basic, one unit by default",
        "azurerm_search_service",
        {"sku": "basic"},
        [
            (
                "Search units (Basic, 1 replicas x 1 partitions)",
                "730 unit-hours",
                "Azure Cognitive Search meterName=Basic Unit productName=Azure AI Search skuName=Basic",
            ),
        ],
    ),
    Case(
        "storage optimized L1",
        "azurerm_search_service",
        {"sku": "storage_optimized_l1", "partition_count": 2},
        [
            (
                "Search units (Storage Optimized L1, 1 replicas x 2 partitions)",
                "1460 unit-hours",
                "Azure Cognitive Search meterName=Storage Optimized L1 Unit productName=Azure AI Search skuName=Storage Optimized L1",
            ),
        ],
    ),
    Case(
        "free tier",
        "azurerm_search_service",
        {"sku": "free"},
        [
            ("Search service (Free)", "1 months", "fixed 0 USD"),
        ],
    ),
]

test_table = table_test(CASES)
