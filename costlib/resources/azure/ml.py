"""Azure Machine Learning compute clusters and compute instances.

Pricing: https://azure.microsoft.com/pricing/details/machine-learning/ - Azure Machine Learning adds no charge
of its own: compute is billed as the Virtual Machines it runs on (Linux), per hour. A cluster keeps
``scale_settings.min_node_count`` nodes (default 0) all month and scales up with jobs (usage ``nodes`` and
``monthly_hrs``); low-priority nodes are billed at the Spot rate. A compute instance runs until stopped (usage
``monthly_hrs``) and has a 128 GiB Premium SSD OS disk (P10).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources.azure._common import PurchaseUsage, disk_components, vm_hours
from costlib.resources.registry import resource
from costlib.resources.schema import AzureInputs, Block, Count, Model, choice, usage_key

__all__ = ["azurerm_machine_learning_compute_cluster", "azurerm_machine_learning_compute_instance"]


class ScaleSettings(Model):
    min_node_count: Count = 0
    max_node_count: Count | None = None


class ClusterUsage(PurchaseUsage):
    nodes: Count | None = usage_key("Nodes running on average (default min_node_count)", unit="nodes")


class ComputeCluster(AzureInputs):
    vm_size: str
    vm_priority: Annotated[str, choice("Dedicated", "LowPriority")] = "Dedicated"
    scale_settings: Block[ScaleSettings] = None


@resource("azurerm_machine_learning_compute_cluster", example={"vm_size": "Standard_DS3_v2",
                                                               "scale_settings": [{"min_node_count": 1,
                                                                                   "max_node_count": 4}]})
def azurerm_machine_learning_compute_cluster(i: ComputeCluster, u: ClusterUsage) -> list[CostComponent]:
    """A compute cluster: ``vm_size`` VM hours for ``scale_settings.min_node_count`` nodes (usage ``nodes`` and
    ``monthly_hrs`` for jobs), LowPriority at the Spot rate.

    Pricing: https://azure.microsoft.com/pricing/details/machine-learning/
    """
    scale = i.scale_settings or ScaleSettings()
    nodes = Decimal(u.nodes if u.nodes is not None else scale.min_node_count)
    return [vm_hours(i.region, i.vm_size, "Linux", u, count=nodes, label="Cluster nodes",
                     spot=i.vm_priority == "LowPriority")]


class ComputeInstance(AzureInputs):
    virtual_machine_size: str


@resource("azurerm_machine_learning_compute_instance", example={"virtual_machine_size": "Standard_DS3_v2"})
def azurerm_machine_learning_compute_instance(i: ComputeInstance, u: PurchaseUsage) -> list[CostComponent]:
    """A compute instance: ``virtual_machine_size`` VM hours (usage ``monthly_hrs`` when it is stopped part of the
    month) and its 128 GiB Premium SSD OS disk.

    Pricing: https://azure.microsoft.com/pricing/details/machine-learning/
    """
    return [vm_hours(i.region, i.virtual_machine_size, "Linux", u, label="Compute instance"),
            *disk_components(i.region, "Premium_LRS", Decimal(128), label="OS disk")]
