"""Table tests: costlib.resources.aws.mwaa (https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("small environment, default", "aws_mwaa_environment", {}, [
        ("Environment (mw1.small)", "730 hours", "AmazonMWAA usagetype=Environment:Small"),
        ("Additional workers", "? worker-hours", "AmazonMWAA usagetype=AdditionalWorker:Small"),
        ("Additional schedulers", "? scheduler-hours", "AmazonMWAA usagetype=AdditionalScheduler:Small"),
        ("Meta database storage", "? GB", "AmazonMWAA usagetype=MetaDatabaseStorage"),
    ]),
    Case("large with 2.5 extra workers and 2 extra schedulers on average", "aws_mwaa_environment",
         {"environment_class": "mw1.large"}, [
             ("Environment (mw1.large)", "730 hours", "AmazonMWAA usagetype=Environment:Large"),
             ("Additional workers", "1825 worker-hours", "AmazonMWAA usagetype=AdditionalWorker:Large"),
             ("Additional schedulers", "1460 scheduler-hours", "AmazonMWAA usagetype=AdditionalScheduler:Large"),
             ("Meta database storage", "10 GB", "AmazonMWAA usagetype=MetaDatabaseStorage"),
         ], usage={"additional_workers": 2.5, "additional_schedulers": 2, "meta_database_gb": 10}),
]

test_table = table_test(CASES)
