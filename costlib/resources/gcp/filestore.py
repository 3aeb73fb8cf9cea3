"""GCP Filestore instances: provisioned capacity per GiB-month by service tier.

Pricing: https://cloud.google.com/filestore/pricing - capacity is billed as provisioned (not as used), per tier;
each tier has a minimum size (BASIC_HDD 1 TiB, BASIC_SSD 2.5 TiB, HIGH_SCALE_SSD 10 TiB, ZONAL, REGIONAL and
ENTERPRISE 1 TiB); ZONAL and REGIONAL capacity is priced in two bands (below 10 TiB, and 10 TiB or more).
The legacy tier names STANDARD and PREMIUM are BASIC_HDD and BASIC_SSD.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, monthly
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Blocks, GcpInputs, Model, choice

__all__ = ["google_filestore_instance"]

_MIN_GB = {"BASIC_HDD": 1024, "BASIC_SSD": 2560, "HIGH_SCALE_SSD": 10240, "ZONAL": 1024, "REGIONAL": 1024,
           "ENTERPRISE": 1024}


class FileShare(Model):
    capacity_gb: GB = Decimal(1024)


class FilestoreInstance(GcpInputs):
    tier: Annotated[str, choice("BASIC_HDD", "BASIC_SSD", "HIGH_SCALE_SSD", "ZONAL", "REGIONAL", "ENTERPRISE",
                                aliases={"STANDARD": "BASIC_HDD", "PREMIUM": "BASIC_SSD"}, what="tier")] = "BASIC_HDD"
    file_shares: Blocks[FileShare] = ()


@resource("google_filestore_instance", example={"tier": "BASIC_HDD", "file_shares": [{"capacity_gb": 1024}],
                                                "location": "us-central1-a"})
def google_filestore_instance(i: FilestoreInstance) -> list[CostComponent]:
    """A Filestore instance: ``file_shares.capacity_gb`` (at least the tier's minimum) per GiB-month of ``tier``.

    Pricing: https://cloud.google.com/filestore/pricing
    """
    size = sum((s.capacity_gb for s in i.file_shares), Decimal(0)) or Decimal(1024)
    size = max(size, Decimal(_MIN_GB[i.tier]))
    attrs = {"tier": i.tier}
    if i.tier in ("ZONAL", "REGIONAL"):
        attrs["band"] = "10TiB+" if size >= 10240 else "1-10TiB"
    return [monthly(f"Capacity ({i.tier})", gcp("Cloud Filestore", i.region, "Storage", **attrs), size, unit="GB")]
