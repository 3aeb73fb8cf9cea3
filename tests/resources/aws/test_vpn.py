"""Table tests: costlib.resources.aws.vpn (https://aws.amazon.com/vpn/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a VPN connection to a virtual private gateway", "aws_vpn_connection", {"vpn_gateway_id": "vgw-1"}, [
        ("VPN connection", "730 hours", "AmazonVPC usagetype=VPN-Usage-Hours:ipsec.1"),
    ]),
    Case("a VPN connection on a transit gateway adds an attachment", "aws_vpn_connection",
         {"transit_gateway_id": "tgw-1"}, [
             ("VPN connection", "730 hours", "AmazonVPC usagetype=VPN-Usage-Hours:ipsec.1"),
             ("Transit gateway VPN attachment", "730 hours", "AmazonVPC usagetype=TransitGateway-Hours"),
             ("Data processed", "100 GB", "AmazonVPC usagetype=TransitGateway-Bytes"),
         ], usage={"monthly_data_processed_gb": 100}),
    Case("an accelerated VPN names the Global Accelerator part", "aws_vpn_connection",
         {"transit_gateway_id": "tgw-1", "enable_acceleration": True}, [
             ("VPN connection", "730 hours", "AmazonVPC usagetype=VPN-Usage-Hours:ipsec.1"),
             ("Transit gateway VPN attachment", "730 hours", "AmazonVPC usagetype=TransitGateway-Hours"),
             ("Data processed", "? GB", "AmazonVPC usagetype=TransitGateway-Bytes"),
             ("Accelerated VPN (Global Accelerator)", "?", "not modelled"),
         ]),
    Case("a Client VPN endpoint: connection-hours from usage", "aws_ec2_client_vpn_endpoint", {}, [
        ("Client VPN connections", "1500 connection-hours", "AmazonVPC usagetype=ClientVPN-ConnectionHours"),
    ], usage={"monthly_connection_hours": 1500}),
    Case("a Client VPN subnet association: all month", "aws_ec2_client_vpn_network_association", {"subnet_id": "s"}, [
        ("Client VPN endpoint association", "730 hours", "AmazonVPC usagetype=ClientVPN-EndpointHours"),
    ]),
]

test_table = table_test(CASES)
