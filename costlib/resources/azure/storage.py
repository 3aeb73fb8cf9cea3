"""Azure Storage services inside a storage account: queues, file shares and tables; lifecycle policies.

Billed per GB stored a month and per 10,000 operations, at the account's redundancy. Pricing:
https://azure.microsoft.com/pricing/details/storage/queues/, https://azure.microsoft.com/pricing/details/storage/files/
(standard shares per GB used in the Transaction optimized, Hot or Cool tier; premium shares per GiB provisioned),
https://azure.microsoft.com/pricing/details/storage/tables/, https://azure.microsoft.com/pricing/details/storage/blobs/
(lifecycle management). A queue, share or table does not say its account's redundancy: the usage key
``account_replication_type`` does (default LRS, the provider's default for a new account).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AzureInputs, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_storage_management_policy", "azurerm_storage_queue", "azurerm_storage_share",
           "azurerm_storage_table"]

_TEN_K = Decimal(10_000)
#: Terraform's replication names -> the Retail Prices API's
_REDUNDANCY = {"LRS": "LRS", "ZRS": "ZRS", "GRS": "GRS", "RAGRS": "RA-GRS", "GZRS": "GZRS", "RAGZRS": "RA-GZRS"}
Replication = Annotated[str, choice(*_REDUNDANCY, aliases={"RA-GRS": "RAGRS", "RA-GZRS": "RAGZRS"},
                                    what="account replication type")]


def _per_10k(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / _TEN_K


def _ops(name: str, query_meter: str, product: str, sku: str, region: str, value: Decimal | None,
         key: str) -> CostComponent:
    return usage_based(name, azure("Storage", region, productName=product, skuName=sku, meterName=query_meter),
                       _per_10k(value), unit="10K operations", usage_key=key)


class AccountUsage(Usage):
    account_replication_type: Replication = usage_key(
        "Replication of the storage account holding it (LRS, ZRS, GRS, RAGRS, GZRS, RAGZRS)", unit="",
        default="LRS")
    storage_gb: GB | None = usage_key("Data stored", unit="GB")


# --- queues ----------------------------------------------------------------------------------------------
class QueueUsage(AccountUsage):
    monthly_class_1_operations: Quantity | None = usage_key(
        "Class 1 operations a month (create queue, put message ...)", unit="operations")
    monthly_class_2_operations: Quantity | None = usage_key(
        "Class 2 operations a month (get and peek messages, and the rest)", unit="operations")


class StorageQueue(AzureInputs):
    pass


@resource("azurerm_storage_queue", example={})
def azurerm_storage_queue(i: StorageQueue, u: QueueUsage) -> list[CostComponent]:
    """A queue (general-purpose v2 account): GB stored and class 1 / class 2 operations from usage, at the
    account's redundancy (usage ``account_replication_type``, default LRS).

    Pricing: https://azure.microsoft.com/pricing/details/storage/queues/
    """
    red = _REDUNDANCY[u.account_replication_type]
    sku, product = f"Standard {red}", "Queues v2"
    geo = {"RA-GRS": "GRS", "RA-GZRS": "GZRS"}.get(red, red)
    class2 = "Class 2 Operations" if red in ("LRS", "GRS", "RA-GRS") else "ZRS Class 2 Operations"
    return [
        usage_based(f"Capacity ({red})", azure("Storage", i.region, productName=product, skuName=sku,
                                               meterName=f"{red} Data Stored"),
                    u.storage_gb, unit="GB", usage_key="storage_gb"),
        _ops(f"Class 1 operations ({red})", f"{geo} Class 1 Operations", product, sku, i.region,
             u.monthly_class_1_operations, "monthly_class_1_operations"),
        _ops(f"Class 2 operations ({red})", class2, product, sku, i.region, u.monthly_class_2_operations,
             "monthly_class_2_operations"),
    ]


# --- tables ----------------------------------------------------------------------------------------------
class TableUsage(AccountUsage):
    monthly_write_operations: Quantity | None = usage_key("Write operations a month", unit="operations")
    monthly_batch_write_operations: Quantity | None = usage_key("Batch write operations a month", unit="operations")
    monthly_read_operations: Quantity | None = usage_key("Read operations a month", unit="operations")
    monthly_scan_operations: Quantity | None = usage_key("Scan operations a month", unit="operations")
    monthly_list_operations: Quantity | None = usage_key("List operations a month", unit="operations")
    monthly_delete_operations: Quantity | None = usage_key("Delete operations a month", unit="operations")


class StorageTable(AzureInputs):
    pass


@resource("azurerm_storage_table", example={})
def azurerm_storage_table(i: StorageTable, u: TableUsage) -> list[CostComponent]:
    """A table: GB stored and operations (write, batch write, read, scan, list, delete) from usage, at the
    account's redundancy (usage ``account_replication_type``, default LRS).

    Pricing: https://azure.microsoft.com/pricing/details/storage/tables/
    """
    red = _REDUNDANCY[u.account_replication_type]
    sku, product = f"Standard {red}", "Tables"
    geo = {"RA-GRS": "GRS ", "GRS": "GRS ", "GZRS": "GZRS ", "RA-GZRS": "GZRS "}.get(red, "")
    out = [usage_based(f"Capacity ({red})", azure("Storage", i.region, productName=product, skuName=sku,
                                                  meterName=f"{red} Data Stored"),
                       u.storage_gb, unit="GB", usage_key="storage_gb")]
    for label, meter, value, key in (
            ("Write operations", f"{geo}Write Operations", u.monthly_write_operations, "monthly_write_operations"),
            ("Batch write operations", f"{geo}Batch Write Operations", u.monthly_batch_write_operations,
             "monthly_batch_write_operations"),
            ("Read operations", "Read Operations", u.monthly_read_operations, "monthly_read_operations"),
            ("Scan operations", "Scan Operations", u.monthly_scan_operations, "monthly_scan_operations"),
            ("List operations", "List Operations", u.monthly_list_operations, "monthly_list_operations"),
            ("Delete operations", "Delete Operations", u.monthly_delete_operations, "monthly_delete_operations")):
        out.append(_ops(f"{label} ({red})", meter, product, sku, i.region, value, key))
    return out


# --- file shares -----------------------------------------------------------------------------------------
class ShareUsage(AccountUsage):
    snapshots_storage_gb: GB | None = usage_key("Share snapshots stored (differential)", unit="GB")
    metadata_at_rest_storage_gb: GB | None = usage_key("Metadata stored (Hot and Cool tiers)", unit="GB")
    monthly_write_operations: Quantity | None = usage_key("Write operations a month", unit="operations")
    monthly_list_operations: Quantity | None = usage_key("List operations a month", unit="operations")
    monthly_read_operations: Quantity | None = usage_key("Read operations a month", unit="operations")
    monthly_other_operations: Quantity | None = usage_key("Other (protocol) operations a month", unit="operations")
    monthly_data_retrieval_gb: GB | None = usage_key("Data read from the Cool tier a month", unit="GB")


class StorageShare(AzureInputs):
    quota: GB = Decimal(5120)
    access_tier: Annotated[str, choice("TransactionOptimized", "Hot", "Cool", "Premium")] = "TransactionOptimized"


def _standard_share(region: str, tier: str, red: str, u: ShareUsage) -> list[CostComponent]:
    if red not in ("LRS", "ZRS", "GRS", "GZRS"):
        raise InputError(f"Azure Files has no {red} redundancy (LRS, ZRS, GRS or GZRS)")
    product = "Files v2"
    zonal = red in ("ZRS", "GZRS")
    if tier == "TransactionOptimized":
        sku, head = f"Standard {red}", ""
        write, listing = f"{red} Write Operations", f"{red} List Operations" if zonal else "List Operations"
        read = f"{red} Read Operations" if zonal else "Read Operations"
        other = f"{red} Protocol Operations" if zonal else "Protocol Operations"
    else:
        sku, head = f"{tier} {red}", f"{tier} "
        write, listing, read = f"{tier} {red} Write Operations", f"{tier} {red} List Operations", f"{tier} Read Operations"
        other = f"{tier} GZRS Other Operations" if red == "GZRS" else f"{tier} Other Operations"
    stored = azure("Storage", region, productName=product, skuName=sku, meterName=f"{head}{red} Data Stored")
    shown = f"{'Transaction optimized' if tier == 'TransactionOptimized' else tier} {red}"
    out = [usage_based(f"Data at rest ({shown})", stored, u.storage_gb, unit="GB", usage_key="storage_gb"),
           usage_based(f"Snapshots ({shown})", stored, u.snapshots_storage_gb, unit="GB",
                       usage_key="snapshots_storage_gb")]
    if tier != "TransactionOptimized":
        out.append(usage_based(f"Metadata at rest ({shown})",
                               azure("Storage", region, productName=product, skuName=sku, meterName=f"{red} Metadata"),
                               u.metadata_at_rest_storage_gb, unit="GB", usage_key="metadata_at_rest_storage_gb"))
    for label, meter, value, key in (("Write operations", write, u.monthly_write_operations, "monthly_write_operations"),
                                     ("List operations", listing, u.monthly_list_operations, "monthly_list_operations"),
                                     ("Read operations", read, u.monthly_read_operations, "monthly_read_operations"),
                                     ("Other operations", other, u.monthly_other_operations,
                                      "monthly_other_operations")):
        out.append(_ops(f"{label} ({shown})", meter, product, sku, region, value, key))
    if tier == "Cool":
        meter = "Cool GZRS Data Retrieval" if red == "GZRS" else "Cool Data Retrieval"
        out.append(usage_based(f"Data retrieval ({shown})",
                               azure("Storage", region, productName=product, skuName=sku, meterName=meter),
                               u.monthly_data_retrieval_gb, unit="GB", usage_key="monthly_data_retrieval_gb"))
    return out


@resource("azurerm_storage_share", example={"quota": 100, "access_tier": "Hot"})
def azurerm_storage_share(i: StorageShare, u: ShareUsage) -> list[CostComponent]:
    """A file share. Standard tiers (``access_tier`` TransactionOptimized (default), Hot, Cool) bill the GB used,
    snapshots, metadata and operations from usage; Premium bills the provisioned ``quota`` (at least 100 GiB)
    plus snapshots. Redundancy from usage ``account_replication_type`` (default LRS).

    Pricing: https://azure.microsoft.com/pricing/details/storage/files/
    """
    red = _REDUNDANCY[u.account_replication_type]
    if i.access_tier != "Premium":
        return _standard_share(i.region, i.access_tier, red, u)
    if red not in ("LRS", "ZRS"):
        raise InputError(f"premium file shares are LRS or ZRS, not {red}")
    sku = f"Premium {red}"
    quota = max(i.quota, Decimal(100))
    return [
        monthly(f"Provisioned capacity (Premium {red}, {quota} GiB)",
                azure("Storage", i.region, productName="Premium Files", skuName=sku, meterName=f"{sku} Provisioned"),
                quota, unit="GiB"),
        usage_based(f"Snapshots (Premium {red})",
                    azure("Storage", i.region, productName="Premium Files", skuName=sku, meterName=f"{sku} Snapshots"),
                    u.snapshots_storage_gb, unit="GB", usage_key="snapshots_storage_gb"),
    ]


# --- lifecycle management --------------------------------------------------------------------------------
class PolicyUsage(Usage):
    monthly_lifecycle_transactions: Quantity | None = usage_key(
        "Objects a lifecycle policy acts on a month (tier changes and deletes)", unit="transactions")


class ManagementPolicy(AzureInputs):
    pass


@resource("azurerm_storage_management_policy", example={})
def azurerm_storage_management_policy(i: ManagementPolicy, u: PolicyUsage) -> list[CostComponent]:
    """A lifecycle management policy: lifecycle transactions per 10,000 from usage. The tier changes it makes are
    also billed on the account as write operations of the destination tier.

    Pricing: https://azure.microsoft.com/pricing/details/storage/blobs/
    """
    return [usage_based("Lifecycle transactions",
                        azure("Storage", i.region, productName="Blob Lifecycle Management", skuName="Standard",
                              meterName="Standard Lifecycle Transactions"),
                        _per_10k(u.monthly_lifecycle_transactions), unit="10K transactions",
                        usage_key="monthly_lifecycle_transactions")]
