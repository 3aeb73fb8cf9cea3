"""Table tests: costlib.resources.gcp.groups (https://cloud.google.com/compute/vm-instance-pricing)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("3 x e2-standard-2 from the spec's machine type", "google_compute_instance_group_manager",
         {"target_size": 3, "machine_type": "e2-standard-2", "zone": "us-central1-a"}, [
        ("Instances (e2-standard-2, on-demand)", "2190 hours",
         "Compute Engine [Compute Instance] machineType=e2-standard-2"),
        ("Boot disks (pd-standard)", "30 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ]),
    Case("a plan's group: the template's machine type from usage, n1 sustained use", "google_compute_instance_group_manager",
         {"target_size": 2}, [
        ("Instances (n1-standard-4, on-demand)", "1460 hours",
         "Compute Engine [Compute Instance] machineType=n1-standard-4 less 30%"),
        ("Boot disks (pd-standard)", "20 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ], usage={"machine_type": "n1-standard-4"}),
    Case("without a machine type the instances are named, not priced", "google_compute_instance_group_manager",
         {"target_size": 4}, [
        ("Instances (4 from target_size)", "?", "not modelled"),
    ]),
    Case("a regional group autoscaled: usage instances override target_size",
         "google_compute_region_instance_group_manager", {"machine_type": "n2-standard-2"}, [
        ("Instances (n2-standard-2, on-demand)", "3650 hours",
         "Compute Engine [Compute Instance] machineType=n2-standard-2 less 20%"),
        ("Boot disks (pd-standard)", "50 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ], usage={"instances": 5}),
    Case("a spot group of 2", "google_compute_region_instance_group_manager",
         {"machine_type": "e2-standard-4", "target_size": 2, "provisioning_model": "SPOT"}, [
        ("Instances (e2-standard-4, spot)", "1460 hours",
         "Compute Engine [Compute Instance] machineType=e2-standard-4 spot"),
        ("Boot disks (pd-standard)", "20 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ]),
]

test_table = table_test(CASES)
