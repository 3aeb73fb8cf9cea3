"""AWS CloudFormation stacks and stack sets: third-party resource handler operations.

Pricing: https://aws.amazon.com/cloudformation/pricing/ — resources of the ``AWS::``, ``Alexa::`` and
``Custom::`` namespaces are managed at no charge; each handler operation on a third-party (registry) resource
type is billed, and so is each second an operation runs beyond 30 seconds. The first 1,000 handler operations
of an account each month are free, not applied here. The resources a stack creates bill on their own.
Usage types (AWSCloudFormation): ``HandlerOperations``, ``HandlerDuration``.
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Quantity, Usage, usage_key

__all__ = ["aws_cloudformation_stack", "aws_cloudformation_stack_set"]


class Stack(AwsInputs):
    pass


class StackUsage(Usage):
    monthly_handler_operations: Quantity | None = usage_key(
        "Handler operations on third-party resource types a month (AWS::, Alexa:: and Custom:: are free)",
        unit="operations")
    monthly_duration_secs: Quantity | None = usage_key(
        "Seconds third-party handler operations run beyond 30 seconds each, a month", unit="seconds")


def _stack(region: str, u: StackUsage) -> list[CostComponent]:
    if u.monthly_handler_operations is None and u.monthly_duration_secs is None:
        return [no_charge("Stack (AWS resource types)", "managing AWS::, Alexa:: and Custom:: resources has no "
                          "charge; give monthly_handler_operations for third-party resource types")]
    return [usage_based("Handler operations", aws("AWSCloudFormation", region, usagetype="HandlerOperations"),
                        u.monthly_handler_operations, unit="operations", usage_key="monthly_handler_operations"),
            usage_based("Handler operation duration beyond 30 s", aws("AWSCloudFormation", region,
                                                                      usagetype="HandlerDuration"),
                        u.monthly_duration_secs, unit="seconds", usage_key="monthly_duration_secs")]


@resource("aws_cloudformation_stack", example={"name": "network", "template_body": "{}"})
def aws_cloudformation_stack(i: Stack, u: StackUsage) -> list[CostComponent]:
    """A stack: third-party handler operations and their duration beyond 30 s (usage
    ``monthly_handler_operations``, ``monthly_duration_secs``). Pricing: https://aws.amazon.com/cloudformation/pricing/
    """
    return _stack(i.region, u)


@resource("aws_cloudformation_stack_set", example={"name": "baseline", "template_body": "{}"})
def aws_cloudformation_stack_set(i: Stack, u: StackUsage) -> list[CostComponent]:
    """A stack set: third-party handler operations across its stack instances (usage
    ``monthly_handler_operations``, ``monthly_duration_secs``). Pricing: https://aws.amazon.com/cloudformation/pricing/
    """
    return _stack(i.region, u)
