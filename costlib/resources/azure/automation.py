"""Azure Automation accounts, runbook schedules, watchers and State Configuration (DSC).

Pricing: https://azure.microsoft.com/pricing/details/automation/ — process automation bills job run minutes and
watcher hours (each beyond a monthly allowance, as the catalog's tiers say); State Configuration bills nodes
outside Azure per node a month (Azure nodes have no charge). The account itself has no charge. Usage keys are
those of the resource they belong to: job minutes on the account or a job schedule, nodes on the account or a DSC
configuration, watcher hours on the account (a watcher resource runs all month unless usage says otherwise).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import azure, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import HOURS_IN_MONTH, AzureInputs, Count, Quantity, Usage, usage_key

__all__ = ["azurerm_automation_account", "azurerm_automation_dsc", "azurerm_automation_job_schedule",
           "azurerm_automation_watcher"]


def _process(region: str, meter: str) -> PriceQuery:
    return azure("Automation", region, productName="Process Automation", skuName="Basic", meterName=meter)


def _nodes(region: str, nodes: Count | None) -> CostComponent:
    return usage_based("State Configuration nodes outside Azure",
                       azure("Automation", region, productName="Configuration Management", meterName="Non-Azure Node"),
                       None if nodes is None else Decimal(nodes), unit="nodes", usage_key="non_azure_config_node_count")


def _minutes(region: str, minutes: Decimal | None) -> CostComponent:
    return usage_based("Job run minutes", _process(region, "Basic Runtime"), minutes, unit="minutes",
                       usage_key="monthly_job_run_mins")


class AccountUsage(Usage):
    monthly_job_run_mins: Quantity | None = usage_key("Runbook job minutes a month", unit="minutes")
    monthly_watcher_hrs: Quantity | None = usage_key("Watcher task hours a month", unit="hours")
    non_azure_config_node_count: Count | None = usage_key("State Configuration nodes outside Azure", unit="nodes")


@resource("azurerm_automation_account", example={"sku_name": "Basic"})
def azurerm_automation_account(i: AzureInputs, u: AccountUsage) -> list[CostComponent]:
    """An Automation account: job minutes, watcher hours and non-Azure DSC nodes from usage.

    Pricing: https://azure.microsoft.com/pricing/details/automation/
    """
    return [_minutes(i.region, u.monthly_job_run_mins),
            usage_based("Watcher hours", _process(i.region, "Watcher"), u.monthly_watcher_hrs, unit="hours",
                        usage_key="monthly_watcher_hrs"),
            _nodes(i.region, u.non_azure_config_node_count)]


class JobScheduleUsage(Usage):
    monthly_job_run_mins: Quantity | None = usage_key("Minutes the scheduled runbook runs a month", unit="minutes")


@resource("azurerm_automation_job_schedule", example={"runbook_name": "cleanup"})
def azurerm_automation_job_schedule(i: AzureInputs, u: JobScheduleUsage) -> list[CostComponent]:
    """A runbook schedule: the job minutes it runs a month, from usage.

    Pricing: https://azure.microsoft.com/pricing/details/automation/
    """
    return [_minutes(i.region, u.monthly_job_run_mins)]


class DscUsage(Usage):
    non_azure_config_node_count: Count | None = usage_key("Nodes outside Azure the configuration is applied to",
                                                          unit="nodes")


@resource("azurerm_automation_dsc_configuration", "azurerm_automation_dsc_nodeconfiguration",
          example={"content_embedded": "configuration web {}"})
def azurerm_automation_dsc(i: AzureInputs, u: DscUsage) -> list[CostComponent]:
    """A State Configuration (DSC) configuration or node configuration: the non-Azure nodes it manages, from
    usage (Azure nodes have no charge).

    Pricing: https://azure.microsoft.com/pricing/details/automation/
    """
    return [_nodes(i.region, u.non_azure_config_node_count)]


class WatcherUsage(Usage):
    monthly_watcher_hrs: HOURS_IN_MONTH | None = usage_key("Hours the watcher runs a month (default 730)",
                                                           unit="hours")


@resource("azurerm_automation_watcher", example={"execution_frequency_in_seconds": 300})
def azurerm_automation_watcher(i: AzureInputs, u: WatcherUsage) -> list[CostComponent]:
    """A watcher task: watcher hours, all month unless usage says otherwise.

    Pricing: https://azure.microsoft.com/pricing/details/automation/
    """
    hours = u.monthly_watcher_hrs if u.monthly_watcher_hrs is not None else Decimal(730)
    return [usage_based("Watcher hours", _process(i.region, "Watcher"), hours, unit="hours",
                        usage_key="monthly_watcher_hrs")]
