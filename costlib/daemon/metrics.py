"""Prometheus metrics from the daemon's latest immutable view, built by a custom collector that reads that view.

Because the metrics are built from the current view (not gauges set over time), a team or environment that
disappears from the data disappears from ``/metrics`` with the next view: no stale series. (The HTTP server
renders each view once, when the daemon swaps it in, and serves that rendering to every scrape of it.)
Names follow the Prometheus conventions: the currency in the name (``_usd``), ``_ratio``,
``_timestamp_seconds``, ``_total``, ``_info``. Each source's poll interval is exported beside its last success
(``costlib_source_poll_interval_seconds``, ``costlib_source_last_success_timestamp_seconds``: 0 before its first
success) and the process's start time (``costlib_start_timestamp_seconds``), so the alert rules in
``daemon/prometheus-rules.yaml`` measure staleness in poll intervals and see a source that never succeeded.

>>> from prometheus_client import CollectorRegistry, generate_latest
>>> view = {"currency": "USD", "as_of": "2026-11-20T23:59:00+00:00", "teams": [{"team": "web",
...         "by_provider": {"AWS": "82.5"}, "month_to_date": "82.5", "budget": None}], "budgets": [],
...         "environments": [], "sources": [], "delivery": []}
>>> registry = CollectorRegistry()
>>> registry.register(SnapshotCollector(lambda: view))
>>> print([line for line in generate_latest(registry).decode().splitlines() if "spend_usd{" in line][0])
costlib_team_month_to_date_spend_usd{provider="AWS",team="web"} 82.5
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from costlib import __version__
from costlib.errors import require_extra

require_extra("prometheus_client", "daemon")

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily, Metric  # noqa: E402
from prometheus_client.registry import Collector  # noqa: E402

__all__ = ["SnapshotCollector"]


def _ts(value: str | None) -> float | None:
    return datetime.fromisoformat(value).timestamp() if value else None


class SnapshotCollector(Collector):
    """Collects from ``view()`` (the daemon's latest view; None before the first evaluation)."""

    def __init__(self, view: Callable[[], dict[str, Any] | None], price_date: Callable[[], date | None] | None = None
                 ) -> None:
        self._view = view
        self._price_date = price_date

    def describe(self) -> list[Metric]:
        return []  # collected at scrape time only (the names depend on the configured currency)

    def collect(self) -> Iterator[Metric]:
        info = InfoMetricFamily("costlib", "costlib build information")
        info.add_metric([], {"version": __version__})
        yield info
        if self._price_date is not None:
            d = self._price_date()
            if d is not None:
                yield GaugeMetricFamily("costlib_catalog_price_date_timestamp_seconds",
                                        "Newest effective date of the prices in the catalog",
                                        value=datetime(d.year, d.month, d.day).timestamp())
        view = self._view()
        if view is None:
            return
        cur = str(view.get("currency", "USD")).lower()
        yield from self._spend(view, cur)
        yield from self._environments(view, cur)
        yield from self._sources(view, cur)
        yield from self._delivery(view)
        started = _ts(view.get("started_at"))
        if started is not None:
            yield GaugeMetricFamily("costlib_start_timestamp_seconds", "When this daemon process started",
                                    value=started)
        snap_ts = _ts(view.get("as_of"))
        if snap_ts is not None:
            yield GaugeMetricFamily("costlib_snapshot_timestamp_seconds", "Evaluation moment of the latest snapshot",
                                    value=snap_ts)

    def _spend(self, view: dict[str, Any], cur: str) -> Iterator[Metric]:
        mtd = GaugeMetricFamily(f"costlib_team_month_to_date_spend_{cur}", "Month-to-date net spend per team and provider",
                                labels=["team", "provider"])
        for t in view.get("teams", []):
            for provider, amount in (t.get("by_provider") or {}).items():
                mtd.add_metric([t["team"], provider], float(amount))
        yield mtd
        budget = GaugeMetricFamily(f"costlib_team_budget_{cur}", "Budget amount for the current period",
                                   labels=["team", "budget"])
        forecast = GaugeMetricFamily(f"costlib_team_forecast_spend_{cur}", "Forecast spend for the period end",
                                     labels=["team", "budget"])
        ratio = GaugeMetricFamily("costlib_team_budget_utilisation_ratio", "Actual spend / budget (1 = 100%)",
                                  labels=["team", "budget"])
        for b in view.get("budgets", []):
            labels = [b.get("team") or "all", b["name"]]
            if b.get("currency", "").lower() == cur:
                budget.add_metric(labels, float(b["amount"]))
                if b.get("forecast") is not None:
                    forecast.add_metric(labels, float(b["forecast"]))
            ratio.add_metric(labels, float(b["utilisation_ratio"]))
        yield budget
        yield forecast
        yield ratio

    def _environments(self, view: dict[str, Any], cur: str) -> Iterator[Metric]:
        cost = GaugeMetricFamily(f"costlib_environment_monthly_cost_{cur}", "Estimated monthly cost of an environment",
                                 labels=["environment", "team", "provider"])
        ttl = GaugeMetricFamily("costlib_environment_ttl_remaining_seconds",
                                "Seconds until the environment expires (negative: expired)", labels=["environment", "team"])
        for e in view.get("environments", []):
            if e.get("monthly_cost") is not None and str(e.get("cost_currency", "")).lower() == cur:
                cost.add_metric([e["name"], e["team"], e.get("provider") or ""], float(e["monthly_cost"]))
            if e.get("ttl_remaining_seconds") is not None:
                ttl.add_metric([e["name"], e["team"]], float(e["ttl_remaining_seconds"]))
        yield cost
        yield ttl

    def _sources(self, view: dict[str, Any], cur: str) -> Iterator[Metric]:
        # 0 = no successful poll yet, so an alert can tell "never succeeded" from "no such series"
        last = GaugeMetricFamily("costlib_source_last_success_timestamp_seconds",
                                 "Last successful poll of a source (0: none yet)", labels=["source"])
        interval = GaugeMetricFamily("costlib_source_poll_interval_seconds",
                                     "How often the daemon polls a source (staleness is measured in these)",
                                     labels=["source"])
        errors = CounterMetricFamily("costlib_source_poll_errors", "Failed polls", labels=["source"])
        requests = CounterMetricFamily("costlib_source_api_requests", "API requests made by polls", labels=["source"])
        api_cost = CounterMetricFamily(f"costlib_source_api_cost_{cur}",
                                       "Spend on the provider's own API (Cost Explorer charges per request)",
                                       labels=["source"])
        for s in view.get("sources", []):
            last.add_metric([s["source"]], _ts(s.get("last_success")) or 0.0)
            if s.get("poll_interval_seconds"):
                interval.add_metric([s["source"]], float(s["poll_interval_seconds"]))
            errors.add_metric([s["source"]], float(s.get("errors_total") or 0))
            requests.add_metric([s["source"]], float(s.get("requests_total") or 0))
            api_cost.add_metric([s["source"]], float(s.get("api_cost") or 0))
        yield last
        yield interval
        yield errors
        yield requests
        yield api_cost

    def _delivery(self, view: dict[str, Any]) -> Iterator[Metric]:
        sent = CounterMetricFamily("costlib_alerts_sent", "Messages delivered", labels=["channel"])
        failed = CounterMetricFamily("costlib_alerts_failed", "Delivery attempts that failed (retried or not)",
                                     labels=["channel"])
        dead = CounterMetricFamily("costlib_alerts_dead", "Messages given up on (dead-lettered)", labels=["channel"])
        totals: dict[str, dict[str, float]] = {}
        for row in view.get("delivery", []):
            per = totals.setdefault(row["channel"], {"sent": 0.0, "failed": 0.0, "dead": 0.0})
            if row["outcome"] == "sent":
                per["sent"] += row["count"]
            else:
                per["failed"] += row["count"]
                if row["outcome"] in ("failed", "gone", "dead"):
                    per["dead"] += row["count"]
        for channel, per in sorted(totals.items()):
            sent.add_metric([channel], per["sent"])
            failed.add_metric([channel], per["failed"])
            dead.add_metric([channel], per["dead"])
        yield sent
        yield failed
        yield dead
