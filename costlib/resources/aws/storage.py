"""AWS storage and messaging priced by usage: S3 buckets, DynamoDB tables, SQS queues, CloudWatch log groups,
and KMS keys (a monthly fee plus requests).

Pricing: https://aws.amazon.com/s3/pricing/, https://aws.amazon.com/dynamodb/pricing/,
https://aws.amazon.com/sqs/pricing/, https://aws.amazon.com/cloudwatch/pricing/, https://aws.amazon.com/kms/pricing/.
Account-level free tiers (SQS's first million requests, DynamoDB's 25 GB) are not applied: an estimate is of
this resource, and the free tier is shared by the whole account. SQS bills each 64 KB chunk of a payload as
one request; provisioned DynamoDB capacity is billed per capacity-unit hour.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Count, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_cloudwatch_log_group", "aws_dynamodb_table", "aws_kms_key", "aws_s3_bucket", "aws_sqs_queue"]

#: storage class -> (usage type of its storage, of its retrievals or None)
_S3_CLASSES = {"STANDARD": ("TimedStorage-ByteHrs", None),
               "STANDARD_IA": ("TimedStorage-SIA-ByteHrs", "Retrieval-SIA"),
               "ONEZONE_IA": ("TimedStorage-ZIA-ByteHrs", "Retrieval-ZIA"),
               "GLACIER_IR": ("TimedStorage-GIR-ByteHrs", "Retrieval-GIR"),
               "GLACIER": ("TimedStorage-GlacierByteHrs", None),
               "DEEP_ARCHIVE": ("TimedStorage-GDA-ByteHrs", None),
               "INTELLIGENT_TIERING": ("TimedStorage-INT-FA-ByteHrs", None)}
#: usage-file section (Infracost's names) -> storage class
_S3_SECTIONS = {"standard": "STANDARD", "standard_infrequent_access": "STANDARD_IA",
                "one_zone_infrequent_access": "ONEZONE_IA", "glacier_instant_retrieval": "GLACIER_IR",
                "glacier_flexible_retrieval": "GLACIER", "glacier_deep_archive": "DEEP_ARCHIVE",
                "intelligent_tiering": "INTELLIGENT_TIERING"}
StorageClass = Annotated[str, choice(*_S3_CLASSES, aliases={"GLACIER_FLEXIBLE_RETRIEVAL": "GLACIER"})]


class S3ClassUsage(Model):
    """Usage of one storage class of a bucket."""

    storage_gb: GB | None = usage_key("Data stored in this class", unit="GB")
    frequent_access_storage_gb: GB | None = usage_key("Intelligent-Tiering: data in the frequent access tier",
                                                      unit="GB")
    monthly_tier_1_requests: Quantity | None = usage_key("PUT, COPY, POST and LIST requests a month", unit="requests")
    monthly_tier_2_requests: Quantity | None = usage_key("GET, SELECT and all other requests a month",
                                                         unit="requests")
    monthly_data_retrieval_gb: GB | None = usage_key("Data retrieved a month (infrequent-access classes)", unit="GB")


class S3Bucket(AwsInputs):
    pass


class S3BucketUsage(Usage):
    storage_class: StorageClass | None = usage_key("Storage class of the flat keys below (STANDARD default)",
                                                   unit="")
    storage_gb: GB | None = usage_key("Data stored (in storage_class)", unit="GB")
    monthly_tier_1_requests: Quantity | None = usage_key("PUT, COPY, POST and LIST requests a month", unit="requests")
    monthly_tier_2_requests: Quantity | None = usage_key("GET, SELECT and all other requests a month",
                                                         unit="requests")
    standard: Block[S3ClassUsage] = usage_key("Usage of S3 Standard", unit="")
    standard_infrequent_access: Block[S3ClassUsage] = usage_key("Usage of S3 Standard-IA", unit="")
    one_zone_infrequent_access: Block[S3ClassUsage] = usage_key("Usage of S3 One Zone-IA", unit="")
    glacier_instant_retrieval: Block[S3ClassUsage] = usage_key("Usage of S3 Glacier Instant Retrieval", unit="")
    glacier_flexible_retrieval: Block[S3ClassUsage] = usage_key("Usage of S3 Glacier Flexible Retrieval", unit="")
    glacier_deep_archive: Block[S3ClassUsage] = usage_key("Usage of S3 Glacier Deep Archive", unit="")
    intelligent_tiering: Block[S3ClassUsage] = usage_key("Usage of S3 Intelligent-Tiering", unit="")


def _class_components(region: str, klass: str, use: S3ClassUsage) -> list[CostComponent]:
    storage, retrieval = _S3_CLASSES[klass]
    stored = use.frequent_access_storage_gb if klass == "INTELLIGENT_TIERING" else use.storage_gb
    out = [usage_based(f"Storage ({klass})", aws("AmazonS3", region, usagetype=storage), stored, unit="GB",
                       usage_key="storage_gb"),
           usage_based(f"PUT, COPY, POST, LIST requests ({klass})" if klass != "STANDARD" else
                       "PUT, COPY, POST, LIST requests", aws("AmazonS3", region, usagetype=_tier(klass, 1)),
                       use.monthly_tier_1_requests, unit="requests", usage_key="monthly_tier_1_requests"),
           usage_based(f"GET, SELECT and other requests ({klass})" if klass != "STANDARD" else
                       "GET, SELECT and other requests", aws("AmazonS3", region, usagetype=_tier(klass, 2)),
                       use.monthly_tier_2_requests, unit="requests", usage_key="monthly_tier_2_requests")]
    if retrieval is not None and use.monthly_data_retrieval_gb is not None:
        out.append(monthly(f"Data retrieval ({klass})", aws("AmazonS3", region, usagetype=retrieval),
                           use.monthly_data_retrieval_gb, unit="GB"))
    return out


def _tier(klass: str, tier: int) -> str:
    suffix = {"STANDARD": "", "STANDARD_IA": "SIA-", "ONEZONE_IA": "ZIA-", "GLACIER_IR": "GIR-",
              "GLACIER": "Glacier-", "DEEP_ARCHIVE": "GDA-", "INTELLIGENT_TIERING": "INT-"}[klass]
    return f"Requests-{suffix}Tier{tier}"


@resource("aws_s3_bucket", example={})
def aws_s3_bucket(i: S3Bucket, u: S3BucketUsage) -> list[CostComponent]:
    """An S3 bucket: storage (tiered), PUT/COPY/POST/LIST and GET requests, all from usage, per storage class.

    Usage: ``storage_gb``, ``storage_class`` (STANDARD default), ``monthly_tier_1_requests`` (PUT, COPY, POST,
    LIST), ``monthly_tier_2_requests`` (GET, SELECT and others); or one section per class (``standard:``,
    ``standard_infrequent_access:``, ``glacier_flexible_retrieval:`` ...) with the same keys.
    Pricing: https://aws.amazon.com/s3/pricing/
    """
    sections = {klass: getattr(u, key) for key, klass in _S3_SECTIONS.items() if getattr(u, key) is not None}
    flat = S3ClassUsage(storage_gb=u.storage_gb, monthly_tier_1_requests=u.monthly_tier_1_requests,
                        monthly_tier_2_requests=u.monthly_tier_2_requests)
    flat_class = u.storage_class or "STANDARD"
    if not sections or any(v is not None for v in (u.storage_gb, u.monthly_tier_1_requests,
                                                   u.monthly_tier_2_requests)):
        sections = {flat_class: flat, **{k: v for k, v in sections.items() if k != flat_class}}
    out: list[CostComponent] = []
    for klass, use in sections.items():
        out += _class_components(i.region, klass, use)
    return out


class DynamoDbTable(AwsInputs):
    billing_mode: Annotated[str, choice("PROVISIONED", "PAY_PER_REQUEST")] = "PROVISIONED"
    write_capacity: Count = 0
    read_capacity: Count = 0
    table_class: Annotated[str, choice("STANDARD", "STANDARD_INFREQUENT_ACCESS")] = "STANDARD"


class DynamoDbUsage(Usage):
    monthly_write_request_units: Quantity | None = usage_key("Write request units a month (on-demand)", unit="WRUs")
    monthly_read_request_units: Quantity | None = usage_key("Read request units a month (on-demand)", unit="RRUs")
    storage_gb: GB | None = usage_key("Table storage", unit="GB")


@resource("aws_dynamodb_table", example={"billing_mode": "PAY_PER_REQUEST"})
def aws_dynamodb_table(i: DynamoDbTable, u: DynamoDbUsage) -> list[CostComponent]:
    """A DynamoDB table: on-demand (PAY_PER_REQUEST) request units from usage, or provisioned RCU/WCU hours;
    storage from usage.

    Usage: ``monthly_write_request_units``, ``monthly_read_request_units``, ``storage_gb``.
    Pricing: https://aws.amazon.com/dynamodb/pricing/
    """
    out: list[CostComponent] = []
    if i.billing_mode == "PAY_PER_REQUEST":
        out.append(usage_based("Write request units", aws("AmazonDynamoDB", i.region, usagetype="WriteRequestUnits"),
                               u.monthly_write_request_units, unit="WRUs", usage_key="monthly_write_request_units"))
        out.append(usage_based("Read request units", aws("AmazonDynamoDB", i.region, usagetype="ReadRequestUnits"),
                               u.monthly_read_request_units, unit="RRUs", usage_key="monthly_read_request_units"))
    else:
        if i.write_capacity:
            out.append(monthly("Provisioned write capacity",
                               aws("AmazonDynamoDB", i.region, usagetype="WriteCapacityUnit-Hrs"),
                               Decimal(i.write_capacity) * 730, unit="WCU-hours"))
        if i.read_capacity:
            out.append(monthly("Provisioned read capacity",
                               aws("AmazonDynamoDB", i.region, usagetype="ReadCapacityUnit-Hrs"),
                               Decimal(i.read_capacity) * 730, unit="RCU-hours"))
    out.append(usage_based("Storage", aws("AmazonDynamoDB", i.region, usagetype="TimedStorage-ByteHrs"),
                           u.storage_gb, unit="GB", usage_key="storage_gb"))
    return out


class SqsQueue(AwsInputs):
    fifo_queue: bool = False


class SqsQueueUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Requests a month", unit="requests")
    request_size_kb: GB | None = usage_key("Average payload size; each 64 KB chunk is billed as one request",
                                           unit="KB")


@resource("aws_sqs_queue", example={})
def aws_sqs_queue(i: SqsQueue, u: SqsQueueUsage) -> list[CostComponent]:
    """An SQS queue: requests from usage (``monthly_requests``; each 64 KB chunk of ``request_size_kb`` is one
    request), standard or FIFO.

    Pricing: https://aws.amazon.com/sqs/pricing/
    """
    kind = "FIFO" if i.fifo_queue else "Standard"
    requests = u.monthly_requests
    if requests is not None and u.request_size_kb is not None:
        chunks = max(Decimal(1), (u.request_size_kb / Decimal(64)).to_integral_value(rounding=ROUND_CEILING))
        requests = requests * chunks
    return [usage_based(f"Requests ({kind})", aws("AWSQueueService", i.region,
                                                   usagetype="Requests-FIFO-Tier1" if i.fifo_queue
                                                   else "Requests-Tier1"),
                        requests, unit="requests", usage_key="monthly_requests")]


class LogGroup(AwsInputs):
    log_group_class: Annotated[str, choice("STANDARD", "INFREQUENT_ACCESS", "DELIVERY")] = "STANDARD"


class LogGroupUsage(Usage):
    monthly_data_ingested_gb: GB | None = usage_key("Log data ingested a month", unit="GB")
    storage_gb: GB | None = usage_key("Log data stored (archived)", unit="GB")
    monthly_data_scanned_gb: GB | None = usage_key("Data scanned by Logs Insights queries a month", unit="GB")


@resource("aws_cloudwatch_log_group", example={})
def aws_cloudwatch_log_group(i: LogGroup, u: LogGroupUsage) -> list[CostComponent]:
    """A CloudWatch log group: data ingested (Standard or Infrequent Access class), stored and scanned, from usage.

    Usage: ``monthly_data_ingested_gb``, ``storage_gb``, ``monthly_data_scanned_gb``.
    Pricing: https://aws.amazon.com/cloudwatch/pricing/ (Logs)
    """
    ingest = "DataProcessing-Bytes" if i.log_group_class == "STANDARD" else "DataProcessingIA-Bytes"
    out = [
        usage_based("Data ingested" if i.log_group_class == "STANDARD" else "Data ingested (Infrequent Access)",
                    aws("AmazonCloudWatch", i.region, usagetype=ingest),
                    u.monthly_data_ingested_gb, unit="GB", usage_key="monthly_data_ingested_gb"),
        usage_based("Archival storage", aws("AmazonCloudWatch", i.region, usagetype="TimedStorage-ByteHrs"),
                    u.storage_gb, unit="GB", usage_key="storage_gb"),
    ]
    if u.monthly_data_scanned_gb is not None:
        out.append(monthly("Insights queries data scanned",
                           aws("AmazonCloudWatch", i.region, usagetype="DataScanned-Bytes"),
                           u.monthly_data_scanned_gb, unit="GB"))
    return out


class KmsKey(AwsInputs):
    customer_master_key_spec: str = "SYMMETRIC_DEFAULT"


class KmsUsage(Usage):
    monthly_requests: Quantity | None = usage_key("API requests a month", unit="requests")


@resource("aws_kms_key", example={})
def aws_kms_key(i: KmsKey, u: KmsUsage) -> list[CostComponent]:
    """A KMS customer managed key: $/key-month plus requests from usage (``monthly_requests``).

    Pricing: https://aws.amazon.com/kms/pricing/
    """
    return [
        monthly("Customer managed key", aws("awskms", i.region, usagetype="KMS-Keys"), Decimal(1), unit="months"),
        usage_based("Requests", aws("awskms", i.region, usagetype="KMS-Requests"), u.monthly_requests,
                    unit="requests", usage_key="monthly_requests"),
    ]
