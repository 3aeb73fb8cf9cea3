"""Table tests: costlib.resources.gcp.images (https://cloud.google.com/compute/disks-image-pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("an image: stored GB from usage", "google_compute_image", {}, [
        ("Image storage", "1000 GB", "Compute Engine [Storage] diskType=image"),
    ], usage={"storage_gb": 1000}),
    Case("an image without usage takes disk_size_gb as an upper bound", "google_compute_image",
         {"disk_size_gb": 20}, [
        ("Image storage", "20 GB", "Compute Engine [Storage] diskType=image"),
    ]),
    Case("an image with neither", "google_compute_image", {}, [
        ("Image storage", "? GB", "Compute Engine [Storage] diskType=image"),
    ]),
    Case("a machine image is usage-based", "google_compute_machine_image", {}, [
        ("Machine image storage", "? GB", "Compute Engine [Storage] diskType=machine-image"),
    ]),
    Case("a standard snapshot of a 100 GB disk, 30 GB stored", "google_compute_snapshot", {"disk_size_gb": 100}, [
        ("Snapshot storage (standard)", "30 GB", "Compute Engine [Storage] diskType=snapshot"),
    ], usage={"storage_gb": 30}),
    Case("a standard snapshot without usage: the source disk's size", "google_compute_snapshot",
         {"disk_size_gb": 100}, [
        ("Snapshot storage (standard)", "100 GB", "Compute Engine [Storage] diskType=snapshot"),
    ]),
    Case("an archive snapshot adds retrieval", "google_compute_snapshot", {"snapshot_type": "ARCHIVE"}, [
        ("Snapshot storage (archive)", "500 GB", "Compute Engine [Storage] diskType=snapshot-archive"),
        ("Archive snapshot retrieval", "? GB", "Compute Engine [Storage] resource=snapshot-archive-retrieval"),
    ], usage={"storage_gb": 500}),
]

test_table = table_test(CASES)
