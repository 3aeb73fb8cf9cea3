"""AWS networking: NAT gateways and load balancers (application, network, gateway, classic).

Pricing: https://aws.amazon.com/vpc/pricing/ (NAT gateway hours and GB processed) and
https://aws.amazon.com/elasticloadbalancing/pricing/ (load balancer hours, LCU/NLCU hours, classic GB).
"""

from __future__ import annotations

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, usage
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.aws._common import region
from costlib.resources.registry import register

__all__ = ["aws_elb", "aws_lb", "aws_nat_gateway"]


@register("aws_nat_gateway")
def aws_nat_gateway(spec: ResourceSpec) -> list[CostComponent]:
    """A NAT gateway: hours, plus GB processed (usage ``monthly_data_processed_gb``).

    Pricing: https://aws.amazon.com/vpc/pricing/
    """
    reg = region(spec)
    return [
        hourly("NAT gateway", aws("AmazonEC2", reg, "NAT Gateway", usagetype="NatGateway-Hours")),
        usage_based("Data processed", aws("AmazonEC2", reg, "NAT Gateway", usagetype="NatGateway-Bytes"),
                    usage(spec, "monthly_data_processed_gb"), unit="GB", usage_key="monthly_data_processed_gb"),
    ]


_LB_FAMILY = {"application": "Load Balancer-Application", "network": "Load Balancer-Network",
              "gateway": "Load Balancer-Gateway"}
_CAPACITY_UNIT = {"application": ("LCU", "monthly_lcu_hours"), "network": ("NLCU", "monthly_nlcu_hours"),
                  "gateway": ("GLCU", "monthly_glcu_hours")}


@register("aws_lb", "aws_alb")
def aws_lb(spec: ResourceSpec) -> list[CostComponent]:
    """An application (default), network or gateway load balancer: hours plus capacity-unit hours from usage.

    Usage: ``monthly_lcu_hours`` (ALB), ``monthly_nlcu_hours`` (NLB), ``monthly_glcu_hours`` (GWLB) — the
    capacity units consumed over the month (e.g. 1 LCU all month = 730).
    Pricing: https://aws.amazon.com/elasticloadbalancing/pricing/
    """
    kind = str(attr(spec, "load_balancer_type", "application")).lower()
    if kind not in _LB_FAMILY:
        raise InputError(f"unknown load_balancer_type {kind!r}", where=spec.address)
    reg = region(spec)
    family = _LB_FAMILY[kind]
    cu, key = _CAPACITY_UNIT[kind]
    return [
        hourly(f"{kind.capitalize()} load balancer", aws("AWSELB", reg, family, usagetype="LoadBalancerUsage")),
        usage_based(f"Load balancer capacity units ({cu})", aws("AWSELB", reg, family, usagetype="LCUUsage"),
                    usage(spec, key), unit=f"{cu}-hours", usage_key=key),
    ]


@register("aws_elb")
def aws_elb(spec: ResourceSpec) -> list[CostComponent]:
    """A classic load balancer: hours plus GB processed (usage ``monthly_data_processed_gb``).

    Pricing: https://aws.amazon.com/elasticloadbalancing/pricing/ (Classic Load Balancer)
    """
    reg = region(spec)
    return [
        hourly("Classic load balancer", aws("AWSELB", reg, "Load Balancer", usagetype="LoadBalancerUsage")),
        usage_based("Data processed", aws("AWSELB", reg, "Load Balancer", usagetype="DataProcessing-Bytes"),
                    usage(spec, "monthly_data_processed_gb"), unit="GB", usage_key="monthly_data_processed_gb"),
    ]


