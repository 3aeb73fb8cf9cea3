"""Small helpers shared by the benchmarks: medians, peak RSS, result lines."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``fn`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or its finished children), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def report(name: str, value: float, unit: str, target: str, ok: bool, extra: str = "") -> None:
    print(f"{name:<48} {value:>14,.2f} {unit:<10} target {target:<14} {'PASS' if ok else 'MISS'}  {extra}")
