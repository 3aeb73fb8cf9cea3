"""Table tests: costlib.resources.aws.serverless (https://aws.amazon.com/lambda/pricing/)."""

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
    Case("SnapStart on Java has no charge", "aws_lambda_function",
         {"runtime": "java21", "snap_start": [{"apply_on": "PublishedVersions"}]}, [
             ("Requests", "? requests", "AWSLambda usagetype=Request"),
             ("Duration (x86)", "? GB-seconds", "AWSLambda usagetype=Lambda-GB-Second"),
         ]),
    Case("SnapStart on Python bills cache and restores (not modelled)", "aws_lambda_function",
         {"runtime": "python3.12", "snap_start": [{"apply_on": "PublishedVersions"}]}, [
             ("Requests", "? requests", "AWSLambda usagetype=Request"),
             ("Duration (x86)", "? GB-seconds", "AWSLambda usagetype=Lambda-GB-Second"),
             ("SnapStart cache and restores", "?", "not modelled"),
         ]),
    Case("provisioned concurrency of 10 at 1 GB all month (x86)", "aws_lambda_provisioned_concurrency_config",
         {"provisioned_concurrent_executions": 10}, [
             ("Provisioned concurrency (10 x 1024 MB, x86)", "26280000 GB-seconds",
              "AWSLambda usagetype=Lambda-Provisioned-Concurrency"),
             ("Requests", "2000000 requests", "AWSLambda usagetype=Request"),
             ("Duration (provisioned, x86)", "200000 GB-seconds", "AWSLambda usagetype=Lambda-Provisioned-GB-Second"),
         ], usage={"memory_mb": 1024, "monthly_requests": 2_000_000, "request_duration_ms": 100}),
    Case("provisioned concurrency on Arm, 128 MB default, 100 hours", "aws_lambda_provisioned_concurrency_config",
         {"provisioned_concurrent_executions": 4}, [
             ("Provisioned concurrency (4 x 128 MB, Arm)", "180000 GB-seconds",
              "AWSLambda usagetype=Lambda-Provisioned-Concurrency-ARM"),
             ("Requests", "? requests", "AWSLambda usagetype=Request"),
             ("Duration (provisioned, Arm)", "? GB-seconds", "AWSLambda usagetype=Lambda-Provisioned-GB-Second-ARM"),
         ], usage={"architecture": "arm64", "monthly_hrs": 100}),
]

test_table = table_test(CASES)
