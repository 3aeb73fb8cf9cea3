"""Table tests: costlib.resources.azure.scale_sets (scale sets and node pools are billed as their VMs and disks)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

D2 = "Virtual Machines armSkuName=Standard_D2s_v5 os={}"
D2V3 = "Virtual Machines armSkuName=Standard_D2s_v3 os={}"
P4 = "Storage meterName=P4 LRS Disk productName=Premium SSD Managed Disks skuName=P4 LRS"
P10 = "Storage meterName=P10 LRS Disk productName=Premium SSD Managed Disks skuName=P10 LRS"
S = "Storage meterName={0} LRS Disk{1} productName=Standard HDD Managed Disks skuName={0} LRS"

CASES = [
    Case("linux scale set: 3 instances, each with a P4 OS disk", "azurerm_linux_virtual_machine_scale_set",
         {"sku": "Standard_D2s_v5", "instances": 3}, [
             ("Instances (Linux, pay-as-you-go, Standard_D2s_v5)", "2190 hours", D2.format("Linux")),
             ("OS disks (P4 LRS, 32 GiB tier)", "3 months", P4),
         ]),
    Case("linux scale set with no instances set: Azure's default is 0", "azurerm_linux_virtual_machine_scale_set",
         {"sku": "Standard_D2s_v5"}, [
             ("Instances (Linux, pay-as-you-go, Standard_D2s_v5)", "0 hours", D2.format("Linux")),
             ("OS disks (P4 LRS, 32 GiB tier)", "0 months", P4),
         ]),
    Case("linux scale set: usage instances, spot, data disks", "azurerm_linux_virtual_machine_scale_set",
         {"sku": "Standard_D2s_v5", "instances": 1, "priority": "Spot",
          "data_disk": [{"storage_account_type": "Standard_LRS", "disk_size_gb": 100}]}, [
             ("Instances (Linux, spot, Standard_D2s_v5)", "7300 hours", f"{D2.format('Linux')} spot"),
             ("OS disks (P4 LRS, 32 GiB tier)", "10 months", P4),
             ("Data disk 1 (S10 LRS, 128 GiB tier)", "10 months", S.format("S10", "")),
             ("Data disk 1 operations (S10 LRS)", "100 10K operations", S.format("S10", " Operations")),
         ], usage={"instances": 10, "data_disk": {"monthly_disk_operations": 100_000}}),
    Case("windows scale set: Windows rate, 127 GiB P10 OS disks", "azurerm_windows_virtual_machine_scale_set",
         {"sku": "Standard_D2s_v5", "instances": 2}, [
             ("Instances (Windows, pay-as-you-go, Standard_D2s_v5)", "1460 hours", D2.format("Windows")),
             ("OS disks (P10 LRS, 128 GiB tier)", "2 months", P10),
         ]),
    Case("windows scale set with Hybrid Benefit, reserved 1 year", "azurerm_windows_virtual_machine_scale_set",
         {"sku": "Standard_D2s_v5", "instances": 2, "license_type": "Windows_Server"}, [
             ("Instances (Windows, Azure Hybrid Benefit, reserved 1 year, Standard_D2s_v5)",
              "0.1666666666666666666666666667 terms", f"{D2.format('Linux')} reserved term=1 Year unit=Term"),
             ("OS disks (P10 LRS, 128 GiB tier)", "2 months", P10),
         ], usage={"reserved_instance_term": "1_year"}),
    Case("legacy vm: Linux profile, Premium OS disk of 30 GiB", "azurerm_virtual_machine",
         {"vm_size": "Standard_D2s_v3", "storage_os_disk": [{"managed_disk_type": "Premium_LRS"}],
          "os_profile_linux_config": [{"disable_password_authentication": True}]}, [
             ("Virtual machine (Linux, pay-as-you-go, Standard_D2s_v3)", "730 hours", D2V3.format("Linux")),
             ("OS disk (P4 LRS, 32 GiB tier)", "1 months", P4),
         ]),
    Case("legacy vm: Windows profile, Standard HDD OS disk by default, a data disk", "azurerm_virtual_machine",
         {"vm_size": "Standard_D2s_v3", "storage_os_disk": [{"name": "os"}],
          "storage_data_disk": [{"managed_disk_type": "Premium_LRS", "disk_size_gb": 512}],
          "os_profile_windows_config": [{}]}, [
             ("Virtual machine (Windows, pay-as-you-go, Standard_D2s_v3)", "730 hours", D2V3.format("Windows")),
             ("OS disk (S10 LRS, 128 GiB tier)", "1 months", S.format("S10", "")),
             ("OS disk operations (S10 LRS)", "? 10K operations", S.format("S10", " Operations")),
             ("Data disk 1 (P20 LRS, 512 GiB tier)", "1 months",
              "Storage meterName=P20 LRS Disk productName=Premium SSD Managed Disks skuName=P20 LRS"),
         ], usage={"monthly_hrs": 730}),
    Case("legacy vm: a Windows Server image with Hybrid Benefit; an attached disk is priced on its own",
         "azurerm_virtual_machine",
         {"vm_size": "Standard_D2s_v3", "license_type": "Windows_Server",
          "storage_image_reference": [{"publisher": "MicrosoftWindowsServer", "offer": "WindowsServer"}],
          "storage_os_disk": [{"managed_disk_type": "Premium_LRS", "disk_size_gb": 127}],
          "storage_data_disk": [{"create_option": "Attach"}]}, [
             ("Virtual machine (Windows, Azure Hybrid Benefit, pay-as-you-go, Standard_D2s_v3)", "730 hours",
              D2V3.format("Linux")),
             ("OS disk (P10 LRS, 128 GiB tier)", "1 months", P10),
         ]),
    Case("legacy vm: unmanaged VHD OS disk is not modelled", "azurerm_virtual_machine",
         {"vm_size": "Standard_D2s_v3", "storage_os_disk": [{"vhd_uri": "https://a.blob.core.windows.net/v/os.vhd"}]},
         [
             ("Virtual machine (Linux, pay-as-you-go, Standard_D2s_v3)", "730 hours", D2V3.format("Linux")),
             ("OS disk (unmanaged VHD)", "?", "not modelled"),
         ]),
    Case("legacy scale set: sku.capacity instances, Windows profile", "azurerm_virtual_machine_scale_set",
         {"sku": [{"name": "Standard_D2s_v3", "tier": "Standard", "capacity": 2}],
          "storage_profile_os_disk": [{"managed_disk_type": "Premium_LRS"}],
          "storage_profile_data_disk": [{"managed_disk_type": "Standard_LRS", "disk_size_gb": 32}],
          "os_profile_windows_config": [{}]}, [
             ("Instances (Windows, pay-as-you-go, Standard_D2s_v3)", "1460 hours", D2V3.format("Windows")),
             ("OS disk (P10 LRS, 128 GiB tier)", "2 months", P10),
             ("Data disk 1 (S4 LRS, 32 GiB tier)", "2 months", S.format("S4", "")),
             ("Data disk 1 operations (S4 LRS)", "20 10K operations", S.format("S4", " Operations")),
         ], usage={"storage_profile_data_disk": {"monthly_disk_operations": 100_000}}),
    Case("legacy scale set: spot, instances from usage", "azurerm_virtual_machine_scale_set",
         {"sku": [{"name": "Standard_D2s_v3", "capacity": 1}], "priority": "Spot",
          "storage_profile_os_disk": [{"managed_disk_type": "StandardSSD_LRS", "disk_size_gb": 64}]}, [
             ("Instances (Linux, spot, Standard_D2s_v3)", "2920 hours", f"{D2V3.format('Linux')} spot"),
             ("OS disk (E6 LRS, 64 GiB tier)", "4 months",
              "Storage meterName=E6 LRS Disk productName=Standard SSD Managed Disks skuName=E6 LRS"),
             ("OS disk operations (E6 LRS)", "? 10K operations",
              "Storage meterName=E6 LRS Disk Operations productName=Standard SSD Managed Disks skuName=E6 LRS"),
         ], usage={"instances": 4}),
    Case("aks node pool: 3 Linux nodes with P10 OS disks", "azurerm_kubernetes_cluster_node_pool",
         {"vm_size": "Standard_D4s_v5", "node_count": 3}, [
             ("Node pool VMs (Linux, pay-as-you-go, Standard_D4s_v5)", "2190 hours",
              "Virtual Machines armSkuName=Standard_D4s_v5 os=Linux"),
             ("Node pool OS disks (P10 LRS, 128 GiB tier)", "3 months", P10),
         ]),
    Case("aks node pool: Windows spot nodes from usage, ephemeral OS disks", "azurerm_kubernetes_cluster_node_pool",
         {"vm_size": "Standard_D4s_v5", "os_type": "Windows", "priority": "Spot", "os_disk_type": "Ephemeral",
          "min_count": 1}, [
             ("Node pool VMs (Windows, spot, Standard_D4s_v5)", "3650 hours",
              "Virtual Machines armSkuName=Standard_D4s_v5 os=Windows spot"),
         ], usage={"nodes": 5}),
    Case("aks node pool: autoscaling from min_count with 64 GiB OS disks", "azurerm_kubernetes_cluster_node_pool",
         {"vm_size": "Standard_D4s_v5", "min_count": 2, "max_count": 10, "os_disk_size_gb": 64}, [
             ("Node pool VMs (Linux, pay-as-you-go, Standard_D4s_v5)", "1460 hours",
              "Virtual Machines armSkuName=Standard_D4s_v5 os=Linux"),
             ("Node pool OS disks (P6 LRS, 64 GiB tier)", "2 months",
              "Storage meterName=P6 LRS Disk productName=Premium SSD Managed Disks skuName=P6 LRS"),
         ]),
]

test_table = table_test(CASES)


def _price(rtype: str, attrs: dict[str, object]) -> None:
    part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus",
                              attributes=attrs)).parts[0]
    part.rtype.price(part.inputs, part.usage)


def test_low_priority_legacy_scale_set_is_refused() -> None:
    with pytest.raises(InputError, match="Low is retired"):
        _price("azurerm_virtual_machine_scale_set", {"sku": [{"name": "Standard_D2s_v3"}], "priority": "Low"})


def test_legacy_data_disk_without_size_is_refused_unless_attached() -> None:
    with pytest.raises(InputError, match=r"storage_data_disk\[0\].disk_size_gb"):
        _price("azurerm_virtual_machine", {"vm_size": "Standard_D2s_v3", "storage_data_disk": [{"lun": 0}]})
