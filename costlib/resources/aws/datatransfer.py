"""AWS data transfer: a usage-only ``aws_data_transfer`` entry (per region: between Availability Zones, to other
regions, to the internet) and VPC peering connections (free themselves; their traffic is data transfer).

Pricing: https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer — data between Availability Zones of a
region is billed per GB in each direction (``DataTransfer-Regional-Bytes``, so a GB sent counts twice), data to
another region per GB out of the source region at a rate that depends on the destination
(``<destination prefix>-AWS-Out-Bytes``), data to the internet per GB tiered per month (first 10 TB, next 40 TB,
next 100 TB, over 150 TB; ``DataTransfer-Out-Bytes``). Data in is free. The 100 GB a month of free internet
transfer is per account and is not applied. Service code AWSDataTransfer (family Data Transfer).

``aws_data_transfer`` is not a Terraform resource: it is a usage-file entry naming a region (Infracost's keys),
so data transfer can be estimated next to the resources that cause it.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.aws._billing import REGION_PREFIX, no_charge, scaled
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Usage, usage_key

__all__ = ["aws_data_transfer", "aws_vpc_peering_connection", "inter_region"]

_SERVICE = "AWSDataTransfer"
_FAMILY = "Data Transfer"


def inter_region(source: str, destination: str, gb: Decimal | None, *, usage: str) -> CostComponent:
    """GB from ``source`` to another region, at the rate to ``destination`` (its usage-type prefix).

    >>> inter_region("us-east-1", "eu-west-1", Decimal(5), usage="k").query.attrs
    {'usagetype': 'EU-AWS-Out-Bytes'}
    """
    prefix = REGION_PREFIX.get(destination, destination.upper())
    return usage_based(f"Inter-region data transfer out to {destination}",
                       aws(_SERVICE, source, _FAMILY, usagetype=f"{prefix}-AWS-Out-Bytes"), gb, unit="GB",
                       usage_key=usage)


class DataTransfer(AwsInputs):
    pass


class DataTransferUsage(Usage):
    region: str | None = usage_key("Region the data transfer leaves (default: the entry's region)", unit="")
    monthly_intra_region_gb: GB | None = usage_key(
        "Data sent between Availability Zones of the region a month (billed out and in: counted twice)", unit="GB")
    monthly_outbound_us_east_to_us_east_gb: GB | None = usage_key(
        "Data sent between us-east-1 and us-east-2 a month (from a us-east region only)", unit="GB")
    monthly_outbound_other_regions_gb: GB | None = usage_key(
        "Data sent to other AWS regions a month (at the region's rate to regions outside its pair)", unit="GB")
    monthly_outbound_internet_gb: GB | None = usage_key("Data sent to the internet a month", unit="GB")


@resource("aws_data_transfer", example={})
def aws_data_transfer(i: DataTransfer, u: DataTransferUsage) -> list[CostComponent]:
    """Data transfer of one region: between AZs (``monthly_intra_region_gb``, twice), us-east-1 <-> us-east-2
    (``monthly_outbound_us_east_to_us_east_gb``), to other regions (``monthly_outbound_other_regions_gb``) and
    to the internet (``monthly_outbound_internet_gb``, tiered).

    Pricing: https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer
    """
    region = (u.region or i.region).strip().lower()
    out = [usage_based("Intra-region data transfer (between AZs, in and out)",
                       aws(_SERVICE, region, _FAMILY, usagetype="DataTransfer-Regional-Bytes"),
                       scaled(u.monthly_intra_region_gb, Decimal(2)), unit="GB", usage_key="monthly_intra_region_gb")]
    pair = {"us-east-1": "us-east-2", "us-east-2": "us-east-1"}.get(region)
    if pair is not None and u.monthly_outbound_us_east_to_us_east_gb is not None:
        out.append(inter_region(region, pair, u.monthly_outbound_us_east_to_us_east_gb,
                                usage="monthly_outbound_us_east_to_us_east_gb"))
    if u.monthly_outbound_other_regions_gb is not None:
        out.append(usage_based("Inter-region data transfer out (other regions)",
                               aws(_SERVICE, region, _FAMILY, transferType="InterRegion Outbound"),
                               u.monthly_outbound_other_regions_gb, unit="GB",
                               usage_key="monthly_outbound_other_regions_gb"))
    out.append(usage_based("Data transfer out to internet", aws(_SERVICE, region, _FAMILY,
                                                                usagetype="DataTransfer-Out-Bytes"),
                           u.monthly_outbound_internet_gb, unit="GB", usage_key="monthly_outbound_internet_gb"))
    return out


class PeeringConnection(AwsInputs):
    peer_region: str | None = None


class PeeringUsage(Usage):
    monthly_intra_region_gb: GB | None = usage_key(
        "Data over the peering between Availability Zones of one region a month (billed out and in)", unit="GB")
    monthly_inter_region_gb: GB | None = usage_key("Data sent to the peer VPC in peer_region a month", unit="GB")


@resource("aws_vpc_peering_connection", example={"peer_vpc_id": "vpc-2", "vpc_id": "vpc-1"})
def aws_vpc_peering_connection(i: PeeringConnection, u: PeeringUsage) -> list[CostComponent]:
    """A VPC peering connection: no charge of its own; traffic over it is data transfer: within an AZ free,
    across AZs per GB each way (``monthly_intra_region_gb``), to a ``peer_region`` at the inter-region rate
    (``monthly_inter_region_gb``). Pricing: https://aws.amazon.com/vpc/pricing/ (VPC peering)
    """
    out = [no_charge("Peering connection", "a VPC peering connection has no charge; data transfer over it is billed")]
    peer = (i.peer_region or i.region).strip().lower()
    if peer != i.region:
        out.append(inter_region(i.region, peer, u.monthly_inter_region_gb, usage="monthly_inter_region_gb"))
    elif u.monthly_intra_region_gb is not None:
        out.append(usage_based("Cross-AZ data transfer (in and out)",
                               aws(_SERVICE, i.region, _FAMILY, usagetype="DataTransfer-Regional-Bytes"),
                               u.monthly_intra_region_gb * 2, unit="GB", usage_key="monthly_intra_region_gb"))
    return out
