"""Figures from a spend source that failed or went stale say so: per budget, team and environment, in
``budgets status``, ``env list --cost`` and ``/v1/budgets`` (the daemon records each source's polls; the rows
name the sources their spend came from)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from costlib.cli.main import cli
from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.health import annotate, source_problems
from costlib.daemon.service import Daemon

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
SIX_HOURS = timedelta(hours=6)


def poll(source: str, *, success: datetime | None, attempt: datetime, status: str = "ok",
         message: str | None = None) -> dict[str, object]:
    return {"source": source, "last_success": success.isoformat() if success else None,
            "last_attempt": attempt.isoformat(), "status": status, "message": message}


def test_a_source_is_failed_stale_or_not_polled_and_healthy_sources_are_absent() -> None:
    polls = [poll("ok", success=NOW - timedelta(hours=11), attempt=NOW - timedelta(hours=11)),
             poll("stale", success=NOW - timedelta(hours=13), attempt=NOW - timedelta(hours=13)),
             poll("failed", success=NOW - timedelta(hours=1), attempt=NOW, status="auth_failed", message="token expired"),
             poll("never", success=None, attempt=NOW, status="error"),
             poll("removed", success=NOW - timedelta(days=90), attempt=NOW - timedelta(days=90))]
    intervals = {"ok": SIX_HOURS, "stale": SIX_HOURS, "failed": SIX_HOURS, "never": SIX_HOURS, "new": SIX_HOURS}
    problems = source_problems(polls, intervals, NOW)
    assert {name: p.problem for name, p in problems.items()} == {
        "stale": "stale", "failed": "failed", "never": "failed", "new": "not_polled"}  # "removed" is not configured
    assert problems["stale"].summary == ("stale: stale, last success 2026-11-19T23:00:00+00:00 (13h ago); "
                                         "it is polled every 6h")
    assert "its last poll failed (auth_failed: token expired); last success 2026-11-20T11:00:00+00:00" \
        in problems["failed"].summary
    assert problems["never"].summary.endswith("no successful poll yet")


def test_rows_are_marked_by_their_own_sources_and_by_sources_that_gave_nothing() -> None:
    problems = source_problems([poll("aws", success=NOW, attempt=NOW),
                                poll("azure", success=NOW - timedelta(days=1), attempt=NOW, status="error")],
                               {"aws": SIX_HOURS, "azure": SIX_HOURS}, NOW)
    rows = [{"team": "web", "sources": ["aws"]}, {"team": "ml", "sources": ["aws", "azure"]},
            {"name": "estimated-env", "sources": None}]
    marked = annotate(rows, problems)
    assert [[p["source"] for p in r["source_problems"]] for r in marked] == [[], ["azure"], []]
    # the failing source gave no spend at all: it may hold anyone's, so every row built from spend is marked
    alone = annotate([{"team": "web", "sources": ["aws"]}, {"team": "ml", "sources": []}], problems, {"aws"})
    assert [[p["source"] for p in r["source_problems"]] for r in alone] == [["azure"], ["azure"]]


def _age_polls(daemon: Daemon, hours: int) -> None:
    """As if the last (successful) poll of every source was ``hours`` ago: the daemon that polls them stopped."""
    then = (datetime.now(UTC) - timedelta(hours=hours)).isoformat()
    with daemon.store.transaction() as conn:
        conn.execute("UPDATE polls SET last_success=?, last_attempt=?", (then, then))


@pytest.fixture
def ran(workdir: Path) -> Iterator[Daemon]:
    d = Daemon(load_config(workdir / "config.yaml"))
    d.run_cycle()
    yield d
    d.store.close()


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_budgets_status_says_the_only_source_failed_instead_of_a_silent_zero(workdir: Path) -> None:
    (workdir / "spend.csv").unlink()
    config = str(workdir / "config.yaml")
    code, out = _cli("daemon", "run", "--once", "--config", config)
    assert code == 1 and "source files: invalid_config" in out
    code, out = _cli("budgets", "status", "--config", config)
    assert code == 0, out
    row = next(line for line in out.splitlines() if line.startswith("web-monthly"))
    assert "$0.00" in row and row.endswith("!")
    assert "! figures incomplete (web-monthly): files: its last poll failed (invalid_config: " in out
    assert "no successful poll yet" in out
    doc = json.loads(_cli("budgets", "status", "--config", config, "--format", "json")[1])
    assert [p["problem"] for p in doc["budgets"][0]["source_problems"]] == ["failed"]


def test_budgets_status_says_when_figures_are_stale(ran: Daemon, workdir: Path) -> None:
    config = str(workdir / "config.yaml")
    fresh = _cli("budgets", "status", "--config", config)[1]
    assert "!" not in fresh and "incomplete" not in fresh
    _age_polls(ran, 13)  # polled every 6h (the default): two intervals have passed without a success
    code, out = _cli("budgets", "status", "--config", config)
    assert code == 0 and "! figures incomplete (web-monthly): files: stale, last success " in out
    assert "(13h ago); it is polled every 6h" in out


def test_env_list_marks_environments_found_in_a_stale_source(ran: Daemon, workdir: Path) -> None:
    config = str(workdir / "config.yaml")
    assert "!" not in _cli("env", "list", "--cost", "--config", config)[1]
    _age_polls(ran, 20)
    code, out = _cli("env", "list", "--cost", "--config", config)
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith(("shop-dev", "etl-prod"))]
    assert len(rows) == 2 and all(line.endswith("!") for line in rows), out
    assert "! environments found in spend incomplete (etl-prod, shop-dev): files: stale" in out
    doc = json.loads(_cli("env", "list", "--config", config, "--format", "json")[1])
    assert {e["name"]: [p["problem"] for p in e["source_problems"]] for e in doc["environments"]} == {
        "etl-prod": ["stale"], "shop-dev": ["stale"]}


def test_env_list_says_environments_may_be_missing_when_the_only_source_failed(workdir: Path) -> None:
    (workdir / "spend.csv").unlink()
    config = str(workdir / "config.yaml")
    _cli("daemon", "run", "--once", "--config", config)
    code, out = _cli("env", "list", "--cost", "--config", config)
    assert code == 0 and "! environments found in spend may be missing: files: its last poll failed" in out


def test_v1_budgets_names_the_failed_source_of_each_budget(ran: Daemon, workdir: Path) -> None:
    client = TestClient(create_app(ran))
    ok = client.get("/v1/budgets").json()
    assert ok["source_problems"] == [] and ok["budgets"][0]["source_problems"] == []
    assert ok["budgets"][0]["sources"] == ["files"]
    (workdir / "spend.csv").unlink()
    ran.poll_source("files")  # fails; the running daemon keeps serving its last good figures, which now say so
    doc = client.get("/v1/budgets").json()
    (problem,) = doc["budgets"][0]["source_problems"]
    assert problem["source"] == "files" and problem["problem"] == "failed" and problem["last_success"]
    assert "no file matches" in problem["summary"]
    assert client.get("/v1/teams").json()["teams"][0]["source_problems"][0]["source"] == "files"
    assert all(e["source_problems"] for e in client.get("/v1/environments").json()["environments"])


def test_v1_budgets_says_when_a_budget_is_stale(ran: Daemon) -> None:
    client = TestClient(create_app(ran))
    _age_polls(ran, 13)
    ran.refresh_view()
    (problem,) = client.get("/v1/budgets").json()["budgets"][0]["source_problems"]
    assert problem["problem"] == "stale" and "it is polled every 6h" in problem["summary"]
