"""HTTP API and metrics benchmarks: rendering /metrics at 1,000, 10,000 and 50,000 teams (target: 50,000 under
300 ms), a /metrics scrape through the server, and POST /v1/estimate of a 1,000-resource plan in under 500 ms.

At each size the same typed view is rendered three ways in this process, median of 5 each:

- ``collector``: the custom collector read at scrape time through ``prometheus_client.generate_latest``;
- ``pre-rendered``: :func:`costlib.daemon.metrics.render` (the same families, written directly; what the daemon
  does once per view, when it swaps the view in);
- ``f-string baseline``: the same exposition text written by one f-string loop over the view, nothing else.

The server figures go through the real ASGI app over a real uvicorn server on loopback (httpx client), against
``GET /healthz`` (the round trip alone); the estimate against ``costlib.estimate`` called in-process.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
import httpx
import uvicorn
from _util import median_seconds, report
from bench_estimate import make_plan
from prometheus_client import CollectorRegistry, generate_latest

from costlib.daemon.api import create_app
from costlib.daemon.metrics import SnapshotCollector, render
from costlib.daemon.snapshot import (
    BudgetRow,
    DeliveryCount,
    DeliveryOutcome,
    Snapshot,
    SourceRow,
    TeamRow,
    View,
)
from costlib.estimate import estimate
from costlib.inputs import plan_specs
from costlib.money import Money
from costlib.spend.base import HealthStatus


def make_view(teams: int) -> View:
    """A view with ``teams`` teams, each with spend on two providers and a budget."""
    usd = "USD"
    rows = tuple(TeamRow(team=f"team-{i}", currency=usd, month_to_date=Money(f"{i}.75", usd), credits=Money(0, usd),
                         by_provider=(("AWS", Money(f"{i}.25", usd)), ("GCP", Money("3.5", usd))),
                         budget=Money(1000, usd), budget_name=f"b-{i}") for i in range(teams))
    budgets = tuple(BudgetRow(name=f"b-{i}", team=f"team-{i}", environment=None, amount=Money(1000, usd),
                              period_start=date(2026, 11, 1), period_end=date(2026, 12, 1), actual=Money("431.2", usd),
                              forecast=Money(f"{i * 2}.5", usd), forecast_method="month-to-date run-rate",
                              utilisation=Decimal("0.4312")) for i in range(teams))
    at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    return View(snapshot=Snapshot(as_of=datetime(2026, 11, 20, 23, 59, tzinfo=UTC), currency=usd, teams=rows,
                                  budgets=budgets),
                sources=(SourceRow(source="ce", status=HealthStatus.OK, last_success=at, last_attempt=at, errors_total=1,
                                   requests_total=40, api_cost=Decimal("0.40"), poll_interval=timedelta(hours=6)),),
                delivery=(DeliveryCount("mail", DeliveryOutcome.SENT, 12),), started_at=at)


def fstring_baseline(view: View) -> bytes:
    """The same samples as one f-string loop (no families, no escaping, no float formatting rules)."""
    snap = view.snapshot
    lines = ["# HELP costlib_team_month_to_date_spend_usd Month-to-date net spend per team and provider\n"
             "# TYPE costlib_team_month_to_date_spend_usd gauge\n"]
    lines += [f'costlib_team_month_to_date_spend_usd{{provider="{p}",team="{t.team}"}} {float(m.amount)}\n'
              for t in snap.teams for p, m in t.by_provider]
    for name, value in (("costlib_team_budget_usd", lambda b: b.amount.amount),
                        ("costlib_team_forecast_spend_usd", lambda b: b.forecast.amount),
                        ("costlib_team_budget_utilisation_ratio", lambda b: b.utilisation)):
        lines.append(f"# HELP {name} x\n# TYPE {name} gauge\n")
        lines += [f'{name}{{budget="{b.name}",team="{b.team}"}} {float(value(b))}\n' for b in snap.budgets]
    return "".join(lines).encode()


class FakeDaemon:
    """The parts of the daemon the API reads: a view (each team with a budget)."""

    poll_intervals: ClassVar[dict[str, timedelta | None]] = {"ce": timedelta(hours=6)}

    def __init__(self, teams: int) -> None:
        self._view = make_view(teams)
        self._listeners: list[Any] = []

    def view(self) -> View:
        return self._view

    def refresh_view(self) -> View:
        return self._view

    def add_view_listener(self, listener: Any) -> None:
        self._listeners.append(listener)

    def extend(self, name: str, duration: str, actor: str = "api") -> datetime:
        raise NotImplementedError

    snooze = extend

    def alerts(self, *, team: str | None, kind: str | None, limit: int) -> list[dict[str, Any]]:
        return []

    def new_view(self) -> float:
        """Swap in a new view as a poll does; returns the seconds its listeners (the /metrics render) took."""
        self._view = View(snapshot=self._view.snapshot, sources=self._view.sources, delivery=self._view.delivery,
                          started_at=self._view.started_at, view_at=datetime.now(UTC))
        t = time.perf_counter()
        for listener in self._listeners:
            listener(self._view)
        return time.perf_counter() - t


def render_sizes() -> None:
    for teams in (1_000, 10_000, 50_000):
        view = make_view(teams)
        registry = CollectorRegistry(auto_describe=False)
        registry.register(SnapshotCollector(lambda v=view: v))
        text = render(view)
        assert text == generate_latest(registry), "the two writers disagree"
        series = sum(1 for line in text.splitlines() if line and not line.startswith(b"#"))
        base = median_seconds(lambda v=view: fstring_baseline(v))
        collector = median_seconds(lambda r=registry: generate_latest(r))
        fast = median_seconds(lambda v=view: render(v))
        extra = f"({series:,} series; f-string baseline {base * 1000:.0f} ms)"
        target, ok = ("< 300 ms", fast < 0.3) if teams == 50_000 else ("(report)", True)
        report(f"render /metrics, {teams:,} teams, collector", collector * 1000, "ms", "(report)", True,
               f"{extra}; {collector / base:.1f}x baseline")
        report(f"render /metrics, {teams:,} teams, pre-rendered", fast * 1000, "ms", target, ok,
               f"{extra}; {fast / base:.1f}x baseline; {collector / fast:.1f}x faster than the collector")


def serve(app: Any, port: int) -> uvicorn.Server:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def timed(client: httpx.Client, method: str, url: str, repeat: int, **kw: Any) -> tuple[float, httpx.Response]:
    times, resp = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        resp = client.request(method, url, **kw)
        times.append(time.perf_counter() - t)
    assert resp is not None
    assert resp.status_code == 200, resp.text[:300]
    return statistics.median(times), resp


def main() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    render_sizes()
    daemon = FakeDaemon(10_000)
    server = serve(create_app(daemon), port)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            health, _ = timed(client, "GET", "/healthz", 20)
            cold, renders = [], []
            for _ in range(5):  # a new view each time, as after a poll
                renders.append(daemon.new_view())
                t = time.perf_counter()
                resp = client.get("/metrics")
                cold.append(time.perf_counter() - t)
            first, swap = statistics.median(cold), statistics.median(renders)
            scrape, resp = timed(client, "GET", "/metrics", 9)
            series = sum(1 for line in resp.text.splitlines() if line and not line.startswith("#"))
            report("scrape /metrics, 10,000 teams, first after a poll", first * 1000, "ms", "< 250 ms", first < 0.25,
                   f"({series:,} series, {len(resp.content) / 1e6:.1f} MB; median of 5 fresh views; rendering each "
                   f"view when it is swapped in took {swap * 1000:.0f} ms, off the scrape path)")
            report("scrape /metrics, 10,000 teams, same view (median of 9)", scrape * 1000, "ms", "< 250 ms",
                   scrape < 0.25, f"(/healthz round trip {health * 1000:.1f} ms, ratio {scrape / health:.0f}x)")
            plan = make_plan(1_000)
            with tempfile.TemporaryDirectory():
                body = json.dumps({"plan": plan})
                inproc = median_seconds(lambda: estimate(plan_specs(plan)), repeat=5)
                api, resp = timed(client, "POST", "/v1/estimate", 7, content=body,
                                  headers={"content-type": "application/json"})
            report("POST /v1/estimate, 1,000-resource plan (median of 7)", api * 1000, "ms", "< 500 ms", api < 0.5,
                   f"({len(body) / 1e6:.1f} MB body; in-process estimate {inproc * 1000:.0f} ms, "
                   f"API = {api / inproc:.2f}x in-process)")
    finally:
        server.should_exit = True


if __name__ == "__main__":
    main()
