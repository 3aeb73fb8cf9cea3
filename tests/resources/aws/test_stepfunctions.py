"""Table tests: costlib.resources.aws.stepfunctions (https://aws.amazon.com/step-functions/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a Standard workflow (the default): state transitions", "aws_sfn_state_machine", {}, [
        ("State transitions", "1000000 transitions", "AmazonStates usagetype=StateTransition"),
    ], usage={"monthly_transitions": 1_000_000}),
    Case("an Express workflow: 1 million runs of 100 MB (2 x 64 MB) for 450 ms (500 ms billed)",
         "aws_sfn_state_machine", {"type": "EXPRESS"}, [
             ("Express requests", "1000000 requests", "AmazonStates usagetype=StepFunctions-Request"),
             ("Express duration", "62500 GB-seconds", "AmazonStates usagetype=StepFunctions-GB-Second"),
         ], usage={"monthly_requests": 1_000_000, "memory_mb": 100, "workflow_duration_ms": 450}),
    Case("an Express workflow without usage", "aws_sfn_state_machine", {"type": "express"}, [
        ("Express requests", "? requests", "AmazonStates usagetype=StepFunctions-Request"),
        ("Express duration", "? GB-seconds", "AmazonStates usagetype=StepFunctions-GB-Second"),
    ]),
]

test_table = table_test(CASES)
