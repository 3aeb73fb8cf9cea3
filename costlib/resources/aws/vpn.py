"""AWS Site-to-Site VPN connections and AWS Client VPN (endpoints and their subnet associations).

Pricing: https://aws.amazon.com/vpn/pricing/ — a Site-to-Site VPN connection is billed per connection-hour
(``VPN-Usage-Hours:ipsec.1``); one that terminates on a transit gateway also makes a transit gateway attachment
(hours plus GB processed, https://aws.amazon.com/transit-gateway/pricing/); an accelerated VPN
(``enable_acceleration``) adds Global Accelerator charges, named as not modelled. Client VPN bills each subnet
association per hour and each active client connection per hour (usage ``monthly_connection_hours`` on the
endpoint). Data transfer out is billed as data transfer.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, unmodelled, usage_based
from costlib.resources.aws.transitgateway import attachment_components
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Hours, Usage, usage_key

__all__ = ["aws_ec2_client_vpn_endpoint", "aws_ec2_client_vpn_network_association", "aws_vpn_connection"]


class VpnConnection(AwsInputs):
    transit_gateway_id: str | None = None
    vpn_gateway_id: str | None = None
    enable_acceleration: bool = False


class VpnConnectionUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key(
        "Data sent through the transit gateway attached to the VPN connection a month", unit="GB")


@resource("aws_vpn_connection", example={"customer_gateway_id": "cgw-1", "type": "ipsec.1",
                                         "vpn_gateway_id": "vgw-1"})
def aws_vpn_connection(i: VpnConnection, u: VpnConnectionUsage) -> list[CostComponent]:
    """A Site-to-Site VPN connection: connection hours, plus a transit gateway attachment (hours and usage
    ``monthly_data_processed_gb``) when it terminates on ``transit_gateway_id``.

    Pricing: https://aws.amazon.com/vpn/pricing/
    """
    out = [hourly("VPN connection", aws("AmazonVPC", i.region, usagetype="VPN-Usage-Hours:ipsec.1"))]
    if i.transit_gateway_id is not None:
        out += attachment_components(i.region, u.monthly_data_processed_gb, label="Transit gateway VPN attachment")
    if i.enable_acceleration:
        out.append(unmodelled("Accelerated VPN (Global Accelerator)",
                              "acceleration adds Global Accelerator fixed and data transfer charges"))
    return out


class ClientVpnEndpoint(AwsInputs):
    pass


class ClientVpnUsage(Usage):
    monthly_connection_hours: Hours | None = usage_key(
        "Client connection-hours a month (active connections x hours connected)", unit="connection-hours")


@resource("aws_ec2_client_vpn_endpoint", example={"client_cidr_block": "10.8.0.0/22",
                                                  "server_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/x"})
def aws_ec2_client_vpn_endpoint(i: ClientVpnEndpoint, u: ClientVpnUsage) -> list[CostComponent]:
    """A Client VPN endpoint: active client connection-hours (usage ``monthly_connection_hours``); its subnet
    associations are billed on ``aws_ec2_client_vpn_network_association``.

    Pricing: https://aws.amazon.com/vpn/pricing/ (AWS Client VPN)
    """
    return [usage_based("Client VPN connections", aws("AmazonVPC", i.region, usagetype="ClientVPN-ConnectionHours"),
                        u.monthly_connection_hours, unit="connection-hours", usage_key="monthly_connection_hours")]


class ClientVpnAssociation(AwsInputs):
    subnet_id: str | None = None


@resource("aws_ec2_client_vpn_network_association", example={"client_vpn_endpoint_id": "cvpn-endpoint-1",
                                                             "subnet_id": "subnet-1"})
def aws_ec2_client_vpn_network_association(i: ClientVpnAssociation) -> list[CostComponent]:
    """A Client VPN subnet association: billed per association-hour. Pricing: https://aws.amazon.com/vpn/pricing/"""
    return [hourly("Client VPN endpoint association", aws("AmazonVPC", i.region, usagetype="ClientVPN-EndpointHours"),
                   Decimal(1))]
