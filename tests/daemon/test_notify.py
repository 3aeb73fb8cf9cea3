"""Notifications against real local receivers: aiosmtpd for SMTP, an http.server on loopback for webhooks.

Signatures are checked with the independent ``standardwebhooks`` package. Time is passed to the outbox, so
retries are driven by moving ``now`` rather than by sleeping.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import ssl
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import standardwebhooks
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from costlib.cli.main import cli
from costlib.daemon.config import DaemonConfig, load_config
from costlib.daemon.notify import Outbox, build_channels, compose
from costlib.daemon.notify.routing import Message, QuietHours, deferred_until
from costlib.daemon.state import StateStore
from costlib.errors import ConfigError, DeliveryError
from costlib.money import Money
from costlib.policy.alerts import Alert, AlertKind, Severity
from tests.daemon.receivers import HttpReceiver, SmtpHandler, free_port, parts

SECRET = "whsec_" + base64.b64encode(b"a-32-byte-secret-for-the-tests!!").decode()
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def budget_alert(key: str = "budget:web-monthly:2026-11-01:actual:80%#1", team: str = "web",
                 severity: Severity = Severity.WARNING) -> Alert:
    return Alert(key=key, kind=AlertKind.BUDGET_ACTUAL, team=team, subject="web-monthly",
                 title="web: spend is above 80% of the web-monthly budget (82% used)",
                 summary="Spend from 2026-11-01 is $820.00 of $1,000.00 (threshold $800.00).", created_at=NOW,
                 severity=severity, figures={"budget": Money("1000", "USD"), "actual": Money("820", "USD")},
                 action="costlib budgets status --team web", labels={"budget": "web-monthly"})


def ttl_alert(env: str, team: str = "web") -> Alert:
    return Alert(key=f"ttl:{env}:2026-11-26T00:00:00+00:00:1d", kind=AlertKind.TTL_WARNING, team=team, subject=env,
                 title=f"{env} expires in 1d (2026-11-26)", summary="Expiry from the ttl tag. Owner: ana.",
                 created_at=NOW, figures={"monthly_cost": Money("61.32", "USD")}, action=f"costlib env extend {env} 7d",
                 labels={"environment": env})


def make_outbox(tmp_path: Path, channels: list[dict[str, Any]], **notify: Any) -> Outbox:
    config = DaemonConfig.model_validate({"notify": {"channels": channels, "fallback": [c["name"] for c in channels],
                                                     **notify}, "base_dir": str(tmp_path)})
    n = config.notify
    return Outbox(StateStore(tmp_path / "state.db"), build_channels(n, tmp_path), n.routes, n.fallback,
                  max_attempts=n.max_attempts, deadline=timedelta(hours=24),
                  quiet_hours={t: QuietHours(q.start, q.end, q.timezone, q.hold_critical) for t, q in n.quiet_hours.items()})


def enqueue(outbox: Outbox, *alerts: Alert, now: datetime = NOW, digest: bool = True) -> None:
    with outbox.store.transaction() as conn:
        outbox.enqueue_all(conn, compose(list(alerts), digest=digest), now)



@pytest.fixture
def smtp() -> Iterator[tuple[SmtpHandler, int]]:
    handler = SmtpHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


# --- webhooks ---------------------------------------------------------------------------------------------------
def test_standard_webhook_is_signed_and_verifies_independently(tmp_path: Path, receiver: HttpReceiver,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url + "/hooks/costlib",
                                     "secret": "env:HOOK_SECRET"}])
    enqueue(outbox, budget_alert())
    report = outbox.deliver_due(NOW)
    assert (report.sent, report.failed, report.dead) == (1, 0, 0)
    [req] = receiver.received
    assert req.path == "/hooks/costlib"
    doc = standardwebhooks.Webhook(SECRET).verify(req.body, req.headers)
    assert req.headers["webhook-id"] == "budget:web-monthly:2026-11-01:actual:80%#1"
    assert doc["type"] == "costlib.budget_actual"
    assert doc["data"]["figures"]["actual"] == {"amount": "820", "currency": "USD", "display": "$820.00"}
    tampered = req.body.replace(b"820", b"821")
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(SECRET).verify(tampered, req.headers)


def test_receiver_down_then_up_delivers_once(tmp_path: Path) -> None:
    port = free_port()
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": f"http://127.0.0.1:{port}/"}])
    enqueue(outbox, budget_alert())
    first = outbox.deliver_due(NOW)
    assert (first.sent, first.failed) == (0, 1) and "ConnectError" in first.errors[0]
    assert outbox.deliver_due(NOW + timedelta(seconds=10)).sent == 0  # backing off: not due yet
    r = HttpReceiver(port=port).start()
    try:
        assert outbox.deliver_due(NOW + timedelta(hours=1)).sent == 1
        assert outbox.deliver_due(NOW + timedelta(hours=2)).sent == 0
        assert len(r.received) == 1
    finally:
        r.stop()
    [msg] = outbox.messages()
    assert (msg["status"], msg["attempts"]) == ("sent", 2)


def test_500s_then_200_retries_with_backoff(tmp_path: Path, receiver: HttpReceiver) -> None:
    receiver.script = [(500, {}), (503, {})]
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url}])
    enqueue(outbox, budget_alert())
    now = NOW
    results = []
    for _ in range(4):
        r = outbox.deliver_due(now)
        results.append((r.sent, r.failed))
        [msg] = outbox.messages()
        if msg["status"] == "pending":
            now = datetime.fromisoformat(msg["next_attempt_at"])
    assert results == [(0, 1), (0, 1), (1, 0), (0, 0)]
    assert len(receiver.received) == 3
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1  # the same id on every try
    assert outbox.attempt_counts() == {("hook", "retry"): 2, ("hook", "sent"): 1}


def test_429_honours_retry_after(tmp_path: Path, receiver: HttpReceiver) -> None:
    receiver.script = [(429, {"Retry-After": "120"})]
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url}])
    enqueue(outbox, budget_alert())
    report = outbox.deliver_due(NOW)
    assert report.failed == 1 and "429" in report.errors[0]
    [msg] = outbox.messages()
    assert datetime.fromisoformat(msg["next_attempt_at"]) == NOW + timedelta(seconds=120)
    assert outbox.deliver_due(NOW + timedelta(seconds=119)).sent == 0
    assert outbox.deliver_due(NOW + timedelta(seconds=120)).sent == 1


def test_410_disables_the_endpoint_holds_its_messages_and_enable_sends_them(tmp_path: Path,
                                                                           receiver: HttpReceiver) -> None:
    receiver.script = [(410, {})]
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url}])
    enqueue(outbox, budget_alert())
    first = outbox.deliver_due(NOW)
    assert first.dead == 1 and "410 Gone; channel disabled until `costlib notify enable hook`" in first.errors[0]
    enqueue(outbox, budget_alert(key="budget:other#1"))
    held = outbox.deliver_due(NOW)
    assert (held.sent, held.dead, held.failed) == (0, 0, 0) and len(receiver.received) == 1  # waits, not dead
    assert {m["id"]: m["status"] for m in outbox.messages(None)}["budget:other#1"] == "pending"
    assert outbox.enable("hook") and not outbox.enable("hook")
    sent = outbox.deliver_due(datetime.now(UTC))
    assert sent.sent == 2  # what waited, and the message that got the 410
    assert {m["status"] for m in outbox.messages(None)} == {"sent"}


def test_a_held_message_dies_at_its_deadline(tmp_path: Path, receiver: HttpReceiver) -> None:
    receiver.script = [(410, {})]
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url}])
    enqueue(outbox, budget_alert())
    outbox.deliver_due(NOW)
    enqueue(outbox, budget_alert(key="budget:other#1"))
    late = outbox.deliver_due(NOW + timedelta(hours=25))
    assert late.dead == 1 and "stayed disabled (410 Gone) past the deadline" in late.errors[0]


def test_one_broken_message_never_holds_up_the_others(tmp_path: Path, receiver: HttpReceiver,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url,
                                     "secret": "env:HOOK_SECRET"},
                                    {"name": "box", "type": "outbox_dir", "path": "box"}],
                         routes={"data": ["hook"], "web": ["box"]})
    enqueue(outbox, budget_alert(team="data", key="a-data"), budget_alert(key="b-web"))
    monkeypatch.setenv("HOOK_SECRET", "whsec_not-base64!!")  # rotated to something broken after start-up
    report = outbox.deliver_due(NOW)
    assert report.sent == 1 and report.failed == 1 and "base64" in report.errors[0]
    statuses = {(m["id"], m["channel"]): (m["status"], m["attempts"]) for m in outbox.messages(None)}
    assert statuses == {("a-data", "hook"): ("pending", 1), ("b-web", "box"): ("sent", 1)}
    monkeypatch.setenv("HOOK_SECRET", SECRET)  # fixed: the retry goes out
    assert outbox.deliver_due(NOW + timedelta(hours=2)).sent == 1


def test_dead_letters_can_be_requeued(tmp_path: Path, receiver: HttpReceiver) -> None:
    receiver.script = [(400, {})]
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url}])
    enqueue(outbox, budget_alert())
    assert outbox.deliver_due(NOW).dead == 1
    assert outbox.requeue("hook") == 1 and outbox.requeue("hook") == 0
    assert outbox.deliver_due(datetime.now(UTC)).sent == 1


def test_4xx_is_permanent_and_deadline_dead_letters(tmp_path: Path, receiver: HttpReceiver) -> None:
    receiver.script = [(400, {})]
    outbox = make_outbox(tmp_path, [{"name": "hook", "type": "webhook", "url": receiver.url}])
    enqueue(outbox, budget_alert())
    assert outbox.deliver_due(NOW).dead == 1
    receiver.script = [(503, {})] * 50
    enqueue(outbox, budget_alert(key="k2"))
    now, dead = NOW, 0
    for _ in range(30):
        r = outbox.deliver_due(now)
        dead += r.dead
        now += timedelta(hours=1)
    assert dead == 1
    msg = next(m for m in outbox.messages() if m["id"] == "k2")
    assert msg["status"] == "dead" and msg["attempts"] < 30  # dead-lettered at the 24 h deadline


def test_slack_teams_alertmanager_pagerduty_bodies(tmp_path: Path, receiver: HttpReceiver,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_URL", receiver.url + "/services/T000/B000/XXXXSECRET")
    monkeypatch.setenv("PD_KEY", "R0UTINGKEY")
    outbox = make_outbox(tmp_path, [
        {"name": "slack", "type": "slack", "url": "env:SLACK_URL"},
        {"name": "teams", "type": "teams", "url": receiver.url + "/workflows"},
        {"name": "am", "type": "alertmanager", "url": receiver.url},
        {"name": "pd", "type": "pagerduty", "routing_key": "env:PD_KEY", "url": receiver.url + "/v2/enqueue"}])
    enqueue(outbox, budget_alert(severity=Severity.CRITICAL))
    assert outbox.deliver_due(NOW).sent == 4
    by_path = {r.path: json.loads(r.body) for r in receiver.received}
    slack = by_path["/services/T000/B000/XXXXSECRET"]
    assert slack["blocks"][0]["type"] == "header" and "$820.00" in slack["blocks"][1]["text"]["text"]
    assert "costlib budgets status --team web" in slack["text"]
    card = by_path["/workflows"]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["type"] == "AdaptiveCard" and card["content"]["body"][0]["color"] == "Attention"
    [am] = by_path["/api/v2/alerts"]
    assert am["labels"]["alertname"] == "CostlibBudgetActual" and am["labels"]["team"] == "web"
    assert am["labels"]["costlib_id"] == "budget:web-monthly:2026-11-01:actual:80%#1"
    pd = by_path["/v2/enqueue"]
    assert pd["routing_key"] == "R0UTINGKEY" and pd["event_action"] == "trigger"
    assert pd["dedup_key"] == "budget:web-monthly:2026-11-01:actual:80%#1" and pd["payload"]["severity"] == "critical"


def test_secrets_never_in_errors_or_logs(tmp_path: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch,
                                         caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("SLACK_URL", receiver.url + "/services/T000/B000/XXXXSECRET")
    receiver.script = [(500, {}), (403, {})]
    outbox = make_outbox(tmp_path, [{"name": "slack", "type": "slack", "url": "env:SLACK_URL"}])
    enqueue(outbox, budget_alert())
    caplog.set_level(logging.DEBUG)
    errors = outbox.deliver_due(NOW).errors + outbox.deliver_due(NOW + timedelta(hours=2)).errors
    text = " ".join(errors) + caplog.text + json.dumps(outbox.messages())
    with outbox.store.connect() as conn:
        text += json.dumps(conn.execute("SELECT * FROM outbox_attempts").fetchall())
    assert "XXXXSECRET" not in text and "500" in text and "403" in text and "127.0.0.1" in text


# --- routing, quiet hours, digests -----------------------------------------------------------------------------------
def test_routes_fallback_and_digest(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path, [{"name": "web-box", "type": "outbox_dir", "path": "web"},
                                    {"name": "ops-box", "type": "outbox_dir", "path": "ops"}],
                         routes={"web": ["web-box"]}, fallback=["ops-box"])
    enqueue(outbox, budget_alert(), ttl_alert("dev-1"), ttl_alert("dev-2"), ttl_alert("dev-3"),
            ttl_alert("etl-1", team="data"))
    assert outbox.deliver_due(NOW).sent == 3  # web: the budget alert + one digest; data (fallback): one warning
    web = sorted(p.name for p in (tmp_path / "web").glob("*.json"))
    ops = sorted(p.name for p in (tmp_path / "ops").glob("*.json"))
    assert len(web) == 2 and any(n.startswith("digest_web") for n in web)
    assert len(ops) == 1 and ops[0].startswith("ttl_etl-1_2026-11-26T00_00_00_00_00_1d-")  # + a hash of the id
    digest_txt = next((tmp_path / "web").glob("digest_web*.txt")).read_text()
    for env in ("dev-1", "dev-2", "dev-3"):
        assert f"costlib env extend {env} 7d" in digest_txt
    assert "$61.32" in digest_txt


@pytest.mark.parametrize(("hour_utc", "severity", "deferred"), [
    (23, Severity.WARNING, "2026-11-26T07:00:00+01:00"),   # 00:00 in Berlin: held until 07:00
    (5, Severity.WARNING, "2026-11-25T07:00:00+01:00"),    # 06:00 in Berlin
    (6, Severity.WARNING, None),                           # 07:00 in Berlin: quiet hours are over
    (12, Severity.WARNING, None),
    (23, Severity.CRITICAL, None),                         # critical passes unless held too
])
def test_quiet_hours(hour_utc: int, severity: Severity, deferred: str | None) -> None:
    q = QuietHours(time(22), time(7), "Europe/Berlin")
    got = deferred_until(datetime(2026, 11, 25, hour_utc, tzinfo=UTC), q, severity)
    assert (got.isoformat() if got else None) == deferred


def test_quiet_hours_hold_messages_in_the_outbox(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path, [{"name": "box", "type": "outbox_dir", "path": "box"}],
                         quiet_hours={"web": {"start": "22:00", "end": "07:00", "timezone": "UTC"}})
    night = datetime(2026, 11, 25, 23, tzinfo=UTC)
    enqueue(outbox, budget_alert(), now=night)
    enqueue(outbox, budget_alert(key="crit", severity=Severity.CRITICAL), now=night)
    assert outbox.deliver_due(night).sent == 1  # the critical one
    assert outbox.deliver_due(datetime(2026, 11, 26, 6, 59, tzinfo=UTC)).sent == 0
    assert outbox.deliver_due(datetime(2026, 11, 26, 7, tzinfo=UTC)).sent == 1


def test_message_composition_is_deterministic() -> None:
    a = compose([ttl_alert("dev-2"), ttl_alert("dev-1")], digest=True)
    b = compose([ttl_alert("dev-1"), ttl_alert("dev-2")], digest=True)
    assert [m.id for m in a] == [m.id for m in b]
    assert [len(m.alerts) for m in compose([ttl_alert("dev-1"), ttl_alert("dev-2")], digest=False)] == [1, 1]
    assert Message("x", "web", (budget_alert(), budget_alert(severity=Severity.CRITICAL))).severity is Severity.CRITICAL


# --- email ---------------------------------------------------------------------------------------------------------
def test_email_text_and_html_with_figures_and_action(tmp_path: Path, smtp: tuple[SmtpHandler, int]) -> None:
    handler, port = smtp
    outbox = make_outbox(tmp_path, [{"name": "mail", "type": "email", "host": "127.0.0.1", "port": port,
                                     "security": "none", "from": "costlib@example.com", "to": ["web@example.com"]}])
    enqueue(outbox, budget_alert(), ttl_alert("dev-42"), ttl_alert("dev-43"))
    assert outbox.deliver_due(NOW).sent == 2
    by_id = {m["X-Costlib-Alert-Id"]: m for m in handler.messages}
    msg = by_id["budget:web-monthly:2026-11-01:actual:80%#1"]
    assert msg["Subject"].strip() == "[costlib] web: spend is above 80% of the web-monthly budget (82% used)"
    body = dict(parts(msg))
    assert "actual: $820.00" in body["text/plain"] and "Action: costlib budgets status --team web" in body["text/plain"]
    assert "<b>$820.00</b>" in body["text/html"]
    digest = next(m for k, m in by_id.items() if k.startswith("digest:web"))
    assert "costlib env extend dev-42 7d" in dict(parts(digest))["text/plain"]
    assert handler.envelopes[0] == ("costlib@example.com", ["web@example.com"])


def test_email_refused_then_accepted(tmp_path: Path, smtp: tuple[SmtpHandler, int]) -> None:
    handler, port = smtp
    handler.refuse = 2
    outbox = make_outbox(tmp_path, [{"name": "mail", "type": "email", "host": "127.0.0.1", "port": port,
                                     "security": "none", "from": "c@example.com", "to": ["w@example.com"]}])
    enqueue(outbox, budget_alert())
    r1 = outbox.deliver_due(NOW)
    assert r1.failed == 1 and "451" in r1.errors[0]
    outbox.deliver_due(NOW + timedelta(hours=1))
    assert outbox.deliver_due(NOW + timedelta(hours=3)).sent == 1
    assert len(handler.messages) == 1


def test_email_starttls_with_auth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_ctx)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cret-pw")

    handler, port = SmtpHandler(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=server_ctx, require_starttls=True,
                            authenticator=authenticator, auth_require_tls=True)
    controller.start()
    try:
        monkeypatch.setenv("SMTP_PW", "s3cret-pw")
        channel = {"name": "mail", "type": "email", "host": "127.0.0.1", "port": port, "security": "starttls",
                   "username": "costlib", "password": "env:SMTP_PW", "ca_file": str(ca_file), "timeout": 3,
                   "from": "c@example.com", "to": ["w@example.com"]}
        outbox = make_outbox(tmp_path, [channel])
        enqueue(outbox, budget_alert())
        assert outbox.deliver_due(NOW).sent == 1
        assert logins == [(b"costlib", b"s3cret-pw")] and len(handler.messages) == 1
        monkeypatch.setenv("SMTP_PW", "wrong-pw")
        enqueue(outbox, budget_alert(key="k2"))
        report = outbox.deliver_due(NOW)
        assert report.sent == 0 and len(report.errors) == 1 and len(handler.messages) == 1
        assert "wrong-pw" not in report.errors[0] and "s3cret" not in report.errors[0]
    finally:
        controller.stop()


def test_email_unreachable_is_transient(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path, [{"name": "mail", "type": "email", "host": "127.0.0.1", "port": free_port(),
                                     "security": "none", "from": "c@example.com", "to": ["w@example.com"]}])
    enqueue(outbox, budget_alert())
    report = outbox.deliver_due(NOW)
    assert report.failed == 1 and "smtp 127.0.0.1" in report.errors[0]


# --- config ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("notify", "where"), [
    ({"channels": [{"name": "m", "type": "email", "host": "h", "from": "a@b.c", "to": ["x@y.z"], "password": "hunter2"}]},
     "notify.channels[0].password"),
    ({"channels": [{"name": "p", "type": "pagerduty", "routing_key": "plain"}]}, "notify.channels[0].routing_key"),
    ({"channels": [{"name": "w", "type": "carrier-pigeon"}]}, "notify.channels[0]"),
    ({"quiet_hours": {"web": {"start": "22:00", "end": "07:00", "timezone": "Mars/Olympus"}}},
     "notify.quiet_hours.web.timezone"),
    ({"fallback": ["nope"]}, "notify"),
    ({"deadline": "forever"}, "notify.deadline"),
])
def test_notify_config_errors_name_the_key(tmp_path: Path, notify: dict[str, Any], where: str) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(json.dumps({"notify": notify}))
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert where in str(info.value)
    assert "hunter2" not in str(info.value)


def test_missing_secret_env_is_named(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(json.dumps({"notify": {"channels": [{"name": "s", "type": "slack", "url": "env:NO_SUCH_VAR_X"}]}}))
    with pytest.raises(ConfigError, match=r"notify.channels\[0\].url.*NO_SUCH_VAR_X|NO_SUCH_VAR_X.*channels\[0\]"):
        load_config(cfg)


def test_templates_can_be_overridden(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "email.txt.j2").write_text("CUSTOM {{ m.team }}: {{ m.title }}\n")
    outbox = make_outbox(tmp_path, [{"name": "box", "type": "outbox_dir", "path": "box"}], templates_dir="tpl")
    enqueue(outbox, budget_alert())
    outbox.deliver_due(NOW)
    assert next((tmp_path / "box").glob("*.txt")).read_text().startswith("CUSTOM web: web: spend is above")
    with pytest.raises(ConfigError, match="templates folder"):
        make_outbox(tmp_path, [{"name": "box", "type": "outbox_dir", "path": "box"}], templates_dir="missing")


# --- the CLI ----------------------------------------------------------------------------------------------------------
def test_notify_test_sends_through_every_channel(tmp_path: Path, receiver: HttpReceiver,
                                                 smtp: tuple[SmtpHandler, int], monkeypatch: pytest.MonkeyPatch) -> None:
    handler, port = smtp
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    cfg = tmp_path / "c.yaml"
    cfg.write_text(json.dumps({"state_dir": "state", "notify": {"channels": [
        {"name": "hook", "type": "webhook", "url": receiver.url, "secret": "env:HOOK_SECRET"},
        {"name": "mail", "type": "email", "host": "127.0.0.1", "port": port, "security": "none",
         "from": "c@example.com", "to": ["w@example.com"]},
        {"name": "down", "type": "webhook", "url": f"http://127.0.0.1:{free_port()}/"}],
        "routes": {"web": ["hook", "mail"], "data": ["down"]}}}))
    ok = CliRunner().invoke(cli, ["notify", "test", "--team", "web", "--config", str(cfg)])
    assert ok.exit_code == 0, ok.output
    assert "ok      hook" in ok.output and "ok      mail" in ok.output
    standardwebhooks.Webhook(SECRET).verify(receiver.received[0].body, receiver.received[0].headers)
    assert handler.messages[0]["Subject"].strip() == "[costlib] costlib test message for team web"
    bad = CliRunner().invoke(cli, ["notify", "test", "--team", "data", "--config", str(cfg)])
    assert bad.exit_code == 1 and "FAILED  down" in bad.output
    none = CliRunner().invoke(cli, ["notify", "test", "--team", "ops", "--config", str(cfg)])
    assert none.exit_code == 1 and "no route" in none.output
    receiver.script = [(410, {})]  # a test send reports the 410 but disables nothing (no daemon state changes)
    gone = CliRunner().invoke(cli, ["notify", "test", "--team", "web", "--config", str(cfg)])
    assert gone.exit_code == 1 and "410 Gone (the daemon disables a channel whose endpoint answers this)" in gone.output


# --- crash mid-delivery ------------------------------------------------------------------------------------------------
def test_daemon_killed_mid_delivery_redelivers_with_the_same_id(workdir: Path, receiver: HttpReceiver,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = workdir / "config.yaml"
    text = cfg.read_text().replace("  channels: [{name: box, type: outbox_dir, path: outbox}]\n  fallback: [box]",
                                   f"  channels: [{{name: hook, type: webhook, url: '{receiver.url}', "
                                   "secret: 'env:HOOK_SECRET'}]\n  fallback: [hook]")
    cfg.write_text(text)
    env = {**os.environ, "HOOK_SECRET": SECRET, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    cli_args = ["daemon", "run", "--config", str(cfg), "--once"]
    run = [sys.executable, "-m", "costlib", *cli_args]
    killed_after_send = [sys.executable, "-m", "tests.daemon.crashpoint", "sent", "--", *cli_args]  # the test plugin
    crashed = subprocess.run(killed_after_send, env=env, capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 137
    assert len(receiver.received) == 1  # sent, but the daemon died before marking it
    again = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert ids[0] == ids[1]  # the one re-delivery carries the same id: the receiver can drop it
    for r in receiver.received:
        standardwebhooks.Webhook(SECRET).verify(r.body, r.headers)
    store = StateStore(workdir / "state" / "state.db")
    outbox = Outbox(store, {}, {}, [])
    assert {m["status"] for m in outbox.messages()} == {"sent"}
    assert {m["id"] for m in outbox.messages()} == set(ids)  # every message delivered, under its own id
    carried = {a["id"] for r in receiver.received for a in json.loads(r.body)["data"]["alerts"]}
    assert carried == {a["id"] for a in store.ledger()}  # every recorded alert reached the receiver: nothing lost
    third = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120)
    assert third.returncode == 0 and len(receiver.received) == len(ids)  # no more sends


def test_delivery_error_is_a_costlib_error() -> None:
    assert issubclass(DeliveryError, Exception)
    assert Decimal("1") == 1


def test_notify_status_and_enable_cli(workdir: Path) -> None:
    cfg = str(workdir / "config.yaml")
    assert CliRunner().invoke(cli, ["daemon", "run", "--config", cfg, "--once"]).exit_code == 0
    status = CliRunner().invoke(cli, ["notify", "status", "--config", cfg])
    assert status.exit_code == 0 and "sent     box" in status.output and "sent: " in status.output
    as_json = CliRunner().invoke(cli, ["notify", "status", "--config", cfg, "--status", "dead", "--format", "json"])
    assert json.loads(as_json.output) == []
    enable = CliRunner().invoke(cli, ["notify", "enable", "box", "--config", cfg])
    assert enable.exit_code == 0 and "was not disabled" in enable.output
    typo = CliRunner().invoke(cli, ["notify", "enable", "bx", "--config", cfg])
    assert typo.exit_code == 1 and "no channel named 'bx' in notify.channels (box)" in typo.output


# --- review findings: partial SMTP refusal, Slack/Teams markup, names, quiet-hour offsets, secrets at load --------
class _RefuseOncall(SmtpHandler):
    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address.startswith("oncall@"):
            return "450 4.2.1 mailbox busy"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_partly_refused_email_is_said_not_counted_as_sent(tmp_path: Path) -> None:
    handler, port = _RefuseOncall(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        outbox = make_outbox(tmp_path, [{"name": "mail", "type": "email", "host": "127.0.0.1", "port": port,
                                         "security": "none", "from": "c@x.org", "to": ["team@x.org", "oncall@x.org"]}])
        enqueue(outbox, budget_alert())
        report = outbox.deliver_due(NOW)
    finally:
        controller.stop()
    assert handler.envelopes == [("c@x.org", ["team@x.org"])]
    assert report.sent == 0 and report.dead == 1
    assert "delivered to ['team@x.org'], but the SMTP server refused ['oncall@x.org'] (codes [450])" in report.errors[0]


def test_names_cannot_ping_a_channel_or_hide_a_link(tmp_path: Path, receiver: HttpReceiver) -> None:
    hostile = "dev-<!channel> <https://evil.example/login|Extend here> [click](https://evil.example)"
    outbox = make_outbox(tmp_path, [{"name": "slack", "type": "slack", "url": receiver.url + "/slack"},
                                    {"name": "teams", "type": "teams", "url": receiver.url + "/teams"}])
    enqueue(outbox, ttl_alert(hostile), digest=False)
    assert outbox.deliver_due(NOW).sent == 2
    slack_body = json.loads(receiver.received[0].body)
    mrkdwn = [slack_body["text"], slack_body["blocks"][1]["text"]["text"], slack_body["blocks"][2]["elements"][0]["text"]]
    assert not any("<!channel>" in t or "<https://evil" in t for t in mrkdwn)  # (the plain_text header is literal)
    assert "&lt;!channel&gt;" in slack_body["text"] and slack_body["blocks"][0]["text"]["type"] == "plain_text"
    teams_text = json.dumps(json.loads(receiver.received[1].body))
    assert "[click](https" not in teams_text and "\\\\[click\\\\]\\\\(https" in teams_text


def test_a_long_slack_digest_is_cut_at_whole_items_and_says_how_many_more(tmp_path: Path,
                                                                         receiver: HttpReceiver) -> None:
    outbox = make_outbox(tmp_path, [{"name": "slack", "type": "slack", "url": receiver.url}])
    enqueue(outbox, *[ttl_alert(f"preview-env-feature-branch-number-{i:02d}") for i in range(40)])
    assert outbox.deliver_due(NOW).sent == 1
    text = json.loads(receiver.received[0].body)["blocks"][1]["text"]["text"]
    assert len(text) <= 3000 and text.count("*") % 2 == 0
    shown = text.count("costlib env extend")
    more = int(text.rsplit("…and ", 1)[1].split()[0])
    assert shown + more == 40 and shown > 10


def test_outbox_dir_names_never_collide(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path, [{"name": "box", "type": "outbox_dir", "path": "box"}])
    enqueue(outbox, budget_alert(key="budget:web-monthly:2026-11-01:actual:80%#1"),
            budget_alert(key="budget:web-monthly:2026-11-01:actual:80#1"), digest=False)
    assert outbox.deliver_due(NOW).sent == 2 and len(list((tmp_path / "box").glob("*.json"))) == 2


def test_quiet_hours_with_an_offset_and_a_bad_webhook_secret_are_refused_at_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text('notify:\n  quiet_hours: {web: {start: "22:00+01:00", end: "07:00"}}\n')
    with pytest.raises(ConfigError, match="quiet hours are local times"):
        load_config(cfg)
    monkeypatch.setenv("HOOK_SECRET", "whsec_not-base64!!")
    cfg.write_text("notify:\n  channels: [{name: hook, type: webhook, url: 'http://127.0.0.1:9/', "
                   "secret: 'env:HOOK_SECRET'}]\n")
    with pytest.raises(ConfigError, match=r"notify.channels\[0\].secret.*base64"):
        load_config(cfg)
    monkeypatch.setenv("HOOK_SECRET", SECRET + "\n")  # a trailing newline is not part of the secret
    assert load_config(cfg).notify.channels[0].name == "hook"


def test_notify_retry_cli(workdir: Path, receiver: HttpReceiver) -> None:
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text().replace("  channels: [{name: box, type: outbox_dir, path: outbox}]",
                                           f"  channels: [{{name: box, type: webhook, url: '{receiver.url}'}}]"))
    receiver.script = [(400, {})] * 10
    assert CliRunner().invoke(cli, ["daemon", "run", "--config", str(cfg), "--once"]).exit_code == 0
    retried = CliRunner().invoke(cli, ["notify", "retry", "box", "--config", str(cfg)])
    assert retried.exit_code == 0 and "dead letters back in the queue for box" in retried.output
    typo = CliRunner().invoke(cli, ["notify", "retry", "bx", "--config", str(cfg)])
    assert typo.exit_code == 1 and "no channel named 'bx'" in typo.output
