"""Prometheus metrics from the daemon's latest immutable view: floats only here, at the Prometheus edge.

:func:`families` reads a :class:`~costlib.daemon.snapshot.View` into metric families (name, help, type, label
names, samples). Two writers share them, so they cannot drift: :class:`SnapshotCollector` keeps client_python's
collector contract (``collect()`` yields metric families at scrape time, for any registry), and :func:`render`
writes the same exposition text directly, which the HTTP server does once per view, when the daemon swaps it in
(50,000 teams in a fraction of what ``generate_latest`` takes: see BENCHMARKS.md). Because the metrics are built
from the current view (not gauges set over time), a team or environment that disappears from the data disappears
from ``/metrics`` with the next view: no stale series. Names follow the Prometheus conventions: the currency in the
name (``_usd``), ``_ratio``, ``_timestamp_seconds``, ``_total``, ``_info``. Each source's poll interval is exported
beside its last success (0 before its first success) and the process's start time, so the alert rules in
``daemon/prometheus-rules.yaml`` measure staleness in poll intervals and see a source that never succeeded.

>>> from datetime import UTC, datetime
>>> from prometheus_client import CollectorRegistry, generate_latest
>>> from costlib.daemon.snapshot import Snapshot, TeamRow
>>> from costlib.money import Money
>>> view = View(snapshot=Snapshot(as_of=datetime(2026, 11, 20, 23, 59, tzinfo=UTC), currency="USD", teams=(
...     TeamRow(team="web", currency="USD", month_to_date=Money("82.5", "USD"), credits=Money("0", "USD"),
...             by_provider=(("AWS", Money("82.5", "USD")),)),)))
>>> registry = CollectorRegistry()
>>> registry.register(SnapshotCollector(lambda: view))
>>> print([line for line in generate_latest(registry).decode().splitlines() if "spend_usd{" in line][0])
costlib_team_month_to_date_spend_usd{provider="AWS",team="web"} 82.5
>>> render(view) == generate_latest(registry)
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from costlib import __version__
from costlib.daemon.snapshot import DeliveryOutcome, View
from costlib.errors import require_extra
from costlib.spend.base import paused_gc

require_extra("prometheus_client", "daemon")

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric  # noqa: E402
from prometheus_client.registry import Collector  # noqa: E402
from prometheus_client.utils import floatToGoString  # noqa: E402

__all__ = ["Family", "SnapshotCollector", "families", "render"]

#: client_python's own float text (Go's: ``1.2345675e+06``), so both writers agree to the byte
_float: Callable[[float], str] = floatToGoString


@dataclass(frozen=True, slots=True)
class Family:
    """One metric family: label names (sorted, as the exposition writes them) and a value per label-value tuple."""

    name: str
    help: str
    kind: str  # "gauge" or "counter"
    labels: tuple[str, ...]
    samples: Iterable[tuple[tuple[str, ...], float]]


def _ts(value: datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def families(view: View | None, price_date: date | None = None) -> Iterator[Family]:
    """The metric families of ``view`` (None before the first evaluation: only the build and catalog info)."""
    yield Family("costlib_info", "costlib build information", "gauge", ("version",), [((__version__,), 1.0)])
    if price_date is not None:
        yield Family("costlib_catalog_price_date_timestamp_seconds", "Newest effective date of the prices in the "
                     "catalog", "gauge", (), [((), datetime(price_date.year, price_date.month, price_date.day).timestamp())])
    if view is None:
        return
    snap = view.snapshot
    cur = snap.currency.lower()
    yield Family(f"costlib_team_month_to_date_spend_{cur}", "Month-to-date net spend per team and provider", "gauge",
                 ("provider", "team"),
                 [((p, t.team), float(m.amount)) for t in snap.teams for p, m in t.by_provider])
    keyed = [((b.name, b.team or "all"), b) for b in snap.budgets]  # one label tuple per budget, for three families
    mine = [(k, b) for k, b in keyed if b.amount.currency.lower() == cur]
    yield Family(f"costlib_team_budget_{cur}", "Budget amount for the current period", "gauge", ("budget", "team"),
                 [(k, float(b.amount.amount)) for k, b in mine])
    yield Family(f"costlib_team_forecast_spend_{cur}", "Forecast spend for the period end", "gauge", ("budget", "team"),
                 [(k, float(b.forecast.amount)) for k, b in mine if b.forecast is not None])
    yield Family("costlib_team_budget_utilisation_ratio", "Actual spend / budget (1 = 100%)", "gauge",
                 ("budget", "team"), [(k, float(b.utilisation)) for k, b in keyed])
    yield Family(f"costlib_environment_monthly_cost_{cur}", "Estimated monthly cost of an environment", "gauge",
                 ("environment", "provider", "team"),
                 [((e.name, e.provider or "", e.team), float(e.monthly_cost.amount)) for e in snap.environments
                  if e.monthly_cost is not None and e.monthly_cost.currency.lower() == cur])
    yield Family("costlib_environment_ttl_remaining_seconds", "Seconds until the environment expires (negative: "
                 "expired)", "gauge", ("environment", "team"),
                 [((e.name, e.team), float(int((e.expires_at - snap.as_of).total_seconds())))
                  for e in snap.environments if e.expires_at is not None])
    # 0 = no successful poll yet, so an alert can tell "never succeeded" from "no such series"
    src = view.sources
    yield Family("costlib_source_last_success_timestamp_seconds", "Last successful poll of a source (0: none yet)",
                 "gauge", ("source",), [((s.source,), _ts(s.last_success) or 0.0) for s in src])
    yield Family("costlib_source_poll_interval_seconds", "How often the daemon polls a source (staleness is measured "
                 "in these)", "gauge", ("source",),
                 [((s.source,), float(int(s.poll_interval.total_seconds()))) for s in src if s.poll_interval])
    yield Family("costlib_source_poll_errors", "Failed polls", "counter", ("source",),
                 [((s.source,), float(s.errors_total)) for s in src])
    yield Family("costlib_source_api_requests", "API requests made by polls", "counter", ("source",),
                 [((s.source,), float(s.requests_total)) for s in src])
    # (in USD whatever the config's currency: what Cost Explorer charges; the name said the config's before)
    yield Family("costlib_source_api_cost_usd", "Spend on the provider's own API (Cost Explorer charges per "
                 "request)", "counter", ("source",), [((s.source,), float(s.api_cost)) for s in src])
    totals: dict[str, list[float]] = {}
    for row in view.delivery:
        per = totals.setdefault(row.channel, [0.0, 0.0, 0.0])  # sent, failed, dead
        if row.outcome is DeliveryOutcome.SENT:
            per[0] += row.count
        else:
            per[1] += row.count
            if row.outcome.gave_up:
                per[2] += row.count
    by_channel = sorted(totals.items())
    for i, (name, doc) in enumerate((("costlib_alerts_sent", "Messages delivered"),
                                     ("costlib_alerts_failed", "Delivery attempts that failed (retried or not)"),
                                     ("costlib_alerts_dead", "Messages given up on (dead-lettered)"))):
        yield Family(name, doc, "counter", ("channel",), [((c,), per[i]) for c, per in by_channel])
    if view.started_at is not None:
        yield Family("costlib_start_timestamp_seconds", "When this daemon process started", "gauge", (),
                     [((), view.started_at.timestamp())])
    yield Family("costlib_snapshot_timestamp_seconds", "Evaluation moment of the latest snapshot", "gauge", (),
                 [((), snap.as_of.timestamp())])


class SnapshotCollector(Collector):
    """Collects :func:`families` of ``view()`` (the daemon's latest view; None before the first evaluation)."""

    def __init__(self, view: Callable[[], View | None], price_date: Callable[[], date | None] | None = None) -> None:
        self._view = view
        self._price_date = price_date

    def describe(self) -> list[Metric]:
        return []  # collected at scrape time only (the names depend on the configured currency)

    def collect(self) -> Iterator[Metric]:
        for f in families(self._view(), self._price_date() if self._price_date else None):
            family = (CounterMetricFamily if f.kind == "counter" else GaugeMetricFamily)(f.name, f.help, labels=f.labels)
            for values, value in f.samples:
                family.add_metric(list(values), value)
            yield family


_SPECIAL = re.compile(r'[\\"\n]')


def _escape(value: str) -> str:
    return value.replace("\\", r"\\").replace("\n", r"\n").replace('"', r"\"")


def _number(value: float) -> str:
    """:data:`_float`, with its common case (an ordinary number below a million: ``repr``) taken first."""
    return repr(value) if -1e308 <= value < 1e6 else _float(value)


def render(view: View | None, price_date: date | None = None) -> bytes:
    """The exposition text of :func:`families`, byte for byte what ``generate_latest`` writes of the collector
    (with the cyclic garbage collector paused: the samples are hundreds of thousands of tuples without cycles)."""
    with paused_gc():
        return _render(view, price_date)


def _render(view: View | None, price_date: date | None) -> bytes:
    out: list[str] = []
    seen: dict[str, str] = {}  # label values repeat across families (a team in five): escaped once

    def esc(value: str) -> str:
        found = seen.get(value)
        if found is None:
            found = seen[value] = _escape(value) if ("\\" in value or '"' in value or "\n" in value) else value
        return found

    num = _number
    for f in families(view, price_date):
        name = f.name + "_total" if f.kind == "counter" else f.name
        out.append(f"# HELP {name} {f.help}\n# TYPE {name} {f.kind}\n")
        labels, samples = f.labels, f.samples if isinstance(f.samples, list) else list(f.samples)
        if labels and _SPECIAL.search("".join([v for values, _ in samples for v in values])):
            samples = [(tuple(esc(v) for v in values), value) for values, value in samples]
        if not labels:
            out.extend(f"{name} {num(value)}\n" for _, value in samples)
        elif len(labels) == 1:
            a = f'{name}{{{labels[0]}="'
            out.extend(f'{a}{v}"}} {num(value)}\n' for (v,), value in samples)
        elif len(labels) == 2:
            a, b = f'{name}{{{labels[0]}="', f'",{labels[1]}="'
            out.extend(f'{a}{v}{b}{w}"}} {num(value)}\n' for (v, w), value in samples)
        else:
            heads = [f'{label}="' for label in labels]
            for values, value in samples:
                pairs = '",'.join(h + v for h, v in zip(heads, values, strict=True))
                out.append(f'{name}{{{pairs}"}} {num(value)}\n')
    return "".join(out).encode()
