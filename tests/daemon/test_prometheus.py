"""A real Prometheus (the Debian package, installed by .ci/run) scrapes the real daemon on loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.daemon.receivers import free_port

REPO = Path(__file__).resolve().parents[2]
PROMETHEUS = shutil.which("prometheus")
PROMTOOL = shutil.which("promtool")

pytestmark = [pytest.mark.prometheus, pytest.mark.slow]


def _wait(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except (httpx.HTTPError, ValueError) as exc:  # not listening yet, or still starting (not JSON)
            last = exc
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}: {last!r}")


@pytest.fixture
def running_daemon(workdir: Path) -> Iterator[str]:
    port = free_port()
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text() + f"server:\n  listen: 127.0.0.1:{port}\n  token: env:COSTLIB_TEST_TOKEN\n")
    log = workdir / "daemon.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "costlib", "daemon", "run", "--config", str(cfg)],
                                env={**os.environ, "COSTLIB_TEST_TOKEN": "tok"}, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: httpx.get(base + "/readyz", timeout=2).status_code == 200, 60, "the daemon to be ready")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
        assert proc.returncode in (0, -15), log.read_text()


@pytest.mark.skipif(PROMETHEUS is None, reason="prometheus is not installed (apt-get install prometheus)")
def test_real_prometheus_scrapes_the_daemon(running_daemon: str, tmp_path: Path) -> None:
    assert PROMETHEUS is not None
    port = free_port()
    target = running_daemon.removeprefix("http://")
    (tmp_path / "prometheus.yml").write_text(
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
        f"rule_files: ['{REPO / 'daemon' / 'prometheus-rules.yaml'}']\n"
        f"scrape_configs:\n  - job_name: costlib\n    static_configs: [{{targets: ['{target}']}}]\n")
    with (tmp_path / "prometheus.log").open("w") as out:
        prom = subprocess.Popen([PROMETHEUS, f"--config.file={tmp_path / 'prometheus.yml'}",
                                 f"--storage.tsdb.path={tmp_path / 'data'}", f"--web.listen-address=127.0.0.1:{port}"],
                                stdout=out, stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        def query(q: str) -> list[dict[str, Any]]:
            doc = httpx.get(f"{api}/query", params={"query": q}, timeout=5).json()
            return list(doc["data"]["result"]) if doc.get("status") == "success" else []

        ratio = _wait(lambda: query('costlib_team_budget_utilisation_ratio{team="web"}'), 60, "a scrape")
        assert Decimal(ratio[0]["value"][1]) == Decimal("0.8")
        assert ratio[0]["metric"]["budget"] == "web-monthly" and ratio[0]["metric"]["job"] == "costlib"
        up = query('up{job="costlib"}')
        assert up and up[0]["value"][1] == "1"
        spend = {r["metric"]["team"]: Decimal(r["value"][1]) for r in query("costlib_team_month_to_date_spend_usd")}
        api_budgets = httpx.get(running_daemon + "/v1/teams", timeout=5).json()["teams"]
        assert spend == {t["team"]: Decimal(t["month_to_date"]) for t in api_budgets}
        assert query("costlib_source_last_success_timestamp_seconds")[0]["metric"]["source"] == "files"
        assert query("costlib_catalog_price_date_timestamp_seconds")
        rules = httpx.get(f"{api}/rules", timeout=5).json()["data"]["groups"]
        names = {r["name"] for g in rules for r in g["rules"]}
        assert {"CostlibBudgetExceeded", "CostlibSourceStale", "CostlibDeliveryFailures"} <= names
    finally:
        prom.terminate()
        prom.wait(timeout=20)


@pytest.mark.skipif(PROMTOOL is None, reason="promtool is not installed")
def test_promtool_checks_rules_config_and_live_metrics(running_daemon: str) -> None:
    assert PROMTOOL is not None
    rules = subprocess.run([PROMTOOL, "check", "rules", str(REPO / "daemon" / "prometheus-rules.yaml")],
                           capture_output=True, text=True)
    assert rules.returncode == 0, rules.stdout + rules.stderr
    config = subprocess.run([PROMTOOL, "check", "config", str(REPO / "daemon" / "prometheus.yml")],
                            capture_output=True, text=True)
    assert config.returncode == 0, config.stdout + config.stderr
    text = httpx.get(running_daemon + "/metrics", timeout=5).text
    metrics = subprocess.run([PROMTOOL, "check", "metrics"], input=text, capture_output=True, text=True)
    assert metrics.returncode == 0, metrics.stdout + metrics.stderr
    extend = httpx.post(running_daemon + "/v1/environments/shop-dev/extend", json={"duration": "3d"},
                        headers={"Authorization": "Bearer tok"}, timeout=5)
    assert extend.status_code == 200, extend.text
