"""GCP Artifact Registry repositories and Container Registry.

Pricing: https://cloud.google.com/artifact-registry/pricing (storage per GB-month; the 0.5 GB a month free is per
billing account and is not subtracted; data transfer out of the repository's region per GB by destination,
transfer within the region has no charge), https://cloud.google.com/container-registry/pricing (Container Registry
stores images in a Cloud Storage bucket and is billed as that bucket: storage, operations, egress).
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from costlib.models import CostComponent
from costlib.resources._q import gcp, usage_based
from costlib.resources.gcp.data import BucketUsage, StorageBucket, bucket_components
from costlib.resources.registry import resource
from costlib.resources.schema import GB, GcpInputs, Usage, usage_key

__all__ = ["google_artifact_registry_repository", "google_container_registry"]


class Repository(GcpInputs):
    format: str = "DOCKER"
    mode: str = "STANDARD_REPOSITORY"


class RepositoryUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored in the repository", unit="GB")
    monthly_egress_data_transfer_gb: dict[str, GB] = Field(
        default_factory=dict, description="Data delivered a month to other regions, by region (europe_north1: 100)",
        json_schema_extra={"unit": "GB"})


@resource("google_artifact_registry_repository", example={"location": "us-central1", "format": "DOCKER"})
def google_artifact_registry_repository(i: Repository, u: RepositoryUsage) -> list[CostComponent]:
    """A repository: storage GB-months (usage ``storage_gb``); data delivered to other regions per GB by
    destination (usage ``monthly_egress_data_transfer_gb``: region names with _ for -); same-region delivery is
    free. The per-billing-account 0.5 GB of free storage is not subtracted.

    Pricing: https://cloud.google.com/artifact-registry/pricing
    """
    out = [usage_based("Storage", gcp("Artifact Registry", i.region, resource="storage"), u.storage_gb,
                       unit="GB", usage_key="storage_gb")]
    for dest, gb in u.monthly_egress_data_transfer_gb.items():
        target = dest.replace("_", "-").lower()
        if target == i.region:
            continue
        out.append(usage_based(f"Data transfer to {target}",
                               gcp("Artifact Registry", i.region, resource="egress", destination=target),
                               Decimal(gb), unit="GB", usage_key=f"monthly_egress_data_transfer_gb.{dest}"))
    return out


class ContainerRegistry(GcpInputs):
    location: str | None = None


@resource("google_container_registry", example={"location": "EU"})
def google_container_registry(i: ContainerRegistry, u: BucketUsage) -> list[CostComponent]:
    """Container Registry: its images live in a STANDARD Cloud Storage bucket in ``location`` (US default, EU,
    ASIA), priced as that bucket (storage, class A/B operations, egress by destination from usage).

    Pricing: https://cloud.google.com/container-registry/pricing
    """
    bucket = StorageBucket.model_validate({"location": (i.location or "US").upper(), "storage_class": "STANDARD"})
    return bucket_components(bucket, u)
