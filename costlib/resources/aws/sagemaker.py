"""Amazon SageMaker real-time endpoints (their endpoint configurations) and notebook instances.

Pricing: https://aws.amazon.com/sagemaker/pricing/ — real-time inference bills instance hours per ML instance
type for each instance of each production variant; serverless inference bills compute per GB-second of memory
and data processed (usage). The cost is carried by ``aws_sagemaker_endpoint_configuration``: its
``production_variant`` blocks say the instances, while ``aws_sagemaker_endpoint`` only names its configuration
(the plan does not resolve it); ``aws_sagemaker_endpoint`` is listed as free for that reason, and an endpoint
configuration that no endpoint deploys costs nothing (usage ``endpoints: 0``). Notebook instances bill instance
hours and ML storage per GB-month (``volume_size``, 5 GB by default).
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, running, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, HOURS_IN_MONTH, AwsInputs, Block, Blocks, Count, Model, Quantity, Usage, usage_key

__all__ = ["aws_sagemaker_endpoint_configuration", "aws_sagemaker_notebook_instance"]


class ServerlessConfig(Model):
    memory_size_in_mb: Count = 1024
    max_concurrency: Count = 1


class Variant(Model):
    variant_name: str | None = None
    instance_type: str | None = None
    initial_instance_count: Count = 1
    serverless_config: Block[ServerlessConfig] = None


class EndpointConfiguration(AwsInputs):
    production_variants: Blocks[Variant] = ()


class EndpointUsage(Usage):
    endpoints: Count | None = usage_key("Endpoints deploying this configuration (default 1)", unit="endpoints")
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the endpoint runs (default 730)", unit="hours")
    monthly_serverless_inference_seconds: Quantity | None = usage_key(
        "Seconds of serverless inference a month (for serverless variants)", unit="seconds")
    monthly_data_processed_gb: GB | None = usage_key("Data in and out of serverless variants a month", unit="GB")


@resource("aws_sagemaker_endpoint_configuration", example={"production_variants": [
    {"variant_name": "main", "instance_type": "ml.m5.large", "initial_instance_count": 2}]})
def aws_sagemaker_endpoint_configuration(i: EndpointConfiguration, u: EndpointUsage) -> list[CostComponent]:
    """A SageMaker endpoint configuration, as deployed by its endpoint: ``initial_instance_count`` instances of each
    production variant's ``instance_type``; serverless variants by GB-seconds from usage.
    Pricing: https://aws.amazon.com/sagemaker/pricing/ (Real-Time Inference)
    """
    endpoints = Decimal(1 if u.endpoints is None else u.endpoints)
    out: list[CostComponent] = []
    for n, v in enumerate(i.production_variants):
        name = v.variant_name or f"variant {n + 1}"
        if v.serverless_config is not None:
            gb = Decimal(v.serverless_config.memory_size_in_mb) / 1024
            secs = u.monthly_serverless_inference_seconds
            out.append(usage_based(f"Serverless inference ({name}, {v.serverless_config.memory_size_in_mb} MB)",
                                   aws("AmazonSageMaker", i.region,
                                       usagetype=f"ServerlessInf:Mem-{gb.normalize():f}GB"),
                                   None if secs is None else secs * endpoints, unit="seconds",
                                   usage_key="monthly_serverless_inference_seconds"))
            out.append(usage_based(f"Serverless data processed ({name})",
                                   aws("AmazonSageMaker", i.region, usagetype="ServerlessInf:Data-Bytes-In"),
                                   u.monthly_data_processed_gb, unit="GB", usage_key="monthly_data_processed_gb"))
        elif v.instance_type:
            count = Decimal(v.initial_instance_count) * endpoints
            if count:
                out.append(running(f"Endpoint instances ({name}, {v.instance_type})",
                                   aws("AmazonSageMaker", i.region, usagetype=f"Host:{v.instance_type}"), count,
                                   u.monthly_hrs))
    return out


class NotebookInstance(AwsInputs):
    instance_type: str
    volume_size: GB = Decimal(5)


class NotebookUsage(Usage):
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the notebook runs (default 730)", unit="hours")


@resource("aws_sagemaker_notebook_instance", example={"instance_type": "ml.t3.medium"})
def aws_sagemaker_notebook_instance(i: NotebookInstance, u: NotebookUsage) -> list[CostComponent]:
    """A SageMaker notebook instance: ``instance_type`` hours and ``volume_size`` GB of ML storage.
    Pricing: https://aws.amazon.com/sagemaker/pricing/ (Notebook instances)
    """
    return [running(f"Notebook instance ({i.instance_type})",
                    aws("AmazonSageMaker", i.region, usagetype=f"Notebk:{i.instance_type}"), hours=u.monthly_hrs),
            monthly("ML storage", aws("AmazonSageMaker", i.region, usagetype="Notebk:VolumeUsage.gp2"),
                    i.volume_size, unit="GB")]
