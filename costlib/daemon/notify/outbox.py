"""The durable outbox: messages written (with their alerts) before any send, delivered until done or dead.

Tables in the daemon's state file:

- ``outbox_messages``: one row per message and channel (payload, status ``pending|sent|dead``, attempts,
  next attempt, deadline, last error); the message id is the idempotency key, sent as ``webhook-id``,
  ``dedup_key``, ``X-Costlib-Alert-Id`` and the outbox file name.
- ``outbox_attempts``: every try and its outcome (``sent``, ``retry``, ``failed``, ``gone``, ``dead``).
- ``outbox_endpoints``: channels disabled after a 410 Gone (until re-enabled with ``costlib notify enable``).

Retries follow :data:`DELIVERY_RETRY` (the one retry policy, :mod:`costlib.retry`): 30 s doubling, capped at an
hour, with jitter, or exactly as long as a ``Retry-After`` asked (at most 6 hours); a message not delivered by its
deadline, or after ``max_attempts``, is dead-lettered. Time is passed in.

>>> [DELIVERY_RETRY.delay(n, jitter=1.0) for n in (1, 6)], DELIVERY_RETRY.delay(2, 120.0)
([30.0, 960.0], 120.0)
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, cast

from costlib.daemon.checkpoints import reached
from costlib.daemon.notify.channels import Channel
from costlib.daemon.notify.routing import Message, Payload, QuietHours, channels_for, deferred_until, message_payload
from costlib.daemon.snapshot import DeliveryOutcome, MessageStatus
from costlib.errors import CostlibError, DeliveryError, EndpointGoneError, TransientDeliveryError
from costlib.retry import RetryPolicy

if TYPE_CHECKING:
    from costlib.daemon.state import StateStore

log = logging.getLogger("costlib.daemon")
__all__ = ["DELIVERY_RETRY", "DeliveryReport", "Outbox"]

#: When a failed delivery is tried again (scheduled in the outbox, so only its delays are used).
DELIVERY_RETRY = RetryPolicy(base=30.0, cap=3600.0, min_wait=1.0, max_wait=6 * 3600.0)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


class Outbox:
    """Routes messages to channels and delivers them from the daemon's state file."""

    def __init__(self, store: StateStore, channels: Mapping[str, Channel], routes: Mapping[str, list[str]],
                 fallback: list[str], *, max_attempts: int = 48, deadline: timedelta = timedelta(hours=24),
                 quiet_hours: Mapping[str, QuietHours] | None = None) -> None:
        self.store = store
        self.channels = dict(channels)
        self.routes = routes
        self.fallback = fallback
        self.max_attempts = max_attempts
        self.deadline = deadline
        self.quiet_hours = dict(quiet_hours or {})

    def channels_for(self, team: str) -> list[str]:
        return channels_for(self.routes, self.fallback, team)

    def enqueue_message(self, conn: sqlite3.Connection, message: Message, now: datetime) -> int:
        """Write a message for each of its team's channels, in the caller's transaction (quiet hours defer it)."""
        payload = json.dumps(message_payload(message))
        due = deferred_until(now, self.quiet_hours.get(message.team), message.severity) or now
        deadline = max(due, now) + self.deadline
        n = 0
        for channel in self.channels_for(message.team):
            cur = conn.execute("INSERT OR IGNORE INTO outbox_messages (id, channel, team, payload, next_attempt_at, "
                               "created_at, deadline_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (message.id, channel, message.team, payload, _ts(due), _ts(now), _ts(deadline)))
            n += cur.rowcount
        return n

    def enqueue_all(self, conn: sqlite3.Connection, messages: Sequence[Message], now: datetime) -> int:
        return sum(self.enqueue_message(conn, m, now) for m in messages)

    def deliver_due(self, now: datetime) -> DeliveryReport:
        """Try every pending message whose time has come; record each attempt and its outcome."""
        report = DeliveryReport()
        with self.store.connect() as conn:
            due = conn.execute("SELECT id, channel, payload, attempts, deadline_at FROM outbox_messages "
                               "WHERE status='pending' AND next_attempt_at <= ? ORDER BY created_at, id",
                               (_ts(now),)).fetchall()
            disabled = {c for (c,) in conn.execute("SELECT channel FROM outbox_endpoints")}
        for message_id, channel_name, payload, attempts, deadline_at in due:
            channel = self.channels.get(channel_name)
            retry_after: float | None = None
            try:
                if channel_name in disabled:
                    self._hold(message_id, channel_name, deadline_at, now, report)
                    continue
                if channel is None:
                    raise DeliveryError(f"channel {channel_name!r} is not configured any more")
                channel.deliver(message_id, cast(Payload, json.loads(payload)))  # as message_payload wrote it
                reached("sent")
                outcome, error = DeliveryOutcome.SENT, None
            except EndpointGoneError as exc:
                outcome, error = DeliveryOutcome.GONE, (str(exc) if channel_name in disabled else
                                                        f"{exc}; channel disabled until `costlib notify enable "
                                                        f"{channel_name}`")
            except TransientDeliveryError as exc:
                outcome, error, retry_after = DeliveryOutcome.RETRY, str(exc), exc.retry_after
            except DeliveryError as exc:
                outcome, error = DeliveryOutcome.FAILED, str(exc)
            except CostlibError as exc:  # a secret file or template that fails now may be fixed: retried
                outcome, error = DeliveryOutcome.RETRY, str(exc)
            except Exception as exc:  # one broken message must never hold up the others: recorded and retried
                log.exception("delivering %s through %s failed", message_id, channel_name)
                outcome, error = DeliveryOutcome.RETRY, f"{type(exc).__name__}: {exc}"
            self._record(message_id, channel_name, outcome, error, attempts, deadline_at, retry_after, now, report)
            reached("marked")
        return report

    def _record(self, message_id: str, channel: str, outcome: DeliveryOutcome, error: str | None, attempts: int,
                deadline_at: str | None, retry_after: float | None, now: datetime, report: DeliveryReport) -> None:
        with self.store.transaction() as conn:
            if outcome is DeliveryOutcome.SENT:
                conn.execute("UPDATE outbox_messages SET status='sent', attempts=attempts+1, delivered_at=?, "
                             "last_error=NULL WHERE id=? AND channel=?", (_ts(now), message_id, channel))
                conn.execute("INSERT INTO outbox_attempts VALUES (?, ?, ?, 'sent', NULL)", (message_id, channel, _ts(now)))
                report.sent += 1
                return
            report.errors.append(f"{message_id} -> {channel}: {error}")
            if outcome is DeliveryOutcome.GONE:
                conn.execute("INSERT OR IGNORE INTO outbox_endpoints VALUES (?, ?, ?)", (channel, _ts(now), error))
            retry_at = now + timedelta(seconds=DELIVERY_RETRY.delay(attempts + 1, retry_after))
            deadline = datetime.fromisoformat(deadline_at) if deadline_at else None
            dead = outcome.gave_up or attempts + 1 >= self.max_attempts or \
                (deadline is not None and retry_at > deadline)
            if dead and outcome is DeliveryOutcome.RETRY:
                outcome = DeliveryOutcome.DEAD  # out of attempts or past the deadline
            conn.execute("INSERT INTO outbox_attempts VALUES (?, ?, ?, ?, ?)",
                         (message_id, channel, _ts(now), outcome.value, error))
            if dead:
                conn.execute("UPDATE outbox_messages SET status='dead', attempts=attempts+1, last_error=? "
                             "WHERE id=? AND channel=?", (error, message_id, channel))
                report.dead += 1
            else:
                conn.execute("UPDATE outbox_messages SET attempts=attempts+1, last_error=?, next_attempt_at=? "
                             "WHERE id=? AND channel=?", (error, _ts(retry_at), message_id, channel))
                report.failed += 1

    def _hold(self, message_id: str, channel: str, deadline_at: str | None, now: datetime,
              report: DeliveryReport) -> None:
        """A message for a disabled channel waits (no attempt is spent) until it is re-enabled or its deadline."""
        deadline = datetime.fromisoformat(deadline_at) if deadline_at else None
        with self.store.transaction() as conn:
            if deadline is not None and now >= deadline:
                error = f"channel {channel!r} stayed disabled (410 Gone) past the deadline"
                conn.execute("UPDATE outbox_messages SET status='dead', last_error=? WHERE id=? AND channel=?",
                             (error, message_id, channel))
                conn.execute("INSERT INTO outbox_attempts VALUES (?, ?, ?, 'dead', ?)",
                             (message_id, channel, _ts(now), error))
                report.dead += 1
                report.errors.append(f"{message_id} -> {channel}: {error}")
                return
            conn.execute("UPDATE outbox_messages SET next_attempt_at=?, last_error=? WHERE id=? AND channel=?",
                         (_ts(now + timedelta(hours=1)), f"held: channel {channel!r} is disabled after a 410 Gone "
                          f"(`costlib notify enable {channel}`)", message_id, channel))

    def enable(self, channel: str) -> bool:
        """Re-enable a channel disabled after a 410 and send what waited for it, the message that got the 410
        included (with a fresh deadline); True if it was disabled."""
        now = datetime.now(UTC)
        with self.store.transaction() as conn:
            was = conn.execute("DELETE FROM outbox_endpoints WHERE channel=?", (channel,)).rowcount == 1
            conn.execute("UPDATE outbox_messages SET next_attempt_at=? WHERE channel=? AND status='pending'",
                         (_ts(now), channel))
            conn.execute("UPDATE outbox_messages SET status='pending', next_attempt_at=?, deadline_at=?, attempts=0 "
                         "WHERE channel=? AND status='dead' AND id IN (SELECT id FROM outbox_attempts "
                         "WHERE channel=? AND outcome='gone')", (_ts(now), _ts(now + self.deadline), channel, channel))
        return bool(was)

    def requeue(self, channel: str | None = None) -> int:
        """Put dead letters (of ``channel``, or all) back in the queue with a fresh deadline; how many."""
        now = datetime.now(UTC)
        with self.store.transaction() as conn:
            cur = conn.execute("UPDATE outbox_messages SET status='pending', next_attempt_at=?, deadline_at=?, "
                               "attempts=0 WHERE status='dead'" + (" AND channel=?" if channel else ""),
                               (_ts(now), _ts(now + self.deadline), *([channel] if channel else [])))
            return int(cur.rowcount)

    @staticmethod
    def counts_in(conn: sqlite3.Connection) -> dict[MessageStatus, int]:
        """Messages by status, read in the caller's connection (a cycle's transaction)."""
        return {MessageStatus(s): n for s, n in conn.execute(
            "SELECT status, count(*) FROM outbox_messages GROUP BY status")}

    def counts(self) -> dict[MessageStatus, int]:
        with self.store.connect() as conn:
            return self.counts_in(conn)

    def attempt_counts(self) -> dict[tuple[str, DeliveryOutcome], int]:
        """(channel, outcome) -> attempts, for the metrics."""
        with self.store.connect() as conn:
            return {(c, DeliveryOutcome(o)): n for c, o, n in conn.execute(
                "SELECT channel, outcome, count(*) FROM outbox_attempts GROUP BY channel, outcome")}

    def messages(self, status: MessageStatus | str | None = None) -> list[dict[str, str | int | None]]:
        """Every message (of ``status``) as a row for ``costlib notify status`` (JSON-ready)."""
        q = "SELECT id, channel, team, status, attempts, next_attempt_at, last_error, delivered_at FROM outbox_messages"
        args: tuple[str, ...] = ()
        if status:
            q, args = q + " WHERE status=?", (status,)
        keys = ("id", "channel", "team", "status", "attempts", "next_attempt_at", "last_error", "delivered_at")
        with self.store.connect() as conn:
            return [dict(zip(keys, r, strict=True)) for r in conn.execute(q + " ORDER BY created_at, id", args)]


def _ts(moment: datetime) -> str:
    """Timestamps are stored in UTC so that text comparison is time order."""
    return moment.astimezone(UTC).isoformat()
