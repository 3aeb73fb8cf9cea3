"""Power BI Embedded capacities.

Pricing: https://azure.microsoft.com/pricing/details/power-bi-embedded/ - an A SKU (A1-A8) capacity per hour
while it runs (it can be paused: usage ``monthly_hrs``).
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, running
from costlib.resources.registry import resource
from costlib.resources.schema import HOURS_IN_MONTH, AzureInputs, Usage, choice, usage_key

__all__ = ["azurerm_powerbi_embedded"]


class EmbeddedUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the capacity runs (default 730)", unit="hours")


class PowerBiEmbedded(AzureInputs):
    sku_name: Annotated[str, choice(*(f"A{n}" for n in range(1, 9)))]


@resource("azurerm_powerbi_embedded", example={"sku_name": "A1"})
def azurerm_powerbi_embedded(i: PowerBiEmbedded, u: EmbeddedUsage) -> list[CostComponent]:
    """A Power BI Embedded capacity: the ``sku_name`` (A1-A8) node per hour it runs.

    Pricing: https://azure.microsoft.com/pricing/details/power-bi-embedded/
    """
    return [running(f"Capacity ({i.sku_name})", azure("Power BI Embedded", i.region, skuName=i.sku_name),
                    hours=u.monthly_hrs)]
