"""The over-estimate alert end to end: an acknowledgement already in the daemon's state, a FOCUS spend file whose
environment runs far above it, ``costlib daemon run --once`` in a subprocess, and the alert delivered once through
the outbox to a local webhook receiver (signed, with the numbers), and not again on the next cycle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import standardwebhooks

from costlib.daemon.state import StateStore
from costlib.money import Money
from costlib.policy.acknowledged import AcknowledgedEnvironment, Acknowledgement
from tests.daemon.receivers import HttpReceiver

REPO = Path(__file__).resolve().parents[2]
SECRET = "whsec_" + "dGVzdC1zZWNyZXQtZm9yLWFja25vd2xlZGdlZC1hbGVydHM="


def _ack(monthly: str) -> Acknowledgement:
    return Acknowledgement(id="ack-1", acknowledged_at=datetime(2026, 11, 1, 9, tzinfo=UTC), acknowledged_by="alice",
                           via="cli", plan_digest="ab" * 32, source="envs/shop-dev/plan.json",
                           resources=("aws_instance.web",), teams=("web",), monthly=Money(monthly, "USD"),
                           environments=(AcknowledgedEnvironment(name="shop-dev", team="web",
                                                                 monthly=Money(monthly, "USD")),))


def _cycle(cfg: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOOK_SECRET": SECRET, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "costlib", "daemon", "run", "--config", str(cfg), "--once"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done


def _exceeded(receiver: HttpReceiver) -> list[dict[str, object]]:
    found = []
    for r in receiver.received:
        standardwebhooks.Webhook(SECRET).verify(r.body, r.headers)
        found += [a for a in json.loads(r.body)["data"]["alerts"] if a["kind"] == "estimate_exceeded"]
    return found


def _setup(workdir: Path, receiver: HttpReceiver, monthly: str) -> Path:
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text().replace(
        "  channels: [{name: box, type: outbox_dir, path: outbox}]\n  fallback: [box]",
        f"  channels: [{{name: hook, type: webhook, url: '{receiver.url}', secret: 'env:HOOK_SECRET'}}]\n"
        "  fallback: [hook]"))
    (workdir / "state").mkdir()
    store = StateStore(workdir / "state" / "state.db")  # acknowledged before the spend came in
    store.record_acknowledgement(_ack(monthly))
    store.close()
    return cfg


def test_spend_far_above_the_acknowledged_estimate_is_delivered_once(workdir: Path, receiver: HttpReceiver) -> None:
    cfg = _setup(workdir, receiver, "100")  # shop-dev spends $10 a day: about $304 over a 730-hour month
    _cycle(cfg)
    [alert] = _exceeded(receiver)
    assert alert["team"] == "web" and alert["subject"] == "shop-dev"
    assert "its acknowledged estimate of $100.00/month" in str(alert["title"]) and "3.0x" in str(alert["title"])
    assert "alice" in str(alert["summary"]) and "envs/shop-dev/plan.json" in str(alert["summary"])
    sent = len(receiver.received)
    _cycle(cfg)  # the next cycle: the same alert is not sent again (nor anything else)
    assert len(_exceeded(receiver)) == 1 and len(receiver.received) == sent
    store = StateStore(workdir / "state" / "state.db")
    try:
        assert [a["kind"] for a in store.ledger(kind="estimate_exceeded")] == ["estimate_exceeded"]
    finally:
        store.close()


def test_spend_within_the_factor_sends_no_such_alert(workdir: Path, receiver: HttpReceiver) -> None:
    cfg = _setup(workdir, receiver, "250")  # $304 is not above 1.5 x $250
    _cycle(cfg)
    assert receiver.received and _exceeded(receiver) == []  # other alerts went out; this one was not decided
