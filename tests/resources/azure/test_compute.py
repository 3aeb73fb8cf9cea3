"""Table tests: costlib.resources.azure.compute (rows follow the VM, managed-disk and AKS pricing pages)."""

from tests.resources.table import Case, table_test

VM = "Virtual Machines armSkuName=Standard_D2s_v5 os=Linux"
P4 = "Storage meterName=P4 LRS Disk productName=Premium SSD Managed Disks skuName=P4 LRS"
P10 = "Storage meterName=P10 LRS Disk productName=Premium SSD Managed Disks skuName=P10 LRS"
V2 = "Storage meterName=Premium LRS Provisioned {} productName=Azure Premium SSD v2 skuName=Premium LRS"
ULTRA = "Storage meterName=Ultra LRS Provisioned {} productName=Ultra Disks skuName=Ultra LRS"

CASES = [
    Case("linux vm: pay-as-you-go, 30 GiB Premium OS disk is a P4", "azurerm_linux_virtual_machine",
         {"size": "Standard_D2s_v5"}, [
             ("Virtual machine (Linux, pay-as-you-go, Standard_D2s_v5)", "730 hours", VM),
             ("OS disk (P4 LRS, 32 GiB tier)", "1 months", P4),
         ]),
    Case("windows vm with Azure Hybrid Benefit: the Linux rate; Standard SSD bills transactions",
         "azurerm_windows_virtual_machine",
         {"size": "Standard_D2s_v5", "license_type": "Windows_Server",
          "os_disk": [{"storage_account_type": "StandardSSD_LRS"}]}, [
             ("Virtual machine (Windows, Azure Hybrid Benefit, pay-as-you-go, Standard_D2s_v5)", "730 hours", VM),
             ("OS disk (E10 LRS, 128 GiB tier)", "1 months",
              "Storage meterName=E10 LRS Disk productName=Standard SSD Managed Disks skuName=E10 LRS"),
             ("OS disk operations (E10 LRS)", "200 10K operations",
              "Storage meterName=E10 LRS Disk Operations productName=Standard SSD Managed Disks skuName=E10 LRS"),
         ], usage={"os_disk": {"monthly_disk_operations": 2_000_000}}),
    Case("windows vm, licence included: the Windows rate and a 127 GiB P10", "azurerm_windows_virtual_machine",
         {"size": "Standard_D2s_v5"}, [
             ("Virtual machine (Windows, pay-as-you-go, Standard_D2s_v5)", "730 hours",
              "Virtual Machines armSkuName=Standard_D2s_v5 os=Windows"),
             ("OS disk (P10 LRS, 128 GiB tier)", "1 months", P10),
         ]),
    Case("spot vm for 100 hours", "azurerm_linux_virtual_machine",
         {"size": "Standard_D2s_v5", "priority": "Spot"}, [
             ("Virtual machine (Linux, spot, Standard_D2s_v5)", "100 hours", f"{VM} spot"),
             ("OS disk (P4 LRS, 32 GiB tier)", "1 months", P4),
         ], usage={"monthly_hrs": 100}),
    Case("reserved 3 years: a 36th of the term's price each month, running or not", "azurerm_linux_virtual_machine",
         {"size": "Standard_D2s_v5"}, [
             ("Virtual machine (Linux, reserved 3 years, Standard_D2s_v5)", "0.02777777777777777777777777778 terms",
              f"{VM} reserved term=3 Years unit=Term"),
             ("OS disk (P4 LRS, 32 GiB tier)", "1 months", P4),
         ], usage={"reserved_instance_term": "3_year", "monthly_hrs": 200}),
    Case("savings plan 1 year: hourly at the plan rate", "azurerm_linux_virtual_machine",
         {"size": "Standard_D2s_v5"}, [
             ("Virtual machine (Linux, savings plan 1 year, Standard_D2s_v5)", "730 hours",
              f"{VM} savings_plan term=1 Year"),
             ("OS disk (P4 LRS, 32 GiB tier)", "1 months", P4),
         ], usage={"savings_plan_term": "1_year"}),
    Case("managed disk: 100 GiB Premium rounds up to P10", "azurerm_managed_disk",
         {"storage_account_type": "premium_lrs", "disk_size_gb": 100}, [
             ("Managed disk (P10 LRS, 128 GiB tier)", "1 months", P10),
         ]),
    Case("managed disk: Standard HDD starts at S4 (32 GiB); transactions without usage", "azurerm_managed_disk",
         {"disk_size_gb": 10}, [
             ("Managed disk (S4 LRS, 32 GiB tier)", "1 months",
              "Storage meterName=S4 LRS Disk productName=Standard HDD Managed Disks skuName=S4 LRS"),
             ("Managed disk operations (S4 LRS)", "? 10K operations",
              "Storage meterName=S4 LRS Disk Operations productName=Standard HDD Managed Disks skuName=S4 LRS"),
         ]),
    Case("premium ssd v2 at the free baseline: capacity only", "azurerm_managed_disk",
         {"storage_account_type": "PremiumV2_LRS", "disk_size_gb": 500}, [
             ("Managed disk (Premium SSD v2, 500 GiB)", "365000 GiB-hours", V2.format("Capacity")),
         ]),
    Case("premium ssd v2: IOPS above 3,000 and MB/s above 125", "azurerm_managed_disk",
         {"storage_account_type": "PremiumV2_LRS", "disk_size_gb": 100, "disk_iops_read_write": 5000,
          "disk_mbps_read_write": 200}, [
             ("Managed disk (Premium SSD v2, 100 GiB)", "73000 GiB-hours", V2.format("Capacity")),
             ("Managed disk IOPS above 3,000 (Premium SSD v2)", "1460000 IOPS-hours", V2.format("IOPS")),
             ("Managed disk throughput above 125 MB/s (Premium SSD v2)", "54750 MBps-hours",
              V2.format("Throughput (MBps)")),
         ]),
    Case("ultra disk: every GiB, IOPS and MB/s billed", "azurerm_managed_disk",
         {"storage_account_type": "UltraSSD_LRS", "disk_size_gb": 64, "disk_iops_read_write": 2000,
          "disk_mbps_read_write": 100}, [
             ("Managed disk (Ultra, 64 GiB)", "46720 GiB-hours", ULTRA.format("Capacity")),
             ("Managed disk IOPS (Ultra)", "1460000 IOPS-hours", ULTRA.format("IOPS")),
             ("Managed disk throughput (Ultra)", "73000 MBps-hours", ULTRA.format("Throughput (MBps)")),
         ]),
    Case("ultra disk without IOPS or MB/s: Azure's size-based default is not modelled", "azurerm_managed_disk",
         {"storage_account_type": "UltraSSD_LRS", "disk_size_gb": 64}, [
             ("Managed disk (Ultra, 64 GiB)", "46720 GiB-hours", ULTRA.format("Capacity")),
             ("Managed disk IOPS (Ultra)", "?", "not modelled"),
             ("Managed disk throughput (Ultra)", "?", "not modelled"),
         ]),
    Case("premium P30 with on-demand bursting: enablement fee and burst transactions", "azurerm_managed_disk",
         {"storage_account_type": "Premium_LRS", "disk_size_gb": 1024, "on_demand_bursting_enabled": True}, [
             ("Managed disk (P30 LRS, 1024 GiB tier)", "1 months",
              "Storage meterName=P30 LRS Disk productName=Premium SSD Managed Disks skuName=P30 LRS"),
             ("Managed disk bursting enablement (LRS)", "1 months",
              "Storage meterName=LRS Burst Enablement productName=Premium SSD Managed Disks "
              "skuName=Burst Enablement LRS"),
             ("Managed disk burst transactions (LRS)", "50 10K transactions",
              "Storage meterName=LRS Burst Transactions productName=Premium SSD Managed Disks "
              "skuName=Burst Transactions LRS"),
         ], usage={"monthly_burst_transactions": 500_000}),
    Case("shared premium disk: mounts not modelled", "azurerm_managed_disk",
         {"storage_account_type": "Premium_LRS", "disk_size_gb": 256, "max_shares": 2}, [
             ("Managed disk (P15 LRS, 256 GiB tier)", "1 months",
              "Storage meterName=P15 LRS Disk productName=Premium SSD Managed Disks skuName=P15 LRS"),
             ("Shared disk mounts (2 max shares)", "?", "not modelled"),
         ]),
    Case("aks standard tier, 3 nodes with Premium P10 OS disks", "azurerm_kubernetes_cluster",
         {"sku_tier": "Standard", "default_node_pool": [{"vm_size": "Standard_D4s_v5", "node_count": 3}]}, [
             ("Cluster management (Standard tier)", "730 hours",
              "Azure Kubernetes Service meterName=Standard Uptime SLA skuName=Standard"),
             ("Node pool VMs (Linux, pay-as-you-go, Standard_D4s_v5)", "2190 hours",
              "Virtual Machines armSkuName=Standard_D4s_v5 os=Linux"),
             ("Node OS disks (P10 LRS, 128 GiB tier)", "3 months", P10),
         ]),
    Case("aks free tier, ephemeral OS disks and spot nodes from usage", "azurerm_kubernetes_cluster",
         {"default_node_pool": [{"vm_size": "Standard_D4s_v5", "os_disk_type": "Ephemeral", "priority": "Spot"}]}, [
             ("Node pool VMs (Linux, spot, Standard_D4s_v5)", "2920 hours",
              "Virtual Machines armSkuName=Standard_D4s_v5 os=Linux spot"),
         ], usage={"nodes": 4}),
    Case("aks premium tier, autoscaling from min_count; a size without premium storage gets Standard SSD",
         "azurerm_kubernetes_cluster",
         {"sku_tier": "Premium", "default_node_pool": [{"vm_size": "Standard_D4_v3", "min_count": 2,
                                                         "os_disk_size_gb": 64}]}, [
             ("Cluster management (Premium tier)", "730 hours",
              "Azure Kubernetes Service meterName=Premium Uptime SLA skuName=Premium"),
             ("Node pool VMs (Linux, pay-as-you-go, Standard_D4_v3)", "2920 hours",
              "Virtual Machines armSkuName=Standard_D4_v3 os=Linux"),
             ("Node OS disks (E6 LRS, 64 GiB tier)", "4 months",
              "Storage meterName=E6 LRS Disk productName=Standard SSD Managed Disks skuName=E6 LRS"),
             ("Node OS disks operations (E6 LRS)", "? 10K operations",
              "Storage meterName=E6 LRS Disk Operations productName=Standard SSD Managed Disks skuName=E6 LRS"),
         ], usage={"default_node_pool": {"nodes": 4}}),
]

