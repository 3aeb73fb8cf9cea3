"""Amazon EKS clusters (control plane hours) and managed node groups (EC2 instance hours per node).

Pricing: https://aws.amazon.com/eks/pricing/ — $0.10 per cluster-hour in standard support; a cluster on a
Kubernetes version past standard support is billed the extended-support rate ($0.60 per cluster-hour), which
``upgrade_policy.support_type = EXTENDED`` (the default since 2024) applies once the version ages out. Node
groups are EC2 instances (Spot when ``capacity_type = SPOT``) with a gp2 disk each (``disk_size``, 20 GB);
a node group with a launch template takes its disk from the template, which the plan does not show: the disks
are then priced only when the usage file says their size and type (``root_volume_size_gb``, ``root_volume_type``),
and are otherwise named as not modelled. Fargate profiles bill each pod's vCPU and memory
(https://aws.amazon.com/fargate/pricing/): the pod's requests plus 256 MB for the Kubernetes components, rounded
up to the next Fargate size.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, unmodelled
from costlib.resources.aws._fargate import fargate_components, fargate_size
from costlib.resources.aws.ebs import VolumeType, volume_components
from costlib.resources.aws.ec2 import InstanceUsage, instance_components
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    HOURS_IN_MONTH,
    Amount,
    AwsInputs,
    Block,
    Count,
    Model,
    Usage,
    as_list,
    choice,
    usage_key,
)

__all__ = ["EksCluster", "EksNodeGroup", "aws_eks_cluster", "aws_eks_fargate_profile", "aws_eks_node_group"]


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
    root_volume_size_gb: GB | None = usage_key(
        "Disk size of each node when a launch template sets it (the plan does not show the template's disks)",
        unit="GB")
    root_volume_type: VolumeType | None = usage_key("EBS type of each node's disk set by a launch template", unit="")


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
    elif u.root_volume_size_gb is not None:
        out += volume_components(i.region, u.root_volume_type or "gp3", u.root_volume_size_gb, None, None,
                                 label="Node disks", count=nodes)
    else:
        out.append(unmodelled("Node disks", "the launch template's block devices are not on the node group: give "
                                            "root_volume_size_gb and root_volume_type in the usage file"))
    return out


class FargateProfile(AwsInputs):
    fargate_profile_name: str | None = None


class FargateProfileUsage(Usage):
    pods: Count | None = usage_key("Pods the profile runs on average", unit="pods")
    pod_vcpu: Amount(0, 16) | None = usage_key(  # type: ignore[valid-type]
        "vCPU requested by each pod (largest container request or the sum of them)", unit="vCPUs")
    pod_memory_gb: Amount(0, 120) | None = usage_key(  # type: ignore[valid-type]
        "Memory requested by each pod in GB (256 MB is added for the Kubernetes components)", unit="GB")
    pod_ephemeral_storage_gb: GB | None = usage_key("Ephemeral storage of each pod (20 GB included)", unit="GB")
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the pods run (default 730)", unit="hours")


K8S_OVERHEAD_GB = Decimal("0.25")


@resource("aws_eks_fargate_profile", example={"fargate_profile_name": "default"})
def aws_eks_fargate_profile(i: FargateProfile, u: FargateProfileUsage) -> list[CostComponent]:
    """An EKS Fargate profile: the pods it runs (usage ``pods``, ``pod_vcpu``, ``pod_memory_gb``), each billed at the
    Fargate size that fits its requests plus 256 MB. Pricing: https://aws.amazon.com/fargate/pricing/
    """
    vcpu, mem = u.pod_vcpu, u.pod_memory_gb
    if vcpu is not None and mem is not None:
        vcpu, mem = fargate_size(vcpu, mem + K8S_OVERHEAD_GB, round_up=True)
    count = None if u.pods is None else Decimal(u.pods)
    key = "pods" if vcpu is not None and mem is not None else "pod_vcpu"
    return fargate_components("AmazonEKS", i.region, count, vcpu, mem, hours=u.monthly_hrs,
                              storage_gb=u.pod_ephemeral_storage_gb or Decimal(20), usage_key=key)
