"""Table tests: costlib.resources.gcp.bigtable (https://cloud.google.com/bigtable/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("one SSD cluster of 3 nodes", "google_bigtable_instance",
         {"cluster": [{"cluster_id": "c1", "num_nodes": 3, "zone": "us-central1-b"}]}, [
        ("Nodes (c1)", "2190 node-hours", "Cloud Bigtable resource=node"),
        ("Storage (c1, SSD)", "500 GB", "Cloud Bigtable resource=storage storageType=SSD"),
    ], usage={"storage_gb": 500}),
    Case("two clusters, one HDD autoscaled from 2", "google_bigtable_instance",
         {"cluster": [{"cluster_id": "a", "num_nodes": 1, "zone": "us-east1-b"},
                      {"cluster_id": "b", "storage_type": "HDD", "zone": "us-west1-a",
                       "autoscaling_config": [{"min_nodes": 2}]}]}, [
        ("Nodes (a)", "730 node-hours", "Cloud Bigtable resource=node"),
        ("Storage (a, SSD)", "? GB", "Cloud Bigtable resource=storage storageType=SSD"),
        ("Nodes (b)", "1460 node-hours", "Cloud Bigtable resource=node"),
        ("Storage (b, HDD)", "? GB", "Cloud Bigtable resource=storage storageType=HDD"),
    ]),
]

test_table = table_test(CASES)
