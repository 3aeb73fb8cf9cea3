"""Table tests: costlib.resources.azure.ml (billed as the VMs they run on)."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "compute cluster: 1 dedicated node kept warm",
        "azurerm_machine_learning_compute_cluster",
        {"vm_size": "Standard_DS3_v2", "scale_settings": [{"min_node_count": 1, "max_node_count": 4}]},
        [
            (
                "Cluster nodes (Linux, pay-as-you-go, Standard_DS3_v2)",
                "730 hours",
                "Virtual Machines armSkuName=Standard_DS3_v2 os=Linux",
            ),
        ],
    ),
    Case(
        "compute cluster: low priority, 3 nodes for 200 hours",
        "azurerm_machine_learning_compute_cluster",
        {"vm_size": "Standard_NC6s_v3", "vm_priority": "LowPriority"},
        [
            (
                "Cluster nodes (Linux, spot, Standard_NC6s_v3)",
                "600 hours",
                "Virtual Machines armSkuName=Standard_NC6s_v3 os=Linux spot",
            ),
        ],
        usage={"nodes": 3, "monthly_hrs": 200},
    ),
    Case(
        "compute instance: 160 hours and its P10 OS disk",
        "azurerm_machine_learning_compute_instance",
        {"virtual_machine_size": "Standard_DS3_v2"},
        [
            (
                "Compute instance (Linux, pay-as-you-go, Standard_DS3_v2)",
                "160 hours",
                "Virtual Machines armSkuName=Standard_DS3_v2 os=Linux",
            ),
            (
                "OS disk (P10 LRS, 128 GiB tier)",
                "1 months",
                "Storage meterName=P10 LRS Disk productName=Premium SSD Managed Disks skuName=P10 LRS",
            ),
        ],
        usage={"monthly_hrs": 160},
    ),
]

test_table = table_test(CASES)
