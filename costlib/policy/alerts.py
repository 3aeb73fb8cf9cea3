"""Alerts: what the policy decides to tell a team. Produced by pure functions, delivered by the daemon's outbox.

An alert's :attr:`Alert.key` is its idempotency key, a typed value (:class:`BudgetKey`, :class:`TtlKey` ...)
whose :attr:`~BudgetKey.text` is the id the ledger and the outbox keep: the same decision made twice (a re-run, a
restart) makes the same key, and the daemon records and sends each key once. Nothing parses a key's text back.

>>> from datetime import UTC, date, datetime
>>> key = BudgetKey(ThresholdKey("platform-monthly", date(2026, 11, 1), "actual", "80%"), 1)
>>> a = Alert(key=key, kind=AlertKind.BUDGET_ACTUAL, team="platform",
...           subject="platform-monthly", title="platform is at 82% of its monthly budget",
...           summary="Month-to-date $8,200.00 of $10,000.00.", created_at=datetime(2026, 11, 25, tzinfo=UTC))
>>> a.id, a.key.threshold.kind
('budget:platform-monthly:2026-11-01:actual:80%#1', 'actual')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Literal, TypeAlias

from costlib.money import Money

__all__ = ["AcknowledgedKey", "Alert", "AlertKey",
            "AlertKind", "AnomalyKey", "BudgetKey", "IdleKey", "Severity", "TextKey", "ThresholdKey",
           "TtlKey", "TtlTagKey", "threshold_text"]


def threshold_text(budget: str, period_start: str, kind: str, threshold: str) -> str:
    """The text of a :class:`ThresholdKey` (the evaluation looks a threshold's state up by it before it builds a key).

    >>> threshold_text("web", "2026-11-01", "actual", "80%")
    'budget:web:2026-11-01:actual:80%'
    """
    return f"budget:{budget}:{period_start}:{kind}:{threshold}"


@dataclass(frozen=True, slots=True)
class ThresholdKey:
    """One threshold of one budget period: what the alert state remembers (fired, how often)."""

    budget: str
    period_start: date
    kind: Literal["actual", "forecast"]
    threshold: str
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", threshold_text(self.budget, self.period_start.isoformat(), self.kind,
                                                        self.threshold))


@dataclass(frozen=True, slots=True)
class BudgetKey:
    """The ``firing``-th crossing of a threshold (a forecast threshold re-armed by hysteresis fires anew)."""

    threshold: ThresholdKey
    firing: int

    @property
    def text(self) -> str:
        return f"{self.threshold.text}#{self.firing}"


@dataclass(frozen=True, slots=True)
class AnomalyKey:
    team: str
    day: date

    @property
    def text(self) -> str:
        return f"anomaly:{self.team}:{self.day.isoformat()}"


@dataclass(frozen=True, slots=True)
class TtlKey:
    """A warning ``stage`` (``3d``, ``expired``, ``shutdown``) of one expiry: extending moves the expiry, re-arming."""

    environment: str
    expires_at: datetime
    stage: str

    @property
    def text(self) -> str:
        return f"ttl:{self.environment}:{self.expires_at.isoformat()}:{self.stage}"


@dataclass(frozen=True, slots=True)
class TtlTagKey:
    """A TTL tag that cannot be read (warned once per problem)."""

    environment: str
    problem: str

    @property
    def text(self) -> str:
        return f"ttl-tag:{self.environment}:{self.problem}"


@dataclass(frozen=True, slots=True)
class IdleKey:
    environment: str
    last_activity: date

    @property
    def text(self) -> str:
        return f"idle:{self.environment}:{self.last_activity.isoformat()}"


@dataclass(frozen=True, slots=True)
class AcknowledgedKey:
    """An environment running far above its acknowledged estimate: once per acknowledgement and month."""

    environment: str
    acknowledgement: str
    period_start: date

    @property
    def text(self) -> str:
        return f"acknowledged:{self.environment}:{self.acknowledgement}:{self.period_start.isoformat()}"


@dataclass(frozen=True, slots=True)
class TextKey:
    """A key made by hand (a test message): its text is the key."""

    text: str


AlertKey: TypeAlias = BudgetKey | AnomalyKey | TtlKey | TtlTagKey | IdleKey | AcknowledgedKey | TextKey


class AlertKind(StrEnum):
    BUDGET_ACTUAL = "budget_actual"
    BUDGET_FORECAST = "budget_forecast"
    ANOMALY = "anomaly"
    TTL_WARNING = "ttl_warning"
    TTL_EXPIRED = "ttl_expired"
    IDLE = "idle"
    SHUTDOWN = "shutdown"
    ESTIMATE_EXCEEDED = "estimate_exceeded"
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

    key: AlertKey
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
        given: object = self.key
        if isinstance(given, str):  # a key written by hand (a doctest, a test message): its text is the key
            object.__setattr__(self, "key", TextKey(given))
        if isinstance(self.key, TextKey) and not self.key.text:
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
        """The alert id: its idempotency key's text (what the ledger and the outbox keep)."""
        return self.key.text

    def to_json(self) -> dict[str, object]:
        """JSON form (amounts as decimal strings)."""
        return {
            "id": self.key.text, "kind": self.kind.value, "team": self.team, "subject": self.subject,
            "title": self.title, "summary": self.summary, "severity": self.severity.value,
            "created_at": self.created_at.isoformat(),
            "figures": {k: v.to_json() for k, v in self.figures.items()},
            "action": self.action, "labels": dict(self.labels),
        }
