"""VPC traffic observability: flow logs (vended log delivery by destination) and traffic mirror sessions.

Pricing: https://aws.amazon.com/cloudwatch/pricing/ (Vended logs) — flow logs are billed as vended logs per GB
delivered, tiered per month (first 10 TB, next 20 TB, next 20 TB, over 50 TB), at the rate of the destination:
CloudWatch Logs (``VendedLog-Bytes``), S3 (``S3-Egress-Bytes``, plus ``S3-Egress-InputBytes`` for conversion to
Parquet) or Kinesis Data Firehose (``FH-Egress-Bytes``). Storage is billed on the log group or bucket. Traffic
Mirroring (https://aws.amazon.com/vpc/pricing/) bills each session, on the source network interface, per hour.
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Model, Usage, choice, usage_key

__all__ = ["aws_ec2_traffic_mirror_session", "aws_flow_log"]

#: destination -> (label, usage type of the delivered GB)
_DESTINATIONS = {"cloud-watch-logs": ("CloudWatch Logs", "VendedLog-Bytes"), "s3": ("S3", "S3-Egress-Bytes"),
                 "kinesis-data-firehose": ("Kinesis Data Firehose", "FH-Egress-Bytes")}


class DestinationOptions(Model):
    file_format: Annotated[str, choice("plain-text", "parquet")] = "plain-text"


class FlowLog(AwsInputs):
    log_destination_type: Annotated[str, choice(*_DESTINATIONS, what="flow log destination")] = "cloud-watch-logs"
    destination_options: Block[DestinationOptions] = None


class FlowLogUsage(Usage):
    monthly_data_ingested_gb: GB | None = usage_key("Flow log data delivered a month", unit="GB")


@resource("aws_flow_log", example={"log_destination_type": "s3", "traffic_type": "ALL", "vpc_id": "vpc-1"})
def aws_flow_log(i: FlowLog, u: FlowLogUsage) -> list[CostComponent]:
    """A flow log: GB delivered a month (usage ``monthly_data_ingested_gb``) at the vended-log rate of its
    ``log_destination_type`` (CloudWatch Logs by default, S3, Kinesis Data Firehose); S3 delivery in Parquet
    adds the conversion per GB. Pricing: https://aws.amazon.com/cloudwatch/pricing/ (Vended logs)
    """
    label, usagetype = _DESTINATIONS[i.log_destination_type]
    out = [usage_based(f"Vended logs delivered to {label}", aws("AmazonCloudWatch", i.region, usagetype=usagetype),
                       u.monthly_data_ingested_gb, unit="GB", usage_key="monthly_data_ingested_gb")]
    if i.log_destination_type == "s3" and i.destination_options is not None and \
            i.destination_options.file_format == "parquet":
        out.append(usage_based("Conversion to Apache Parquet", aws("AmazonCloudWatch", i.region,
                                                                   usagetype="S3-Egress-InputBytes"),
                               u.monthly_data_ingested_gb, unit="GB", usage_key="monthly_data_ingested_gb"))
    return out


class MirrorSession(AwsInputs):
    network_interface_id: str | None = None


@resource("aws_ec2_traffic_mirror_session", example={"network_interface_id": "eni-1", "session_number": 1,
                                                     "traffic_mirror_target_id": "tmt-1",
                                                     "traffic_mirror_filter_id": "tmf-1"})
def aws_ec2_traffic_mirror_session(i: MirrorSession) -> list[CostComponent]:
    """A traffic mirror session: billed per hour on its source network interface.

    Pricing: https://aws.amazon.com/vpc/pricing/ (Traffic Mirroring)
    """
    return [hourly("Traffic mirror session", aws("AmazonVPC", i.region, usagetype="TrafficMirror-ENI-Hours"),
                   unit="session-hours")]
