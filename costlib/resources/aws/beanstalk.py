"""AWS Elastic Beanstalk environments: the EC2 instances, load balancer, database and logs they create.

Pricing: https://aws.amazon.com/elasticbeanstalk/pricing/ — no charge for Elastic Beanstalk; the environment's
resources are billed as themselves. Read from the ``setting`` blocks the plan carries:
``aws:autoscaling:asg`` MinSize (default 1) instances of ``aws:ec2:instances`` InstanceTypes (the first) or
``aws:autoscaling:launchconfiguration`` InstanceType, with RootVolumeSize / RootVolumeType; a ``LoadBalanced``
web-server environment (the default) has a load balancer of ``aws:elasticbeanstalk:environment``
LoadBalancerType (default classic), a ``SingleInstance`` one an Elastic IP, a ``Worker`` tier neither;
``aws:rds:dbinstance`` settings add an RDS instance (DBEngine default mysql, DBInstanceClass, DBAllocatedStorage
default 5 GB for MySQL, PostgreSQL and MariaDB, MultiDatabase). Usage sections as other tools name them:
``ec2``, ``lb``, ``elb``, ``db``, ``cloudwatch``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, unmodelled, usage_based
from costlib.resources.aws.ebs import VOLUME_TYPES, volume_components
from costlib.resources.aws.ec2 import InstanceUsage, instance_components
from costlib.resources.aws.network import ClassicLoadBalancerUsage, LoadBalancerUsage, lcu_hours
from costlib.resources.aws.rds import DbInstance, DbInstanceUsage, aws_db_instance
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Blocks, Count, Model, Usage, describe_errors, usage_key

__all__ = ["BeanstalkEnvironment", "aws_elastic_beanstalk_environment"]


class Setting(Model):
    namespace: str
    name: str
    value: str = ""


class BeanstalkEnvironment(AwsInputs):
    tier: str = "WebServer"
    setting: Blocks[Setting] = ()


class Ec2Usage(InstanceUsage):
    instances: Count | None = usage_key("Instances running on average (default: MinSize)", unit="instances")


class LogsUsage(Model):
    monthly_data_ingested_gb: GB | None = usage_key("Log data ingested a month", unit="GB")
    storage_gb: GB | None = usage_key("Log data stored", unit="GB")


class BeanstalkUsage(Usage):
    ec2: Block[Ec2Usage] = usage_key("Usage of the environment's instances", unit="")
    lb: Block[LoadBalancerUsage] = usage_key("Usage of an application or network load balancer", unit="")
    elb: Block[ClassicLoadBalancerUsage] = usage_key("Usage of a classic load balancer", unit="")
    db: Block[DbInstanceUsage] = usage_key("Usage of the environment's RDS instance", unit="")
    cloudwatch: Block[LogsUsage] = usage_key("Usage of the CloudWatch logs the environment streams", unit="")


def _settings(i: BeanstalkEnvironment) -> dict[tuple[str, str], str]:
    return {(s.namespace.lower(), s.name.lower()): s.value for s in i.setting}


def _count(value: str | None, what: str, default: int) -> Decimal:
    if value is None or value == "":
        return Decimal(default)
    try:
        n = Decimal(value)
    except ArithmeticError:
        raise InputError(f"setting {what}: {value!r} is not a number") from None
    if not n.is_finite() or n < 0 or n > 10**6:
        raise InputError(f"setting {what}: {value!r} is not a count")
    return n


@resource("aws_elastic_beanstalk_environment", example={"setting": [
    {"namespace": "aws:autoscaling:launchconfiguration", "name": "InstanceType", "value": "t3.small"},
    {"namespace": "aws:autoscaling:asg", "name": "MinSize", "value": "2"}]})
def aws_elastic_beanstalk_environment(i: BeanstalkEnvironment, u: BeanstalkUsage) -> list[CostComponent]:
    """An Elastic Beanstalk environment: its instances, load balancer or Elastic IP, RDS instance and logs, from
    its settings. Pricing: https://aws.amazon.com/elasticbeanstalk/pricing/
    """
    s = _settings(i)
    ec2u = u.ec2 or Ec2Usage()
    count = Decimal(ec2u.instances) if ec2u.instances is not None else _count(
        s.get(("aws:autoscaling:asg", "minsize")), "aws:autoscaling:asg MinSize", 1)
    types = s.get(("aws:ec2:instances", "instancetypes")) or s.get(("aws:autoscaling:launchconfiguration",
                                                                    "instancetype"))
    out: list[CostComponent] = []
    itype = types.split(",")[0].strip() if types else ""
    if itype:
        out += instance_components(i.region, itype, ec2u, count=count)
    else:
        out.append(unmodelled("Instances", "no InstanceType setting: Elastic Beanstalk picks the account's default "
                                           "type (say it in aws:ec2:instances InstanceTypes)"))
    vtype = (s.get(("aws:autoscaling:launchconfiguration", "rootvolumetype")) or "gp2").lower()
    if vtype not in VOLUME_TYPES:
        raise InputError(f"setting RootVolumeType: unknown EBS volume type {vtype!r}")
    size = _count(s.get(("aws:autoscaling:launchconfiguration", "rootvolumesize")), "RootVolumeSize", 8)
    out += volume_components(i.region, vtype, size, None, None, label="Root volumes", count=count)
    env_type = (s.get(("aws:elasticbeanstalk:environment", "environmenttype")) or "LoadBalanced").lower()
    if i.tier.lower() != "worker":
        if env_type == "singleinstance":
            out.append(hourly("Public IPv4 address", aws("AmazonVPC", i.region, usagetype="PublicIPv4:InUseAddress"),
                              count))
        else:
            out += _load_balancer(i.region, (s.get(("aws:elasticbeanstalk:environment", "loadbalancertype"))
                                             or "classic").lower(), u)
    if any(ns == "aws:rds:dbinstance" for ns, _ in s):
        out += _database(i.region, s, u.db or DbInstanceUsage())
    logs = u.cloudwatch or LogsUsage()
    if (s.get(("aws:elasticbeanstalk:cloudwatch:logs", "streamlogs")) or "").lower() == "true" or \
            logs.monthly_data_ingested_gb is not None:
        out.append(usage_based("CloudWatch logs ingested", aws("AmazonCloudWatch", i.region,
                                                              usagetype="DataProcessing-Bytes"),
                               logs.monthly_data_ingested_gb, unit="GB", usage_key="cloudwatch.monthly_data_ingested_gb"))
        out.append(usage_based("CloudWatch logs stored", aws("AmazonCloudWatch", i.region,
                                                            usagetype="TimedStorage-ByteHrs"),
                               logs.storage_gb, unit="GB", usage_key="cloudwatch.storage_gb"))
    return out


def _load_balancer(region: str, kind: str, u: BeanstalkUsage) -> list[CostComponent]:
    if kind == "classic":
        elb = u.elb or ClassicLoadBalancerUsage()
        return [hourly("Classic load balancer", aws("AWSELB", region, "Load Balancer", usagetype="LoadBalancerUsage")),
                usage_based("Load balancer data processed",
                            aws("AWSELB", region, "Load Balancer", usagetype="DataProcessing-Bytes"),
                            elb.monthly_data_processed_gb, unit="GB", usage_key="elb.monthly_data_processed_gb")]
    if kind not in ("application", "network"):
        raise InputError(f"setting LoadBalancerType: {kind!r} is not classic, application or network")
    family = "Load Balancer-Application" if kind == "application" else "Load Balancer-Network"
    cu = "LCU" if kind == "application" else "NLCU"
    lb = u.lb or LoadBalancerUsage()
    return [hourly(f"{kind.capitalize()} load balancer", aws("AWSELB", region, family, usagetype="LoadBalancerUsage")),
            usage_based(f"Load balancer capacity units ({cu})", aws("AWSELB", region, family, usagetype="LCUUsage"),
                        lcu_hours(kind, lb), unit=f"{cu}-hours", usage_key="lb.processed_bytes_gb")]


def _database(region: str, s: dict[tuple[str, str], str], u: DbInstanceUsage) -> list[CostComponent]:
    ns = "aws:rds:dbinstance"
    klass = s.get((ns, "dbinstanceclass"))
    engine = (s.get((ns, "dbengine")) or "mysql").lower()
    storage = s.get((ns, "dballocatedstorage")) or ("5" if engine in ("mysql", "postgres", "mariadb") else None)
    if not klass or storage is None:
        return [unmodelled("Database instance", "aws:rds:dbinstance settings without DBInstanceClass or "
                                                "DBAllocatedStorage: the database size is not known")]
    attrs: dict[str, Any] = {"region": region, "instance_class": klass, "engine": engine,
                             "multi_az": (s.get((ns, "multidatabase")) or "false").lower() == "true",
                             "allocated_storage": storage}
    try:
        db = DbInstance.model_validate(attrs)
    except ValidationError as exc:
        raise InputError("setting aws:rds:dbinstance: " + "; ".join(describe_errors(exc.errors()))) from None
    return aws_db_instance(db, u)

