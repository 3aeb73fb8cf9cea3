"""AWS Global Accelerator: accelerators (a fixed fee per hour) and endpoint groups (DT-Premium per GB).

Pricing: https://aws.amazon.com/global-accelerator/pricing/ — every provisioned accelerator, enabled or not, is
billed a fixed fee for each full or partial hour. Traffic is billed a Data Transfer-Premium fee per GB in the
dominant direction each hour (inbound or outbound, whichever is larger), at a rate set by the AWS region that
serves it and the edge location group of the users; standard data transfer out is billed on the endpoints
as usual. The DT-Premium matrix is not priced yet: an endpoint group with traffic says so.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, unmodelled
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Block, Model, Quantity, Usage, usage_key

__all__ = ["aws_globalaccelerator_accelerator", "aws_globalaccelerator_endpoint_group", "dominant_gb"]


class Accelerator(AwsInputs):
    enabled: bool = True
    ip_address_type: str | None = None


@resource("aws_globalaccelerator_accelerator", example={"name": "web", "ip_address_type": "IPV4"})
def aws_globalaccelerator_accelerator(i: Accelerator) -> list[CostComponent]:
    """An accelerator: the fixed hourly fee, charged whether it is enabled or not.

    Pricing: https://aws.amazon.com/global-accelerator/pricing/
    """
    return [hourly("Accelerator fixed fee", aws("AWSGlobalAccelerator", "global", usagetype="GlobalAccelerator-Hours"))]


class Transfer(Model):
    """GB a month per edge location group of the users (Infracost's keys)."""

    us: Quantity | None = None
    europe: Quantity | None = None
    south_africa: Quantity | None = None
    south_america: Quantity | None = None
    south_korea: Quantity | None = None
    australia: Quantity | None = None
    asia_pacific: Quantity | None = None
    india: Quantity | None = None
    middle_east: Quantity | None = None


class EndpointGroup(AwsInputs):
    endpoint_group_region: str | None = None


class EndpointGroupUsage(Usage):
    monthly_inbound_data_transfer_gb: Block[Transfer] = usage_key(
        "Data into the application a month, per users' edge location group (us, europe ...)", unit="GB")
    monthly_outbound_data_transfer_gb: Block[Transfer] = usage_key(
        "Data out to the users a month, per users' edge location group", unit="GB")


def dominant_gb(u: EndpointGroupUsage) -> dict[str, Decimal]:
    """GB in the dominant direction per edge location group (monthly totals stand in for the hourly comparison).

    >>> dominant_gb(EndpointGroupUsage(monthly_inbound_data_transfer_gb=Transfer(us=Decimal(10)),
    ...                                monthly_outbound_data_transfer_gb=Transfer(us=Decimal(30), europe=Decimal(5))))
    {'us': Decimal('30'), 'europe': Decimal('5')}
    """
    inbound = u.monthly_inbound_data_transfer_gb.model_dump() if u.monthly_inbound_data_transfer_gb else {}
    outbound = u.monthly_outbound_data_transfer_gb.model_dump() if u.monthly_outbound_data_transfer_gb else {}
    out: dict[str, Decimal] = {}
    for group in Transfer.model_fields:
        values = [v for v in (inbound.get(group), outbound.get(group)) if v is not None]
        if values:
            out[group] = max(values)
    return out


@resource("aws_globalaccelerator_endpoint_group", example={"listener_arn": "arn:aws:globalaccelerator::1:x",
                                                           "endpoint_group_region": "us-east-1"})
def aws_globalaccelerator_endpoint_group(i: EndpointGroup, u: EndpointGroupUsage) -> list[CostComponent]:
    """An endpoint group: its traffic's DT-Premium fee, by the dominant direction per users' edge location group
    (usage ``monthly_inbound_data_transfer_gb``, ``monthly_outbound_data_transfer_gb``).

    Pricing: https://aws.amazon.com/global-accelerator/pricing/
    """
    why = "Global Accelerator's DT-Premium rates (per source region and edge location pair) are not priced yet"
    region = i.endpoint_group_region or i.region
    groups = dominant_gb(u)
    if not groups:
        return [unmodelled(f"DT-Premium from {region}", why)]
    return [unmodelled(f"DT-Premium from {region} to {group} ({gb} GB)", why) for group, gb in groups.items()]
