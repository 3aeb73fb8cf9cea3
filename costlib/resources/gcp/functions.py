"""GCP Cloud Functions: 1st gen (``google_cloudfunctions_function``) and 2nd gen (``google_cloudfunctions2_function``).

1st gen (https://cloud.google.com/functions/pricing-1stgen): invocations per million, compute time as GB-seconds
of the memory configured and GHz-seconds of the CPU that comes with it (128 MB: 200 MHz, 256 MB: 400 MHz,
512 MB: 800 MHz, 1 GB: 1.4 GHz, 2 GB: 2.4 GHz, 4 GB and 8 GB: 4.8 GHz), each invocation's time rounded up to the
next 100 ms, and outbound data per GB. 2nd gen functions are Cloud Run services and are billed at Cloud Run's
rates (https://cloud.google.com/functions/pricing): request-based CPU and memory, requests, idle minimum
instances. The free tier (invocations, compute time, egress) is per billing account: not subtracted.
"""

from __future__ import annotations

import math
from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import gcp, unmodelled, usage_based
from costlib.resources.gcp.run import RunUsage, cpu_of, memory_gib, run_components
from costlib.resources.registry import resource
from costlib.resources.schema import GB, Block, Count, GcpInputs, Milliseconds, Model, Quantity, Usage, usage_key

__all__ = ["GHZ_BY_MEMORY_MB", "google_cloudfunctions2_function", "google_cloudfunctions_function"]

#: 1st gen: the CPU clock that comes with each memory size (the pricing page's table).
GHZ_BY_MEMORY_MB = {128: Decimal("0.2"), 256: Decimal("0.4"), 512: Decimal("0.8"), 1024: Decimal("1.4"),
                    2048: Decimal("2.4"), 4096: Decimal("4.8"), 8192: Decimal("4.8")}


class Function(GcpInputs):
    available_memory_mb: Count = 256


class FunctionUsage(Usage):
    request_duration_ms: Milliseconds | None = usage_key("Average duration of an invocation", unit="ms")
    monthly_function_invocations: Quantity | None = usage_key("Invocations a month", unit="invocations")
    monthly_outbound_data_gb: GB | None = usage_key("Data the function sends out a month", unit="GB")


@resource("google_cloudfunctions_function", example={"region": "us-central1", "available_memory_mb": 256})
def google_cloudfunctions_function(i: Function, u: FunctionUsage) -> list[CostComponent]:
    """A 1st gen function: ``available_memory_mb`` (default 256) sets GB-seconds and GHz-seconds per invocation
    (``request_duration_ms`` rounded up to 100 ms) x ``monthly_function_invocations``; invocations per million;
    outbound data per GB. The free tier is per billing account: not applied.

    Pricing: https://cloud.google.com/functions/pricing-1stgen
    """
    reg = i.region
    ghz = GHZ_BY_MEMORY_MB.get(i.available_memory_mb)
    calls = u.monthly_function_invocations
    seconds: Decimal | None = None
    if calls is not None and u.request_duration_ms is not None:
        seconds = calls * Decimal(math.ceil(u.request_duration_ms / Decimal(100))) / Decimal(10)
    gb = Decimal(i.available_memory_mb) / Decimal(1024)
    out = [usage_based("Invocations", gcp("Cloud Functions", reg, resource="invocations"),
                       None if calls is None else calls / Decimal(1_000_000), unit="1M invocations",
                       usage_key="monthly_function_invocations",
                       note="the free tier is per billing account and is not subtracted")]
    if ghz is None:
        out.append(unmodelled(f"Compute time ({i.available_memory_mb} MB)",
                              "1st gen functions come in 128, 256, 512, 1024, 2048, 4096 and 8192 MB"))
    else:
        out += [usage_based(f"Memory time ({i.available_memory_mb} MB)",
                            gcp("Cloud Functions", reg, resource="memory"),
                            None if seconds is None else seconds * gb, unit="GB-seconds",
                            usage_key="request_duration_ms"),
                usage_based(f"CPU time ({ghz} GHz)", gcp("Cloud Functions", reg, resource="cpu"),
                            None if seconds is None else seconds * ghz, unit="GHz-seconds",
                            usage_key="request_duration_ms")]
    out.append(usage_based("Outbound data", gcp("Cloud Functions", reg, resource="egress"),
                           u.monthly_outbound_data_gb, unit="GB", usage_key="monthly_outbound_data_gb"))
    return out


class ServiceConfig(Model):
    available_memory: str = "256M"
    available_cpu: str | None = None
    min_instance_count: Count = 0
    max_instance_request_concurrency: Count = 1


class Function2(GcpInputs):
    service_config: Block[ServiceConfig] = None


class Function2Usage(RunUsage):
    monthly_function_invocations: Quantity | None = usage_key("Invocations a month (as monthly_requests)",
                                                              unit="invocations")


def _default_cpu(mem_gib: Decimal) -> Decimal:
    """2nd gen: the vCPU a memory size gets when ``available_cpu`` is not set (Cloud Functions' table)."""
    for limit, cpu in ((Decimal("0.125"), Decimal("0.083")), (Decimal("0.25"), Decimal("0.167")),
                       (Decimal("0.5"), Decimal("0.333")), (Decimal(1), Decimal("0.583")), (Decimal(2), Decimal(1)),
                       (Decimal(4), Decimal(2)), (Decimal(8), Decimal(2)), (Decimal(16), Decimal(4))):
        if mem_gib <= limit:
            return cpu
    return Decimal(8)


@resource("google_cloudfunctions2_function", example={"location": "us-central1",
                                                      "service_config": [{"available_memory": "256M"}]})
def google_cloudfunctions2_function(i: Function2, u: Function2Usage) -> list[CostComponent]:
    """A 2nd gen function (a Cloud Run service): ``service_config.available_memory`` (default 256M),
    ``available_cpu`` (default by memory size), ``min_instance_count`` and ``max_instance_request_concurrency``
    (default 1), billed at Cloud Run's request-based rates. Usage ``monthly_function_invocations`` (or
    ``monthly_requests``) and ``request_duration_ms``.

    Pricing: https://cloud.google.com/functions/pricing
    """
    cfg = i.service_config or ServiceConfig()
    mem = memory_gib(cfg.available_memory)
    cpu = cpu_of(cfg.available_cpu) if cfg.available_cpu else _default_cpu(mem)
    usage = u if u.monthly_requests is not None or u.monthly_function_invocations is None else \
        u.model_copy(update={"monthly_requests": u.monthly_function_invocations})
    return run_components(i.region, cpu, mem, always=False, min_instances=cfg.min_instance_count,
                          concurrency=cfg.max_instance_request_concurrency, u=usage)
