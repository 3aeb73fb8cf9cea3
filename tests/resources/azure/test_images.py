"""Table tests: costlib.resources.azure.images (snapshots and images billed per GB used at the snapshot rate)."""

from tests.resources.table import Case, table_test

SNAP = "Storage meterName={0} Snapshots productName=Standard HDD Managed Disks skuName=Snapshots {0}"

CASES = [
    Case("snapshot: billed on the used size from usage", "azurerm_snapshot", {"disk_size_gb": 128}, [
        ("Snapshot storage (full, LRS)", "40 GB", SNAP.format("LRS")),
    ], usage={"storage_gb": 40}),
    Case("incremental snapshot without usage: price per GB", "azurerm_snapshot", {"incremental_enabled": True}, [
        ("Snapshot storage (incremental, LRS)", "? GB", SNAP.format("LRS")),
    ]),
    Case("image: OS and data disk sizes", "azurerm_image",
         {"os_disk": [{"os_type": "Linux", "size_gb": 30}], "data_disk": [{"size_gb": 100}]}, [
             ("Image storage (LRS)", "130 GB", SNAP.format("LRS")),
         ]),
    Case("zone-resilient image without sizes: usage-based ZRS", "azurerm_image",
         {"zone_resilient": True, "os_disk": [{"os_type": "Windows"}]}, [
             ("Image storage (ZRS)", "? GB", SNAP.format("ZRS")),
         ]),
]

test_table = table_test(CASES)
