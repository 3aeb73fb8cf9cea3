"""Table tests: costlib.resources.azure.network (public IPs and prefixes, App Service plans).

Rows follow https://azure.microsoft.com/pricing/details/ip-addresses/ (per address-hour; IPv6 free) and
https://azure.microsoft.com/pricing/details/app-service/linux/ (per instance-hour).
"""

from tests.resources.table import Case, table_test

IP = "Virtual Network meterName={m} productName=IP Addresses skuName={s}"
DDOS = "Azure DDOS Protection meterName=IP Protection Resource skuName=Azure DDoS Protection IP Protection"
PLAN = "Azure App Service productName={p} skuName={s}"

CASES = [
    Case("default: Standard static IPv4", "azurerm_public_ip", {"allocation_method": "Static"}, [
        ("Public IP (Standard, Static)", "730 hours", IP.format(m="Standard IPv4 Static Public IP", s="Standard")),
    ]),
    Case("Basic dynamic", "azurerm_public_ip", {"sku": "Basic", "allocation_method": "Dynamic"}, [
        ("Public IP (Basic, Dynamic)", "730 hours", IP.format(m="Basic IPv4 Dynamic Public IP", s="Basic")),
    ]),
    Case("Basic static", "azurerm_public_ip", {"sku": "basic", "allocation_method": "static"}, [
        ("Public IP (Basic, Static)", "730 hours", IP.format(m="Basic IPv4 Static Public IP", s="Basic")),
    ]),
    Case("Global tier", "azurerm_public_ip", {"sku": "Standard", "sku_tier": "Global", "allocation_method": "Static"}, [
        ("Public IP (Global, Static)", "730 hours", IP.format(m="Global IPv4 Static Public IP", s="Global")),
    ]),
    Case("IPv6 has no charge", "azurerm_public_ip", {"ip_version": "IPv6", "allocation_method": "Static"}, [
        ("Public IPv6 address (Standard)", "1 addresses", "fixed 0 USD"),
    ]),
    Case("DDoS IP Protection on the address", "azurerm_public_ip",
         {"allocation_method": "Static", "ddos_protection_mode": "Enabled"}, [
        ("Public IP (Standard, Static)", "730 hours", IP.format(m="Standard IPv4 Static Public IP", s="Standard")),
        ("DDoS IP Protection", "730 hours", DDOS),
    ]),
    Case("DDoS mode Enabled with a plan: the plan covers it", "azurerm_public_ip",
         {"allocation_method": "Static", "ddos_protection_mode": "Enabled", "ddos_protection_plan_id": "/plan"}, [
        ("Public IP (Standard, Static)", "730 hours", IP.format(m="Standard IPv4 Static Public IP", s="Standard")),
    ]),
    Case("prefix /28: 16 addresses", "azurerm_public_ip_prefix", {}, [
        ("Public IP prefix (/28, 16 addresses)", "11680 address-hours",
         "Virtual Network productName=Public IP Prefix skuName=Standard"),
    ]),
    Case("prefix /30, global", "azurerm_public_ip_prefix", {"prefix_length": 30, "sku_tier": "Global"}, [
        ("Public IP prefix (/30, 4 addresses)", "2920 address-hours",
         "Virtual Network productName=Public IP Prefix skuName=Global"),
    ]),
    Case("IPv6 prefix has no charge", "azurerm_public_ip_prefix", {"ip_version": "IPv6", "prefix_length": 124}, [
        ("Public IPv6 prefix (/124)", "1 months", "fixed 0 USD"),
    ]),
    Case("plan B1 Linux (default)", "azurerm_service_plan", {}, [
        ("App Service plan (Linux, B1)", "730 instance-hours",
         PLAN.format(p="Azure App Service Basic Plan - Linux", s="B1")),
    ]),
    Case("plan P1v3 Windows x2", "azurerm_service_plan", {"sku_name": "P1v3", "os_type": "Windows", "worker_count": 2}, [
        ("App Service plan (Windows, P1v3)", "1460 instance-hours",
         PLAN.format(p="Azure App Service Premium v3 Plan", s="P1 v3")),
    ]),
    Case("plan P0v3 Linux", "azurerm_service_plan", {"sku_name": "P0v3"}, [
        ("App Service plan (Linux, P0v3)", "730 instance-hours",
         PLAN.format(p="Azure App Service Premium v3 Plan - Linux", s="P0v3")),
    ]),
    Case("plan P2mv3", "azurerm_service_plan", {"sku_name": "P2mv3"}, [
        ("App Service plan (Linux, P2mv3)", "730 instance-hours",
         PLAN.format(p="Azure App Service Premium v3 Plan - Linux", s="P2mv3")),
    ]),
    Case("plan P1v4", "azurerm_service_plan", {"sku_name": "P1v4", "os_type": "Windows"}, [
        ("App Service plan (Windows, P1v4)", "730 instance-hours",
         PLAN.format(p="Azure App Service Premium v4 Plan", s="P1v4")),
    ]),
    Case("plan P1v2 Linux", "azurerm_service_plan", {"sku_name": "P1v2"}, [
        ("App Service plan (Linux, P1v2)", "730 instance-hours",
         PLAN.format(p="Azure App Service Premium v2 Plan - Linux", s="P1 v2")),
    ]),
    Case("plan Isolated v2", "azurerm_service_plan", {"sku_name": "I2v2", "worker_count": 3}, [
        ("App Service plan (Linux, I2v2)", "2190 instance-hours",
         PLAN.format(p="Azure App Service Isolated v2 Plan - Linux", s="I2 v2")),
    ]),
    Case("plan Windows container: Windows price", "azurerm_service_plan",
         {"sku_name": "P1v3", "os_type": "WindowsContainer"}, [
        ("App Service plan (Windows, P1v3)", "730 instance-hours",
         PLAN.format(p="Azure App Service Premium v3 Plan", s="P1 v3")),
    ]),
    Case("zone redundant: at least two instances", "azurerm_service_plan",
         {"sku_name": "P1v3", "worker_count": 1, "zone_balancing_enabled": True}, [
        ("App Service plan (Linux, P1v3)", "1460 instance-hours",
         PLAN.format(p="Azure App Service Premium v3 Plan - Linux", s="P1 v3")),
    ]),
    Case("zone redundant with more instances keeps them", "azurerm_service_plan",
         {"sku_name": "P1v3", "worker_count": 3, "zone_balancing_enabled": True}, [
        ("App Service plan (Linux, P1v3)", "2190 instance-hours",
         PLAN.format(p="Azure App Service Premium v3 Plan - Linux", s="P1 v3")),
    ]),
    Case("free tier", "azurerm_service_plan", {"sku_name": "F1"}, [
        ("App Service plan (Free F1)", "1 months", "fixed 0 USD"),
    ]),
    Case("consumption plan", "azurerm_service_plan", {"sku_name": "Y1"}, [
        ("App Service plan (Consumption Y1)", "1 months", "fixed 0 USD"),
    ]),
    Case("elastic premium not modelled", "azurerm_service_plan", {"sku_name": "EP1"}, [
        ("App Service plan (Elastic Premium EP1)", "?", "not modelled"),
    ]),
]

