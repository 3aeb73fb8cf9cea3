"""Table tests: costlib.resources.gcp.vertex (https://cloud.google.com/vertex-ai/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("an endpoint without usage shows the node price to expect", "google_vertex_ai_endpoint", {}, [
        ("Prediction nodes", "? node-hours", "Vertex AI machineType=n1-standard-2 resource=prediction-node"),
    ]),
    Case("2 n1-standard-4 nodes all month", "google_vertex_ai_endpoint", {}, [
        ("Prediction nodes (2 x n1-standard-4)", "1460 node-hours",
         "Vertex AI machineType=n1-standard-4 resource=prediction-node"),
    ], usage={"machine_type": "n1-standard-4", "nodes": 2}),
    Case("one node for 100 hours", "google_vertex_ai_endpoint", {}, [
        ("Prediction nodes (1 x e2-standard-2)", "100 node-hours",
         "Vertex AI machineType=e2-standard-2 resource=prediction-node"),
    ], usage={"machine_type": "e2-standard-2", "monthly_hrs": 100}),
]

test_table = table_test(CASES)
