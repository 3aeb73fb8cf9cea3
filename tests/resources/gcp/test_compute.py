"""Table tests: costlib.resources.gcp.compute."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "gce",
        "google_compute_instance",
        {"machine_type": "n1-standard-4", "zone": "us-central1-a"},
        [
            (
                "Instance (n1-standard-4, on-demand)",
                "730 hours",
                "Compute Engine [Compute Instance] machineType=n1-standard-4 less 30%",
            ),
            ("Boot disk (pd-standard)", "10 GB", "Compute Engine [Storage] diskType=pd-standard"),
        ],
    ),
    Case(
        "gce gpu spot",
        "google_compute_instance",
        {
            "machine_type": "n1-standard-8",
            "scheduling": [{"provisioning_model": "SPOT"}],
            "guest_accelerator": [{"type": "nvidia-tesla-t4", "count": 2}],
            "boot_disk": [{"initialize_params": [{"size": 50, "type": "pd-ssd"}]}],
        },
        [
            ("Instance (n1-standard-8, spot)", "730 hours", "Compute Engine [Compute Instance] machineType=n1-standard-8 spot"),
            ("GPUs (2 x nvidia-tesla-t4, spot)", "1460 GPU-hours", "Compute Engine [GPU] gpuType=nvidia-tesla-t4 spot"),
            ("Boot disk (pd-ssd)", "50 GB", "Compute Engine [Storage] diskType=pd-ssd"),
        ],
    ),
    Case(
        "gce half month",
        "google_compute_instance",
        {"machine_type": "n2-standard-2"},
        [
            (
                "Instance (n2-standard-2, on-demand)",
                "365 hours",
                "Compute Engine [Compute Instance] machineType=n2-standard-2 less 6.61%",
            ),
            ("Boot disk (pd-standard)", "10 GB", "Compute Engine [Storage] diskType=pd-standard"),
        ],
        usage={"monthly_hrs": 365},
    ),
    Case(
        "disk",
        "google_compute_disk",
        {"type": "pd-ssd"},
        [
            ("Disk (pd-ssd)", "100 GB", "Compute Engine [Storage] diskType=pd-ssd"),
        ],
    ),
    Case(
        "disk std",
        "google_compute_disk",
        {},
        [
            ("Disk (pd-standard)", "500 GB", "Compute Engine [Storage] diskType=pd-standard"),
        ],
    ),
    Case(
        "gke regional",
        "google_container_cluster",
        {"location": "us-central1"},
        [
            ("Cluster management fee", "730 hours", "Kubernetes Engine usagetype=ClusterManagementFee"),
            (
                "Default node pool (e2-medium, on-demand)",
                "2190 hours",
                "Compute Engine [Compute Instance] machineType=e2-medium",
            ),
            ("Default node pool boot disks (pd-balanced)", "300 GB", "Compute Engine [Storage] diskType=pd-balanced"),
        ],
    ),
    Case(
        "gke zonal removed",
        "google_container_cluster",
        {"location": "us-central1-a", "remove_default_node_pool": True},
        [
            ("Cluster management fee", "730 hours", "Kubernetes Engine usagetype=ClusterManagementFee"),
        ],
    ),
    Case(
        "pool",
        "google_container_node_pool",
        {
            "location": "us-central1",
            "node_locations": ["us-central1-a", "us-central1-b"],
            "autoscaling": [{"min_node_count": 2}],
            "node_config": [{"machine_type": "n1-standard-4", "guest_accelerator": [{"type": "nvidia-tesla-t4", "count": 1}]}],
        },
        [
            (
                "Node pool (n1-standard-4, on-demand)",
                "2920 hours",
                "Compute Engine [Compute Instance] machineType=n1-standard-4 less 30%",
            ),
            (
                "Node pool GPUs (1 x nvidia-tesla-t4, on-demand)",
                "2920 GPU-hours",
                "Compute Engine [GPU] gpuType=nvidia-tesla-t4",
            ),
            ("Node pool boot disks (pd-balanced)", "400 GB", "Compute Engine [Storage] diskType=pd-balanced"),
        ],
    ),
    Case(
        "nat",
        "google_compute_router_nat",
        {},
        [
            ("NAT gateway", "730 hours", "Compute Engine [Network] resource=nat-gateway"),
            ("Data processed", "? GB", "Compute Engine [Network] resource=nat-data"),
        ],
    ),
]

CASES += [
    Case("an A2 machine type includes its GPUs: the plan's guest_accelerator is not billed again",
         "google_compute_instance",
         {"machine_type": "a2-highgpu-1g", "guest_accelerator": [{"type": "nvidia-tesla-a100", "count": 1}]}, [
        ("Instance (a2-highgpu-1g, on-demand)", "730 hours", "Compute Engine [Compute Instance] machineType=a2-highgpu-1g"),
        ("Boot disk (pd-standard)", "10 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ]),
    Case("a 3-year commitment replaces sustained use", "google_compute_instance", {"machine_type": "n2-standard-8"}, [
        ("Instance (n2-standard-8, 3yr commitment)", "730 hours",
         "Compute Engine [Compute Instance] machineType=n2-standard-8 reserved term=3 Years"),
        ("Boot disk (pd-standard)", "10 GB", "Compute Engine [Storage] diskType=pd-standard"),
    ], usage={"commitment": "3yr"}),
    Case("two local SSDs and a Windows image", "google_compute_instance", {
        "machine_type": "e2-standard-4", "scratch_disk": [{"interface": "NVME"}, {"interface": "NVME"}],
        "boot_disk": [{"initialize_params": [{"size": 50, "type": "pd-balanced",
                                              "image": "windows-cloud/windows-2022"}]}]}, [
        ("Instance (e2-standard-4, on-demand)", "730 hours", "Compute Engine [Compute Instance] machineType=e2-standard-4"),
        ("Boot disk (pd-balanced)", "50 GB", "Compute Engine [Storage] diskType=pd-balanced"),
        ("Local SSD (2 x 375 GB)", "750 GB", "Compute Engine [Storage] diskType=local-ssd"),
        ("Licence (windows)", "730 hours", "Compute Engine [License] license=windows machineType=e2-standard-4"),
    ]),
    Case("a Hyperdisk Balanced disk bills IOPS above 3,000 and throughput above 140 MiB/s", "google_compute_disk",
         {"type": "hyperdisk-balanced", "size": 200, "provisioned_iops": 5000, "provisioned_throughput": 290}, [
        ("Disk (hyperdisk-balanced)", "200 GB", "Compute Engine [Storage] diskType=hyperdisk-balanced"),
        ("Provisioned IOPS (hyperdisk-balanced)", "2000 IOPS",
         "Compute Engine [Storage] diskType=hyperdisk-balanced resource=iops"),
        ("Provisioned throughput (hyperdisk-balanced)", "150 MiBps",
         "Compute Engine [Storage] diskType=hyperdisk-balanced resource=throughput"),
    ]),
    Case("a Hyperdisk Extreme without provisioned IOPS names them", "google_compute_disk",
         {"type": "hyperdisk-extreme", "size": 64}, [
        ("Disk (hyperdisk-extreme)", "64 GB", "Compute Engine [Storage] diskType=hyperdisk-extreme"),
        ("Provisioned IOPS (hyperdisk-extreme)", "?", "not modelled"),
    ]),
    Case("a regional balanced disk, default 100 GB", "google_compute_region_disk", {"type": "pd-balanced"}, [
        ("Regional disk (pd-balanced)", "100 GB", "Compute Engine [Storage] diskType=pd-balanced-regional"),
    ]),
    Case("a regional standard disk, default 500 GB", "google_compute_region_disk", {}, [
        ("Regional disk (pd-standard)", "500 GB", "Compute Engine [Storage] diskType=pd-standard-regional"),
    ]),
]

test_table = table_test(CASES)
