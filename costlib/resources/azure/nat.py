"""Azure NAT Gateway: hours and data processed.

Pricing: https://azure.microsoft.com/pricing/details/azure-nat-gateway/ — a gateway bills every hour it exists and
each GB it processes (outbound and return traffic); Standard and StandardV2 use the same meters, listed under
``armRegionName`` ``Global``. The public IPs and prefixes it uses are their own resources.
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure._billing import global_region
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Usage, choice, usage_key

__all__ = ["azurerm_nat_gateway"]


class NatGateway(AzureInputs):
    sku_name: Annotated[str, choice("Standard", "StandardV2")] = "Standard"


class NatGatewayUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the NAT gateway a month", unit="GB")


@resource("azurerm_nat_gateway", example={"sku_name": "Standard"})
def azurerm_nat_gateway(i: NatGateway, u: NatGatewayUsage) -> list[CostComponent]:
    """A NAT gateway (``sku_name`` Standard or StandardV2): gateway hours plus GB processed.

    Pricing: https://azure.microsoft.com/pricing/details/azure-nat-gateway/
    """
    region = global_region(i.region)
    return [
        hourly(f"NAT gateway ({i.sku_name})",
               azure("NAT Gateway", region, productName="NAT Gateway", skuName="Standard", meterName="Standard Gateway")),
        usage_based("Data processed", azure("NAT Gateway", region, productName="NAT Gateway", skuName="Standard",
                                            meterName="Standard Data Processed"),
                    u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb"),
    ]
