"""Azure Cosmos DB: accounts, and the databases, containers, collections, keyspaces, tables and graphs of every
API (NoSQL, MongoDB, Cassandra, Gremlin, Table), and Cosmos DB for PostgreSQL clusters.

Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/ and /serverless/:
provisioned throughput per 100 RU/s per hour (at least 400 RU/s); autoscale per 100 RU/s of the highest
throughput reached each hour (at least 10% of ``max_throughput``; usage ``max_request_units_utilization_percentage``,
default 100); serverless per million RUs consumed; transactional storage per GB a month; throughput and storage
are billed in every region of the account (usage ``account_regions``, default 1: a database does not say its
account's regions). The account's free tier (1,000 RU/s and 25 GB) is per account, so it is not applied here.
Continuous backup with 30-day retention per GB per region, point-in-time restores per GB; periodic backup keeps
two copies free. Cosmos DB for PostgreSQL: https://azure.microsoft.com/pricing/details/cosmos-db/postgresql/.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, monthly, unmodelled, usage_based
from costlib.resources.azure._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    MB,
    AzureInputs,
    Block,
    Blocks,
    Count,
    Model,
    Percent,
    Quantity,
    Usage,
    choice,
    usage_key,
)

__all__ = ["azurerm_cosmosdb_account", "azurerm_cosmosdb_cassandra_keyspace", "azurerm_cosmosdb_cassandra_table",
           "azurerm_cosmosdb_gremlin_database", "azurerm_cosmosdb_gremlin_graph", "azurerm_cosmosdb_mongo_collection",
           "azurerm_cosmosdb_mongo_database", "azurerm_cosmosdb_postgresql_cluster", "azurerm_cosmosdb_sql_container",
           "azurerm_cosmosdb_sql_database", "azurerm_cosmosdb_table", "throughput_components"]

_SERVICE = "Azure Cosmos DB"
_HUNDRED = Decimal(100)


class CosmosUsage(Usage):
    """Infracost's keys for Cosmos DB databases and containers, plus the account's region count."""

    storage_gb: GB | None = usage_key("Transactional storage", unit="GB")
    monthly_serverless_request_units: Quantity | None = usage_key(
        "Request units consumed a month (serverless accounts)", unit="RUs")
    max_request_units_utilization_percentage: Percent | None = usage_key(
        "Autoscale: average of the highest RU/s reached each hour, as % of max_throughput (10-100)", unit="%")
    monthly_analytical_storage_write_operations: Quantity | None = usage_key(
        "Analytical store write operations a month", unit="operations")
    monthly_analytical_storage_read_operations: Quantity | None = usage_key(
        "Analytical store read operations a month", unit="operations")
    monthly_restored_data_gb: GB | None = usage_key("Point-in-time restored data a month", unit="GB")
    account_regions: Count = usage_key("Regions of the account (throughput and storage are billed in each)",
                                       unit="regions", default=1)


class Autoscale(Model):
    max_throughput: Count | None = None


class Throughput(AzureInputs):
    throughput: Count | None = None
    autoscale_settings: Block[Autoscale] = None
    analytical_storage_ttl: int | None = None


def throughput_components(i: Throughput, u: CosmosUsage, *, container: bool) -> list[CostComponent]:
    """Throughput (manual, autoscale or serverless), storage and analytical store of a database or container."""
    regions = Decimal(max(1, u.account_regions))
    out: list[CostComponent] = []
    auto = i.autoscale_settings.max_throughput if i.autoscale_settings else None
    shown = f" x {regions} regions" if regions > 1 else ""
    if auto is not None:
        if auto < 1000 or auto % 1000:
            raise InputError(f"autoscale_settings.max_throughput {auto} must be a multiple of 1,000 RU/s from 1,000")
        pct = u.max_request_units_utilization_percentage
        pct = Decimal(100) if pct is None else min(Decimal(100), max(Decimal(10), pct))
        units = Decimal(auto) * pct / _HUNDRED / _HUNDRED * regions
        out.append(hourly(f"Autoscale throughput ({auto} RU/s max, {pct}% of max{shown})",
                          azure(_SERVICE, i.region, productName="Azure Cosmos DB autoscale", skuName="AP1",
                                meterName="AP1 100 RUs"), units, unit="100 RU/s-hours"))
    elif i.throughput is not None:
        if i.throughput < 400 or i.throughput % 100:
            raise InputError(f"throughput {i.throughput} must be a multiple of 100 RU/s from 400")
        out.append(hourly(f"Provisioned throughput ({i.throughput} RU/s{shown})",
                          azure(_SERVICE, i.region, productName="Azure Cosmos DB", skuName="RUs", meterName="100 RU/s"),
                          Decimal(i.throughput) / _HUNDRED * regions, unit="100 RU/s-hours"))
    else:
        ru = u.monthly_serverless_request_units
        out.append(usage_based("Serverless request units",
                               azure(_SERVICE, i.region, productName="Azure Cosmos DB serverless", skuName="RUs",
                                     meterName="1M RUs"),
                               None if ru is None else ru / Decimal(1_000_000), unit="1M RUs",
                               usage_key="monthly_serverless_request_units",
                               note="without throughput here a container shares its database's (priced there) or "
                                    "the account is serverless"))
    out.append(usage_based(f"Transactional storage{shown}",
                           azure(_SERVICE, i.region, productName="Azure Cosmos DB", skuName="RUs",
                                 meterName="Data Stored"),
                           None if u.storage_gb is None else u.storage_gb * regions, unit="GB",
                           usage_key="storage_gb"))
    if container and i.analytical_storage_ttl is not None and i.analytical_storage_ttl != 0:
        for label, meter, value, key in (
                ("Analytical store write operations", "Write Operations",
                 u.monthly_analytical_storage_write_operations, "monthly_analytical_storage_write_operations"),
                ("Analytical store read operations", "Read Operations",
                 u.monthly_analytical_storage_read_operations, "monthly_analytical_storage_read_operations")):
            out.append(usage_based(label, azure(_SERVICE, i.region, productName="Azure Cosmos DB Analytics Storage",
                                                meterName=meter),
                                   None if value is None else value / Decimal(10_000), unit="10K operations",
                                   usage_key=key))
    return out


@resource("azurerm_cosmosdb_sql_database", example={"throughput": 400})
def azurerm_cosmosdb_sql_database(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A NoSQL database: shared ``throughput`` (per 100 RU/s-hour, at least 400) or ``autoscale_settings``, else
    its containers carry the throughput; storage from usage.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=False)


@resource("azurerm_cosmosdb_mongo_database", example={"throughput": 400})
def azurerm_cosmosdb_mongo_database(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A MongoDB (RU) database: as a NoSQL database.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=False)


@resource("azurerm_cosmosdb_cassandra_keyspace", example={"throughput": 400})
def azurerm_cosmosdb_cassandra_keyspace(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A Cassandra keyspace: as a NoSQL database.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=False)


@resource("azurerm_cosmosdb_gremlin_database", example={"throughput": 400})
def azurerm_cosmosdb_gremlin_database(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A Gremlin database: as a NoSQL database.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=False)


@resource("azurerm_cosmosdb_sql_container", example={"throughput": 400})
def azurerm_cosmosdb_sql_container(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A NoSQL container: dedicated ``throughput`` or ``autoscale_settings``, else serverless RUs from usage
    (or its database's shared throughput, priced there); storage and analytical store from usage.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=True)


@resource("azurerm_cosmosdb_mongo_collection", example={"throughput": 400})
def azurerm_cosmosdb_mongo_collection(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A MongoDB (RU) collection: as a NoSQL container.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=True)


@resource("azurerm_cosmosdb_cassandra_table", example={"throughput": 400})
def azurerm_cosmosdb_cassandra_table(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A Cassandra table: as a NoSQL container.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=True)


@resource("azurerm_cosmosdb_gremlin_graph", example={"throughput": 400})
def azurerm_cosmosdb_gremlin_graph(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A Gremlin graph: as a NoSQL container.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=True)


@resource("azurerm_cosmosdb_table", example={"throughput": 400})
def azurerm_cosmosdb_table(i: Throughput, u: CosmosUsage) -> list[CostComponent]:
    """A Table API table: as a NoSQL container.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    return throughput_components(i, u, container=True)


