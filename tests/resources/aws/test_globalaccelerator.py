"""Table tests: costlib.resources.aws.globalaccelerator (https://aws.amazon.com/global-accelerator/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("an accelerator: the fixed fee all month", "aws_globalaccelerator_accelerator", {"name": "web"}, [
        ("Accelerator fixed fee", "730 hours", "AWSGlobalAccelerator usagetype=GlobalAccelerator-Hours"),
    ]),
    Case("a disabled accelerator is still billed", "aws_globalaccelerator_accelerator", {"enabled": False}, [
        ("Accelerator fixed fee", "730 hours", "AWSGlobalAccelerator usagetype=GlobalAccelerator-Hours"),
    ]),
    Case("an endpoint group: DT-Premium in the dominant direction per group, not priced yet",
         "aws_globalaccelerator_endpoint_group", {"endpoint_group_region": "us-east-1"}, [
             ("DT-Premium from us-east-1 to us (300 GB)", "?", "not modelled"),
             ("DT-Premium from us-east-1 to europe (40 GB)", "?", "not modelled"),
         ], usage={"monthly_inbound_data_transfer_gb": {"us": 100, "europe": 40},
                   "monthly_outbound_data_transfer_gb": {"us": 300}}),
    Case("an endpoint group without usage", "aws_globalaccelerator_endpoint_group", {}, [
        ("DT-Premium from us-east-1", "?", "not modelled"),
    ]),
]

test_table = table_test(CASES)
