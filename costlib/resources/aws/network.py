"""AWS networking: NAT gateways and load balancers (application, network, gateway, classic).

Pricing: https://aws.amazon.com/vpc/pricing/ (NAT gateway hours and GB processed) and
https://aws.amazon.com/elasticloadbalancing/pricing/ (load balancer hours, LCU/NLCU/GLCU hours, classic GB).
An application load balancer's LCUs in an hour are the largest of its four dimensions: 25 new connections per
second, 3,000 active connections per minute, 1 GB processed per hour and 1,000 rule evaluations per second
(the first 10 rules per request free); a network load balancer's NLCUs: 800 new TCP connections per second,
100,000 active connections per minute, 1 GB per hour.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Hours, Rate, Usage, choice, usage_key

__all__ = ["aws_elb", "aws_lb", "aws_nat_gateway", "lcu_hours"]


class NatGateway(AwsInputs):
    connectivity_type: Annotated[str, choice("public", "private")] = "public"


class NatGatewayUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed by the gateway a month", unit="GB")


@resource("aws_nat_gateway", example={})
def aws_nat_gateway(i: NatGateway, u: NatGatewayUsage) -> list[CostComponent]:
    """A NAT gateway: hours, plus GB processed (usage ``monthly_data_processed_gb``).

    Pricing: https://aws.amazon.com/vpc/pricing/
    """
    return [
        hourly("NAT gateway", aws("AmazonEC2", i.region, "NAT Gateway", usagetype="NatGateway-Hours")),
        usage_based("Data processed", aws("AmazonEC2", i.region, "NAT Gateway", usagetype="NatGateway-Bytes"),
                    u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb"),
    ]


_LB_FAMILY = {"application": "Load Balancer-Application", "network": "Load Balancer-Network",
              "gateway": "Load Balancer-Gateway"}
_CAPACITY_UNIT = {"application": ("LCU", "monthly_lcu_hours"), "network": ("NLCU", "monthly_nlcu_hours"),
                  "gateway": ("GLCU", "monthly_glcu_hours")}
#: per capacity unit: new connections/s, active connections/min, GB processed/h, rule evaluations/s
_LCU = {"application": (Decimal(25), Decimal(3000), Decimal(1), Decimal(1000)),
        "network": (Decimal(800), Decimal(100000), Decimal(1), None),
        "gateway": (Decimal(600), Decimal(60000), Decimal(1), None)}


class LoadBalancer(AwsInputs):
    load_balancer_type: Annotated[str, choice("application", "network", "gateway")] = "application"


class LoadBalancerUsage(Usage):
    monthly_lcu_hours: Hours | None = usage_key("Capacity-unit hours a month of an ALB (1 LCU all month = 730)",
                                                unit="LCU-hours")
    monthly_nlcu_hours: Hours | None = usage_key("Capacity-unit hours a month of an NLB", unit="NLCU-hours")
    monthly_glcu_hours: Hours | None = usage_key("Capacity-unit hours a month of a gateway LB", unit="GLCU-hours")
    new_connections: Rate | None = usage_key("New connections per second, on average", unit="connections/s")
    active_connections: Rate | None = usage_key("Active connections per minute, on average", unit="connections/min")
    processed_bytes_gb: GB | None = usage_key("Data processed a month", unit="GB")
    rule_evaluations: Rate | None = usage_key("Rule evaluations per second beyond the 10 free per request (ALB)",
                                              unit="evaluations/s")


def lcu_hours(kind: str, u: LoadBalancerUsage) -> Decimal | None:
    """Capacity-unit hours a month from the traffic dimensions (the largest dimension each hour, averaged).

    >>> lcu_hours("application", LoadBalancerUsage(new_connections=Decimal(50), processed_bytes_gb=Decimal(730)))
    Decimal('1460')
    """
    given = getattr(u, _CAPACITY_UNIT[kind][1])
    if given is not None:
        return Decimal(given)
    dims = (u.new_connections, u.active_connections, u.processed_bytes_gb, u.rule_evaluations)
    if all(d is None for d in dims):
        return None
    per_new, per_active, per_gb, per_rule = _LCU[kind]
    units = [Decimal(0)]
    if u.new_connections is not None:
        units.append(u.new_connections / per_new)
    if u.active_connections is not None:
        units.append(u.active_connections / per_active)
    if u.processed_bytes_gb is not None:
        units.append(u.processed_bytes_gb / Decimal(730) / per_gb)
    if u.rule_evaluations is not None and per_rule is not None:
        units.append(u.rule_evaluations / per_rule)
    return max(units) * Decimal(730)


@resource("aws_lb", "aws_alb", example={"load_balancer_type": "application"})
def aws_lb(i: LoadBalancer, u: LoadBalancerUsage) -> list[CostComponent]:
    """An application (default), network or gateway load balancer: hours plus capacity-unit hours from usage.

    Usage: ``monthly_lcu_hours`` (ALB), ``monthly_nlcu_hours`` (NLB), ``monthly_glcu_hours`` (GWLB), or the
    traffic dimensions (``new_connections``, ``active_connections``, ``processed_bytes_gb``, ``rule_evaluations``).
    Pricing: https://aws.amazon.com/elasticloadbalancing/pricing/
    """
    kind = i.load_balancer_type
    family = _LB_FAMILY[kind]
    cu, key = _CAPACITY_UNIT[kind]
    return [
        hourly(f"{kind.capitalize()} load balancer", aws("AWSELB", i.region, family, usagetype="LoadBalancerUsage")),
        usage_based(f"Load balancer capacity units ({cu})", aws("AWSELB", i.region, family, usagetype="LCUUsage"),
                    lcu_hours(kind, u), unit=f"{cu}-hours", usage_key=key),
    ]


class ClassicLoadBalancer(AwsInputs):
    pass


class ClassicLoadBalancerUsage(Usage):
    monthly_data_processed_gb: GB | None = usage_key("Data processed a month", unit="GB")


@resource("aws_elb", example={})
def aws_elb(i: ClassicLoadBalancer, u: ClassicLoadBalancerUsage) -> list[CostComponent]:
    """A classic load balancer: hours plus GB processed (usage ``monthly_data_processed_gb``).

    Pricing: https://aws.amazon.com/elasticloadbalancing/pricing/ (Classic Load Balancer)
    """
    return [
        hourly("Classic load balancer", aws("AWSELB", i.region, "Load Balancer", usagetype="LoadBalancerUsage")),
        usage_based("Data processed", aws("AWSELB", i.region, "Load Balancer", usagetype="DataProcessing-Bytes"),
                    u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb"),
    ]
