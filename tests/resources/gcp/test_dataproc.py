"""Table tests: costlib.resources.gcp.dataproc (https://cloud.google.com/dataproc/pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("defaults: 1 + 2 n1-standard-4, 500 GB pd-standard each: 12 vCPUs of fee", "google_dataproc_cluster", {}, [
        ("Dataproc fee (12 vCPUs)", "8760 vCPU-hours", "Cloud Dataproc resource=vcpu"),
        ("Master (n1-standard-4, on-demand)", "730 hours",
         "Compute Engine [Compute Instance] machineType=n1-standard-4 less 30%"),
        ("Master boot disks (pd-standard)", "500 GB", "Compute Engine [Storage] diskType=pd-standard"),
        ("Workers (n1-standard-4, on-demand)", "1460 hours",
         "Compute Engine [Compute Instance] machineType=n1-standard-4 less 30%"),
        ("Workers boot disks (pd-standard)", "1000 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ]),
    Case("spot secondary workers count toward the fee", "google_dataproc_cluster", {"cluster_config": [{
        "master_config": [{"num_instances": 1, "machine_type": "e2-standard-2",
                           "disk_config": [{"boot_disk_size_gb": 100, "boot_disk_type": "pd-balanced"}]}],
        "worker_config": [{"num_instances": 2, "machine_type": "e2-standard-2",
                           "disk_config": [{"boot_disk_size_gb": 100}]}],
        "preemptible_worker_config": [{"num_instances": 2, "machine_type": "e2-standard-2",
                                       "preemptibility": "SPOT", "disk_config": [{"boot_disk_size_gb": 100}]}]}]}, [
        ("Dataproc fee (10 vCPUs)", "7300 vCPU-hours", "Cloud Dataproc resource=vcpu"),
        ("Master (e2-standard-2, on-demand)", "730 hours", "Compute Engine [Compute Instance] machineType=e2-standard-2"),
        ("Master boot disks (pd-balanced)", "100 GB", "Compute Engine [Storage] diskType=pd-balanced"),
        ("Workers (e2-standard-2, on-demand)", "1460 hours",
         "Compute Engine [Compute Instance] machineType=e2-standard-2"),
        ("Workers boot disks (pd-standard)", "200 GB", "Compute Engine [Storage] diskType=pd-standard"),
        ("Secondary workers (e2-standard-2, spot)", "1460 hours",
         "Compute Engine [Compute Instance] machineType=e2-standard-2 spot"),
        ("Secondary workers boot disks (pd-standard)", "200 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ]),
]

test_table = table_test(CASES)
