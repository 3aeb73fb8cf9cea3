"""Table tests: costlib.resources.azure.sentinel (https://azure.microsoft.com/pricing/details/microsoft-sentinel/)."""

from tests.resources.table import Case, table_test

S = "Sentinel meterName=Pay-as-you-go Analysis productName=Sentinel skuName=Pay-as-you-go"

CASES = [
    *[Case(f"{name} connector with 40 GB", f"azurerm_sentinel_data_connector_{name}", {"name": "c"}, [
        ("Sentinel data analysis (pay-as-you-go)", "40 GB", S),
    ], usage={"monthly_data_ingested_gb": 40}) for name in ("aws_cloud_trail", "azure_active_directory",
                                                              "threat_intelligence")],
    Case("connector without usage", "azurerm_sentinel_data_connector_azure_active_directory", {"name": "c"}, [
        ("Sentinel data analysis (pay-as-you-go)", "? GB", S),
    ]),
    Case("Defender for Cloud Apps with discovery logs", "azurerm_sentinel_data_connector_microsoft_cloud_app_security",
         {"name": "mcas"}, [("Discovery logs (pay-as-you-go)", "5 GB", S)], usage={"monthly_data_ingested_gb": 5}),
    Case("Defender for Cloud Apps alerts only: free", "azurerm_sentinel_data_connector_microsoft_cloud_app_security",
         {"name": "mcas", "discovery_logs_enabled": False}, [
        ("Defender for Cloud Apps alerts", "1 connectors", "fixed 0 USD"),
    ]),
]

test_table = table_test(CASES)
