"""VPC endpoints (AWS PrivateLink): interface and Gateway Load Balancer endpoints; gateway endpoints are free.

Pricing: https://aws.amazon.com/privatelink/pricing/ — an interface endpoint is billed per hour in each
Availability Zone it has a network interface in (one per subnet in ``subnet_ids``), and per GB it processes,
tiered over all interface endpoints of the account in the region (first PB, next 4 PB, over 5 PB: this
endpoint is priced from the first tier). A Gateway Load Balancer endpoint is billed per hour and per GB at its
own rates. Gateway endpoints (S3, DynamoDB; Terraform's default ``vpc_endpoint_type``) have no charge. Resource
and service-network endpoints (VPC Lattice) are named as not modelled.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, unmodelled, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Usage, as_list, choice, usage_key

__all__ = ["aws_vpc_endpoint"]


class VpcEndpoint(AwsInputs):
    vpc_endpoint_type: Annotated[str, choice("Gateway", "Interface", "GatewayLoadBalancer", "Resource",
                                             "ServiceNetwork", what="VPC endpoint type")] = "Gateway"
    subnet_ids: Annotated[tuple[str, ...], BeforeValidator(as_list)] = ()
    service_name: str | None = None


class VpcEndpointUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the endpoint a month", unit="GB")


@resource("aws_vpc_endpoint", example={"vpc_endpoint_type": "Interface", "service_name": "com.amazonaws.us-east-1.sts",
                                       "subnet_ids": ["subnet-a", "subnet-b"]})
def aws_vpc_endpoint(i: VpcEndpoint, u: VpcEndpointUsage) -> list[CostComponent]:
    """A VPC endpoint by ``vpc_endpoint_type``: Interface (hours per AZ, one per subnet in ``subnet_ids``, plus
    GB processed), GatewayLoadBalancer (hours plus GB processed), Gateway (no charge).

    Usage: ``monthly_data_processed_gb``. Pricing: https://aws.amazon.com/privatelink/pricing/
    """
    kind = i.vpc_endpoint_type
    if kind == "Gateway":
        return [no_charge("Gateway endpoint", "gateway endpoints (S3, DynamoDB) have no charge")]
    if kind in ("Resource", "ServiceNetwork"):
        return [unmodelled(f"{kind} endpoint", "VPC Lattice resource and service-network endpoints are not priced yet")]
    if kind == "GatewayLoadBalancer":
        return [hourly("Gateway Load Balancer endpoint", aws("AmazonVPC", i.region, usagetype="VpcEndpoint-GWLBE-Hours")),
                usage_based("Data processed", aws("AmazonVPC", i.region, usagetype="VpcEndpoint-GWLBE-Bytes"),
                            u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
    zones = Decimal(max(1, len(i.subnet_ids)))
    return [hourly(f"Interface endpoint ({zones} AZ{'s' if zones > 1 else ''})",
                   aws("AmazonVPC", i.region, usagetype="VpcEndpoint-Hours"), zones, unit="endpoint-hours"),
            usage_based("Data processed", aws("AmazonVPC", i.region, usagetype="VpcEndpoint-Bytes"),
                        u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb")]
