"""Table tests: costlib.resources.azure.cosmosdb (throughput per 100 RU/s-hour, autoscale, serverless, storage, backups)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "sql container: 400 RU/s manual, storage from usage",
        "azurerm_cosmosdb_sql_container",
        {"throughput": 400},
        [
            (
                "Provisioned throughput (400 RU/s)",
                "2920 100 RU/s-hours",
                "Azure Cosmos DB meterName=100 RU/s productName=Azure Cosmos DB skuName=RUs",
            ),
            ("Transactional storage", "50 GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
        usage={"storage_gb": 50},
    ),
    Case(
        "sql container: autoscale 4,000 max at 50% in 2 regions, analytical store",
        "azurerm_cosmosdb_sql_container",
        {"autoscale_settings": [{"max_throughput": 4000}], "analytical_storage_ttl": -1},
        [
            (
                "Autoscale throughput (4000 RU/s max, 50% of max x 2 regions)",
                "29200 100 RU/s-hours",
                "Azure Cosmos DB meterName=AP1 100 RUs productName=Azure Cosmos DB autoscale skuName=AP1",
            ),
            (
                "Transactional storage x 2 regions",
                "200 GB",
                "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs",
            ),
            (
                "Analytical store write operations",
                "? 10K operations",
                "Azure Cosmos DB meterName=Write Operations productName=Azure Cosmos DB Analytics Storage",
            ),
            (
                "Analytical store read operations",
                "? 10K operations",
                "Azure Cosmos DB meterName=Read Operations productName=Azure Cosmos DB Analytics Storage",
            ),
        ],
        usage={"max_request_units_utilization_percentage": 50, "account_regions": 2, "storage_gb": 100},
    ),
    Case(
        "sql container: autoscale below the 10% floor is billed at 10%",
        "azurerm_cosmosdb_sql_container",
        {"autoscale_settings": [{"max_throughput": 10000}]},
        [
            (
                "Autoscale throughput (10000 RU/s max, 10% of max)",
                "7300 100 RU/s-hours",
                "Azure Cosmos DB meterName=AP1 100 RUs productName=Azure Cosmos DB autoscale skuName=AP1",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
        usage={"max_request_units_utilization_percentage": 2},
    ),
    Case(
        "sql container without throughput: serverless RUs",
        "azurerm_cosmosdb_sql_container",
        {},
        [
            (
                "Serverless request units",
                "10 1M RUs",
                "Azure Cosmos DB meterName=1M RUs productName=Azure Cosmos DB serverless skuName=RUs",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
        usage={"monthly_serverless_request_units": 10000000},
    ),
    Case(
        "sql database: shared 1,000 RU/s",
        "azurerm_cosmosdb_sql_database",
        {"throughput": 1000},
        [
            (
                "Provisioned throughput (1000 RU/s)",
                "7300 100 RU/s-hours",
                "Azure Cosmos DB meterName=100 RU/s productName=Azure Cosmos DB skuName=RUs",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
    ),
    Case(
        "sql database: autoscale without usage is billed at its max",
        "azurerm_cosmosdb_sql_database",
        {"autoscale_settings": [{"max_throughput": 1000}]},
        [
            (
                "Autoscale throughput (1000 RU/s max, 100% of max)",
                "7300 100 RU/s-hours",
                "Azure Cosmos DB meterName=AP1 100 RUs productName=Azure Cosmos DB autoscale skuName=AP1",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
    ),
    Case(
        "mongo database",
        "azurerm_cosmosdb_mongo_database",
        {"throughput": 400},
        [
            (
                "Provisioned throughput (400 RU/s)",
                "2920 100 RU/s-hours",
                "Azure Cosmos DB meterName=100 RU/s productName=Azure Cosmos DB skuName=RUs",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
    ),
    Case(
        "mongo collection: serverless, no usage",
        "azurerm_cosmosdb_mongo_collection",
        {},
        [
            (
                "Serverless request units",
                "? 1M RUs",
                "Azure Cosmos DB meterName=1M RUs productName=Azure Cosmos DB serverless skuName=RUs",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
    ),
    Case(
        "cassandra keyspace",
        "azurerm_cosmosdb_cassandra_keyspace",
        {"throughput": 800},
        [
            (
                "Provisioned throughput (800 RU/s)",
                "5840 100 RU/s-hours",
                "Azure Cosmos DB meterName=100 RU/s productName=Azure Cosmos DB skuName=RUs",
            ),
            ("Transactional storage", "10 GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
        usage={"storage_gb": 10},
    ),
    Case(
        "cassandra table",
        "azurerm_cosmosdb_cassandra_table",
        {"throughput": 400},
        [
            (
                "Provisioned throughput (400 RU/s)",
                "2920 100 RU/s-hours",
                "Azure Cosmos DB meterName=100 RU/s productName=Azure Cosmos DB skuName=RUs",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
    ),
    Case(
        "gremlin database",
        "azurerm_cosmosdb_gremlin_database",
        {"throughput": 400},
        [
            (
                "Provisioned throughput (400 RU/s)",
                "2920 100 RU/s-hours",
                "Azure Cosmos DB meterName=100 RU/s productName=Azure Cosmos DB skuName=RUs",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
    ),
    Case(
        "gremlin graph",
        "azurerm_cosmosdb_gremlin_graph",
        {"autoscale_settings": [{"max_throughput": 2000}]},
        [
            (
                "Autoscale throughput (2000 RU/s max, 30% of max)",
                "4380 100 RU/s-hours",
                "Azure Cosmos DB meterName=AP1 100 RUs productName=Azure Cosmos DB autoscale skuName=AP1",
            ),
            ("Transactional storage", "? GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
        usage={"max_request_units_utilization_percentage": 30},
    ),
    Case(
        "table api table",
        "azurerm_cosmosdb_table",
        {"throughput": 400},
        [
            (
                "Provisioned throughput (400 RU/s)",
                "2920 100 RU/s-hours",
                "Azure Cosmos DB meterName=100 RU/s productName=Azure Cosmos DB skuName=RUs",
            ),
            ("Transactional storage", "1 GB", "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB skuName=RUs"),
        ],
        usage={"storage_gb": 1},
    ),
    Case(
        "account: periodic backup (two copies free)",
        "azurerm_cosmosdb_account",
        {"offer_type": "Standard", "geo_location": [{"location": "eastus", "failover_priority": 0}]},
        [
            ("Account (periodic backup: two copies free)", "1 months", "fixed 0 USD"),
        ],
    ),
    Case(
        "account: continuous 30-day backup in 2 regions, analytical store, multi-region writes",
        "azurerm_cosmosdb_account",
        {
            "offer_type": "Standard",
            "backup": [{"type": "Continuous", "tier": "Continuous30Days"}],
            "analytical_storage_enabled": True,
            "multiple_write_locations_enabled": True,
            "geo_location": [{"location": "eastus"}, {"location": "westus", "zone_redundant": True}],
        },
        [
            (
                "Continuous backup, 30 days x 2 regions",
                "200 GB",
                "Azure Cosmos DB meterName=Continuous Data Stored productName=Azure Cosmos DB - PITR",
            ),
            ("Point-in-time restore", "10 GB", "Azure Cosmos DB meterName=Data Restore productName=Azure Cosmos DB - PITR"),
            (
                "Analytical store x 2 regions",
                "? GB",
                "Azure Cosmos DB meterName=Data Stored productName=Azure Cosmos DB Analytics Storage",
            ),
            ("Multi-region writes", "?", "not modelled"),
            ("Zone-redundant regions", "?", "not modelled"),
        ],
        usage={"storage_gb": 100, "monthly_restored_data_gb": 10},
    ),
    Case(
        "account: continuous 7-day backup is free; restores billed",
        "azurerm_cosmosdb_account",
        {"offer_type": "Standard", "backup": [{"type": "Continuous", "tier": "Continuous7Days"}]},
        [
            ("Account (periodic backup: two copies free)", "1 months", "fixed 0 USD"),
        ],
    ),
    Case(
        "postgresql cluster: coordinator only",
        "azurerm_cosmosdb_postgresql_cluster",
        {"coordinator_vcore_count": 4},
        [
            (
                "Coordinator compute (General Purpose, 4 vCores)",
                "2920 vCore-hours",
                "Azure Cosmos DB for PostgreSQL meterName=vCore productName=Azure Cosmos DB for PostgreSQL General Purpose Compute",
            ),
            (
                "Coordinator storage",
                "128 GiB",
                "Azure Cosmos DB for PostgreSQL meterName=Data Stored productName=Azure Cosmos DB for PostgreSQL Storage",
            ),
        ],
    ),
    Case(
        "postgresql cluster: coordinator and 2 workers with HA",
        "azurerm_cosmosdb_postgresql_cluster",
        {"coordinator_vcore_count": 4, "node_count": 2, "node_vcores": 8, "ha_enabled": True},
        [
            (
                "Coordinator compute (General Purpose, 4 vCores with HA standby)",
                "5840 vCore-hours",
                "Azure Cosmos DB for PostgreSQL meterName=vCore productName=Azure Cosmos DB for PostgreSQL General Purpose Compute",
            ),
            (
                "Coordinator storage with HA standby",
                "256 GiB",
                "Azure Cosmos DB for PostgreSQL meterName=Data Stored productName=Azure Cosmos DB for PostgreSQL Storage",
            ),
            (
                "Worker nodes compute (2 x 8 vCores, Memory Optimized with HA standby)",
                "23360 vCore-hours",
                "Azure Cosmos DB for PostgreSQL meterName=vCore productName=Azure Cosmos DB for PostgreSQL Memory Optimized Compute",
            ),
            (
                "Worker nodes storage with HA standby",
                "2048 GiB",
                "Azure Cosmos DB for PostgreSQL meterName=Data Stored productName=Azure Cosmos DB for PostgreSQL Storage",
            ),
        ],
    ),
]

test_table = table_test(CASES)


def _price(rtype: str, attrs: dict[str, object]) -> None:
    part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus", attributes=attrs)).parts[0]
    part.rtype.price(part.inputs, part.usage)


def test_throughput_below_400_or_off_the_100_step_is_refused() -> None:
    with pytest.raises(InputError, match="multiple of 100 RU/s from 400"):
        _price("azurerm_cosmosdb_sql_container", {"throughput": 250})
    with pytest.raises(InputError, match="multiple of 1,000 RU/s"):
        _price("azurerm_cosmosdb_sql_database", {"autoscale_settings": [{"max_throughput": 1500}]})


def test_a_one_worker_cluster_is_refused() -> None:
    with pytest.raises(InputError, match="at least 2 worker nodes"):
        _price("azurerm_cosmosdb_postgresql_cluster", {"node_count": 1})
