"""Amazon Redshift provisioned clusters and Redshift Serverless workgroups.

Pricing: https://aws.amazon.com/redshift/pricing/ — provisioned clusters bill node hours per node type
(``number_of_nodes``, 1 for a single-node cluster); RA3 clusters bill Redshift Managed Storage per GB-month
(usage ``managed_storage_gb``; DC2 storage is in the node price); concurrency scaling beyond the free daily
credit per second, Spectrum per TB scanned and backup storage beyond the free allowance from usage. Serverless bills
RPU-hours used (per second, 60 s minimum) and managed storage, from usage.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Count, Hours, Quantity, Usage, usage_key

__all__ = ["aws_redshift_cluster", "aws_redshiftserverless_workgroup"]


class RedshiftCluster(AwsInputs):
    node_type: str
    number_of_nodes: Count = 1
    cluster_type: str | None = None


class RedshiftUsage(Usage):
    managed_storage_gb: GB | None = usage_key("Redshift Managed Storage used by an RA3 cluster", unit="GB")
    excess_concurrency_scaling_secs: Quantity | None = usage_key(
        "Concurrency scaling seconds a month beyond the free credits (per node of the cluster)", unit="seconds")
    spectrum_data_scanned_tb: GB | None = usage_key("Data scanned by Redshift Spectrum a month", unit="TB")
    backup_storage_gb: GB | None = usage_key("Backup storage beyond the free allowance", unit="GB")


@resource("aws_redshift_cluster", example={"node_type": "ra3.xlplus", "number_of_nodes": 2})
def aws_redshift_cluster(i: RedshiftCluster, u: RedshiftUsage) -> list[CostComponent]:
    """A provisioned Redshift cluster: ``number_of_nodes`` nodes of ``node_type``; RA3 managed storage, concurrency
    scaling, Spectrum and backups from usage. Pricing: https://aws.amazon.com/redshift/pricing/
    """
    nodes = Decimal(1 if (i.cluster_type or "").lower() == "single-node" else max(1, i.number_of_nodes))
    out = [hourly(f"Nodes ({i.node_type})", aws("AmazonRedshift", i.region, "Compute Instance",
                                                usagetype=f"Node:{i.node_type}"), nodes)]
    if i.node_type.startswith("ra3"):
        out.append(usage_based("Managed storage (RA3)", aws("AmazonRedshift", i.region, "Redshift Managed Storage",
                                                            usagetype="RMS:GB"),
                               u.managed_storage_gb, unit="GB", usage_key="managed_storage_gb"))
    if u.excess_concurrency_scaling_secs is not None:
        out.append(monthly(f"Concurrency scaling ({i.node_type})",
                           aws("AmazonRedshift", i.region, "Concurrency Scaling", usagetype=f"CS:{i.node_type}"),
                           u.excess_concurrency_scaling_secs * nodes, unit="node-seconds"))
    if u.spectrum_data_scanned_tb is not None:
        out.append(monthly("Spectrum data scanned", aws("AmazonRedshift", i.region, "Redshift Spectrum",
                                                        usagetype="Spectrum:DataScanned"),
                           u.spectrum_data_scanned_tb, unit="TB"))
    if u.backup_storage_gb is not None:
        out.append(monthly("Backup storage", aws("AmazonRedshift", i.region, "Storage Snapshot",
                                                 usagetype="PaidSnapshots"), u.backup_storage_gb, unit="GB"))
    return out


class ServerlessWorkgroup(AwsInputs):
    base_capacity: Count = 128
    max_capacity: Count | None = None


class ServerlessUsage(Usage):
    monthly_rpu_hours: Hours | None = usage_key("RPU-hours used a month (base capacity x hours queries run)",
                                                unit="RPU-hours")
    monthly_compute_hours: Hours | None = usage_key(
        "Hours a month the workgroup runs queries at its base capacity (instead of monthly_rpu_hours)", unit="hours")
    managed_storage_gb: GB | None = usage_key("Redshift Managed Storage used", unit="GB")


@resource("aws_redshiftserverless_workgroup", example={"base_capacity": 32})
def aws_redshiftserverless_workgroup(i: ServerlessWorkgroup, u: ServerlessUsage) -> list[CostComponent]:
    """A Redshift Serverless workgroup: RPU-hours (usage ``monthly_rpu_hours``, or ``monthly_compute_hours`` at
    ``base_capacity`` RPUs) and managed storage. Pricing: https://aws.amazon.com/redshift/pricing/ (Serverless)
    """
    rpu = u.monthly_rpu_hours if u.monthly_rpu_hours is not None else (
        None if u.monthly_compute_hours is None else u.monthly_compute_hours * i.base_capacity)
    return [
        usage_based(f"Compute ({i.base_capacity} RPU base)",
                    aws("AmazonRedshift", i.region, "Serverless", usagetype="ServerlessUsage"), rpu,
                    unit="RPU-hours", usage_key="monthly_rpu_hours"),
        usage_based("Managed storage", aws("AmazonRedshift", i.region, "Redshift Managed Storage",
                                           usagetype="RMS:GB"), u.managed_storage_gb, unit="GB",
                    usage_key="managed_storage_gb"),
    ]
