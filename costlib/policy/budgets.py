"""Budgets: periods, thresholds on actual and forecast spend, alert-once with hysteresis, and spend anomalies.

Pure: spend series and ``as_of`` come in, statuses, alerts and the new alert state come out.

Semantics (after AWS/Azure/GCP budgets, ``../shared/reference/daemon_anchors.md``):

- a budget has a period (monthly, quarterly or custom dates) and thresholds, each a percent of the amount or
  an absolute amount, on ``actual`` spend or on ``forecast`` spend;
- the forecast is the larger of two run-rates: month-to-date (actual / days elapsed x days in period) and the
  trailing 7 days (actual + mean of the last 7 days x days left); none before 3 days of data;
- an alert fires once per (budget, period, kind, threshold) on the first crossing; it re-arms only when the
  value falls back below the threshold by the hysteresis band (a new firing then gets a new id); a new
  period starts fresh;
- an anomaly is a day's spend above ``factor`` x the trailing median, and above it by at least ``min_amount``.

>>> b = Budget(name="web", team="web", amount=Money("100", "USD"), thresholds=(Threshold(percent=Decimal(80)),))
>>> days = {date(2026, 11, d): Money("5", "USD") for d in range(1, 18)}
>>> ev = evaluate_budgets([b], {"web": days}, as_of=date(2026, 11, 17), state={})
>>> [a.key for a in ev.alerts], ev.statuses[0].actual
(['budget:web:2026-11-01:actual:80%#1'], Money('85', 'USD'))
"""

from __future__ import annotations

import calendar
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from costlib.errors import ConfigError
from costlib.money import Money
from costlib.policy.alerts import Alert, AlertKind, Severity

__all__ = ["AlertState", "Budget", "BudgetEvaluation", "BudgetStatus", "Threshold", "evaluate_anomalies",
           "evaluate_budgets", "forecast", "period_bounds"]

MIN_FORECAST_DAYS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Threshold:
    """``percent`` of the budget, or an absolute ``amount``; on ``actual`` or ``forecast`` spend."""

    percent: Decimal | None = None
    amount: Money | None = None
    kind: Literal["actual", "forecast"] = "actual"

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.amount is None):
            raise ConfigError("a threshold needs exactly one of percent or amount")
        if self.percent is not None and self.percent <= 0:
            raise ConfigError(f"threshold percent must be positive, got {self.percent}")

    def limit(self, budget: Money) -> Money:
        if self.amount is not None:
            return self.amount
        assert self.percent is not None
        return budget * self.percent / Decimal(100)  # type: ignore[no-any-return]

    @property
    def label(self) -> str:
        return f"{self.percent.normalize():f}%" if self.percent is not None else f"{self.amount}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Budget:
    name: str
    amount: Money
    thresholds: tuple[Threshold, ...]
    team: str | None = None
    environment: str | None = None
    period: Literal["monthly", "quarterly", "custom"] = "monthly"
    start: date | None = None
    end: date | None = None
    hysteresis_percent: Decimal = Decimal(5)

    def __post_init__(self) -> None:
        if self.period == "custom" and (self.start is None or self.end is None or self.end <= self.start):
            raise ConfigError(f"budget {self.name}: a custom period needs start < end")
        if self.amount.amount <= 0:
            raise ConfigError(f"budget {self.name}: amount must be positive")


