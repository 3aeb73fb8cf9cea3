"""Table tests: costlib.resources.azure.automation (https://azure.microsoft.com/pricing/details/automation/)."""

from tests.resources.table import Case, table_test

RT = "Automation meterName=Basic Runtime productName=Process Automation skuName=Basic"
W = "Automation meterName=Watcher productName=Process Automation skuName=Basic"
N = "Automation meterName=Non-Azure Node productName=Configuration Management"

CASES = [
    Case("account with job minutes, watcher hours and nodes", "azurerm_automation_account", {"sku_name": "Basic"}, [
        ("Job run minutes", "1000 minutes", RT),
        ("Watcher hours", "100 hours", W),
        ("State Configuration nodes outside Azure", "2 nodes", N),
    ], usage={"monthly_job_run_mins": 1000, "monthly_watcher_hrs": 100, "non_azure_config_node_count": 2}),
    Case("account without usage", "azurerm_automation_account", {}, [
        ("Job run minutes", "? minutes", RT),
        ("Watcher hours", "? hours", W),
        ("State Configuration nodes outside Azure", "? nodes", N),
    ]),
    Case("job schedule", "azurerm_automation_job_schedule", {}, [("Job run minutes", "60 minutes", RT)],
         usage={"monthly_job_run_mins": 60}),
    Case("DSC configuration", "azurerm_automation_dsc_configuration", {}, [
        ("State Configuration nodes outside Azure", "3 nodes", N),
    ], usage={"non_azure_config_node_count": 3}),
    Case("DSC node configuration without usage", "azurerm_automation_dsc_nodeconfiguration", {}, [
        ("State Configuration nodes outside Azure", "? nodes", N),
    ]),
    Case("watcher runs all month", "azurerm_automation_watcher", {}, [("Watcher hours", "730 hours", W)]),
    Case("watcher running 200 hours", "azurerm_automation_watcher", {}, [("Watcher hours", "200 hours", W)],
         usage={"monthly_watcher_hrs": 200}),
]

test_table = table_test(CASES)
