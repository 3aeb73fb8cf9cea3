"""Small helpers shared by the benchmarks: medians, peak RSS, child processes, result lines.

A measurement that needs its own peak memory runs in a child process (:func:`run_child`): the child writes its
result as JSON to a file the parent names (never parsed from stdout, where a library may print a progress bar
or a warning), with its peak RSS (the kernel's high-water mark of the child's own memory since it started).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Put before a child's code: ``emit(result)`` writes the result where the parent reads it, and DuckDB (if the
#: child uses it) never draws its progress bar.
CHILD_PRELUDE = """
import json as _json, os as _os
def _peak_rss_mb():
    try:  # this process's own high-water mark since exec (ru_maxrss would count the parent it forked from)
        with open("/proc/self/status", encoding="ascii") as _fh:
            return next(int(_l.split()[1]) for _l in _fh if _l.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        import resource as _resource
        return _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss / 1024
def emit(result):
    with open(_os.environ["COSTLIB_BENCH_RESULT"], "w", encoding="utf-8") as _fh:
        _json.dump({**result, "peak_rss_mb": _peak_rss_mb()}, _fh)
def quiet(con):
    con.execute("SET enable_progress_bar=false")
    return con
"""


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


class ChildFailed(RuntimeError):
    """A benchmark child exited non-zero or wrote no result; the message carries its output."""


def run_child(code: str, args: Sequence[str] = (), *, timeout: float = 3600) -> dict[str, Any]:
    """Run ``code`` (after :data:`CHILD_PRELUDE`) in a fresh interpreter; return what it ``emit``-ted, with its
    ``peak_rss_mb``. Its stdout and stderr are kept in a file and shown only if it fails (or runs past
    ``timeout`` seconds)."""
    with tempfile.TemporaryDirectory(prefix="costlib-bench-") as tmp:
        result_path, out_path = Path(tmp) / "result.json", Path(tmp) / "output.txt"
        env = {**os.environ, "COSTLIB_BENCH_RESULT": str(result_path)}
        with out_path.open("wb") as out:
            proc = subprocess.Popen([sys.executable, "-c", CHILD_PRELUDE + code, *args], stdout=out,
                                    stderr=subprocess.STDOUT, env=env)
            try:
                code_ = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise ChildFailed(f"benchmark child ran past {timeout:.0f} s:\n"
                                  f"{out_path.read_text(errors='replace')[-4000:]}") from None
        if code_ != 0 or not result_path.exists():
            raise ChildFailed(f"benchmark child exited {code_}:\n{out_path.read_text(errors='replace')[-4000:]}")
        result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
        return result


def report(name: str, value: float, unit: str, target: str, ok: bool, extra: str = "") -> None:
    print(f"{name:<48} {value:>14,.2f} {unit:<10} target {target:<14} {'PASS' if ok else 'MISS'}  {extra}")