# --- accounts --------------------------------------------------------------------------------------------
class Backup(Model):
    type: Annotated[str, choice("Periodic", "Continuous")] = "Periodic"
    tier: Annotated[str, choice("Continuous7Days", "Continuous30Days")] | None = None


class GeoLocation(Model):
    location: str | None = None
    zone_redundant: bool = False


class AccountUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored across the account (continuous backup is billed on it)",
                                      unit="GB")
    monthly_restored_data_gb: GB | None = usage_key("Point-in-time restored data a month", unit="GB")
    analytical_storage_gb: GB | None = usage_key("Analytical store data", unit="GB")


class Account(AzureInputs):
    offer_type: Annotated[str, choice("Standard")] = "Standard"
    backup: Block[Backup] = None
    geo_location: Blocks[GeoLocation] = ()
    analytical_storage_enabled: bool = False
    multiple_write_locations_enabled: bool = False
    enable_multiple_write_locations: bool = False


@resource("azurerm_cosmosdb_account", example={"offer_type": "Standard",
                                               "geo_location": [{"location": "eastus", "failover_priority": 0}]})
def azurerm_cosmosdb_account(i: Account, u: AccountUsage) -> list[CostComponent]:
    """A Cosmos DB account: its throughput and storage are priced on its databases and containers. The account
    bills continuous backup with 30-day retention (per GB per region) and point-in-time restores (continuous
    backup, from usage), the analytical store when enabled; periodic backup keeps two copies free. Multi-region writes
    and zone-redundant regions raise the throughput price: not modelled.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/autoscale-provisioned/
    """
    regions = Decimal(max(1, len(i.geo_location)))
    shown = f" x {regions} regions" if regions > 1 else ""
    backup = i.backup or Backup()
    out: list[CostComponent] = []
    if backup.type == "Continuous":
        if (backup.tier or "Continuous30Days") == "Continuous30Days":
            out.append(usage_based(f"Continuous backup, 30 days{shown}",
                                   azure(_SERVICE, i.region, productName="Azure Cosmos DB - PITR",
                                         meterName="Continuous Data Stored"),
                                   None if u.storage_gb is None else u.storage_gb * regions, unit="GB",
                                   usage_key="storage_gb"))
        if u.monthly_restored_data_gb is not None:
            out.append(monthly("Point-in-time restore", azure(_SERVICE, i.region, productName="Azure Cosmos DB - PITR",
                                                              meterName="Data Restore"),
                               u.monthly_restored_data_gb, unit="GB"))
    if i.analytical_storage_enabled:
        out.append(usage_based(f"Analytical store{shown}",
                               azure(_SERVICE, i.region, productName="Azure Cosmos DB Analytics Storage",
                                     meterName="Data Stored"),
                               None if u.analytical_storage_gb is None else u.analytical_storage_gb * regions,
                               unit="GB", usage_key="analytical_storage_gb"))
    if i.multiple_write_locations_enabled or i.enable_multiple_write_locations:
        out.append(unmodelled("Multi-region writes", "throughput of a multi-region-write account is billed at the "
                                                     "multi-region write rate on its databases and containers"))
    if any(g.zone_redundant for g in i.geo_location):
        out.append(unmodelled("Zone-redundant regions", "throughput in a zone-redundant region carries a surcharge"))
    if not out:
        out.append(no_charge("Account (periodic backup: two copies free)", "throughput and storage are billed on "
                                                                           "its databases and containers"))
    return out


