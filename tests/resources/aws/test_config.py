"""Table tests: costlib.resources.aws.config (https://aws.amazon.com/config/pricing/)."""

from tests.resources.table import Case, table_test

MT = "AWSConfig [Management Tools]"

CASES = [
    Case("a continuous recorder with custom configuration items", "aws_config_configuration_recorder", {}, [
        ("Configuration items (continuous)", "10000 items", f"{MT} usagetype=ConfigurationItemRecorded"),
        ("Custom configuration items (continuous)", "20000 items", f"{MT} usagetype=ConfigurationItemRecorded"),
    ], usage={"monthly_config_items": 10000, "monthly_custom_config_items": 20000}),
    Case("a daily (periodic) recorder", "aws_config_configuration_recorder",
         {"recording_mode": [{"recording_frequency": "DAILY"}]}, [
             ("Configuration items (periodic)", "? items", f"{MT} usagetype=ConfigurationItemRecordedDaily"),
         ]),
    Case("a rule: a million evaluations", "aws_config_config_rule", {}, [
        ("Rule evaluations", "1000000 evaluations", f"{MT} usagetype=ConfigRuleEvaluations"),
    ], usage={"monthly_rule_evaluations": 1_000_000}),
    Case("an organization custom rule without usage", "aws_config_organization_custom_rule", {}, [
        ("Rule evaluations", "? evaluations", f"{MT} usagetype=ConfigRuleEvaluations"),
    ]),
    Case("an organization managed rule", "aws_config_organization_managed_rule", {}, [
        ("Rule evaluations", "10000 evaluations", f"{MT} usagetype=ConfigRuleEvaluations"),
    ], usage={"monthly_rule_evaluations": 10000}),
]

test_table = table_test(CASES)
