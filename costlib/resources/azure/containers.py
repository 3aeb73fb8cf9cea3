"""Azure Container Registry and Azure Container Apps.

Pricing: https://azure.microsoft.com/pricing/details/container-registry/ - a registry bills its tier per day
(Basic, Standard, Premium) with 10, 100 or 500 GB included; storage above that per GB a month; each
geo-replication (Premium only) bills another Premium registry unit a day; ACR Tasks builds per vCPU-second.
https://azure.microsoft.com/pricing/details/container-apps/ - on the Consumption plan an app bills vCPU-seconds
and GiB-seconds while active, a lower idle rate for replicas kept warm (``min_replicas``) while idle, and
requests per million. The monthly free grant (180,000 vCPU-s, 360,000 GiB-s and 2 million requests) is per
subscription, so it is not applied to one app. Apps on a dedicated workload profile are billed on the
environment's profiles.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, monthly, unmodelled, usage_based
from costlib.resources.azure._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    AzureInputs,
    Block,
    Blocks,
    Count,
    Hours,
    Model,
    Quantity,
    Rate,
    Usage,
    choice,
    usage_key,
)

__all__ = ["azurerm_container_app", "azurerm_container_registry"]

DAYS_PER_MONTH = Decimal(730) / Decimal(24)
SECONDS_PER_MONTH = Decimal(730 * 3600)
_INCLUDED = {"Basic": Decimal(10), "Standard": Decimal(100), "Premium": Decimal(500)}
_GRANT = "the monthly free grant is per subscription: not applied to one app"


class RegistryUsage(Usage):
    """Infracost's keys for a registry."""

    storage_gb: GB | None = usage_key("Images stored (the tier includes 10, 100 or 500 GB)", unit="GB")
    monthly_build_vcpu_hrs: Hours | None = usage_key("ACR Tasks build vCPU-hours a month", unit="vCPU-hours")


class GeoReplication(Model):
    location: str


class ContainerRegistry(AzureInputs):
    sku: Annotated[str, choice("Basic", "Standard", "Premium", aliases={"Classic": "Basic"})] = "Basic"
    georeplications: Blocks[GeoReplication] = ()


@resource("azurerm_container_registry", example={"sku": "Standard"})
def azurerm_container_registry(i: ContainerRegistry, u: RegistryUsage) -> list[CostComponent]:
    """A container registry: the ``sku`` tier per day, storage above the included size, each of the
    ``georeplications`` (Premium only) another Premium registry unit a day in its region, and build
    vCPU-seconds from usage.

    Pricing: https://azure.microsoft.com/pricing/details/container-registry/
    """
    if i.georeplications and i.sku != "Premium":
        raise InputError("georeplications need the Premium sku")
    out = [monthly(f"Registry ({i.sku}, per day)",
                   azure("Container Registry", i.region, productName="Container Registry", skuName=i.sku,
                         meterName=f"{i.sku} Registry Unit"), DAYS_PER_MONTH, unit="days")]
    for geo in i.georeplications:
        region = geo.location.replace(" ", "").lower()
        out.append(monthly(f"Geo-replication to {region} (Premium, per day)",
                           azure("Container Registry", region, productName="Container Registry", skuName="Premium",
                                 meterName="Premium Registry Unit"), DAYS_PER_MONTH, unit="days"))
    included = _INCLUDED[i.sku]
    out.append(usage_based(f"Storage above the included {included} GB",
                           azure("Container Registry", i.region, productName="Container Registry", meterName="Data Stored"),
                           u.storage_gb, unit="GB", usage_key="storage_gb", free=included))
    if i.georeplications and u.storage_gb:
        out.append(unmodelled("Storage of the replicas", "each replica region bills its own copy of the images "
                                                         "above the included storage"))
    if u.monthly_build_vcpu_hrs is not None:  # only registries that run ACR Tasks
        out.append(monthly("Build vCPU time (ACR Tasks)",
                           azure("Container Registry", i.region, productName="Container Registry",
                                 meterName="Task vCPU Duration"), u.monthly_build_vcpu_hrs * 3600, unit="vCPU-seconds"))
    return out


