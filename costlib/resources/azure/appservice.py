"""Azure App Service: the legacy App Service plan, App Service Environments (v2) and Static Web Apps; the plan
pricing other modules reuse (``plan_components``).

Pricing: https://azure.microsoft.com/pricing/details/app-service/windows/ (and /linux/): a plan bills each
instance (``capacity``) per hour at its tier and size (Free has no charge; Shared bills per app); Elastic Premium
(EP1-EP3) plans bill Functions Premium vCPU and memory per instance-hour
(https://azure.microsoft.com/pricing/details/functions/); Workflow Standard (WS1-WS3) plans bill Logic Apps
Standard vCPU and memory (https://azure.microsoft.com/pricing/details/logic-apps/); a Consumption (Y1) plan has
no charge of its own. Static Web Apps: https://azure.microsoft.com/pricing/details/app-service/static/ (Free: no
charge; Standard: per app a month; bandwidth above the included 100 GB is per subscription).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly, unmodelled
from costlib.resources.azure._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Block, Count, Model, Usage, choice, usage_key

__all__ = ["azurerm_app_service_environment", "azurerm_app_service_plan", "azurerm_static_site",
           "azurerm_static_web_app", "plan_components", "premium_instance"]

#: Elastic Premium / Workflow Standard sizes: (vCPUs, GiB of memory) per instance
_SIZES = {"1": (Decimal(1), Decimal("3.5")), "2": (Decimal(2), Decimal(7)), "3": (Decimal(4), Decimal(14))}
_PLAN = re.compile(r"^(F|D|B|S|P|I)(\d+)(m?)(v\d)?$", re.IGNORECASE)
_TIER = {"B": "Basic", "S": "Standard", "P": "Premium", "I": "Isolated"}


def premium_instance(region: str, size: str, instances: Decimal, *, service: str, product: str, sku: str,
                     label: str) -> list[CostComponent]:
    """vCPU and memory hours of ``instances`` Elastic Premium (EP1-3) or Workflow Standard (WS1-3) instances."""
    cpu, mem = _SIZES[size[-1]]
    head = sku if service == "Logic Apps" else "Premium"
    return [hourly(f"{label} vCPU ({size}, {cpu} vCPU x {instances})",
                   azure(service, region, productName=product, skuName=sku, meterName=f"{head} vCPU Duration"),
                   cpu * instances, unit="vCPU-hours"),
            hourly(f"{label} memory ({size}, {mem} GiB x {instances})",
                   azure(service, region, productName=product, skuName=sku, meterName=f"{head} Memory Duration"),
                   mem * instances, unit="GiB-hours")]


def plan_components(region: str, size: str, os_name: str, instances: Decimal) -> list[CostComponent]:
    """The hourly components of an App Service plan of ``size`` (B1, S1, P1v3, I1v2, EP1, WS1, Y1 ...) running
    ``instances`` instances of ``os_name`` (Linux or Windows).

    >>> [c.query.attrs["skuName"] for c in plan_components("eastus", "P1v3", "Linux", Decimal(2))]
    ['P1 v3']
    """
    key = size.strip().upper()
    if key in ("Y1", "DYNAMIC"):
        return [no_charge("Consumption plan", "a Consumption plan has no charge: executions are billed on its "
                                              "function apps")]
    if re.fullmatch(r"EP[123]", key):
        return premium_instance(region, key, max(instances, Decimal(1)), service="Functions",
                                product="Premium Functions", sku="Premium", label="Elastic Premium")
    if re.fullmatch(r"WS[123]", key):
        return premium_instance(region, key, max(instances, Decimal(1)), service="Logic Apps", product="Logic Apps",
                                sku="Standard", label="Workflow Standard")
    m = _PLAN.match(size.strip())
    if m is None:
        raise InputError(f"unknown App Service plan size {size!r} (B1, S1, P1v3, I1v2, EP1, WS1, Y1 ...)")
    letter, number, memory, version = m.group(1).upper(), m.group(2), m.group(3).lower(), (m.group(4) or "").lower()
    if letter == "F":
        return [no_charge(f"App Service plan (Free {key})", "the Free tier has no charge")]
    if letter == "D":
        if os_name == "Linux":
            raise InputError("the Shared (D1) tier is Windows only")
        return [hourly(f"App Service plan (Shared {key}, per app)",
                       azure("Azure App Service", region, productName="Azure App Service Shared Plan", skuName=key),
                       instances, unit="app-hours")]
    tier = _TIER[letter] + (f" {version}" if version else "")
    sku = f"{letter}{number}{memory}" + (f" {version}" if version else "")
    product = f"Azure App Service {tier} Plan" + (" - Linux" if os_name == "Linux" else "")
    return [hourly(f"App Service plan ({os_name}, {sku})",
                   azure("Azure App Service", region, productName=product, skuName=sku), instances,
                   unit="instance-hours")]


class PlanSku(Model):
    tier: str | None = None
    size: str
    capacity: Count | None = None


class AppServicePlan(AzureInputs):
    kind: str = "Windows"
    reserved: bool = False
    sku: Block[PlanSku] = None


@resource("azurerm_app_service_plan", example={"kind": "Linux", "reserved": True,
                                               "sku": [{"tier": "PremiumV3", "size": "P1v3", "capacity": 2}]})
def azurerm_app_service_plan(i: AppServicePlan) -> list[CostComponent]:
    """A legacy App Service plan: ``sku.size`` x ``sku.capacity`` (default 1) instance-hours, Linux when ``kind``
    is Linux or ``reserved`` (else Windows); Elastic Premium and Workflow Standard sizes by vCPU and memory; a
    Consumption (Dynamic) plan has no charge.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/windows/
    """
    if i.sku is None:
        raise InputError("sku.size is required")
    linux = i.reserved or i.kind.lower() == "linux"
    return plan_components(i.region, i.sku.size, "Linux" if linux else "Windows", Decimal(i.sku.capacity or 1))


class Environment(AzureInputs):
    pricing_tier: Annotated[str, choice("I1", "I2", "I3")] = "I1"
    front_end_scale_factor: Count = 15


class EnvironmentUsage(Usage):
    operating_system: Annotated[str, choice("linux", "windows")] = usage_key(
        "Operating system of the environment's plans (Infracost's key): linux or windows", unit="", default="windows")


@resource("azurerm_app_service_environment", example={"pricing_tier": "I1"})
def azurerm_app_service_environment(i: Environment, u: EnvironmentUsage) -> list[CostComponent]:
    """An App Service Environment v2 (retired by Azure: no new environments): the stamp fee per hour; its
    Isolated plans are priced on the plans.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/windows/ (Isolated)
    """
    linux = u.operating_system == "linux"
    product = "Azure App Service Isolated Plan" + (" - Linux" if linux else "")
    return [hourly(f"Environment stamp fee ({'Linux' if linux else 'Windows'})",
                   azure("Azure App Service", i.region, productName=product, skuName="Stamp"))]


class StaticSiteUsage(Usage):
    monthly_bandwidth_gb: GB | None = usage_key(
        "Bandwidth a month (above the 100 GB per subscription it is billed per GB)", unit="GB")


class StaticSite(AzureInputs):
    sku_tier: Annotated[str, choice("Free", "Standard")] = "Free"
    sku_size: Annotated[str, choice("Free", "Standard")] | None = None


def _static(i: StaticSite, u: StaticSiteUsage) -> list[CostComponent]:
    tier = i.sku_size or i.sku_tier
    out = ([no_charge("Static Web App (Free plan)", "the Free plan has no charge")] if tier == "Free" else
           [monthly("Static Web App (Standard plan)",
                    azure("Azure App Service", i.region, productName="Static Web Apps", skuName="Standard",
                          meterName="Standard App"), Decimal(1), unit="months")])
    if u.monthly_bandwidth_gb:
        out.append(unmodelled("Bandwidth above the included 100 GB", "the allowance is per subscription: the "
                                                                     "overage cannot be told from one app"))
    return out


@resource("azurerm_static_web_app", example={"sku_tier": "Standard", "sku_size": "Standard"})
def azurerm_static_web_app(i: StaticSite, u: StaticSiteUsage) -> list[CostComponent]:
    """A Static Web App: ``sku_tier`` Free (no charge, the default) or Standard (per app a month).

    Pricing: https://azure.microsoft.com/pricing/details/app-service/static/
    """
    return _static(i, u)


@resource("azurerm_static_site", example={"sku_tier": "Standard", "sku_size": "Standard"})
def azurerm_static_site(i: StaticSite, u: StaticSiteUsage) -> list[CostComponent]:
    """A Static Web App (the legacy type): as azurerm_static_web_app.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/static/
    """
    return _static(i, u)
