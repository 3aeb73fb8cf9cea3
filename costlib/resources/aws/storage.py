"""AWS storage and messaging priced by usage: S3 buckets, DynamoDB tables, SQS queues, CloudWatch log groups,
and KMS keys (a monthly fee plus requests).

Pricing: https://aws.amazon.com/s3/pricing/, https://aws.amazon.com/dynamodb/pricing/,
https://aws.amazon.com/sqs/pricing/, https://aws.amazon.com/cloudwatch/pricing/, https://aws.amazon.com/kms/pricing/.
Account-level free tiers (SQS's first million requests, DynamoDB's 25 GB) are not applied: an estimate is of
this resource, and the free tier is shared by the whole account.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, usage
from costlib.resources._q import aws, monthly, usage_based
from costlib.resources.aws._common import region
from costlib.resources.registry import register

__all__ = ["aws_cloudwatch_log_group", "aws_dynamodb_table", "aws_kms_key", "aws_s3_bucket", "aws_sqs_queue"]

_S3_CLASSES = {"STANDARD": "TimedStorage-ByteHrs", "STANDARD_IA": "TimedStorage-SIA-ByteHrs",
               "ONEZONE_IA": "TimedStorage-ZIA-ByteHrs", "GLACIER_IR": "TimedStorage-GIR-ByteHrs",
               "GLACIER": "TimedStorage-GlacierByteHrs", "DEEP_ARCHIVE": "TimedStorage-GDA-ByteHrs"}


@register("aws_s3_bucket")
def aws_s3_bucket(spec: ResourceSpec) -> list[CostComponent]:
    """An S3 bucket: storage (tiered), PUT/COPY/POST/LIST and GET requests, all from usage.

    Usage: ``storage_gb``, ``storage_class`` (STANDARD default), ``monthly_tier_1_requests`` (PUT, COPY, POST,
    LIST), ``monthly_tier_2_requests`` (GET, SELECT and others).
    Pricing: https://aws.amazon.com/s3/pricing/
    """
    reg = region(spec)
    klass = str(spec.usage.get("storage_class") or "STANDARD").upper()
    if klass not in _S3_CLASSES:
        raise InputError(f"unknown S3 storage class {klass!r}", where=f"{spec.address}: usage storage_class")
    return [
        usage_based(f"Storage ({klass})", aws("AmazonS3", reg, usagetype=_S3_CLASSES[klass]),
                    usage(spec, "storage_gb"), unit="GB", usage_key="storage_gb"),
        usage_based("PUT, COPY, POST, LIST requests", aws("AmazonS3", reg, usagetype="Requests-Tier1"),
                    usage(spec, "monthly_tier_1_requests"), unit="requests", usage_key="monthly_tier_1_requests"),
        usage_based("GET, SELECT and other requests", aws("AmazonS3", reg, usagetype="Requests-Tier2"),
                    usage(spec, "monthly_tier_2_requests"), unit="requests", usage_key="monthly_tier_2_requests"),
    ]


@register("aws_dynamodb_table")
def aws_dynamodb_table(spec: ResourceSpec) -> list[CostComponent]:
    """A DynamoDB table: on-demand (PAY_PER_REQUEST) request units from usage, or provisioned RCU/WCU hours;
    storage from usage.

    Usage: ``monthly_write_request_units``, ``monthly_read_request_units``, ``storage_gb``.
    Pricing: https://aws.amazon.com/dynamodb/pricing/
    """
    reg = region(spec)
    mode = str(attr(spec, "billing_mode", "PROVISIONED")).upper()
    out: list[CostComponent] = []
    if mode == "PAY_PER_REQUEST":
        out.append(usage_based("Write request units", aws("AmazonDynamoDB", reg, usagetype="WriteRequestUnits"),
                               usage(spec, "monthly_write_request_units"), unit="WRUs",
                               usage_key="monthly_write_request_units"))
        out.append(usage_based("Read request units", aws("AmazonDynamoDB", reg, usagetype="ReadRequestUnits"),
                               usage(spec, "monthly_read_request_units"), unit="RRUs",
                               usage_key="monthly_read_request_units"))
    elif mode == "PROVISIONED":
        wcu = Decimal(str(attr(spec, "write_capacity", 0)))
        rcu = Decimal(str(attr(spec, "read_capacity", 0)))
        if wcu:
            out.append(monthly("Provisioned write capacity",
                               aws("AmazonDynamoDB", reg, usagetype="WriteCapacityUnit-Hrs"), wcu * 730,
                               unit="WCU-hours"))
        if rcu:
            out.append(monthly("Provisioned read capacity",
                               aws("AmazonDynamoDB", reg, usagetype="ReadCapacityUnit-Hrs"), rcu * 730,
                               unit="RCU-hours"))
    else:
        raise InputError(f"unknown billing_mode {mode!r}", where=spec.address)
    out.append(usage_based("Storage", aws("AmazonDynamoDB", reg, usagetype="TimedStorage-ByteHrs"),
                           usage(spec, "storage_gb"), unit="GB", usage_key="storage_gb"))
    return out


@register("aws_sqs_queue")
def aws_sqs_queue(spec: ResourceSpec) -> list[CostComponent]:
    """An SQS queue: requests from usage (``monthly_requests``), standard or FIFO.

    Pricing: https://aws.amazon.com/sqs/pricing/
    """
    fifo = bool(attr(spec, "fifo_queue", False))
    kind = "FIFO" if fifo else "Standard"
    return [usage_based(f"Requests ({kind})", aws("AWSQueueService", region(spec),
                                                   usagetype="Requests-FIFO-Tier1" if fifo else "Requests-Tier1"),
                        usage(spec, "monthly_requests"), unit="requests", usage_key="monthly_requests")]


@register("aws_cloudwatch_log_group")
def aws_cloudwatch_log_group(spec: ResourceSpec) -> list[CostComponent]:
    """A CloudWatch log group: data ingested and stored, from usage.

    Usage: ``monthly_data_ingested_gb``, ``storage_gb``.
    Pricing: https://aws.amazon.com/cloudwatch/pricing/ (Logs)
    """
    reg = region(spec)
    return [
        usage_based("Data ingested", aws("AmazonCloudWatch", reg, usagetype="DataProcessing-Bytes"),
                    usage(spec, "monthly_data_ingested_gb"), unit="GB", usage_key="monthly_data_ingested_gb"),
        usage_based("Archival storage", aws("AmazonCloudWatch", reg, usagetype="TimedStorage-ByteHrs"),
                    usage(spec, "storage_gb"), unit="GB", usage_key="storage_gb"),
    ]


@register("aws_kms_key")
def aws_kms_key(spec: ResourceSpec) -> list[CostComponent]:
    """A KMS customer managed key: $/key-month plus requests from usage (``monthly_requests``).

    Pricing: https://aws.amazon.com/kms/pricing/
    """
    reg = region(spec)
    return [
        monthly("Customer managed key", aws("awskms", reg, usagetype="KMS-Keys"), Decimal(1), unit="months"),
        usage_based("Requests", aws("awskms", reg, usagetype="KMS-Requests"), usage(spec, "monthly_requests"),
                    unit="requests", usage_key="monthly_requests"),
    ]
