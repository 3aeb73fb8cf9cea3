"""GCP data services: Cloud SQL, Cloud Storage buckets, Memorystore for Redis.

Pricing: https://cloud.google.com/sql/pricing, https://cloud.google.com/storage/pricing,
https://cloud.google.com/memorystore/docs/redis/pricing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, usage
from costlib.resources._q import gcp, hourly, monthly, usage_based
from costlib.resources.gcp.compute import region
from costlib.resources.registry import register

__all__ = ["google_redis_instance", "google_sql_database_instance", "google_storage_bucket", "location_type"]

#: multi-region bucket locations -> the catalog's region names for their prices
_MULTI_PRICES = {"US": "us-multi", "EU": "europe-multi", "ASIA": "asia-multi"}

_CUSTOM = re.compile(r"^db-custom-(\d+)-(\d+)$")
_SHARED = {"db-f1-micro", "db-g1-small"}


def _first(value: Any) -> dict[str, Any]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return value if isinstance(value, dict) else {}


@register("google_sql_database_instance")
def google_sql_database_instance(spec: ResourceSpec) -> list[CostComponent]:
    """A Cloud SQL instance (Enterprise edition): ``settings.tier`` (db-custom-CPU-RAM_MB, db-f1-micro,
    db-g1-small), ``settings.availability_type`` (REGIONAL doubles compute and storage), ``disk_size``
    (default 10 GB) and ``disk_type`` (PD_SSD default, PD_HDD).

    Pricing: https://cloud.google.com/sql/pricing
    """
    reg = region(spec)
    settings = _first(attr(spec, "settings"))
    tier = str(settings.get("tier") or "db-f1-micro")
    ha = str(settings.get("availability_type") or "ZONAL").upper() == "REGIONAL"
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
        raise InputError(f"tier {tier!r} is not priced (db-custom-N-M, db-f1-micro, db-g1-small)",
                         where=spec.address)
    dtype = str(settings.get("disk_type") or "PD_SSD").upper()
    size = Decimal(str(settings.get("disk_size") or 10))
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


@register("google_storage_bucket")
def google_storage_bucket(spec: ResourceSpec) -> list[CostComponent]:
    """A bucket: storage from usage (``storage_gb``) at ``storage_class`` (STANDARD default) in ``location``.

    Multi-region prices are looked up under ``us-multi``, ``europe-multi`` and ``asia-multi``; dual-region
    ones under the location's lower-case name (``nam4``).
    Pricing: https://cloud.google.com/storage/pricing
    """
    location = str(attr(spec, "location", "US"))
    klass = str(attr(spec, "storage_class", "STANDARD")).upper()
    kind = location_type(location)
    reg = _MULTI_PRICES.get(location.upper(), location.lower()) if kind != "region" else region(spec)
    return [usage_based(f"Storage ({klass}, {kind} {location})",
                        gcp("Cloud Storage", reg, "Storage", storageClass=klass, locationType=kind),
                        usage(spec, "storage_gb"), unit="GB", usage_key="storage_gb")]


#: Memorystore capacity tiers (GB upper bound, tier name).
_REDIS_TIERS = ((Decimal(4), "M1"), (Decimal(10), "M2"), (Decimal(35), "M3"), (Decimal(100), "M4"), (None, "M5"))


@register("google_redis_instance")
def google_redis_instance(spec: ResourceSpec) -> list[CostComponent]:
    """A Memorystore for Redis instance: ``tier`` (BASIC default, STANDARD_HA) and ``memory_size_gb``, priced per
    GB-hour by capacity tier (M1 1-4 GB ... M5 over 100 GB).

    Pricing: https://cloud.google.com/memorystore/docs/redis/pricing
    """
    reg = region(spec)
    tier = str(attr(spec, "tier", "BASIC")).upper()
    if tier not in ("BASIC", "STANDARD_HA"):
        raise InputError(f"unknown tier {tier!r}", where=spec.address)
    size = Decimal(str(attr(spec, "memory_size_gb", 1)))
    cap = next(name for bound, name in _REDIS_TIERS if bound is None or size <= bound)
    return [hourly(f"Redis capacity ({tier}, {cap})",
                   gcp("Cloud Memorystore for Redis", reg, tier=tier, capacityTier=cap), size, unit="GB-hours")]
