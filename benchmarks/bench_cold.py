"""Cold start: ``costlib estimate examples/plan.json --format json`` as a user runs it, in a fresh process each time,
against ``python -c pass`` (the interpreter's own start) in the same run; target under 120 ms.

Each run is the real console script (``bin/costlib`` beside this interpreter) in a subprocess, its output to a
file (never parsed, so a library's warning cannot break the run); the two commands alternate so both see the
same machine. Byte code is compiled first (a user's install has it): the children write it to a private
``PYTHONPYCACHEPREFIX`` folder, even where ``PYTHONDONTWRITEBYTECODE`` is set, after one warm-up run each.
Besides the medians it prints where the time goes: ``-X importtime`` of one run (the largest imports, and the
sum of the top-level ones) and the same command with ``-X importtime`` of a script that imports only click and
pydantic and validates one model (what no change inside costlib can remove).

Run: ``.venv/bin/python benchmarks/bench_cold.py [--runs 21]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import CHILD_PRELUDE, report

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: the fixed cost of the libraries the estimate path needs, measured the same way
FLOOR = """
import click, sqlite3, decimal, json
from pydantic import BaseModel, ConfigDict
class M(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)
    x: int
M.model_validate({"x": 1})
"""


#: where one cold run's time goes, in a child process (the steps in the order the command takes them)
BREAKDOWN = """
import time
_t = [time.perf_counter()]
def lap():
    _t.append(time.perf_counter())
    return (_t[-1] - _t[-2]) * 1000
steps = {}
import click, json, sqlite3, decimal
steps["click and the standard modules"] = lap()
from pydantic import BaseModel
steps["import pydantic (pydantic-core: see -X importtime)"] = lap()
from pydantic import ConfigDict
class _M(BaseModel):
    model_config = ConfigDict(defer_build=True)
    x: int
steps["pydantic's first model class"] = lap()
_M.model_validate({"x": 1})
steps["pydantic's first validation (schema, plugin entry points)"] = lap()
import costlib.cli.main, costlib.cli.estimate, costlib.estimate, costlib.guard, costlib.report
steps["costlib's modules on the estimate path (their own models)"] = lap()
import contextlib, io, sys
E, G = sys.modules["costlib.estimate"], sys.modules["costlib.guard"]
from costlib.resources import registry
spent = {"catalog": 0.0, "lookup": 0.0, "parse": 0.0, "findings": 0.0, "render": 0.0}
inside = []  # the findings read their alternatives too: counted as findings
def timed(mod, name, key):
    fn = getattr(mod, name)
    def wrapper(*a, **k):
        if inside and key != "findings":
            return fn(*a, **k)
        if key == "findings":
            inside.append(1)
        start = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[key] += (time.perf_counter() - start) * 1000
            if key == "findings":
                inside.pop()
    setattr(mod, name, wrapper)
timed(E, "_default_catalog", "catalog")
timed(registry, "lookup", "lookup")
timed(E, "parse", "parse")
timed(G, "savings_findings", "findings")
import costlib.cli.estimate as C
timed(C, "echo_json", "render")
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        costlib.cli.main.main(["estimate", "examples/plan.json", "--format", "json"])
    except SystemExit:
        pass
