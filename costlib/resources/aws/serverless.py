"""AWS Lambda functions: requests and compute duration (GB-seconds, tiered; Arm cheaper than x86).

Pricing: https://aws.amazon.com/lambda/pricing/ — the monthly free tier (1M requests, 400,000 GB-s) is
per account and is not applied to one function's estimate.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent, ResourceSpec
from costlib.resources._attrs import attr, usage
from costlib.resources._q import aws, usage_based
from costlib.resources.aws._common import region
from costlib.resources.registry import register

__all__ = ["aws_lambda_function"]


@register("aws_lambda_function")
def aws_lambda_function(spec: ResourceSpec) -> list[CostComponent]:
    """A Lambda function: ``memory_size`` MB (default 128), ``architectures`` (x86_64 default, arm64).

    Usage: ``monthly_requests``, ``request_duration_ms`` (average billed duration per request).
    Pricing: https://aws.amazon.com/lambda/pricing/
    """
    reg = region(spec)
    memory_gb = Decimal(str(attr(spec, "memory_size", 128))) / Decimal(1024)
    archs = attr(spec, "architectures", ["x86_64"]) or ["x86_64"]
    arm = "arm64" in [str(a) for a in archs]
    requests = usage(spec, "monthly_requests")
    duration_ms = usage(spec, "request_duration_ms")
    gb_seconds = None
    if requests is not None and duration_ms is not None:
        gb_seconds = requests * (duration_ms / Decimal(1000)) * memory_gb
    arch = "Arm" if arm else "x86"
    return [
        usage_based("Requests", aws("AWSLambda", reg, usagetype="Request"), requests, unit="requests",
                    usage_key="monthly_requests"),
        usage_based(f"Duration ({arch})", aws("AWSLambda", reg, usagetype="Lambda-GB-Second-ARM" if arm
                                               else "Lambda-GB-Second"), gb_seconds, unit="GB-seconds",
                    usage_key="request_duration_ms"),
    ]
