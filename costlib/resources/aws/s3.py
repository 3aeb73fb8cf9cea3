"""Amazon S3 buckets (storage, requests, retrievals, lifecycle transitions and early deletes per storage class,
Intelligent-Tiering tiers and monitoring, object tags) and the bucket features billed on their own: Storage
Class Analysis, S3 Inventory and Intelligent-Tiering archive configurations.

Pricing: https://aws.amazon.com/s3/pricing/ — storage is billed per GB-month by class (S3 Standard and the
Intelligent-Tiering frequent tier are tiered at 50 TB and 500 TB a month); PUT/COPY/POST/LIST (tier 1) and
GET/SELECT (tier 2) requests per 1,000 at each class's rate; lifecycle transitions per 1,000 at the rate of the
destination class; retrievals per GB from the infrequent-access classes; Glacier Flexible Retrieval and Deep
Archive restores per request and per GB by speed (expedited, standard; bulk restores of Flexible Retrieval are
free); objects deleted before the class's minimum duration (30, 90 or 180 days) are billed the remaining
storage as an early-delete charge. Intelligent-Tiering bills each tier's storage and a monitoring fee per 1,000
objects a month. Object tags are billed per 10,000 tags a month. Account-level free tiers are not applied.
Usage types (AmazonS3): ``TimedStorage-<class>-ByteHrs`` (``TimedStorage-ByteHrs`` for Standard,
``TimedStorage-GlacierByteHrs`` for Flexible Retrieval, ``TimedStorage-INT-<tier>-ByteHrs``),
``Requests-<class>-Tier1/2``, ``Requests-<class>-Tier3`` (lifecycle transitions into the class),
``Retrieval-<class>``, ``<Speed>-Retrieval-Bytes`` / ``<Speed>-Retrieval-Requests`` with the restore operation,
``EarlyDelete-<class>``, ``Monitoring-Automation-INT``, ``TagStorage-TagHrs``, ``StorageAnalytics-ObjCount``,
``Inventory-ObjectsListed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Blocks, Model, Quantity, Usage, choice, usage_key

__all__ = ["S3BucketUsage", "aws_s3_bucket", "aws_s3_bucket_analytics_configuration",
           "aws_s3_bucket_intelligent_tiering_configuration", "aws_s3_bucket_inventory", "class_components"]


@dataclass(frozen=True)
class Class_:
    """One storage class: the parts of its usage types (``requests`` is the infix of its request usage types,
    ``restore`` the operation of its restores)."""

    storage: str
    requests: str
    retrieval: str | None = None
    early_delete: str | None = None
    restore: str | None = None


#: storage class -> its usage types (requests infix: "" for Standard)
CLASSES: Mapping[str, Class_] = MappingProxyType({
    "STANDARD": Class_("TimedStorage-ByteHrs", ""),
    "STANDARD_IA": Class_("TimedStorage-SIA-ByteHrs", "SIA-", "Retrieval-SIA", "EarlyDelete-SIA"),
    "ONEZONE_IA": Class_("TimedStorage-ZIA-ByteHrs", "ZIA-", "Retrieval-ZIA", "EarlyDelete-ZIA"),
    "GLACIER_IR": Class_("TimedStorage-GIR-ByteHrs", "GIR-", "Retrieval-GIR", "EarlyDelete-GIR"),
    "GLACIER": Class_("TimedStorage-GlacierByteHrs", "Glacier-", None, "EarlyDelete-ByteHrs", "GlacierRestoreObject"),
    "DEEP_ARCHIVE": Class_("TimedStorage-GDA-ByteHrs", "GDA-", None, "EarlyDelete-GDA", "DeepArchiveRestoreObject"),
    "INTELLIGENT_TIERING": Class_("TimedStorage-INT-FA-ByteHrs", "INT-"),
})
#: usage-file section (Infracost's names) -> storage class
SECTIONS: Mapping[str, str] = MappingProxyType({
    "standard": "STANDARD", "standard_infrequent_access": "STANDARD_IA", "one_zone_infrequent_access": "ONEZONE_IA",
    "glacier_instant_retrieval": "GLACIER_IR", "glacier_flexible_retrieval": "GLACIER",
    "glacier_deep_archive": "DEEP_ARCHIVE", "intelligent_tiering": "INTELLIGENT_TIERING"})
#: Intelligent-Tiering tiers beyond frequent access: usage key -> (label, usage-type tier)
INT_TIERS = {"infrequent_access_storage_gb": ("infrequent access", "IA"),
             "archive_instant_access_storage_gb": ("archive instant access", "AIA"),
             "archive_access_storage_gb": ("archive access", "AA"),
             "deep_archive_access_storage_gb": ("deep archive access", "DAA")}
StorageClass = Annotated[str, choice(*CLASSES, aliases={"GLACIER_FLEXIBLE_RETRIEVAL": "GLACIER"},
                                     what="S3 storage class")]


class S3ClassUsage(Model):
    """Usage of one storage class of a bucket (Infracost's keys)."""

    storage_gb: GB | None = usage_key("Data stored in this class", unit="GB")
    monthly_tier_1_requests: Quantity | None = usage_key("PUT, COPY, POST and LIST requests a month", unit="requests")
    monthly_tier_2_requests: Quantity | None = usage_key("GET, SELECT and all other requests a month",
                                                         unit="requests")
    monthly_lifecycle_transition_requests: Quantity | None = usage_key(
        "Lifecycle transition requests into this class a month", unit="requests")
    monthly_data_retrieval_gb: GB | None = usage_key("Data retrieved a month (infrequent-access classes)", unit="GB")
    early_delete_gb: GB | None = usage_key("Data deleted before the class's minimum storage duration, a month",
                                           unit="GB")
    monthly_standard_data_retrieval_requests: Quantity | None = usage_key("Standard restore requests a month",
                                                                          unit="requests")
    monthly_standard_data_retrieval_gb: GB | None = usage_key("Data restored at standard speed a month", unit="GB")
    monthly_expedited_data_retrieval_requests: Quantity | None = usage_key("Expedited restore requests a month",
                                                                           unit="requests")
    monthly_expedited_data_retrieval_gb: GB | None = usage_key("Data restored at expedited speed a month", unit="GB")
    monthly_bulk_data_retrieval_requests: Quantity | None = usage_key("Bulk restore requests a month (Deep Archive)",
                                                                      unit="requests")
    monthly_bulk_data_retrieval_gb: GB | None = usage_key("Data restored at bulk speed a month (Deep Archive)",
                                                          unit="GB")
    frequent_access_storage_gb: GB | None = usage_key("Intelligent-Tiering: data in the frequent access tier",
                                                      unit="GB")
    infrequent_access_storage_gb: GB | None = usage_key("Intelligent-Tiering: data in the infrequent access tier",
                                                        unit="GB")
    archive_instant_access_storage_gb: GB | None = usage_key(
        "Intelligent-Tiering: data in the archive instant access tier", unit="GB")
    archive_access_storage_gb: GB | None = usage_key("Intelligent-Tiering: data in the archive access tier "
                                                     "(opt-in)", unit="GB")
    deep_archive_access_storage_gb: GB | None = usage_key("Intelligent-Tiering: data in the deep archive access tier "
                                                          "(opt-in)", unit="GB")
    monitored_objects: Quantity | None = usage_key("Intelligent-Tiering: objects monitored (128 KB and larger)",
                                                   unit="objects")


class S3Bucket(AwsInputs):
    pass


class S3BucketUsage(Usage):
    storage_class: StorageClass | None = usage_key("Storage class of the flat keys below (STANDARD default)",
                                                   unit="")
    storage_gb: GB | None = usage_key("Data stored (in storage_class)", unit="GB")
    monthly_tier_1_requests: Quantity | None = usage_key("PUT, COPY, POST and LIST requests a month", unit="requests")
    monthly_tier_2_requests: Quantity | None = usage_key("GET, SELECT and all other requests a month",
                                                         unit="requests")
    object_tags: Quantity | None = usage_key("Object tags stored in the bucket", unit="tags")
    standard: Block[S3ClassUsage] = usage_key("Usage of S3 Standard", unit="")
    standard_infrequent_access: Block[S3ClassUsage] = usage_key("Usage of S3 Standard-IA", unit="")
    one_zone_infrequent_access: Block[S3ClassUsage] = usage_key("Usage of S3 One Zone-IA", unit="")
    glacier_instant_retrieval: Block[S3ClassUsage] = usage_key("Usage of S3 Glacier Instant Retrieval", unit="")
    glacier_flexible_retrieval: Block[S3ClassUsage] = usage_key("Usage of S3 Glacier Flexible Retrieval", unit="")
    glacier_deep_archive: Block[S3ClassUsage] = usage_key("Usage of S3 Glacier Deep Archive", unit="")
    intelligent_tiering: Block[S3ClassUsage] = usage_key("Usage of S3 Intelligent-Tiering", unit="")


def class_components(region: str, klass: str, use: S3ClassUsage) -> list[CostComponent]:
    """The components of one storage class: storage, requests, and the class's transitions, retrievals, restores
    and early deletes where usage gives them."""
    c = CLASSES[klass]
    suffix = "" if klass == "STANDARD" else f" ({klass})"
    out: list[CostComponent] = []
    if klass == "INTELLIGENT_TIERING":
        out.append(usage_based("Storage (INTELLIGENT_TIERING, frequent access)", aws("AmazonS3", region,
                                                                                     usagetype=c.storage),
                               use.frequent_access_storage_gb if use.frequent_access_storage_gb is not None
                               else use.storage_gb, unit="GB", usage_key="frequent_access_storage_gb"))
        for key, (label, tier) in INT_TIERS.items():
            if getattr(use, key) is not None:
                out.append(monthly(f"Storage (INTELLIGENT_TIERING, {label})",
                                   aws("AmazonS3", region, usagetype=f"TimedStorage-INT-{tier}-ByteHrs"),
                                   getattr(use, key), unit="GB"))
        out.append(usage_based("Monitoring and automation (INTELLIGENT_TIERING)",
                               aws("AmazonS3", region, usagetype="Monitoring-Automation-INT"), use.monitored_objects,
                               unit="objects", usage_key="monitored_objects"))
    else:
        out.append(usage_based(f"Storage ({klass})", aws("AmazonS3", region, usagetype=c.storage), use.storage_gb,
                               unit="GB", usage_key="storage_gb"))
    out += [usage_based(f"PUT, COPY, POST, LIST requests{suffix}",
                        aws("AmazonS3", region, usagetype=f"Requests-{c.requests}Tier1"),
                        use.monthly_tier_1_requests, unit="requests", usage_key="monthly_tier_1_requests"),
            usage_based(f"GET, SELECT and other requests{suffix}",
                        aws("AmazonS3", region, usagetype=f"Requests-{c.requests}Tier2"),
                        use.monthly_tier_2_requests, unit="requests", usage_key="monthly_tier_2_requests")]
    if use.monthly_lifecycle_transition_requests is not None and klass != "STANDARD":
        out.append(monthly(f"Lifecycle transitions into {klass}",
                           aws("AmazonS3", region, usagetype=f"Requests-{c.requests}Tier3"),
                           use.monthly_lifecycle_transition_requests, unit="requests"))
    if c.retrieval is not None and use.monthly_data_retrieval_gb is not None:
        out.append(monthly(f"Data retrieval ({klass})", aws("AmazonS3", region, usagetype=c.retrieval),
                           use.monthly_data_retrieval_gb, unit="GB"))
    if c.restore is not None:
        speeds = ("Expedited", "Standard") if klass == "GLACIER" else ("Standard", "Bulk")
        for speed in speeds:
            low = speed.lower()
            for what, unit in (("requests", "requests"), ("gb", "GB")):
                qty = getattr(use, f"monthly_{low}_data_retrieval_{what}", None)
                if qty is not None:
                    kind = "Requests" if what == "requests" else "Bytes"
                    out.append(monthly(f"{speed} restores ({klass}, {'requests' if what == 'requests' else 'GB'})",
                                       aws("AmazonS3", region, usagetype=f"{speed}-Retrieval-{kind}",
                                           operation=c.restore), qty, unit=unit))
    if c.early_delete is not None and use.early_delete_gb is not None:
        out.append(monthly(f"Early deletes ({klass})", aws("AmazonS3", region, usagetype=c.early_delete),
                           use.early_delete_gb, unit="GB"))
    return out


@resource("aws_s3_bucket", example={})
def aws_s3_bucket(i: S3Bucket, u: S3BucketUsage) -> list[CostComponent]:
    """An S3 bucket: per storage class, storage, requests, lifecycle transitions, retrievals, restores and early
    deletes, all from usage; Intelligent-Tiering tiers and monitoring; object tags.

    Usage: ``storage_gb``, ``storage_class`` (STANDARD default), ``monthly_tier_1_requests``,
    ``monthly_tier_2_requests``; or one section per class (``standard:``, ``standard_infrequent_access:``,
    ``glacier_flexible_retrieval:``, ``intelligent_tiering:`` ...) with the class's keys; ``object_tags``.
    Pricing: https://aws.amazon.com/s3/pricing/
    """
    sections = {klass: getattr(u, key) for key, klass in SECTIONS.items() if getattr(u, key) is not None}
    flat = S3ClassUsage(storage_gb=u.storage_gb, monthly_tier_1_requests=u.monthly_tier_1_requests,
                        monthly_tier_2_requests=u.monthly_tier_2_requests)
    flat_class = u.storage_class or "STANDARD"
    if not sections or any(v is not None for v in (u.storage_gb, u.monthly_tier_1_requests,
                                                   u.monthly_tier_2_requests)):
        sections = {flat_class: flat, **{k: v for k, v in sections.items() if k != flat_class}}
    out: list[CostComponent] = []
    for klass, use in sections.items():
        out += class_components(i.region, klass, use)
    if u.object_tags is not None:
        out.append(monthly("Object tags", aws("AmazonS3", i.region, usagetype="TagStorage-TagHrs"), u.object_tags,
                           unit="tags"))
    return out


class AnalyticsConfiguration(AwsInputs):
    pass


class AnalyticsUsage(Usage):
    monthly_monitored_objects: Quantity | None = usage_key("Objects monitored by Storage Class Analysis a month",
                                                           unit="objects")


@resource("aws_s3_bucket_analytics_configuration", example={"bucket": "data", "name": "all"})
def aws_s3_bucket_analytics_configuration(i: AnalyticsConfiguration, u: AnalyticsUsage) -> list[CostComponent]:
    """Storage Class Analysis: objects monitored a month (usage ``monthly_monitored_objects``), billed per million.

    Pricing: https://aws.amazon.com/s3/pricing/ (Management and insights)
    """
    return [usage_based("Storage Class Analysis objects monitored",
                        aws("AmazonS3", i.region, usagetype="StorageAnalytics-ObjCount"),
                        u.monthly_monitored_objects, unit="objects", usage_key="monthly_monitored_objects")]


class InventoryConfiguration(AwsInputs):
    enabled: bool = True


class InventoryUsage(Usage):
    monthly_listed_objects: Quantity | None = usage_key("Objects listed in inventory reports a month",
                                                        unit="objects")


@resource("aws_s3_bucket_inventory", example={"bucket": "data", "name": "weekly",
                                              "included_object_versions": "Current",
                                              "schedule": [{"frequency": "Weekly"}]})
def aws_s3_bucket_inventory(i: InventoryConfiguration, u: InventoryUsage) -> list[CostComponent]:
    """S3 Inventory: objects listed a month across its reports (usage ``monthly_listed_objects``), billed per
    million; the report files are stored (and billed) in the destination bucket.

    Pricing: https://aws.amazon.com/s3/pricing/ (Management and insights)
    """
    return [usage_based("Inventory objects listed", aws("AmazonS3", i.region, usagetype="Inventory-ObjectsListed"),
                        u.monthly_listed_objects if i.enabled else Decimal(0), unit="objects",
                        usage_key="monthly_listed_objects")]


class Tiering(Model):
    access_tier: Annotated[str, choice("ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS", what="Intelligent-Tiering tier")]
    days: int = 90


class TieringConfiguration(AwsInputs):
    status: Annotated[str, choice("Enabled", "Disabled")] = "Enabled"
    tiering: Blocks[Tiering] = ()


class TieringUsage(Usage):
    archive_access_storage_gb: GB | None = usage_key("Data in the archive access tier", unit="GB")
    deep_archive_access_storage_gb: GB | None = usage_key("Data in the deep archive access tier", unit="GB")


@resource("aws_s3_bucket_intelligent_tiering_configuration", example={
    "bucket": "data", "name": "archive", "tiering": [{"access_tier": "ARCHIVE_ACCESS", "days": 90}]})
def aws_s3_bucket_intelligent_tiering_configuration(i: TieringConfiguration, u: TieringUsage) -> list[CostComponent]:
    """An Intelligent-Tiering archive configuration: the opt-in archive tiers it enables (``tiering``), their
    storage from usage (``archive_access_storage_gb``, ``deep_archive_access_storage_gb``); the bucket's
    other tiers and monitoring are billed on the bucket. Pricing: https://aws.amazon.com/s3/pricing/
    """
    if i.status == "Disabled":
        return [no_charge("Archive tiers (disabled)", "a disabled configuration moves nothing to the archive tiers")]
    tiers = {t.access_tier for t in i.tiering}
    out: list[CostComponent] = []
    for tier, key, label, code in (("ARCHIVE_ACCESS", "archive_access_storage_gb", "archive access", "AA"),
                                   ("DEEP_ARCHIVE_ACCESS", "deep_archive_access_storage_gb", "deep archive access",
                                    "DAA")):
        if tier in tiers:
            out.append(usage_based(f"Storage (INTELLIGENT_TIERING, {label})",
                                   aws("AmazonS3", i.region, usagetype=f"TimedStorage-INT-{code}-ByteHrs"),
                                   getattr(u, key), unit="GB", usage_key=key))
    return out
