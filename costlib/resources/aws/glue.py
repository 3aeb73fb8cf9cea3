"""AWS Glue: Data Catalog databases, crawlers and jobs.

Pricing: https://aws.amazon.com/glue/pricing/ — the Data Catalog stores the first million objects and serves the
first million requests a month free (the allowance is per account; the usage keys say the figures above it), then
per 100,000 objects a month and per million requests; crawlers and jobs bill DPU-hours, per second (crawlers and
Glue 2.0+ jobs with a one-minute minimum, Glue 0.9/1.0 jobs ten minutes); Flex jobs are cheaper per DPU-hour;
Python shell jobs run on 0.0625 or 1 DPU.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import Amount, AwsInputs, Block, Count, Hours, Model, Quantity, Usage, choice, usage_key

__all__ = ["aws_glue_catalog_database", "aws_glue_crawler", "aws_glue_job", "job_dpus"]


class CatalogDatabase(AwsInputs):
    name: str | None = None


class CatalogUsage(Usage):
    monthly_objects: Quantity | None = usage_key("Objects stored above the free million", unit="objects")
    monthly_requests: Quantity | None = usage_key("Requests a month above the free million", unit="requests")


@resource("aws_glue_catalog_database", example={"name": "analytics"})
def aws_glue_catalog_database(i: CatalogDatabase, u: CatalogUsage) -> list[CostComponent]:
    """A Glue Data Catalog database: objects stored and requests above the free allowance, from usage.
    Pricing: https://aws.amazon.com/glue/pricing/ (Data Catalog)
    """
    return [
        usage_based("Objects stored", aws("AWSGlue", i.region, usagetype="Catalog-Storage"),
                    None if u.monthly_objects is None else u.monthly_objects / Decimal(100000),
                    unit="100k objects", usage_key="monthly_objects"),
        usage_based("Requests", aws("AWSGlue", i.region, usagetype="Catalog-Request"),
                    None if u.monthly_requests is None else u.monthly_requests / Decimal(1000000),
                    unit="1M requests", usage_key="monthly_requests"),
    ]


class Crawler(AwsInputs):
    name: str | None = None


class CrawlerUsage(Usage):
    monthly_hours: Hours | None = usage_key("Hours the crawler runs a month", unit="hours")
    dpus: Amount(0, 1000) | None = usage_key(  # type: ignore[valid-type]
        "DPUs the crawler uses while it runs (AWS decides; the crawler's run history shows it)", unit="DPUs")


@resource("aws_glue_crawler", example={"name": "raw"})
def aws_glue_crawler(i: Crawler, u: CrawlerUsage) -> list[CostComponent]:
    """A Glue crawler: DPU-hours (usage ``monthly_hours`` x ``dpus``). Pricing: https://aws.amazon.com/glue/pricing/"""
    qty = None if u.monthly_hours is None or u.dpus is None else u.monthly_hours * u.dpus
    return [usage_based("Crawler DPU-hours", aws("AWSGlue", i.region, usagetype="Crawler-DPU-Hour"), qty,
                        unit="DPU-hours", usage_key="monthly_hours" if u.monthly_hours is None else "dpus")]


_WORKER_DPUS = {"Standard": Decimal(1), "G.025X": Decimal("0.25"), "G.1X": Decimal(1), "G.2X": Decimal(2),
                "G.4X": Decimal(4), "G.8X": Decimal(8), "Z.2X": Decimal(2)}


class Command(Model):
    name: str = "glueetl"


class GlueJob(AwsInputs):
    command: Block[Command] = None
    max_capacity: Amount(0, 1000) | None = None  # type: ignore[valid-type]
    number_of_workers: Count | None = None
    worker_type: Annotated[str, choice(*_WORKER_DPUS)] | None = None
    execution_class: Annotated[str, choice("STANDARD", "FLEX")] = "STANDARD"
    glue_version: str | None = None


class JobUsage(Usage):
    monthly_hours: Hours | None = usage_key("Hours the job runs a month", unit="hours")


def job_dpus(i: GlueJob) -> Decimal:
    """DPUs a job runs on: workers x DPUs per worker, else ``max_capacity``, else Glue's default (10 for Spark
    jobs, 0.0625 for Python shell).

    >>> job_dpus(GlueJob(region="us-east-1", number_of_workers=5, worker_type="G.2X"))
    Decimal('10')
    """
    if i.number_of_workers is not None and i.worker_type is not None:
        return Decimal(i.number_of_workers) * _WORKER_DPUS[i.worker_type]
    if i.max_capacity is not None:
        return Decimal(i.max_capacity)
    return Decimal("0.0625") if (i.command or Command()).name == "pythonshell" else Decimal(10)


@resource("aws_glue_job", example={"command": [{"name": "glueetl"}], "number_of_workers": 10, "worker_type": "G.1X",
                                   "glue_version": "4.0"})
def aws_glue_job(i: GlueJob, u: JobUsage) -> list[CostComponent]:
    """A Glue job: its DPUs x usage ``monthly_hours``; Flex execution, Python shell and streaming jobs at their
    rates. Pricing: https://aws.amazon.com/glue/pricing/
    """
    kind = (i.command or Command()).name
    dpus = job_dpus(i)
    if kind == "pythonshell":
        usagetype, label = "PythonShell-DPU-Hour", "Python shell"
    elif i.execution_class == "FLEX":
        usagetype, label = "ETL-Flex-DPU-Hour", "Spark, Flex"
    elif kind == "gluestreaming":
        usagetype, label = "GlueStreaming-DPU-Hour", "streaming"
    else:
        usagetype, label = "ETL-DPU-Hour", "Spark"
    qty = None if u.monthly_hours is None else u.monthly_hours * dpus
    return [usage_based(f"Job DPU-hours ({label}, {format(dpus.normalize(), 'f')} DPUs)",
                        aws("AWSGlue", i.region, usagetype=usagetype), qty, unit="DPU-hours",
                        usage_key="monthly_hours")]
