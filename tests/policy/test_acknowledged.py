"""The alert for spend far above an acknowledged estimate (pure), its config key, and the state file's migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from costlib.daemon.config import DaemonConfig
from costlib.daemon.state import SCHEMA_VERSION, StateStore
from costlib.errors import ConfigError
from costlib.money import Money
from costlib.policy.acknowledged import AcknowledgedEnvironment, Acknowledgement, over_estimate
from costlib.policy.alerts import AlertKind


def _ack(monthly: str, at: datetime = datetime(2026, 11, 1, 8, tzinfo=UTC), ack_id: str = "a1") -> Acknowledgement:
    return Acknowledgement(id=ack_id, acknowledged_at=at, acknowledged_by="alice", via="cli", plan_digest="ab" * 32,
                           source="plan.json", resources=("aws_instance.web",), teams=("web",),
                           monthly=Money(monthly, "USD"),
                           environments=(AcknowledgedEnvironment(name="shop-dev", team="web",
                                                                 monthly=Money(monthly, "USD")),))


SPEND = {"shop-dev": {date(2026, 11, d): Money("10", "USD") for d in range(1, 11)}}  # $10/day: ~$304/730 h
NOW = datetime(2026, 11, 11, tzinfo=UTC)


def _alerts(acks: list[Acknowledgement], factor: str = "1.5", min_excess: str = "10") -> list:  # type: ignore[type-arg]
    return over_estimate(acks, SPEND, complete_through=date(2026, 11, 10), factor=Decimal(factor),
                         min_excess=Money(min_excess, "USD"), now=NOW)


def test_spend_far_above_the_acknowledged_estimate_alerts_its_team_with_the_numbers() -> None:
    [alert] = _alerts([_ack("100")])
    assert alert.kind is AlertKind.ESTIMATE_EXCEEDED and alert.team == "web"
    assert alert.id == "acknowledged:shop-dev:a1:2026-11-01"
    assert alert.figures["projected_monthly"] == Money(Decimal(100) / 240 * 730, "USD")
    assert alert.figures["acknowledged_monthly"] == Money("100", "USD")
    assert "$304.17/month" in alert.title and "alice" in alert.summary and "$100.00" in alert.summary


def test_not_below_the_factor_nor_below_the_minimum_excess() -> None:
    assert _alerts([_ack("250")]) == []  # 304 < 1.5 x 250
    assert _alerts([_ack("250")], factor="1.2") != []  # 304 > 1.2 x 250
    assert _alerts([_ack("1")], min_excess="400") == []  # 304 x the estimate, but only $303 above it


def test_the_latest_acknowledgement_of_an_environment_is_the_one_judged() -> None:
    old, new = _ack("100", ack_id="old"), _ack("300", at=datetime(2026, 11, 2, tzinfo=UTC), ack_id="new")
    assert _alerts([old, new]) == []  # spend since the 2nd: $90 over 9 days, $304/month, not 1.5 x 300


def test_too_few_days_after_the_acknowledgement_are_not_judged() -> None:
    assert _alerts([_ack("1", at=datetime(2026, 11, 10, tzinfo=UTC))]) == []


def test_the_config_key_is_validated_naming_it(tmp_path: Path) -> None:
    from costlib.daemon.config import load_config

    cfg = tmp_path / "c.yaml"
    cfg.write_text("acknowledgements:\n  factor: 0.5\n")
    with pytest.raises(ConfigError, match="acknowledgements.factor"):
        load_config(cfg)
    assert DaemonConfig().acknowledgements.factor == Decimal("1.5")


def test_a_version_1_state_file_gains_the_acknowledgements_table(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    conn = sqlite3.connect(path)  # what costlib wrote before schema 2: its tables, stamped, user_version 1
    conn.executescript("CREATE TABLE ledger (key TEXT PRIMARY KEY, kind TEXT NOT NULL, team TEXT NOT NULL, "
                       "created_at TEXT NOT NULL, alert TEXT NOT NULL);"
                       "CREATE TABLE alert_state (key TEXT PRIMARY KEY, fired INTEGER NOT NULL, count INTEGER NOT NULL);"
                       "INSERT INTO ledger VALUES ('k', 'anomaly', 'web', '2026-11-01T00:00:00+00:00', '{}');"
                       "PRAGMA application_id = 1668248436; PRAGMA user_version = 1;")
    conn.close()
    store = StateStore(path)
    assert store.acknowledgements() == []
    ack = store.record_acknowledgement(_ack("100"))
    assert store.acknowledgements(team="web") == [ack] and store.acknowledgements(team="data") == []
    assert len(store.ledger()) == 1  # what it held is kept
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    conn.close()
