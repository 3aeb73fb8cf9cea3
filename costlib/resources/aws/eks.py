"""Amazon EKS clusters (control plane hours) and managed node groups (EC2 instance hours per node).

Pricing: https://aws.amazon.com/eks/pricing/ — $0.10 per cluster-hour in standard support; a cluster on a
Kubernetes version past standard support is billed the extended-support rate ($0.60 per cluster-hour), which
``upgrade_policy.support_type = EXTENDED`` (the default since 2024) applies once the version ages out. Node
groups are EC2 instances (Spot when ``capacity_type = SPOT``) with a gp2 disk each (``disk_size``, 20 GB);
a node group with a launch template takes its disk from the template, which the plan does not show.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly
from costlib.resources.aws.ebs import volume_components
from costlib.resources.aws.ec2 import InstanceUsage, instance_components
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Count, Model, Usage, as_list, choice, usage_key

__all__ = ["EksCluster", "EksNodeGroup", "aws_eks_cluster", "aws_eks_node_group"]


class UpgradePolicy(Model):
    support_type: Annotated[str, choice("STANDARD", "EXTENDED")] = "EXTENDED"


class EksCluster(AwsInputs):
    version: str | None = None
    upgrade_policy: Block[UpgradePolicy] = None


class EksClusterUsage(Usage):
    extended_support: bool | None = usage_key(
        "Whether the cluster's Kubernetes version is past standard support (billed the extended-support rate)",
        unit="", default=None)


@resource("aws_eks_cluster", example={"version": "1.31"})
def aws_eks_cluster(i: EksCluster, u: EksClusterUsage) -> list[CostComponent]:
    """An EKS cluster control plane (standard support, or extended support when the usage file says the version
    is past standard support). Pricing: https://aws.amazon.com/eks/pricing/"""
    if u.extended_support:
        return [hourly("EKS cluster (extended support)",
                       aws("AmazonEKS", i.region, usagetype="AmazonEKS-Hours:extendedSupport"))]
    return [hourly("EKS cluster", aws("AmazonEKS", i.region, usagetype="AmazonEKS-Hours:perCluster"))]


class Scaling(Model):
    desired_size: Count | None = None
    min_size: Count | None = None
    max_size: Count | None = None


class EksNodeGroup(AwsInputs):
    scaling_config: Block[Scaling] = None
    instance_types: Annotated[tuple[str, ...], BeforeValidator(as_list)] = ()
    disk_size: GB = Decimal(20)
    capacity_type: Annotated[str, choice("ON_DEMAND", "SPOT", "CAPACITY_BLOCK")] = "ON_DEMAND"
    ami_type: str | None = None
    launch_template: Block[Model] = None


class EksNodeGroupUsage(InstanceUsage):
    instances: Count | None = usage_key("Number of nodes (overrides scaling_config.desired_size)", unit="nodes")


@resource("aws_eks_node_group", example={"instance_types": ["m5.large"], "scaling_config": [{"desired_size": 3}]})
def aws_eks_node_group(i: EksNodeGroup, u: EksNodeGroupUsage) -> list[CostComponent]:
    """A managed node group: ``scaling_config.desired_size`` nodes of ``instance_types[0]`` (default t3.medium)
    with ``disk_size`` GB gp2 each (default 20). Usage ``instances`` overrides the node count.

    Pricing: https://aws.amazon.com/eks/pricing/ (nodes are EC2 instances)
    """
    scaling = i.scaling_config or Scaling()
    nodes = Decimal(u.instances if u.instances is not None else
                    scaling.desired_size if scaling.desired_size is not None else scaling.min_size or 1)
    itype = i.instance_types[0] if i.instance_types else "t3.medium"
    os_name = "windows" if (i.ami_type or "").upper().startswith("WINDOWS") else "linux"
    out = instance_components(i.region, itype, u, os_name=os_name, count=nodes, spot=i.capacity_type == "SPOT",
                              label="Node instances")
    if i.launch_template is None:
        out += volume_components(i.region, "gp2", i.disk_size, None, None, label="Node disks", count=nodes)
    return out
