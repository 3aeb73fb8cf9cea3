"""Table tests: costlib.resources.aws.eks."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "eks",
        "aws_eks_cluster",
        {},
        [
            ("EKS cluster", "730 hours", "AmazonEKS usagetype=AmazonEKS-Hours:perCluster"),
        ],
    ),
    Case(
        "eks extended",
        "aws_eks_cluster",
        {},
        [
            ("EKS cluster (extended support)", "730 hours", "AmazonEKS usagetype=AmazonEKS-Hours:extendedSupport"),
        ],
        usage={"extended_support": True},
    ),
    Case(
        "node group",
        "aws_eks_node_group",
        {"instance_types": ["m5.large"], "scaling_config": [{"desired_size": 3}]},
        [
            (
                "Node instances (Linux, on-demand, m5.large)",
                "2190 hours",
                "AmazonEC2 [Compute Instance] instanceType=m5.large licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared",
            ),
            ("Node disks (EBS gp2)", "60 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
        ],
    ),
    Case(
        "node group spot lt",
        "aws_eks_node_group",
        {
            "instance_types": ["m5.large"],
            "capacity_type": "SPOT",
            "scaling_config": [{"desired_size": 2}],
            "launch_template": [{"id": "lt-1"}],
        },
        [
            (
                "Node instances (Linux, spot, m5.large)",
                "3650 hours",
                "AmazonEC2 [Compute Instance] instanceType=m5.large licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared spot",
            ),
        ],
        usage={"instances": 5},
    ),
]

test_table = table_test(CASES)