test_table = table_test(CASES)


def _price(rtype: str, attrs: dict[str, object]) -> None:
    from costlib.inputs.typed import parse
    from costlib.models import ResourceSpec

    part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus",
                              attributes=attrs)).parts[0]
    part.rtype.price(part.inputs, part.usage)


def test_an_ultra_os_disk_is_refused_as_azure_refuses_it() -> None:
    import pytest

    from costlib.errors import InputError

    with pytest.raises(InputError, match="unknown OS disk storage account type 'UltraSSD_LRS'"):
        _price("azurerm_linux_virtual_machine", {"size": "Standard_D2s_v5",
                                                 "os_disk": [{"storage_account_type": "UltraSSD_LRS"}]})


def test_bursting_below_p30_is_refused() -> None:
    import pytest

    from costlib.errors import InputError

    with pytest.raises(InputError, match="P30"):
        _price("azurerm_managed_disk", {"storage_account_type": "Premium_LRS", "disk_size_gb": 512,
                                        "on_demand_bursting_enabled": True})


def test_low_priority_vm_is_refused_not_priced_as_regular() -> None:
    import pytest

    from costlib.errors import InputError

    with pytest.raises(InputError, match="Low is retired"):
        _price("azurerm_linux_virtual_machine", {"size": "Standard_D2s_v5", "priority": "Low"})
