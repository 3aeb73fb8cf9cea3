"""Table tests: costlib.resources.azure.databricks (DBU-hours by workload and tier)."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "premium workspace with DBU usage",
        "azurerm_databricks_workspace",
        {"sku": "premium"},
        [
            (
                "All-purpose Compute (Premium)",
                "500 DBU-hours",
                "Azure Databricks meterName=Premium All-purpose Compute DBU productName=Azure Databricks skuName=Premium All-purpose Compute",
            ),
            (
                "Jobs Compute (Premium)",
                "1000 DBU-hours",
                "Azure Databricks meterName=Premium Jobs Compute DBU productName=Azure Databricks skuName=Premium Jobs Compute",
            ),
            (
                "Jobs Light Compute (Premium)",
                "2000 DBU-hours",
                "Azure Databricks meterName=Premium Jobs Light Compute DBU productName=Azure Databricks skuName=Premium Jobs Light Compute",
            ),
        ],
        usage={
            "monthly_all_purpose_compute_dbu_hrs": 500,
            "monthly_jobs_compute_dbu_hrs": 1000,
            "monthly_jobs_light_compute_dbu_hrs": 2000,
        },
    ),
    Case(
        "standard workspace without usage",
        "azurerm_databricks_workspace",
        {"sku": "standard"},
        [
            (
                "All-purpose Compute (Standard)",
                "? DBU-hours",
                "Azure Databricks meterName=Standard All-purpose Compute DBU productName=Azure Databricks skuName=Standard All-purpose Compute",
            ),
            (
                "Jobs Compute (Standard)",
                "? DBU-hours",
                "Azure Databricks meterName=Standard Jobs Compute DBU productName=Azure Databricks skuName=Standard Jobs Compute",
            ),
            (
                "Jobs Light Compute (Standard)",
                "? DBU-hours",
                "Azure Databricks meterName=Standard Jobs Light Compute DBU productName=Azure Databricks skuName=Standard Jobs Light Compute",
            ),
        ],
    ),
    Case(
        "trial workspace",
        "azurerm_databricks_workspace",
        {"sku": "trial"},
        [
            ("Databricks trial", "1 months", "fixed 0 USD"),
        ],
    ),
]

test_table = table_test(CASES)
