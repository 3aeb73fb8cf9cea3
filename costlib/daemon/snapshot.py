"""The daemon's shared view, typed: frozen rows of :class:`~costlib.money.Money`, dates and enums.

:func:`build_snapshot` makes a :class:`Snapshot` from one evaluation (pure: statuses, environments and spend in,
rows out); a :class:`View` is a snapshot with the live counters beside it (each source's polls, the outbox,
delivery attempts). Readers take the typed rows: the metrics collector turns amounts into floats (the Prometheus
edge), the HTTP API and ``--format json`` into JSON (:meth:`Snapshot.to_json`, amounts as strings), the CLI
tables into text. JSON is read back only where it was stored: :meth:`Snapshot.from_json` for the state file.

>>> from datetime import UTC, datetime
>>> snap = Snapshot(as_of=datetime(2026, 11, 20, 23, 59, tzinfo=UTC), currency="USD", teams=(TeamRow(
...     team="web", currency="USD", month_to_date=Money("200", "USD"), credits=Money("0", "USD"),
...     by_provider=(("AWS", Money("200", "USD")),), providers=("AWS",), sources=("files",)),), budgets=(),
...     environments=())
>>> snap.to_json()["teams"][0]["month_to_date"], Snapshot.from_json(snap.to_json()) == snap
('200', True)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TypeAlias

from costlib.money import Money, plain
from costlib.policy.budgets import BudgetStatus
from costlib.policy.impact import BudgetFigures, ThresholdLine
from costlib.policy.ttl import Environment, EnvState, TtlRules, expiry_of, is_protected
from costlib.spend.base import HealthStatus

__all__ = [
    "JSON",
    "BudgetRow",
    "DeliveryCount",
    "DeliveryOutcome",
    "EnvironmentRow",
    "JSONValue",
    "MessageStatus",
    "Snapshot",
    "SourceRow",
    "TeamRow",
    "View",
    "build_snapshot",
    "mapping",
    "optional_text",
    "text",
    "texts",
]

#: A JSON value, and a JSON document (what the API answers and the state file stores).
JSONValue: TypeAlias = "str | int | float | bool | list[JSONValue] | dict[str, JSONValue] | None"
JSON: TypeAlias = dict[str, JSONValue]


def text(value: JSONValue) -> str:
    """A JSON value that must be text (a document's own field)."""
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value


def optional_text(value: JSONValue) -> str | None:
    return None if value is None else text(value)


def texts(value: JSONValue) -> tuple[str, ...]:
    """A JSON list of text (absent: empty)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {value!r}")
    return tuple(text(v) for v in value)


def mapping(value: JSONValue) -> JSON:
    """A JSON object (absent: empty)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"expected an object, got {value!r}")
    return value
_RATIO = Decimal("0.0001")


class MessageStatus(StrEnum):
    """Where a message is in the outbox."""

    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"


class DeliveryOutcome(StrEnum):
    """How one delivery attempt ended."""

    SENT = "sent"
    RETRY = "retry"
    """failed for a reason that may pass: tried again later"""
    FAILED = "failed"
    """refused for good (4xx, a bad address): dead-lettered"""
    GONE = "gone"
    """the endpoint answered 410: the channel is disabled"""
    DEAD = "dead"
    """out of attempts or past the deadline"""

    @property
    def gave_up(self) -> bool:
        """The message was dead-lettered by this attempt."""
        return self in (DeliveryOutcome.FAILED, DeliveryOutcome.GONE, DeliveryOutcome.DEAD)


def _money(value: Money | None) -> str | None:
    return None if value is None else plain(value.amount)


