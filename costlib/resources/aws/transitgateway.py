"""AWS Transit Gateway attachments: VPC attachments (hours and GB processed) and peering attachments (hours).

Pricing: https://aws.amazon.com/transit-gateway/pricing/ — the transit gateway itself has no charge; each
attachment is billed per hour (a partial hour as a full one) and each GB sent from an attachment into the
transit gateway is billed as data processed. Data sent over a peering attachment is not charged data
processing (it was charged where it entered); inter-region traffic over it is billed as inter-region data
transfer (``aws_data_transfer``). Usage types ``TransitGateway-Hours`` and ``TransitGateway-Bytes`` (AmazonVPC).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Usage, usage_key

__all__ = ["attachment_components", "aws_ec2_transit_gateway_peering_attachment",
           "aws_ec2_transit_gateway_vpc_attachment"]


def attachment_components(region: str, processed_gb: Decimal | None, *, label: str = "Transit gateway attachment",
                          key: str = "monthly_data_processed_gb") -> list[CostComponent]:
    """A transit gateway attachment's hours and the GB it sends into the transit gateway (None: usage-based)."""
    return [hourly(label, aws("AmazonVPC", region, usagetype="TransitGateway-Hours")),
            usage_based("Data processed", aws("AmazonVPC", region, usagetype="TransitGateway-Bytes"),
                        processed_gb, unit="GB", usage_key=key)]


class VpcAttachment(AwsInputs):
    transit_gateway_id: str | None = None


class AttachmentUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data sent from the VPC into the transit gateway a month",
                                                     unit="GB")


@resource("aws_ec2_transit_gateway_vpc_attachment", example={"transit_gateway_id": "tgw-1", "vpc_id": "vpc-1"})
def aws_ec2_transit_gateway_vpc_attachment(i: VpcAttachment, u: AttachmentUsage) -> list[CostComponent]:
    """A VPC attachment: attachment hours plus GB processed (usage ``monthly_data_processed_gb``).

    Pricing: https://aws.amazon.com/transit-gateway/pricing/
    """
    return attachment_components(i.region, u.monthly_data_processed_gb, label="Transit gateway VPC attachment")


class PeeringAttachment(AwsInputs):
    peer_region: str | None = None


@resource("aws_ec2_transit_gateway_peering_attachment", example={"peer_region": "eu-west-1",
                                                                 "peer_transit_gateway_id": "tgw-2"})
def aws_ec2_transit_gateway_peering_attachment(i: PeeringAttachment) -> list[CostComponent]:
    """A peering attachment: attachment hours (billed in each transit gateway's account and region; this is the
    requester's side). No data processing; the inter-region transfer is billed as data transfer.

    Pricing: https://aws.amazon.com/transit-gateway/pricing/
    """
    return [hourly("Transit gateway peering attachment", aws("AmazonVPC", i.region, usagetype="TransitGateway-Hours"))]
