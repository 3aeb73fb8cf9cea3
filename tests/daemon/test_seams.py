"""Faults injected through the daemon's seams, not through the environment: a fake clock drives retries, a store
whose commit fails leaves the state as it was (nothing recorded, nothing sent), and the next cycle sends each alert
once."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon
from costlib.daemon.state import StateStore
from tests.daemon.receivers import HttpReceiver, free_port


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class FailingCommits(StateStore):
    """A state store whose transaction fails as it commits (a full disk, an I/O error) when it is the one that
    records a cycle (the one that writes the snapshot)."""

    fail = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with super().transaction() as conn:
            yield conn
            if self.fail and conn.in_transaction and conn.total_changes and self._records_a_cycle(conn):
                self.fail -= 1
                raise sqlite3.OperationalError("disk I/O error")

    @staticmethod
    def _records_a_cycle(conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT count(*) FROM snapshot").fetchone()[0] > 0


def test_a_fake_clock_drives_the_retries_of_a_delivery(workdir: Path) -> None:
    port = free_port()
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text().replace("  channels: [{name: box, type: outbox_dir, path: outbox}]",
                                           f"  channels: [{{name: box, type: webhook, url: 'http://127.0.0.1:{port}/'}}]"))
    clock = FakeClock(datetime(2026, 11, 21, 8, tzinfo=UTC))
    daemon = Daemon(load_config(cfg), clock=clock)
    first = daemon.run_cycle()
    assert first.delivery.sent == 0 and first.delivery.failed == 4  # nobody listening yet
    receiver = HttpReceiver(port=port).start()
    try:
        assert daemon.deliver().sent == 0  # the clock has not moved: nothing is due
        clock.now += timedelta(minutes=2)  # past the first backoff (30 s, with jitter at most 30 s)
        assert daemon.deliver().sent == 4 and len(receiver.received) == 4
        clock.now += timedelta(hours=1)
        assert daemon.deliver().sent == 0  # sent once
    finally:
        receiver.stop()
        daemon.store.close()


def test_a_commit_that_fails_records_nothing_and_the_next_cycle_sends_each_alert_once(workdir: Path) -> None:
    config = load_config(workdir / "config.yaml")
    store = FailingCommits(config.state_path)
    daemon = Daemon(config, store=store)
    daemon.poller.poll("files", daemon.window(daemon.now().date()))  # the poll's own record commits first
    store.fail = 1
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        daemon.run_cycle(poll=False)  # the cycle's one transaction fails at its commit
    assert store.ledger() == [] and store.snapshot() is None
    assert not (workdir / "outbox").exists()  # nothing sent before it was recorded
    report = daemon.run_cycle(poll=False)
    assert len(report.new_alerts) == 4 and report.delivery.sent == 4
    again = daemon.run_cycle(poll=False)
    assert again.new_alerts == [] and again.delivery.sent == 0
    assert len(list((workdir / "outbox").glob("*.json"))) == 4
    store.close()
