"""Table tests: costlib.resources.gcp.filestore (https://cloud.google.com/filestore/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("BASIC_HDD 1 TiB", "google_filestore_instance", {"tier": "BASIC_HDD", "file_shares": [{"capacity_gb": 1024}]},
         [("Capacity (BASIC_HDD)", "1024 GB", "Cloud Filestore [Storage] tier=BASIC_HDD")]),
    Case("PREMIUM (legacy name) below its 2.5 TiB minimum is billed at the minimum", "google_filestore_instance",
         {"tier": "PREMIUM", "file_shares": [{"capacity_gb": 1024}]},
         [("Capacity (BASIC_SSD)", "2560 GB", "Cloud Filestore [Storage] tier=BASIC_SSD")]),
    Case("ZONAL of 10 TiB is in the upper band", "google_filestore_instance",
         {"tier": "ZONAL", "file_shares": [{"capacity_gb": 10240}]},
         [("Capacity (ZONAL)", "10240 GB", "Cloud Filestore [Storage] band=10TiB+ tier=ZONAL")]),
    Case("REGIONAL of 2 TiB", "google_filestore_instance", {"tier": "REGIONAL", "file_shares": [{"capacity_gb": 2048}]},
         [("Capacity (REGIONAL)", "2048 GB", "Cloud Filestore [Storage] band=1-10TiB tier=REGIONAL")]),
]

test_table = table_test(CASES)
