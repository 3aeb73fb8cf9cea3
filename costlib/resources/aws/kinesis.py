"""Amazon Kinesis: Data Streams (provisioned shards or on demand), Data Firehose delivery streams and Data
Analytics applications (SQL, and Managed Service for Apache Flink) with their snapshots.

Pricing: https://aws.amazon.com/kinesis/data-streams/pricing/ — provisioned: shard hours and PUT payload units
(25 KB each, usage); retention beyond 24 hours per shard-hour up to 7 days, beyond 7 days per GB-month (usage).
On demand: a stream hour, and data written and read per GB (usage).
https://aws.amazon.com/kinesis/data-firehose/pricing/ — data ingested per GB (tiered; direct PUT records rounded
up to 5 KB), format conversion per GB. https://aws.amazon.com/managed-service-apache-flink/pricing/ — KPU-hours
(Flink applications are charged one more KPU for orchestration, and 50 GB of running storage per KPU), durable
backups per GB-month.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Amount, AwsInputs, Block, Count, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_kinesis_analytics_application", "aws_kinesis_firehose_delivery_stream", "aws_kinesis_stream",
           "aws_kinesisanalyticsv2_application", "aws_kinesisanalyticsv2_application_snapshot"]


class StreamMode(Model):
    stream_mode: Annotated[str, choice("PROVISIONED", "ON_DEMAND")] = "PROVISIONED"


class KinesisStream(AwsInputs):
    shard_count: Count | None = None
    retention_period: Amount(24, 8760) = Decimal(24)  # type: ignore[valid-type]
    stream_mode_details: Block[StreamMode] = None


class StreamUsage(Usage):
    monthly_put_payload_units: Quantity | None = usage_key(
        "PUT payload units a month (provisioned mode; one per 25 KB of each record)", unit="units")
    monthly_data_ingested_gb: GB | None = usage_key("Data written a month (on-demand mode)", unit="GB")
    monthly_data_retrieved_gb: GB | None = usage_key("Data read a month (on-demand mode)", unit="GB")
    extended_retention_storage_gb: GB | None = usage_key(
        "Data retained beyond 24 hours, up to 7 days (on-demand mode)", unit="GB")
    long_term_storage_gb: GB | None = usage_key("Data retained beyond 7 days", unit="GB")


@resource("aws_kinesis_stream", example={"shard_count": 2})
def aws_kinesis_stream(i: KinesisStream, u: StreamUsage) -> list[CostComponent]:
    """A Kinesis data stream: ``shard_count`` shard hours (provisioned) or a stream hour (``ON_DEMAND``), data from
    usage, extended retention by ``retention_period``. Pricing: https://aws.amazon.com/kinesis/data-streams/pricing/
    """
    mode = (i.stream_mode_details or StreamMode()).stream_mode
    out: list[CostComponent] = []
    if mode == "ON_DEMAND":
        out += [hourly("Stream (on demand)", aws("AmazonKinesis", i.region, usagetype="OnDemand-StreamHour")),
                usage_based("Data written", aws("AmazonKinesis", i.region, usagetype="OnDemand-BilledIncomingBytes"),
                            u.monthly_data_ingested_gb, unit="GB", usage_key="monthly_data_ingested_gb"),
                usage_based("Data read", aws("AmazonKinesis", i.region, usagetype="OnDemand-BilledOutgoingBytes"),
                            u.monthly_data_retrieved_gb, unit="GB", usage_key="monthly_data_retrieved_gb")]
        if i.retention_period > 24:
            out.append(usage_based("Extended retention (on demand)",
                                   aws("AmazonKinesis", i.region, usagetype="OnDemand-ExtendedRetention-ByteHrs"),
                                   u.extended_retention_storage_gb, unit="GB",
                                   usage_key="extended_retention_storage_gb"))
    else:
        shards = Decimal(i.shard_count if i.shard_count is not None else 1)
        out += [hourly("Shards", aws("AmazonKinesis", i.region, usagetype="Storage-ShardHour"), shards,
                       unit="shard-hours"),
                usage_based("PUT payload units", aws("AmazonKinesis", i.region, usagetype="PutRequestPayloadUnits"),
                            None if u.monthly_put_payload_units is None else u.monthly_put_payload_units / 1000000,
                            unit="1M units", usage_key="monthly_put_payload_units")]
        if i.retention_period > 24:
            out.append(hourly("Extended retention (up to 7 days)",
                              aws("AmazonKinesis", i.region, usagetype="Extended-ShardHour"), shards,
                              unit="shard-hours"))
    if i.retention_period > 168:
        out.append(usage_based("Long-term retention (beyond 7 days)",
                               aws("AmazonKinesis", i.region, usagetype="LongTermRetention-ByteHrs"),
                               u.long_term_storage_gb, unit="GB", usage_key="long_term_storage_gb"))
    return out


class Conversion(Model):
    enabled: bool = True


class ExtendedS3(Model):
    data_format_conversion_configuration: Block[Conversion] = None


class Firehose(AwsInputs):
    destination: str | None = None
    extended_s3_configuration: Block[ExtendedS3] = None


class FirehoseUsage(Usage):
    monthly_data_ingested_gb: GB | None = usage_key("Data ingested a month (records rounded up to 5 KB)", unit="GB")


@resource("aws_kinesis_firehose_delivery_stream", example={"destination": "extended_s3"})
def aws_kinesis_firehose_delivery_stream(i: Firehose, u: FirehoseUsage) -> list[CostComponent]:
    """A Firehose delivery stream: data ingested (tiered) and format conversion, from usage.
    Pricing: https://aws.amazon.com/kinesis/data-firehose/pricing/
    """
    out = [usage_based("Data ingested", aws("AmazonKinesisFirehose", i.region, usagetype="BilledBytes"),
                       u.monthly_data_ingested_gb, unit="GB", usage_key="monthly_data_ingested_gb")]
    s3 = i.extended_s3_configuration
    conv = s3.data_format_conversion_configuration if s3 else None
    if conv is not None and conv.enabled:
        out.append(usage_based("Format conversion", aws("AmazonKinesisFirehose", i.region,
                                                        usagetype="DataFormatConversion-Bytes"),
                               u.monthly_data_ingested_gb, unit="GB", usage_key="monthly_data_ingested_gb"))
    return out


class AnalyticsUsage(Usage):
    kinesis_processing_units: Amount(0, 100000) | None = usage_key(  # type: ignore[valid-type]
        "KPUs the application uses on average", unit="KPUs")
    durable_application_backup_gb: GB | None = usage_key("Durable application backups stored", unit="GB")


class AnalyticsApp(AwsInputs):
    name: str | None = None


@resource("aws_kinesis_analytics_application", example={"name": "clicks"})
def aws_kinesis_analytics_application(i: AnalyticsApp, u: AnalyticsUsage) -> list[CostComponent]:
    """A Kinesis Data Analytics SQL application: KPU-hours from usage ``kinesis_processing_units``.
    Pricing: https://aws.amazon.com/kinesis/data-analytics/pricing/
    """
    kpu = u.kinesis_processing_units
    return [usage_based("Processing (KPU-hours)", aws("AmazonKinesisAnalytics", i.region, usagetype="KPU-Hour"),
                        None if kpu is None else kpu * 730, unit="KPU-hours", usage_key="kinesis_processing_units")]


class AnalyticsV2(AwsInputs):
    runtime_environment: str = "FLINK-1_18"


@resource("aws_kinesisanalyticsv2_application", example={"runtime_environment": "FLINK-1_18"})
def aws_kinesisanalyticsv2_application(i: AnalyticsV2, u: AnalyticsUsage) -> list[CostComponent]:
    """A Managed Service for Apache Flink (or SQL v2) application: KPU-hours (plus one orchestration KPU for Flink),
    50 GB running storage per KPU, durable backups. Pricing: https://aws.amazon.com/managed-service-apache-flink/pricing/
    """
    kpu = u.kinesis_processing_units
    flink = i.runtime_environment.upper().startswith("FLINK")
    if not flink:
        return aws_kinesis_analytics_application(AnalyticsApp(region=i.region), u)
    return [
        usage_based("Processing (KPU-hours)", aws("AmazonKinesisAnalytics", i.region, usagetype="KPU-Hour-Java"),
                    None if kpu is None else kpu * 730, unit="KPU-hours", usage_key="kinesis_processing_units"),
        hourly("Orchestration KPU", aws("AmazonKinesisAnalytics", i.region, usagetype="KPU-Hour-Java"),
               unit="KPU-hours"),
        usage_based("Running application storage", aws("AmazonKinesisAnalytics", i.region,
                                                       usagetype="RunningApplicationStorage"),
                    None if kpu is None else kpu * 50, unit="GB", usage_key="kinesis_processing_units"),
        usage_based("Durable application backups", aws("AmazonKinesisAnalytics", i.region,
                                                       usagetype="DurableApplicationBackups"),
                    u.durable_application_backup_gb, unit="GB", usage_key="durable_application_backup_gb"),
    ]


class SnapshotUsage(Usage):
    durable_application_backup_gb: GB | None = usage_key("Size of the snapshot", unit="GB")


class AnalyticsSnapshot(AwsInputs):
    snapshot_name: str | None = None


@resource("aws_kinesisanalyticsv2_application_snapshot", example={"snapshot_name": "nightly"})
def aws_kinesisanalyticsv2_application_snapshot(i: AnalyticsSnapshot, u: SnapshotUsage) -> list[CostComponent]:
    """A snapshot of a Flink application: durable backup storage (usage ``durable_application_backup_gb``).
    Pricing: https://aws.amazon.com/managed-service-apache-flink/pricing/
    """
    return [usage_based("Durable application backup", aws("AmazonKinesisAnalytics", i.region,
                                                          usagetype="DurableApplicationBackups"),
                        u.durable_application_backup_gb, unit="GB", usage_key="durable_application_backup_gb")]



