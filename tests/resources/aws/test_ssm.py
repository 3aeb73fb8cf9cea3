"""Table tests: costlib.resources.aws.ssm (https://aws.amazon.com/systems-manager/pricing/)."""

from tests.resources.table import Case, table_test

SSM = "AWSSystemsManager"

CASES = [
    Case("a standard parameter is free", "aws_ssm_parameter", {"name": "/a", "type": "String", "value": "x"}, [
        ("Standard parameter", "1 months", "fixed 0 USD"),
    ]),
    Case("a standard parameter on higher throughput bills API interactions", "aws_ssm_parameter", {"name": "/a"}, [
        ("Standard parameter", "1 months", "fixed 0 USD"),
        ("API interactions", "1000000 interactions", f"{SSM} usagetype=PS-Param-Processed-Tier2"),
    ], usage={"api_throughput_limit": "higher", "monthly_api_interactions": 1_000_000}),
    Case("an advanced parameter stored half the month", "aws_ssm_parameter", {"tier": "Advanced"}, [
        ("Advanced parameter", "0.5 parameter-months", f"{SSM} usagetype=PS-Advanced-Param-Tier1"),
        ("API interactions", "? interactions", f"{SSM} usagetype=PS-Param-Processed-Tier2"),
    ], usage={"parameter_storage_hrs": 365}),
    Case("an Intelligent-Tiering parameter above 4 KB is advanced", "aws_ssm_parameter",
         {"tier": "Intelligent-Tiering", "value": "x" * 5000}, [
             ("Advanced parameter", "1 parameter-months", f"{SSM} usagetype=PS-Advanced-Param-Tier1"),
             ("API interactions", "? interactions", f"{SSM} usagetype=PS-Param-Processed-Tier2"),
         ]),
    Case("an Intelligent-Tiering parameter of 4 KB or less is standard", "aws_ssm_parameter",
         {"tier": "Intelligent-Tiering", "value": "x" * 4096}, [
             ("Standard parameter", "1 months", "fixed 0 USD"),
         ]),
    Case("an activation in the standard tier is free", "aws_ssm_activation", {"registration_limit": 10}, [
        ("On-premises instances, standard tier (10)", "10 instances", "fixed 0 USD"),
    ]),
    Case("100 advanced on-premises instances", "aws_ssm_activation", {"registration_limit": 10}, [
        ("On-premises instances, advanced tier (100)", "73000 instance-hours", f"{SSM} usagetype=MI-AdvInstances-Hrs"),
    ], usage={"instance_tier": "advanced", "instances": 100}),
]

test_table = table_test(CASES)
