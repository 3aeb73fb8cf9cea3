"""Table tests: costlib.resources.azure.datafactory (runs per 1,000, DIU-hours, data flow vCore-hours, operations per 50,000)."""

from tests.resources.table import Case, table_test

CASES = [
    Case(
        "factory: read/write and monitoring operations per 50,000",
        "azurerm_data_factory",
        {},
        [
            (
                "Read/write operations",
                "2 50K operations",
                "Azure Data Factory v2 meterName=Cloud Read Write Operations productName=Azure Data Factory v2 skuName=Cloud",
            ),
            (
                "Monitoring operations",
                "0.5 50K operations",
                "Azure Data Factory v2 meterName=Cloud Monitoring Operations productName=Azure Data Factory v2 skuName=Cloud",
            ),
        ],
        usage={"monthly_read_write_operation_entities": 100000, "monthly_monitoring_operation_entities": 25000},
    ),
    Case(
        "azure runtime: runs, DIU-hours and a memory-optimised data flow cluster",
        "azurerm_data_factory_integration_runtime_azure",
        {"compute_type": "MemoryOptimized", "core_count": 16},
        [
            (
                "Orchestration activity runs (Azure)",
                "10 1K runs",
                "Azure Data Factory v2 meterName=Cloud Orchestration Activity Run productName=Azure Data Factory v2 skuName=Cloud",
            ),
            (
                "Data movement (Azure)",
                "50 DIU-hours",
                "Azure Data Factory v2 meterName=Cloud Data Movement productName=Azure Data Factory v2 skuName=Cloud",
            ),
            (
                "Pipeline activities (Azure)",
                "? hours",
                "Azure Data Factory v2 meterName=Cloud Pipeline Activity productName=Azure Data Factory v2 skuName=Cloud",
            ),
            (
                "External activities (Azure)",
                "? hours",
                "Azure Data Factory v2 meterName=Cloud External Activity productName=Azure Data Factory v2 skuName=Cloud",
            ),
            (
                "Data flows (Memory Optimized, 16 vCores)",
                "320 vCore-hours",
                "Azure Data Factory v2 meterName=vCore productName=Azure Data Factory v2 Data Flow - Memory Optimized",
            ),
        ],
        usage={"monthly_orchestration_runs": 10000, "monthly_data_movement_hrs": 50, "monthly_data_flow_hrs": 20},
    ),
    Case(
        "self-hosted runtime",
        "azurerm_data_factory_integration_runtime_self_hosted",
        {},
        [
            (
                "Orchestration activity runs (self-hosted)",
                "5 1K runs",
                "Azure Data Factory v2 meterName=Self Hosted Orchestration Activity Run productName=Azure Data Factory v2 skuName=Self Hosted",
            ),
            (
                "Data movement (self-hosted)",
                "100 hours",
                "Azure Data Factory v2 meterName=Self Hosted Data Movement productName=Azure Data Factory v2 skuName=Self Hosted",
            ),
            (
                "Pipeline activities (self-hosted)",
                "? hours",
                "Azure Data Factory v2 meterName=Self Hosted Pipeline Activity productName=Azure Data Factory v2 skuName=Self Hosted",
            ),
            (
                "External activities (self-hosted)",
                "? hours",
                "Azure Data Factory v2 meterName=Self Hosted External Activity productName=Azure Data Factory v2 skuName=Self Hosted",
            ),
        ],
        usage={"monthly_orchestration_runs": 5000, "monthly_data_movement_hrs": 100},
    ),
    Case(
        "azure-ssis runtime: nodes not modelled yet",
        "azurerm_data_factory_integration_runtime_azure_ssis",
        {"node_size": "Standard_D8_v3", "number_of_nodes": 2, "edition": "Enterprise"},
        [
            ("SSIS nodes (2 x Standard_D8_v3, Enterprise, licence included)", "?", "not modelled"),
            (
                "Orchestration activity runs (Azure)",
                "1 1K runs",
                "Azure Data Factory v2 meterName=Cloud Orchestration Activity Run productName=Azure Data Factory v2 skuName=Cloud",
            ),
        ],
        usage={"monthly_orchestration_runs": 1000},
    ),
    Case(
        "managed runtime with Hybrid Benefit",
        "azurerm_data_factory_integration_runtime_managed",
        {"node_size": "Standard_D4_v3", "license_type": "BasePrice"},
        [
            ("SSIS nodes (1 x Standard_D4_v3, Standard, Azure Hybrid Benefit)", "?", "not modelled"),
            (
                "Orchestration activity runs (Azure)",
                "? 1K runs",
                "Azure Data Factory v2 meterName=Cloud Orchestration Activity Run productName=Azure Data Factory v2 skuName=Cloud",
            ),
        ],
    ),
]

test_table = table_test(CASES)
