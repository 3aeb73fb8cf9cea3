"""AWS Direct Connect: connections (port hours by capacity, dedicated or hosted; data transfer out per source
region) and Direct Connect gateway associations with transit gateways.

Pricing: https://aws.amazon.com/directconnect/pricing/ — a connection is billed per port-hour by its capacity
(``bandwidth``), at the dedicated-port rate or the hosted-connection rate (usage ``dx_connection_type``), at its
Direct Connect ``location``; data transfer out over it is billed per GB by the AWS region the data leaves and
the location it goes to (data in is free). Usage types ``<location>-PortUsage:<speed>`` (dedicated),
``<location>-HCPortUsage:<speed>`` (hosted) and ``<location>-DataXfer-Out`` in AWSDirectConnect, under the
source region. A Direct Connect gateway associated with a transit gateway makes a transit gateway attachment
(hours plus GB processed); associated with a virtual private gateway it has no charge.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.aws.transitgateway import attachment_components
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Usage, choice, usage_key

__all__ = ["aws_dx_connection", "aws_dx_gateway_association", "port_speed"]

_SPEEDS = ("50Mbps", "100Mbps", "200Mbps", "300Mbps", "400Mbps", "500Mbps", "1Gbps", "2Gbps", "5Gbps", "10Gbps",
           "25Gbps", "100Gbps", "400Gbps")


def port_speed(bandwidth: str) -> str:
    """Direct Connect's bandwidth names as its usage types write them.

    >>> port_speed("10Gbps"), port_speed("500Mbps")
    ('10G', '500M')
    """
    return bandwidth.replace("Gbps", "G").replace("Mbps", "M")


class DxConnection(AwsInputs):
    bandwidth: Annotated[str, choice(*_SPEEDS, what="Direct Connect bandwidth")]
    location: str


class DxConnectionUsage(Usage):
    dx_connection_type: Annotated[str, choice("dedicated", "hosted")] | None = usage_key(
        "dedicated (a port of your own, the default) or hosted (through a Direct Connect partner)", unit="")
    dx_virtual_interface_type: Annotated[str, choice("private", "public", "transit")] | None = usage_key(
        "The virtual interface the data goes over (the per-GB rate is the location's either way)", unit="")
    monthly_outbound_from_region_to_dx_connection_location: dict[str, GB] | None = usage_key(
        "Data transferred out to the connection's location a month, per source region (us_east_1: 200)", unit="GB")
    monthly_outbound_region_to_dx_location_gb: GB | None = usage_key(
        "Data transferred out to the location a month from the connection's own region (older key)", unit="GB")


@resource("aws_dx_connection", example={"bandwidth": "1Gbps", "location": "EqDC2"})
def aws_dx_connection(i: DxConnection, u: DxConnectionUsage) -> list[CostComponent]:
    """A Direct Connect connection: port hours by ``bandwidth`` at ``location`` (dedicated or hosted, usage
    ``dx_connection_type``), plus data transfer out per source region (usage
    ``monthly_outbound_from_region_to_dx_connection_location``).

    Pricing: https://aws.amazon.com/directconnect/pricing/
    """
    loc = i.location.upper()
    speed = port_speed(i.bandwidth)
    hosted = u.dx_connection_type == "hosted"
    out = [hourly(f"{'Hosted connection' if hosted else 'Dedicated port'} ({i.bandwidth})",
                  aws("AWSDirectConnect", i.region, usagetype=f"{loc}-{'HCPortUsage' if hosted else 'PortUsage'}:{speed}"),
                  unit="port-hours")]
    per_region: dict[str, Decimal | None] = dict(u.monthly_outbound_from_region_to_dx_connection_location or {})
    if u.monthly_outbound_region_to_dx_location_gb is not None and not per_region:
        per_region[i.region] = u.monthly_outbound_region_to_dx_location_gb
    if not per_region:
        per_region = {i.region: None}
    for key, gb in per_region.items():
        region = key.replace("_", "-")
        out.append(usage_based(f"Data transfer out from {region}",
                               aws("AWSDirectConnect", region, usagetype=f"{loc}-DataXfer-Out"), gb, unit="GB",
                               usage_key="monthly_outbound_from_region_to_dx_connection_location"))
    return out


class DxGatewayAssociation(AwsInputs):
    associated_gateway_id: str | None = None


class DxGatewayAssociationUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key(
        "Data sent from the Direct Connect gateway into the transit gateway a month", unit="GB")


@resource("aws_dx_gateway_association", example={"dx_gateway_id": "dxgw-1", "associated_gateway_id": "tgw-1"})
def aws_dx_gateway_association(i: DxGatewayAssociation, u: DxGatewayAssociationUsage) -> list[CostComponent]:
    """A Direct Connect gateway association: with a transit gateway (``tgw-...``, or an id known only after
    apply) a transit gateway attachment (hours plus usage ``monthly_data_processed_gb``); with a virtual private
    gateway (``vgw-...``) no charge. Pricing: https://aws.amazon.com/transit-gateway/pricing/
    """
    if (i.associated_gateway_id or "").startswith("vgw-"):
        return [no_charge("Virtual private gateway association",
                          "associating a Direct Connect gateway with a virtual private gateway has no charge")]
    return attachment_components(i.region, u.monthly_data_processed_gb, label="Transit gateway Direct Connect attachment")
