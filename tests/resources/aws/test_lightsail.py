"""Table tests: costlib.resources.aws.lightsail (https://aws.amazon.com/lightsail/pricing/)."""

from tests.resources.table import Case, table_test

XFER = "AmazonLightsail [Data Transfer] usagetype=DataXfer-Out-Bytes"

CASES = [
    Case("a bundle all month", "aws_lightsail_instance", {"bundle_id": "small_3_0", "availability_zone": "us-east-1a"}, [
        ("Lightsail instance (small_3_0)", "1 months", "AmazonLightsail [Lightsail Instance] bundleId=small_3_0"),
        ("Data transfer out beyond the bundle allowance", "? GB", XFER),
    ]),
    Case("a Windows bundle for 365 hours is half its monthly price", "aws_lightsail_instance",
         {"bundle_id": "MEDIUM_WIN_3_0"}, [
             ("Lightsail instance (medium_win_3_0)", "0.5 months",
              "AmazonLightsail [Lightsail Instance] bundleId=medium_win_3_0"),
             ("Data transfer out beyond the bundle allowance", "100 GB", XFER),
         ], usage={"monthly_hrs": 365, "monthly_outbound_data_gb": 100}),
    Case("hours above 730 are capped at the monthly price", "aws_lightsail_instance", {"bundle_id": "nano_3_0"}, [
        ("Lightsail instance (nano_3_0)", "1 months", "AmazonLightsail [Lightsail Instance] bundleId=nano_3_0"),
        ("Data transfer out beyond the bundle allowance", "? GB", XFER),
    ], usage={"monthly_hrs": 744}),
]

test_table = table_test(CASES)
