"""Azure Bastion hosts.

Pricing: https://azure.microsoft.com/pricing/details/azure-bastion/ — billed by the hour from deployment whether
or not anyone connects: Basic runs two instances; Standard and Premium run ``scale_units`` instances (2 to 50),
the first two in the gateway charge and each further one as an "Additional Gateway" hour; outbound data is billed
per GB after the first 5 GB. The Developer SKU has no charge.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Count, Usage, choice, usage_key

__all__ = ["azurerm_bastion_host"]


class BastionHost(AzureInputs):
    sku: Annotated[str, choice("Developer", "Basic", "Standard", "Premium")] = "Basic"
    scale_units: Count = 2


class BastionUsage(Usage):
    monthly_outbound_data_gb: GB | None = usage_key("Outbound data transferred by the Bastion host a month",
                                                    unit="GB")


@resource("azurerm_bastion_host", example={"sku": "Standard", "scale_units": 2})
def azurerm_bastion_host(i: BastionHost, u: BastionUsage) -> list[CostComponent]:
    """A Bastion host: ``sku`` (Basic default; Developer has no charge; Standard, Premium) and ``scale_units``
    (instances beyond two are billed as additional gateway hours), outbound data from usage.

    Pricing: https://azure.microsoft.com/pricing/details/azure-bastion/
    """
    sku = i.sku
    if sku == "Developer":
        return [no_charge("Bastion (Developer)", "the Developer SKU has no charge")]
    units = i.scale_units
    if not 2 <= units <= 50 and sku != "Basic":
        raise InputError(f"scale_units: a {sku} Bastion host runs 2 to 50 scale units, not {units}")

    def q(meter: str) -> PriceQuery:
        return azure("Azure Bastion", i.region, productName="Azure Bastion", skuName=sku, meterName=meter)

    out = [hourly(f"Bastion host ({sku}, 2 instances)", q(f"{sku} Gateway"))]
    if sku != "Basic" and units > 2:
        out.append(hourly(f"Additional scale units ({units - 2})", q(f"{sku} Additional Gateway"),
                          Decimal(units - 2), unit="unit-hours"))
    out.append(usage_based("Outbound data transfer", q(f"{sku} Data Transfer Out"), u.monthly_outbound_data_gb,
                           unit="GB", usage_key="monthly_outbound_data_gb"))
    return out
