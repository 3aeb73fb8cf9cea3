"""Budgets: periods, thresholds on actual and forecast spend, alert-once with hysteresis, and spend anomalies.

Pure: spend series and ``as_of`` come in, statuses, alerts and the new alert state come out.

Semantics (after AWS Budgets, Azure Cost Management budgets and Google Cloud budgets):

- a budget has a period (monthly, quarterly or custom dates) and thresholds, each a percent of the amount or
  an absolute amount, on ``actual`` spend or on ``forecast`` spend;
- the forecast is the larger of two run-rates over the *complete* days (``complete_through``: billing data
  lags a day or two, and today is partial): month-to-date (spend / complete days x days in period) and the
  trailing 7 complete days (spend + mean of those days x days left); none before 3 complete days;
- an alert fires once per (budget, period, kind, threshold) on the first crossing; a forecast threshold
  re-arms when the forecast falls back below it by the hysteresis band (a new firing then gets a new id); an
  actual threshold fires once per period; a new period starts fresh, and the period just ended is still
  checked (actual thresholds) for a few days, since its last days' spend arrives after the rollover;
- an anomaly is a day's spend above ``factor`` x the trailing median, and above it by at least ``min_amount``.

>>> b = Budget(name="web", team="web", amount=Money("100", "USD"), thresholds=(Threshold(percent=Decimal(80)),))
>>> days = {date(2026, 11, d): Money("5", "USD") for d in range(1, 18)}
>>> ev = evaluate_budgets([b], {"web": days}, as_of=date(2026, 11, 17), state={})
>>> [a.id for a in ev.alerts], ev.statuses[0].actual
(['budget:web:2026-11-01:actual:80%#1'], Money('85', 'USD'))
"""

from __future__ import annotations

import calendar
import functools
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from costlib.errors import ConfigError, CurrencyMismatchError
from costlib.money import Money
from costlib.policy.alerts import Alert, AlertKind, AnomalyKey, BudgetKey, Severity, ThresholdKey, threshold_text
from costlib.spend.base import paused_gc

__all__ = ["AlertState", "Budget", "BudgetEvaluation", "BudgetStatus", "Moment", "Period", "PeriodResult", "Threshold",
           "daily_amounts", "evaluate_anomalies", "evaluate_budgets", "evaluate_period", "forecast", "period_bounds"]

