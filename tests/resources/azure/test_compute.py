"""Table tests: costlib.resources.azure.compute."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "linux vm",
        "azurerm_linux_virtual_machine",
        {"size": "Standard_D2s_v5"},
        [
            (
                "Virtual machine (Linux, pay-as-you-go, Standard_D2s_v5)",
                "730 hours",
                "Virtual Machines armSkuName=Standard_D2s_v5 os=Linux",
            ),
            (
                "OS disk (P4 LRS, 32 GiB tier)",
                "1 months",
                "Storage meterName=P4 LRS Disk productName=Premium SSD Managed Disks skuName=P4 LRS",
            ),
        ],
    ),
    Case(
        "win vm ahb",
        "azurerm_windows_virtual_machine",
        {"size": "Standard_D2s_v5", "license_type": "Windows_Server", "os_disk": [{"storage_account_type": "StandardSSD_LRS"}]},
        [
            (
                "Virtual machine (Windows, Azure Hybrid Benefit, pay-as-you-go, Standard_D2s_v5)",
                "730 hours",
                "Virtual Machines armSkuName=Standard_D2s_v5 os=Linux",
            ),
            (
                "OS disk (E10 LRS, 128 GiB tier)",
                "1 months",
                "Storage meterName=E10 LRS Disk productName=Standard SSD Managed Disks skuName=E10 LRS",
            ),
        ],
    ),
    Case(
        "spot ultra",
        "azurerm_linux_virtual_machine",
        {
            "size": "Standard_D2s_v5",
            "priority": "Spot",
            "os_disk": [{"storage_account_type": "UltraSSD_LRS", "disk_size_gb": 64}],
        },
        [
            (
                "Virtual machine (Linux, spot, Standard_D2s_v5)",
                "100 hours",
                "Virtual Machines armSkuName=Standard_D2s_v5 os=Linux spot",
            ),
            ("OS disk (UltraSSD_LRS, 64 GiB)", "?", "not modelled"),
        ],
        usage={"monthly_hrs": 100},
    ),
    Case(
        "disk",
        "azurerm_managed_disk",
        {"storage_account_type": "premium_lrs", "disk_size_gb": 100},
        [
            (
                "Managed disk (P10 LRS, 128 GiB tier)",
                "1 months",
                "Storage meterName=P10 LRS Disk productName=Premium SSD Managed Disks skuName=P10 LRS",
            ),
        ],
    ),
    Case(
        "aks",
        "azurerm_kubernetes_cluster",
        {"sku_tier": "Standard", "default_node_pool": [{"vm_size": "Standard_D4s_v5", "node_count": 3}]},
        [
            (
                "Cluster management (Standard tier)",
                "730 hours",
                "Azure Kubernetes Service meterName=Standard Uptime SLA skuName=Standard",
            ),
            (
                "Node pool VMs (Linux, pay-as-you-go, Standard_D4s_v5)",
                "2190 hours",
                "Virtual Machines armSkuName=Standard_D4s_v5 os=Linux",
            ),
            (
                "Node OS disks (P10 LRS, 128 GiB tier)",
                "3 months",
                "Storage meterName=P10 LRS Disk productName=Premium SSD Managed Disks skuName=P10 LRS",
            ),
        ],
    ),
    Case(
        "aks eph",
        "azurerm_kubernetes_cluster",
        {"default_node_pool": [{"vm_size": "Standard_D4s_v5", "os_disk_type": "Ephemeral", "priority": "Spot"}]},
        [
            (
                "Node pool VMs (Linux, spot, Standard_D4s_v5)",
                "2920 hours",
                "Virtual Machines armSkuName=Standard_D4s_v5 os=Linux spot",
            ),
        ],
        usage={"nodes": 4},
    ),
]

test_table = table_test(CASES)
