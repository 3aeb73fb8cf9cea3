"""Azure public IPs and App Service plans.

Pricing: https://azure.microsoft.com/pricing/details/ip-addresses/ and
https://azure.microsoft.com/pricing/details/app-service/linux/ (and /windows/).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, choice

__all__ = ["azurerm_public_ip", "azurerm_service_plan"]


class PublicIp(AzureInputs):
    sku: Annotated[str, choice("Standard", "Basic")] = "Standard"
    allocation_method: Annotated[str, choice("Static", "Dynamic")] = "Static"


@resource("azurerm_public_ip", example={"sku": "Standard", "allocation_method": "Static"})
def azurerm_public_ip(i: PublicIp) -> list[CostComponent]:
    """A public IPv4 address: ``sku`` (Standard default, Basic) and ``allocation_method`` (Static, Dynamic).

    Pricing: https://azure.microsoft.com/pricing/details/ip-addresses/
    """
    sku, method = i.sku, i.allocation_method
    meter = f"{sku} IPv4 {method} Public IP"
    return [hourly(f"Public IP ({sku}, {method})",
                   azure("Virtual Network", i.region, productName="IP Addresses", skuName=sku, meterName=meter))]


_TIERS = {"F": "Free", "D": "Shared", "B": "Basic", "S": "Standard", "P": "Premium", "I": "Isolated"}


class ServicePlan(AzureInputs):
    sku_name: str = "B1"
    os_type: Annotated[str, choice("Linux", "Windows", "WindowsContainer")] = "Linux"
    worker_count: Count = 1


@resource("azurerm_service_plan", example={"sku_name": "P1v3", "os_type": "Linux"})
def azurerm_service_plan(i: ServicePlan) -> list[CostComponent]:
    """An App Service plan: ``sku_name`` (B1, S1, P1v3 ...), ``os_type`` (Linux, Windows), ``worker_count``.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/linux/
    """
    sku, os_type = i.sku_name, i.os_type
    tier = _TIERS.get(sku[:1].upper())
    if tier is None:
        raise InputError(f"unknown sku_name {sku!r}")
    workers = Decimal(i.worker_count)
    plan = f"Azure App Service {tier} Plan" + (" - Linux" if os_type == "Linux" else "")
    return [hourly(f"App Service plan ({os_type}, {sku})",
                   azure("Azure App Service", i.region, productName=plan, skuName=sku, meterName=f"{sku} App"),
                   workers, unit="instance-hours")]
