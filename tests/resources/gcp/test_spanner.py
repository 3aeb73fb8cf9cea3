"""Table tests: costlib.resources.gcp.spanner (https://cloud.google.com/spanner/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a regional instance of 1 node", "google_spanner_instance", {"config": "regional-us-central1", "num_nodes": 1},
         [("Compute (standard, 1 node(s))", "730 node-hours", "Cloud Spanner edition=STANDARD resource=compute"),
          ("Storage", "? GB", "Cloud Spanner resource=storage"),
          ("Backup storage", "? GB", "Cloud Spanner resource=backup")]),
    Case("500 processing units of Enterprise in nam3", "google_spanner_instance",
         {"config": "projects/p/instanceConfigs/nam3", "processing_units": 500, "edition": "ENTERPRISE"},
         [("Compute (enterprise, 0.5 node(s))", "365 node-hours", "Cloud Spanner edition=ENTERPRISE resource=compute"),
          ("Storage", "100 GB", "Cloud Spanner resource=storage"),
          ("Backup storage", "? GB", "Cloud Spanner resource=backup")], usage={"storage_gb": 100}),
    Case("autoscaled: its minimum nodes", "google_spanner_instance",
         {"config": "regional-europe-west1", "autoscaling_config": [{"autoscaling_limits": [{"min_nodes": 2}]}]},
         [("Compute (standard, 2 node(s))", "1460 node-hours", "Cloud Spanner edition=STANDARD resource=compute"),
          ("Storage", "? GB", "Cloud Spanner resource=storage"),
          ("Backup storage", "? GB", "Cloud Spanner resource=backup")]),
]

test_table = table_test(CASES)
