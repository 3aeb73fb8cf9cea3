"""Table tests: costlib.resources.aws.directconnect (https://aws.amazon.com/directconnect/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a dedicated 10 Gbps port with data out from two regions", "aws_dx_connection",
         {"bandwidth": "10Gbps", "location": "EqDC2"}, [
             ("Dedicated port (10Gbps)", "730 port-hours", "AWSDirectConnect usagetype=EQDC2-PortUsage:10G"),
             ("Data transfer out from us-east-1", "200 GB", "AWSDirectConnect usagetype=EQDC2-DataXfer-Out"),
             ("Data transfer out from eu-west-2", "100 GB", "AWSDirectConnect usagetype=EQDC2-DataXfer-Out"),
         ], usage={"monthly_outbound_from_region_to_dx_connection_location": {"us_east_1": 200, "eu_west_2": 100}}),
    Case("a hosted 500 Mbps connection without usage", "aws_dx_connection",
         {"bandwidth": "500Mbps", "location": "EqNY5"}, [
             ("Hosted connection (500Mbps)", "730 port-hours", "AWSDirectConnect usagetype=EQNY5-HCPortUsage:500M"),
             ("Data transfer out from us-east-1", "? GB", "AWSDirectConnect usagetype=EQNY5-DataXfer-Out"),
         ], usage={"dx_connection_type": "hosted"}),
    Case("the older single-region key", "aws_dx_connection", {"bandwidth": "1Gbps", "location": "EqDC2"}, [
        ("Dedicated port (1Gbps)", "730 port-hours", "AWSDirectConnect usagetype=EQDC2-PortUsage:1G"),
        ("Data transfer out from us-east-1", "50 GB", "AWSDirectConnect usagetype=EQDC2-DataXfer-Out"),
    ], usage={"monthly_outbound_region_to_dx_location_gb": 50}),
    Case("a DX gateway associated with a transit gateway", "aws_dx_gateway_association",
         {"associated_gateway_id": "tgw-1"}, [
             ("Transit gateway Direct Connect attachment", "730 hours", "AmazonVPC usagetype=TransitGateway-Hours"),
             ("Data processed", "100 GB", "AmazonVPC usagetype=TransitGateway-Bytes"),
         ], usage={"monthly_data_processed_gb": 100}),
    Case("a DX gateway associated with a virtual private gateway is free", "aws_dx_gateway_association",
         {"associated_gateway_id": "vgw-1"}, [
             ("Virtual private gateway association", "1 months", "fixed 0 USD"),
         ]),
]

test_table = table_test(CASES)
