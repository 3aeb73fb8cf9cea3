"""Table tests: costlib.resources.aws.datatransfer (https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer)."""

from tests.resources.table import Case, table_test

DT = "AWSDataTransfer [Data Transfer]"

CASES = [
    Case("us-east-1: cross-AZ counted twice, to us-east-2, other regions, internet", "aws_data_transfer", {}, [
        ("Intra-region data transfer (between AZs, in and out)", "2000 GB", f"{DT} usagetype=DataTransfer-Regional-Bytes"),
        ("Inter-region data transfer out to us-east-2", "500 GB", f"{DT} usagetype=USE2-AWS-Out-Bytes"),
        ("Inter-region data transfer out (other regions)", "750 GB", f"{DT} transferType=InterRegion Outbound"),
        ("Data transfer out to internet", "5000 GB", f"{DT} usagetype=DataTransfer-Out-Bytes"),
    ], usage={"monthly_intra_region_gb": 1000, "monthly_outbound_us_east_to_us_east_gb": 500,
              "monthly_outbound_other_regions_gb": 750, "monthly_outbound_internet_gb": 5000}),
    Case("the us-east pair key means nothing outside the us-east regions", "aws_data_transfer", {}, [
        ("Intra-region data transfer (between AZs, in and out)", "? GB", f"{DT} usagetype=DataTransfer-Regional-Bytes"),
        ("Data transfer out to internet", "? GB", f"{DT} usagetype=DataTransfer-Out-Bytes"),
    ], usage={"region": "eu-west-1", "monthly_outbound_us_east_to_us_east_gb": 500}),
    Case("a peering connection in one region: free, cross-AZ traffic billed both ways",
         "aws_vpc_peering_connection", {"peer_vpc_id": "vpc-2"}, [
             ("Peering connection", "1 months", "fixed 0 USD"),
             ("Cross-AZ data transfer (in and out)", "200 GB", f"{DT} usagetype=DataTransfer-Regional-Bytes"),
         ], usage={"monthly_intra_region_gb": 100}),
    Case("an inter-region peering connection: GB to the peer region", "aws_vpc_peering_connection",
         {"peer_region": "eu-west-1"}, [
             ("Peering connection", "1 months", "fixed 0 USD"),
             ("Inter-region data transfer out to eu-west-1", "? GB", f"{DT} usagetype=EU-AWS-Out-Bytes"),
         ]),
]

test_table = table_test(CASES)
