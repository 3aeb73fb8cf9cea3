"""AWS Config: configuration recorders (configuration items recorded) and rules (rule evaluations).

Pricing: https://aws.amazon.com/config/pricing/ — a recorder bills each configuration item it records, at the
continuous-recording rate or, for daily (periodic) recording, the periodic rate; custom configuration items
are billed like the items of the recording mode. Rules bill each evaluation, tiered per account and region
(first 100,000 a month, next 400,000, over 500,000): one rule is priced from the first tier. Organization rules
are billed the same way in each member account. Usage types (AWSConfig, family Management Tools):
``ConfigurationItemRecorded``, ``ConfigurationItemRecordedDaily``, ``ConfigRuleEvaluations``.
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Block, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_config_config_rule", "aws_config_configuration_recorder", "aws_config_organization_custom_rule",
           "aws_config_organization_managed_rule"]

_FAMILY = "Management Tools"


class RecordingMode(Model):
    recording_frequency: Annotated[str, choice("CONTINUOUS", "DAILY")] = "CONTINUOUS"


class Recorder(AwsInputs):
    recording_mode: Block[RecordingMode] = None


class RecorderUsage(Usage):
    monthly_config_items: Quantity | None = usage_key("Configuration items recorded a month", unit="items")
    monthly_custom_config_items: Quantity | None = usage_key("Custom configuration items recorded a month",
                                                             unit="items")


@resource("aws_config_configuration_recorder", example={"name": "default", "role_arn": "arn:aws:iam::1:role/config"})
def aws_config_configuration_recorder(i: Recorder, u: RecorderUsage) -> list[CostComponent]:
    """A configuration recorder: configuration items recorded (usage ``monthly_config_items``, plus
    ``monthly_custom_config_items``), at the continuous or the daily (periodic) rate by
    ``recording_mode.recording_frequency``. Pricing: https://aws.amazon.com/config/pricing/
    """
    daily = i.recording_mode is not None and i.recording_mode.recording_frequency == "DAILY"
    usagetype = "ConfigurationItemRecordedDaily" if daily else "ConfigurationItemRecorded"
    label = "periodic" if daily else "continuous"
    out = [usage_based(f"Configuration items ({label})", aws("AWSConfig", i.region, _FAMILY, usagetype=usagetype),
                       u.monthly_config_items, unit="items", usage_key="monthly_config_items")]
    if u.monthly_custom_config_items is not None:
        out.append(usage_based(f"Custom configuration items ({label})",
                               aws("AWSConfig", i.region, _FAMILY, usagetype=usagetype),
                               u.monthly_custom_config_items, unit="items", usage_key="monthly_custom_config_items"))
    return out


class Rule(AwsInputs):
    pass


class RuleUsage(Usage):
    monthly_rule_evaluations: Quantity | None = usage_key("Rule evaluations a month", unit="evaluations")


def _rule(region: str, u: RuleUsage) -> list[CostComponent]:
    return [usage_based("Rule evaluations", aws("AWSConfig", region, _FAMILY, usagetype="ConfigRuleEvaluations"),
                        u.monthly_rule_evaluations, unit="evaluations", usage_key="monthly_rule_evaluations")]


@resource("aws_config_config_rule", example={"name": "s3-encrypted",
                                             "source": [{"owner": "AWS",
                                                         "source_identifier": "S3_BUCKET_SSE_ENABLED"}]})
def aws_config_config_rule(i: Rule, u: RuleUsage) -> list[CostComponent]:
    """A Config rule: evaluations a month (usage ``monthly_rule_evaluations``), tiered.

    Pricing: https://aws.amazon.com/config/pricing/ (Rule evaluations)
    """
    return _rule(i.region, u)


@resource("aws_config_organization_custom_rule", example={"name": "tagged", "lambda_function_arn": "arn:aws:lambda:x",
                                                          "trigger_types": ["ConfigurationItemChangeNotification"]})
def aws_config_organization_custom_rule(i: Rule, u: RuleUsage) -> list[CostComponent]:
    """An organization custom rule: evaluations a month across the member accounts (usage
    ``monthly_rule_evaluations``); its Lambda function bills its own invocations.
    Pricing: https://aws.amazon.com/config/pricing/
    """
    return _rule(i.region, u)


@resource("aws_config_organization_managed_rule", example={"name": "s3-encrypted",
                                                           "rule_identifier": "S3_BUCKET_SSE_ENABLED"})
def aws_config_organization_managed_rule(i: Rule, u: RuleUsage) -> list[CostComponent]:
    """An organization managed rule: evaluations a month across the member accounts (usage
    ``monthly_rule_evaluations``). Pricing: https://aws.amazon.com/config/pricing/
    """
    return _rule(i.region, u)