# --- container apps --------------------------------------------------------------------------------------
class Container(Model):
    cpu: Rate | None = None
    memory: str | None = None


class Template(Model):
    container: Blocks[Container] = ()
    min_replicas: Count = 0
    max_replicas: Count | None = None


class ContainerAppUsage(Usage):
    monthly_active_replica_seconds: Quantity | None = usage_key(
        "Replica-seconds a month the app's replicas are active (processing, or above 0.01 vCPU)", unit="seconds")
    monthly_requests: Quantity | None = usage_key("HTTP requests a month", unit="requests")


class ContainerApp(AzureInputs):
    template: Block[Template] = None
    workload_profile_name: str | None = None


_GI = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*Gi\s*$")


def _gib(memory: str | None) -> Decimal:
    if memory is None:
        return Decimal("0.5")
    m = _GI.match(memory)
    if m is None:
        raise InputError(f"template.container.memory {memory!r} is not a size in Gi (e.g. 0.5Gi)")
    return Decimal(m.group(1))


@resource("azurerm_container_app", example={"template": [{"container": [{"name": "app", "image": "nginx",
                                                                         "cpu": 0.5, "memory": "1Gi"}],
                                                          "min_replicas": 1}]})
def azurerm_container_app(i: ContainerApp, u: ContainerAppUsage) -> list[CostComponent]:
    """A container app on the Consumption plan: active vCPU- and GiB-seconds (the containers' ``cpu`` and
    ``memory`` x usage ``monthly_active_replica_seconds``), idle seconds of the ``min_replicas`` kept warm the
    rest of the month, and requests per million. On a dedicated workload profile the environment is billed.

    Pricing: https://azure.microsoft.com/pricing/details/container-apps/
    """
    if i.workload_profile_name and i.workload_profile_name.lower() != "consumption":
        return [no_charge(f"Container app on workload profile {i.workload_profile_name}",
                          "dedicated workload profiles are billed on the environment, not the app")]
    t = i.template or Template()
    cpu = sum((c.cpu or Decimal("0.5") for c in t.container), Decimal(0)) or Decimal("0.5")
    mem = sum((_gib(c.memory) for c in t.container), Decimal(0)) or Decimal(1)
    active = u.monthly_active_replica_seconds
    warm = Decimal(t.min_replicas) * SECONDS_PER_MONTH
    idle = None if active is None and t.min_replicas else max(Decimal(0), warm - (active or Decimal(0)))

    def q(meter: str) -> PriceQuery:
        return azure("Azure Container Apps", i.region, skuName="Standard", meterName=meter)

    out = [
        usage_based(f"Active vCPU ({cpu} vCPU per replica)", q("Standard vCPU Active Usage"),
                    None if active is None else active * cpu, unit="vCPU-seconds",
                    usage_key="monthly_active_replica_seconds", note=_GRANT),
        usage_based(f"Active memory ({mem} GiB per replica)", q("Standard Memory Active Usage"),
                    None if active is None else active * mem, unit="GiB-seconds",
                    usage_key="monthly_active_replica_seconds", note=_GRANT),
    ]
    if t.min_replicas:
        out += [usage_based(f"Idle vCPU ({t.min_replicas} warm replicas)", q("Standard vCPU Idle Usage"),
                            None if idle is None else idle * cpu, unit="vCPU-seconds",
                            usage_key="monthly_active_replica_seconds"),
                usage_based(f"Idle memory ({t.min_replicas} warm replicas)", q("Standard Memory Idle Usage"),
                            None if idle is None else idle * mem, unit="GiB-seconds",
                            usage_key="monthly_active_replica_seconds")]
    out.append(usage_based("Requests", q("Standard Requests"),
                           None if u.monthly_requests is None else u.monthly_requests / Decimal(1_000_000),
                           unit="1M requests", usage_key="monthly_requests", note=_GRANT))
    return out
