"""Amazon MQ brokers (ActiveMQ and RabbitMQ): broker instance hours and storage.

Pricing: https://aws.amazon.com/amazon-mq/pricing/ — hours per broker instance type; an active/standby ActiveMQ
broker runs two instances, a RabbitMQ cluster three; ActiveMQ storage per GB-month (EFS by default, or EBS),
RabbitMQ storage is EBS per GB-month; storage is usage (``storage_size_gb`` per instance).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Usage, choice, usage_key

__all__ = ["aws_mq_broker"]

_INSTANCES = {"SINGLE_INSTANCE": 1, "ACTIVE_STANDBY_MULTI_AZ": 2, "CLUSTER_MULTI_AZ": 3}


class MqBroker(AwsInputs):
    engine_type: Annotated[str, choice("ActiveMQ", "RabbitMQ")]
    host_instance_type: str
    deployment_mode: Annotated[str, choice(*_INSTANCES)] = "SINGLE_INSTANCE"
    storage_type: Annotated[str, choice("efs", "ebs")] | None = None


class MqUsage(Usage):
    storage_size_gb: GB | None = usage_key("Data stored per broker instance", unit="GB")


@resource("aws_mq_broker", example={"engine_type": "ActiveMQ", "host_instance_type": "mq.m5.large"})
def aws_mq_broker(i: MqBroker, u: MqUsage) -> list[CostComponent]:
    """An MQ broker: instances of ``host_instance_type`` by ``deployment_mode``, storage from usage.
    Pricing: https://aws.amazon.com/amazon-mq/pricing/
    """
    n = Decimal(_INSTANCES[i.deployment_mode])
    storage = "ebs" if i.engine_type == "RabbitMQ" else (i.storage_type or "efs")
    label = "single-instance" if n == 1 else "active/standby" if n == 2 else "cluster"
    out = [hourly(f"Broker instances ({i.engine_type}, {label}, {i.host_instance_type})",
                  aws("AmazonMQ", i.region, "Broker Instances", usagetype=f"{i.engine_type}:{i.host_instance_type}"),
                  n)]
    qty = None if u.storage_size_gb is None else u.storage_size_gb * n
    out.append(usage_based(f"Storage ({storage.upper()})",
                           aws("AmazonMQ", i.region, "Broker Storage",
                               usagetype="TimedStorage-EBS-ByteHrs" if storage == "ebs" else "TimedStorage-ByteHrs"),
                           qty, unit="GB", usage_key="storage_size_gb"))
    return out