run = lap()
steps["open the catalog (digest of the embedded file, coverage)"] = spent["catalog"]
steps["the plan's types: their modules imported (pydantic classes)"] = spent["lookup"]
steps["reading the resources: first validation of each model"] = spent["parse"]
steps["savings findings"] = spent["findings"]
steps["JSON out"] = spent["render"]
steps["the rest of the run (plan, pricing, policy search, click)"] = run - sum(spent.values())
emit({"steps": steps, "total": (_t[-1] - _t[0]) * 1000})
"""


def _env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _time(cmd: list[str], env: dict[str, str], out: Path) -> float:
    with out.open("wb") as fh:
        start = time.perf_counter()
        code = subprocess.call(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
        elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {code}:\n{out.read_text(errors='replace')[-3000:]}")
    return elapsed


def _importtime(cmd: list[str], env: dict[str, str]) -> tuple[float, list[tuple[float, str]]]:
    """(sum of the top-level imports in ms, the largest imports by cumulative ms) of one run of ``cmd``."""
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], cwd=ROOT, env=env, capture_output=True,
                          text=True)
    rows: list[tuple[float, str]] = []
    top = 0.0
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            ms = int(m.group(1)) / 1000
            rows.append((ms, m.group(2).replace("  ", ".") + m.group(3)))
            if not m.group(2):
                top += ms
    return top, sorted(rows, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    costlib = [str(BIN / "costlib"), "estimate", "examples/plan.json", "--format", "json"]
    bare = [sys.executable, "-c", "pass"]
    floor = [sys.executable, "-c", FLOOR]
    with tempfile.TemporaryDirectory(prefix="costlib-bench-cold-") as tmp:
        env, out = _env(str(Path(tmp) / "pycache")), Path(tmp) / "out.txt"
        for cmd in (costlib, bare, floor):  # compile byte code, unpack the catalog, fill the page cache
            _time(cmd, env, out)
        times: dict[str, list[float]] = {"costlib": [], "pass": [], "floor": []}
        for _ in range(args.runs):
            times["costlib"].append(_time(costlib, env, out))
            times["pass"].append(_time(bare, env, out))
            times["floor"].append(_time(floor, env, out))
        med = {k: statistics.median(v) for k, v in times.items()}
        top, rows = _importtime([sys.executable, str(BIN / "costlib"), *costlib[1:]], env)
        floor_top, _ = _importtime(floor, env)
    load = os.getloadavg()[0]
    report(f"cold `costlib estimate plan.json --format json` (median of {args.runs})", med["costlib"] * 1000, "ms",
           "< 120 ms", med["costlib"] < 0.120,
           f"(python -c pass {med['pass'] * 1000:.1f} ms: {med['costlib'] / med['pass']:.1f}x; load average "
           f"{load:.1f})")
    report("  click + pydantic + one model, no costlib", med["floor"] * 1000, "ms", "(floor)", True,
           f"({med['floor'] / med['pass']:.1f}x pass; costlib's own share "
           f"{(med['costlib'] - med['floor']) * 1000:.1f} ms)")
    report("  imports (-X importtime, top-level sum)", top, "ms", "", True,
           f"(the floor script's: {floor_top:.1f} ms; -X importtime itself adds to both)")
    for ms, name in [r for r in rows if r[1].lstrip(".").startswith(("costlib", "pydantic", "click", "yaml"))][:12]:
        print(f"    {ms:7.1f} ms  {name}")
    breakdown(args.runs // 2 or 1)


def breakdown(runs: int) -> None:
    """Where the time of one cold run goes (medians of ``runs`` child processes, after the interpreter's start)."""
    results = []
    with tempfile.TemporaryDirectory(prefix="costlib-bench-cold-") as tmp:
        env = _env(str(Path(tmp) / "pycache"))
        for _ in range(runs + 1):  # the first compiles byte code
            result = Path(tmp) / "result.json"
            subprocess.run([sys.executable, "-c", CHILD_PRELUDE + BREAKDOWN], cwd=ROOT, check=True,
                           env={**env, "COSTLIB_BENCH_RESULT": str(result)}, stdout=subprocess.DEVNULL)
            results.append(json.loads(result.read_text()))
    results = results[1:]
    print(f"  where it goes (in-process, after the interpreter's start; median of {runs}):")
    for step in results[0]["steps"]:
        print(f"    {statistics.median(r['steps'][step] for r in results):7.1f} ms  {step}")
    print(f"    {statistics.median(r['total'] for r in results):7.1f} ms  in all")


if __name__ == "__main__":
    main()
