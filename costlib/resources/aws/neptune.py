"""Amazon Neptune clusters, instances and cluster snapshots.

Pricing: https://aws.amazon.com/neptune/pricing/ — instance hours per class (each ``aws_neptune_cluster_instance``;
``db.serverless`` bills Neptune capacity units per hour instead); storage per GB-month, I/O per million requests
and backup storage (usage, on the cluster as other tools' usage files give them); T3/T4g CPU credits per vCPU-hour.
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.aws.docdb import ClusterInstance, ClusterInstanceUsage, ClusterSnapshot, cluster_db_components
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Hours, Quantity, Usage, usage_key

__all__ = ["aws_neptune_cluster", "aws_neptune_cluster_instance", "aws_neptune_cluster_snapshot"]


class NeptuneCluster(AwsInputs):
    storage_type: str | None = None


class NeptuneClusterUsage(Usage):
    storage_gb: GB | None = usage_key("Storage of the cluster", unit="GB")
    monthly_io_requests: Quantity | None = usage_key("I/O requests a month", unit="requests")
    backup_storage_gb: GB | None = usage_key("Backup storage beyond 100% of the cluster's storage", unit="GB")


@resource("aws_neptune_cluster", example={})
def aws_neptune_cluster(i: NeptuneCluster, u: NeptuneClusterUsage) -> list[CostComponent]:
    """A Neptune cluster: storage, I/O and backup storage from usage (its instances are
    ``aws_neptune_cluster_instance``). Pricing: https://aws.amazon.com/neptune/pricing/
    """
    return [
        usage_based("Storage", aws("AmazonNeptune", i.region, "Database Storage", usagetype="StorageUsage"),
                    u.storage_gb, unit="GB", usage_key="storage_gb"),
        usage_based("I/O requests", aws("AmazonNeptune", i.region, "System Operation", usagetype="StorageIOUsage"),
                    u.monthly_io_requests, unit="requests", usage_key="monthly_io_requests"),
        usage_based("Backup storage", aws("AmazonNeptune", i.region, usagetype="BackupUsage"), u.backup_storage_gb,
                    unit="GB", usage_key="backup_storage_gb"),
    ]


class NeptuneInstanceUsage(ClusterInstanceUsage):
    monthly_ncu_hours: Hours | None = usage_key("Neptune capacity unit hours a month of a db.serverless instance",
                                                unit="NCU-hours")


@resource("aws_neptune_cluster_instance", example={"instance_class": "db.r6g.large"})
def aws_neptune_cluster_instance(i: ClusterInstance, u: NeptuneInstanceUsage) -> list[CostComponent]:
    """A Neptune instance: ``instance_class`` hours and CPU credits of T3/T4g classes; ``db.serverless`` bills NCU-hours
    (usage ``monthly_ncu_hours``). Pricing: https://aws.amazon.com/neptune/pricing/
    """
    if i.instance_class == "db.serverless":
        return [usage_based("Serverless capacity", aws("AmazonNeptune", i.region, usagetype="ServerlessUsage"),
                            u.monthly_ncu_hours, unit="NCU-hours", usage_key="monthly_ncu_hours")]
    return [c for c in cluster_db_components("AmazonNeptune", i.region, i.instance_class, u, engine="Neptune")
            if c.usage_key not in ("data_storage_gb", "monthly_io_requests") or getattr(u, c.usage_key) is not None]


class SnapshotUsage(Usage):
    backup_storage_gb: GB | None = usage_key("Storage of the snapshot beyond the free allowance", unit="GB")


@resource("aws_neptune_cluster_snapshot", example={"db_cluster_identifier": "graph"})
def aws_neptune_cluster_snapshot(i: ClusterSnapshot, u: SnapshotUsage) -> list[CostComponent]:
    """A manual Neptune cluster snapshot: backup storage (usage ``backup_storage_gb``).
    Pricing: https://aws.amazon.com/neptune/pricing/
    """
    return [usage_based("Backup storage", aws("AmazonNeptune", i.region, usagetype="BackupUsage"),
                        u.backup_storage_gb, unit="GB", usage_key="backup_storage_gb")]
