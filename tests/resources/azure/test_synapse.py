"""Table tests: costlib.resources.azure.synapse (DWU blocks, Spark vCore-hours, serverless TB and pipelines)."""

import pytest

from costlib.errors import InputError
from costlib.inputs.typed import parse
from costlib.models import ResourceSpec
from tests.resources.table import Case, table_test

CASES = [
    Case(
        "dedicated SQL pool DW1000c: 10 blocks of 100 DWUs, 2 TB with disaster recovery",
        "azurerm_synapse_sql_pool",
        {"sku_name": "DW1000c"},
        [
            (
                "Compute (DW1000c, 10 x 100 DWUs)",
                "7300 100 DWU-hours",
                "Azure Synapse Analytics meterName=100 DWUs productName=Azure Synapse Analytics Dedicated SQL Pool",
            ),
            (
                "Storage",
                "2048 GB",
                "Azure Synapse Analytics meterName=Standard LRS Data Stored productName=Azure Synapse Analytics Dedicated SQL Pool",
            ),
            (
                "Geo-redundant disaster recovery storage",
                "2048 GB",
                "Azure Synapse Analytics meterName=Standard RA-GRS Data Stored productName=Azure Synapse Analytics Dedicated SQL Pool",
            ),
        ],
        usage={"storage_tb": 2, "disaster_recovery_enabled": True},
    ),
    Case(
        "dedicated SQL pool DW100c without usage",
        "azurerm_synapse_sql_pool",
        {"sku_name": "DW100c"},
        [
            (
                "Compute (DW100c, 1 x 100 DWUs)",
                "730 100 DWU-hours",
                "Azure Synapse Analytics meterName=100 DWUs productName=Azure Synapse Analytics Dedicated SQL Pool",
            ),
            (
                "Storage",
                "? GB",
                "Azure Synapse Analytics meterName=Standard LRS Data Stored productName=Azure Synapse Analytics Dedicated SQL Pool",
            ),
        ],
    ),
    Case(
        "spark pool: 3 small nodes for 100 hours",
        "azurerm_synapse_spark_pool",
        {"node_size_family": "MemoryOptimized", "node_size": "Small", "node_count": 3},
        [
            (
                "Spark pool (3 x Small, 12 vCores)",
                "1200 vCore-hours",
                "Azure Synapse Analytics meterName=vCore productName=Azure Synapse Analytics Serverless Apache Spark Pool - Memory Optimized",
            ),
        ],
        usage={"monthly_hours": 100},
    ),
    Case(
        "spark pool autoscaling from 5 medium nodes",
        "azurerm_synapse_spark_pool",
        {"node_size": "Medium", "auto_scale": [{"min_node_count": 5, "max_node_count": 10}]},
        [
            (
                "Spark pool (5 x Medium, 40 vCores)",
                "? vCore-hours",
                "Azure Synapse Analytics meterName=vCore productName=Azure Synapse Analytics Serverless Apache Spark Pool - Memory Optimized",
            ),
        ],
    ),
    Case(
        "workspace: serverless SQL, pipelines and data flows",
        "azurerm_synapse_workspace",
        {},
        [
            (
                "Serverless SQL (data processed)",
                "10 TB",
                "Azure Synapse Analytics meterName=Standard Data Processed productName=Azure Synapse Analytics Serverless SQL Pool",
            ),
            (
                "Orchestration activity runs (Azure)",
                "3 1K runs",
                "Azure Synapse Analytics meterName=Cloud Orchestration Activity Run productName=Azure Synapse Analytics Pipelines skuName=Cloud",
            ),
            (
                "Data movement (Azure)",
                "124 DIU-hours",
                "Azure Synapse Analytics meterName=Cloud Data Movement productName=Azure Synapse Analytics Pipelines skuName=Cloud",
            ),
            (
                "Pipeline activities (Azure)",
                "? hours",
                "Azure Synapse Analytics meterName=Cloud Pipeline Activity productName=Azure Synapse Analytics Pipelines skuName=Cloud",
            ),
            (
                "External activities (Azure)",
                "? hours",
                "Azure Synapse Analytics meterName=Cloud External Activity productName=Azure Synapse Analytics Pipelines skuName=Cloud",
            ),
            (
                "Orchestration activity runs (self-hosted)",
                "1 1K runs",
                "Azure Synapse Analytics meterName=Self Hosted Orchestration Activity Run productName=Azure Synapse Analytics Pipelines skuName=Self Hosted",
            ),
            (
                "Data movement (self-hosted)",
                "? hours",
                "Azure Synapse Analytics meterName=Self Hosted Data Movement productName=Azure Synapse Analytics Pipelines skuName=Self Hosted",
            ),
            (
                "Pipeline activities (self-hosted)",
                "? hours",
                "Azure Synapse Analytics meterName=Self Hosted Pipeline Activity productName=Azure Synapse Analytics Pipelines skuName=Self Hosted",
            ),
            (
                "External activities (self-hosted)",
                "? hours",
                "Azure Synapse Analytics meterName=Self Hosted External Activity productName=Azure Synapse Analytics Pipelines skuName=Self Hosted",
            ),
            (
                "Data flows (Basic)",
                "80 vCore-hours",
                "Azure Synapse Analytics meterName=vCore productName=Azure Synapse Analytics Data Flow - Basic",
            ),
            (
                "Data flows (Standard)",
                "? vCore-hours",
                "Azure Synapse Analytics meterName=vCore productName=Azure Synapse Analytics Data Flow - Standard",
            ),
        ],
        usage={
            "serverless_sql_pool_size_tb": 10,
            "monthly_datapipeline_azure_hosted_activity_runs": 3000,
            "monthly_datapipeline_azure_hosted_data_integration_units": 4,
            "monthly_datapipeline_azure_hosted_data_integration_hours": 31,
            "monthly_datapipeline_self_hosted_activity_runs": 1000,
            "dataflow_basic_instances": 1,
            "dataflow_basic_vcores": 8,
            "monthly_dataflow_basic_hours": 10,
        },
    ),
]

test_table = table_test(CASES)


def test_unknown_pool_sizes_are_refused() -> None:
    for rtype, attrs, match in (
        ("azurerm_synapse_sql_pool", {"sku_name": "DW150c"}, "not a dedicated SQL pool size"),
        ("azurerm_synapse_spark_pool", {"node_size": "Small", "node_size_family": "HardwareAcceleratedGPU"}, "is not priced"),
    ):
        part = parse(ResourceSpec(address=f"{rtype}.x", type=rtype, provider="azure", region="eastus", attributes=attrs)).parts[
            0
        ]
        with pytest.raises(InputError, match=match):
            part.rtype.price(part.inputs, part.usage)
