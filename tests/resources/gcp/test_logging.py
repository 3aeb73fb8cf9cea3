"""Table tests: costlib.resources.gcp.logging (https://cloud.google.com/stackdriver/pricing)."""

from tests.resources.table import Case, table_test

FREE = "fixed 0 USD"
CASES = [
    Case("a project bucket with 30 days: ingestion only", "google_logging_project_bucket_config",
         {"bucket_id": "app"}, [
        ("Log storage (ingestion)", "100 GB", "Cloud Logging resource=storage"),
    ], usage={"monthly_logging_data_gb": 100}),
    Case("90 days: 100 GB a month keeps 200 GB-months beyond 30 days", "google_logging_folder_bucket_config",
         {"bucket_id": "audit", "retention_days": 90}, [
        ("Log storage (ingestion)", "100 GB", "Cloud Logging resource=storage"),
        ("Retention beyond 30 days (90 days)", "200 GB-months", "Cloud Logging resource=retention"),
    ], usage={"monthly_logging_data_gb": 100}),
    Case("an organization bucket without usage", "google_logging_organization_bucket_config",
         {"bucket_id": "org", "retention_days": 365}, [
        ("Log storage (ingestion)", "? GB", "Cloud Logging resource=storage"),
        ("Retention beyond 30 days (365 days)", "? GB-months", "Cloud Logging resource=retention"),
    ]),
    Case("the _Required bucket is free", "google_logging_billing_account_bucket_config",
         {"bucket_id": "_Required", "retention_days": 400}, [
        ("_Required log bucket", "1 months", FREE),
    ]),
    Case("a sink into a log bucket is billed as its ingestion", "google_logging_project_sink",
         {"destination": "logging.googleapis.com/projects/p/locations/global/buckets/b"}, [
        ("Logs routed to a log bucket (ingestion)", "50 GB", "Cloud Logging resource=storage"),
    ], usage={"monthly_logging_data_gb": 50}),
    Case("a sink into BigQuery is billed by BigQuery", "google_logging_organization_sink",
         {"destination": "bigquery.googleapis.com/projects/p/datasets/logs"}, [
        ("Log sink", "1 months", FREE),
    ]),
    Case("a folder sink into Cloud Storage", "google_logging_folder_sink",
         {"destination": "storage.googleapis.com/my-bucket"}, [
        ("Log sink", "1 months", FREE),
    ]),
    Case("a billing-account sink into Pub/Sub", "google_logging_billing_account_sink",
         {"destination": "pubsub.googleapis.com/projects/p/topics/t"}, [
        ("Log sink", "1 months", FREE),
    ]),
]

test_table = table_test(CASES)
