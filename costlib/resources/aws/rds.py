"""Amazon RDS instances and Aurora clusters.

Pricing: https://aws.amazon.com/rds/pricing/ and https://aws.amazon.com/rds/aurora/pricing/.
Instance hours per engine and deployment (Single-AZ / Multi-AZ); storage per GB-month (Multi-AZ storage is
its own price); io1 provisioned IOPS; Aurora storage per GB-month and I/O requests from usage.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.errors import InputError
from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, num, optional_num, usage
from costlib.resources._q import aws, hourly, monthly, usage_based
from costlib.resources.aws._common import region
from costlib.resources.registry import register

#: Terraform storage_type -> the Price List's volumeType.
STORAGE_TYPES = {"gp2": "General Purpose", "gp3": "General Purpose-GP3", "io1": "Provisioned IOPS",
                 "standard": "Magnetic"}

__all__ = ["ENGINES", "STORAGE_TYPES", "aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance"]

ENGINES = {"mysql": "MySQL", "postgres": "PostgreSQL", "mariadb": "MariaDB", "aurora": "Aurora MySQL",
           "aurora-mysql": "Aurora MySQL", "aurora-postgresql": "Aurora PostgreSQL"}


def _engine(spec: ResourceSpec, default: str = "mysql") -> str:
    raw = str(attr(spec, "engine", default)).lower()
    if raw not in ENGINES:
        raise InputError(f"engine {raw!r} is not priced (supported: {', '.join(sorted(ENGINES))}); "
                         "Oracle and SQL Server editions need a licence model", where=spec.address)
    return ENGINES[raw]


@register("aws_db_instance")
def aws_db_instance(spec: ResourceSpec) -> list[CostComponent]:
    """An RDS instance: ``instance_class``, ``engine``, ``multi_az``, ``allocated_storage`` (GB, default 20),
    ``storage_type`` (gp2 default, gp3, io1, standard), ``iops``.

    Pricing: https://aws.amazon.com/rds/pricing/
    """
    klass = attr(spec, "instance_class")
    if not klass:
        raise InputError("instance_class is required", where=spec.address)
    reg = region(spec)
    engine = _engine(spec)
    deployment = "Multi-AZ" if attr(spec, "multi_az", False) else "Single-AZ"
    attrs = {"instanceType": str(klass), "databaseEngine": engine, "deploymentOption": deployment}
    if not engine.startswith("Aurora"):
        attrs["licenseModel"] = "No license required"
    out = [hourly(f"Database instance ({engine}, {deployment}, {klass})",
                  aws("AmazonRDS", reg, "Database Instance", **attrs))]
    storage_type = str(attr(spec, "storage_type", "gp2")).lower()
    if storage_type not in STORAGE_TYPES:
        raise InputError(f"unknown storage_type {storage_type!r}; expected one of {', '.join(STORAGE_TYPES)}",
                         where=spec.address)
    size = num(spec, "allocated_storage", 20)
    out.append(monthly(f"Storage ({storage_type}, {deployment})",
                       aws("AmazonRDS", reg, "Database Storage", volumeType=STORAGE_TYPES[storage_type],
                           deploymentOption=deployment), size, unit="GB"))
    if storage_type == "io1":
        out.append(monthly(f"Provisioned IOPS ({deployment})",
                           aws("AmazonRDS", reg, "Provisioned IOPS", deploymentOption=deployment),
                           optional_num(spec, "iops") or Decimal(1000), unit="IOPS"))
    return out


@register("aws_rds_cluster")
def aws_rds_cluster(spec: ResourceSpec) -> list[CostComponent]:
    """An Aurora cluster (its instances are ``aws_rds_cluster_instance``): storage and I/O from usage.

    Usage: ``storage_gb``, ``monthly_io_requests``. Serverless v2 capacity: ``monthly_acu_hours``.
    Pricing: https://aws.amazon.com/rds/aurora/pricing/
    """
    reg = region(spec)
    engine = _engine(spec, "aurora-mysql")
    out = [
        usage_based("Storage", aws("AmazonRDS", reg, "Database Storage", usagetype="Aurora:StorageUsage"),
                    usage(spec, "storage_gb"), unit="GB", usage_key="storage_gb"),
        usage_based("I/O requests", aws("AmazonRDS", reg, "System Operation", usagetype="Aurora:StorageIOUsage"),
                    usage(spec, "monthly_io_requests"), unit="requests", usage_key="monthly_io_requests"),
    ]
    if str(attr(spec, "engine_mode", "provisioned")) == "provisioned" and spec.attributes.get(
            "serverlessv2_scaling_configuration"):
        out.append(usage_based(f"Serverless v2 capacity ({engine})",
                               aws("AmazonRDS", reg, "ServerlessV2", usagetype="Aurora:ServerlessV2Usage"),
                               usage(spec, "monthly_acu_hours"), unit="ACU-hours", usage_key="monthly_acu_hours"))
    return out


@register("aws_rds_cluster_instance")
def aws_rds_cluster_instance(spec: ResourceSpec) -> list[CostComponent]:
    """An Aurora cluster instance: ``instance_class`` and ``engine`` (aurora-mysql or aurora-postgresql).

    Pricing: https://aws.amazon.com/rds/aurora/pricing/
    """
    klass = attr(spec, "instance_class")
    if not klass:
        raise InputError("instance_class is required", where=spec.address)
    engine = _engine(spec, "aurora-mysql")
    return [hourly(f"Database instance ({engine}, {klass})",
                   aws("AmazonRDS", region(spec), "Database Instance", instanceType=str(klass), databaseEngine=engine,
                       deploymentOption="Single-AZ"))]
