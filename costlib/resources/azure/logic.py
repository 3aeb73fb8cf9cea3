"""Azure Logic Apps: Standard logic apps, integration accounts and integration service environments.

Pricing: https://azure.microsoft.com/pricing/details/logic-apps/ - a Standard logic app runs on a Workflow
Standard (WS1-WS3) plan, billed per vCPU-hour and GiB-hour on the plan; the app itself bills its managed
connector calls (standard and enterprise) per call. Integration accounts: Basic, Standard or Premium per month
(Free: no charge). An integration service environment (retired by Azure): a base unit per hour (Premium; the
Developer SKU has its own base unit) plus each scale unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly, usage_based
from costlib.resources.azure._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_integration_service_environment", "azurerm_logic_app_integration_account",
           "azurerm_logic_app_standard"]


class StandardUsage(Usage):
    monthly_standard_connector_calls: Quantity | None = usage_key("Managed standard connector calls a month",
                                                                  unit="calls")
    monthly_enterprise_connector_calls: Quantity | None = usage_key("Managed enterprise connector calls a month",
                                                                    unit="calls")


class LogicAppStandard(AzureInputs):
    pass


@resource("azurerm_logic_app_standard", example={})
def azurerm_logic_app_standard(i: LogicAppStandard, u: StandardUsage) -> list[CostComponent]:
    """A Standard logic app: managed connector calls from usage (its vCPU and memory are billed on its Workflow
    Standard plan).

    Pricing: https://azure.microsoft.com/pricing/details/logic-apps/
    """
    return [
        usage_based("Standard connector calls", azure("Logic Apps", i.region, productName="Logic Apps",
                                                      skuName="Consumption",
                                                      meterName="Consumption Standard Connector Actions"),
                    u.monthly_standard_connector_calls, unit="calls", usage_key="monthly_standard_connector_calls"),
        usage_based("Enterprise connector calls", azure("Logic Apps", i.region, productName="Logic Apps",
                                                        skuName="Consumption",
                                                        meterName="Consumption Enterprise Connector Actions"),
                    u.monthly_enterprise_connector_calls, unit="calls",
                    usage_key="monthly_enterprise_connector_calls"),
    ]


class IntegrationAccount(AzureInputs):
    sku_name: Annotated[str, choice("Free", "Basic", "Standard", "Premium")]


@resource("azurerm_logic_app_integration_account", example={"sku_name": "Basic"})
def azurerm_logic_app_integration_account(i: IntegrationAccount) -> list[CostComponent]:
    """An integration account: ``sku_name`` Basic, Standard or Premium per month; Free has no charge.

    Pricing: https://azure.microsoft.com/pricing/details/logic-apps/
    """
    if i.sku_name == "Free":
        return [no_charge("Integration account (Free)", "the Free tier has no charge")]
    return [monthly(f"Integration account ({i.sku_name})",
                    azure("Logic Apps", i.region, productName="Logic Apps Integration Account", skuName=i.sku_name,
                          meterName=f"{i.sku_name} Unit"), Decimal(1), unit="months")]


class Ise(AzureInputs):
    sku_name: str = "Premium_0"


@resource("azurerm_integration_service_environment", example={"sku_name": "Premium_1"})
def azurerm_integration_service_environment(i: Ise) -> list[CostComponent]:
    """An integration service environment (retired by Azure): ``sku_name`` Developer_0 (the Developer base unit)
    or Premium_N (the base unit plus N scale units), per hour.

    Pricing: https://azure.microsoft.com/pricing/details/logic-apps/
    """
    kind, _, units = i.sku_name.partition("_")
    if kind.lower() not in ("developer", "premium") or not (units.isascii() and units.isdigit()):
        raise InputError(f"sku_name {i.sku_name!r} is not Developer_0 or Premium_0..Premium_10")
    if kind.lower() == "developer":
        if units != "0":
            raise InputError("a Developer integration service environment has no scale units (Developer_0)")
        return [hourly("Base unit (Developer)", azure("Logic Apps", i.region,
                                                      productName="Logic Apps Integration Service Environment - "
                                                                  "Developer", skuName="Base", meterName="Base Unit"))]
    out = [hourly("Base unit (Premium)", azure("Logic Apps", i.region,
                                               productName="Logic Apps Integration Service Environment",
                                               skuName="Base", meterName="Base Unit"))]
    if int(units):
        out.append(hourly(f"Scale units ({units})", azure("Logic Apps", i.region,
                                                          productName="Logic Apps Integration Service Environment",
                                                          skuName="Scale", meterName="Scale Unit"),
                          Decimal(int(units)), unit="unit-hours"))
    return out
