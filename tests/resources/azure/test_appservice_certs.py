"""Table tests: costlib.resources.azure.appservice_certs
(https://azure.microsoft.com/pricing/details/app-service/windows/): SNI SSL and custom domains free, IP SSL monthly."""

from tests.resources.table import Case, table_test

IP = "Azure App Service meterName=IP SSL productName=Azure App Service SSL Connections skuName=IP SSL"

CASES = [
    Case("SNI binding (default)", "azurerm_app_service_certificate_binding", {}, [
        ("TLS binding (SNI SSL)", "1 bindings", "fixed 0 USD"),
    ]),
    Case("IP-based binding", "azurerm_app_service_certificate_binding", {"ssl_state": "IpBasedEnabled"}, [
        ("TLS binding (IP SSL)", "1 bindings", IP),
    ]),
    Case("custom domain without TLS", "azurerm_app_service_custom_hostname_binding", {"hostname": "www.example.com"}, [
        ("Custom domain binding (no TLS)", "1 bindings", "fixed 0 USD"),
    ]),
    Case("custom domain with IP SSL", "azurerm_app_service_custom_hostname_binding",
         {"hostname": "www.example.com", "ssl_state": "IpBasedEnabled"}, [
        ("Custom domain binding (IP SSL)", "1 bindings", IP),
    ]),
]

test_table = table_test(CASES)
