"""Table tests: costlib.resources.aws.vpcendpoint (https://aws.amazon.com/privatelink/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a gateway endpoint (Terraform's default) is free", "aws_vpc_endpoint",
         {"service_name": "com.amazonaws.us-east-1.s3"}, [
             ("Gateway endpoint", "1 months", "fixed 0 USD"),
         ]),
    Case("an interface endpoint in three AZs processing 2 TB", "aws_vpc_endpoint",
         {"vpc_endpoint_type": "Interface", "subnet_ids": ["a", "b", "c"]}, [
             ("Interface endpoint (3 AZs)", "2190 endpoint-hours", "AmazonVPC usagetype=VpcEndpoint-Hours"),
             ("Data processed", "2048 GB", "AmazonVPC usagetype=VpcEndpoint-Bytes"),
         ], usage={"monthly_data_processed_gb": 2048}),
    Case("an interface endpoint whose subnets are known only after apply: one AZ at least", "aws_vpc_endpoint",
         {"vpc_endpoint_type": "interface"}, [
             ("Interface endpoint (1 AZ)", "730 endpoint-hours", "AmazonVPC usagetype=VpcEndpoint-Hours"),
             ("Data processed", "? GB", "AmazonVPC usagetype=VpcEndpoint-Bytes"),
         ]),
    Case("a Gateway Load Balancer endpoint", "aws_vpc_endpoint", {"vpc_endpoint_type": "GatewayLoadBalancer"}, [
        ("Gateway Load Balancer endpoint", "730 hours", "AmazonVPC usagetype=VpcEndpoint-GWLBE-Hours"),
        ("Data processed", "10 GB", "AmazonVPC usagetype=VpcEndpoint-GWLBE-Bytes"),
    ], usage={"monthly_data_processed_gb": 10}),
    Case("a resource endpoint is named as not modelled", "aws_vpc_endpoint", {"vpc_endpoint_type": "Resource"}, [
        ("Resource endpoint", "?", "not modelled"),
    ]),
]

test_table = table_test(CASES)
