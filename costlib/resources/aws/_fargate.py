"""AWS Fargate sizing and usage types, shared by ECS services and task sets and EKS Fargate profiles.

Pricing: https://aws.amazon.com/fargate/pricing/ — billed per vCPU-hour and per GB-hour of memory from the time
the image pull starts until the task or pod ends, per second with a one-minute minimum (fifteen for Windows);
Linux on x86 or ARM (Graviton, cheaper), Windows on x86 only with an OS licence fee per vCPU-hour; 20 GB of
ephemeral storage is included, more is billed per GB-hour; Fargate Spot (ECS, Linux only) is its own rate.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from costlib.errors import InputError
from costlib.models import CostComponent
from costlib.resources._q import aws, monthly, usage_based

__all__ = ["FARGATE_FREE_STORAGE_GB", "fargate_components", "fargate_size", "parse_cpu", "parse_memory_gb"]

FARGATE_FREE_STORAGE_GB = Decimal(20)
#: vCPU -> (smallest memory GB, largest, step); 0.25 vCPU takes 0.5, 1 or 2 GB
_SIZES: tuple[tuple[Decimal, Decimal, Decimal, Decimal], ...] = (
    (Decimal("0.25"), Decimal("0.5"), Decimal(2), Decimal("0.5")),
    (Decimal("0.5"), Decimal(1), Decimal(4), Decimal(1)),
    (Decimal(1), Decimal(2), Decimal(8), Decimal(1)),
    (Decimal(2), Decimal(4), Decimal(16), Decimal(1)),
    (Decimal(4), Decimal(8), Decimal(30), Decimal(1)),
    (Decimal(8), Decimal(16), Decimal(60), Decimal(4)),
    (Decimal(16), Decimal(32), Decimal(120), Decimal(8)),
)


def parse_cpu(value: str | None) -> Decimal | None:
    """A task's ``cpu`` as vCPUs: CPU units (``1024``) or ``"1 vCPU"``.

    >>> parse_cpu("512"), parse_cpu("2 vCPU"), parse_cpu(None)
    (Decimal('0.5'), Decimal('2'), None)
    """
    if value is None:
        return None
    text = str(value).strip().lower()
    try:
        if text.endswith("vcpu"):
            return Decimal(text.removesuffix("vcpu").strip())
        units = Decimal(text)
    except ArithmeticError:
        raise InputError(f"cpu: {value!r} is not CPU units or 'N vCPU'") from None
    if not units.is_finite() or units < 0:
        raise InputError(f"cpu: {value!r} is not CPU units or 'N vCPU'")
    return units / Decimal(1024)


def parse_memory_gb(value: str | None) -> Decimal | None:
    """A task's ``memory`` as GB: MiB (``2048``) or ``"2 GB"``.

    >>> parse_memory_gb("2048"), parse_memory_gb("0.5 GB")
    (Decimal('2'), Decimal('0.5'))
    """
    if value is None:
        return None
    text = str(value).strip().lower()
    try:
        if text.endswith("gb"):
            return Decimal(text.removesuffix("gb").strip())
        mib = Decimal(text)
    except ArithmeticError:
        raise InputError(f"memory: {value!r} is not MiB or 'N GB'") from None
    if not mib.is_finite() or mib < 0:
        raise InputError(f"memory: {value!r} is not MiB or 'N GB'")
    return mib / Decimal(1024)


def fargate_size(vcpu: Decimal, memory_gb: Decimal, *, round_up: bool) -> tuple[Decimal, Decimal]:
    """The Fargate size billed: ``(vcpu, memory_gb)`` if it is a valid combination; with ``round_up`` (EKS pods)
    the smallest valid combination at least as large. An invalid size is refused (ECS rejects it).

    >>> fargate_size(Decimal("0.3"), Decimal("1.2"), round_up=True)
    (Decimal('0.5'), Decimal('2'))
    >>> fargate_size(Decimal(1), Decimal(3), round_up=False)
    (Decimal('1'), Decimal('3'))
    """
    for cpu, lo, hi, step in _SIZES:
        if round_up:
            if cpu < vcpu or memory_gb > hi:
                continue
            mem = max(lo, memory_gb)
            steps = ((mem - lo) / step).to_integral_value(rounding=ROUND_CEILING)
            return cpu, lo + steps * step
        if cpu == vcpu and lo <= memory_gb <= hi and (memory_gb - lo) % step == 0:
            return cpu, memory_gb
    raise InputError(f"{vcpu} vCPU with {memory_gb} GB is not a Fargate size "
                     "(see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html)")


def fargate_components(service: str, region: str, count: Decimal | None, vcpu: Decimal | None,
                       memory_gb: Decimal | None, *, hours: Decimal | None, arch: str = "x86",
                       os_family: str = "linux", spot: bool = False, storage_gb: Decimal = FARGATE_FREE_STORAGE_GB,
                       usage_key: str = "desired_count") -> list[CostComponent]:
    """vCPU-hours, GB-hours (and the Windows licence and storage above 20 GB) of ``count`` tasks or pods.

    A size or count not known (``None``) leaves the component usage-based, naming ``usage_key``.
    """
    hrs = Decimal(730) if hours is None else hours
    prefix = "SpotUsage-Fargate" if spot else "Fargate"
    variant = "-Windows" if os_family == "windows" else "-ARM" if arch == "arm64" else ""
    label = ("Windows" if os_family == "windows" else "Linux/ARM" if arch == "arm64" else "Linux/x86") + (
        ", Spot" if spot else "")

    def qty(per: Decimal | None) -> Decimal | None:
        return None if count is None or per is None else count * per * hrs

    out = [
        usage_based(f"Fargate vCPU ({label})", aws(service, region, usagetype=f"{prefix}{variant}-vCPU-Hours:perCPU"),
                    qty(vcpu), unit="vCPU-hours", usage_key=usage_key),
        usage_based(f"Fargate memory ({label})", aws(service, region, usagetype=f"{prefix}{variant}-GB-Hours"),
                    qty(memory_gb), unit="GB-hours", usage_key=usage_key),
    ]
    if os_family == "windows":
        out.append(usage_based("Fargate Windows OS licence",
                               aws(service, region, usagetype="Fargate-Windows-OS-Hours:perCPU"),
                               qty(vcpu), unit="vCPU-hours", usage_key=usage_key))
    extra = storage_gb - FARGATE_FREE_STORAGE_GB
    if extra > 0:
        q = qty(extra)
        out.append(usage_based("Fargate ephemeral storage above 20 GB",
                               aws(service, region, usagetype="Fargate-EphemeralStorage-GB-Hours"),
                               q, unit="GB-hours", usage_key=usage_key) if q is None else
                   monthly("Fargate ephemeral storage above 20 GB",
                           aws(service, region, usagetype="Fargate-EphemeralStorage-GB-Hours"), q, unit="GB-hours"))
    return out