def period_bounds(budget: Budget, as_of: date) -> tuple[date, date]:
    """``[start, end)`` of the budget period containing ``as_of``."""
    if budget.period == "monthly":
        start = as_of.replace(day=1)
        return start, start + timedelta(days=calendar.monthrange(start.year, start.month)[1])
    if budget.period == "quarterly":
        q = (as_of.month - 1) // 3
        start = date(as_of.year, 3 * q + 1, 1)
        end = date(as_of.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        return start, end
    if budget.start is None or budget.end is None:  # pragma: no cover - refused at construction
        raise ConfigError(f"budget {budget.name}: a custom period needs start and end")
    return budget.start, budget.end


def forecast(days: Mapping[date, Money], start: date, end: date, as_of: date, currency: str
             ) -> tuple[Money | None, str]:
    """Period-end forecast from the days in ``[start, as_of]``: the larger of the month-to-date and trailing-7-day
    run-rates, or None with the reason before 3 days of data."""
    elapsed = (min(as_of, end - timedelta(days=1)) - start).days + 1
    if elapsed < MIN_FORECAST_DAYS:
        return None, f"only {max(elapsed, 0)} days of data (forecasts need {MIN_FORECAST_DAYS})"
    total_days = (end - start).days
    actual = Money.sum((m for d, m in days.items() if start <= d <= as_of), currency)
    mtd = actual * Decimal(total_days) / Decimal(elapsed)
    last7 = [days.get(as_of - timedelta(days=i), Money.zero(currency)) for i in range(min(7, elapsed))]
    remaining = total_days - elapsed
    trailing = actual + Money.sum(last7, currency) / Decimal(len(last7)) * Decimal(remaining)
    return (mtd, "month-to-date run-rate") if mtd >= trailing else (trailing, "trailing 7-day run-rate")


@dataclass(frozen=True, slots=True)
class AlertState:
    """Per threshold key: whether it has fired (and not re-armed) and how many times it fired."""

    fired: bool
    count: int


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    budget: Budget
    period_start: date
    period_end: date
    actual: Money
    forecast: Money | None
    forecast_method: str
    crossed: tuple[str, ...]

    @property
    def utilisation(self) -> Decimal:
        return self.actual.amount / self.budget.amount.amount


@dataclass(frozen=True, slots=True)
class BudgetEvaluation:
    statuses: list[BudgetStatus]
    alerts: list[Alert]
    state: dict[str, AlertState] = field(default_factory=dict)


def evaluate_budgets(budgets: Sequence[Budget], spend: Mapping[str, Mapping[date, Money]], *, as_of: date,
                     state: Mapping[str, AlertState], now: datetime | None = None) -> BudgetEvaluation:
    """Evaluate every budget on ``spend`` (team -> day -> net spend) as of the end of ``as_of``."""
    moment = now or datetime(as_of.year, as_of.month, as_of.day, 23, 59, tzinfo=UTC)
    new_state = dict(state)
    statuses: list[BudgetStatus] = []
    alerts: list[Alert] = []
    for budget in budgets:
        cur = budget.amount.currency
        start, end = period_bounds(budget, as_of)
        teams = [budget.team] if budget.team else list(spend)
        merged: dict[date, Money] = {}
        for team in teams:
            for day, money in (spend.get(team) or {}).items():
                if start <= day <= as_of:
                    merged[day] = merged.get(day, Money.zero(cur)) + money
        actual = Money.sum(merged.values(), cur)
        fc, method = forecast(merged, start, end, as_of, cur)
        crossed: list[str] = []
        for th in budget.thresholds:
            value = actual if th.kind == "actual" else fc
            limit = th.limit(budget.amount)
            key = f"budget:{budget.name}:{start.isoformat()}:{th.kind}:{th.label}"
            prev = new_state.get(key, AlertState(False, 0))
            if value is None:
                continue
            if value > limit:
                crossed.append(f"{th.kind} {th.label}")
                if not prev.fired:
                    count = prev.count + 1
                    new_state[key] = AlertState(True, count)
                    alerts.append(_budget_alert(budget, th, key, count, actual, fc, limit, start, end, moment))
            elif prev.fired and value < limit * (Decimal(1) - budget.hysteresis_percent / Decimal(100)):
                new_state[key] = AlertState(False, prev.count)  # re-armed: the next crossing alerts again
        statuses.append(BudgetStatus(budget, start, end, actual, fc, method, tuple(crossed)))
    return BudgetEvaluation(statuses, alerts, new_state)


def _budget_alert(budget: Budget, th: Threshold, key: str, count: int, actual: Money, fc: Money | None,
                  limit: Money, start: date, end: date, now: datetime) -> Alert:
    who = budget.team or "all teams"
    pct = (actual.amount / budget.amount.amount * 100).quantize(Decimal(1))
    if th.kind == "actual":
        title = f"{who}: spend is above {th.label} of the {budget.name} budget ({pct}% used)"
        summary = (f"Spend from {start.isoformat()} is {actual.display()} of {budget.amount.display()} "
                   f"(threshold {limit.display()}).")
    else:
        assert fc is not None
        title = f"{who}: forecast spend will pass {th.label} of the {budget.name} budget"
        summary = (f"At the current run-rate the period ending {(end - timedelta(days=1)).isoformat()} will cost about "
                   f"{fc.display()} against a budget of {budget.amount.display()} (so far {actual.display()}).")
    figures = {"budget": budget.amount, "actual": actual, "threshold": limit}
    if fc is not None:
        figures["forecast"] = fc
    severity = Severity.CRITICAL if th.kind == "actual" and actual >= budget.amount else Severity.WARNING
    return Alert(key=f"{key}#{count}", kind=AlertKind.BUDGET_ACTUAL if th.kind == "actual"
                 else AlertKind.BUDGET_FORECAST, team=budget.team or "all", subject=budget.name, title=title,
                 summary=summary, created_at=now, severity=severity, figures=figures,
                 action=f"costlib budgets status --team {budget.team}" if budget.team else "costlib budgets status",
                 labels={"budget": budget.name, "period_start": start.isoformat(), "threshold": th.label})


def evaluate_anomalies(spend: Mapping[str, Mapping[date, Money]], *, as_of: date, factor: Decimal = Decimal(2),
                       min_amount: Decimal = Decimal(1), lookback_days: int = 14,
                       now: datetime | None = None) -> list[Alert]:
    """One alert per team whose spend on ``as_of`` is above ``factor`` x the trailing median by ``min_amount``."""
    moment = now or datetime(as_of.year, as_of.month, as_of.day, 23, 59, tzinfo=UTC)
    alerts = []
    for team, days in sorted(spend.items()):
        today = days.get(as_of)
        if today is None:
            continue
        history = [days[as_of - timedelta(days=i)].amount for i in range(1, lookback_days + 1)
                   if (as_of - timedelta(days=i)) in days]
        if len(history) < 3:
            continue
        median = Decimal(str(statistics.median(history)))
        if today.amount > median * factor and today.amount - median >= min_amount:
            base = Money(median, today.currency)
            ratio = f"{(today.amount / median).quantize(Decimal('0.1'))}x" if median else "far above"
            alerts.append(Alert(
                key=f"anomaly:{team}:{as_of.isoformat()}", kind=AlertKind.ANOMALY, team=team, subject=team,
                title=f"{team}: spend on {as_of.isoformat()} is {ratio} the usual",
                summary=f"{today.display()} on {as_of.isoformat()} against a trailing {lookback_days}-day median of "
                        f"{base.display()}.",
                created_at=moment, figures={"day": today, "median": base},
                action=f"costlib spend show --by day --format table  # team {team}"))
    return alerts
