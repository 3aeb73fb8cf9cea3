"""Table tests: costlib.resources.aws.ec2."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "m5.large defaults",
        "aws_instance",
        {"instance_type": "m5.large"},
        [
            (
                "Instance usage (Linux, on-demand, m5.large)",
                "730 hours",
                "AmazonEC2 [Compute Instance] instanceType=m5.large licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared",
            ),
            ("Root volume (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
        ],
    ),
    Case(
        "windows reserved",
        "aws_instance",
        {"instance_type": "m5.large", "root_block_device": [{"volume_type": "gp3", "volume_size": 30}]},
        [
            (
                "Instance usage (Windows, reserved 1 year partial upfront, m5.large)",
                "730 hours",
                "AmazonEC2 [Compute Instance] instanceType=m5.large licenseModel=No License required operatingSystem=Windows preInstalledSw=NA tenancy=Shared reserved term=1yr Partial Upfront standard unit=Hrs",
            ),
            (
                "Instance usage (Windows, reserved 1 year partial upfront, m5.large), upfront fee over 12 months",
                "0.08333333333333333333333333333 instances",
                "AmazonEC2 [Compute Instance] instanceType=m5.large licenseModel=No License required operatingSystem=Windows preInstalledSw=NA tenancy=Shared reserved term=1yr Partial Upfront standard unit=Quantity",
            ),
            ("Root volume (EBS gp3)", "30 GB", "AmazonEC2 [Storage] volumeApiName=gp3"),
        ],
        usage={
            "operating_system": "windows",
            "reserved_instance_term": "1_year",
            "reserved_instance_payment_option": "partial_upfront",
        },
    ),
    Case(
        "t3 unlimited burst",
        "aws_instance",
        {"instance_type": "t3.large"},
        [
            (
                "Instance usage (Linux, on-demand, t3.large)",
                "200 hours",
                "AmazonEC2 [Compute Instance] instanceType=t3.large licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared",
            ),
            (
                "CPU credits (t3, unlimited)",
                "200 vCPU-hours",
                "AmazonEC2 [CPU Credits] operatingSystem=Linux usagetype=CPUCredits:t3",
            ),
            ("Root volume (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
        ],
        usage={"monthly_cpu_credit_hrs": 100, "vcpu_count": 2, "monthly_hrs": 200},
    ),
    Case(
        "dedicated host",
        "aws_instance",
        {"instance_type": "c5.xlarge", "tenancy": "host"},
        [
            ("Root volume (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
        ],
    ),
    Case(
        "spot market",
        "aws_instance",
        {
            "instance_type": "c5.xlarge",
            "instance_market_options": [{"market_type": "spot"}],
            "ebs_block_device": [{"device_name": "/dev/sdf", "volume_type": "io1", "volume_size": 100, "iops": 1000}],
        },
        [
            (
                "Instance usage (Linux, spot, c5.xlarge)",
                "730 hours",
                "AmazonEC2 [Compute Instance] instanceType=c5.xlarge licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared spot",
            ),
            ("Root volume (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
            ("Block device /dev/sdf (EBS io1)", "100 GB", "AmazonEC2 [Storage] volumeApiName=io1"),
            (
                "Block device /dev/sdf provisioned IOPS (io1)",
                "1000 IOPS",
                "AmazonEC2 [System Operation] group=EBS IOPS volumeApiName=io1",
            ),
        ],
    ),
    Case(
        "spot request",
        "aws_spot_instance_request",
        {"instance_type": "c5.xlarge"},
        [
            (
                "Instance usage (Linux, spot, c5.xlarge)",
                "730 hours",
                "AmazonEC2 [Compute Instance] instanceType=c5.xlarge licenseModel=No License required operatingSystem=Linux preInstalledSw=NA tenancy=Shared spot",
            ),
            ("Root volume (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
        ],
    ),
    Case(
        "eip",
        "aws_eip",
        {"domain": "vpc"},
        [
            ("Public IPv4 address", "730 hours", "AmazonVPC usagetype=PublicIPv4:InUseAddress"),
        ],
    ),
]

test_table = table_test(CASES)
