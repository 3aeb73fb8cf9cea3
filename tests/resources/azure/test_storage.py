"""Table tests: costlib.resources.azure.storage (meters as the Retail Prices API names them for Storage)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

Q = "Storage meterName={} productName=Queues v2 skuName=Standard {}"
T = "Storage meterName={} productName=Tables skuName=Standard {}"
F = "Storage meterName={} productName=Files v2 skuName={}"
TABLE_OPS = ["Write operations", "Batch write operations", "Read operations", "Scan operations", "List operations",
             "Delete operations"]

CASES = [
    Case("queue: LRS, 10 GB and 1M + 2M operations", "azurerm_storage_queue", {}, [
        ("Capacity (LRS)", "10 GB", Q.format("LRS Data Stored", "LRS")),
        ("Class 1 operations (LRS)", "100 10K operations", Q.format("LRS Class 1 Operations", "LRS")),
        ("Class 2 operations (LRS)", "200 10K operations", Q.format("Class 2 Operations", "LRS")),
    ], usage={"storage_gb": 10, "monthly_class_1_operations": 1_000_000, "monthly_class_2_operations": 2_000_000}),
    Case("queue without usage: price per unit", "azurerm_storage_queue", {}, [
        ("Capacity (LRS)", "? GB", Q.format("LRS Data Stored", "LRS")),
        ("Class 1 operations (LRS)", "? 10K operations", Q.format("LRS Class 1 Operations", "LRS")),
        ("Class 2 operations (LRS)", "? 10K operations", Q.format("Class 2 Operations", "LRS")),
    ]),
    Case("queue in an RA-GRS account: GRS operations meters", "azurerm_storage_queue", {}, [
        ("Capacity (RA-GRS)", "1 GB", Q.format("RA-GRS Data Stored", "RA-GRS")),
        ("Class 1 operations (RA-GRS)", "? 10K operations", Q.format("GRS Class 1 Operations", "RA-GRS")),
        ("Class 2 operations (RA-GRS)", "? 10K operations", Q.format("Class 2 Operations", "RA-GRS")),
    ], usage={"account_replication_type": "RAGRS", "storage_gb": 1}),
    Case("queue in a ZRS account", "azurerm_storage_queue", {}, [
        ("Capacity (ZRS)", "? GB", Q.format("ZRS Data Stored", "ZRS")),
        ("Class 1 operations (ZRS)", "? 10K operations", Q.format("ZRS Class 1 Operations", "ZRS")),
        ("Class 2 operations (ZRS)", "1 10K operations", Q.format("ZRS Class 2 Operations", "ZRS")),
    ], usage={"account_replication_type": "zrs", "monthly_class_2_operations": 10_000}),
    Case("table: LRS", "azurerm_storage_table", {}, [
        ("Capacity (LRS)", "50 GB", T.format("LRS Data Stored", "LRS")),
        *[(f"{op} (LRS)", "3 10K operations" if op == "Write operations" else "? 10K operations",
           T.format(op.title().replace("Operations", "Operations"), "LRS")) for op in TABLE_OPS],
    ], usage={"storage_gb": 50, "monthly_write_operations": 30_000}),
    Case("table: GRS writes have their own meters", "azurerm_storage_table", {}, [
        ("Capacity (GRS)", "? GB", T.format("GRS Data Stored", "GRS")),
        ("Write operations (GRS)", "? 10K operations", T.format("GRS Write Operations", "GRS")),
        ("Batch write operations (GRS)", "? 10K operations", T.format("GRS Batch Write Operations", "GRS")),
        ("Read operations (GRS)", "? 10K operations", T.format("Read Operations", "GRS")),
        ("Scan operations (GRS)", "? 10K operations", T.format("Scan Operations", "GRS")),
        ("List operations (GRS)", "? 10K operations", T.format("List Operations", "GRS")),
        ("Delete operations (GRS)", "? 10K operations", T.format("Delete Operations", "GRS")),
    ], usage={"account_replication_type": "GRS"}),
    Case("file share: transaction optimized LRS (the default tier)", "azurerm_storage_share", {"quota": 100}, [
        ("Data at rest (Transaction optimized LRS)", "80 GB", F.format("LRS Data Stored", "Standard LRS")),
        ("Snapshots (Transaction optimized LRS)", "10 GB", F.format("LRS Data Stored", "Standard LRS")),
        ("Write operations (Transaction optimized LRS)", "10 10K operations",
         F.format("LRS Write Operations", "Standard LRS")),
        ("List operations (Transaction optimized LRS)", "? 10K operations", F.format("List Operations", "Standard LRS")),
        ("Read operations (Transaction optimized LRS)", "? 10K operations", F.format("Read Operations", "Standard LRS")),
        ("Other operations (Transaction optimized LRS)", "? 10K operations",
         F.format("Protocol Operations", "Standard LRS")),
    ], usage={"storage_gb": 80, "snapshots_storage_gb": 10, "monthly_write_operations": 100_000}),
    Case("file share: Cool ZRS has metadata and retrieval charges", "azurerm_storage_share",
         {"quota": 1024, "access_tier": "Cool"}, [
             ("Data at rest (Cool ZRS)", "? GB", F.format("Cool ZRS Data Stored", "Cool ZRS")),
             ("Snapshots (Cool ZRS)", "? GB", F.format("Cool ZRS Data Stored", "Cool ZRS")),
             ("Metadata at rest (Cool ZRS)", "? GB", F.format("ZRS Metadata", "Cool ZRS")),
             ("Write operations (Cool ZRS)", "? 10K operations", F.format("Cool ZRS Write Operations", "Cool ZRS")),
             ("List operations (Cool ZRS)", "? 10K operations", F.format("Cool ZRS List Operations", "Cool ZRS")),
             ("Read operations (Cool ZRS)", "? 10K operations", F.format("Cool Read Operations", "Cool ZRS")),
             ("Other operations (Cool ZRS)", "? 10K operations", F.format("Cool Other Operations", "Cool ZRS")),
             ("Data retrieval (Cool ZRS)", "20 GB", F.format("Cool Data Retrieval", "Cool ZRS")),
         ], usage={"account_replication_type": "ZRS", "monthly_data_retrieval_gb": 20}),
    Case("file share: Hot GRS", "azurerm_storage_share", {"quota": 50, "access_tier": "Hot"}, [
        ("Data at rest (Hot GRS)", "5 GB", F.format("Hot GRS Data Stored", "Hot GRS")),
        ("Snapshots (Hot GRS)", "? GB", F.format("Hot GRS Data Stored", "Hot GRS")),
        ("Metadata at rest (Hot GRS)", "? GB", F.format("GRS Metadata", "Hot GRS")),
        ("Write operations (Hot GRS)", "? 10K operations", F.format("Hot GRS Write Operations", "Hot GRS")),
        ("List operations (Hot GRS)", "? 10K operations", F.format("Hot GRS List Operations", "Hot GRS")),
        ("Read operations (Hot GRS)", "? 10K operations", F.format("Hot Read Operations", "Hot GRS")),
        ("Other operations (Hot GRS)", "? 10K operations", F.format("Hot Other Operations", "Hot GRS")),
    ], usage={"account_replication_type": "GRS", "storage_gb": 5}),
    Case("file share: Premium bills the provisioned quota", "azurerm_storage_share",
         {"quota": 500, "access_tier": "Premium"}, [
             ("Provisioned capacity (Premium LRS, 500 GiB)", "500 GiB",
              "Storage meterName=Premium LRS Provisioned productName=Premium Files skuName=Premium LRS"),
             ("Snapshots (Premium LRS)", "? GB",
              "Storage meterName=Premium LRS Snapshots productName=Premium Files skuName=Premium LRS"),
         ]),
    Case("file share: Premium below the 100 GiB minimum is billed 100 GiB", "azurerm_storage_share",
         {"quota": 20, "access_tier": "Premium"}, [
             ("Provisioned capacity (Premium ZRS, 100 GiB)", "100 GiB",
              "Storage meterName=Premium ZRS Provisioned productName=Premium Files skuName=Premium ZRS"),
             ("Snapshots (Premium ZRS)", "? GB",
              "Storage meterName=Premium ZRS Snapshots productName=Premium Files skuName=Premium ZRS"),
         ], usage={"account_replication_type": "ZRS"}),
    Case("lifecycle policy: transactions from usage", "azurerm_storage_management_policy", {}, [
        ("Lifecycle transactions", "50 10K transactions",
         "Storage meterName=Standard Lifecycle Transactions productName=Blob Lifecycle Management skuName=Standard"),
    ], usage={"monthly_lifecycle_transactions": 500_000}),
]

test_table = table_test(CASES)


def test_a_file_share_in_an_ra_grs_account_is_refused() -> None:
    spec = ResourceSpec(address="azurerm_storage_share.s", type="azurerm_storage_share", provider="azure",
                        region="eastus", attributes={"quota": 10}, usage={"account_replication_type": "RAGRS"})
    part = parse(spec).parts[0]
    with pytest.raises(InputError, match="no RA-GRS redundancy"):
        part.rtype.price(part.inputs, part.usage)
