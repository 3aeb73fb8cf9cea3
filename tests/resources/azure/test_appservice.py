"""Table tests: costlib.resources.azure.appservice (plans per instance-hour, Free and Consumption at no charge, Static Web Apps)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "legacy plan: Linux P1v3 x 2 instances",
        "azurerm_app_service_plan",
        {"kind": "Linux", "reserved": True, "sku": [{"tier": "PremiumV3", "size": "P1v3", "capacity": 2}]},
        [
            (
                "App Service plan (Linux, P1 v3)",
                "1460 instance-hours",
                "Azure App Service productName=Azure App Service Premium v3 Plan - Linux skuName=P1 v3",
            ),
        ],
    ),
    Case(
        "legacy plan: Windows S1, one instance by default",
        "azurerm_app_service_plan",
        {"kind": "Windows", "sku": [{"tier": "Standard", "size": "S1"}]},
        [
            (
                "App Service plan (Windows, S1)",
                "730 instance-hours",
                "Azure App Service productName=Azure App Service Standard Plan skuName=S1",
            ),
        ],
    ),
    Case(
        "legacy plan: Basic B1 Linux by kind",
        "azurerm_app_service_plan",
        {"kind": "linux", "sku": [{"tier": "Basic", "size": "B1"}]},
        [
            (
                "App Service plan (Linux, B1)",
                "730 instance-hours",
                "Azure App Service productName=Azure App Service Basic Plan - Linux skuName=B1",
            ),
        ],
    ),
    Case(
        "legacy plan: Isolated v2 I1v2",
        "azurerm_app_service_plan",
        {"sku": [{"tier": "IsolatedV2", "size": "I1v2", "capacity": 3}]},
        [
            (
                "App Service plan (Windows, I1 v2)",
                "2190 instance-hours",
                "Azure App Service productName=Azure App Service Isolated v2 Plan skuName=I1 v2",
            ),
        ],
    ),
    Case(
        "legacy plan: Free F1 has no charge",
        "azurerm_app_service_plan",
        {"sku": [{"tier": "Free", "size": "F1"}]},
        [
            ("App Service plan (Free F1)", "1 months", "fixed 0 USD"),
        ],
    ),
    Case(
        "legacy plan: Shared D1 per app",
        "azurerm_app_service_plan",
        {"sku": [{"tier": "Shared", "size": "D1"}]},
        [
            (
                "App Service plan (Shared D1, per app)",
                "730 app-hours",
                "Azure App Service productName=Azure App Service Shared Plan skuName=D1",
            ),
        ],
    ),
    Case(
        "legacy plan: Consumption (Dynamic Y1) has no charge",
        "azurerm_app_service_plan",
        {"kind": "FunctionApp", "sku": [{"tier": "Dynamic", "size": "Y1"}]},
        [
            ("Consumption plan", "1 months", "fixed 0 USD"),
        ],
    ),
    Case(
        "legacy plan: Elastic Premium EP2 x 3: vCPU and memory",
        "azurerm_app_service_plan",
        {"kind": "elastic", "sku": [{"tier": "ElasticPremium", "size": "EP2", "capacity": 3}]},
        [
            (
                "Elastic Premium vCPU (EP2, 2 vCPU x 3)",
                "4380 vCPU-hours",
                "Functions meterName=Premium vCPU Duration productName=Premium Functions skuName=Premium",
            ),
            (
                "Elastic Premium memory (EP2, 7 GiB x 3)",
                "15330 GiB-hours",
                "Functions meterName=Premium Memory Duration productName=Premium Functions skuName=Premium",
            ),
        ],
    ),
    Case(
        "legacy plan: Workflow Standard WS1",
        "azurerm_app_service_plan",
        {"kind": "elastic", "sku": [{"tier": "WorkflowStandard", "size": "WS1"}]},
        [
            (
                "Workflow Standard vCPU (WS1, 1 vCPU x 1)",
                "730 vCPU-hours",
                "Logic Apps meterName=Standard vCPU Duration productName=Logic Apps skuName=Standard",
            ),
            (
                "Workflow Standard memory (WS1, 3.5 GiB x 1)",
                "2555 GiB-hours",
                "Logic Apps meterName=Standard Memory Duration productName=Logic Apps skuName=Standard",
            ),
        ],
    ),
    Case(
        "environment v2: stamp fee (Windows by default)",
        "azurerm_app_service_environment",
        {"pricing_tier": "I1"},
        [
            (
                "Environment stamp fee (Windows)",
                "730 hours",
                "Azure App Service productName=Azure App Service Isolated Plan skuName=Stamp",
            ),
        ],
    ),
    Case(
        "environment v2 with Linux plans",
        "azurerm_app_service_environment",
        {},
        [
            (
                "Environment stamp fee (Linux)",
                "730 hours",
                "Azure App Service productName=Azure App Service Isolated Plan - Linux skuName=Stamp",
            ),
        ],
        usage={"operating_system": "linux"},
    ),
    Case(
        "static web app: Free by default",
        "azurerm_static_web_app",
        {},
        [
            ("Static Web App (Free plan)", "1 months", "fixed 0 USD"),
        ],
    ),
    Case(
        "static web app: Standard per month",
        "azurerm_static_web_app",
        {"sku_tier": "Standard", "sku_size": "Standard"},
        [
            (
                "Static Web App (Standard plan)",
                "1 months",
                "Azure App Service meterName=Standard App productName=Static Web Apps skuName=Standard",
            ),
        ],
    ),
    Case(
        "static site: Standard, bandwidth overage is per subscription",
        "azurerm_static_site",
        {"sku_tier": "Standard"},
        [
            (
                "Static Web App (Standard plan)",
                "1 months",
                "Azure App Service meterName=Standard App productName=Static Web Apps skuName=Standard",
            ),
            ("Bandwidth above the included 100 GB", "?", "not modelled"),
        ],
        usage={"monthly_bandwidth_gb": 500},
    ),
]

test_table = table_test(CASES)


def test_unknown_plan_sizes_and_linux_shared_are_refused() -> None:
    for attrs, match in (
        ({"sku": [{"size": "Q9"}]}, "unknown App Service plan size 'Q9'"),
        ({"kind": "Linux", "sku": [{"size": "D1"}]}, "Windows only"),
    ):
        part = parse(
            ResourceSpec(
                address="azurerm_app_service_plan.p",
                type="azurerm_app_service_plan",
                provider="azure",
                region="eastus",
                attributes=attrs,
            )
        ).parts[0]
        with pytest.raises(InputError, match=match):
            part.rtype.price(part.inputs, part.usage)
