"""The production kit in daemon/ stays consistent with the code: its config loads, and every metric its rules and
dashboard use is one the daemon exports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from costlib.daemon.config import load_config
from costlib.daemon.metrics import SnapshotCollector
from costlib.daemon.snapshot import (
    BudgetRow,
    DeliveryCount,
    DeliveryOutcome,
    EnvironmentRow,
    Snapshot,
    SourceRow,
    TeamRow,
    View,
)
from costlib.money import Money
from costlib.spend.base import HealthStatus

KIT = Path(__file__).resolve().parents[2] / "daemon"

AS_OF = datetime(2026, 11, 20, 23, 59, tzinfo=UTC)
VIEW = View(
    snapshot=Snapshot(
        as_of=AS_OF, currency="USD",
        teams=(TeamRow(team="web", currency="USD", month_to_date=Money("1", "USD"), credits=Money("0", "USD"),
                       by_provider=(("AWS", Money("1", "USD")),)),),
        budgets=(BudgetRow(name="b", team="web", environment=None, amount=Money("10", "USD"), period_start=date(2026, 11, 1),
                           period_end=date(2026, 12, 1), actual=Money("1", "USD"), forecast=Money("12", "USD"),
                           forecast_method="month-to-date run-rate", utilisation=Decimal("0.1")),),
        environments=(EnvironmentRow(name="e", team="web", monthly_cost=Money("3", "USD"),
                                     expires_at=AS_OF + timedelta(seconds=60)),)),
    sources=(SourceRow(source="s", status=HealthStatus.OK, last_success=datetime(2026, 11, 20, 10, tzinfo=UTC),
                       last_attempt=datetime(2026, 11, 20, 10, tzinfo=UTC), requests_total=1, api_cost=Decimal("0.01"),
                       poll_interval=timedelta(hours=6)),),
    started_at=datetime(2026, 11, 20, 9, tzinfo=UTC), delivery=(DeliveryCount("c", DeliveryOutcome.SENT, 1),))


def exported() -> set[str]:
    names = set()
    for family in SnapshotCollector(lambda: VIEW, lambda: date(2026, 11, 1)).collect():
        names |= {s.name for s in family.samples}
    return names


def test_kubernetes_manifest_and_its_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    docs = list(yaml.safe_load_all((KIT / "kubernetes.yaml").read_text()))
    kinds = [d["kind"] for d in docs]
    assert {"Deployment", "Service", "ServiceMonitor", "ConfigMap", "PersistentVolumeClaim"} <= set(kinds)
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    assert deployment["spec"]["replicas"] == 1 and deployment["spec"]["strategy"]["type"] == "Recreate"
    secret = next(d for d in docs if d["kind"] == "Secret")
    for name in secret["stringData"]:
        monkeypatch.setenv(name, "x")
    config = next(d for d in docs if d["kind"] == "ConfigMap")["data"]["config.yaml"]
    (tmp_path / "config.yaml").write_text(config)
    loaded = load_config(tmp_path / "config.yaml")
    assert loaded.server.listen == "0.0.0.0:9847"


def test_rules_and_dashboard_use_exported_metrics() -> None:
    names = exported() | {"up"}
    rules = yaml.safe_load((KIT / "prometheus-rules.yaml").read_text())
    exprs = [r["expr"] for g in rules["groups"] for r in g["rules"]]
    dashboard = json.loads((KIT / "grafana-dashboard.json").read_text())
    exprs += [t["expr"] for p in dashboard["panels"] for t in p.get("targets", []) if t.get("expr")]
    exprs += [str(v.get("query", "")) for v in dashboard["templating"]["list"] if v.get("type") == "query"]
    used = {m for e in exprs for m in re.findall(r"\b(costlib_[a-z_]+|up)\b", json.dumps(e))}
    assert used and used <= names, sorted(used - names)


PROMTOOL = shutil.which("promtool")


def test_every_rule_has_unit_tests_that_see_it_fire_and_stay_quiet() -> None:
    rules = yaml.safe_load((KIT / "prometheus-rules.yaml").read_text())
    names = {r["alert"] for g in rules["groups"] for r in g["rules"]}
    tests = yaml.safe_load((KIT / "prometheus-rules.test.yaml").read_text())
    assert tests["rule_files"] == ["prometheus-rules.yaml"]
    cases = [c for t in tests["tests"] for c in t["alert_rule_test"]]
    assert {c["alertname"] for c in cases if c["exp_alerts"]} == names  # each fires somewhere
    assert {c["alertname"] for c in cases if not c["exp_alerts"]} == names  # and each stays quiet somewhere


@pytest.mark.skipif(PROMTOOL is None, reason="promtool is not installed (Debian package prometheus; .ci/run installs it)")
def test_promtool_checks_and_unit_tests_the_alert_rules() -> None:
    assert PROMTOOL is not None
    check = subprocess.run([PROMTOOL, "check", "rules", str(KIT / "prometheus-rules.yaml")], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    test = subprocess.run([PROMTOOL, "test", "rules", str(KIT / "prometheus-rules.test.yaml")], capture_output=True,
                          text=True, cwd=KIT)
    assert test.returncode == 0 and "SUCCESS" in test.stdout, test.stdout + test.stderr
