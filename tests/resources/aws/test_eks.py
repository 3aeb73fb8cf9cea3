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
            ("Node disks", "?", "not modelled"),
        ],
        usage={"instances": 5},
    ),
    Case(
        "node group with a launch template whose disks the usage file says",
        "aws_eks_node_group",
        {"instance_types": ["m5.large"], "scaling_config": [{"desired_size": 2}], "launch_template": [{"id": "lt-1"}]},
        [
            (
                "Node instances (Linux, on-demand, m5.large)",
                "1460 hours",
                "AmazonEC2 [Compute Instance] instanceType=m5.large licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared",
            ),
            ("Node disks (EBS gp3)", "100 GB", "AmazonEC2 [Storage] volumeApiName=gp3"),
        ],
        usage={"root_volume_size_gb": 50, "root_volume_type": "gp3"},
    ),
    Case(
        "fargate profile: 4 pods of 0.5 vCPU / 1 GB (+256 MB) billed at 0.5 vCPU / 2 GB",
        "aws_eks_fargate_profile",
        {"fargate_profile_name": "default"},
        [
            ("Fargate vCPU (Linux/x86)", "1460 vCPU-hours", "AmazonEKS usagetype=Fargate-vCPU-Hours:perCPU"),
            ("Fargate memory (Linux/x86)", "5840 GB-hours", "AmazonEKS usagetype=Fargate-GB-Hours"),
        ],
        usage={"pods": 4, "pod_vcpu": 0.5, "pod_memory_gb": 1},
    ),
    Case(
        "fargate profile: 0.25 vCPU / 0.5 GB pod rounds up to 1 GB with the overhead, 30 GB storage",
        "aws_eks_fargate_profile",
        {},
        [
            ("Fargate vCPU (Linux/x86)", "25 vCPU-hours", "AmazonEKS usagetype=Fargate-vCPU-Hours:perCPU"),
            ("Fargate memory (Linux/x86)", "100 GB-hours", "AmazonEKS usagetype=Fargate-GB-Hours"),
            ("Fargate ephemeral storage above 20 GB", "1000 GB-hours",
             "AmazonEKS usagetype=Fargate-EphemeralStorage-GB-Hours"),
        ],
        usage={"pods": 1, "pod_vcpu": 0.25, "pod_memory_gb": 0.5, "pod_ephemeral_storage_gb": 30, "monthly_hrs": 100},
    ),
    Case(
        "fargate profile without usage",
        "aws_eks_fargate_profile",
        {},
        [
            ("Fargate vCPU (Linux/x86)", "? vCPU-hours", "AmazonEKS usagetype=Fargate-vCPU-Hours:perCPU"),
            ("Fargate memory (Linux/x86)", "? GB-hours", "AmazonEKS usagetype=Fargate-GB-Hours"),
        ],
    ),
]

test_table = table_test(CASES)
