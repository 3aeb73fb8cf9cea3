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
from costlib.resources.schema import GB, Block, GcpInputs, Inputs, Model, Quantity, Usage, choice, usage_key

__all__ = ["BucketUsage", "StorageBucket", "bucket_components", "google_redis_instance", "google_sql_database_instance",
           "google_storage_bucket", "location_type"]

#: multi-region bucket locations -> the catalog's region names for their prices
_MULTI_PRICES = {"US": "us-multi", "EU": "europe-multi", "ASIA": "asia-multi"}

_CUSTOM = re.compile(r"^db-custom-(\d+)-(\d+)$")
_N1 = re.compile(r"^db-n1-(standard|highmem)-(\d+)$")
_PLUS = re.compile(r"^db-perf-optimized-n-(\d+)$")
_SHARED = {"db-f1-micro", "db-g1-small"}
#: GB of memory per vCPU of the legacy db-n1 tiers (Cloud SQL's machine-series table)
_N1_GB = {"standard": Decimal("3.75"), "highmem": Decimal("6.5")}


class SqlBackup(Model):
    enabled: bool = False


class SqlSettings(Model):
    tier: str = "db-f1-micro"
    edition: Annotated[str, choice("ENTERPRISE", "ENTERPRISE_PLUS")] = "ENTERPRISE"
    availability_type: Annotated[str, choice("ZONAL", "REGIONAL")] = "ZONAL"
    disk_type: Annotated[str, choice("PD_SSD", "PD_HDD")] = "PD_SSD"
    disk_size: GB = Decimal(10)
    backup_configuration: Block[SqlBackup] = None


class SqlInstance(GcpInputs):
    settings: Block[SqlSettings] = None
    master_instance_name: str | None = None


class SqlUsage(Usage):
    backup_storage_gb: GB | None = usage_key("Backup storage", unit="GB")


def _shape(tier: str) -> tuple[Decimal, Decimal] | None:
    """(vCPUs, GB of memory) of a dedicated-core tier, None for a shared-core one."""
    if m := _CUSTOM.match(tier):
        return Decimal(m.group(1)), Decimal(m.group(2)) / Decimal(1024)
    if m := _N1.match(tier):
        n = Decimal(m.group(2))
        return n, n * _N1_GB[m.group(1)]
    if m := _PLUS.match(tier.lower()):
        n = Decimal(m.group(1))
        return n, n * 8
    return None


@resource("google_sql_database_instance", example={"region": "us-central1",
                                                   "settings": [{"tier": "db-custom-2-7680"}]})
def google_sql_database_instance(i: SqlInstance, u: SqlUsage) -> list[CostComponent]:
    """A Cloud SQL instance: ``settings.edition`` (ENTERPRISE default; ENTERPRISE_PLUS with its own vCPU, memory
    and storage rates), ``settings.tier`` (db-custom-CPU-RAM_MB, db-n1-standard/highmem-N, db-perf-optimized-N-CPU
    for Enterprise Plus, db-f1-micro, db-g1-small), ``availability_type`` (REGIONAL: the HA rates, twice the zonal
    ones, for compute and storage), ``disk_size`` (default 10 GB) and ``disk_type`` (PD_SSD default, PD_HDD),
    backups per GB-month (usage ``backup_storage_gb``, when ``backup_configuration.enabled``). A read replica
    (``master_instance_name``) is billed as an instance of its own.

    Pricing: https://cloud.google.com/sql/pricing
    """
    reg = i.region
    settings = i.settings or SqlSettings()
    tier = settings.tier
    ha = settings.availability_type == "REGIONAL"
    kind = ("regional (HA)" if ha else "zonal") + (", Enterprise Plus" if settings.edition == "ENTERPRISE_PLUS"
                                                    else "")
    avail = "REGIONAL" if ha else "ZONAL"
    ed = {"edition": "ENTERPRISE_PLUS"} if settings.edition == "ENTERPRISE_PLUS" else {}
    out: list[CostComponent] = []
    shape = _shape(tier)
    if shape is not None:
        vcpu, ram_gb = shape
        out.append(hourly(f"vCPUs ({kind})", gcp("Cloud SQL", reg, resource="vcpu", availability=avail, **ed), vcpu,
                          unit="vCPU-hours"))
        out.append(hourly(f"Memory ({kind})", gcp("Cloud SQL", reg, resource="memory", availability=avail, **ed),
                          ram_gb, unit="GB-hours"))
    elif tier in _SHARED and not ed:
        out.append(hourly(f"Shared-core instance ({tier}, {kind})",
                          gcp("Cloud SQL", reg, resource=tier, availability=avail)))
    else:
        raise InputError(f"tier {tier!r} is not priced for {settings.edition} (db-custom-N-M, db-n1-standard-N, "
                         "db-perf-optimized-N-N, db-f1-micro, db-g1-small)")
    dtype = settings.disk_type
    size = settings.disk_size
    out.append(monthly(f"Storage ({dtype}, {kind})", gcp("Cloud SQL", reg, resource=f"storage-{dtype.lower()}",
                                                          availability=avail, **ed), size, unit="GB"))
    if (settings.backup_configuration and settings.backup_configuration.enabled) or u.backup_storage_gb is not None:
        out.append(usage_based("Backups", gcp("Cloud SQL", reg, resource="backup", **ed), u.backup_storage_gb,
                               unit="GB", usage_key="backup_storage_gb"))
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


