"""Amazon RDS instances and Aurora clusters.

Pricing: https://aws.amazon.com/rds/pricing/ and https://aws.amazon.com/rds/aurora/pricing/.
Instance hours per engine and deployment (Single-AZ / Multi-AZ); storage per GB-month (Multi-AZ storage is
its own price); io1 provisioned IOPS; Aurora storage per GB-month and I/O requests from usage. Oracle and SQL
Server instances are priced by edition and licence model (licence included, or bring your own licence).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, running, unmodelled, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    HOURS_IN_MONTH,
    AwsInputs,
    Block,
    Count,
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
                 "io2": "Provisioned IOPS-IO2", "standard": "Magnetic"}
#: (Terraform engine prefix, major version) whose standard support has ended: billed RDS Extended Support
#: (https://aws.amazon.com/rds/pricing/ Extended Support; end dates from the RDS release calendars)
EXTENDED_SUPPORT = {("mysql", "5.7"), ("postgres", "11"), ("postgres", "12"), ("aurora-mysql", "5.7"),
                    ("aurora-mysql", "2"), ("aurora-postgresql", "11"), ("aurora-postgresql", "12")}
RI_TERMS = {"1_year": "1yr", "3_year": "3yr"}
RI_PAYMENTS = {"no_upfront": "No Upfront", "partial_upfront": "Partial Upfront", "all_upfront": "All Upfront"}
RI_MONTHS = {"1_year": Decimal(12), "3_year": Decimal(36)}

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


class ReservedUsage(Usage):
    reserved_instance_term: Annotated[str, choice("1_year", "3_year")] | None = usage_key(
        "Term of a Reserved DB Instance: 1_year or 3_year", unit="")
    reserved_instance_payment_option: Annotated[str, choice("no_upfront", "partial_upfront", "all_upfront")] | None = (
        usage_key("Payment option of a Reserved DB Instance: no_upfront, partial_upfront or all_upfront", unit=""))
    vcpu_count: Count | None = usage_key("vCPUs of the instance class (RDS Extended Support is billed per vCPU-hour)",
                                         unit="vCPUs")
    extended_support_year: Annotated[int, Field(ge=1, le=3)] | None = usage_key(
        "Year of RDS Extended Support the engine version is in (1, 2 or 3: year 3 is billed higher)", unit="")


class DbInstanceUsage(ReservedUsage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the instance runs (default 730)", unit="hours")
    additional_backup_storage_gb: GB | None = usage_key(
        "Backup storage beyond 100% of the instance's storage", unit="GB")
    monthly_standard_io_requests: Quantity | None = usage_key("I/O requests a month on magnetic storage",
                                                              unit="requests")


def instance_hours(name: str, region: str, attrs: dict[str, str], u: ReservedUsage,
                   hours: Decimal | None) -> list[CostComponent]:
    """The instance-hour components of one DB instance: on demand, or a Reserved DB Instance from usage (its
    hourly rate and its upfront fee shown over the term)."""
    if u.reserved_instance_term is None and u.reserved_instance_payment_option is None:
        return [running(name, aws("AmazonRDS", region, "Database Instance", **attrs), hours=hours)]
    term = u.reserved_instance_term or "1_year"
    payment = u.reserved_instance_payment_option or "partial_upfront"
    if term == "3_year" and payment == "no_upfront":
        raise InputError("reserved_instance_payment_option: no_upfront is offered for 1_year terms only")
    term_name = f"{RI_TERMS[term]} {RI_PAYMENTS[payment]} standard"
    label = f"{name}, reserved {term.replace('_', ' ')} {payment.replace('_', ' ')}"
    out: list[CostComponent] = []
    if payment != "all_upfront":
        out.append(running(label, aws("AmazonRDS", region, "Database Instance", option="reserved", term=term_name,
                                      unit="Hrs", **attrs), hours=hours))
    if payment != "no_upfront":
        out.append(monthly(f"{label}, upfront fee over {RI_MONTHS[term]:.0f} months",
                           aws("AmazonRDS", region, "Database Instance", option="reserved", term=term_name,
                               unit="Quantity", **attrs), Decimal(1) / RI_MONTHS[term], unit="instances"))
    return out


def extended_support(region: str, engine: str, version: str | None, u: ReservedUsage,
                     hours: Decimal | None) -> list[CostComponent]:
    """RDS Extended Support of an engine version past its standard support: per vCPU-hour, by support year."""
    if not version:
        return []
    parts = version.split(".")
    major = parts[0] if engine.endswith("postgres") or engine.endswith("postgresql") or parts[0] != "5" else \
        ".".join(parts[:2])
    if (engine, major) not in EXTENDED_SUPPORT:
        return []
    if u.extended_support_year is None:
        return [unmodelled(f"Extended Support ({engine} {major})",
                           "the rate depends on the support year: give extended_support_year (1-3) and vcpu_count")]
    year = "Yr1-Yr2" if u.extended_support_year < 3 else "Yr3"
    qty = None if u.vcpu_count is None else Decimal(u.vcpu_count) * (Decimal(730) if hours is None else hours)
    kind = "Aurora" if engine.startswith("aurora") else "RDS"
    return [usage_based(f"Extended Support ({engine} {major}, {year})",
                        aws("AmazonRDS", region, "Extended Support",
                            usagetype=f"{kind}:ExtendedSupport:{year}:{ENGINE_CODES[engine]}"),
                        qty, unit="vCPU-hours", usage_key="vcpu_count")]


ENGINE_CODES = {"mysql": "MySQL", "postgres": "PostgreSQL", "aurora-mysql": "AuroraMySQL",
                "aurora-postgresql": "AuroraPostgreSQL"}
#: gp3 storage size from which RDS includes 12,000 IOPS and 500 MiB/s (below: 3,000 and 125); SQL Server never
GP3_THRESHOLD_GB = {"oracle": Decimal(200)}


class DbInstance(AwsInputs):
    instance_class: str
    engine: Engine = "mysql"
    license_model: Annotated[str, choice("license-included", "bring-your-own-license",
                                         "general-public-license", "postgresql-license")] | None = None
    multi_az: bool = False
    allocated_storage: GB = Decimal(20)
    storage_type: Annotated[str, choice(*STORAGE_TYPES)] | None = None
    iops: Rate | None = None
    storage_throughput: Rate | None = None
    engine_version: str | None = None


def _gp3_included(engine: str, size: Decimal) -> tuple[Decimal, Decimal]:
    if engine.startswith("sqlserver"):
        return Decimal(3000), Decimal(125)
    threshold = GP3_THRESHOLD_GB.get(engine.split("-")[0], Decimal(400))
    return (Decimal(12000), Decimal(500)) if size >= threshold else (Decimal(3000), Decimal(125))


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
    out = instance_hours(f"Database instance ({label}, {deployment}, {i.instance_class})", i.region, attrs, u,
                         u.monthly_hrs)
    storage_type = i.storage_type or ("io1" if i.iops else "gp2")
    out.append(monthly(f"Storage ({storage_type}, {deployment})",
                       aws("AmazonRDS", i.region, "Database Storage", volumeType=STORAGE_TYPES[storage_type],
                           deploymentOption=deployment), i.allocated_storage, unit="GB"))
    prefix = "RDS:Multi-AZ-" if i.multi_az else "RDS:"
    if storage_type == "io1":
        out.append(monthly(f"Provisioned IOPS ({deployment})",
                           aws("AmazonRDS", i.region, "Provisioned IOPS", deploymentOption=deployment),
                           i.iops or Decimal(1000), unit="IOPS"))
    elif storage_type == "io2":
        out.append(monthly(f"Provisioned IOPS (io2, {deployment})",
                           aws("AmazonRDS", i.region, "Provisioned IOPS", usagetype=f"{prefix}IO2-PIOPS"),
                           i.iops or Decimal(1000), unit="IOPS"))
    elif storage_type == "gp3":
        base_iops, base_tp = _gp3_included(i.engine, i.allocated_storage)
        extra_iops = max(Decimal(0), (i.iops or base_iops) - base_iops)
        extra_tp = max(Decimal(0), (i.storage_throughput or base_tp) - base_tp)
        if extra_iops:
            out.append(monthly(f"gp3 IOPS above the included {base_iops:,.0f} ({deployment})",
                               aws("AmazonRDS", i.region, "Provisioned IOPS", usagetype=f"{prefix}GP3-PIOPS"),
                               extra_iops, unit="IOPS"))
        if extra_tp:
            out.append(monthly(f"gp3 throughput above the included {base_tp:,.0f} MiB/s ({deployment})",
                               aws("AmazonRDS", i.region, "Provisioned Throughput",
                                   usagetype=f"{prefix}GP3-Throughput"), extra_tp, unit="MiBps"))
    elif storage_type == "standard":
        out.append(usage_based("I/O requests (magnetic)", aws("AmazonRDS", i.region, "System Operation",
                                                              usagetype="RDS:StorageIOUsage"),
                               u.monthly_standard_io_requests, unit="requests", usage_key="monthly_standard_io_requests"))
    out += extended_support(i.region, i.engine, i.engine_version, u, u.monthly_hrs)
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
    storage_type: Annotated[str, choice("aurora", "aurora-iopt1", "gp3", "io1", "io2", "")] | None = None
    db_cluster_instance_class: str | None = None
    allocated_storage: GB | None = None
    iops: Rate | None = None
    engine_version: str | None = None


class RdsClusterUsage(ReservedUsage):
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
    if i.engine in ("mysql", "postgres"):
        return _multi_az_cluster(i, u)
    engine = ENGINES.get(i.engine, ENGINES["aurora-mysql"])
    if i.storage_type == "aurora-iopt1":  # I/O-Optimized: no I/O charge, its own storage rate
        return [usage_based("Storage (I/O-Optimized)", aws("AmazonRDS", i.region, "Database Storage",
                                                           usagetype="Aurora:IO-OptimizedStorageUsage"),
                            u.storage_gb, unit="GB", usage_key="storage_gb"),
                *extended_support(i.region, i.engine, i.engine_version, u, None)]
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
    return out + extended_support(i.region, i.engine, i.engine_version, u, None)


def _multi_az_cluster(i: RdsCluster, u: RdsClusterUsage) -> list[CostComponent]:
    """A Multi-AZ DB cluster (MySQL or PostgreSQL, one writer and two readable standbys): the deployment's hours,
    storage and provisioned IOPS at the Multi-AZ cluster rates (https://aws.amazon.com/rds/pricing/)."""
    if not i.db_cluster_instance_class:
        raise InputError("a Multi-AZ DB cluster (engine mysql or postgres) needs db_cluster_instance_class")
    engine = ENGINES[i.engine]
    attrs = {"instanceType": i.db_cluster_instance_class, "databaseEngine": engine,
             "deploymentOption": "Multi-AZ (readable standbys)", "licenseModel": "No license required"}
    out = instance_hours(f"Multi-AZ DB cluster ({engine}, {i.db_cluster_instance_class})", i.region, attrs, u, None)
    storage = i.storage_type or "io1"
    kind = {"io1": "PIOPS", "io2": "IO2", "gp3": "GP3"}.get(storage, "PIOPS")
    out.append(monthly(f"Storage ({storage}, Multi-AZ DB cluster)",
                       aws("AmazonRDS", i.region, "Database Storage", usagetype=f"RDS:Multi-AZCluster-{kind}-Storage"),
                       i.allocated_storage or Decimal(100), unit="GB"))
    if storage in ("io1", "io2") or (i.iops or 0) > 3000:
        iops = i.iops or Decimal(1000)
        out.append(monthly(f"Provisioned IOPS ({storage}, Multi-AZ DB cluster)",
                           aws("AmazonRDS", i.region, "Provisioned IOPS",
                               usagetype="RDS:Multi-AZCluster-PIOPS" if kind == "PIOPS" else
                               f"RDS:Multi-AZCluster-{kind}-PIOPS"),
                           iops if kind != "GP3" else iops - 3000, unit="IOPS"))
    return out + extended_support(i.region, i.engine, i.engine_version, u, None)


class RdsClusterInstance(AwsInputs):
    instance_class: str
    engine: Annotated[str, choice("aurora", "aurora-mysql", "aurora-postgresql")] = "aurora-mysql"
    engine_version: str | None = None


class RdsClusterInstanceUsage(ReservedUsage):
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
    attrs = {"instanceType": i.instance_class, "databaseEngine": engine, "deploymentOption": "Single-AZ"}
    return (instance_hours(f"Database instance ({engine}, {i.instance_class})", i.region, attrs, u, u.monthly_hrs)
            + extended_support(i.region, i.engine, i.engine_version, u, u.monthly_hrs))
