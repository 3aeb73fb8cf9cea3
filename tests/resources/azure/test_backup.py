"""Table tests: costlib.resources.azure.backup (https://azure.microsoft.com/pricing/details/backup/).

The instance fee by band (half up to 50 GB, one up to 500 GB, one per started 500 GB) plus storage by redundancy.
"""

from tests.resources.table import Case, table_test

PI = "Backup meterName=Azure VM Protected Instance productName=Backup"
ST = "Backup meterName=Standard {r} Data Stored productName=Backup"

CASES = [
    Case("VM of 30 GB: half an instance, GRS storage", "azurerm_backup_protected_vm", {}, [
        ("Protected instance (up to 50 GB)", "0.5 instances", PI),
        ("Backup storage (GRS)", "40 GB-months", ST.format(r="GRS")),
    ], usage={"protected_data_gb": 30, "storage_gb": 40}),
    Case("VM of exactly 500 GB: one instance", "azurerm_backup_protected_vm", {}, [
        ("Protected instance (50-500 GB)", "1 instances", PI),
        ("Backup storage (LRS)", "? GB-months", ST.format(r="LRS")),
    ], usage={"protected_data_gb": 500, "storage_redundancy": "LocallyRedundant"}),
    Case("VM of 1,200 GB: three instances", "azurerm_backup_protected_vm", {}, [
        ("Protected instance (3 x 500 GB)", "3 instances", PI),
        ("Backup storage (ZRS)", "900 GB-months", ST.format(r="ZRS")),
    ], usage={"protected_data_gb": 1200, "storage_gb": 900, "storage_redundancy": "ZRS"}),
    Case("size unknown: the 50-500 GB band", "azurerm_backup_protected_vm", {}, [
        ("Protected instance (50-500 GB)", "1 instances", PI),
        ("Backup storage (GRS)", "? GB-months", ST.format(r="GRS")),
    ]),
]

test_table = table_test(CASES)
