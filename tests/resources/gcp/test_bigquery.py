"""Table tests: costlib.resources.gcp.bigquery (https://cloud.google.com/bigquery/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a US dataset scanning 100 TB a month", "google_bigquery_dataset", {"location": "US"}, [
        ("Queries (on-demand)", "100 TB", "BigQuery resource=analysis-on-demand"),
    ], usage={"monthly_queries_tb": 100}),
    Case("a dataset without usage", "google_bigquery_dataset", {}, [
        ("Queries (on-demand)", "? TB", "BigQuery resource=analysis-on-demand"),
    ]),
    Case("a table: storage, 1,000 MB streamed is 5 x 200 MB, Storage API", "google_bigquery_table", {}, [
        ("Active storage (logical)", "1000 GB", "BigQuery resource=storage-active"),
        ("Long-term storage (logical)", "500 GB", "BigQuery resource=storage-long-term"),
        ("Streaming inserts", "5 200 MB", "BigQuery resource=streaming-inserts"),
        ("Storage Write API", "10 GB", "BigQuery Storage API resource=write"),
        ("Storage Read API", "2 TB", "BigQuery Storage API resource=read"),
    ], usage={"monthly_active_storage_gb": 1000, "monthly_long_term_storage_gb": 500,
              "monthly_streaming_inserts_mb": 1000, "monthly_storage_write_api_gb": 10,
              "monthly_storage_read_api_tb": 2}),
    Case("a table without usage", "google_bigquery_table", {}, [
        ("Active storage (logical)", "? GB", "BigQuery resource=storage-active"),
        ("Long-term storage (logical)", "? GB", "BigQuery resource=storage-long-term"),
        ("Streaming inserts", "? 200 MB", "BigQuery resource=streaming-inserts"),
        ("Storage Write API", "? GB", "BigQuery Storage API resource=write"),
        ("Storage Read API", "? TB", "BigQuery Storage API resource=read"),
    ]),
]

test_table = table_test(CASES)