def _when(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_money(value: JSONValue, currency: str) -> Money | None:
    return None if value is None else Money(text(value), currency)


def _items(value: JSONValue) -> list[JSONValue]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {value!r}")
    return value


def _threshold(doc: JSON, currency: str) -> ThresholdLine:
    kind = text(doc["kind"])
    if kind not in ("actual", "forecast"):
        raise ValueError(f"a threshold's kind is actual or forecast, not {kind!r}")
    return ThresholdLine(label=text(doc["label"]), kind="actual" if kind == "actual" else "forecast",
                         limit=Money(text(doc["limit"]), currency))


def _parse_time(value: JSONValue) -> datetime | None:
    return None if value is None else datetime.fromisoformat(text(value))


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamRow:
    """A team's month to date (net of credits), in the config's currency, and its budget if it has one."""

    team: str
    currency: str
    month_to_date: Money
    credits: Money
    by_provider: tuple[tuple[str, Money], ...] = ()
    providers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    budget: Money | None = None
    budget_name: str | None = None
    forecast: Money | None = None
    utilisation: Decimal | None = None
    crossed: tuple[str, ...] = ()

    def to_json(self) -> JSON:
        return {"team": self.team, "providers": list(self.providers),
                "by_provider": {p: plain(m.amount) for p, m in self.by_provider}, "sources": list(self.sources),
                "currency": self.currency, "month_to_date": plain(self.month_to_date.amount),
                "credits": plain(self.credits.amount), "budget": _money(self.budget), "budget_name": self.budget_name,
                "forecast": _money(self.forecast),
                "utilisation_ratio": None if self.utilisation is None else str(self.utilisation),
                "crossed": list(self.crossed)}

    @classmethod
    def from_json(cls, doc: Mapping[str, JSONValue]) -> TeamRow:
        cur = text(doc["currency"])
        ratio = doc.get("utilisation_ratio")
        return cls(team=text(doc["team"]), currency=cur, month_to_date=Money(text(doc["month_to_date"]), cur),
                   credits=Money(text(doc["credits"]), cur),
                   by_provider=tuple((p, Money(text(a), cur)) for p, a in mapping(doc.get("by_provider")).items()),
                   providers=texts(doc.get("providers")), sources=texts(doc.get("sources")),
                   budget=_parse_money(doc.get("budget"), cur), budget_name=optional_text(doc.get("budget_name")),
                   forecast=_parse_money(doc.get("forecast"), cur),
                   utilisation=None if ratio is None else Decimal(text(ratio)), crossed=texts(doc.get("crossed")))


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetRow:
    """A budget's current period, in the budget's own currency."""

    name: str
    team: str | None
    environment: str | None
    amount: Money
    period_start: date
    period_end: date
    actual: Money
    forecast: Money | None
    forecast_method: str
    utilisation: Decimal
    crossed: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    thresholds: tuple[ThresholdLine, ...] = ()

    def to_json(self) -> JSON:
        return {"name": self.name, "team": self.team, "environment": self.environment, "sources": list(self.sources),
                "amount": plain(self.amount.amount), "currency": self.amount.currency,
                "period_start": self.period_start.isoformat(), "period_end": self.period_end.isoformat(),
                "actual": plain(self.actual.amount), "forecast": _money(self.forecast),
                "forecast_method": self.forecast_method, "utilisation_ratio": str(self.utilisation),
                "crossed": list(self.crossed),
                "thresholds": [{"label": t.label, "kind": t.kind, "limit": plain(t.limit.amount)}
                               for t in self.thresholds]}

    def figures(self) -> BudgetFigures:
        """The figures :func:`costlib.policy.impact.budget_impact` reads."""
        return BudgetFigures(name=self.name, team=self.team, environment=self.environment, amount=self.amount,
                             period_start=self.period_start, period_end=self.period_end, actual=self.actual,
                             forecast=self.forecast, forecast_method=self.forecast_method, thresholds=self.thresholds,
                             crossed=self.crossed)

    @classmethod
    def from_json(cls, doc: Mapping[str, JSONValue]) -> BudgetRow:
        cur = text(doc["currency"])
        return cls(name=text(doc["name"]), team=optional_text(doc.get("team")),
                   environment=optional_text(doc.get("environment")), amount=Money(text(doc["amount"]), cur),
                   period_start=date.fromisoformat(text(doc["period_start"])),
                   period_end=date.fromisoformat(text(doc["period_end"])), actual=Money(text(doc["actual"]), cur),
                   forecast=_parse_money(doc.get("forecast"), cur),
                   forecast_method=optional_text(doc.get("forecast_method")) or "",
                   utilisation=Decimal(text(doc["utilisation_ratio"])), crossed=texts(doc.get("crossed")),
                   sources=texts(doc.get("sources")), thresholds=tuple(_threshold(mapping(t), cur) for t in
                                                                       _items(doc.get("thresholds"))))


@dataclass(frozen=True, slots=True, kw_only=True)
class EnvironmentRow:
    """An environment: who owns it, when it expires (and why), what it costs a month."""

    name: str
    team: str
    owner: str | None = None
    provider: str | None = None
    kind: str | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    expiry_source: str = "no TTL"
    monthly_cost: Money | None = None
    cost_basis: str | None = None
    last_activity: datetime | None = None
    protected: bool = False
    conflicts: tuple[str, ...] = ()
    sources: tuple[str, ...] | None = None
    """The sources of its spend; None for an environment not built from spend (priced by an estimate)."""

    def ttl_remaining(self, now: datetime) -> timedelta | None:
        return None if self.expires_at is None else self.expires_at - now

    def to_json(self, now: datetime) -> JSON:
        left = self.ttl_remaining(now)
        return {"name": self.name, "team": self.team, "owner": self.owner, "provider": self.provider, "kind": self.kind,
                "created_at": _when(self.created_at),
                "age_days": (now - self.created_at).days if self.created_at else None,
                "expires_at": _when(self.expires_at), "expiry_source": self.expiry_source,
                "ttl_remaining_seconds": None if left is None else int(left.total_seconds()),
                "monthly_cost": _money(self.monthly_cost),
                "cost_currency": self.monthly_cost.currency if self.monthly_cost is not None else None,
                "cost_basis": self.cost_basis, "last_activity": _when(self.last_activity), "protected": self.protected,
                "conflicts": list(self.conflicts), "sources": None if self.sources is None else list(self.sources)}

    @classmethod
    def from_json(cls, doc: Mapping[str, JSONValue]) -> EnvironmentRow:
        sources = doc.get("sources", [])
        return cls(name=text(doc["name"]), team=text(doc["team"]), owner=optional_text(doc.get("owner")),
                   provider=optional_text(doc.get("provider")), kind=optional_text(doc.get("kind")),
                   created_at=_parse_time(doc.get("created_at")), expires_at=_parse_time(doc.get("expires_at")),
                   expiry_source=optional_text(doc.get("expiry_source")) or "",
                   monthly_cost=_parse_money(doc.get("monthly_cost"), optional_text(doc.get("cost_currency")) or "USD"),
                   cost_basis=optional_text(doc.get("cost_basis")), last_activity=_parse_time(doc.get("last_activity")),
                   protected=bool(doc.get("protected")), conflicts=texts(doc.get("conflicts")),
                   sources=None if sources is None else texts(sources))


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """One evaluation's results: teams, budgets and environments as of ``as_of``."""

    as_of: datetime
    currency: str
    teams: tuple[TeamRow, ...] = ()
    budgets: tuple[BudgetRow, ...] = ()
    environments: tuple[EnvironmentRow, ...] = ()

    def environment(self, name: str) -> EnvironmentRow | None:
        return next((e for e in self.environments if e.name == name), None)

    def extended(self, name: str, until: datetime) -> Snapshot:
        """This snapshot with environment ``name`` expiring at ``until`` (an extension, shown before the next
        evaluation confirms it)."""
        return dataclasses.replace(self, environments=tuple(
            dataclasses.replace(e, expires_at=until, expiry_source="extended") if e.name == name else e
            for e in self.environments))

    def to_json(self) -> JSON:
        return {"as_of": self.as_of.isoformat(), "currency": self.currency, "teams": [t.to_json() for t in self.teams],
                "budgets": [b.to_json() for b in self.budgets],
                "environments": [e.to_json(self.as_of) for e in self.environments]}

    @classmethod
    def from_json(cls, doc: Mapping[str, JSONValue]) -> Snapshot:
        def rows(key: str) -> list[JSON]:
            found = doc.get(key) or []
            return [mapping(r) for r in found] if isinstance(found, list) else []

        return cls(as_of=datetime.fromisoformat(text(doc["as_of"])), currency=text(doc["currency"]),
                   teams=tuple(TeamRow.from_json(t) for t in rows("teams")),
                   budgets=tuple(BudgetRow.from_json(b) for b in rows("budgets")),
                   environments=tuple(EnvironmentRow.from_json(e) for e in rows("environments")))


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    """A spend source's polls: the last attempt and success, and counters that only grow."""

    source: str
    status: HealthStatus
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    message: str | None = None
    errors_total: int = 0
    requests_total: int = 0
    api_cost: Decimal = Decimal(0)
    """What the provider charged for the API requests, in USD (Cost Explorer: USD 0.01 a page)."""
    poll_interval: timedelta | None = None

    @property
    def failing(self) -> bool:
        return self.status not in (HealthStatus.OK, HealthStatus.NO_DATA)

    @classmethod
    def from_json(cls, doc: Mapping[str, JSONValue]) -> SourceRow:
        """A source's record as :meth:`to_json` wrote it (counters absent: 0)."""
        def count(key: str) -> int:
            value = doc.get(key) or 0
            return value if isinstance(value, int) else int(text(value))

        status = optional_text(doc.get("status"))
        interval = doc.get("poll_interval_seconds")
        return cls(source=text(doc["source"]), status=HealthStatus(status) if status else HealthStatus.UNKNOWN,
                   last_attempt=_parse_time(doc.get("last_attempt")), last_success=_parse_time(doc.get("last_success")),
                   message=optional_text(doc.get("message")), errors_total=count("errors_total"),
                   requests_total=count("requests_total"), api_cost=Decimal(optional_text(doc.get("api_cost")) or 0),
                   poll_interval=timedelta(seconds=interval) if isinstance(interval, int) else None)

    def to_json(self) -> JSON:
        return {"source": self.source, "last_success": _when(self.last_success), "last_attempt": _when(self.last_attempt),
                "status": self.status.value, "message": self.message, "errors_total": self.errors_total,
                "requests_total": self.requests_total, "api_cost": plain(self.api_cost),
                "poll_interval_seconds": None if self.poll_interval is None else int(self.poll_interval.total_seconds())}


@dataclass(frozen=True, slots=True)
class DeliveryCount:
    channel: str
    outcome: DeliveryOutcome
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """What readers see: the last snapshot with the live counters beside it. Immutable, swapped whole."""

    snapshot: Snapshot
    sources: tuple[SourceRow, ...] = ()
    outbox: Mapping[MessageStatus, int] = field(default_factory=dict)
    delivery: tuple[DeliveryCount, ...] = ()
    started_at: datetime | None = None
    view_at: datetime | None = None

    @property
    def as_of(self) -> datetime:
        return self.snapshot.as_of

    @property
    def failing_sources(self) -> list[str]:
        return [s.source for s in self.sources if s.failing]

    def to_json(self) -> JSON:
        return {**self.snapshot.to_json(), "sources": [s.to_json() for s in self.sources],
                "started_at": _when(self.started_at), "outbox": {k.value: n for k, n in self.outbox.items()},
                "delivery": [{"channel": d.channel, "outcome": d.outcome.value, "count": d.count} for d in self.delivery],
                "view_at": _when(self.view_at)}


# --- building a snapshot (pure) ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class TeamSpend:
    """A team's spend this month, in the config's currency: charges and credits, by provider, and its sources."""

    charges: Money
    credits: Money
    by_provider: tuple[tuple[str, Money], ...] = ()
    providers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


def build_snapshot(*, now: datetime, currency: str, spend: Mapping[str, TeamSpend], statuses: Sequence[BudgetStatus],
                   environments: Sequence[Environment], env_states: Mapping[str, EnvState], rules: TtlRules,
                   env_sources: Mapping[str, Sequence[str]]) -> Snapshot:
    """The snapshot of one evaluation: a row per team (with spend or a budget), per budget and per environment.

    A budget's ``sources`` are those of its team's spend (an environment budget: its environment's; a budget of all
    teams: every source that gave spend); an environment priced by an estimate has ``sources`` None."""
    zero = Money.zero(currency)
    by_team = {s.budget.team: s for s in statuses if s.budget.team}
    every_source = tuple(sorted({src for m in spend.values() for src in m.sources}))
    teams = []
    for team in sorted(set(spend) | set(by_team)):
        st = by_team.get(team)
        m = spend.get(team) or TeamSpend(charges=zero, credits=zero)
        teams.append(TeamRow(team=team, currency=currency, month_to_date=m.charges + m.credits, credits=m.credits,
                             by_provider=m.by_provider, providers=m.providers, sources=m.sources,
                             budget=st.budget.amount if st else None, budget_name=st.budget.name if st else None,
                             forecast=st.forecast if st else None,
                             utilisation=st.utilisation.quantize(_RATIO) if st else None,
                             crossed=tuple(st.crossed) if st else ()))

    def budget_sources(status: BudgetStatus) -> tuple[str, ...]:
        b = status.budget
        if b.environment is not None:
            return tuple(env_sources.get(b.environment, ()))
        if b.team:
            found = spend.get(b.team)
            return found.sources if found else ()
        return every_source

    budgets = tuple(BudgetRow(name=s.budget.name, team=s.budget.team, environment=s.budget.environment,
                              sources=budget_sources(s), amount=s.budget.amount, period_start=s.period_start,
                              period_end=s.period_end, actual=s.actual, forecast=s.forecast,
                              forecast_method=s.forecast_method, utilisation=s.utilisation.quantize(_RATIO),
                              crossed=tuple(s.crossed),
                              thresholds=tuple(ThresholdLine(label=t.label, kind=t.kind, limit=t.limit(s.budget.amount))
                                               for t in s.budget.thresholds)) for s in statuses)
    envs = []
    for env in environments:
        expiry, source = expiry_of(env, rules, env_states.get(env.name))
        envs.append(EnvironmentRow(
            name=env.name, team=env.team, owner=env.owner, provider=env.provider, kind=env.kind,
            created_at=env.created_at, expires_at=expiry, expiry_source=source, monthly_cost=env.monthly_cost,
            cost_basis=env.cost_basis, last_activity=env.last_activity, protected=is_protected(env, rules),
            conflicts=tuple(env.conflicts),
            # an estimate is not built from spend: no source can make it stale
            sources=tuple(env_sources.get(env.name, ())) if env.cost_basis == "spend run-rate" else None))
    return Snapshot(as_of=now, currency=currency, teams=tuple(teams), budgets=budgets, environments=tuple(envs))
