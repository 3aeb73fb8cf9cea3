"""Azure public IPs and App Service plans.

Pricing: https://azure.microsoft.com/pricing/details/ip-addresses/ and
https://azure.microsoft.com/pricing/details/app-service/linux/ (and /windows/).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr
from costlib.resources._q import azure, hourly
from costlib.resources.azure._common import location
from costlib.resources.registry import register

__all__ = ["azurerm_public_ip", "azurerm_service_plan"]


@register("azurerm_public_ip")
def azurerm_public_ip(spec: ResourceSpec) -> list[CostComponent]:
    """A public IPv4 address: ``sku`` (Standard default, Basic) and ``allocation_method`` (Static, Dynamic).

    Pricing: https://azure.microsoft.com/pricing/details/ip-addresses/
    """
    sku = str(attr(spec, "sku", "Standard"))
    method = str(attr(spec, "allocation_method", "Static"))
    if sku not in ("Standard", "Basic") or method not in ("Static", "Dynamic"):
        raise InputError(f"unknown public IP sku/allocation {sku}/{method}", where=spec.address)
    meter = f"{sku} IPv4 {method} Public IP"
    return [hourly(f"Public IP ({sku}, {method})",
                   azure("Virtual Network", location(spec), productName="IP Addresses", skuName=sku, meterName=meter))]


_TIERS = {"F": "Free", "D": "Shared", "B": "Basic", "S": "Standard", "P": "Premium", "I": "Isolated"}


@register("azurerm_service_plan")
def azurerm_service_plan(spec: ResourceSpec) -> list[CostComponent]:
    """An App Service plan: ``sku_name`` (B1, S1, P1v3 ...), ``os_type`` (Linux, Windows), ``worker_count``.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/linux/
    """
    sku = str(attr(spec, "sku_name", "B1"))
    os_type = str(attr(spec, "os_type", "Linux"))
    tier = _TIERS.get(sku[:1])
    if tier is None:
        raise InputError(f"unknown sku_name {sku!r}", where=spec.address)
    workers = Decimal(str(attr(spec, "worker_count", 1)))
    plan = f"Azure App Service {tier} Plan" + (" - Linux" if os_type == "Linux" else "")
    return [hourly(f"App Service plan ({os_type}, {sku})",
                   azure("Azure App Service", location(spec), productName=plan, skuName=sku, meterName=f"{sku} App"),
                   workers, unit="instance-hours")]
