"""GCP Cloud Run services and jobs (and the Cloud Run billing that 2nd gen Cloud Functions use).

Billing (https://cloud.google.com/run/pricing): CPU per vCPU-second and memory per GiB-second of billable
instance time, plus requests per million.

- **Request-based billing** (the default: CPU allocated only while requests are processed): billable time is the
  time instances spend serving requests (from usage: ``monthly_requests`` x ``request_duration_ms``, shared by
  up to ``concurrency`` requests per instance); minimum instances are billed while idle at the idle rate.
- **Instance-based billing** (CPU always allocated: v2 ``cpu_idle = false``, v1 annotation
  ``run.googleapis.com/cpu-throttling: "false"``): every instance is billed for its whole life at the
  instance-based rate (usage ``instances``, else the minimum instances), and requests are not charged.
- The free tier (vCPU-seconds, GiB-seconds and requests each month) is **per billing account**, not per
  service: it is not subtracted here.

Defaults: 1 vCPU and 512 MiB per instance, concurrency 80 (Cloud Run) or 1 (2nd gen functions).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import Field

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import gcp, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import (
    Block,
    Blocks,
    Count,
    GcpInputs,
    Milliseconds,
    Model,
    Quantity,
    Rate,
    Usage,
    usage_key,
)

__all__ = ["RunUsage", "cpu_of", "memory_gib", "run_components"]

SECONDS_A_MONTH = Decimal(730 * 3600)
_MEM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|k|K|M|G|T)?i?B?\s*$")
_FACTORS = {None: Decimal(1) / 2**30, "Ki": Decimal(1) / 2**20, "Mi": Decimal(1) / 1024, "Gi": Decimal(1),
            "Ti": Decimal(1024), "k": Decimal(1000) / 2**30, "K": Decimal(1000) / 2**30,
            "M": Decimal(10**6) / 2**30, "G": Decimal(10**9) / 2**30, "T": Decimal(10**12) / 2**30}


def memory_gib(text: str) -> Decimal:
    """A Kubernetes-style memory quantity in GiB.

    >>> memory_gib("512Mi"), memory_gib("2Gi"), memory_gib("256M").quantize(Decimal("0.0001"))
    (Decimal('0.5'), Decimal('2'), Decimal('0.2384'))
    """
    m = _MEM.match(str(text))
    if not m:
        raise InputError(f"memory {text!r} is not a quantity such as 512Mi or 2Gi")
    value = (Decimal(m.group(1)) * _FACTORS[m.group(2)]).normalize()
    if value > 1024:
        raise InputError(f"memory {text!r} is above the largest Cloud Run instance")
    return value


def cpu_of(text: str) -> Decimal:
    """A CPU quantity in vCPUs: ``"1"``, ``"2"``, ``"1000m"``.

    >>> cpu_of("2"), cpu_of("500m")
    (Decimal('2'), Decimal('0.5'))
    """
    raw = str(text).strip()
    try:
        value = Decimal(raw[:-1]) / 1000 if raw.endswith("m") else Decimal(raw)
    except ArithmeticError:
        raise InputError(f"cpu {text!r} is not a quantity such as 1, 2 or 1000m") from None
    if not value.is_finite() or value <= 0 or value > 64:
        raise InputError(f"cpu {text!r} is outside 0-64 vCPUs")
    return value


class RunUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Requests a month", unit="requests")
    request_duration_ms: Milliseconds | None = usage_key("Average time an instance spends on a request", unit="ms")
    concurrency: Count | None = usage_key("Requests an instance serves at once (overrides the configuration)",
                                          unit="requests")
    instances: Rate | None = usage_key("Average instances running (instance-based billing)", unit="instances")


def _shown(value: Decimal) -> str:
    """A size for a label: at most 3 decimals (0.2384185791015625 GiB -> 0.238)."""
    return format(value.quantize(Decimal("0.001")).normalize(), "f")


def run_components(region: str, cpu: Decimal, mem: Decimal, *, always: bool, min_instances: int,
                   concurrency: int, u: RunUsage, label: str = "") -> list[CostComponent]:
    """The Cloud Run lines of one service: CPU, memory (and idle minimum instances), requests."""
    reg = region
    prefix = f"{label} " if label else ""
    cpu_s, mem_s = _shown(cpu), _shown(mem)
    if always:
        count = u.instances if u.instances is not None else (Decimal(min_instances) if min_instances else None)
        secs = None if count is None else Decimal(count) * SECONDS_A_MONTH
        note = None if u.instances is not None or count is None else "minimum instances, running all month"
        return [
            usage_based(f"{prefix}CPU (instance-based, {cpu_s} vCPU)",
                        gcp("Cloud Run", reg, resource="cpu", billing="instance"),
                        None if secs is None else secs * cpu, unit="vCPU-seconds", usage_key="instances", note=note),
            usage_based(f"{prefix}Memory (instance-based, {mem_s} GiB)",
                        gcp("Cloud Run", reg, resource="memory", billing="instance"),
                        None if secs is None else secs * mem, unit="GiB-seconds", usage_key="instances", note=note),
        ]
    busy: Decimal | None = None
    if u.monthly_requests is not None and u.request_duration_ms is not None:
        per = Decimal(u.concurrency or concurrency or 1)
        busy = u.monthly_requests * u.request_duration_ms / Decimal(1000) / per
    out = [
        usage_based(f"{prefix}CPU (request-based, {cpu_s} vCPU)", gcp("Cloud Run", reg, resource="cpu",
                                                                      billing="request"),
                    None if busy is None else busy * cpu, unit="vCPU-seconds", usage_key="monthly_requests"),
        usage_based(f"{prefix}Memory (request-based, {mem_s} GiB)", gcp("Cloud Run", reg, resource="memory",
                                                                        billing="request"),
                    None if busy is None else busy * mem, unit="GiB-seconds", usage_key="monthly_requests"),
    ]
    if min_instances:
        idle = max(Decimal(0), Decimal(min_instances) * SECONDS_A_MONTH - (busy or Decimal(0)))
        out += [monthly(f"{prefix}Idle minimum instances CPU ({min_instances} x {cpu_s} vCPU)",
                        gcp("Cloud Run", reg, resource="cpu", billing="idle"), idle * cpu, unit="vCPU-seconds"),
                monthly(f"{prefix}Idle minimum instances memory ({min_instances} x {mem_s} GiB)",
                        gcp("Cloud Run", reg, resource="memory", billing="idle"), idle * mem, unit="GiB-seconds")]
    out.append(usage_based(f"{prefix}Requests", gcp("Cloud Run", reg, resource="requests"),
                           None if u.monthly_requests is None else u.monthly_requests / Decimal(1_000_000),
                           unit="1M requests", usage_key="monthly_requests",
                           note="the free tier is per billing account and is not subtracted"))
    return out


# --- google_cloud_run_v2_service / job ---------------------------------------------------------------------
class Limits(Model):
    cpu: str = "1"
    memory: str = "512Mi"


class Resources(Model):
    limits: dict[str, Any] | None = None
    cpu_idle: bool | None = None


class Container(Model):
    resources: Block[Resources] = None


class Scaling(Model):
    min_instance_count: Count = 0
    max_instance_count: Count | None = None


class V2Template(Model):
    containers: Blocks[Container] = ()
    scaling: Block[Scaling] = None
    max_instance_request_concurrency: Count = 80


def _limits(containers: tuple[Container, ...]) -> tuple[Decimal, Decimal, bool | None, bool]:
    """Total vCPU and GiB of an instance (all its containers), its cpu_idle and whether resources were set."""
    if not containers:
        return Decimal(1), Decimal("0.5"), None, False
    cpu = mem = Decimal(0)
    idle: bool | None = None
    set_any = False
    for c in containers:
        res = c.resources or Resources()
        limits = {k: v for k, v in (res.limits or {}).items() if v is not None}
        set_any = set_any or c.resources is not None
        cpu += cpu_of(str(limits.get("cpu", "1")))
        mem += memory_gib(str(limits.get("memory", "512Mi")))
        if res.cpu_idle is not None:
            idle = res.cpu_idle if idle is None else idle and res.cpu_idle
    return cpu, mem, idle, set_any


class RunV2Service(GcpInputs):
    template: Block[V2Template] = None
    scaling: Block[Scaling] = None


@resource("google_cloud_run_v2_service", example={"location": "us-central1", "template": [{"containers": [
    {"resources": [{"limits": {"cpu": "1", "memory": "512Mi"}, "cpu_idle": True}]}]}]})
def google_cloud_run_v2_service(i: RunV2Service, u: RunUsage) -> list[CostComponent]:
    """A Cloud Run service: each container's ``resources.limits`` (default 1 vCPU, 512Mi), ``cpu_idle`` (true:
    request-based billing; false: instance-based; when ``resources`` is set without it, the provider's default is
    false), ``scaling.min_instance_count`` (idle minimum instances are billed) and
    ``max_instance_request_concurrency`` (default 80). The free tier is per billing account: not applied.

    Pricing: https://cloud.google.com/run/pricing
    """
    t = i.template or V2Template()
    cpu, mem, idle, set_any = _limits(t.containers)
    always = (idle is False) or (idle is None and set_any)
    mins = max((t.scaling or Scaling()).min_instance_count, (i.scaling or Scaling()).min_instance_count)
    return run_components(i.region, cpu, mem, always=always, min_instances=mins,
                          concurrency=t.max_instance_request_concurrency, u=u)


class JobTaskTemplate(Model):
    containers: Blocks[Container] = ()


class JobExecutionTemplate(Model):
    task_count: Count = 1
    parallelism: Count | None = None
    template: Block[JobTaskTemplate] = None


class RunV2Job(GcpInputs):
    template: Block[JobExecutionTemplate] = None


class RunJobUsage(Usage):
    monthly_executions: Quantity | None = usage_key("Job executions a month", unit="executions")
    task_duration_seconds: Rate | None = usage_key("Average run time of one task", unit="seconds")


@resource("google_cloud_run_v2_job", example={"location": "us-central1", "template": [{"task_count": 1}]})
def google_cloud_run_v2_job(i: RunV2Job, u: RunJobUsage) -> list[CostComponent]:
    """A Cloud Run job: each execution runs ``task_count`` tasks (default 1), each billed for its run time at the
    instance-based rate for the task's vCPU and memory (default 1 vCPU, 512Mi); usage ``monthly_executions`` x
    ``task_duration_seconds``. Jobs have no request charge; the free tier is per billing account: not applied.

    Pricing: https://cloud.google.com/run/pricing
    """
    t = i.template or JobExecutionTemplate()
    cpu, mem, _, _ = _limits((t.template or JobTaskTemplate()).containers)
    secs: Decimal | None = None
    if u.monthly_executions is not None and u.task_duration_seconds is not None:
        secs = u.monthly_executions * t.task_count * u.task_duration_seconds
    return [
        usage_based(f"Task CPU ({t.task_count} task(s) x {_shown(cpu)} vCPU)",
                    gcp("Cloud Run", i.region, resource="cpu", billing="instance"),
                    None if secs is None else secs * cpu, unit="vCPU-seconds", usage_key="monthly_executions"),
        usage_based(f"Task memory ({t.task_count} task(s) x {_shown(mem)} GiB)",
                    gcp("Cloud Run", i.region, resource="memory", billing="instance"),
                    None if secs is None else secs * mem, unit="GiB-seconds", usage_key="monthly_executions"),
    ]


# --- google_cloud_run_service (v1, Knative shape) ----------------------------------------------------------
class V1Resources(Model):
    limits: dict[str, Any] | None = None


class V1Container(Model):
    resources: Block[V1Resources] = None


class V1Spec(Model):
    containers: Blocks[V1Container] = ()
    container_concurrency: Count = 80


class V1Metadata(Model):
    annotations: dict[str, Any] = Field(default_factory=dict)


class V1Template(Model):
    spec: Block[V1Spec] = None
    metadata: Block[V1Metadata] = None


class RunV1Service(GcpInputs):
    template: Block[V1Template] = None


@resource("google_cloud_run_service", example={"location": "us-central1", "template": [{"spec": [{"containers": [
    {"resources": [{"limits": {"cpu": "1000m", "memory": "512Mi"}}]}]}]}]})
def google_cloud_run_service(i: RunV1Service, u: RunUsage) -> list[CostComponent]:
    """A Cloud Run service (v1 API): ``spec.containers.resources.limits`` (default 1 vCPU, 512Mi),
    ``container_concurrency`` (default 80; 0 means the maximum, 80), the annotations
    ``autoscaling.knative.dev/minScale`` (minimum instances) and ``run.googleapis.com/cpu-throttling``
    ("false": instance-based billing). The free tier is per billing account: not applied.

    Pricing: https://cloud.google.com/run/pricing
    """
    t = i.template or V1Template()
    spec = t.spec or V1Spec()
    notes = (t.metadata or V1Metadata()).annotations
    cpu = mem = Decimal(0)
    for c in spec.containers or (V1Container(),):
        limits = {k: v for k, v in ((c.resources or V1Resources()).limits or {}).items() if v is not None}
        cpu += cpu_of(str(limits.get("cpu", "1")))
        mem += memory_gib(str(limits.get("memory", "512Mi")))
    always = str(notes.get("run.googleapis.com/cpu-throttling", "true")).lower() == "false"
    try:
        mins = int(str(notes.get("autoscaling.knative.dev/minScale", "0")))
    except ValueError:
        raise InputError("autoscaling.knative.dev/minScale is not a whole number") from None
    if not 0 <= mins <= 1000:
        raise InputError(f"autoscaling.knative.dev/minScale {mins} is outside 0-1000")
    return run_components(i.region, cpu, mem, always=always, min_instances=mins,
                          concurrency=spec.container_concurrency or 80, u=u)
