"""Azure Private Link: private endpoints.

Pricing: https://azure.microsoft.com/pricing/details/private-link/ — a private endpoint bills each hour it exists
and each GB processed inbound and outbound (volume tiers from 1 PB, as the catalog's tiers say). The meters are
listed under the ``Global`` region (``US Gov`` for the US Government cloud).
"""

from __future__ import annotations

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure._billing import global_region
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Usage, usage_key

__all__ = ["azurerm_private_endpoint"]

_PRODUCT = "Virtual Network Private Link"


class PrivateEndpointUsage(Usage):
    monthly_inbound_data_processed_gb: GB | None = usage_key("Inbound data processed a month", unit="GB")
    monthly_outbound_data_processed_gb: GB | None = usage_key("Outbound data processed a month", unit="GB")


@resource("azurerm_private_endpoint", example={"name": "pe"})
def azurerm_private_endpoint(i: AzureInputs, u: PrivateEndpointUsage) -> list[CostComponent]:
    """A private endpoint: endpoint hours plus inbound and outbound GB processed from usage.

    Pricing: https://azure.microsoft.com/pricing/details/private-link/
    """
    region = global_region(i.region)

    def q(meter: str) -> PriceQuery:
        return azure("Virtual Network", region, productName=_PRODUCT, meterName=meter)

    return [hourly("Private endpoint", q("Standard Private Endpoint")),
            usage_based("Inbound data processed", q("Standard Data Processed - Ingress"),
                        u.monthly_inbound_data_processed_gb, unit="GB", usage_key="monthly_inbound_data_processed_gb"),
            usage_based("Outbound data processed", q("Standard Data Processed - Egress"),
                        u.monthly_outbound_data_processed_gb, unit="GB",
                        usage_key="monthly_outbound_data_processed_gb")]
