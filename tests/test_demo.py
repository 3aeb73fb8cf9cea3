"""The quick start works in a fresh clone with nothing beside it: the demo's spend is the project's own, made by
``examples/spend/generate.py``, and ``python3 dev.py demo`` shows what the daemon does on its first run."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SPEND = REPO / "examples" / "spend"


def test_the_generator_reproduces_the_committed_spend_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "again.csv"
    run = subprocess.run([sys.executable, str(SPEND / "generate.py"), "--out", str(out)], capture_output=True,
                         text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == (SPEND / "focus-demo.csv").read_bytes()
    check = subprocess.run([sys.executable, str(SPEND / "generate.py"), "--check"], capture_output=True, text=True)
    assert check.returncode == 0 and "up to date" in check.stdout
    out.write_text(out.read_text().replace("4.6080000000", "4.6080000001", 1))
    stale = subprocess.run([sys.executable, str(SPEND / "generate.py"), "--check", "--out", str(out)],
                           capture_output=True, text=True)
    assert stale.returncode == 1 and "differs from a fresh run" in stale.stdout


def test_the_demo_spend_is_a_focus_month_with_the_story_the_config_relies_on() -> None:
    with (SPEND / "focus-demo.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    required = {"BilledCost", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory",
                "ChargePeriodStart", "ChargePeriodEnd", "EffectiveCost", "ListCost", "ProviderName", "ServiceName",
                "SubAccountId", "ResourceId", "Tags"}
    assert required <= set(rows[0])
    days = sorted({r["ChargePeriodStart"][:10] for r in rows})
    assert (days[0], days[-1], len(days)) == ("2026-09-21", "2026-10-20", 30)
    assert {r["ProviderName"] for r in rows} == {"AWS", "Microsoft", "Google Cloud"}
    credits = [r for r in rows if r["ChargeCategory"] == "Credit"]
    assert credits and all(Decimal(r["BilledCost"]) < 0 for r in credits)
    envs: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        tags = json.loads(r["Tags"]) if r["Tags"] else {}
        if "app" in tags:
            envs[f"{tags['app']}-{tags['env']}"].add(r["ChargePeriodStart"][:10])
        assert Decimal(r["ListCost"]) == Decimal(r["PricingQuantity"] or 0) * Decimal(r["ListUnitPrice"] or 0) \
            or r["ChargeCategory"] == "Credit"
    assert max(envs["etl-dev"]) == "2026-10-12"  # idle: its spend stops
    assert min(envs["shop-pr-1817"]) == "2026-10-14"  # created by CI with a 3-day TTL: expired on the 17th
    assert {"shop-prod", "shop-dev", "etl-prod", "ml-research", "shop-pr-1822"} <= set(envs)
    untagged = [r for r in rows if not r["Tags"]]
    assert untagged  # goes to "unallocated", never dropped
    assert date.fromisoformat(days[-1]).isoformat() in (REPO / "config.example.yaml").read_text()  # as_of


def _tracked_copy(dest: Path) -> Path:
    """The checkout's tracked files (as a fresh clone has them), in ``dest``; nothing beside it."""
    try:
        names = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    for name in names.decode().split("\0"):
        if name and (REPO / name).is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    return dest


@pytest.mark.slow
def test_the_quick_start_demo_runs_in_a_fresh_copy_with_nothing_beside_it(tmp_path: Path) -> None:
    venv = Path(sys.prefix)
    stamp = venv / ".costlib-installed"
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != digest:
        pytest.skip(f"{venv} was not set up by `python3 dev.py setup` for this pyproject.toml; dev.py demo would "
                    "reinstall into it")
    clone = _tracked_copy(tmp_path / "costlib")
    assert not (tmp_path / "shared").exists() and not (clone / "var").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COSTLIB_")} | {"COSTLIB_VENV": str(venv)}

    def demo() -> str:
        run = subprocess.run([sys.executable, "dev.py", "demo"], cwd=clone, env=env, capture_output=True, text=True,
                             timeout=600)
        out = run.stdout + run.stderr
        assert run.returncode == 0, out
        assert "Traceback" not in out and "../shared" not in out and "shared/data" not in out
        return out

    def section(out: str, command: str) -> str:
        """What one ``+ ...`` command of the demo printed."""
        parts = out.split("\n+ ")
        return next(p for p in parts if p.split("\n", 1)[0].split(" --")[0].endswith(command))

    first = demo()
    for shown in ("$567.88",                                                     # the plan's estimate
                  "web-monthly", "spend is above 50% of the web-monthly budget",  # budgets
                  "forecast spend will pass 100% of the data-monthly budget",     # a forecast alert
                  "ml: spend on 2026-10-20 is 5.2x the usual",                    # an anomaly
                  "shop-pr-1822 expires in 1d 14h", "shop-pr-1822 expires in 14h 6m",  # TTL warnings (3d, 1d)
                  "shop-pr-1817 expired on 2026-10-17 and is still running",
                  "etl-dev has been idle for",                                    # idle
                  "shutdown: would stop (dry run) shop-pr-1817",                  # the dry-run shutdown
                  "shop-pr-1817 would be stopped (dry run)"):
        assert shown in first, (shown, first)
    status = section(first, "budgets status")
    assert "data-monthly" in status and "forecast 100%" in status and "!" not in status  # the source is healthy
    assert "shop-pr-1817" in section(first, "env list")
    assert len(list((clone / "var" / "outbox").glob("*.json"))) >= 5
    again = demo()
    assert again.count("0 new alerts, 0 messages delivered") == 2, again  # each alert goes out once, by its key
