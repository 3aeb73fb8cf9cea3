"""Amazon MSK (Managed Streaming for Apache Kafka): provisioned and serverless clusters.

Pricing: https://aws.amazon.com/msk/pricing/ — provisioned clusters bill broker hours per broker instance type
(``number_of_broker_nodes``) and broker storage per GB-month (``volume_size`` per broker, default 1,000 GB), plus
provisioned storage throughput per MB/s-month when enabled. Serverless clusters bill cluster hours, partition
hours and data in and out per GB (usage).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Count, Hours, Model, Rate, Usage, usage_key

__all__ = ["aws_msk_cluster", "aws_msk_serverless_cluster"]


class Throughput(Model):
    enabled: bool = False
    volume_throughput: Rate | None = None


class ProvisionedThroughput(Model):
    provisioned_throughput: Block[Throughput] = None
    volume_size: GB = Decimal(1000)


class StorageInfo(Model):
    ebs_storage_info: Block[ProvisionedThroughput] = None


class BrokerGroup(Model):
    instance_type: str
    storage_info: Block[StorageInfo] = None
    ebs_volume_size: GB | None = None


class MskCluster(AwsInputs):
    number_of_broker_nodes: Count
    broker_node_group_info: Block[BrokerGroup]


@resource("aws_msk_cluster", example={"number_of_broker_nodes": 3,
                                      "broker_node_group_info": [{"instance_type": "kafka.m5.large"}]})
def aws_msk_cluster(i: MskCluster) -> list[CostComponent]:
    """A provisioned MSK cluster: ``number_of_broker_nodes`` brokers of ``instance_type``, their storage and
    provisioned storage throughput. Pricing: https://aws.amazon.com/msk/pricing/
    """
    group = i.broker_node_group_info
    if group is None:
        raise InputError("broker_node_group_info is required")
    brokers = Decimal(i.number_of_broker_nodes)
    itype = group.instance_type.removeprefix("kafka.")
    ebs = group.storage_info.ebs_storage_info if group.storage_info and group.storage_info.ebs_storage_info else None
    size = ebs.volume_size if ebs is not None else group.ebs_volume_size or Decimal(1000)
    out = [hourly(f"Brokers ({group.instance_type})", aws("AmazonMSK", i.region, "Managed Streaming for Apache Kafka",
                                                        usagetype=f"Kafka.{itype}"), brokers),
           monthly("Broker storage", aws("AmazonMSK", i.region, "Storage", usagetype="Kafka.Storage.GP2"),
                   size * brokers, unit="GB")]
    tp = ebs.provisioned_throughput if ebs is not None else None
    if tp is not None and tp.enabled and tp.volume_throughput:
        out.append(monthly("Provisioned storage throughput", aws("AmazonMSK", i.region, "Provisioned Throughput",
                                                                 usagetype="Kafka.Storage.ProvisionedThroughput"),
                           tp.volume_throughput * brokers, unit="MBps"))
    return out


class MskServerless(AwsInputs):
    cluster_name: str | None = None


class MskServerlessUsage(Usage):
    partitions: Count | None = usage_key("Partitions of the cluster's topics on average", unit="partitions")
    monthly_data_in_gb: GB | None = usage_key("Data written to the cluster a month", unit="GB")
    monthly_data_out_gb: GB | None = usage_key("Data read from the cluster a month", unit="GB")
    monthly_partition_hours: Hours | None = usage_key("Partition-hours a month (instead of partitions)",
                                                      unit="partition-hours")


@resource("aws_msk_serverless_cluster", example={"cluster_name": "events"})
def aws_msk_serverless_cluster(i: MskServerless, u: MskServerlessUsage) -> list[CostComponent]:
    """An MSK Serverless cluster: cluster hours, partition hours and data in and out from usage.
    Pricing: https://aws.amazon.com/msk/pricing/ (Serverless)
    """
    part_hours = u.monthly_partition_hours if u.monthly_partition_hours is not None else (
        None if u.partitions is None else Decimal(u.partitions) * 730)
    return [
        hourly("Serverless cluster", aws("AmazonMSK", i.region, usagetype="Kafka.Serverless.Cluster")),
        usage_based("Partitions", aws("AmazonMSK", i.region, usagetype="Kafka.Serverless.Partition"), part_hours,
                    unit="partition-hours", usage_key="partitions"),
        usage_based("Data in", aws("AmazonMSK", i.region, usagetype="Kafka.Serverless.DataIn"),
                    u.monthly_data_in_gb, unit="GB", usage_key="monthly_data_in_gb"),
        usage_based("Data out", aws("AmazonMSK", i.region, usagetype="Kafka.Serverless.DataOut"),
                    u.monthly_data_out_gb, unit="GB", usage_key="monthly_data_out_gb"),
    ]
