"""Azure virtual network peering.

Pricing: https://azure.microsoft.com/pricing/details/virtual-network/ — peered traffic is billed per GB on both
sides: egress where it leaves and ingress where it arrives. Within a region both are the intra-region rate;
between regions (global peering) each side is priced for its delivery zone. A peering resource is one direction
(this virtual network to the remote one): usage ``monthly_data_transfer_gb`` is the data it sends, billed as
egress here and ingress at the remote network; ``remote_region`` says where the remote network is (the plan names
it only by id).
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import azure, usage_based
from costlib.resources.azure._billing import global_region, pricing_zone
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Usage, usage_key

__all__ = ["azurerm_virtual_network_peering"]


class PeeringUsage(Usage):
    monthly_data_transfer_gb: GB | None = usage_key(
        "Data sent through the peering to the remote virtual network a month", unit="GB")
    remote_region: str | None = usage_key("Region of the remote virtual network (default: the same region)",
                                          unit="")


@resource("azurerm_virtual_network_peering", example={"allow_forwarded_traffic": True})
def azurerm_virtual_network_peering(i: AzureInputs, u: PeeringUsage) -> list[CostComponent]:
    """A peering: GB sent (usage) as egress here plus ingress at the remote network; intra-region rates, or global
    peering rates by zone when ``remote_region`` differs.

    Pricing: https://azure.microsoft.com/pricing/details/virtual-network/
    """
    gb = u.monthly_data_transfer_gb
    remote = (u.remote_region or i.region).replace(" ", "").lower()
    if remote == i.region:
        region = global_region(i.region)
        product, kind = "Virtual Network Peering", "Intra-Region"
        here = there = region
    else:
        product, kind = "Global Virtual Network Peering", "Inter-Region"
        here, there = pricing_zone(i.region), pricing_zone(remote)
    return [usage_based(f"Outbound data ({kind.lower()})",
                        azure("Virtual Network", here, productName=product, meterName=f"{kind} Egress"),
                        gb, unit="GB", usage_key="monthly_data_transfer_gb"),
            usage_based(f"Inbound data at the remote network ({kind.lower()})",
                        azure("Virtual Network", there, productName=product, meterName=f"{kind} Ingress"),
                        gb, unit="GB", usage_key="monthly_data_transfer_gb")]
