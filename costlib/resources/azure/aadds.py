"""Microsoft Entra Domain Services (formerly Azure AD Domain Services) managed domains and replica sets.

Pricing: https://azure.microsoft.com/pricing/details/microsoft-entra-ds/ — a managed domain bills its SKU
(Standard, Enterprise, Premium) by the hour; the forest type (user forest, or resource forest with trusts) has
its own meter at the same price; each additional replica set bills the domain's SKU again. A replica set resource
does not carry the domain's SKU: usage ``domain_service_sku`` (default Standard) says it. The load balancer and
public IP Azure deploys for the domain are billed as those resources.
"""

from __future__ import annotations

from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Usage, choice, usage_key

__all__ = ["azurerm_active_directory_domain_service", "azurerm_active_directory_domain_service_replica_set"]

_SERVICE = "Microsoft Entra Domain Services"
Sku = Annotated[str, choice("Standard", "Enterprise", "Premium")]


def _domain(region: str, sku: str, resource_forest: bool, label: str) -> CostComponent:
    if resource_forest and sku == "Standard":
        raise InputError("domain_configuration_type: a resource forest needs the Enterprise or Premium SKU")
    forest = "Resource Forest" if resource_forest else "User Forest"
    return hourly(f"{label} ({sku}, {forest.lower()})",
                  azure(_SERVICE, region, productName=_SERVICE, skuName=sku, meterName=f"{sku} {forest}"))


class DomainService(AzureInputs):
    sku: Sku = "Standard"
    domain_configuration_type: Annotated[str, choice("FullySynced", "ResourceTrusting")] = "FullySynced"


@resource("azurerm_active_directory_domain_service", example={"sku": "Standard", "domain_name": "corp.example.com"})
def azurerm_active_directory_domain_service(i: DomainService) -> list[CostComponent]:
    """A managed domain: ``sku`` (Standard, Enterprise, Premium) by the hour; ``domain_configuration_type``
    ResourceTrusting uses the resource-forest meter (Enterprise and Premium only).

    Pricing: https://azure.microsoft.com/pricing/details/microsoft-entra-ds/
    """
    return [_domain(i.region, i.sku, i.domain_configuration_type == "ResourceTrusting", "Managed domain")]


class ReplicaSetUsage(Usage):
    domain_service_sku: Sku | None = usage_key("SKU of the managed domain the replica set belongs to (default "
                                               "Standard)", unit="")
    resource_forest: bool | None = usage_key("True when the managed domain is a resource forest", unit="")


@resource("azurerm_active_directory_domain_service_replica_set", example={})
def azurerm_active_directory_domain_service_replica_set(i: AzureInputs, u: ReplicaSetUsage) -> list[CostComponent]:
    """An additional replica set: billed at its managed domain's SKU by the hour (usage ``domain_service_sku``).

    Pricing: https://azure.microsoft.com/pricing/details/microsoft-entra-ds/
    """
    return [_domain(i.region, u.domain_service_sku or "Standard", bool(u.resource_forest), "Replica set")]
