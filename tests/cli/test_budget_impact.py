"""Budget-aware estimates against a real daemon process on loopback: ``costlib estimate PLAN --daemon URL`` in a
subprocess shows the team's budget after the change, ``--confirm`` (answered y) records the acknowledgement, and
``costlib acknowledgements list`` and ``GET /v1/acknowledgements`` show it; the failure paths (daemon down, 401,
a team without a budget, an answer that is not JSON) say what and where while the estimate is still printed; and
``POST /v1/estimate`` gives the same budget_impact as the CLI for the same plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import REPO, run
from tests.daemon.conftest import CONFIG, write_focus
from tests.daemon.receivers import free_port

pytestmark = pytest.mark.slow

PLAN = REPO / "examples" / "plan.json"
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The real daemon (``costlib daemon run``) on a free loopback port, serving the web team's budget."""
    work = tmp_path_factory.mktemp("daemon")
    write_focus(work)
    port = free_port()
    cfg = work / "config.yaml"
    cfg.write_text(CONFIG + f"server:\n  listen: 127.0.0.1:{port}\n  token: env:COSTLIB_TEST_API_TOKEN\n")
    env = os.environ.copy() | {"COSTLIB_TEST_API_TOKEN": TOKEN}
    with (work / "daemon.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "costlib", "daemon", "run", "--config", str(cfg)],
                                stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:  # pragma: no cover
            pytest.fail("the daemon did not become ready: " + (work / "daemon.log").read_text())
        yield base, cfg
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()


def test_estimate_shows_the_budget_line_and_json_matches_the_api(daemon: tuple[str, Path]) -> None:
    base, _ = daemon
    table = run("estimate", str(PLAN), "--daemon", base)
    assert table.code == 0, table.err
    assert f"budget impact (daemon {base}, as of 2026-11-20)" in table.out
    assert "team web: +$" in table.out and "budget web-monthly $250.00: actual $200.00, forecast $300.00" in table.out
    doc = json.loads(run("estimate", str(PLAN), "--daemon", base, "--format", "json").out)
    cli = doc["budget_impact"]
    web = cli["teams"][0]
    assert web["team"] == "web" and web["budgets"][0]["budget"] == "web-monthly"
    # 11 days left in November (20th counted): the change adds monthly x 11 x 24 / 730 to the forecast
    from decimal import Decimal

    places = Decimal("1e-9")  # JSON carries 12 decimal places
    added = (Decimal(web["monthly_cost"]) * 11 * 24 / 730).quantize(places)
    assert Decimal(web["budgets"][0]["added_this_period"]).quantize(places) == added
    assert Decimal(web["budgets"][0]["forecast_after"]).quantize(places) == Decimal("300") + added
    api = httpx.post(base + "/v1/estimate", content=PLAN.read_bytes(), headers={"content-type": "application/json"},
                     timeout=60).json()["budget_impact"]
    assert api["teams"] == cli["teams"] and api["unattributed"] == cli["unattributed"] and api["as_of"] == cli["as_of"]


def test_confirm_records_the_acknowledgement(daemon: tuple[str, Path]) -> None:
    base, cfg = daemon
    confirmed = run("estimate", str(PLAN), "--daemon", base, "--confirm", input="y\n",
                    env={"COSTLIB_API_TOKEN": TOKEN, "USER": "alice"})
    assert confirmed.code == 0, confirmed.err
    assert "team web: +$" in confirmed.err.split("Continue?")[0]  # the budget line comes before the question
    assert "Acknowledged: recorded by the daemon" in confirmed.err
    cfg_env = {"COSTLIB_TEST_API_TOKEN": TOKEN}  # the config names its token by env var
    listed = json.loads(run("acknowledgements", "list", "--config", str(cfg), "--format", "json", env=cfg_env).out)
    ack = listed["acknowledgements"][-1]
    assert ack["teams"] == ["web"] and ack["via"] == "cli" and ack["acknowledged_by"] == "alice"
    assert ack["source"] == str(PLAN) and len(ack["plan_digest"]) == 64 and ack["budget_impact"]["teams"]
    served = httpx.get(base + "/v1/acknowledgements", params={"team": "web"}, timeout=10).json()["acknowledgements"]
    assert ack["id"] in [a["id"] for a in served]
    csv = run("acknowledgements", "list", "--config", str(cfg), "--format", "csv", env=cfg_env).out.splitlines()
    assert csv[0].startswith("x_AcknowledgementId,x_AcknowledgedAt,x_AcknowledgedBy") and "BillingCurrency" in csv[0]
    assert any(ack["id"] in line and ack["plan_digest"] in line for line in csv[1:])
    # the same plan through the API, acknowledged there: the same digest (canonical JSON bytes)
    resp = httpx.post(base + "/v1/estimate", json={"plan": json.loads(PLAN.read_text()), "acknowledge": True,
                                                    "user": "bob"}, headers={"authorization": f"Bearer {TOKEN}"},
                      timeout=60)
    assert resp.status_code == 200, resp.text
    assert resp.json()["acknowledgement"]["plan_digest"] == ack["plan_digest"]
    assert resp.json()["acknowledgement"]["acknowledged_by"] == "bob"


def test_acknowledging_needs_the_token(daemon: tuple[str, Path]) -> None:
    base, _ = daemon
    wrong = run("estimate", str(PLAN), "--daemon", base, "--confirm", input="y\n", env={"COSTLIB_API_TOKEN": "nope"})
    assert wrong.code == 1
    assert "HTTP 401" in wrong.err and f"{base}/v1/acknowledgements" in wrong.err and "COSTLIB_API_TOKEN" in wrong.err
    assert "aws_instance.web" in wrong.out  # the estimate was printed all the same
    resp = httpx.post(base + "/v1/estimate", json={"plan": json.loads(PLAN.read_text()), "acknowledge": True},
                      timeout=60)
    assert resp.status_code == 401
    # no token at all: refused before the question is asked, not after a yes that cannot be recorded
    none = run("estimate", str(PLAN), "--daemon", base, "--confirm", input="y\n", env={"COSTLIB_API_TOKEN": ""})
    assert none.code == 1 and "needs the daemon's bearer token" in none.err and "Continue?" not in none.err


def test_a_team_without_a_budget_and_a_resource_without_a_team(daemon: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = daemon
    spec = tmp_path / "spec.yaml"
    spec.write_text("resources:\n"
                    "  - {name: ghost-box, type: compute.instance, provider: aws, region: us-east-1, size: t3.micro,\n"
                    "     attributes: {tags: {team: ghost}}}\n"
                    "  - {name: loose-box, type: compute.instance, provider: aws, region: us-east-1, size: t3.micro}\n")
    out = run("estimate", str(spec), "--daemon", base)
    assert out.code == 0, out.err
    assert "the daemon has no budget for team ghost" in out.out
    assert "no team ($" in out.out and "loose-box" in out.out


def test_daemon_down_is_said_and_the_estimate_printed() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    out = run("estimate", str(PLAN), "--daemon", url)
    assert out.code == 0
    assert "aws_instance.web" in out.out and "budget impact unavailable" in out.out
    assert f"{url}/v1/attribution" in out.err and "is it running" in out.err
    doc = json.loads(run("estimate", str(PLAN), "--daemon", url, "--format", "json").out)
    assert doc["budget_impact"]["error"] and doc["total_monthly_cost"]


class _NotJson(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html>a proxy's login page</html>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_an_answer_that_is_not_json() -> None:
    server = HTTPServer(("127.0.0.1", 0), _NotJson)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        out = run("estimate", str(PLAN), "--daemon", url)
        assert out.code == 0 and "aws_instance.web" in out.out
        assert "not JSON" in out.err and f"{url}/v1/attribution" in out.err
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _box(name: str, size: str, tags: str) -> str:
    return (f"  - {{name: {name}, type: compute.instance, provider: aws, region: us-east-1, size: {size},\n"
            f"     attributes: {{tags: {tags}}}}}\n")


@pytest.fixture
def change(tmp_path: Path) -> tuple[Path, Path]:
    """web-box grows; moved-box grows and moves from team data to team web (its AFTER tags count); gone-box (team
    web) is deleted (its BEFORE tags count)."""
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text("resources:\n" + _box("web-box", "m5.large", "{team: web, app: shop, env: dev}")
                      + _box("moved-box", "t3.micro", "{team: data}") + _box("gone-box", "t3.micro", "{team: web}"))
    after.write_text("resources:\n" + _box("web-box", "m5.xlarge", "{team: web, app: shop, env: dev}")
                     + _box("moved-box", "t3.small", "{team: web}"))
    return before, after


def test_diff_shows_each_teams_budget_after_the_delta(daemon: tuple[str, Path], change: tuple[Path, Path]) -> None:
    from decimal import Decimal

    base, _ = daemon
    before, after = change
    doc = json.loads(run("diff", str(before), str(after), "--daemon", base, "--format", "json").out)
    deltas = {r["address"]: Decimal(r["monthly_delta"]) for r in doc["resources"]}
    assert deltas["gone-box"] < 0 < deltas["web-box"] and deltas["moved-box"] > 0
    impact = doc["budget_impact"]
    [web] = impact["teams"]  # nothing for data: moved-box is web's now
    assert web["team"] == "web" and sorted(web["resources"]) == ["gone-box", "moved-box", "web-box"]
    assert Decimal(web["monthly_cost"]) == sum(deltas.values()) == Decimal(doc["total_monthly_delta"])
    places = Decimal("1e-9")
    [budget] = web["budgets"]
    added = (sum(deltas.values()) * 11 * 24 / 730).quantize(places)  # 11 days left in November, the 20th counted
    assert Decimal(budget["added_this_period"]).quantize(places) == added
    assert Decimal(budget["forecast_after"]).quantize(places) == Decimal("300") + added
    table = run("diff", str(before), str(after), "--daemon", base)
    assert table.code == 0, table.err
    assert f"budget impact (daemon {base}, as of 2026-11-20):" in table.out
    assert "team web: +$" in table.out and "budget web-monthly $250.00: actual $200.00, forecast $300.00" in table.out
    md = run("diff", str(before), str(after), "--daemon", base, "--format", "markdown").out
    assert "### Budget impact" in md and "- team web: +$" in md


def test_a_diff_that_removes_cost_lowers_the_forecast(daemon: tuple[str, Path], change: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    from decimal import Decimal

    base, _ = daemon
    before, _ = change
    smaller = tmp_path / "smaller.yaml"
    smaller.write_text("resources:\n" + _box("web-box", "m5.large", "{team: web, app: shop, env: dev}")
                       + _box("moved-box", "t3.micro", "{team: data}"))
    doc = json.loads(run("diff", str(before), str(smaller), "--daemon", base, "--format", "json").out)
    [web] = doc["budget_impact"]["teams"]
    assert Decimal(web["monthly_cost"]) < 0 and web["resources"] == ["gone-box"]
    budget = web["budgets"][0]
    assert Decimal(budget["forecast_after"]) < Decimal(budget["forecast_before"]) == Decimal("300")
    assert budget["would_cross"] == []
    table = run("diff", str(before), str(smaller), "--daemon", base).out
    assert "team web: -$" in table and "team web: +" not in table


def test_diff_with_the_daemon_down_still_shows_the_diff(change: tuple[Path, Path]) -> None:
    before, after = change
    url = f"http://127.0.0.1:{free_port()}"
    out = run("diff", str(before), str(after), "--daemon", url)
    assert out.code == 0 and "web-box" in out.out and "budget impact unavailable" in out.out
    assert f"{url}/v1/attribution" in out.err and "is it running" in out.err


def test_diff_confirm_shows_the_budget_line_and_records_the_change(daemon: tuple[str, Path],
                                                                   change: tuple[Path, Path]) -> None:
    base, cfg = daemon
    before, after = change
    out = run("diff", str(before), str(after), "--daemon", base, "--confirm", input="y\n",
              env={"COSTLIB_API_TOKEN": TOKEN, "USER": "carol"})
    assert out.code == 0, out.err
    assert "team web: +$" in out.err.split("Continue?")[0]
    assert "Acknowledged: recorded by the daemon" in out.err
    doc = json.loads(run("diff", str(before), str(after), "--format", "json").out)
    listed = json.loads(run("acknowledgements", "list", "--config", str(cfg), "--format", "json",
                            env={"COSTLIB_TEST_API_TOKEN": TOKEN}).out)["acknowledgements"]
    ack = next(a for a in listed if a["source"] == f"diff {before} {after}")
    assert ack["acknowledged_by"] == "carol" and ack["via"] == "cli" and ack["teams"] == ["web"]
    assert sorted(ack["resources"]) == ["gone-box", "moved-box", "web-box"]
    assert ack["monthly_cost"] == doc["total_monthly_after"]  # what the change leaves running
    web_box = next(r for r in doc["resources"] if r["address"] == "web-box")
    assert ack["environments"] == [{"name": "shop-dev", "team": "web", "monthly_cost": web_box["monthly_after"]}]
    declined = run("diff", str(before), str(after), "--daemon", base, "--confirm", input="n\n",
                   env={"COSTLIB_API_TOKEN": TOKEN})
    assert declined.code == 3 and "team web: +$" in declined.err
