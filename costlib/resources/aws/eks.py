"""Amazon EKS clusters (control plane hours) and managed node groups (EC2 instance hours per node).

Pricing: https://aws.amazon.com/eks/pricing/ — $0.10 per cluster-hour in standard support.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr
from costlib.resources._q import aws, hourly
from costlib.resources.aws._common import region
from costlib.resources.aws.ebs import volume_components
from costlib.resources.aws.ec2 import instance_hour
from costlib.resources.registry import register

__all__ = ["aws_eks_cluster", "aws_eks_node_group"]


@register("aws_eks_cluster")
def aws_eks_cluster(spec: ResourceSpec) -> list[CostComponent]:
    """An EKS cluster control plane. Pricing: https://aws.amazon.com/eks/pricing/"""
    return [hourly("EKS cluster", aws("AmazonEKS", region(spec), usagetype="AmazonEKS-Hours:perCluster"))]


@register("aws_eks_node_group")
def aws_eks_node_group(spec: ResourceSpec) -> list[CostComponent]:
    """A managed node group: ``scaling_config.desired_size`` nodes of ``instance_types[0]`` (default t3.medium)
    with ``disk_size`` GB gp2 each (default 20). Usage ``instances`` overrides the node count.

    Pricing: https://aws.amazon.com/eks/pricing/ (nodes are EC2 instances)
    """
    reg = region(spec)
    scaling = attr(spec, "scaling_config", [{}])
    scaling = scaling[0] if isinstance(scaling, list) and scaling else scaling if isinstance(scaling, dict) else {}
    nodes = Decimal(str(spec.usage.get("instances") or scaling.get("desired_size") or 1))
    types = attr(spec, "instance_types", None) or ["t3.medium"]
    out = [instance_hour(spec, reg, str(types[0]), nodes, label="Node instances")]
    disk = Decimal(str(attr(spec, "disk_size", 20)))
    for comp in volume_components(spec, reg, "gp2", disk * nodes, None, None, label="Node disks"):
        out.append(comp)
    return out
