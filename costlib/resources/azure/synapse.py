"""Azure Synapse Analytics: workspaces (serverless SQL and pipelines), dedicated SQL pools and Spark pools.

Pricing: https://azure.microsoft.com/pricing/details/synapse-analytics/ - dedicated SQL pools per 100 DWUs per
hour of their ``sku_name`` (DW100c-DW30000c) plus storage per TB a month (and again for geo-redundant disaster
recovery); serverless SQL per TB processed; Apache Spark pools per vCore-hour while their nodes run (Small 4,
Medium 8, Large 16, XLarge 32, XXLarge 64 vCores per node); pipelines at the Data Factory meters of the Synapse
service, data flows per vCore-hour.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import azure, hourly, usage_based
from costlib.resources.azure.datafactory import pipeline_components
from costlib.resources.registry import resource
from costlib.resources.schema import (
    AzureInputs,
    Block,
    Count,
    Hours,
    Model,
    Quantity,
    Usage,
    choice,
    usage_key,
)

__all__ = ["azurerm_synapse_spark_pool", "azurerm_synapse_sql_pool", "azurerm_synapse_workspace"]

SERVICE = "Azure Synapse Analytics"
_DW = re.compile(r"^DW(\d+)c$", re.IGNORECASE)


class SqlPoolUsage(Usage):
    """Infracost's keys for a dedicated SQL pool."""

    storage_tb: Quantity | None = usage_key("Data stored, snapshots included", unit="TB")
    disaster_recovery_enabled: bool = usage_key("Geo-redundant disaster recovery copies are kept", unit="",
                                                default=False)


class SqlPool(AzureInputs):
    sku_name: str


