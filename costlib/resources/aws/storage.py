"""AWS data services priced by usage: DynamoDB tables, SQS queues, CloudWatch log groups, and KMS keys (a
monthly fee plus requests). S3 buckets are in :mod:`costlib.resources.aws.s3`.

Pricing: https://aws.amazon.com/dynamodb/pricing/,
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
from costlib.resources.schema import GB, AwsInputs, Block, Blocks, Count, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_cloudwatch_log_group", "aws_dynamodb_table", "aws_kms_key", "aws_sqs_queue"]


#: table class -> usage-type prefix of its capacity, requests and storage
_TABLE_CLASS = {"STANDARD": "", "STANDARD_INFREQUENT_ACCESS": "IA-"}


class Capacity(Model):
    read_capacity: Count = 0
    write_capacity: Count = 0


class PointInTimeRecovery(Model):
    enabled: bool = False


class Replica(Model):
    region_name: str


class DynamoDbTable(AwsInputs):
    billing_mode: Annotated[str, choice("PROVISIONED", "PAY_PER_REQUEST")] = "PROVISIONED"
    write_capacity: Count = 0
    read_capacity: Count = 0
    table_class: Annotated[str, choice("STANDARD", "STANDARD_INFREQUENT_ACCESS")] = "STANDARD"
    global_secondary_index: Blocks[Capacity] = ()
    point_in_time_recovery: Block[PointInTimeRecovery] = None
    stream_enabled: bool = False
    replica: Blocks[Replica] = ()


class DynamoDbUsage(Usage):
    monthly_write_request_units: Quantity | None = usage_key("Write request units a month (on-demand)", unit="WRUs")
    monthly_read_request_units: Quantity | None = usage_key("Read request units a month (on-demand)", unit="RRUs")
    storage_gb: GB | None = usage_key("Table storage", unit="GB")
    pitr_backup_storage_gb: GB | None = usage_key("Point-in-time recovery (continuous backup) storage", unit="GB")
    on_demand_backup_storage_gb: GB | None = usage_key("On-demand backup storage", unit="GB")
    monthly_data_restored_gb: GB | None = usage_key("Data restored from backups a month", unit="GB")
    monthly_streams_read_request_units: Quantity | None = usage_key("DynamoDB Streams read request units a month",
                                                                    unit="requests")


@resource("aws_dynamodb_table", example={"billing_mode": "PAY_PER_REQUEST"})
def aws_dynamodb_table(i: DynamoDbTable, u: DynamoDbUsage) -> list[CostComponent]:
    """A DynamoDB table: on-demand (PAY_PER_REQUEST) request units from usage, or provisioned RCU/WCU hours
    (the table's and its global secondary indexes'), at the ``table_class`` rates (Standard or Standard-IA);
    storage; point-in-time recovery, on-demand backups, restores and stream reads; and for a global table each
    ``replica`` region's replicated writes and storage.

    Usage: ``monthly_write_request_units``, ``monthly_read_request_units``, ``storage_gb``,
    ``pitr_backup_storage_gb``, ``on_demand_backup_storage_gb``, ``monthly_data_restored_gb``,
    ``monthly_streams_read_request_units``. Pricing: https://aws.amazon.com/dynamodb/pricing/
    """
    cls = _TABLE_CLASS[i.table_class]
    label = "" if not cls else " (Standard-IA)"
    out: list[CostComponent] = []
    if i.billing_mode == "PAY_PER_REQUEST":
        out.append(usage_based(f"Write request units{label}", aws("AmazonDynamoDB", i.region,
                                                                  usagetype=f"{cls}WriteRequestUnits"),
                               u.monthly_write_request_units, unit="WRUs", usage_key="monthly_write_request_units"))
        out.append(usage_based(f"Read request units{label}", aws("AmazonDynamoDB", i.region,
                                                                 usagetype=f"{cls}ReadRequestUnits"),
                               u.monthly_read_request_units, unit="RRUs", usage_key="monthly_read_request_units"))
    else:
        wcu = i.write_capacity + sum(g.write_capacity for g in i.global_secondary_index)
        rcu = i.read_capacity + sum(g.read_capacity for g in i.global_secondary_index)
        if wcu:
            out.append(monthly(f"Provisioned write capacity{label}",
                               aws("AmazonDynamoDB", i.region, usagetype=f"{cls}WriteCapacityUnit-Hrs"),
                               Decimal(wcu) * 730, unit="WCU-hours"))
        if rcu:
            out.append(monthly(f"Provisioned read capacity{label}",
                               aws("AmazonDynamoDB", i.region, usagetype=f"{cls}ReadCapacityUnit-Hrs"),
                               Decimal(rcu) * 730, unit="RCU-hours"))
    out.append(usage_based(f"Storage{label}", aws("AmazonDynamoDB", i.region, usagetype=f"{cls}TimedStorage-ByteHrs"),
                           u.storage_gb, unit="GB", usage_key="storage_gb"))
    if (i.point_in_time_recovery is not None and i.point_in_time_recovery.enabled) or \
            u.pitr_backup_storage_gb is not None:
        out.append(usage_based("Point-in-time recovery backups", aws("AmazonDynamoDB", i.region,
                                                                     usagetype="TimedPITRStorage-ByteHrs"),
                               u.pitr_backup_storage_gb, unit="GB", usage_key="pitr_backup_storage_gb"))
    if u.on_demand_backup_storage_gb is not None:
        out.append(monthly("On-demand backups", aws("AmazonDynamoDB", i.region, usagetype="TimedBackupStorage-ByteHrs"),
                           u.on_demand_backup_storage_gb, unit="GB"))
    if u.monthly_data_restored_gb is not None:
        out.append(monthly("Restores", aws("AmazonDynamoDB", i.region, usagetype="RestoreDataSize-Bytes"),
                           u.monthly_data_restored_gb, unit="GB"))
    if i.stream_enabled or u.monthly_streams_read_request_units is not None:
        out.append(usage_based("Streams read requests", aws("AmazonDynamoDB", i.region, usagetype="Streams-Requests"),
                               u.monthly_streams_read_request_units, unit="requests",
                               usage_key="monthly_streams_read_request_units"))
    for r in i.replica:
        out += _replica(i, u, r.region_name, cls, label)
    return out


def _replica(i: DynamoDbTable, u: DynamoDbUsage, region: str, cls: str, label: str) -> list[CostComponent]:
    """A global table's replica in ``region``: the writes replicated into it and its copy of the storage."""
    if i.billing_mode == "PAY_PER_REQUEST":
        writes = usage_based(f"Replicated write request units ({region}){label}",
                             aws("AmazonDynamoDB", region, usagetype=f"{cls}ReplWriteRequestUnits"),
                             u.monthly_write_request_units, unit="rWRUs", usage_key="monthly_write_request_units")
    else:
        wcu = i.write_capacity + sum(g.write_capacity for g in i.global_secondary_index)
        writes = monthly(f"Replicated write capacity ({region}){label}",
                         aws("AmazonDynamoDB", region, usagetype=f"{cls}ReplWriteCapacityUnit-Hrs"),
                         Decimal(wcu) * 730, unit="rWCU-hours")
    return [writes, usage_based(f"Replica storage ({region}){label}",
                                aws("AmazonDynamoDB", region, usagetype=f"{cls}TimedStorage-ByteHrs"),
                                u.storage_gb, unit="GB", usage_key="storage_gb")]


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
