"""Amazon MWAA (Managed Workflows for Apache Airflow) environments.

Pricing: https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/ — an environment hour per
``environment_class`` (mw1.micro ... mw1.2xlarge) that includes its base schedulers and one worker; additional
workers and schedulers per instance-hour (usage ``additional_workers``, ``additional_schedulers``, averages over
the month); the meta database per GB-month (usage ``meta_database_gb``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Amount, AwsInputs, Usage, choice, usage_key

__all__ = ["aws_mwaa_environment"]

_CLASSES = ("mw1.micro", "mw1.small", "mw1.medium", "mw1.large", "mw1.xlarge", "mw1.2xlarge")


class MwaaEnvironment(AwsInputs):
    environment_class: Annotated[str, choice(*_CLASSES)] = "mw1.small"


class MwaaUsage(Usage):
    additional_workers: Amount(0, 1000) | None = usage_key(  # type: ignore[valid-type]
        "Workers beyond the one included, on average over the month", unit="workers")
    additional_schedulers: Amount(0, 1000) | None = usage_key(  # type: ignore[valid-type]
        "Schedulers beyond those included, on average over the month", unit="schedulers")
    meta_database_gb: GB | None = usage_key("Storage of the Airflow meta database", unit="GB")


@resource("aws_mwaa_environment", example={"environment_class": "mw1.small"})
def aws_mwaa_environment(i: MwaaEnvironment, u: MwaaUsage) -> list[CostComponent]:
    """An MWAA environment: environment hours of ``environment_class``; extra workers, schedulers and the meta
    database from usage. Pricing: https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/
    """
    size = i.environment_class.removeprefix("mw1.").capitalize()
    hrs = Decimal(730)
    return [
        hourly(f"Environment ({i.environment_class})", aws("AmazonMWAA", i.region, usagetype=f"Environment:{size}")),
        usage_based("Additional workers", aws("AmazonMWAA", i.region, usagetype=f"AdditionalWorker:{size}"),
                    None if u.additional_workers is None else u.additional_workers * hrs, unit="worker-hours",
                    usage_key="additional_workers"),
        usage_based("Additional schedulers", aws("AmazonMWAA", i.region, usagetype=f"AdditionalScheduler:{size}"),
                    None if u.additional_schedulers is None else u.additional_schedulers * hrs,
                    unit="scheduler-hours", usage_key="additional_schedulers"),
        usage_based("Meta database storage", aws("AmazonMWAA", i.region, usagetype="MetaDatabaseStorage"),
                    u.meta_database_gb, unit="GB", usage_key="meta_database_gb"),
    ]
