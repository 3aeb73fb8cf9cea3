"""Table tests: costlib.resources.aws.firewall (https://aws.amazon.com/network-firewall/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a firewall in two AZs processing 1 TB", "aws_networkfirewall_firewall",
         {"subnet_mapping": [{"subnet_id": "a"}, {"subnet_id": "b"}]}, [
             ("Firewall endpoints (2)", "1460 endpoint-hours", "AWSNetworkFirewall usagetype=FirewallEndpoint-Hours"),
             ("Data processed", "1024 GB", "AWSNetworkFirewall usagetype=Traffic-GB-Processed"),
         ], usage={"monthly_data_processed_gb": 1024}),
    Case("a firewall with TLS inspection names the advanced inspection charge", "aws_networkfirewall_firewall",
         {"subnet_mapping": [{"subnet_id": "a"}]}, [
             ("Firewall endpoints (1)", "730 endpoint-hours", "AWSNetworkFirewall usagetype=FirewallEndpoint-Hours"),
             ("Data processed", "? GB", "AWSNetworkFirewall usagetype=Traffic-GB-Processed"),
             ("Advanced inspection (TLS)", "?", "not modelled"),
         ], usage={"monthly_advanced_inspection_gb": 10}),
]

test_table = table_test(CASES)
