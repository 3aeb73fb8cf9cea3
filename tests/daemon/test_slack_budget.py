"""``/cost estimate`` with the budget impact, through the real signed Slack request path: the answer carries the
same budget lines, with the same figures, as ``POST /v1/estimate`` and ``costlib estimate --daemon`` for the same
plan, and ``/cost estimate confirm <url>`` records the acknowledgement with the Slack user as the actor."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from fastapi.testclient import TestClient

from costlib.daemon import slack
from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon
from costlib.money import Money
from costlib.policy.acknowledged import canonical_digest
from tests.cli.conftest import run
from tests.daemon.receivers import HttpReceiver, free_port

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "examples" / "plan.json"
SECRET = "slack-signing-secret-for-tests"


@pytest.fixture
def daemon(workdir: Path) -> Iterator[Daemon]:
    d = Daemon(load_config(workdir / "config.yaml"))
    d.run_cycle()  # the web team's budget, as of 2026-11-20, in the daemon's view
    yield d
    d.store.close()


def _client(daemon: Daemon, receiver: HttpReceiver) -> TestClient:
    command = slack.EstimateCommand(plan_urls=(f"{receiver.url}/plans/",), response_urls=(f"{receiver.url}/hooks/",))
    return TestClient(create_app(daemon, slack_secret=lambda: SECRET, slack_estimate=command))


def _signed(text: str, response_url: str, **user: str) -> tuple[bytes, dict[str, str]]:
    body = urlencode({"command": "/cost", "text": text, "response_url": response_url, **user}).encode()
    ts = int(time.time())
    return body, {"content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": str(ts),
                  "x-slack-signature": slack.sign(SECRET, ts, body)}


def _posted(receiver: HttpReceiver) -> list[str]:
    return [json.loads(r.body)["text"] for r in receiver.received if r.path.startswith("/hooks/")]


def _unescaped(text: str) -> str:
    return text.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")


def _expected_lines(impact: dict[str, Any]) -> list[str]:
    """The budget lines, written here from the figures of a budget_impact JSON document (the API's or the CLI's)."""
    out = []
    for team in impact["teams"]:
        cur = impact["currency"]
        added = Money(team["monthly_cost"], cur)
        for b in team["budgets"]:
            def m(key: str, b: dict[str, Any] = b) -> str:
                return Money(b[key], b["currency"]).display()

            cross = f"; would cross {', '.join(b['would_cross'])}" if b["would_cross"] else ""
            out.append(f"team {team['team']}: +{added.display()}/month -> budget {b['budget']} {m('amount')}: actual "
                       f"{m('actual')}, {b['basis']} {m('forecast_before')} ({b['percent_before']}%) -> "
                       f"{m('forecast_after')} ({b['percent_after']}%){cross}")
    return out


def test_the_answer_shows_the_budget_impact_the_api_gives(daemon: Daemon, receiver: HttpReceiver) -> None:
    c = _client(daemon, receiver)
    plan = json.loads(PLAN.read_text())
    receiver.get_answers.append((200, plan))
    body, headers = _signed(f"estimate {receiver.url}/plans/pr-7/plan.json", f"{receiver.url}/hooks/T1/B2")
    assert c.post("/slack/commands", content=body, headers=headers).status_code == 200
    [text] = _posted(receiver)
    api = c.post("/v1/estimate", json=plan).json()["budget_impact"]
    assert api["as_of"] == "2026-11-20" and [t["team"] for t in api["teams"]] == ["web"]
    assert Decimal(api["teams"][0]["budgets"][0]["added_this_period"]) > 0
    lines = _unescaped(text).split("\n")
    start = lines.index("*Budget impact* (as of 2026-11-20):")
    shown = [line.removeprefix("• ") for line in lines[start + 1:] if line.startswith("• ")]
    assert shown[:len(api["teams"][0]["budgets"])] == _expected_lines(api)
    assert lines[-1] == f"_To record it as confirmed: `/cost estimate confirm {receiver.url}/plans/pr-7/plan.json`_"
    assert daemon.acknowledgements() == []  # showing records nothing


def test_confirm_records_the_acknowledgement_with_the_slack_user(daemon: Daemon, receiver: HttpReceiver) -> None:
    c = _client(daemon, receiver)
    plan = json.loads(PLAN.read_text())
    receiver.get_answers.append((200, plan))
    url = f"{receiver.url}/plans/pr-7/plan.json"
    body, headers = _signed(f"estimate confirm {url}", f"{receiver.url}/hooks/T1/B2", user_id="U024BE7LH",
                            user_name="alice")
    reply = c.post("/slack/commands", content=body, headers=headers).json()
    assert "Estimating" in reply["text"]
    [text] = _posted(receiver)
    [ack] = daemon.acknowledgements()
    assert ack.acknowledged_by == "alice (U024BE7LH)" and ack.via == "slack" and ack.source == url
    assert f"Acknowledged by alice (U024BE7LH): recorded as `{ack.id}`." in text
    assert ack.plan_digest == canonical_digest(plan) and ack.teams == ("web",)
    api = c.post("/v1/estimate", json=plan).json()
    assert ack.budget_impact is not None and ack.budget_impact["teams"] == api["budget_impact"]["teams"]
    assert ack.monthly == Money(api["total_monthly_cost"], "USD")
    served = c.get("/v1/acknowledgements", params={"team": "web"}).json()["acknowledgements"]
    assert [a["id"] for a in served] == [ack.id] and served[0]["acknowledged_by"] == "alice (U024BE7LH)"


def test_confirm_without_a_slack_user_is_refused_and_records_nothing(daemon: Daemon, receiver: HttpReceiver) -> None:
    c = _client(daemon, receiver)
    body, headers = _signed(f"estimate confirm {receiver.url}/plans/p.json", f"{receiver.url}/hooks/x")
    reply = c.post("/slack/commands", content=body, headers=headers).json()
    assert "names no Slack user" in reply["text"]
    assert receiver.received == [] and daemon.acknowledgements() == []
    body, headers = _signed("estimate confirm", f"{receiver.url}/hooks/x", user_id="U1")
    assert "Usage: `/cost estimate [confirm] <plan URL>" in c.post("/slack/commands", content=body,
                                                                   headers=headers).json()["text"]


def test_a_forged_confirm_is_401_and_records_nothing(daemon: Daemon, receiver: HttpReceiver) -> None:
    c = _client(daemon, receiver)
    body, headers = _signed(f"estimate confirm {receiver.url}/plans/p.json", f"{receiver.url}/hooks/x", user_id="U1")
    headers["x-slack-signature"] = slack.sign("not-the-secret", int(headers["x-slack-request-timestamp"]), body)
    assert c.post("/slack/commands", content=body, headers=headers).status_code == 401
    assert receiver.received == [] and daemon.acknowledgements() == []


@pytest.mark.slow
def test_slack_and_the_cli_show_the_same_budget_lines(workdir: Path, receiver: HttpReceiver,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The served daemon (loopback): ``costlib estimate PLAN --daemon URL`` in a subprocess and ``/cost estimate``
    over real HTTP print the same budget lines for the same plan."""
    from costlib.daemon.api import serve

    port = free_port()
    monkeypatch.setenv("TEST_SLACK_SECRET", SECRET)
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text() + f"server:\n  listen: 127.0.0.1:{port}\n  slack_signing_secret: env:TEST_SLACK_SECRET\n"
                   f"  slack_plan_urls: ['{receiver.url}/plans/']\n  slack_response_urls: ['{receiver.url}/hooks/']\n")
    daemon = Daemon(load_config(cfg))
    daemon.run_cycle()
    receiver.get_answers.append((200, json.loads(PLAN.read_text())))
    server, thread = serve(daemon)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:  # the server thread may still be binding its socket
            try:
                httpx.get(base + "/healthz", timeout=5)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the HTTP server did not start"
                time.sleep(0.05)
        cli = run("estimate", str(PLAN), "--daemon", base)
        assert cli.code == 0, cli.err
        cli_lines = cli.out.split(f"budget impact (daemon {base}, as of 2026-11-20):\n")[1].splitlines()
        body, headers = _signed(f"estimate {receiver.url}/plans/plan.json", f"{receiver.url}/hooks/z")
        assert httpx.post(base + "/slack/commands", content=body, headers=headers, timeout=10).status_code == 200
        while not _posted(receiver) and time.monotonic() < deadline + 60:
            time.sleep(0.05)
        lines = _unescaped(_posted(receiver)[0]).split("\n")
        shown = [line.removeprefix("• ") for line in lines[lines.index("*Budget impact* (as of 2026-11-20):") + 1:]
                 if line.startswith("• ")]
        assert shown and shown == [line.strip() for line in cli_lines if line.strip()]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        daemon.store.close()
