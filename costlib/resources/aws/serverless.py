"""AWS Lambda functions (requests and compute duration in GB-seconds, tiered; Arm cheaper than x86) and
provisioned concurrency.

Pricing: https://aws.amazon.com/lambda/pricing/ — the monthly free tier (1M requests, 400,000 GB-s) is
per account and is not applied to one function's estimate. Ephemeral storage above the free 512 MB is billed
per GB-second of duration. Provisioned concurrency is billed per GB-second it is configured (concurrency x
memory x seconds), and the invocations it serves at the provisioned duration rate plus the request rate.
SnapStart has no charge for Java; for Python and .NET it bills a cache (per GB-second of cached snapshots) and
each restore (per GB), named as not modelled when a function enables it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, unmodelled, usage_based
from costlib.resources.aws._billing import LambdaMB
from costlib.resources.registry import resource
from costlib.resources.schema import (
    HOURS_IN_MONTH,
    AwsInputs,
    Block,
    Count,
    Milliseconds,
    Model,
    Quantity,
    Usage,
    as_list,
    choice,
    usage_key,
)

__all__ = ["LambdaFunction", "LambdaUsage", "aws_lambda_function", "aws_lambda_provisioned_concurrency_config"]

FREE_EPHEMERAL_MB = Decimal(512)


class Ephemeral(Model):
    size: LambdaMB = Decimal(512)


class SnapStart(Model):
    apply_on: str = "None"


class LambdaFunction(AwsInputs):
    memory_size: LambdaMB = Decimal(128)
    architectures: Annotated[tuple[str, ...], BeforeValidator(as_list)] = ("x86_64",)
    ephemeral_storage: Block[Ephemeral] = None
    snap_start: Block[SnapStart] = None
    runtime: str | None = None


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
    snap = i.snap_start is not None and i.snap_start.apply_on == "PublishedVersions"
    if snap and (i.runtime or "").lower().startswith(("python", "dotnet")):
        out.append(unmodelled("SnapStart cache and restores", "SnapStart for Python and .NET bills a snapshot cache "
                              "and each restore; not priced yet"))
    return out


class ProvisionedConcurrency(AwsInputs):
    provisioned_concurrent_executions: Count
    function_name: str | None = None
    qualifier: str | None = None


class ProvisionedConcurrencyUsage(Usage):
    memory_mb: LambdaMB | None = usage_key("The function's memory_size (default 128 MB, Lambda's default)",
                                          unit="MB")
    architecture: Annotated[str, choice("x86_64", "arm64")] | None = usage_key(
        "The function's architecture: x86_64 (default) or arm64", unit="")
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the concurrency is configured (default 730)",
                                                   unit="hours")
    monthly_requests: Quantity | None = usage_key("Requests the provisioned concurrency serves a month",
                                                  unit="requests")
    request_duration_ms: Milliseconds | None = usage_key("Average billed duration of those requests", unit="ms")


@resource("aws_lambda_provisioned_concurrency_config", example={"function_name": "api", "qualifier": "live",
                                                                "provisioned_concurrent_executions": 5})
def aws_lambda_provisioned_concurrency_config(i: ProvisionedConcurrency,
                                              u: ProvisionedConcurrencyUsage) -> list[CostComponent]:
    """Provisioned concurrency: ``provisioned_concurrent_executions`` x the function's memory (usage
    ``memory_mb``, 128 MB default) for the hours it is configured (``monthly_hrs``, 730), in GB-seconds; plus the
    requests it serves (``monthly_requests``) and their duration (``request_duration_ms``) at the provisioned rate.
    Give those requests here rather than on the function. Pricing: https://aws.amazon.com/lambda/pricing/
    """
    memory = u.memory_mb if u.memory_mb is not None else Decimal(128)
    memory_gb = memory / Decimal(1024)
    arm = u.architecture == "arm64"
    sfx, arch = ("-ARM", "Arm") if arm else ("", "x86")
    hours = u.monthly_hrs if u.monthly_hrs is not None else Decimal(730)
    configured = Decimal(i.provisioned_concurrent_executions) * memory_gb * hours * Decimal(3600)
    requests, duration_ms = u.monthly_requests, u.request_duration_ms
    gb_s = None if requests is None or duration_ms is None else requests * duration_ms / Decimal(1000) * memory_gb
    return [
        monthly(f"Provisioned concurrency ({i.provisioned_concurrent_executions} x {memory} MB, {arch})",
                aws("AWSLambda", i.region, usagetype=f"Lambda-Provisioned-Concurrency{sfx}"), configured,
                unit="GB-seconds"),
        usage_based("Requests", aws("AWSLambda", i.region, usagetype="Request"), requests, unit="requests",
                    usage_key="monthly_requests"),
        usage_based(f"Duration (provisioned, {arch})", aws("AWSLambda", i.region,
                                                           usagetype=f"Lambda-Provisioned-GB-Second{sfx}"),
                    gb_s, unit="GB-seconds", usage_key="request_duration_ms"),
    ]
