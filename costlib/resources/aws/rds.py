"""Amazon RDS instances and Aurora clusters.

Pricing: https://aws.amazon.com/rds/pricing/ and https://aws.amazon.com/rds/aurora/pricing/.
Instance hours per engine and deployment (Single-AZ / Multi-AZ); storage per GB-month (Multi-AZ storage is
its own price); io1 provisioned IOPS; Aurora storage per GB-month and I/O requests from usage. Oracle and SQL
Server instances are priced by edition and licence model (licence included, or bring your own licence).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, running, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    HOURS_IN_MONTH,
    AwsInputs,
    Block,
    Hours,
    Model,
    Quantity,
    Rate,
    Usage,
    choice,
    usage_key,
)

#: Terraform storage_type -> the Price List's volumeType.
STORAGE_TYPES = {"gp2": "General Purpose", "gp3": "General Purpose-GP3", "io1": "Provisioned IOPS",
                 "standard": "Magnetic"}

__all__ = ["ENGINES", "STORAGE_TYPES", "aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance"]

ENGINES = {"mysql": "MySQL", "postgres": "PostgreSQL", "mariadb": "MariaDB", "aurora": "Aurora MySQL",
           "aurora-mysql": "Aurora MySQL", "aurora-postgresql": "Aurora PostgreSQL"}
#: licensed engines: Terraform engine -> (databaseEngine, databaseEdition)
LICENSED = {"oracle-ee": ("Oracle", "Enterprise"), "oracle-se2": ("Oracle", "Standard Two"),
            "oracle-ee-cdb": ("Oracle", "Enterprise"), "oracle-se2-cdb": ("Oracle", "Standard Two"),
            "sqlserver-ee": ("SQL Server", "Enterprise"), "sqlserver-se": ("SQL Server", "Standard"),
            "sqlserver-ex": ("SQL Server", "Express"), "sqlserver-web": ("SQL Server", "Web")}
Engine = Annotated[str, choice(*ENGINES, *LICENSED)]


def _engine_attrs(engine: str, license_model: str | None) -> dict[str, str]:
    if engine in ENGINES:
        attrs = {"databaseEngine": ENGINES[engine]}
        if not engine.startswith("aurora"):
            attrs["licenseModel"] = "No license required"
        return attrs
    name, edition = LICENSED[engine]
    licence = license_model or ("license-included" if name == "SQL Server" or edition == "Standard Two"
                                else "bring-your-own-license")
    if engine.startswith("sqlserver") and licence != "license-included":
        raise InputError(f"{engine} is sold licence included only; license_model {licence!r} is not offered")
    return {"databaseEngine": name, "databaseEdition": edition,
            "licenseModel": "License included" if licence == "license-included" else "Bring your own license"}


class DbInstanceUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the instance runs (default 730)", unit="hours")
    additional_backup_storage_gb: GB | None = usage_key(
        "Backup storage beyond 100% of the instance's storage", unit="GB")


class DbInstance(AwsInputs):
    instance_class: str
    engine: Engine = "mysql"
    license_model: Annotated[str, choice("license-included", "bring-your-own-license",
                                         "general-public-license", "postgresql-license")] | None = None
    multi_az: bool = False
    allocated_storage: GB = Decimal(20)
    storage_type: Annotated[str, choice(*STORAGE_TYPES)] | None = None
    iops: Rate | None = None


@resource("aws_db_instance", example={"instance_class": "db.t3.medium", "engine": "postgres",
                                      "allocated_storage": 50})
def aws_db_instance(i: DbInstance, u: DbInstanceUsage) -> list[CostComponent]:
    """An RDS instance: ``instance_class``, ``engine``, ``license_model``, ``multi_az``, ``allocated_storage``
    (GB, default 20), ``storage_type`` (gp2 default; io1 when ``iops`` is set), ``iops``.

    Pricing: https://aws.amazon.com/rds/pricing/
    """
    deployment = "Multi-AZ" if i.multi_az else "Single-AZ"
    licence = i.license_model if i.license_model in ("license-included", "bring-your-own-license") else None
    attrs = {"instanceType": i.instance_class, "deploymentOption": deployment, **_engine_attrs(i.engine, licence)}
    label = attrs["databaseEngine"] + (f" {attrs['databaseEdition']}" if "databaseEdition" in attrs else "")
    out = [running(f"Database instance ({label}, {deployment}, {i.instance_class})",
                   aws("AmazonRDS", i.region, "Database Instance", **attrs), hours=u.monthly_hrs)]
    storage_type = i.storage_type or ("io1" if i.iops else "gp2")
    out.append(monthly(f"Storage ({storage_type}, {deployment})",
                       aws("AmazonRDS", i.region, "Database Storage", volumeType=STORAGE_TYPES[storage_type],
                           deploymentOption=deployment), i.allocated_storage, unit="GB"))
    if storage_type == "io1":
        out.append(monthly(f"Provisioned IOPS ({deployment})",
                           aws("AmazonRDS", i.region, "Provisioned IOPS", deploymentOption=deployment),
                           i.iops or Decimal(1000), unit="IOPS"))
    if u.additional_backup_storage_gb:
        out.append(monthly("Backup storage beyond the free allowance",
                           aws("AmazonRDS", i.region, "Storage Snapshot", usagetype="RDS:ChargedBackupUsage"),
                           u.additional_backup_storage_gb, unit="GB"))
    return out


class Serverlessv2(Model):
    min_capacity: Rate | None = None
    max_capacity: Rate | None = None


class RdsCluster(AwsInputs):
    engine: Annotated[str, choice("aurora", "aurora-mysql", "aurora-postgresql", "mysql", "postgres")] = (
        "aurora-mysql")
    engine_mode: Annotated[str, choice("provisioned", "serverless", "parallelquery", "global", "multimaster")] = (
        "provisioned")
    serverlessv2_scaling_configuration: Block[Serverlessv2] = None
    storage_type: str | None = None


class RdsClusterUsage(Usage):
    storage_gb: GB | None = usage_key("Storage used by the cluster's volume", unit="GB")
    monthly_io_requests: Quantity | None = usage_key("I/O requests a month (Aurora Standard)", unit="requests")
    capacity_units_per_hr: Rate | None = usage_key("Aurora capacity units per hour (Serverless v1 clusters)",
                                                   unit="ACUs")


@resource("aws_rds_cluster", example={"engine": "aurora-postgresql"})
def aws_rds_cluster(i: RdsCluster, u: RdsClusterUsage) -> list[CostComponent]:
    """An Aurora cluster (its instances are ``aws_rds_cluster_instance``): storage and I/O from usage.

    Usage: ``storage_gb``, ``monthly_io_requests``; a Serverless v1 cluster (``engine_mode = serverless``) bills
    its capacity here (``capacity_units_per_hr``); Serverless v2 capacity is billed per ``db.serverless``
    instance (``aws_rds_cluster_instance``).
    Pricing: https://aws.amazon.com/rds/aurora/pricing/
    """
    engine = ENGINES.get(i.engine, ENGINES["aurora-mysql"])
    out = [
        usage_based("Storage", aws("AmazonRDS", i.region, "Database Storage", usagetype="Aurora:StorageUsage"),
                    u.storage_gb, unit="GB", usage_key="storage_gb"),
        usage_based("I/O requests", aws("AmazonRDS", i.region, "System Operation", usagetype="Aurora:StorageIOUsage"),
                    u.monthly_io_requests, unit="requests", usage_key="monthly_io_requests"),
    ]
    if i.engine_mode == "serverless":
        acu = None if u.capacity_units_per_hr is None else u.capacity_units_per_hr * Decimal(730)
        out.append(usage_based(f"Serverless capacity ({engine})",
                               aws("AmazonRDS", i.region, "Serverless", usagetype="Aurora:ServerlessUsage"),
                               acu, unit="ACU-hours", usage_key="capacity_units_per_hr"))
    return out


class RdsClusterInstance(AwsInputs):
    instance_class: str
    engine: Annotated[str, choice("aurora", "aurora-mysql", "aurora-postgresql")] = "aurora-mysql"


class RdsClusterInstanceUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the instance runs (default 730)", unit="hours")
    monthly_acu_hours: Hours | None = usage_key("Aurora Capacity Unit hours a month of a db.serverless (v2) instance",
                                                unit="ACU-hours")


@resource("aws_rds_cluster_instance", example={"instance_class": "db.r6g.large", "engine": "aurora-postgresql"})
def aws_rds_cluster_instance(i: RdsClusterInstance, u: RdsClusterInstanceUsage) -> list[CostComponent]:
    """An Aurora cluster instance: ``instance_class`` and ``engine`` (aurora-mysql or aurora-postgresql).

    Pricing: https://aws.amazon.com/rds/aurora/pricing/
    """
    engine = ENGINES[i.engine]
    if i.instance_class == "db.serverless":  # Serverless v2: ACU-hours per instance
        return [usage_based(f"Serverless v2 capacity ({engine})",
                            aws("AmazonRDS", i.region, "ServerlessV2", usagetype="Aurora:ServerlessV2Usage"),
                            u.monthly_acu_hours, unit="ACU-hours", usage_key="monthly_acu_hours")]
    query = aws("AmazonRDS", i.region, "Database Instance", instanceType=i.instance_class, databaseEngine=engine,
                deploymentOption="Single-AZ")
    return [running(f"Database instance ({engine}, {i.instance_class})", query, hours=u.monthly_hrs)
            if u.monthly_hrs is not None else hourly(f"Database instance ({engine}, {i.instance_class})", query)]
