"""Table tests: costlib.resources.aws.serverless."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "lambda arm",
        "aws_lambda_function",
        {"memory_size": 1024, "architectures": ["arm64"], "ephemeral_storage": [{"size": 2560}]},
        [
            ("Requests", "1000000 requests", "AWSLambda usagetype=Request"),
            ("Duration (Arm)", "200000 GB-seconds", "AWSLambda usagetype=Lambda-GB-Second-ARM"),
            ("Ephemeral storage above 512 MB (Arm)", "400000 GB-seconds", "AWSLambda usagetype=Lambda-Provisioned-Storage-ARM"),
        ],
        usage={"monthly_requests": 1000000, "request_duration_ms": 200},
    ),
]

test_table = table_test(CASES)
