"""Azure public IP addresses and prefixes, and App Service plans.

Pricing: https://azure.microsoft.com/pricing/details/ip-addresses/ (per IPv4 address-hour by SKU, static or
dynamic, regional or global; IPv6 addresses and prefixes have no charge; a prefix bills every address in it) and
https://azure.microsoft.com/pricing/details/app-service/linux/ (and /windows/): per instance-hour of the plan's
SKU, Linux and Windows at their own prices; a zone-redundant plan runs at least two instances
(https://learn.microsoft.com/azure/reliability/reliability-app-service). Retail meters spell some sizes with a
space ("P1 v3", "I1 v2") and others without ("P0v3", "P1mv3", "P1v4"): :func:`retail_sku` gives the spelling.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, unmodelled
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, choice

__all__ = ["azurerm_public_ip", "azurerm_public_ip_prefix", "azurerm_service_plan", "plan_product", "retail_sku"]


class PublicIp(AzureInputs):
    sku: Annotated[str, choice("Standard", "Basic")] = "Standard"
    sku_tier: Annotated[str, choice("Regional", "Global")] = "Regional"
    allocation_method: Annotated[str, choice("Static", "Dynamic")] = "Static"
    ip_version: Annotated[str, choice("IPv4", "IPv6")] = "IPv4"
    ddos_protection_mode: Annotated[str, choice("VirtualNetworkInherited", "Enabled", "Disabled")] = (
        "VirtualNetworkInherited")
    ddos_protection_plan_id: str | None = None


@resource("azurerm_public_ip", example={"sku": "Standard", "allocation_method": "Static"})
def azurerm_public_ip(i: PublicIp) -> list[CostComponent]:
    """A public IP address: ``sku`` (Standard default; Basic, retired 30 September 2025, still metered),
    ``allocation_method`` (Standard is static only), ``sku_tier`` (Regional, or Global for cross-region load
    balancers), ``ip_version`` (IPv6 addresses have no charge); ``ddos_protection_mode = "Enabled"`` without a
    DDoS plan adds DDoS IP Protection per hour (with a plan, the plan covers it).

    Pricing: https://azure.microsoft.com/pricing/details/ip-addresses/
    """
    if i.sku == "Standard" and i.allocation_method == "Dynamic":
        raise InputError("allocation_method: a Standard SKU public IP must be Static")
    if i.sku_tier == "Global" and i.sku != "Standard":
        raise InputError("sku_tier: the Global tier needs the Standard SKU")
    if i.ip_version == "IPv6":
        return [no_charge(f"Public IPv6 address ({i.sku})", "IPv6 public addresses have no charge", unit="addresses")]
    sku = "Global" if i.sku_tier == "Global" else i.sku
    meter = f"{sku} IPv4 {i.allocation_method} Public IP"
    out = [hourly(f"Public IP ({sku}, {i.allocation_method})",
                  azure("Virtual Network", i.region, productName="IP Addresses", skuName=sku, meterName=meter))]
    if i.ddos_protection_mode == "Enabled" and not i.ddos_protection_plan_id:
        out.append(hourly("DDoS IP Protection", azure("Azure DDOS Protection", i.region,
                                                      skuName="Azure DDoS Protection IP Protection",
                                                      meterName="IP Protection Resource")))
    return out


class PublicIpPrefix(AzureInputs):
    sku: Annotated[str, choice("Standard", "StandardV2")] = "Standard"
    sku_tier: Annotated[str, choice("Regional", "Global")] = "Regional"
    ip_version: Annotated[str, choice("IPv4", "IPv6")] = "IPv4"
    prefix_length: Count = 28


@resource("azurerm_public_ip_prefix", example={"prefix_length": 28})
def azurerm_public_ip_prefix(i: PublicIpPrefix) -> list[CostComponent]:
    """A public IP prefix: every address in it is billed by the hour (a /28 holds 16); ``prefix_length``
    (default 28; IPv4 prefixes are /21 to /31), ``sku_tier`` (Regional or Global); IPv6 prefixes have no charge.

    Pricing: https://azure.microsoft.com/pricing/details/ip-addresses/
    """
    if i.ip_version == "IPv6":
        if not 28 <= i.prefix_length <= 127:
            raise InputError(f"prefix_length: an IPv6 public IP prefix is /28 to /127, not /{i.prefix_length}")
        return [no_charge(f"Public IPv6 prefix (/{i.prefix_length})", "IPv6 public prefixes have no charge")]
    if not 21 <= i.prefix_length <= 31:
        raise InputError(f"prefix_length: an IPv4 public IP prefix is /21 to /31, not /{i.prefix_length}")
    addresses = Decimal(2) ** (32 - i.prefix_length)
    sku = "Global" if i.sku_tier == "Global" else "Standard"
    return [hourly(f"Public IP prefix (/{i.prefix_length}, {addresses} addresses)",
                   azure("Virtual Network", i.region, productName="Public IP Prefix", skuName=sku),
                   addresses, unit="address-hours")]


_SKU = re.compile(r"^(?P<tier>[A-Z]+)(?P<size>\d+)(?P<mem>m?)(?:v(?P<gen>\d))?$")
#: (letters, generation) -> product tier ("Premium v3"); generation None is the first of a tier
_TIERS = {("B", None): "Basic", ("S", None): "Standard", ("P", None): "Premium", ("P", "2"): "Premium v2",
          ("P", "3"): "Premium v3", ("P", "4"): "Premium v4", ("I", None): "Isolated", ("I", "2"): "Isolated v2",
          ("PC", None): "Premium Windows Container", ("D", None): "Shared"}
#: tiers that can be zone redundant
_ZONE_TIERS = {"Premium v2", "Premium v3", "Premium v4", "Isolated v2"}


def retail_sku(sku: str) -> str:
    """The Retail Prices API's ``skuName`` of an App Service plan size.

    >>> [retail_sku(s) for s in ("B1", "P1v2", "P0v3", "P1v3", "P2mv3", "P1v4", "I1v2", "I2mv2")]
    ['B1', 'P1 v2', 'P0v3', 'P1 v3', 'P2mv3', 'P1v4', 'I1 v2', 'I2mv2']
    """
    m = _SKU.match(sku)
    if not m or not m.group("gen"):
        return sku
    tier, size, mem, gen = m.group("tier", "size", "mem", "gen")
    spaced = not mem and gen in ("2", "3") and not (gen == "3" and size == "0")
    return f"{tier}{size}{mem}{' ' if spaced else ''}v{gen}"


def plan_product(sku: str, os_type: str) -> str | None:
    """The Retail ``productName`` of an App Service plan SKU (None: not an App Service plan SKU).

    >>> plan_product("P1v3", "Linux"), plan_product("S1", "Windows")
    ('Azure App Service Premium v3 Plan - Linux', 'Azure App Service Standard Plan')
    """
    m = _SKU.match(sku)
    if not m:
        return None
    tier = _TIERS.get((m.group("tier"), m.group("gen")))
    if tier is None:
        return None
    linux = os_type == "Linux" and tier not in ("Shared", "Premium Windows Container")
    return f"Azure App Service {tier} Plan" + (" - Linux" if linux else "")


class ServicePlan(AzureInputs):
    sku_name: str = "B1"
    os_type: Annotated[str, choice("Linux", "Windows", "WindowsContainer")] = "Linux"
    worker_count: Count = 1
    zone_balancing_enabled: bool = False


@resource("azurerm_service_plan", example={"sku_name": "P1v3", "os_type": "Linux"})
def azurerm_service_plan(i: ServicePlan) -> list[CostComponent]:
    """An App Service plan: ``sku_name`` (B1, S1, P1v2, P0v3, P1v3, P1mv3, P1v4, I1v2 ...), ``os_type`` (Linux,
    Windows, WindowsContainer: Windows prices), ``worker_count`` instances (at least two when
    ``zone_balancing_enabled``, Premium v2/v3/v4 and Isolated v2 only). F1 has no charge; Consumption (Y1, FC1)
    plans bill their function apps' executions; Elastic Premium (EP) and workflow (WS) plans are billed under
    Functions and Logic Apps, not modelled yet.

    Pricing: https://azure.microsoft.com/pricing/details/app-service/linux/
    """
    sku = i.sku_name.strip()
    if sku.upper() == "F1":
        return [no_charge("App Service plan (Free F1)", "the Free tier has no charge")]
    if sku.upper() in ("Y1", "FC1"):
        return [no_charge(f"App Service plan (Consumption {sku.upper()})",
                          "a Consumption plan has no charge of its own: executions are billed on its function apps")]
    if re.fullmatch(r"(?i)EP[1-3]", sku):
        return [unmodelled(f"App Service plan (Elastic Premium {sku.upper()})",
                           "Elastic Premium plans bill vCPU and memory seconds under Azure Functions")]
    if re.fullmatch(r"(?i)WS[1-3]", sku):
        return [unmodelled(f"App Service plan (Workflow Standard {sku.upper()})",
                           "Logic Apps Standard plans bill vCPU and memory hours under Logic Apps")]
    product = plan_product(sku, i.os_type)
    if product is None:
        raise InputError(f"sku_name: unknown App Service plan SKU {sku!r} (B1, S1, P1v3, P1v4, I1v2 ...)")
    workers = Decimal(i.worker_count)
    if i.zone_balancing_enabled:
        tier = product.removeprefix("Azure App Service ").removesuffix(" - Linux").removesuffix(" Plan")
        if tier not in _ZONE_TIERS:
            raise InputError(f"zone_balancing_enabled: {sku} ({tier}) plans cannot be zone redundant")
        workers = max(workers, Decimal(2))
    os_name = "Linux" if product.endswith("- Linux") else "Windows"
    return [hourly(f"App Service plan ({os_name}, {sku})",
                   azure("Azure App Service", i.region, productName=product, skuName=retail_sku(sku)),
                   workers, unit="instance-hours")]