MIN_FORECAST_DAYS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Threshold:
    """``percent`` of the budget, or an absolute ``amount``; on ``actual`` or ``forecast`` spend."""

    percent: Decimal | None = None
    amount: Money | None = None
    kind: Literal["actual", "forecast"] = "actual"
    label: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.amount is None):
            raise ConfigError("a threshold needs exactly one of percent or amount")
        if self.percent is not None and self.percent <= 0:
            raise ConfigError(f"threshold percent must be positive, got {self.percent}")
        label = (f"{self.percent.normalize():f}%" if self.percent is not None else
                 f"{self.amount.amount.normalize():f} {self.amount.currency}" if self.amount is not None else "")
        object.__setattr__(self, "label", label)

    def limit(self, budget: Money) -> Money:
        """The threshold as money: its amount, or its percent of ``budget``."""
        return self.amount if self.amount is not None else Money.trusted(self.limit_amount(budget.amount),
                                                                         budget.currency)

    def limit_amount(self, budget: Decimal) -> Decimal:
        """:meth:`limit` as a bare amount (the evaluation loop compares amounts)."""
        if self.amount is not None:
            return self.amount.amount
        assert self.percent is not None
        return budget * self.percent / _HUNDRED


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
        return _month(as_of.year, as_of.month)
    if budget.period == "quarterly":
        q = (as_of.month - 1) // 3
        start = date(as_of.year, 3 * q + 1, 1)
        end = date(as_of.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        return start, end
    if budget.start is None or budget.end is None:  # pragma: no cover - refused at construction
        raise ConfigError(f"budget {budget.name}: a custom period needs start and end")
    return budget.start, budget.end


@functools.lru_cache(maxsize=256)
def _month(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    return start, start + timedelta(days=calendar.monthrange(year, month)[1])


def forecast(days: Mapping[date, Money], start: date, end: date, as_of: date, currency: str
             ) -> tuple[Money | None, str]:
    """Period-end forecast from the days in ``[start, as_of]``: the larger of the month-to-date and trailing-7-day
    run-rates, or None with the reason before 3 days of data."""
    wrong = sorted({m.currency for m in days.values()} - {currency})
    if wrong:
        raise CurrencyMismatchError(f"a forecast in {currency} got spend in {', '.join(wrong)}; convert it first")
    amounts = {d: m.amount for d, m in days.items()}
    value, method = _forecast(amounts, start, end, as_of)
    return (None if value is None else Money(value, currency)), method


def _forecast(amounts: Mapping[date, Decimal], start: date, end: date, as_of: date,
              actual: Decimal | None = None) -> tuple[Decimal | None, str]:
    """``actual``, when given, is the sum of ``amounts`` over ``[start, as_of]`` (the caller already has it)."""
    elapsed = (min(as_of, end - timedelta(days=1)) - start).days + 1
    if elapsed < MIN_FORECAST_DAYS:
        return None, f"only {max(elapsed, 0)} days of data (forecasts need {MIN_FORECAST_DAYS})"
    total_days = (end - start).days
    if actual is None:
        actual = sum((a for d, a in amounts.items() if start <= d <= as_of), Decimal(0))
    mtd = actual * total_days / elapsed
    n7 = min(7, elapsed)
    last7 = sum((amounts.get(as_of - timedelta(days=i), Decimal(0)) for i in range(n7)), Decimal(0))
    trailing = actual + last7 / n7 * (total_days - elapsed)
    return (mtd, "month-to-date run-rate") if mtd >= trailing else (trailing, "trailing 7-day run-rate")


@dataclass(frozen=True, slots=True)
class AlertState:
    """Per threshold key: whether it has fired (and not re-armed) and how many times it fired."""

    fired: bool
    count: int


_UNFIRED = AlertState(False, 0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)


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


@dataclass(frozen=True, slots=True)
class Period:
    """``[start, end)`` of a budget period; ``late`` when it ended and only its actual thresholds are checked again
    (its last days' spend arrives after the rollover)."""

    start: date
    end: date
    late: bool = False


@dataclass(frozen=True, slots=True)
class Moment:
    """When an evaluation happens: ``as_of`` (its date), the last day of complete spend, and the alerts' time."""

    as_of: date
    complete_through: date
    now: datetime


@dataclass(frozen=True, slots=True)
class PeriodResult:
    """One budget period evaluated: its status, the alerts it fires, and the alert state that changed."""

    status: BudgetStatus
    alerts: tuple[Alert, ...]
    changed: Mapping[str, AlertState]


def evaluate_budgets(budgets: Sequence[Budget], spend: Mapping[str, Mapping[date, Money]], *, as_of: date,
                     state: Mapping[str, AlertState], now: datetime | None = None,
                     complete_through: date | None = None, after_end_days: int = 3,
                     environments: Mapping[str, Mapping[date, Money]] | None = None) -> BudgetEvaluation:
    """Evaluate every budget on ``spend`` (team -> day -> net spend) as of the end of ``as_of``; a budget with an
    ``environment`` on ``environments`` (environment -> day -> spend) instead.

    ``complete_through`` is the last day whose spend is complete (default ``as_of``): forecasts use complete
    days only. The period that ended within ``after_end_days`` before ``as_of`` is checked again (actual
    thresholds), so spend of its last days that arrived late still alerts. ``state`` is keyed by each
    :class:`~costlib.policy.alerts.ThresholdKey`'s text."""
    moment = Moment(as_of, min(complete_through or as_of, as_of),
                    now or datetime(as_of.year, as_of.month, as_of.day, 23, 59, tzinfo=UTC))
    new_state = dict(state)
    statuses: list[BudgetStatus] = []
    alerts: list[Alert] = []
    with paused_gc():  # tens of thousands of small results without cycles: nothing for the collector to find
        for budget in budgets:
            current = Period(*period_bounds(budget, as_of))  # a custom period that ended stays frozen at its end
            periods = [current]
            if budget.period != "custom" and as_of < current.start + timedelta(days=after_end_days):
                periods.append(Period(*period_bounds(budget, current.start - timedelta(days=1)), late=True))
            # an environment budget: the environment's own spend, whichever team that spend is attributed to
            source = (environments or {}) if budget.environment is not None else spend
            for period in periods:
                result = evaluate_period(budget, period, daily_amounts(budget, source, period, as_of), moment,
                                         new_state)
                if not period.late:
                    statuses.append(result.status)
                alerts += result.alerts
                new_state.update(result.changed)
    return BudgetEvaluation(statuses, alerts, new_state)


def daily_amounts(budget: Budget, spend: Mapping[str, Mapping[date, Money]], period: Period, as_of: date
                  ) -> dict[date, Decimal]:
    """The budget's spend per day of ``period`` up to ``as_of``: its environment's, its team's, or everyone's."""
    cur = budget.amount.currency
    last = min(as_of, period.end - timedelta(days=1))
    amounts: dict[date, Decimal] = {}
    for owner in ([budget.environment] if budget.environment else [budget.team] if budget.team else list(spend)):
        for day, money in (spend.get(owner) or {}).items():
            if period.start <= day <= last:
                if money.currency != cur:
                    raise CurrencyMismatchError(f"budget {budget.name} is in {cur}, spend of {owner} in "
                                                f"{money.currency}; convert spend before evaluating")
                prev = amounts.get(day)
                amounts[day] = money.amount if prev is None else prev + money.amount
    return amounts


def evaluate_period(budget: Budget, period: Period, amounts: Mapping[date, Decimal], moment: Moment,
                    state: Mapping[str, AlertState]) -> PeriodResult:
    """A budget's status in ``period`` from its daily ``amounts``, and each threshold crossed for the first time
    (or again after a re-arm) as an alert; a forecast threshold re-arms below the hysteresis band. Pure."""
    cur = budget.amount.currency
    last = min(moment.as_of, period.end - timedelta(days=1))
    actual_amt = sum(amounts.values(), Decimal(0))
    if moment.complete_through >= last:  # every day so far is complete (the usual case with a pinned or lagging as_of)
        fc_amt, method = _forecast(amounts, period.start, period.end, last, actual_amt)
    else:
        complete = {d: a for d, a in amounts.items() if d <= moment.complete_through}
        fc_amt, method = _forecast(complete, period.start, period.end, moment.complete_through,
                                   sum(complete.values(), Decimal(0)))
    if period.end <= moment.as_of:  # an ended period's forecast is what it cost
        fc_amt, method = actual_amt, "the period has ended"
    actual = Money.trusted(actual_amt, cur)
    fc = None if fc_amt is None else Money.trusted(fc_amt, cur)
    crossed: list[str] = []
    alerts: list[Alert] = []
    changed: dict[str, AlertState] = {}
    start_text = period.start.isoformat()
    for th in budget.thresholds:
        value = actual_amt if th.kind == "actual" else fc_amt
        if value is None or (period.late and th.kind != "actual"):
            continue
        limit = th.limit_amount(budget.amount.amount)
        text = threshold_text(budget.name, start_text, th.kind, th.label)  # (a key is built only when it fires)
        prev = state.get(text, _UNFIRED)
        if value > limit:
            crossed.append(f"{th.kind} {th.label}")
            if not prev.fired:
                changed[text] = AlertState(True, prev.count + 1)
                key = BudgetKey(ThresholdKey(budget.name, period.start, th.kind, th.label), prev.count + 1)
                alerts.append(_budget_alert(budget, th, key, actual, fc, th.limit(budget.amount), period, moment.now))
        elif th.kind == "forecast" and prev.fired and \
                value < limit * (_ONE - budget.hysteresis_percent / _HUNDRED):
            changed[text] = AlertState(False, prev.count)  # re-armed: the next crossing alerts again
    status = BudgetStatus(budget, period.start, period.end, actual, fc, method, tuple(crossed))
    return PeriodResult(status, tuple(alerts), changed)


def _budget_alert(budget: Budget, th: Threshold, key: BudgetKey, actual: Money, fc: Money | None,
                  limit: Money, period: Period, now: datetime) -> Alert:
    start, end = period.start, period.end
    who = f"environment {budget.environment}" if budget.environment else budget.team or "all teams"
    pct = (actual.amount / budget.amount.amount * 100).quantize(_ONE)
    shown_budget = budget.amount.display()
    if th.kind == "actual":
        title = f"{who}: spend is above {th.label} of the {budget.name} budget ({pct}% used)"
        summary = (f"Spend from {start.isoformat()} is {actual.display()} of {shown_budget} "
                   f"(threshold {limit.display()}).")
    else:
        assert fc is not None
        title = f"{who}: forecast spend will pass {th.label} of the {budget.name} budget"
        summary = (f"At the current run-rate the period ending {(end - timedelta(days=1)).isoformat()} will cost about "
                   f"{fc.display()} against a budget of {shown_budget} (so far {actual.display()}).")
    figures = {"budget": budget.amount, "actual": actual, "threshold": limit}
    if fc is not None:
        figures["forecast"] = fc
    severity = Severity.CRITICAL if th.kind == "actual" and actual >= budget.amount else Severity.WARNING
    return Alert(key=key, kind=AlertKind.BUDGET_ACTUAL if th.kind == "actual"
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
        if median < 0:
            continue  # a series of credits: "twice the usual" means nothing there
        if today.amount > median * factor and today.amount - median >= min_amount:
            base = Money(median, today.currency)
            ratio = f"{(today.amount / median).quantize(Decimal('0.1'))}x" if median else "far above"
            alerts.append(Alert(
                key=AnomalyKey(team, as_of), kind=AlertKind.ANOMALY, team=team, subject=team,
                title=f"{team}: spend on {as_of.isoformat()} is {ratio} the usual",
                summary=f"{today.display()} on {as_of.isoformat()} against a trailing {lookback_days}-day median of "
                        f"{base.display()}.",
                created_at=moment, figures={"day": today, "median": base},
                action=f"costlib spend show --by day --format table  # team {team}"))
    return alerts