test_table = table_test(CASES)


def _price(type_: str, attributes: dict[str, object]) -> object:
    from costlib.inputs.typed import parse
    from costlib.models import ResourceSpec

    spec = ResourceSpec(address=f"{type_}.x", type=type_, provider="azure", region="eastus", attributes=attributes)
    return [c for p in parse(spec).parts for c in p.rtype.price(p.inputs, p.usage)]


def test_configurations_azure_refuses_are_input_errors() -> None:
    import pytest

    from costlib.errors import InputError

    refused = [
        ("azurerm_public_ip", {"sku": "Standard", "allocation_method": "Dynamic"}, "must be Static"),
        ("azurerm_public_ip", {"sku": "Basic", "sku_tier": "Global", "allocation_method": "Static"}, "Global tier"),
        ("azurerm_public_ip_prefix", {"prefix_length": 20}, "/21 to /31"),
        ("azurerm_public_ip_prefix", {"ip_version": "IPv6", "prefix_length": 12}, "/28 to /127"),
        ("azurerm_service_plan", {"sku_name": "B1", "zone_balancing_enabled": True}, "cannot be zone redundant"),
        ("azurerm_service_plan", {"sku_name": "Q9"}, "unknown App Service plan SKU"),
    ]
    for type_, attributes, words in refused:
        with pytest.raises(InputError, match=words):
            _price(type_, attributes)

