"""Table tests: costlib.resources.aws.ebs."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "default gp2 8 GB",
        "aws_ebs_volume",
        {},
        [
            ("Storage (EBS gp2)", "8 GB", "AmazonEC2 [Storage] volumeApiName=gp2"),
        ],
    ),
    Case(
        "gp3 500 GB 6000 IOPS 250 MiB/s",
        "aws_ebs_volume",
        {"type": "gp3", "size": 500, "iops": 6000, "throughput": 250},
        [
            ("Storage (EBS gp3)", "500 GB", "AmazonEC2 [Storage] volumeApiName=gp3"),
            (
                "Storage provisioned IOPS above 3,000 (gp3)",
                "3000 IOPS",
                "AmazonEC2 [System Operation] group=EBS IOPS volumeApiName=gp3",
            ),
            (
                "Storage provisioned throughput above 125 MiB/s (gp3)",
                "0.1220703125 GiBps",
                "AmazonEC2 [Provisioned Throughput] volumeApiName=gp3",
            ),
        ],
    ),
    Case(
        "io2 200 GB 40000 IOPS",
        "aws_ebs_volume",
        {"type": "io2", "size": 200, "iops": 40000},
        [
            ("Storage (EBS io2)", "200 GB", "AmazonEC2 [Storage] volumeApiName=io2"),
            (
                "Storage provisioned IOPS (io2, EBS IOPS)",
                "32000 IOPS",
                "AmazonEC2 [System Operation] group=EBS IOPS volumeApiName=io2",
            ),
            (
                "Storage provisioned IOPS (io2, EBS IOPS Tier 2)",
                "8000 IOPS",
                "AmazonEC2 [System Operation] group=EBS IOPS Tier 2 volumeApiName=io2",
            ),
        ],
    ),
    Case(
        "io1 default IOPS",
        "aws_ebs_volume",
        {"type": "io1", "size": 100},
        [
            ("Storage (EBS io1)", "100 GB", "AmazonEC2 [Storage] volumeApiName=io1"),
            ("Storage provisioned IOPS (io1)", "100 IOPS", "AmazonEC2 [System Operation] group=EBS IOPS volumeApiName=io1"),
        ],
    ),
    Case(
        "magnetic with usage",
        "aws_ebs_volume",
        {"type": "standard", "size": 50},
        [
            ("Storage (EBS standard)", "50 GB", "AmazonEC2 [Storage] volumeApiName=standard"),
            (
                "Storage I/O requests (magnetic)",
                "1000000 requests",
                "AmazonEC2 [System Operation] group=EBS I/O Requests volumeApiName=standard",
            ),
        ],
        usage={"monthly_standard_io_requests": 1000000},
    ),
]

test_table = table_test(CASES)
