"""EC2 Auto Scaling groups: the instances they keep running, priced as EC2 instances.

Pricing: https://aws.amazon.com/ec2/autoscaling/pricing/ (no charge for Auto Scaling itself) and
https://aws.amazon.com/ec2/pricing/on-demand/. The group runs ``desired_capacity`` instances (else ``min_size``;
usage ``instances`` overrides). The instance type and disks live in the launch template or launch configuration,
another resource of the plan: a spec file gives them on the group (``instance_type``, ``root_block_device``,
``ebs_block_device``), a mixed instances policy names them in its overrides; where neither says, the instances
are named as not modelled rather than guessed. A mixed instances policy runs ``on_demand_base_capacity``
on-demand instances, then ``on_demand_percentage_above_base_capacity`` percent of the rest on demand (rounded
up, in favour of On-Demand) and the remainder as Spot, at the first override's type (``weighted_capacity``
divides the capacity into instances).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from costlib.models import CostComponent
from costlib.resources._q import unmodelled
from costlib.resources.aws.ebs import volume_components
from costlib.resources.aws.ec2 import Device, InstanceUsage, instance_components
from costlib.resources.registry import resource
from costlib.resources.schema import Amount, AwsInputs, Block, Blocks, Count, Model, Percent, usage_key

__all__ = ["AutoscalingGroup", "aws_autoscaling_group", "mixed_split"]


class Distribution(Model):
    on_demand_base_capacity: Count = 0
    on_demand_percentage_above_base_capacity: Percent = Decimal(100)


class Override(Model):
    instance_type: str | None = None
    weighted_capacity: Amount(1, 999) | None = None  # type: ignore[valid-type]


class MixedTemplate(Model):
    override: Blocks[Override] = ()


class MixedPolicy(Model):
    instances_distribution: Block[Distribution] = None
    launch_template: Block[MixedTemplate] = None


class AutoscalingGroup(AwsInputs):
    desired_capacity: Count | None = None
    min_size: Count = 0
    max_size: Count | None = None
    mixed_instances_policy: Block[MixedPolicy] = None
    launch_template: Block[Model] = None
    launch_configuration: str | None = None
    # the launch template's or configuration's sizing, where a spec file gives it on the group
    instance_type: str | None = None
    root_block_device: Block[Device] = None
    ebs_block_device: Blocks[Device] = ()


class AutoscalingUsage(InstanceUsage):
    instances: Count | None = usage_key("Instances the group runs on average (default desired_capacity, else "
                                        "min_size)", unit="instances")


def mixed_split(total: Decimal, dist: Distribution) -> tuple[Decimal, Decimal]:
    """(on-demand, spot) instances of a mixed instances policy.

    >>> mixed_split(Decimal(10), Distribution(on_demand_base_capacity=2, on_demand_percentage_above_base_capacity=25))
    (Decimal('4'), Decimal('6'))
    """
    base = min(total, Decimal(dist.on_demand_base_capacity))
    above = total - base
    on_demand_above = (above * dist.on_demand_percentage_above_base_capacity / 100).to_integral_value(
        rounding=ROUND_CEILING)
    return base + on_demand_above, above - on_demand_above


@resource("aws_autoscaling_group", example={"desired_capacity": 2, "min_size": 1, "max_size": 4,
                                            "instance_type": "m5.large"})
def aws_autoscaling_group(i: AutoscalingGroup, u: AutoscalingUsage) -> list[CostComponent]:
    """An Auto Scaling group: its instances (on-demand, reserved from usage, or on-demand and Spot by the mixed
    instances policy) with their root and EBS volumes (8 GB gp2 root when the plan does not say, as for
    ``aws_instance``). Pricing: https://aws.amazon.com/ec2/pricing/on-demand/
    """
    capacity = Decimal(u.instances if u.instances is not None else
                       i.desired_capacity if i.desired_capacity is not None else i.min_size)
    policy = i.mixed_instances_policy
    overrides = policy.launch_template.override if policy and policy.launch_template else ()
    first = next((o for o in overrides if o.instance_type), None)
    itype = (first.instance_type if first else None) or i.instance_type
    if itype is None:
        return [unmodelled("Instances", "the instance type is in the launch template or launch configuration, "
                                        "which the plan does not carry on the group")]
    weight = first.weighted_capacity if first and first.weighted_capacity and u.instances is None else None
    count = capacity if weight is None else (capacity / weight).to_integral_value(rounding=ROUND_CEILING)
    out: list[CostComponent] = []
    if policy is not None:
        on_demand, spot = mixed_split(count, policy.instances_distribution or Distribution())
        if on_demand:
            out += instance_components(i.region, itype, u, count=on_demand)
        if spot:
            out += instance_components(i.region, itype, InstanceUsage(operating_system=u.operating_system,
                                                                      monthly_hrs=u.monthly_hrs),
                                       count=spot, spot=True)
    else:
        out += instance_components(i.region, itype, u, count=count)
    root = i.root_block_device or Device()
    out += volume_components(i.region, root.volume_type, root.volume_size, root.iops, root.throughput,
                             u.root_block_device, label="Root volumes", count=count)
    for dev in i.ebs_block_device:
        out += volume_components(i.region, dev.volume_type, dev.volume_size, dev.iops, dev.throughput,
                                 label=f"Block devices {dev.device_name or 'EBS volume'}", count=count)
    return out
