"""GCP data services: Cloud SQL, Cloud Storage buckets, Memorystore for Redis.

Pricing: https://cloud.google.com/sql/pricing, https://cloud.google.com/storage/pricing,
https://cloud.google.com/memorystore/docs/redis/pricing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, GcpInputs, Inputs, Model, Usage, choice, usage_key

__all__ = ["google_redis_instance", "google_sql_database_instance", "google_storage_bucket", "location_type"]

#: multi-region bucket locations -> the catalog's region names for their prices
_MULTI_PRICES = {"US": "us-multi", "EU": "europe-multi", "ASIA": "asia-multi"}

_CUSTOM = re.compile(r"^db-custom-(\d+)-(\d+)$")
_SHARED = {"db-f1-micro", "db-g1-small"}


class SqlSettings(Model):
    tier: str = "db-f1-micro"
    availability_type: Annotated[str, choice("ZONAL", "REGIONAL")] = "ZONAL"
    disk_type: Annotated[str, choice("PD_SSD", "PD_HDD")] = "PD_SSD"
    disk_size: GB = Decimal(10)


class SqlInstance(GcpInputs):
    settings: Block[SqlSettings] = None


@resource("google_sql_database_instance", example={"region": "us-central1",
                                                   "settings": [{"tier": "db-custom-2-7680"}]})
def google_sql_database_instance(i: SqlInstance) -> list[CostComponent]:
    """A Cloud SQL instance (Enterprise edition): ``settings.tier`` (db-custom-CPU-RAM_MB, db-f1-micro,
    db-g1-small), ``settings.availability_type`` (REGIONAL doubles compute and storage), ``disk_size``
    (default 10 GB) and ``disk_type`` (PD_SSD default, PD_HDD).

    Pricing: https://cloud.google.com/sql/pricing
    """
    reg = i.region
    settings = i.settings or SqlSettings()
    tier = settings.tier
    ha = settings.availability_type == "REGIONAL"
    kind = "regional (HA)" if ha else "zonal"
    avail = "REGIONAL" if ha else "ZONAL"
    out: list[CostComponent] = []
    m = _CUSTOM.match(tier)
    if m:
        vcpu, ram_gb = Decimal(m.group(1)), Decimal(m.group(2)) / Decimal(1024)
        out.append(hourly(f"vCPUs ({kind})", gcp("Cloud SQL", reg, resource="vcpu", availability=avail), vcpu,
                          unit="vCPU-hours"))
        out.append(hourly(f"Memory ({kind})", gcp("Cloud SQL", reg, resource="memory", availability=avail), ram_gb,
                          unit="GB-hours"))
    elif tier in _SHARED:
        out.append(hourly(f"Shared-core instance ({tier}, {kind})",
                          gcp("Cloud SQL", reg, resource=tier, availability=avail)))
    else:
        raise InputError(f"tier {tier!r} is not priced (db-custom-N-M, db-f1-micro, db-g1-small)")
    dtype = settings.disk_type
    size = settings.disk_size
    out.append(monthly(f"Storage ({dtype}, {kind})", gcp("Cloud SQL", reg, resource=f"storage-{dtype.lower()}",
                                                          availability=avail), size, unit="GB"))
    return out


_MULTI = {"US", "EU", "ASIA"}
_DUAL = {"NAM4", "EUR4", "ASIA1", "EUR5", "EUR7", "EUR8"}


def location_type(location: str) -> str:
    """``region``, ``dual-region`` or ``multi-region`` for a bucket location.

    >>> location_type("US"), location_type("NAM4"), location_type("us-central1")
    ('multi-region', 'dual-region', 'region')
    """
    loc = location.upper()
    if loc in _MULTI:
        return "multi-region"
    if loc in _DUAL or "+" in loc:
        return "dual-region"
    return "region"


class StorageBucket(Inputs):
    """A bucket's region is its location (a region, a dual-region or a multi-region), not a provider's."""

    location: str = "US"
    storage_class: Annotated[str, choice("STANDARD", "NEARLINE", "COLDLINE", "ARCHIVE", "MULTI_REGIONAL",
                                         "REGIONAL")] = "STANDARD"
    region: str = ""


class StorageBucketUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored", unit="GB")


@resource("google_storage_bucket", example={"location": "US"})
def google_storage_bucket(i: StorageBucket, u: StorageBucketUsage) -> list[CostComponent]:
    """A bucket: storage from usage (``storage_gb``) at ``storage_class`` (STANDARD default) in ``location``.

    Multi-region prices are looked up under ``us-multi``, ``europe-multi`` and ``asia-multi``; dual-region
    ones under the location's lower-case name (``nam4``).
    Pricing: https://cloud.google.com/storage/pricing
    """
    location, klass = i.location, i.storage_class
    kind = location_type(location)
    reg = _MULTI_PRICES.get(location.upper(), location.lower()) if kind != "region" else location.lower()
    return [usage_based(f"Storage ({klass}, {kind} {location})",
                        gcp("Cloud Storage", reg, "Storage", storageClass=klass, locationType=kind),
                        u.storage_gb, unit="GB", usage_key="storage_gb")]


#: Memorystore capacity tiers (GB upper bound, tier name).
_REDIS_TIERS = ((Decimal(4), "M1"), (Decimal(10), "M2"), (Decimal(35), "M3"), (Decimal(100), "M4"), (None, "M5"))


class RedisInstance(GcpInputs):
    tier: Annotated[str, choice("BASIC", "STANDARD_HA")] = "BASIC"
    memory_size_gb: GB = Decimal(1)


@resource("google_redis_instance", example={"region": "us-central1", "memory_size_gb": 5})
def google_redis_instance(i: RedisInstance) -> list[CostComponent]:
    """A Memorystore for Redis instance: ``tier`` (BASIC default, STANDARD_HA) and ``memory_size_gb``, priced per
    GB-hour by capacity tier (M1 1-4 GB ... M5 over 100 GB).

    Pricing: https://cloud.google.com/memorystore/docs/redis/pricing
    """
    reg, tier, size = i.region, i.tier, i.memory_size_gb
    cap = next(name for bound, name in _REDIS_TIERS if bound is None or size <= bound)
    return [hourly(f"Redis capacity ({tier}, {cap})",
                   gcp("Cloud Memorystore for Redis", reg, tier=tier, capacityTier=cap), size, unit="GB-hours")]
