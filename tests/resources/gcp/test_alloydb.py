"""Table tests: costlib.resources.gcp.alloydb (https://cloud.google.com/alloydb/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a regional primary of 4 vCPU: active + standby", "google_alloydb_instance",
         {"instance_type": "PRIMARY", "machine_config": [{"cpu_count": 4}]}, [
        ("vCPUs (primary, regional (HA), 2 x 4)", "5840 vCPU-hours", "AlloyDB resource=vcpu"),
        ("Memory (primary, regional (HA), 2 x 32 GB)", "46720 GB-hours", "AlloyDB resource=memory"),
    ]),
    Case("a zonal primary, default 2 vCPU", "google_alloydb_instance", {"availability_type": "ZONAL"}, [
        ("vCPUs (primary, zonal, 1 x 2)", "1460 vCPU-hours", "AlloyDB resource=vcpu"),
        ("Memory (primary, zonal, 1 x 16 GB)", "11680 GB-hours", "AlloyDB resource=memory"),
    ]),
    Case("a read pool of 3 nodes of n2-highmem-8", "google_alloydb_instance",
         {"instance_type": "READ_POOL", "read_pool_config": [{"node_count": 3}],
          "machine_config": [{"machine_type": "n2-highmem-8"}]}, [
        ("vCPUs (read pool, 3 x 8)", "17520 vCPU-hours", "AlloyDB resource=vcpu"),
        ("Memory (read pool, 3 x 64 GB)", "140160 GB-hours", "AlloyDB resource=memory"),
    ]),
    Case("a cluster: storage and backups from usage", "google_alloydb_cluster", {}, [
        ("Storage", "200 GB", "AlloyDB resource=storage"),
        ("Backup storage", "? GB", "AlloyDB resource=backup"),
    ], usage={"storage_gb": 200}),
]

test_table = table_test(CASES)
