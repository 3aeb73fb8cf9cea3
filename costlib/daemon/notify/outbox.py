"""The durable outbox: messages written (with the alert) before any send, delivered until done or dead.

Tables ``outbox_messages`` (one row per alert and channel: payload, status, attempts, next attempt, last error)
and ``outbox_attempts`` (every try and its outcome). Retries back off exponentially with jitter; a message
is dead-lettered after ``max_attempts``. Time is passed in.
"""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from costlib.errors import DeliveryError, is_transient
from costlib.policy.alerts import Alert

__all__ = ["DeliveryReport", "Outbox", "alert_payload"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox_messages (id TEXT NOT NULL, channel TEXT NOT NULL, team TEXT NOT NULL,
    payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL, last_error TEXT, created_at TEXT NOT NULL, delivered_at TEXT,
    PRIMARY KEY (id, channel));
CREATE TABLE IF NOT EXISTS outbox_attempts (id TEXT NOT NULL, channel TEXT NOT NULL, at TEXT NOT NULL,
    outcome TEXT NOT NULL, error TEXT);
"""

FAULT_ENV = "COSTLIB_FAULT"


def alert_payload(alert: Alert) -> dict[str, Any]:
    doc = alert.to_json()
    doc["figures"] = {k: {**v.to_json(), "display": v.display()} for k, v in alert.figures.items()}
    return doc


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


class Outbox:
    """Routes alerts to channels and delivers them from the daemon's state file."""

    def __init__(self, store: Any, channels: dict[str, Any], routes: dict[str, list[str]], fallback: list[str],
                 *, max_attempts: int = 12) -> None:
        self.store = store
        self.channels = channels
        self.routes = routes
        self.fallback = fallback
        self.max_attempts = max_attempts
        with store.connect() as conn:
            conn.executescript(SCHEMA)

    def channels_for(self, team: str) -> list[str]:
        return self.routes.get(team) or self.fallback

    def enqueue(self, conn: sqlite3.Connection, alert: Alert, now: datetime) -> int:
        """Write the alert's messages in the caller's transaction; returns how many were new."""
        payload = json.dumps(alert_payload(alert))
        n = 0
        for channel in self.channels_for(alert.team):
            cur = conn.execute("INSERT OR IGNORE INTO outbox_messages (id, channel, team, payload, next_attempt_at, "
                               "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               (alert.key, channel, alert.team, payload, now.isoformat(), now.isoformat()))
            n += cur.rowcount
        return n

    def deliver_due(self, now: datetime) -> DeliveryReport:
        """Try every pending message whose time has come; record each attempt."""
        import os

        report = DeliveryReport()
        with self.store.connect() as conn:
            due = conn.execute("SELECT id, channel, payload, attempts FROM outbox_messages WHERE status='pending' "
                               "AND next_attempt_at <= ? ORDER BY created_at, id", (now.isoformat(),)).fetchall()
        for message_id, channel_name, payload, attempts in due:
            channel = self.channels.get(channel_name)
            try:
                if channel is None:
                    raise DeliveryError(f"channel {channel_name!r} is not configured any more")
                channel.deliver(message_id, json.loads(payload))
                if os.environ.get(FAULT_ENV) == "after-send":
                    os._exit(137)  # test hook: die after the send, before it is marked as sent
                outcome, error = "sent", None
            except DeliveryError as exc:
                outcome, error = ("retry" if is_transient(exc) else "failed"), str(exc)
            with self.store.transaction() as conn:
                conn.execute("INSERT INTO outbox_attempts VALUES (?, ?, ?, ?, ?)",
                             (message_id, channel_name, now.isoformat(), outcome, error))
                if outcome == "sent":
                    conn.execute("UPDATE outbox_messages SET status='sent', attempts=attempts+1, delivered_at=? "
                                 "WHERE id=? AND channel=?", (now.isoformat(), message_id, channel_name))
                    report.sent += 1
                elif outcome == "failed" or attempts + 1 >= self.max_attempts:
                    conn.execute("UPDATE outbox_messages SET status='dead', attempts=attempts+1, last_error=? "
                                 "WHERE id=? AND channel=?", (error, message_id, channel_name))
                    report.dead += 1
                    report.errors.append(f"{message_id} -> {channel_name}: {error}")
                else:
                    delay = timedelta(seconds=min(3600, 30 * 2 ** attempts) * (0.5 + random.random() / 2))
                    conn.execute("UPDATE outbox_messages SET attempts=attempts+1, last_error=?, next_attempt_at=? "
                                 "WHERE id=? AND channel=?", (error, (now + delay).isoformat(), message_id, channel_name))
                    report.failed += 1
                    report.errors.append(f"{message_id} -> {channel_name}: {error}")
        return report

    def counts(self) -> dict[str, int]:
        with self.store.connect() as conn:
            return dict(conn.execute("SELECT status, count(*) FROM outbox_messages GROUP BY status").fetchall())
