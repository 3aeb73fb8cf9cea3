"""AWS Step Functions state machines: Standard workflows (state transitions) and Express workflows (requests
and duration in GB-seconds).

Pricing: https://aws.amazon.com/step-functions/pricing/ — a Standard workflow bills each state transition; an
Express workflow bills each request and its duration by memory used, rounded up to the next 100 ms and billed
in 64 MB steps (tiered by GB-hours a month). The 4,000 free state transitions a month are per account and not
applied. Usage types (AmazonStates): ``StateTransition``, ``StepFunctions-Request``, ``StepFunctions-GB-Second``.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.aws._billing import ExpressMB, ExpressMs
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Quantity, Usage, choice, usage_key

__all__ = ["aws_sfn_state_machine", "express_gb_seconds"]



def express_gb_seconds(requests: Decimal, memory_mb: Decimal, duration_ms: Decimal) -> Decimal:
    """GB-seconds of Express executions: memory in 64 MB steps (at least 64 MB), duration in 100 ms steps.

    >>> express_gb_seconds(Decimal(1000000), Decimal(50), Decimal(120))
    Decimal('12500.00000')
    """
    steps = max(Decimal(1), (memory_mb / Decimal(64)).to_integral_value(rounding=ROUND_CEILING))
    billed_ms = max(Decimal(100), (duration_ms / Decimal(100)).to_integral_value(rounding=ROUND_CEILING) * 100)
    return requests * (steps * Decimal(64) / Decimal(1024)) * (billed_ms / Decimal(1000))


class StateMachine(AwsInputs):
    type: Annotated[str, choice("STANDARD", "EXPRESS", what="state machine type")] = "STANDARD"


class StateMachineUsage(Usage):
    monthly_transitions: Quantity | None = usage_key("State transitions a month (Standard workflows)",
                                                     unit="transitions")
    monthly_requests: Quantity | None = usage_key("Workflow executions a month (Express workflows)", unit="requests")
    memory_mb: ExpressMB | None = usage_key("Average memory an Express execution uses (billed in 64 MB steps)", unit="MB")
    workflow_duration_ms: ExpressMs | None = usage_key("Average Express execution duration (billed in 100 ms "
                                                          "steps)", unit="ms")


@resource("aws_sfn_state_machine", example={"type": "STANDARD", "definition": "{}", "role_arn": "arn:aws:iam::1:role/x"})
def aws_sfn_state_machine(i: StateMachine, u: StateMachineUsage) -> list[CostComponent]:
    """A state machine by ``type``: STANDARD (default) bills state transitions (usage ``monthly_transitions``);
    EXPRESS bills requests (``monthly_requests``) and GB-seconds (``memory_mb`` x ``workflow_duration_ms``).

    Pricing: https://aws.amazon.com/step-functions/pricing/
    """
    if i.type == "STANDARD":
        return [usage_based("State transitions", aws("AmazonStates", i.region, usagetype="StateTransition"),
                            u.monthly_transitions, unit="transitions", usage_key="monthly_transitions")]
    gb_s = None
    if u.monthly_requests is not None and u.memory_mb is not None and u.workflow_duration_ms is not None:
        gb_s = express_gb_seconds(u.monthly_requests, u.memory_mb, u.workflow_duration_ms)
    return [usage_based("Express requests", aws("AmazonStates", i.region, usagetype="StepFunctions-Request"),
                        u.monthly_requests, unit="requests", usage_key="monthly_requests"),
            usage_based("Express duration", aws("AmazonStates", i.region, usagetype="StepFunctions-GB-Second"),
                        gb_s, unit="GB-seconds", usage_key="workflow_duration_ms")]
