"""Table tests: costlib.resources.gcp.secrets (https://cloud.google.com/secret-manager/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a secret without usage: versions are on its version resources", "google_secret_manager_secret",
         {"replication": [{"auto": [{}]}]}, [
        ("Active secret versions (1 location)", "? versions", "Secret Manager resource=active-version"),
        ("Access operations", "? 10k operations", "Secret Manager resource=access"),
    ]),
    Case("user-managed replication in 2 locations x 3 versions, rotation", "google_secret_manager_secret",
         {"replication": [{"user_managed": [{"replicas": [{"location": "us-east1"}, {"location": "us-west1"}]}]}],
          "rotation": [{"rotation_period": "2592000s"}]}, [
        ("Active secret versions (2 locations)", "6 versions", "Secret Manager resource=active-version"),
        ("Access operations", "2 10k operations", "Secret Manager resource=access"),
        ("Rotation notifications", "1 rotations", "Secret Manager resource=rotation"),
    ], usage={"active_secret_versions": 3, "monthly_access_operations": 20_000, "monthly_rotation_notifications": 1}),
    Case("a secret version: one active version", "google_secret_manager_secret_version", {}, [
        ("Active secret version", "1 versions", "Secret Manager resource=active-version"),
        ("Access operations", "2.5 10k operations", "Secret Manager resource=access"),
    ], usage={"monthly_access_operations": 25_000}),
    Case("a disabled version is still billed until destroyed", "google_secret_manager_secret_version",
         {"enabled": False}, [
        ("Active secret version", "1 versions", "Secret Manager resource=active-version"),
        ("Access operations", "? 10k operations", "Secret Manager resource=access"),
    ]),
]

test_table = table_test(CASES)
