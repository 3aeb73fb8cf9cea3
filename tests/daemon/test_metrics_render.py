"""The pre-rendered /metrics text is byte for byte what prometheus_client writes of the collector, whatever the
labels hold (quotes, backslashes, newlines), the numbers (large, negative, zero) and the currencies."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from prometheus_client import CollectorRegistry, generate_latest

from costlib.daemon.metrics import SnapshotCollector, render
from costlib.daemon.snapshot import (
    BudgetRow,
    DeliveryCount,
    DeliveryOutcome,
    EnvironmentRow,
    Snapshot,
    SourceRow,
    TeamRow,
    View,
)
from costlib.money import Money
from costlib.spend.base import HealthStatus

AS_OF = datetime(2026, 11, 20, 23, 59, tzinfo=UTC)


def view() -> View:
    eur = "EUR"
    teams = (TeamRow(team='we"b\\ops\nteam', currency=eur, month_to_date=Money("-12.61", eur), credits=Money("-32.16", eur),
                     by_provider=(("AWS", Money("-17.6", eur)), ("Google Cloud", Money("1234567.891", eur)))),
             TeamRow(team="data", currency=eur, month_to_date=Money("0", eur), credits=Money("0", eur)))
    budgets = (BudgetRow(name="b-eur", team='we"b\\ops\nteam', environment=None, amount=Money("150", eur),
                         period_start=date(2026, 11, 1), period_end=date(2026, 12, 1), actual=Money("99", eur),
                         forecast=None, forecast_method="only 2 days", utilisation=Decimal("0.66")),
               BudgetRow(name="b-usd", team=None, environment=None, amount=Money("10000000", "USD"),
                         period_start=date(2026, 11, 1), period_end=date(2026, 12, 1), actual=Money("5", "USD"),
                         forecast=Money("12", "USD"), forecast_method="x", utilisation=Decimal("0.0000")))
    envs = (EnvironmentRow(name="pr-1", team="data", provider=None, monthly_cost=Money("3.30", eur),
                           expires_at=AS_OF - timedelta(hours=3)),
            EnvironmentRow(name="pr-2", team="data", monthly_cost=Money("7", "USD")))
    sources = (SourceRow(source="ce", status=HealthStatus.AUTH_FAILED, last_attempt=AS_OF, errors_total=3,
                         requests_total=12, api_cost=Decimal("0.12")),)
    return View(snapshot=Snapshot(as_of=AS_OF, currency=eur, teams=teams, budgets=budgets, environments=envs),
                sources=sources, started_at=AS_OF - timedelta(days=1),
                delivery=(DeliveryCount("mail", DeliveryOutcome.SENT, 3), DeliveryCount("mail", DeliveryOutcome.GONE, 1),
                          DeliveryCount("hook", DeliveryOutcome.RETRY, 2)))


def test_render_is_what_generate_latest_writes_of_the_collector() -> None:
    for v, price_date in ((view(), date(2026, 11, 1)), (None, None)):
        registry = CollectorRegistry(auto_describe=False)
        registry.register(SnapshotCollector(lambda v=v: v, lambda d=price_date: d))
        assert render(v, price_date) == generate_latest(registry)
    text = render(view()).decode()
    assert 'costlib_team_month_to_date_spend_eur{provider="Google Cloud",team="we\\"b\\\\ops\\nteam"} 1.234567891e+06' in text
    assert 'costlib_environment_ttl_remaining_seconds{environment="pr-1",team="data"} -10800.0' in text
    assert "costlib_team_budget_usd" not in text and 'costlib_alerts_dead_total{channel="mail"} 1.0' in text
    # what a source's API requests cost is in USD (Cost Explorer's charge), whatever the daemon's currency
    assert 'costlib_source_api_cost_usd_total{source="ce"} 0.12' in text and "api_cost_eur" not in text
