"""Amazon EC2 instances (with root and EBS block devices) and Elastic IPs.

Pricing: https://aws.amazon.com/ec2/pricing/on-demand/ — billed per instance-hour (730 a month);
attached EBS volumes are priced as volumes; public IPv4 addresses cost $0.005/h since February 2024
(https://aws.amazon.com/vpc/pricing/).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr
from costlib.resources._q import aws, hourly
from costlib.resources.aws._common import OS_ATTRS, region
from costlib.resources.aws.ebs import volume_components
from costlib.resources.registry import register

__all__ = ["aws_eip", "aws_instance", "instance_hour"]


def instance_hour(spec: ResourceSpec, reg: str, instance_type: str, count: Decimal = Decimal(1),
                  label: str = "Instance usage") -> CostComponent:
    """The on-demand instance-hour component for ``instance_type``."""
    os_name = str(spec.usage.get("operating_system") or attr(spec, "operating_system", "linux")).lower()
    if os_name not in OS_ATTRS:
        raise InputError(f"unknown operating_system {os_name!r}; expected one of {', '.join(OS_ATTRS)}",
                         where=spec.address)
    attrs = dict(OS_ATTRS[os_name])
    tenancy = str(attr(spec, "tenancy", "default"))
    if tenancy == "dedicated":
        attrs["tenancy"] = "Dedicated"
    family = "Compute Instance (bare metal)" if ".metal" in instance_type else "Compute Instance"
    if family.endswith("(bare metal)"):
        attrs["tenancy"] = "Dedicated" if tenancy == "dedicated" else "Shared"
    return hourly(f"{label} ({os_name.capitalize() if os_name != 'rhel' else 'RHEL'}, on-demand, {instance_type})",
                  aws("AmazonEC2", reg, family, instanceType=instance_type, **attrs), count)


def _devices(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


@register("aws_instance")
def aws_instance(spec: ResourceSpec) -> list[CostComponent]:
    """An EC2 instance: ``instance_type`` (required), ``tenancy``, ``root_block_device``, ``ebs_block_device``.

    The root volume defaults to 8 GB gp2 when the plan does not say (the AMI decides; most are 8 GB).
    Pricing: https://aws.amazon.com/ec2/pricing/on-demand/
    """
    itype = attr(spec, "instance_type")
    if not itype:
        raise InputError("instance_type is required", where=spec.address)
    reg = region(spec)
    out = [instance_hour(spec, reg, str(itype))]
    roots = _devices(attr(spec, "root_block_device")) or [{}]
    for dev in roots[:1]:
        out += volume_components(spec, reg, str(dev.get("volume_type") or "gp2"),
                                 Decimal(str(dev.get("volume_size") or 8)), _opt(dev.get("iops")),
                                 _opt(dev.get("throughput")), label="Root volume")
    for dev in _devices(attr(spec, "ebs_block_device")):
        name = dev.get("device_name") or "EBS volume"
        out += volume_components(spec, reg, str(dev.get("volume_type") or "gp2"),
                                 Decimal(str(dev.get("volume_size") or 8)), _opt(dev.get("iops")),
                                 _opt(dev.get("throughput")), label=f"Block device {name}")
    return out


def _opt(value: Any) -> Decimal | None:
    return None if value in (None, "", 0) else Decimal(str(value))


@register("aws_eip")
def aws_eip(spec: ResourceSpec) -> list[CostComponent]:
    """An Elastic IP: a public IPv4 address, $0.005/h in use or idle since 2024-02-01.

    Pricing: https://aws.amazon.com/vpc/pricing/ (Public IPv4 addresses)
    """
    return [hourly("Public IPv4 address", aws("AmazonVPC", region(spec), usagetype="PublicIPv4:InUseAddress"))]
