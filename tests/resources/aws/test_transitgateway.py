"""Table tests: costlib.resources.aws.transitgateway (https://aws.amazon.com/transit-gateway/pricing/)."""

from tests.resources.table import Case, table_test

HOURS = "AmazonVPC usagetype=TransitGateway-Hours"
BYTES = "AmazonVPC usagetype=TransitGateway-Bytes"

CASES = [
    Case("a VPC attachment sending 500 GB", "aws_ec2_transit_gateway_vpc_attachment", {"transit_gateway_id": "tgw-1"}, [
        ("Transit gateway VPC attachment", "730 hours", HOURS),
        ("Data processed", "500 GB", BYTES),
    ], usage={"monthly_data_processed_gb": 500}),
    Case("a VPC attachment without usage", "aws_ec2_transit_gateway_vpc_attachment", {}, [
        ("Transit gateway VPC attachment", "730 hours", HOURS),
        ("Data processed", "? GB", BYTES),
    ]),
    Case("a peering attachment: hours only", "aws_ec2_transit_gateway_peering_attachment", {"peer_region": "eu-west-1"}, [
        ("Transit gateway peering attachment", "730 hours", HOURS),
    ]),
]

test_table = table_test(CASES)
