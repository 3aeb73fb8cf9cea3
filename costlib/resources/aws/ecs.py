"""Amazon ECS services and task sets: Fargate tasks billed per vCPU-hour and GB-hour; EC2 tasks billed on the instances.

Pricing: https://aws.amazon.com/ecs/pricing/ (no charge for ECS itself, for the EC2 or External launch types:
the instances are priced as EC2 instances or Auto Scaling groups) and https://aws.amazon.com/fargate/pricing/.
A service runs ``desired_count`` tasks (Terraform's default is 0) of its task definition; the task's size (``cpu``,
``memory``, ``ephemeral_storage``, ``runtime_platform``) lives on ``aws_ecs_task_definition``, which the plan shows
as another resource: a spec file may give it on the service, a usage file with ``task_vcpu`` / ``task_memory_gb``.
Tasks are split between ``FARGATE`` and ``FARGATE_SPOT`` by the capacity provider strategy (``base`` first, then
by ``weight``); other capacity providers are Auto Scaling groups, billed on their instances.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.money import Money
from costlib.resources.aws._fargate import fargate_components, fargate_size, parse_cpu, parse_memory_gb
from costlib.resources.registry import resource
from costlib.resources.schema import (
    GB,
    HOURS_IN_MONTH,
    Amount,
    AwsInputs,
    Block,
    Blocks,
    Count,
    Model,
    Usage,
    choice,
    usage_key,
)

__all__ = ["EcsService", "EcsServiceUsage", "aws_ecs_service", "aws_ecs_task_set", "capacity_split"]


class Strategy(Model):
    capacity_provider: str
    weight: Count = 0
    base: Count = 0


class Ephemeral(Model):
    size_in_gib: GB = Decimal(20)


class Platform(Model):
    cpu_architecture: Annotated[str, choice("X86_64", "ARM64")] = "X86_64"
    operating_system_family: str = "LINUX"


class EcsService(AwsInputs):
    launch_type: Annotated[str, choice("EC2", "FARGATE", "EXTERNAL")] | None = None
    desired_count: Count = 0
    scheduling_strategy: Annotated[str, choice("REPLICA", "DAEMON")] = "REPLICA"
    capacity_provider_strategy: Blocks[Strategy] = ()
    # the task definition's size, where a spec file gives it on the service
    cpu: str | None = None
    memory: str | None = None
    ephemeral_storage: Block[Ephemeral] = None
    runtime_platform: Block[Platform] = None


class EcsServiceUsage(Usage):
    desired_count: Count | None = usage_key("Tasks running on average (default: the service's desired_count)",
                                            unit="tasks")
    task_vcpu: Amount(0, 192) | None = usage_key(  # type: ignore[valid-type]
        "vCPUs of the task definition (its cpu / 1024), when the plan does not carry it on the service", unit="vCPUs")
    task_memory_gb: Amount(0, 1024) | None = usage_key(  # type: ignore[valid-type]
        "Memory of the task definition in GB (its memory / 1024)", unit="GB")
    task_ephemeral_storage_gb: GB | None = usage_key("Ephemeral storage of each task (20 GB included)", unit="GB")
    architecture: Annotated[str, choice("x86_64", "arm64", aliases={"x86": "x86_64", "arm": "arm64"})] | None = (
        usage_key("CPU architecture of the task: x86_64 or arm64 (Graviton)", unit=""))
    operating_system: Annotated[str, choice("linux", "windows")] | None = usage_key(
        "Operating system family of the task: linux or windows", unit="")
    monthly_hrs: HOURS_IN_MONTH | None = usage_key("Hours a month the tasks run (default 730)", unit="hours")


def capacity_split(count: Decimal, strategy: tuple[Strategy, ...]) -> dict[str, Decimal]:
    """Tasks per capacity provider: each provider's ``base`` first, the rest in proportion to ``weight``.

    >>> capacity_split(Decimal(10), (Strategy(capacity_provider="FARGATE", base=2, weight=1),
    ...                              Strategy(capacity_provider="FARGATE_SPOT", weight=3)))
    {'FARGATE': Decimal('4'), 'FARGATE_SPOT': Decimal('6')}
    """
    out = {s.capacity_provider: Decimal(0) for s in strategy}
    left = count
    for s in strategy:
        take = min(left, Decimal(s.base))
        out[s.capacity_provider] += take
        left -= take
    total_weight = sum(Decimal(s.weight) for s in strategy)
    if left > 0:
        if total_weight == 0:  # ECS requires a weight above 0 somewhere; all base: the first provider takes the rest
            out[strategy[0].capacity_provider] += left
        else:
            for s in strategy:
                out[s.capacity_provider] += left * Decimal(s.weight) / total_weight
    return out


def _on_instances(name: str, tasks: Decimal | None, unit: str = "tasks") -> CostComponent:
    return CostComponent(name=name, unit=unit, query=None, monthly_quantity=tasks, fixed_price=Money.zero("USD"),
                         note="no charge for ECS: the instances are priced as EC2 instances or Auto Scaling groups")


def _tasks(i: EcsService, u: EcsServiceUsage, count: Decimal | None, count_key: str = "desired_count"
           ) -> list[CostComponent]:
    if i.scheduling_strategy == "DAEMON" and i.launch_type != "FARGATE" and not i.capacity_provider_strategy:
        return [_on_instances("Daemon tasks on EC2 container instances (one per instance)", Decimal(1), "service")]
    split: dict[str, Decimal | None]
    if i.capacity_provider_strategy:
        split = (dict.fromkeys((s.capacity_provider for s in i.capacity_provider_strategy), None) if count is None
                 else dict(capacity_split(count, i.capacity_provider_strategy)))
    else:
        split = {"FARGATE" if i.launch_type == "FARGATE" else "EC2": count}
    platform = i.runtime_platform or Platform()
    os_family = u.operating_system or ("windows" if platform.operating_system_family.upper().startswith("WINDOWS")
                                       else "linux")
    arch = u.architecture or ("arm64" if platform.cpu_architecture == "ARM64" else "x86_64")
    vcpu = u.task_vcpu if u.task_vcpu is not None else parse_cpu(i.cpu)
    mem = u.task_memory_gb if u.task_memory_gb is not None else parse_memory_gb(i.memory)
    if vcpu is not None and mem is not None:
        vcpu, mem = fargate_size(vcpu, mem, round_up=False)
    storage = (u.task_ephemeral_storage_gb if u.task_ephemeral_storage_gb is not None else
               i.ephemeral_storage.size_in_gib if i.ephemeral_storage else Decimal(20))
    out: list[CostComponent] = []
    ec2: Decimal | None = Decimal(0)
    for provider, n in split.items():
        if provider in ("FARGATE", "FARGATE_SPOT"):
            key = count_key if vcpu is not None and mem is not None else "task_vcpu"
            out += fargate_components("AmazonECS", i.region, n, vcpu, mem, hours=u.monthly_hrs,
                                      arch="arm64" if arch == "arm64" else "x86", os_family=os_family,
                                      spot=provider == "FARGATE_SPOT", storage_gb=storage, usage_key=key)
        else:
            ec2 = None if n is None or ec2 is None else ec2 + n
    if ec2 is None or ec2 or not out:
        out.append(_on_instances("Tasks on EC2 container instances", ec2))
    return out


@resource("aws_ecs_service", example={"launch_type": "FARGATE", "desired_count": 2, "cpu": "512", "memory": "1024"})
def aws_ecs_service(i: EcsService, u: EcsServiceUsage) -> list[CostComponent]:
    """An ECS service: ``desired_count`` Fargate tasks (x86, ARM or Windows; Spot by capacity provider) of the task
    definition's size, or tasks on EC2 container instances (no charge here). Pricing: https://aws.amazon.com/fargate/pricing/
    """
    count = Decimal(u.desired_count if u.desired_count is not None else i.desired_count)
    return _tasks(i, u, count)


class Scale(Model):
    unit: Annotated[str, choice("PERCENT")] = "PERCENT"
    value: Amount(0, 100) = Decimal(100)  # type: ignore[valid-type]


class TaskSet(EcsService):
    scale: Block[Scale] = None


class TaskSetUsage(EcsServiceUsage):
    service_desired_count: Count | None = usage_key(
        "Desired count of the service the task set belongs to (the set runs scale.value percent of it)",
        unit="tasks")


@resource("aws_ecs_task_set", example={"launch_type": "FARGATE", "cpu": "256", "memory": "512"})
def aws_ecs_task_set(i: TaskSet, u: TaskSetUsage) -> list[CostComponent]:
    """An ECS task set (external deployments): ``scale.value`` percent of its service's desired count, rounded up
    (usage ``service_desired_count``, or ``desired_count`` for the set's own task count), priced as the service's
    tasks. Pricing: https://aws.amazon.com/fargate/pricing/
    """
    if u.desired_count is not None:
        count: Decimal | None = Decimal(u.desired_count)
    elif u.service_desired_count is not None:
        pct = (i.scale or Scale()).value
        count = (Decimal(u.service_desired_count) * pct / 100).to_integral_value(rounding="ROUND_CEILING")
    else:
        count = None
    return _tasks(i, u, count, "service_desired_count")

