"""Alerts: what the policy decides to tell a team. Produced by pure functions, delivered by the daemon's outbox.

An alert's :attr:`Alert.key` is its idempotency key: the same decision made twice (a re-run, a restart)
makes the same key, and the daemon records and sends each key once.

>>> from datetime import UTC, datetime
>>> a = Alert(key="budget:platform:2026-11:actual:80", kind=AlertKind.BUDGET_ACTUAL, team="platform",
...           subject="platform-monthly", title="platform is at 82% of its monthly budget",
...           summary="Month-to-date $8,200.00 of $10,000.00.", created_at=datetime(2026, 11, 25, tzinfo=UTC))
>>> a.id
'budget:platform:2026-11:actual:80'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType

from costlib.money import Money

__all__ = ["Alert", "AlertKind", "Severity"]


class AlertKind(StrEnum):
    BUDGET_ACTUAL = "budget_actual"
    BUDGET_FORECAST = "budget_forecast"
    ANOMALY = "anomaly"
    TTL_WARNING = "ttl_warning"
    TTL_EXPIRED = "ttl_expired"
    IDLE = "idle"
    SHUTDOWN = "shutdown"
    TEST = "test"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """One decision to notify a team.

    ``figures`` carries the money behind the message (``budget``, ``actual``, ``forecast``,
    ``monthly_cost`` ...); ``action`` is a line the reader can run (``costlib env extend dev-42 7d``);
    ``labels`` are extra routing/template fields (``environment``, ``owner``, ``provider`` ...).
    """

    key: str
    kind: AlertKind
    team: str
    subject: str
    title: str
    summary: str
    created_at: datetime
    severity: Severity = Severity.WARNING
    figures: Mapping[str, Money] = field(default_factory=dict)
    action: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("an alert needs an idempotency key")
        if self.created_at.tzinfo is None:
            object.__setattr__(self, "created_at", self.created_at.replace(tzinfo=UTC))
        if type(self.kind) is not AlertKind:
            object.__setattr__(self, "kind", AlertKind(self.kind))
        if type(self.severity) is not Severity:
            object.__setattr__(self, "severity", Severity(self.severity))
        object.__setattr__(self, "figures", MappingProxyType(dict(self.figures)))
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))

    @property
    def id(self) -> str:
        """The alert id is its idempotency key."""
        return self.key

    def to_json(self) -> dict[str, object]:
        """JSON form (amounts as decimal strings)."""
        return {
            "id": self.key, "kind": self.kind.value, "team": self.team, "subject": self.subject,
            "title": self.title, "summary": self.summary, "severity": self.severity.value,
            "created_at": self.created_at.isoformat(),
            "figures": {k: v.to_json() for k, v in self.figures.items()},
            "action": self.action, "labels": dict(self.labels),
        }
