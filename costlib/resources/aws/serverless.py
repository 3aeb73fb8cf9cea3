"""AWS Lambda functions: requests and compute duration (GB-seconds, tiered; Arm cheaper than x86).

Pricing: https://aws.amazon.com/lambda/pricing/ — the monthly free tier (1M requests, 400,000 GB-s) is
per account and is not applied to one function's estimate. Ephemeral storage above the free 512 MB is billed
per GB-second of duration.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import MB, AwsInputs, Block, Milliseconds, Model, Quantity, Usage, as_list, usage_key

__all__ = ["LambdaFunction", "LambdaUsage", "aws_lambda_function"]

FREE_EPHEMERAL_MB = Decimal(512)


class Ephemeral(Model):
    size: MB = Decimal(512)


class LambdaFunction(AwsInputs):
    memory_size: MB = Decimal(128)
    architectures: Annotated[tuple[str, ...], BeforeValidator(as_list)] = ("x86_64",)
    ephemeral_storage: Block[Ephemeral] = None


class LambdaUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Requests a month", unit="requests")
    request_duration_ms: Milliseconds | None = usage_key("Average billed duration of a request", unit="ms")


@resource("aws_lambda_function", example={"memory_size": 512})
def aws_lambda_function(i: LambdaFunction, u: LambdaUsage) -> list[CostComponent]:
    """A Lambda function: ``memory_size`` MB (default 128), ``architectures`` (x86_64 default, arm64),
    ``ephemeral_storage.size`` MB (512 free).

    Usage: ``monthly_requests``, ``request_duration_ms`` (average billed duration per request).
    Pricing: https://aws.amazon.com/lambda/pricing/
    """
    memory_gb = i.memory_size / Decimal(1024)
    arm = "arm64" in i.architectures
    requests, duration_ms = u.monthly_requests, u.request_duration_ms
    seconds = None if requests is None or duration_ms is None else requests * (duration_ms / Decimal(1000))
    gb_seconds = None if seconds is None else seconds * memory_gb
    arch = "Arm" if arm else "x86"
    out = [
        usage_based("Requests", aws("AWSLambda", i.region, usagetype="Request"), requests, unit="requests",
                    usage_key="monthly_requests"),
        usage_based(f"Duration ({arch})", aws("AWSLambda", i.region, usagetype="Lambda-GB-Second-ARM" if arm
                                               else "Lambda-GB-Second"), gb_seconds, unit="GB-seconds",
                    usage_key="request_duration_ms"),
    ]
    extra_mb = (i.ephemeral_storage.size if i.ephemeral_storage else FREE_EPHEMERAL_MB) - FREE_EPHEMERAL_MB
    if extra_mb > 0:
        out.append(usage_based(f"Ephemeral storage above 512 MB ({arch})",
                               aws("AWSLambda", i.region, usagetype="Lambda-Provisioned-Storage-ARM" if arm
                                   else "Lambda-Provisioned-Storage"),
                               None if seconds is None else seconds * extra_mb / Decimal(1024), unit="GB-seconds",
                               usage_key="request_duration_ms"))
    return out
