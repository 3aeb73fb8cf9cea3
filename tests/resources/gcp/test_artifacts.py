"""Table tests: costlib.resources.gcp.artifacts (https://cloud.google.com/artifact-registry/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a repository storing 150 GB, delivering to another region and its own", "google_artifact_registry_repository",
         {"location": "us-central1"}, [
        ("Storage", "150 GB", "Artifact Registry resource=storage"),
        ("Data transfer to europe-north1", "100 GB", "Artifact Registry destination=europe-north1 resource=egress"),
    ], usage={"storage_gb": 150, "monthly_egress_data_transfer_gb": {"europe_north1": 100, "us_central1": 500}}),
    Case("a repository without usage", "google_artifact_registry_repository", {}, [
        ("Storage", "? GB", "Artifact Registry resource=storage"),
    ]),
    Case("Container Registry: a US multi-region Standard bucket", "google_container_registry", {}, [
        ("Storage (STANDARD, multi-region US)", "150 GB",
         "Cloud Storage [Storage] locationType=multi-region storageClass=STANDARD"),
        ("Class A operations", "4 10k operations",
         "Cloud Storage [Operations] locationType=multi-region operationClass=A storageClass=STANDARD"),
    ], usage={"storage_gb": 150, "monthly_class_a_operations": 40000}),
    Case("Container Registry in EU, egress to Asia", "google_container_registry", {"location": "eu"}, [
        ("Storage (STANDARD, multi-region EU)", "? GB",
         "Cloud Storage [Storage] locationType=multi-region storageClass=STANDARD"),
        ("Data transfer out (asia)", "1500 GB", "Cloud Storage [Network] destination=asia resource=egress"),
    ], usage={"monthly_egress_data_transfer_gb": {"asia": 1500}}),
]

test_table = table_test(CASES)
