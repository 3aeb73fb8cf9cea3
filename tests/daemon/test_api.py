"""The HTTP API and /metrics in-process (ASGI), on a daemon that ran one cycle over the test FOCUS file."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry, generate_latest

from costlib.daemon import slack
from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.metrics import SnapshotCollector
from costlib.daemon.service import Daemon
from costlib.daemon.snapshot import Snapshot, TeamRow, View
from costlib.money import Money

REPO = Path(__file__).resolve().parents[2]
TOKEN = "t0k-for-tests"
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@pytest.fixture
def daemon(workdir: Path) -> Iterator[Daemon]:
    d = Daemon(load_config(workdir / "config.yaml"))
    d.run_cycle()
    yield d
    d.store.close()


@pytest.fixture
def client(daemon: Daemon) -> TestClient:
    return TestClient(create_app(daemon, token=lambda: TOKEN, slack_secret=lambda: SLACK_SECRET, max_body_bytes=64_000))


def test_health_and_readiness(client: TestClient, workdir: Path) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["ready"] is True
    fresh = Daemon(load_config(workdir / "config.yaml").model_copy(update={"state_dir": str(workdir / "empty")}))
    not_ready = TestClient(create_app(fresh)).get("/readyz")
    assert not_ready.status_code == 503 and not_ready.json()["ready"] is False


def test_failing_source_degrades_but_keeps_serving(client: TestClient, daemon: Daemon, workdir: Path) -> None:
    assert client.get("/readyz").json()["degraded"] is False
    (workdir / "spend.csv").unlink()
    daemon.poll_source("files")  # succeeded before, fails now: the last good data is still served
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() | {"as_of": None} == {
        "ready": True, "degraded": True, "as_of": None, "failing_sources": ["files"]}
    assert client.get("/v1/budgets").status_code == 200


def test_budgets_teams_environments(client: TestClient) -> None:
    budgets = client.get("/v1/budgets", params={"team": "web"}).json()
    [b] = budgets["budgets"]
    assert (b["name"], Decimal(b["actual"]), Decimal(b["amount"])) == ("web-monthly", 200, 250)
    teams = {t["team"]: t for t in client.get("/v1/teams").json()["teams"]}
    assert Decimal(teams["web"]["by_provider"]["AWS"]) == 200 and Decimal(teams["data"]["month_to_date"]) == 10
    envs = client.get("/v1/environments").json()["environments"]
    assert {e["name"] for e in envs} >= {"shop-dev"}
    assert client.get("/v1/sources").json()["sources"][0]["source"] == "files"


def test_metrics_follow_the_conventions(client: TestClient) -> None:
    resp = client.get("/metrics")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain")
    text = resp.text
    for line in ('costlib_team_month_to_date_spend_usd{provider="AWS",team="web"} 200.0',
                 'costlib_team_budget_usd{budget="web-monthly",team="web"} 250.0',
                 'costlib_team_budget_utilisation_ratio{budget="web-monthly",team="web"} 0.8',
                 'costlib_source_poll_errors_total{source="files"} 0.0',
                 'costlib_alerts_sent_total{channel="box"}',
                 "costlib_catalog_price_date_timestamp_seconds ",
                 'costlib_info{version="0.1.0"} 1.0'):
        assert line in text, line
    assert "costlib_environment_ttl_remaining_seconds{" in text
    assert "costlib_source_last_success_timestamp_seconds{" in text
    # the rules measure staleness in each source's poll interval (6h by default) and see a restart
    assert 'costlib_source_poll_interval_seconds{source="files"} 21600.0' in text
    assert "costlib_start_timestamp_seconds " in text
    promtool = shutil.which("promtool")
    if promtool:
        check = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_a_source_that_never_succeeded_exports_a_last_success_of_zero(workdir: Path) -> None:
    """So CostlibSourceNoSuccessSinceStart can see it (a missing series would be no alert at all)."""
    (workdir / "spend.csv").unlink()
    d = Daemon(load_config(workdir / "config.yaml"))
    try:
        d.run_cycle()
        registry = CollectorRegistry(auto_describe=False)
        registry.register(SnapshotCollector(d.view))
        text = generate_latest(registry).decode()
    finally:
        d.store.close()
    assert 'costlib_source_last_success_timestamp_seconds{source="files"} 0.0' in text
    assert 'costlib_source_poll_errors_total{source="files"} 1.0' in text


def _view(teams: dict[str, tuple[str, str]]) -> View:
    rows = tuple(TeamRow(team=t, currency="EUR", month_to_date=Money(a, "EUR"), credits=Money(0, "EUR"),
                         by_provider=((p, Money(a, "EUR")),)) for t, (p, a) in teams.items())
    return View(snapshot=Snapshot(as_of=datetime(2026, 11, 20, tzinfo=UTC), currency="EUR", teams=rows))


def test_no_stale_series_when_a_team_disappears() -> None:
    views = [_view({"a": ("AWS", "1"), "b": ("GCP", "2")}), _view({"a": ("AWS", "3")})]
    registry = CollectorRegistry(auto_describe=False)
    registry.register(SnapshotCollector(lambda: views[0]))
    first = generate_latest(registry).decode()
    views.pop(0)
    second = generate_latest(registry).decode()
    assert 'costlib_team_month_to_date_spend_eur{provider="GCP",team="b"} 2.0' in first
    assert 'team="b"' not in second and 'costlib_team_month_to_date_spend_eur{provider="AWS",team="a"} 3.0' in second


def test_writes_need_the_bearer_token(client: TestClient, daemon: Daemon) -> None:
    url = "/v1/environments/shop-dev/extend"
    assert client.post(url, json={"duration": "7d"}).status_code == 401
    assert client.post(url, json={"duration": "7d"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    ok = client.post(url, json={"duration": "7d"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200, ok.text
    assert daemon.store.env_states()["shop-dev"].extended_until is not None
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/v1/environments/nope/extend", json={"duration": "7d"}, headers=auth).status_code == 404
    bad = client.post(url, json={"duration": "soon"}, headers=auth)
    assert bad.status_code == 400 and "soon" in bad.json()["detail"]
    snooze = client.post("/v1/environments/shop-dev/snooze", json={"duration": "1d"}, headers=auth)
    assert snooze.status_code == 200 and daemon.store.env_states()["shop-dev"].snoozed_until is not None
    no_token = TestClient(create_app(daemon))
    assert no_token.post(url, json={"duration": "7d"}, headers=auth).status_code == 403


def test_estimate_a_plan_and_a_spec(client: TestClient) -> None:
    plan = json.loads((REPO / "examples" / "plan.json").read_text())
    resp = client.post("/v1/estimate", json={"plan": plan})
    assert resp.status_code == 200, resp.text
    assert resp.json()["currency"] == "USD" and len(resp.json()["resources"]) > 3
    spec = client.post("/v1/estimate", json={"resources": [{"type": "aws_instance", "provider": "aws",
                                                            "region": "us-east-1", "attributes": {"instance_type": "t3.micro"}}],
                                             "currency": "EUR"})
    assert spec.status_code == 200 and spec.json()["currency"] == "EUR"
    assert spec.json()["resources"][0]["status"] == "priced"


@pytest.mark.parametrize(("body", "status", "text"), [
    ({"plan": {"nope": 1}}, 400, "format_version"),
    ({}, 400, "exactly one of plan or resources"),
    ({"resources": [{"type": "aws_instance"}]}, 400, "'provider' is required"),
    ({"resources": [], "extra": 1}, 422, "extra"),
    ({"resources": [{"type": "aws_instance", "provider": "aws", "region": "mars-1"}]}, 200, ""),
])
def test_estimate_bad_input_is_a_clear_4xx(client: TestClient, body: dict[str, Any], status: int, text: str) -> None:
    resp = client.post("/v1/estimate", json=body)
    assert resp.status_code == status, resp.text
    assert text in resp.text


def test_request_size_limit(client: TestClient) -> None:
    big = {"resources": [{"type": "aws_instance", "provider": "aws", "name": "x" * 70_000}]}
    assert client.post("/v1/estimate", json=big).status_code == 413
    chunks = (b"x" * 10_000 for _ in range(10))  # streamed, no Content-Length
    assert client.post("/v1/estimate", content=chunks, headers={"content-type": "application/json"}).status_code == 413


def _slack_post(client: TestClient, text: str, *, secret: str = SLACK_SECRET, age: int = 0) -> Any:
    body = f"command=%2Fcost&text={text.replace(' ', '+')}&user_id=U1".encode()
    ts = int(time.time()) - age
    return client.post("/slack/commands", content=body, headers={
        "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": str(ts),
        "x-slack-signature": slack.sign(secret, ts, body)})


def test_slack_command_checks_the_signature(client: TestClient, daemon: Daemon) -> None:
    ok = _slack_post(client, "env list web")
    assert ok.status_code == 200 and "shop-dev" in ok.json()["text"]
    assert "web-monthly" in _slack_post(client, "budgets").json()["text"]
    assert "Usage" in _slack_post(client, "help").json()["text"]
    assert _slack_post(client, "env list", secret="wrong").status_code == 401
    assert _slack_post(client, "env list", age=600).status_code == 401  # replayed
    unconfigured = TestClient(create_app(daemon))
    assert _slack_post(unconfigured, "env list").status_code == 404


def test_openapi_schema_lists_every_interface(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths >= {"/healthz", "/readyz", "/metrics", "/v1/budgets", "/v1/teams", "/v1/environments",
                     "/v1/environments/{name}/extend", "/v1/environments/{name}/snooze", "/v1/estimate", "/v1/sources"}


def test_server_config_errors(tmp_path: Path) -> None:
    from costlib.errors import ConfigError

    cfg = tmp_path / "c.yaml"
    cfg.write_text("server: {listen: 'nope'}\n")
    with pytest.raises(ConfigError, match="server.listen"):
        load_config(cfg)
    cfg.write_text("server: {token: 'plain-secret'}\n")
    with pytest.raises(ConfigError, match="server.token") as info:
        load_config(cfg)
    assert "plain-secret" not in str(info.value)
