"""Azure Data Factory: factories and their integration runtimes; the pipeline meters Synapse reuses.

Pricing: https://azure.microsoft.com/pricing/details/data-factory/data-pipeline/ - orchestration activity runs per
1,000 (Azure or self-hosted runtime), data movement per DIU-hour (Azure) or hour (self-hosted), pipeline and
external activities per hour, data flows per vCore-hour of their cluster (General Purpose or Memory Optimized),
and factory operations (read/write and monitoring) per 50,000. SSIS integration runtimes bill their nodes per
hour by size, edition and licence: not modelled yet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Count, Hours, Quantity, Usage, choice, usage_key

__all__ = ["azurerm_data_factory", "azurerm_data_factory_integration_runtime_azure",
           "azurerm_data_factory_integration_runtime_azure_ssis", "azurerm_data_factory_integration_runtime_managed",
           "azurerm_data_factory_integration_runtime_self_hosted", "pipeline_components"]

SERVICE = "Azure Data Factory v2"


def pipeline_components(region: str, hosted: str, runs: Decimal | None, movement: Decimal | None,
                        pipeline: Decimal | None, external: Decimal | None, *, keys: tuple[str, str, str, str],
                        service: str = SERVICE, product: str = SERVICE) -> list[CostComponent]:
    """Activity runs (per 1,000), data movement, pipeline and external activity hours on a runtime (``hosted``
    ``Cloud`` or ``Self Hosted``)."""
    shown = "Azure" if hosted == "Cloud" else "self-hosted"
    move_unit = "DIU-hours" if hosted == "Cloud" else "hours"
    rows = ((f"Orchestration activity runs ({shown})", "Orchestration Activity Run", runs, "1K runs", keys[0], 1000),
            (f"Data movement ({shown})", "Data Movement", movement, move_unit, keys[1], 1),
            (f"Pipeline activities ({shown})", "Pipeline Activity", pipeline, "hours", keys[2], 1),
            (f"External activities ({shown})", "External Activity", external, "hours", keys[3], 1))
    return [usage_based(name, azure(service, region, productName=product, skuName=hosted,
                                    meterName=f"{hosted} {meter}"),
                        None if value is None else value / Decimal(per), unit=unit, usage_key=key)
            for name, meter, value, unit, key, per in rows]


class RuntimeUsage(Usage):
    monthly_orchestration_runs: Quantity | None = usage_key("Orchestration activity runs a month (Infracost's key)",
                                                            unit="runs")
    monthly_data_movement_hrs: Hours | None = usage_key("Data movement a month (DIU-hours on the Azure runtime)",
                                                        unit="hours")
    monthly_pipeline_activity_hrs: Hours | None = usage_key("Pipeline activity hours a month", unit="hours")
    monthly_external_activity_hrs: Hours | None = usage_key("External activity hours a month", unit="hours")
    monthly_data_flow_hrs: Hours | None = usage_key("Hours a month the data flow cluster runs", unit="hours")


_KEYS = ("monthly_orchestration_runs", "monthly_data_movement_hrs", "monthly_pipeline_activity_hrs",
         "monthly_external_activity_hrs")


class AzureRuntime(AzureInputs):
    compute_type: Annotated[str, choice("General", "MemoryOptimized", "ComputeOptimized")] = "General"
    core_count: Count = 8


@resource("azurerm_data_factory_integration_runtime_azure", example={"compute_type": "General", "core_count": 8})
def azurerm_data_factory_integration_runtime_azure(i: AzureRuntime, u: RuntimeUsage) -> list[CostComponent]:
    """An Azure integration runtime: activity runs, DIU-hours, pipeline and external hours from usage, and data
    flows per vCore-hour (``core_count`` x usage ``monthly_data_flow_hrs``, General Purpose or Memory Optimized).

    Pricing: https://azure.microsoft.com/pricing/details/data-factory/data-pipeline/
    """
    out = pipeline_components(i.region, "Cloud", u.monthly_orchestration_runs, u.monthly_data_movement_hrs,
                              u.monthly_pipeline_activity_hrs, u.monthly_external_activity_hrs, keys=_KEYS)
    kind = "Memory Optimized" if i.compute_type == "MemoryOptimized" else "General Purpose"
    hours = u.monthly_data_flow_hrs
    out.append(usage_based(f"Data flows ({kind}, {i.core_count} vCores)",
                           azure(SERVICE, i.region, productName=f"Azure Data Factory v2 Data Flow - {kind}",
                                 meterName="vCore"),
                           None if hours is None else hours * i.core_count, unit="vCore-hours",
                           usage_key="monthly_data_flow_hrs"))
    return out


class SelfHostedRuntime(AzureInputs):
    pass


@resource("azurerm_data_factory_integration_runtime_self_hosted", example={})
def azurerm_data_factory_integration_runtime_self_hosted(i: SelfHostedRuntime, u: RuntimeUsage) -> list[CostComponent]:
    """A self-hosted integration runtime: activity runs, data movement, pipeline and external hours from usage
    (the machines it runs on are yours).

    Pricing: https://azure.microsoft.com/pricing/details/data-factory/data-pipeline/
    """
    return pipeline_components(i.region, "Self Hosted", u.monthly_orchestration_runs, u.monthly_data_movement_hrs,
                               u.monthly_pipeline_activity_hrs, u.monthly_external_activity_hrs, keys=_KEYS)


class SsisRuntime(AzureInputs):
    node_size: str
    number_of_nodes: Count = 1
    edition: Annotated[str, choice("Standard", "Enterprise")] = "Standard"
    license_type: Annotated[str, choice("LicenseIncluded", "BasePrice")] = "LicenseIncluded"


class SsisUsage(Usage):
    monthly_orchestration_runs: Quantity | None = usage_key("Orchestration activity runs a month (Infracost's key)",
                                                            unit="runs")


def _ssis(i: SsisRuntime, u: SsisUsage) -> list[CostComponent]:
    licence = "Azure Hybrid Benefit" if i.license_type == "BasePrice" else "licence included"
    return [unmodelled(f"SSIS nodes ({i.number_of_nodes} x {i.node_size}, {i.edition}, {licence})",
                       "SSIS integration runtime node meters (per size, edition and licence) are not mapped yet"),
            usage_based("Orchestration activity runs (Azure)", azure(SERVICE, i.region, productName=SERVICE,
                                                                     skuName="Cloud",
                                                                     meterName="Cloud Orchestration Activity Run"),
                        None if u.monthly_orchestration_runs is None else u.monthly_orchestration_runs / Decimal(1000),
                        unit="1K runs", usage_key="monthly_orchestration_runs")]


@resource("azurerm_data_factory_integration_runtime_azure_ssis", example={"node_size": "Standard_D8_v3",
                                                                          "number_of_nodes": 2})
def azurerm_data_factory_integration_runtime_azure_ssis(i: SsisRuntime, u: SsisUsage) -> list[CostComponent]:
    """An Azure-SSIS integration runtime: ``number_of_nodes`` x ``node_size`` nodes per hour by ``edition`` and
    ``license_type`` (not modelled yet), and activity runs from usage.

    Pricing: https://azure.microsoft.com/pricing/details/data-factory/ssis/
    """
    return _ssis(i, u)


@resource("azurerm_data_factory_integration_runtime_managed", example={"node_size": "Standard_D8_v3"})
def azurerm_data_factory_integration_runtime_managed(i: SsisRuntime, u: SsisUsage) -> list[CostComponent]:
    """A managed (SSIS) integration runtime, the legacy type: as azurerm_data_factory_integration_runtime_azure_ssis.

    Pricing: https://azure.microsoft.com/pricing/details/data-factory/ssis/
    """
    return _ssis(i, u)


class FactoryUsage(Usage):
    monthly_read_write_operation_entities: Quantity | None = usage_key(
        "Read/write operations a month on factory entities (Infracost's key)", unit="entities")
    monthly_monitoring_operation_entities: Quantity | None = usage_key(
        "Monitoring operations a month (run records read; Infracost's key)", unit="entities")


class DataFactory(AzureInputs):
    pass


@resource("azurerm_data_factory", example={})
def azurerm_data_factory(i: DataFactory, u: FactoryUsage) -> list[CostComponent]:
    """A data factory: read/write and monitoring operations per 50,000 from usage (pipelines are billed on the
    integration runtimes that run them).

    Pricing: https://azure.microsoft.com/pricing/details/data-factory/data-pipeline/
    """
    per = Decimal(50_000)
    rw, mon = u.monthly_read_write_operation_entities, u.monthly_monitoring_operation_entities
    return [usage_based("Read/write operations", azure(SERVICE, i.region, productName=SERVICE, skuName="Cloud",
                                                       meterName="Cloud Read Write Operations"),
                        None if rw is None else rw / per, unit="50K operations",
                        usage_key="monthly_read_write_operation_entities"),
            usage_based("Monitoring operations", azure(SERVICE, i.region, productName=SERVICE, skuName="Cloud",
                                                       meterName="Cloud Monitoring Operations"),
                        None if mon is None else mon / per, unit="50K operations",
                        usage_key="monthly_monitoring_operation_entities")]
