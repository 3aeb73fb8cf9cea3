"""Budget policy, table-driven with pinned time."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from costlib.errors import ConfigError, CurrencyMismatchError
from costlib.money import Money
from costlib.policy.alerts import AlertKind, AnomalyKey, BudgetKey
from costlib.policy.budgets import (
    AlertState,
    Budget,
    Threshold,
    evaluate_anomalies,
    evaluate_budgets,
    forecast,
    period_bounds,
)

USD = "USD"


def daily(amount: str, first: date, last: date) -> dict[date, Money]:
    out, d = {}, first
    while d <= last:
        out[d] = Money(amount, USD)
        d += timedelta(days=1)
    return out


def budget(*thresholds: Threshold, amount: str = "300", **kw: object) -> Budget:
    return Budget(name="b", team="web", amount=Money(amount, USD), thresholds=tuple(thresholds), **kw)  # type: ignore[arg-type]


P80 = Threshold(percent=Decimal(80))
P100 = Threshold(percent=Decimal(100))
F100 = Threshold(percent=Decimal(100), kind="forecast")
ABS = Threshold(amount=Money("50", USD))


@pytest.mark.parametrize(("spend_per_day", "as_of", "thresholds", "fired"), [
    ("5", date(2026, 11, 10), (P80, P100), []),                     # $50 of $300
    ("10", date(2026, 11, 25), (P80, P100), ["actual:80%"]),        # $250 > $240
    ("12", date(2026, 11, 26), (P80, P100), ["actual:80%", "actual:100%"]),  # $312
    ("11", date(2026, 11, 10), (F100,), ["forecast:100%"]),         # 11 x 30 = $330 forecast
    ("11", date(2026, 11, 2), (F100,), []),                         # under 3 days: no forecast yet
    ("6", date(2026, 11, 9), (ABS,), ["actual:50 USD"]),            # $54 > $50
])
def test_thresholds(spend_per_day: str, as_of: date, thresholds: tuple[Threshold, ...], fired: list[str]) -> None:
    spend = {"web": daily(spend_per_day, date(2026, 11, 1), as_of)}
    ev = evaluate_budgets([budget(*thresholds)], spend, as_of=as_of, state={})
    assert [f"{a.key.threshold.kind}:{a.key.threshold.threshold}" for a in ev.alerts] == fired


def test_alert_once_then_hysteresis_rearms_with_a_new_id() -> None:
    b = budget(F100)
    spend = {"web": daily("11", date(2026, 11, 1), date(2026, 11, 10))}
    first = evaluate_budgets([b], spend, as_of=date(2026, 11, 10), state={})
    assert len(first.alerts) == 1 and first.alerts[0].kind is AlertKind.BUDGET_FORECAST
    again = evaluate_budgets([b], spend, as_of=date(2026, 11, 10), state=first.state)
    assert again.alerts == []  # same period, same threshold: once
    # spend falls: forecast 9.6 x 30 = 288 < 300 x 0.95 = 285? no -> still fired; 9 x 30 = 270 < 285 -> re-armed
    lower = {"web": daily("9", date(2026, 11, 1), date(2026, 11, 10))}
    rearmed = evaluate_budgets([b], lower, as_of=date(2026, 11, 10), state=again.state)
    fired = first.alerts[0].key
    assert isinstance(fired, BudgetKey) and fired.firing == 1
    assert rearmed.state[fired.threshold.text] == AlertState(False, 1) and rearmed.alerts == []
    back = evaluate_budgets([b], spend, as_of=date(2026, 11, 10), state=rearmed.state)
    assert [a.key for a in back.alerts] == [BudgetKey(fired.threshold, 2)]


def test_within_hysteresis_band_stays_fired() -> None:
    b = budget(P100)
    over = {"web": daily("10", date(2026, 11, 1), date(2026, 11, 30))}  # $300... not over
    over["web"][date(2026, 11, 30)] = Money("11", USD)                  # $301 > 300
    ev = evaluate_budgets([b], over, as_of=date(2026, 11, 30), state={})
    assert len(ev.alerts) == 1
    fired = ev.alerts[0].key
    assert isinstance(fired, BudgetKey)
    key = fired.threshold.text
    credit = dict(over["web"])
    credit[date(2026, 11, 30)] = Money("2", USD)                          # $292, within 5% of 300
    assert evaluate_budgets([b], {"web": credit}, as_of=date(2026, 11, 30), state=ev.state).state[key].fired


def test_new_period_starts_fresh() -> None:
    b = budget(P80)
    oct_ = {"web": daily("10", date(2026, 10, 1), date(2026, 10, 31))}
    ev = evaluate_budgets([b], oct_, as_of=date(2026, 10, 31), state={})
    nov = {"web": {**oct_["web"], **daily("10", date(2026, 11, 1), date(2026, 11, 30))}}
    ev2 = evaluate_budgets([b], nov, as_of=date(2026, 11, 30), state=ev.state)
    assert [a.labels["period_start"] for a in ev2.alerts] == ["2026-11-01"]


@pytest.mark.parametrize(("period", "as_of", "bounds"), [
    ("monthly", date(2026, 2, 10), (date(2026, 2, 1), date(2026, 3, 1))),
    ("quarterly", date(2026, 11, 25), (date(2026, 10, 1), date(2027, 1, 1))),
    ("quarterly", date(2026, 5, 1), (date(2026, 4, 1), date(2026, 7, 1))),
])
def test_periods(period: str, as_of: date, bounds: tuple[date, date]) -> None:
    assert period_bounds(budget(P80, period=period), as_of) == bounds


def test_custom_period_and_bad_budgets() -> None:
    b = budget(P80, period="custom", start=date(2026, 11, 10), end=date(2026, 11, 20))
    assert period_bounds(b, date(2026, 11, 15)) == (date(2026, 11, 10), date(2026, 11, 20))
    with pytest.raises(ConfigError, match="custom period"):
        budget(P80, period="custom")
    with pytest.raises(ConfigError, match="exactly one"):
        Threshold(percent=Decimal(5), amount=Money("1", USD))
    with pytest.raises(ConfigError, match="positive"):
        budget(P80, amount="0")


def test_forecast_takes_the_larger_run_rate() -> None:
    days = daily("1", date(2026, 11, 1), date(2026, 11, 20)) | daily("10", date(2026, 11, 21), date(2026, 11, 25))
    value, method = forecast(days, date(2026, 11, 1), date(2026, 12, 1), date(2026, 11, 25), USD)
    assert method == "trailing 7-day run-rate" and value is not None and value > Money("100", USD)
    none, why = forecast(days, date(2026, 11, 1), date(2026, 12, 1), date(2026, 11, 2), USD)
    assert none is None and "2 days" in why


def test_forecast_and_budgets_refuse_spend_in_another_currency() -> None:
    days = daily("1", date(2026, 11, 1), date(2026, 11, 10)) | {date(2026, 11, 11): Money("5", "EUR")}
    with pytest.raises(CurrencyMismatchError, match="EUR"):
        forecast(days, date(2026, 11, 1), date(2026, 12, 1), date(2026, 11, 11), USD)
    with pytest.raises(CurrencyMismatchError, match="convert spend"):
        evaluate_budgets([budget(P80)], {"web": days}, as_of=date(2026, 11, 11), state={})


def test_anomaly_needs_factor_and_minimum() -> None:
    days = daily("10", date(2026, 11, 1), date(2026, 11, 14))
    days[date(2026, 11, 15)] = Money("35", USD)
    alerts = evaluate_anomalies({"web": days}, as_of=date(2026, 11, 15), factor=Decimal(2), min_amount=Decimal(5))
    assert [a.key for a in alerts] == [AnomalyKey("web", date(2026, 11, 15))]
    assert not evaluate_anomalies({"web": days}, as_of=date(2026, 11, 15), min_amount=Decimal(100))
    small = {d: Money("0.01", USD) for d in days} | {date(2026, 11, 15): Money("0.05", USD)}
    assert not evaluate_anomalies({"web": small}, as_of=date(2026, 11, 15), min_amount=Decimal(1))


# --- review findings: custom period end, billing lag, late spend after rollover, re-arming, credits ---------------
def _budget(**kw: object) -> Budget:
    base: dict[str, object] = {"name": "b", "team": "web", "amount": Money("300", USD),
                               "thresholds": (Threshold(percent=Decimal(100)),)}
    base.update(kw)
    return Budget(**base)  # type: ignore[arg-type]


def test_an_ended_custom_period_stops_counting_at_its_end() -> None:
    b = _budget(period="custom", start=date(2026, 10, 1), end=date(2026, 11, 1))
    spend = {"web": daily("5", date(2026, 10, 1), date(2026, 11, 30))}
    ev = evaluate_budgets([b], spend, as_of=date(2026, 11, 30), state={})
    assert ev.statuses[0].actual == Money("155", USD) and ev.alerts == []  # 31 days x 5, not 305


def test_forecasts_use_complete_days_so_a_lagging_source_does_not_hide_an_overrun() -> None:
    b = _budget(thresholds=(Threshold(percent=Decimal(100), kind="forecast"),))
    # 10.5 a day all month is 315 > 300; the source has reported up to the day before yesterday
    spend = {"web": daily("10.5", date(2026, 11, 1), date(2026, 11, 5))}
    ev = evaluate_budgets([b], spend, as_of=date(2026, 11, 7), state={}, complete_through=date(2026, 11, 5))
    assert ev.statuses[0].forecast == Money("315", USD) and [a.kind for a in ev.alerts] == [AlertKind.BUDGET_FORECAST]
    lagging = evaluate_budgets([b], spend, as_of=date(2026, 11, 7), state={})  # the missing days taken as zero
    assert lagging.alerts == []


def test_late_spend_of_the_month_just_ended_still_alerts_under_its_own_key() -> None:
    spend = {"web": {**daily("10", date(2026, 11, 1), date(2026, 11, 29)), date(2026, 11, 30): Money("25", USD)}}
    ev = evaluate_budgets([_budget()], spend, as_of=date(2026, 12, 1), state={})
    assert [a.id for a in ev.alerts] == ["budget:b:2026-11-01:actual:100%#1"]  # November: 315 > 300
    assert ev.statuses[0].period_start == date(2026, 12, 1)
    later = evaluate_budgets([_budget()], spend, as_of=date(2026, 12, 10), state={})
    assert later.alerts == []  # only for the first days of the new period


def test_an_actual_threshold_fires_once_per_period_even_after_a_credit() -> None:
    b = _budget()
    first = evaluate_budgets([b], {"web": daily("16", date(2026, 11, 1), date(2026, 11, 19))}, as_of=date(2026, 11, 19),
                             state={})
    assert len(first.alerts) == 1
    credited = {"web": {**daily("16", date(2026, 11, 1), date(2026, 11, 19)), date(2026, 11, 20): Money("-40", USD)}}
    after_credit = evaluate_budgets([b], credited, as_of=date(2026, 11, 20), state=first.state)
    recross = {"web": {**credited["web"], date(2026, 11, 22): Money("50", USD)}}
    again = evaluate_budgets([b], recross, as_of=date(2026, 11, 22), state=after_credit.state)
    assert again.alerts == []


def test_an_absolute_threshold_key_does_not_depend_on_how_the_amount_is_written() -> None:
    assert Threshold(amount=Money("100", USD)).label == Threshold(amount=Money("100.00", USD)).label == "100 USD"


def test_no_anomaly_against_a_median_of_credits() -> None:
    spend = {"web": {**daily("-10", date(2026, 11, 1), date(2026, 11, 14)), date(2026, 11, 15): Money("0", USD)}}
    assert evaluate_anomalies(spend, as_of=date(2026, 11, 15)) == []


def test_an_environment_budget_uses_the_environments_spend_not_its_teams() -> None:
    b = _budget(environment="shop-dev", amount=Money("150", USD))
    team = {"web": daily("50", date(2026, 11, 1), date(2026, 11, 10))}  # the team spends 500 in all
    envs = {"shop-dev": daily("10", date(2026, 11, 1), date(2026, 11, 10))}  # 100 of it in this environment
    ev = evaluate_budgets([b], team, as_of=date(2026, 11, 10), state={}, environments=envs)
    assert ev.statuses[0].actual == Money("100", USD) and ev.alerts == []
    envs["shop-dev"][date(2026, 11, 10)] = Money("70", USD)  # 160 > 150
    (alert,) = evaluate_budgets([b], team, as_of=date(2026, 11, 10), state={}, environments=envs).alerts
    assert alert.team == "web" and alert.title.startswith("environment shop-dev: spend is above 100%")
