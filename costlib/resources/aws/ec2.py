"""Amazon EC2 instances (with root and EBS block devices), Spot instance requests and Elastic IPs.

Pricing: https://aws.amazon.com/ec2/pricing/on-demand/ — billed per instance-hour (730 a month, or the usage
file's ``monthly_hrs``); Reserved Instances (https://aws.amazon.com/ec2/pricing/reserved-instances/pricing/) bill
an hourly rate for the term and, for partial and all upfront, an upfront fee (shown amortised over the term);
burstable T instances in unlimited mode bill surplus CPU credits per vCPU-hour
(https://aws.amazon.com/ec2/pricing/on-demand/#T2.2FT3.2FT4g_Unlimited_Mode_Pricing); attached EBS volumes
are priced as volumes; public IPv4 addresses cost $0.005/h in use or idle since February 2024
(https://aws.amazon.com/vpc/pricing/). On a Dedicated Host (``tenancy = host``) instances are not billed by
the hour: the host is (``aws_ec2_host``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, running, usage_based
from costlib.resources.aws._common import OS_ATTRS, OS_LABELS, OperatingSystem
from costlib.resources.aws.ebs import VolumeType, VolumeUsage, volume_components
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    HOURS_IN_MONTH,
    AwsInputs,
    Block,
    Blocks,
    Count,
    Hours,
    Model,
    Rate,
    Usage,
    choice,
    usage_key,
)

__all__ = ["Ec2Instance", "InstanceUsage", "aws_eip", "aws_instance", "aws_spot_instance_request",
           "instance_components"]

TERMS = {"1_year": "1yr", "3_year": "3yr"}
PAYMENTS = {"no_upfront": "No Upfront", "partial_upfront": "Partial Upfront", "all_upfront": "All Upfront"}
TERM_MONTHS = {"1_year": Decimal(12), "3_year": Decimal(36)}
#: burstable families that bill surplus credits in unlimited mode, and their default credit mode
BURSTABLE_DEFAULT = {"t2": "standard", "t3": "unlimited", "t3a": "unlimited", "t4g": "unlimited"}


class InstanceUsage(Usage):
    """Usage of an instance (Infracost's keys, so existing usage files work)."""

    operating_system: OperatingSystem | None = usage_key(
        "Operating system of the AMI (the plan does not say): linux, windows, rhel or suse", unit="", default=None)
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the instance runs (default: all month, 730)",
                                                   unit="hours")
    reserved_instance_type: Annotated[str, choice("standard", "convertible")] | None = usage_key(
        "Offering class of a Reserved Instance: standard or convertible", unit="")
    reserved_instance_term: Annotated[str, choice("1_year", "3_year")] | None = usage_key(
        "Term of a Reserved Instance: 1_year or 3_year", unit="")
    reserved_instance_payment_option: Annotated[str, choice("no_upfront", "partial_upfront", "all_upfront")] | None = (
        usage_key("Payment option of a Reserved Instance: no_upfront, partial_upfront or all_upfront", unit=""))
    monthly_cpu_credit_hrs: HOURS_IN_MONTH | None = usage_key(
        "Hours a month a burstable (T) instance in unlimited mode runs above its baseline", unit="hours")
    vcpu_count: Count | None = usage_key("vCPUs of the instance type (for surplus CPU credits)", unit="vCPUs")
    root_block_device: Block[VolumeUsage] = usage_key("Usage of the root volume", unit="")


class Device(Model):
    volume_type: VolumeType = "gp2"
    volume_size: GB = Decimal(8)
    iops: Rate | None = None
    throughput: Rate | None = None
    device_name: str | None = None


class Credits(Model):
    cpu_credits: Annotated[str, choice("standard", "unlimited")] | None = None


class MarketOptions(Model):
    market_type: Annotated[str, choice("spot", "capacity-block")] | None = None


class Ec2Instance(AwsInputs):
    instance_type: str
    tenancy: Annotated[str, choice("default", "dedicated", "host")] = "default"
    root_block_device: Block[Device] = None
    ebs_block_device: Blocks[Device] = ()
    credit_specification: Block[Credits] = None
    instance_market_options: Block[MarketOptions] = None
    operating_system: OperatingSystem | None = None
    """Not a Terraform argument: a spec file or the provider-agnostic vocabulary may say it."""


def _reserved(usage: InstanceUsage) -> tuple[str, str, str] | None:
    kinds = (usage.reserved_instance_type, usage.reserved_instance_term, usage.reserved_instance_payment_option)
    if not any(kinds):
        return None
    return (kinds[0] or "standard", kinds[1] or "1_year", kinds[2] or "no_upfront")