# --- Cosmos DB for PostgreSQL ----------------------------------------------------------------------------
class PgCluster(AzureInputs):
    node_count: Count = 0
    coordinator_vcore_count: Count = 2
    coordinator_storage_quota_in_mb: MB = Decimal(131072)
    coordinator_server_edition: Annotated[str, choice("BurstableGeneralPurpose", "BurstableMemoryOptimized",
                                                      "GeneralPurpose", "MemoryOptimized")] = "GeneralPurpose"
    node_vcores: Count = 2
    node_storage_quota_in_mb: MB = Decimal(524288)
    node_server_edition: Annotated[str, choice("GeneralPurpose", "MemoryOptimized")] = "MemoryOptimized"
    ha_enabled: bool = False


_EDITION = {"BurstableGeneralPurpose": "Burstable General Purpose", "BurstableMemoryOptimized":
            "Burstable Memory Optimized", "GeneralPurpose": "General Purpose", "MemoryOptimized": "Memory Optimized"}


@resource("azurerm_cosmosdb_postgresql_cluster", example={"coordinator_vcore_count": 4, "node_count": 2,
                                                          "node_vcores": 4})
def azurerm_cosmosdb_postgresql_cluster(i: PgCluster) -> list[CostComponent]:
    """A Cosmos DB for PostgreSQL cluster: the coordinator's vCores and storage, plus ``node_count`` worker
    nodes' vCores and storage; ``ha_enabled`` bills a standby for every node.

    Pricing: https://azure.microsoft.com/pricing/details/cosmos-db/postgresql/
    """
    service = "Azure Cosmos DB for PostgreSQL"
    copies = Decimal(2 if i.ha_enabled else 1)
    ha = " with HA standby" if i.ha_enabled else ""
    coord = _EDITION[i.coordinator_server_edition]
    out = [hourly(f"Coordinator compute ({coord}, {i.coordinator_vcore_count} vCores{ha})",
                  azure(service, i.region, productName=f"Azure Cosmos DB for PostgreSQL {coord} Compute",
                        meterName="vCore"), Decimal(i.coordinator_vcore_count) * copies, unit="vCore-hours"),
           monthly(f"Coordinator storage{ha}", azure(service, i.region, productName="Azure Cosmos DB for PostgreSQL "
                                                                                    "Storage", meterName="Data Stored"),
                   i.coordinator_storage_quota_in_mb / Decimal(1024) * copies, unit="GiB")]
    if i.node_count:
        if i.node_count == 1:
            raise InputError("node_count must be 0 (a single node) or at least 2 worker nodes")
        nodes = Decimal(i.node_count) * copies
        worker = _EDITION[i.node_server_edition]
        out += [hourly(f"Worker nodes compute ({i.node_count} x {i.node_vcores} vCores, {worker}{ha})",
                       azure(service, i.region, productName=f"Azure Cosmos DB for PostgreSQL {worker} Compute",
                             meterName="vCore"), Decimal(i.node_vcores) * nodes, unit="vCore-hours"),
                monthly(f"Worker nodes storage{ha}",
                        azure(service, i.region, productName="Azure Cosmos DB for PostgreSQL Storage",
                              meterName="Data Stored"), i.node_storage_quota_in_mb / Decimal(1024) * nodes, unit="GiB")]
    return out
