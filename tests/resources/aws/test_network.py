"""Table tests: costlib.resources.aws.network."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "nat",
        "aws_nat_gateway",
        {},
        [
            ("NAT gateway", "730 hours", "AmazonEC2 [NAT Gateway] usagetype=NatGateway-Hours"),
            ("Data processed", "100 GB", "AmazonEC2 [NAT Gateway] usagetype=NatGateway-Bytes"),
        ],
        usage={"monthly_data_processed_gb": 100},
    ),
    Case(
        "alb lcu",
        "aws_lb",
        {},
        [
            ("Application load balancer", "730 hours", "AWSELB [Load Balancer-Application] usagetype=LoadBalancerUsage"),
            ("Load balancer capacity units (LCU)", "1460 LCU-hours", "AWSELB [Load Balancer-Application] usagetype=LCUUsage"),
        ],
        usage={"new_connections": 50, "processed_bytes_gb": 730},
    ),
    Case(
        "nlb",
        "aws_lb",
        {"load_balancer_type": "network"},
        [
            ("Network load balancer", "730 hours", "AWSELB [Load Balancer-Network] usagetype=LoadBalancerUsage"),
            ("Load balancer capacity units (NLCU)", "730 NLCU-hours", "AWSELB [Load Balancer-Network] usagetype=LCUUsage"),
        ],
        usage={"monthly_nlcu_hours": 730},
    ),
    Case(
        "alb alias",
        "aws_alb",
        {},
        [
            ("Application load balancer", "730 hours", "AWSELB [Load Balancer-Application] usagetype=LoadBalancerUsage"),
            ("Load balancer capacity units (LCU)", "? LCU-hours", "AWSELB [Load Balancer-Application] usagetype=LCUUsage"),
        ],
    ),
    Case(
        "elb",
        "aws_elb",
        {},
        [
            ("Classic load balancer", "730 hours", "AWSELB [Load Balancer] usagetype=LoadBalancerUsage"),
            ("Data processed", "10 GB", "AWSELB [Load Balancer] usagetype=DataProcessing-Bytes"),
        ],
        usage={"monthly_data_processed_gb": 10},
    ),
]

test_table = table_test(CASES)