@resource("azurerm_synapse_sql_pool", example={"sku_name": "DW100c"})
def azurerm_synapse_sql_pool(i: SqlPool, u: SqlPoolUsage) -> list[CostComponent]:
    """A dedicated SQL pool: ``sku_name`` DWUs per hour in blocks of 100, storage per TB from usage (and the
    geo-redundant copy when ``disaster_recovery_enabled``).

    Pricing: https://azure.microsoft.com/pricing/details/synapse-analytics/
    """
    m = _DW.match(i.sku_name)
    if m is None or int(m.group(1)) < 100 or int(m.group(1)) % 100:
        raise InputError(f"sku_name {i.sku_name!r} is not a dedicated SQL pool size (DW100c ... DW30000c)")
    blocks = Decimal(int(m.group(1)) // 100)
    out = [hourly(f"Compute ({i.sku_name.upper().replace('C', 'c')}, {blocks} x 100 DWUs)",
                  azure(SERVICE, i.region, productName="Azure Synapse Analytics Dedicated SQL Pool",
                        meterName="100 DWUs"), blocks, unit="100 DWU-hours"),
           usage_based("Storage", azure(SERVICE, i.region, productName="Azure Synapse Analytics Dedicated SQL Pool",
                                        meterName="Standard LRS Data Stored"),
                       None if u.storage_tb is None else u.storage_tb * 1024, unit="GB", usage_key="storage_tb")]
    if u.disaster_recovery_enabled:
        out.append(usage_based("Geo-redundant disaster recovery storage",
                               azure(SERVICE, i.region, productName="Azure Synapse Analytics Dedicated SQL Pool",
                                     meterName="Standard RA-GRS Data Stored"),
                               None if u.storage_tb is None else u.storage_tb * 1024, unit="GB",
                               usage_key="storage_tb"))
    return out


_NODE_VCORES = {"Small": 4, "Medium": 8, "Large": 16, "XLarge": 32, "XXLarge": 64, "XXXLarge": 80}


class AutoScale(Model):
    min_node_count: Count = 3
    max_node_count: Count | None = None


class SparkPool(AzureInputs):
    node_size_family: Annotated[str, choice("MemoryOptimized", "HardwareAcceleratedFPGA", "HardwareAcceleratedGPU",
                                            "None")] = "MemoryOptimized"
    node_size: Annotated[str, choice(*_NODE_VCORES)]
    node_count: Count | None = None
    auto_scale: Block[AutoScale] = None


class SparkUsage(Usage):
    monthly_hours: Hours | None = usage_key("Hours a month each node of the pool runs (Infracost's key)",
                                            unit="hours")


@resource("azurerm_synapse_spark_pool", example={"node_size_family": "MemoryOptimized", "node_size": "Small",
                                                 "node_count": 3})
def azurerm_synapse_spark_pool(i: SparkPool, u: SparkUsage) -> list[CostComponent]:
    """An Apache Spark pool: ``node_count`` (or ``auto_scale.min_node_count``) nodes of ``node_size`` vCores per
    vCore-hour while they run (usage ``monthly_hours``; pools pause when idle).

    Pricing: https://azure.microsoft.com/pricing/details/synapse-analytics/
    """
    if i.node_size_family != "MemoryOptimized":
        raise InputError(f"node_size_family {i.node_size_family} is not priced (only MemoryOptimized pools are)")
    nodes = i.node_count if i.node_count is not None else (i.auto_scale.min_node_count if i.auto_scale else 3)
    vcores = Decimal(nodes * _NODE_VCORES[i.node_size])
    return [usage_based(f"Spark pool ({nodes} x {i.node_size}, {vcores} vCores)",
                        azure(SERVICE, i.region, productName="Azure Synapse Analytics Serverless Apache Spark Pool - "
                                                             "Memory Optimized", meterName="vCore"),
                        None if u.monthly_hours is None else u.monthly_hours * vcores, unit="vCore-hours",
                        usage_key="monthly_hours")]


class WorkspaceUsage(Usage):
    """Infracost's keys for a Synapse workspace."""

    serverless_sql_pool_size_tb: Quantity | None = usage_key("Data processed by serverless SQL a month", unit="TB")
    monthly_datapipeline_azure_hosted_activity_runs: Quantity | None = usage_key(
        "Azure-hosted pipeline activity runs a month", unit="runs")
    monthly_datapipeline_azure_hosted_data_integration_units: Quantity | None = usage_key(
        "Data integration units of Azure-hosted data movement", unit="DIUs")
    monthly_datapipeline_azure_hosted_data_integration_hours: Hours | None = usage_key(
        "Hours of Azure-hosted data movement a month", unit="hours")
    monthly_datapipeline_azure_hosted_integration_runtime_hours: Hours | None = usage_key(
        "Azure-hosted pipeline activity hours a month", unit="hours")
    monthly_datapipeline_azure_hosted_external_integration_runtime_hours: Hours | None = usage_key(
        "Azure-hosted external activity hours a month", unit="hours")
    monthly_datapipeline_self_hosted_activity_runs: Quantity | None = usage_key(
        "Self-hosted pipeline activity runs a month", unit="runs")
    monthly_datapipeline_self_hosted_data_movement_hours: Hours | None = usage_key(
        "Self-hosted data movement hours a month", unit="hours")
    monthly_datapipeline_self_hosted_integration_runtime_hours: Hours | None = usage_key(
        "Self-hosted pipeline activity hours a month", unit="hours")
    monthly_datapipeline_self_hosted_external_integration_runtime_hours: Hours | None = usage_key(
        "Self-hosted external activity hours a month", unit="hours")
    dataflow_basic_instances: Count | None = usage_key("Data flow instances (Basic, General Purpose)", unit="instances")
    dataflow_basic_vcores: Count | None = usage_key("vCores of each Basic data flow instance", unit="vCores")
    monthly_dataflow_basic_hours: Hours | None = usage_key("Hours a month Basic data flows run", unit="hours")
    dataflow_standard_instances: Count | None = usage_key("Data flow instances (Standard, Memory Optimized)",
                                                          unit="instances")
    dataflow_standard_vcores: Count | None = usage_key("vCores of each Standard data flow instance", unit="vCores")
    monthly_dataflow_standard_hours: Hours | None = usage_key("Hours a month Standard data flows run", unit="hours")


class Workspace(AzureInputs):
    pass


def _product(n: int | None, v: int | None, h: Decimal | None) -> Decimal | None:
    return None if n is None or v is None or h is None else Decimal(n) * Decimal(v) * h


@resource("azurerm_synapse_workspace", example={})
def azurerm_synapse_workspace(i: Workspace, u: WorkspaceUsage) -> list[CostComponent]:
    """A Synapse workspace: serverless SQL per TB processed, pipelines (activity runs, data movement, pipeline and
    external hours, Azure-hosted and self-hosted) and data flows per vCore-hour, all from usage.

    Pricing: https://azure.microsoft.com/pricing/details/synapse-analytics/
    """
    tb = u.serverless_sql_pool_size_tb
    out = [usage_based("Serverless SQL (data processed)",
                       azure(SERVICE, i.region, productName="Azure Synapse Analytics Serverless SQL Pool",
                             meterName="Standard Data Processed"), tb, unit="TB",
                       usage_key="serverless_sql_pool_size_tb")]
    diu = u.monthly_datapipeline_azure_hosted_data_integration_units
    diu_hrs = u.monthly_datapipeline_azure_hosted_data_integration_hours
    product = "Azure Synapse Analytics Pipelines"
    out += pipeline_components(
        i.region, "Cloud", u.monthly_datapipeline_azure_hosted_activity_runs,
        None if diu is None or diu_hrs is None else diu * diu_hrs,
        u.monthly_datapipeline_azure_hosted_integration_runtime_hours,
        u.monthly_datapipeline_azure_hosted_external_integration_runtime_hours,
        keys=("monthly_datapipeline_azure_hosted_activity_runs", "monthly_datapipeline_azure_hosted_data_integration_hours",
              "monthly_datapipeline_azure_hosted_integration_runtime_hours",
              "monthly_datapipeline_azure_hosted_external_integration_runtime_hours"),
        service=SERVICE, product=product)
    out += pipeline_components(
        i.region, "Self Hosted", u.monthly_datapipeline_self_hosted_activity_runs,
        u.monthly_datapipeline_self_hosted_data_movement_hours,
        u.monthly_datapipeline_self_hosted_integration_runtime_hours,
        u.monthly_datapipeline_self_hosted_external_integration_runtime_hours,
        keys=("monthly_datapipeline_self_hosted_activity_runs", "monthly_datapipeline_self_hosted_data_movement_hours",
              "monthly_datapipeline_self_hosted_integration_runtime_hours",
              "monthly_datapipeline_self_hosted_external_integration_runtime_hours"),
        service=SERVICE, product=product)
    for kind, n, v, h, key in (
            ("Basic", u.dataflow_basic_instances, u.dataflow_basic_vcores, u.monthly_dataflow_basic_hours,
             "monthly_dataflow_basic_hours"),
            ("Standard", u.dataflow_standard_instances, u.dataflow_standard_vcores, u.monthly_dataflow_standard_hours,
             "monthly_dataflow_standard_hours")):
        out.append(usage_based(f"Data flows ({kind})", azure(SERVICE, i.region, productName=f"Azure Synapse Analytics "
                                                                                       f"Data Flow - {kind}",
                                                            meterName="vCore"),
                               _product(n, v, h), unit="vCore-hours", usage_key=key))
    return out
