"""Amazon DocumentDB clusters, instances and cluster snapshots.

Pricing: https://aws.amazon.com/documentdb/pricing/ — instance hours per instance class (each
``aws_docdb_cluster_instance``); storage per GB-month and I/O per million requests (usage; the usage keys other
tools' files use put them on the instance); backup storage beyond 100% of the cluster's storage per GB-month
(usage ``backup_storage_gb`` on the cluster or snapshot); T3/T4g instances bill CPU credits above their baseline
per vCPU-hour. I/O-Optimized clusters (``storage_type = iopt1``) bill no I/O at higher instance and storage rates.
"""

from __future__ import annotations

from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, running, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, HOURS_IN_MONTH, AwsInputs, Hours, Quantity, Usage, choice, usage_key

__all__ = ["aws_docdb_cluster", "aws_docdb_cluster_instance", "aws_docdb_cluster_snapshot", "cluster_db_components"]


class DocdbCluster(AwsInputs):
    storage_type: Annotated[str, choice("standard", "iopt1")] = "standard"


class BackupUsage(Usage):
    backup_storage_gb: GB | None = usage_key("Backup storage beyond 100% of the cluster's storage", unit="GB")


def _backup(service: str, region: str, u: BackupUsage) -> CostComponent:
    return usage_based("Backup storage", aws(service, region, usagetype="BackupUsage"), u.backup_storage_gb,
                       unit="GB", usage_key="backup_storage_gb")


@resource("aws_docdb_cluster", example={})
def aws_docdb_cluster(i: DocdbCluster, u: BackupUsage) -> list[CostComponent]:
    """A DocumentDB cluster: backup storage beyond the free allowance (usage); its instances, storage and I/O are
    on ``aws_docdb_cluster_instance``. Pricing: https://aws.amazon.com/documentdb/pricing/
    """
    return [_backup("AmazonDocDB", i.region, u)]


class ClusterInstance(AwsInputs):
    instance_class: str


class ClusterInstanceUsage(Usage):
    data_storage_gb: GB | None = usage_key("Storage of the cluster (given once, on one instance)", unit="GB")
    monthly_io_requests: Quantity | None = usage_key("I/O requests a month of the cluster", unit="requests")
    monthly_cpu_credit_hrs: Hours | None = usage_key(
        "vCPU-hours a month above the baseline of a T3/T4g instance", unit="vCPU-hours")
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the instance runs (default 730)", unit="hours")


def cluster_db_components(service: str, region: str, instance_class: str, u: ClusterInstanceUsage, *,
                          engine: str) -> list[CostComponent]:
    """Instance hours, storage, I/O and CPU credits of a DocumentDB or Neptune cluster instance."""
    out = [running(f"Database instance ({engine}, {instance_class})",
                   aws(service, region, "Database Instance", usagetype=f"InstanceUsage:{instance_class}"),
                   hours=u.monthly_hrs),
           usage_based("Storage", aws(service, region, "Database Storage", usagetype="StorageUsage"),
                       u.data_storage_gb, unit="GB", usage_key="data_storage_gb"),
           usage_based("I/O requests", aws(service, region, "System Operation", usagetype="StorageIOUsage"),
                       u.monthly_io_requests, unit="requests", usage_key="monthly_io_requests")]
    series = ".".join(instance_class.split(".")[:2])
    if series in ("db.t3", "db.t4g"):
        out.append(usage_based(f"CPU credits ({series})", aws(service, region, "CPU Credits",
                                                              usagetype=f"CPUCredits:{series}"),
                               u.monthly_cpu_credit_hrs, unit="vCPU-hours", usage_key="monthly_cpu_credit_hrs"))
    return out


@resource("aws_docdb_cluster_instance", example={"instance_class": "db.r6g.large"})
def aws_docdb_cluster_instance(i: ClusterInstance, u: ClusterInstanceUsage) -> list[CostComponent]:
    """A DocumentDB instance: ``instance_class`` hours, the cluster's storage and I/O from usage, CPU credits of
    T3/T4g classes. Pricing: https://aws.amazon.com/documentdb/pricing/
    """
    if i.instance_class == "db.serverless":
        return [unmodelled("Serverless capacity (DCU-hours)", "DocumentDB Serverless capacity is not modelled yet")]
    return cluster_db_components("AmazonDocDB", i.region, i.instance_class, u, engine="DocumentDB")


class ClusterSnapshot(AwsInputs):
    db_cluster_identifier: str | None = None


@resource("aws_docdb_cluster_snapshot", example={"db_cluster_identifier": "docs"})
def aws_docdb_cluster_snapshot(i: ClusterSnapshot, u: BackupUsage) -> list[CostComponent]:
    """A manual DocumentDB cluster snapshot: backup storage beyond the free allowance (usage ``backup_storage_gb``).
    Pricing: https://aws.amazon.com/documentdb/pricing/
    """
    return [_backup("AmazonDocDB", i.region, u)]
