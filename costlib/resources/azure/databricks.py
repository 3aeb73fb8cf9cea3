"""Azure Databricks workspaces.

Pricing: https://azure.microsoft.com/pricing/details/databricks/ - Databricks Units (DBUs) per hour by workload
(All-purpose, Jobs, Jobs Light) and tier (Standard or Premium), from usage; the cluster VMs are billed as Virtual
Machines on top (they are the workspace's managed resources, not this resource). A trial workspace has no DBU
charge for its trial period.
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import azure, usage_based
from costlib.resources.azure._common import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Hours, Usage, choice, usage_key

__all__ = ["azurerm_databricks_workspace"]


class WorkspaceUsage(Usage):
    """Infracost's keys for a Databricks workspace."""

    monthly_all_purpose_compute_dbu_hrs: Hours | None = usage_key("All-purpose compute DBU-hours a month",
                                                                  unit="DBU-hours")
    monthly_jobs_compute_dbu_hrs: Hours | None = usage_key("Jobs compute DBU-hours a month", unit="DBU-hours")
    monthly_jobs_light_compute_dbu_hrs: Hours | None = usage_key("Jobs Light compute DBU-hours a month",
                                                                 unit="DBU-hours")


class Workspace(AzureInputs):
    sku: Annotated[str, choice("standard", "premium", "trial")]


@resource("azurerm_databricks_workspace", example={"sku": "premium"})
def azurerm_databricks_workspace(i: Workspace, u: WorkspaceUsage) -> list[CostComponent]:
    """A Databricks workspace: DBU-hours of each workload from usage at the ``sku`` tier (standard, premium);
    trial: no DBU charge.

    Pricing: https://azure.microsoft.com/pricing/details/databricks/
    """
    if i.sku == "trial":
        return [no_charge("Databricks trial", "trial workspaces have no DBU charge during the trial")]
    tier = i.sku.capitalize()
    out = []
    for workload, value, key in (("All-purpose Compute", u.monthly_all_purpose_compute_dbu_hrs,
                                  "monthly_all_purpose_compute_dbu_hrs"),
                                 ("Jobs Compute", u.monthly_jobs_compute_dbu_hrs, "monthly_jobs_compute_dbu_hrs"),
                                 ("Jobs Light Compute", u.monthly_jobs_light_compute_dbu_hrs,
                                  "monthly_jobs_light_compute_dbu_hrs")):
        sku = f"{tier} {workload}"
        out.append(usage_based(f"{workload} ({tier})",
                               azure("Azure Databricks", i.region, productName="Azure Databricks", skuName=sku,
                                     meterName=f"{sku} DBU"), value, unit="DBU-hours", usage_key=key))
    return out
