"""GCP Cloud Bigtable instances: nodes per hour and storage, per cluster.

Pricing: https://cloud.google.com/bigtable/pricing - each cluster's nodes are billed per node-hour in the
cluster's region (autoscaled clusters at least their minimum), storage per GB-month by type (SSD default, HDD);
a DEVELOPMENT instance (retired) is one node.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import gcp, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, Blocks, Count, GcpInputs, Model, Usage, choice, gcp_region_of_zone, usage_key

__all__ = ["google_bigtable_instance"]


class Autoscaling(Model):
    min_nodes: Count = 1


class Cluster(Model):
    cluster_id: str = "cluster"
    zone: str | None = None
    num_nodes: Count | None = None
    storage_type: Annotated[str, choice("SSD", "HDD")] = "SSD"
    autoscaling_config: Block[Autoscaling] = None


class BigtableInstance(GcpInputs):
    cluster: Blocks[Cluster] = ()


class BigtableUsage(Usage):
    storage_gb: GB | None = usage_key("Data stored per cluster", unit="GB")


@resource("google_bigtable_instance", example={"cluster": [{"cluster_id": "c1", "num_nodes": 1,
                                                            "zone": "us-central1-b"}]})
def google_bigtable_instance(i: BigtableInstance, u: BigtableUsage) -> list[CostComponent]:
    """A Bigtable instance: per ``cluster``, ``num_nodes`` (autoscaled: ``min_nodes``; default 1) node-hours in the
    cluster's zone's region and storage (usage ``storage_gb`` per cluster) of ``storage_type``.

    Pricing: https://cloud.google.com/bigtable/pricing
    """
    out: list[CostComponent] = []
    for c in i.cluster or (Cluster(),):
        reg = gcp_region_of_zone(c.zone.lower()) if c.zone else i.region
        nodes = c.num_nodes if c.num_nodes is not None else (c.autoscaling_config.min_nodes
                                                             if c.autoscaling_config else 1)
        out += [hourly(f"Nodes ({c.cluster_id})", gcp("Cloud Bigtable", reg, resource="node"), Decimal(nodes),
                       unit="node-hours"),
                usage_based(f"Storage ({c.cluster_id}, {c.storage_type})",
                            gcp("Cloud Bigtable", reg, resource="storage", storageType=c.storage_type),
                            u.storage_gb, unit="GB", usage_key="storage_gb")]
    return out