def instance_components(region: str, instance_type: str, usage: InstanceUsage, *, os_name: str = "linux",
                        tenancy: str = "default", count: Decimal = Decimal(1), spot: bool = False,
                        credit_mode: str | None = None, label: str = "Instance usage") -> list[CostComponent]:
    """The instance-hour components of ``count`` instances (on-demand, spot or reserved) and their CPU credits."""
    os_key = usage.operating_system or os_name
    attrs = dict(OS_ATTRS[os_key])
    metal = ".metal" in instance_type
    family = "Compute Instance (bare metal)" if metal else "Compute Instance"
    if tenancy == "dedicated":
        attrs["tenancy"] = "Dedicated"
    hours = usage.monthly_hrs
    os_label = OS_LABELS[os_key]
    reserved = _reserved(usage)
    out: list[CostComponent] = []
    if reserved is not None and not spot:
        klass, term, payment = reserved
        term_name = f"{TERMS[term]} {PAYMENTS[payment]} {klass}"
        name = f"{label} ({os_label}, reserved {term.replace('_', ' ')} {payment.replace('_', ' ')}, {instance_type})"
        if payment != "all_upfront":
            out.append(running(name, aws("AmazonEC2", region, family, option="reserved", term=term_name, unit="Hrs",
                                         instanceType=instance_type, **attrs), count, hours))
        if payment != "no_upfront":
            out.append(monthly(f"{name}, upfront fee over {TERM_MONTHS[term]:.0f} months",
                               aws("AmazonEC2", region, family, option="reserved", term=term_name, unit="Quantity",
                                   instanceType=instance_type, **attrs),
                               count / TERM_MONTHS[term], unit="instances"))
    else:
        option = "spot" if spot else "on_demand"
        out.append(running(f"{label} ({os_label}, {'spot' if spot else 'on-demand'}, {instance_type})",
                           aws("AmazonEC2", region, family, option=option, instanceType=instance_type, **attrs),
                           count, hours))
    series = instance_type.split(".", 1)[0]
    mode = credit_mode or BURSTABLE_DEFAULT.get(series)
    if series in BURSTABLE_DEFAULT and mode == "unlimited" and usage.monthly_cpu_credit_hrs:
        # surplus credits are billed only for bursting above the baseline on average: said when usage says so
        credit_hrs = usage.monthly_cpu_credit_hrs
        vcpus = usage.vcpu_count
        qty = None if vcpus is None else credit_hrs * vcpus * count
        out.append(usage_based(f"CPU credits ({series}, unlimited)",
                               aws("AmazonEC2", region, "CPU Credits", usagetype=f"CPUCredits:{series}",
                                   operatingSystem=attrs["operatingSystem"]),
                               qty, unit="vCPU-hours", usage_key="monthly_cpu_credit_hrs"))
    return out


def _instance(i: Ec2Instance, u: InstanceUsage, spot: bool) -> list[CostComponent]:
    out: list[CostComponent] = []
    market = i.instance_market_options.market_type if i.instance_market_options else None
    if i.tenancy != "host":  # on a Dedicated Host the host is billed, not its instances
        credits = i.credit_specification.cpu_credits if i.credit_specification else None
        out += instance_components(i.region, i.instance_type, u, os_name=i.operating_system or "linux",
                                   tenancy=i.tenancy, spot=spot or market == "spot", credit_mode=credits)
    root = i.root_block_device or Device()
    out += volume_components(i.region, root.volume_type, root.volume_size, root.iops, root.throughput,
                             u.root_block_device, label="Root volume")
    for dev in i.ebs_block_device:
        out += volume_components(i.region, dev.volume_type, dev.volume_size, dev.iops, dev.throughput,
                                 label=f"Block device {dev.device_name or 'EBS volume'}")
    return out


@resource("aws_instance", example={"instance_type": "m5.large"})
def aws_instance(i: Ec2Instance, u: InstanceUsage) -> list[CostComponent]:
    """An EC2 instance: ``instance_type`` (required), ``tenancy``, ``root_block_device``, ``ebs_block_device``,
    ``credit_specification``, ``instance_market_options`` (spot).

    The root volume defaults to 8 GB gp2 when the plan does not say (the AMI decides; most are 8 GB).
    Pricing: https://aws.amazon.com/ec2/pricing/on-demand/
    """
    return _instance(i, u, spot=False)


class SpotRequest(Ec2Instance):
    spot_type: str | None = None


@resource("aws_spot_instance_request", example={"instance_type": "m5.large"})
def aws_spot_instance_request(i: SpotRequest, u: InstanceUsage) -> list[CostComponent]:
    """A Spot instance request: billed at the Spot price (the catalog holds average Spot prices), plus volumes.

    Pricing: https://aws.amazon.com/ec2/spot/pricing/
    """
    return _instance(i, u, spot=True)


class Eip(AwsInputs):
    domain: str | None = None


class EipUsage(Usage):
    monthly_hrs: Hours | None = usage_key("Hours a month the address is held (default 730)", unit="hours")


@resource("aws_eip", example={"domain": "vpc"})
def aws_eip(i: Eip, u: EipUsage) -> list[CostComponent]:
    """An Elastic IP: a public IPv4 address, $0.005/h in use or idle since 2024-02-01.

    Pricing: https://aws.amazon.com/vpc/pricing/ (Public IPv4 addresses)
    """
    return [running("Public IPv4 address", aws("AmazonVPC", i.region, usagetype="PublicIPv4:InUseAddress"),
                    hours=u.monthly_hrs)]
