"""Table tests: costlib.resources.gcp.monitoring (https://cloud.google.com/stackdriver/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("5,000 MiB of metric data and 1M read calls", "google_monitoring_metric_descriptor", {}, [
        ("Metric data ingested", "5000 MiB", "Cloud Monitoring resource=metric-volume"),
        ("Read API calls", "1000 1k calls", "Cloud Monitoring resource=api-calls"),
    ], usage={"monthly_monitoring_data_mb": 5000, "monthly_api_calls": 1_000_000}),
    Case("without usage", "google_monitoring_metric_descriptor", {}, [
        ("Metric data ingested", "? MiB", "Cloud Monitoring resource=metric-volume"),
        ("Read API calls", "? 1k calls", "Cloud Monitoring resource=api-calls"),
    ]),
]

test_table = table_test(CASES)
