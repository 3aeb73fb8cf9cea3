"""Routing, quiet hours and digests: pure decisions on which messages go where, and when.

- Each alert goes to the channels of the team that owns it, else to the fallback channels.
- Quiet hours (per team, in the team's time zone) hold non-critical messages until the quiet window ends.
- Digests: a team's TTL, idle and shutdown alerts of one run become one message listing them all.

>>> from datetime import UTC, datetime
>>> from costlib.policy.alerts import Alert, AlertKind
>>> now = datetime(2026, 11, 25, 9, tzinfo=UTC)
>>> alerts = [Alert(key=f"ttl:dev-{i}:x:1d", kind=AlertKind.TTL_WARNING, team="web", subject=f"dev-{i}",
...                 title=f"dev-{i} expires in 1d", summary="", created_at=now) for i in (1, 2)]
>>> [(m.id, len(m.alerts)) for m in compose(alerts, digest=True)]
[('digest:web:2026-11-25T09:00:00+00:00:ea1d7b1216b304a6', 2)]
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

from costlib.money import plain
from costlib.policy.alerts import Alert, AlertKind, Severity

__all__ = ["DIGEST_KINDS", "AlertPayload", "FigurePayload", "Message", "Payload", "QuietHours", "alert_payload",
           "channels_for", "compose", "deferred_until", "message_payload"]


class FigurePayload(TypedDict):
    """One amount of an alert, as JSON: the decimal text, the currency and how it reads."""

    amount: str
    currency: str
    display: str


class AlertPayload(TypedDict):
    id: str
    kind: str
    team: str
    subject: str
    title: str
    summary: str
    severity: str
    created_at: str
    figures: dict[str, FigurePayload]
    action: str | None
    labels: dict[str, str]


class Payload(TypedDict):
    """What the outbox stores for a message and every channel and template reads (``m`` in the templates)."""

    id: str
    team: str
    kind: str
    severity: str
    title: str
    summary: str
    created_at: str
    action: str | None
    figures: dict[str, FigurePayload]
    alerts: list[AlertPayload]

DIGEST_KINDS = frozenset({AlertKind.TTL_WARNING, AlertKind.TTL_EXPIRED, AlertKind.IDLE, AlertKind.SHUTDOWN})
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CRITICAL: 2}


@dataclass(frozen=True, slots=True)
class Message:
    """What one channel receives: one alert, or a team's digest of several. ``id`` is the idempotency key."""

    id: str
    team: str
    alerts: tuple[Alert, ...]

    @property
    def severity(self) -> Severity:
        return max((a.severity for a in self.alerts), key=_RANK.__getitem__)

    @property
    def is_digest(self) -> bool:
        return len(self.alerts) > 1


@dataclass(frozen=True, slots=True)
class QuietHours:
    """``start``-``end`` local time in ``timezone`` (may wrap midnight); critical messages pass unless held too."""

    start: time
    end: time
    timezone: str = "UTC"
    hold_critical: bool = False


def compose(alerts: Sequence[Alert], *, digest: bool) -> list[Message]:
    """Group one run's new alerts into messages: digest kinds per team when ``digest``, the rest one by one."""
    out: list[Message] = []
    grouped: dict[str, list[Alert]] = defaultdict(list)
    for alert in alerts:
        if digest and alert.kind in DIGEST_KINDS:
            grouped[alert.team].append(alert)
        else:
            out.append(Message(alert.id, alert.team, (alert,)))
    for team, items in grouped.items():
        if len(items) == 1:
            out.append(Message(items[0].id, team, (items[0],)))
            continue
        items.sort(key=lambda a: a.id)
        digest_hash = hashlib.sha256("\n".join(a.id for a in items).encode()).hexdigest()[:16]
        stamp = min(a.created_at for a in items).isoformat()
        out.append(Message(f"digest:{team}:{stamp}:{digest_hash}", team, tuple(items)))
    return out


def deferred_until(now: datetime, quiet: QuietHours | None, severity: Severity) -> datetime | None:
    """The end of the quiet window if ``now`` falls in it and the message must wait, else None.

    >>> from datetime import UTC
    >>> q = QuietHours(time(22), time(7), "Europe/Berlin")
    >>> deferred_until(datetime(2026, 11, 25, 23, tzinfo=UTC), q, Severity.WARNING).isoformat()
    '2026-11-26T07:00:00+01:00'
    >>> deferred_until(datetime(2026, 11, 25, 23, tzinfo=UTC), q, Severity.CRITICAL) is None
    True
    """
    if quiet is None or (severity is Severity.CRITICAL and not quiet.hold_critical):
        return None
    local = now.astimezone(ZoneInfo(quiet.timezone))
    t = local.timetz().replace(tzinfo=None)
    inside = quiet.start <= t < quiet.end if quiet.start <= quiet.end else t >= quiet.start or t < quiet.end
    if not inside:
        return None
    end = local.replace(hour=quiet.end.hour, minute=quiet.end.minute, second=0, microsecond=0)
    if end <= local:
        end = (local + timedelta(days=1)).replace(hour=quiet.end.hour, minute=quiet.end.minute, second=0,
                                                  microsecond=0)
    return end


def channels_for(routes: Mapping[str, Sequence[str]], fallback: Sequence[str], team: str) -> list[str]:
    """The channels of ``team``: its route, else the fallback."""
    return list(routes.get(team) or fallback)


def alert_payload(alert: Alert) -> AlertPayload:
    """One alert as JSON, each figure with its display text."""
    return AlertPayload(id=alert.id, kind=alert.kind.value, team=alert.team, subject=alert.subject, title=alert.title,
                        summary=alert.summary, severity=alert.severity.value, created_at=alert.created_at.isoformat(),
                        figures={k: FigurePayload(amount=plain(v.amount), currency=v.currency, display=v.display())
                                 for k, v in alert.figures.items()},
                        action=alert.action, labels=dict(alert.labels))


def message_payload(message: Message) -> Payload:
    """The message as stored in the outbox and handed to channels (JSON-ready)."""
    items = [alert_payload(a) for a in message.alerts]
    first = items[0]
    if message.is_digest:
        title = f"{message.team}: {len(items)} environment warnings"
        summary = "\n".join(f"- {i['title']}" for i in items)
    else:
        title, summary = first["title"], first["summary"]
    return Payload(id=message.id, team=message.team, kind="digest" if message.is_digest else first["kind"],
                   severity=message.severity.value, title=title, summary=summary, created_at=first["created_at"],
                   action=None if message.is_digest else first["action"],
                   figures={} if message.is_digest else first["figures"], alerts=items)
