"""The contract every notification channel keeps, run against each one (built from its settings through the
registry, delivered through the outbox against a real receiver on loopback): a delivery is ``sent``; throttling and
a server error are retried (a ``Retry-After`` obeyed), refused credentials are given up on, a response cut off
mid-way is retried; each attempt is counted, and the counters only grow.

A new channel passes by adding one line to :data:`HARNESSES`. Outcomes where a channel's transport has no such
case (a local folder is never throttled) are left out of its scenarios, said in its harness.
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from costlib.daemon.config import (
    AlertmanagerChannelSettings,
    DaemonConfig,
    EmailChannelSettings,
    OutboxDirChannelSettings,
    PagerDutyChannelSettings,
    SlackChannelSettings,
    TeamsChannelSettings,
    WebhookChannelSettings,
)
from costlib.daemon.notify import Outbox, build_channels, compose
from costlib.daemon.notify.factory import builders
from costlib.daemon.snapshot import DeliveryOutcome, MessageStatus
from costlib.daemon.state import StateStore
from costlib.money import Money
from costlib.policy.alerts import Alert, AlertKind
from tests.daemon.receivers import HttpReceiver, SmtpHandler, free_port

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
SECRET = "whsec_" + base64.b64encode(b"a-32-byte-secret-for-the-tests!!").decode()
EXPECTED = {"ok": DeliveryOutcome.SENT, "throttle": DeliveryOutcome.RETRY, "server_error": DeliveryOutcome.RETRY,
            "expired": DeliveryOutcome.FAILED, "partial": DeliveryOutcome.RETRY}


@dataclass
class Harness:
    settings: dict[str, Any]
    script: Callable[[str], None]
    scenarios: tuple[str, ...] = tuple(EXPECTED)
    outcomes: dict[str, DeliveryOutcome] = field(default_factory=dict)  # where a channel's outcome differs
    close: Callable[[], None] = lambda: None


def http(kind: str, **extra: Any) -> Callable[[Path, pytest.MonkeyPatch], Harness]:
    def make(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
        monkeypatch.setenv("CONTRACT_SECRET", SECRET)
        receiver = HttpReceiver().start()
        answers = {"ok": [], "throttle": [(429, {"Retry-After": "120"})], "server_error": [(503, {})],
                   "expired": [(401, {})], "partial": [(0, {})]}
        return Harness({"name": "ch", "type": kind, "url": receiver.url + "/hook", **extra},
                       lambda s: receiver.script.extend(answers[s]), close=receiver.stop)
    return make


class _Smtp(SmtpHandler):
    """451 (try later) for the next ``throttle`` messages; refuses a second recipient, or the login, when asked."""

    def __init__(self) -> None:
        super().__init__()
        self.refuse_second = False
        self.password = "s3cret"

    async def handle_AUTH(self, server: Any, session: Any, envelope: Any, args: list[str]) -> str:
        login, password = base64.b64decode(args[1]).split(b"\0")[1:]
        ok = (login, password) == (b"costlib", self.password.encode())
        return "235 2.7.0 Authentication successful" if ok else "535 5.7.8 Authentication credentials invalid"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.refuse_second and address.startswith("oncall@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def email(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
    handler, port = _Smtp(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, auth_require_tls=False,
                            auth_exclude_mechanism=["LOGIN"])  # AUTH PLAIN, answered by the handler
    controller.start()
    monkeypatch.setenv("CONTRACT_SMTP_PW", "s3cret")

    def script(scenario: str) -> None:
        handler.refuse = 1 if scenario == "throttle" else 0
        handler.password = "rotated" if scenario == "expired" else "s3cret"  # the server's changed under us
        handler.refuse_second = scenario == "partial"

    return Harness({"name": "ch", "type": "email", "host": "127.0.0.1", "port": port, "security": "none",
                    "username": "costlib", "password": "env:CONTRACT_SMTP_PW", "from": "c@x.org",
                    "to": ["team@x.org", "oncall@x.org"], "timeout": 5}, script,
                   scenarios=("ok", "throttle", "expired", "partial"),  # an SMTP 5xx reply is a refusal, not a fault
                   outcomes={"partial": DeliveryOutcome.FAILED},  # delivered to some: said, never sent twice
                   close=controller.stop)


def outbox_dir(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
    def script(scenario: str) -> None:
        if scenario == "partial":  # a failing store: the folder became a file
            shutil.rmtree(tmp / "box")
            (tmp / "box").write_text("not a folder")
        elif (tmp / "box").is_file():
            (tmp / "box").unlink()

    return Harness({"name": "ch", "type": "outbox_dir", "path": "box"}, script,
                   scenarios=("ok", "partial"),  # a local folder is never throttled and has no credentials
                   outcomes={"partial": DeliveryOutcome.FAILED})


#: One line per settings type: how to run its channel against a receiver.
HARNESSES: dict[type, Callable[[Path, pytest.MonkeyPatch], Harness]] = {
    WebhookChannelSettings: http("webhook", secret="env:CONTRACT_SECRET"),
    SlackChannelSettings: http("slack"),
    TeamsChannelSettings: http("teams"),
    AlertmanagerChannelSettings: http("alertmanager"),
    PagerDutyChannelSettings: http("pagerduty", routing_key="env:CONTRACT_SECRET"),
    EmailChannelSettings: email,
    OutboxDirChannelSettings: outbox_dir,
}


def test_every_registered_channel_has_a_harness() -> None:
    assert set(builders()) == set(HARNESSES)


@pytest.fixture
def harness(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    h = HARNESSES[request.param](tmp_path, monkeypatch)
    yield h
    h.close()


@pytest.mark.parametrize("harness", list(HARNESSES), ids=lambda t: t.__name__, indirect=True)
def test_channel_contract(harness: Harness, tmp_path: Path) -> None:
    config = DaemonConfig.model_validate({"notify": {"channels": [harness.settings], "fallback": ["ch"]},
                                          "base_dir": str(tmp_path)})
    outbox = Outbox(StateStore(tmp_path / "state.db"), build_channels(config.notify, tmp_path), {}, ["ch"])
    totals: dict[DeliveryOutcome, int] = {}
    for n, scenario in enumerate(s for s in ("ok", "throttle", "ok", "server_error", "expired", "partial", "ok")
                                 if s in harness.scenarios):
        harness.script(scenario)
        alert = Alert(key=f"contract:{n}:{scenario}", kind=AlertKind.BUDGET_ACTUAL, team="web", subject="b",
                      title=f"web: {scenario}", summary="s", created_at=NOW, figures={"actual": Money("1", "USD")})
        with outbox.store.transaction() as conn:
            outbox.enqueue_all(conn, compose([alert], digest=False), NOW)
        outbox.deliver_due(NOW)
        expected = harness.outcomes.get(scenario, EXPECTED[scenario])
        counts = {o: c for (ch, o), c in outbox.attempt_counts().items() if ch == "ch"}
        assert sum(counts.values()) == n + 1, (scenario, counts)  # every attempt counted
        assert counts.get(expected, 0) == totals.get(expected, 0) + 1, (scenario, counts)
        assert all(counts.get(o, 0) >= c for o, c in totals.items()), "counters only grow"
        totals = counts
        (msg,) = [m for m in outbox.messages() if m["id"] == alert.id]
        status = {DeliveryOutcome.SENT: MessageStatus.SENT, DeliveryOutcome.RETRY: MessageStatus.PENDING}.get(
            expected, MessageStatus.DEAD)
        assert msg["status"] == status, (scenario, msg)
        if scenario == "throttle" and harness.settings["type"] not in ("email",):
            assert datetime.fromisoformat(msg["next_attempt_at"]) == NOW + timedelta(seconds=120)  # Retry-After
        if expected is not DeliveryOutcome.SENT:
            assert msg["last_error"] and "s3cret" not in msg["last_error"] and SECRET not in msg["last_error"]