class BucketEgress(Model):
    same_continent: GB | None = usage_key("To the same continent", unit="GB")
    worldwide: GB | None = usage_key("Worldwide excluding Asia and Australia", unit="GB")
    asia: GB | None = usage_key("Asia excluding China, including Hong Kong", unit="GB")
    china: GB | None = usage_key("China excluding Hong Kong", unit="GB")
    australia: GB | None = usage_key("Australia", unit="GB")


class BucketUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored", unit="GB")
    monthly_class_a_operations: Quantity | None = usage_key("Class A operations a month (writes, lists)",
                                                            unit="operations")
    monthly_class_b_operations: Quantity | None = usage_key("Class B operations a month (reads, metadata)",
                                                            unit="operations")
    monthly_data_retrieval_gb: GB | None = usage_key("Data read from Nearline, Coldline or Archive a month",
                                                     unit="GB")
    early_deletion_gb: GB | None = usage_key("Data deleted before the class's minimum storage duration a month",
                                             unit="GB")
    monthly_egress_data_transfer_gb: Block[BucketEgress] = usage_key("Data read out of the bucket a month, by "
                                                                     "destination", unit="GB")



#: the storage class a legacy name is billed as, and each class's minimum storage duration (days)
_CLASS_OF = {"MULTI_REGIONAL": "STANDARD", "REGIONAL": "STANDARD"}
_MIN_DAYS = {"NEARLINE": 30, "COLDLINE": 90, "ARCHIVE": 365}
_EGRESS = {"same_continent": "same-continent", "worldwide": "worldwide", "asia": "asia", "china": "china",
           "australia": "australia"}


def bucket_components(i: StorageBucket, u: BucketUsage) -> list[CostComponent]:
    """Storage, operations (class A per 10,000, class B per 10,000), retrieval, early deletion and egress."""
    location, klass = i.location, i.storage_class
    billed = _CLASS_OF.get(klass, klass)
    kind = location_type(location)
    reg = _MULTI_PRICES.get(location.upper(), location.lower()) if kind != "region" else location.lower()
    a, b = u.monthly_class_a_operations, u.monthly_class_b_operations
    out = [usage_based(f"Storage ({klass}, {kind} {location})",
                       gcp("Cloud Storage", reg, "Storage", storageClass=klass, locationType=kind),
                       u.storage_gb, unit="GB", usage_key="storage_gb")]
    if a is not None:
        out.append(usage_based("Class A operations", gcp("Cloud Storage", reg, "Operations", storageClass=billed,
                                                         locationType=kind, operationClass="A"),
                               a / Decimal(10_000), unit="10k operations", usage_key="monthly_class_a_operations"))
    if b is not None:
        out.append(usage_based("Class B operations", gcp("Cloud Storage", reg, "Operations", storageClass=billed,
                                                         locationType=kind, operationClass="B"),
                               b / Decimal(10_000), unit="10k operations", usage_key="monthly_class_b_operations"))
    if billed in _MIN_DAYS:
        out.append(usage_based(f"Data retrieval ({billed})",
                               gcp("Cloud Storage", reg, "Data Retrieval", storageClass=billed, locationType=kind),
                               u.monthly_data_retrieval_gb, unit="GB", usage_key="monthly_data_retrieval_gb"))
        if u.early_deletion_gb is not None:
            out.append(usage_based(f"Early deletion ({billed}, {_MIN_DAYS[billed]}-day minimum)",
                                   gcp("Cloud Storage", reg, "Storage", storageClass=billed, locationType=kind),
                                   u.early_deletion_gb, unit="GB", usage_key="early_deletion_gb",
                                   note="billed as storage for the rest of the minimum duration (one month "
                                        "assumed per GB given)"))
    egress = u.monthly_egress_data_transfer_gb
    for key, gb in (egress.model_dump().items() if egress else ()):
        if gb is not None:
            out.append(usage_based(f"Data transfer out ({key.replace('_', ' ')})",
                                   gcp("Cloud Storage", reg, "Network", resource="egress",
                                       destination=_EGRESS[key]), Decimal(gb), unit="GB",
                                   usage_key=f"monthly_egress_data_transfer_gb.{key}"))
    return out


@resource("google_storage_bucket", example={"location": "US"})
def google_storage_bucket(i: StorageBucket, u: BucketUsage) -> list[CostComponent]:
    """A bucket: storage from usage (``storage_gb``) at ``storage_class`` (STANDARD default) in ``location``;
    class A and B operations per 10,000; for NEARLINE, COLDLINE and ARCHIVE, retrieval per GB and early deletion
    (data deleted before 30, 90 or 365 days is billed as if stored for the rest of that time); data transfer out
    by destination.

    Multi-region prices are looked up under ``us-multi``, ``europe-multi`` and ``asia-multi``; dual-region
    ones under the location's lower-case name (``nam4``).
    Pricing: https://cloud.google.com/storage/pricing
    """
    return bucket_components(i, u)


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
