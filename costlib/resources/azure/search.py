"""Azure AI Search (formerly Cognitive Search) services.

Pricing: https://azure.microsoft.com/pricing/details/search/ - search units per hour: ``replica_count`` x
``partition_count`` units of the ``sku`` tier (Free: no charge); image extraction during AI enrichment per
1,000 images.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly
from costlib.resources.azure._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_search_service"]

_SKUS = {"basic": "Basic", "standard": "Standard S1", "standard2": "Standard S2", "standard3": "Standard S3",
         "storage_optimized_l1": "Storage Optimized L1", "storage_optimized_l2": "Storage Optimized L2"}


class SearchUsage(Usage):
    monthly_images_extracted: Quantity | None = usage_key("Images extracted a month by AI enrichment (Infracost's "
                                                          "key)", unit="images")


class SearchService(AzureInputs):
    sku: Annotated[str, choice("free", *_SKUS)]
    replica_count: Count = 1
    partition_count: Count = 1


@resource("azurerm_search_service", example={"sku": "standard", "replica_count": 2})
def azurerm_search_service(i: SearchService, u: SearchUsage) -> list[CostComponent]:
    """A search service: ``replica_count`` x ``partition_count`` search units of the ``sku`` tier per hour (free:
    no charge), plus image extraction from usage.

    Pricing: https://azure.microsoft.com/pricing/details/search/
    """
    if i.sku == "free":
        return [no_charge("Search service (Free)", "the Free tier has no charge")]
    sku = _SKUS[i.sku]
    units = Decimal(max(1, i.replica_count) * max(1, i.partition_count))
    out = [
        hourly(f"Search units ({sku}, {i.replica_count} replicas x {i.partition_count} partitions)",
               azure("Azure Cognitive Search", i.region, productName="Azure AI Search", skuName=sku,
                     meterName=f"{sku} Unit"), units, unit="unit-hours")]
    if u.monthly_images_extracted is not None:  # only services that run AI enrichment with image extraction
        out.append(monthly("Image extraction", azure("Azure Cognitive Search", i.region, productName="Azure AI Search",
                                                     meterName="Image Extraction"),
                           u.monthly_images_extracted / Decimal(1000), unit="1K images"))
    return out
