"""Policy and daemon benchmarks: evaluate 10,000 teams x 3 thresholds in < 0.5 s; daemon idle RSS < 150 MB.

Baseline in the same run: building the input (10,000 teams' month-to-date series) alone.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import report

from costlib.money import Money
from costlib.policy.budgets import Budget, Threshold, evaluate_budgets

AS_OF = date(2026, 11, 20)
REPO = Path(__file__).resolve().parents[1]


def inputs(n: int) -> tuple[list[Budget], dict[str, dict[date, Money]]]:
    budgets, spend = [], {}
    th = (Threshold(percent=Decimal(80)), Threshold(percent=Decimal(100)),
          Threshold(percent=Decimal(100), kind="forecast"))
    for i in range(n):
        team = f"team-{i}"
        budgets.append(Budget(name=f"b-{i}", team=team, amount=Money(1000 + i % 500, "USD"), thresholds=th))
        spend[team] = {AS_OF - timedelta(days=d): Money(Decimal(i % 97) + Decimal("0.25"), "USD") for d in range(20)}
    return budgets, spend


def bench_evaluate() -> None:
    t = time.perf_counter()
    budgets, spend = inputs(10_000)
    build = time.perf_counter() - t
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        ev = evaluate_budgets(budgets, spend, as_of=AS_OF, state={})
        runs.append(time.perf_counter() - t)
    med = statistics.median(runs)
    report("evaluate 10,000 teams x 3 thresholds (median of 5)", med, "s", "< 0.5 s", med < 0.5,
           f"({len(ev.alerts)} alerts; building the 200,000-day input took {build:.2f} s, ratio {med / build:.2f})")


def bench_idle_rss() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "config.yaml"
        focus = REPO / "examples" / "spend" / "focus-demo.csv"  # the demo's month of spend, 840 rows
        cfg.write_text(f"state_dir: {tmp}/state\nsources:\n  - {{name: f, type: focus_file, paths: ['{focus}'], "
                       "poll_interval: 6h}\n")
        proc = subprocess.Popen([sys.executable, "-m", "costlib", "daemon", "run", "--config", str(cfg)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(12)  # start-up, the first poll (within 5 s) and its evaluation
            status = Path(f"/proc/{proc.pid}/status").read_text()
            rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        base = subprocess.run([sys.executable, "-c", "import os; print(next(int(l.split()[1]) for l in "
                               "open('/proc/self/status') if l.startswith('VmRSS')))"], capture_output=True, text=True)
        report("daemon idle RSS after start-up and a first poll", rss / 1024, "MB", "< 150 MB", rss / 1024 < 150,
               f"(a bare python process: {int(base.stdout) / 1024:.0f} MB)")


if __name__ == "__main__":
    bench_evaluate()
    if os.path.exists("/proc/self/status"):
        bench_idle_rss()
