"""HTTP API and metrics benchmarks: a /metrics scrape with 10,000 teams in under 250 ms; POST /v1/estimate of a
1,000-resource plan in under 500 ms.

Both go through the real ASGI app over a real uvicorn server on loopback (httpx client). Baselines in the same
run: ``GET /healthz`` (the server and client round trip alone) and ``costlib.estimate`` called in-process.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import httpx
import uvicorn
from _util import median_seconds, report
from bench_estimate import make_plan

from costlib.daemon.api import create_app
from costlib.estimate import estimate
from costlib.inputs import plan_specs


class FakeDaemon:
    """The parts of the daemon the API reads: a view with 10,000 teams (each with a budget)."""

    def __init__(self, teams: int) -> None:
        self._view: dict[str, Any] = {
            "as_of": "2026-11-20T23:59:00+00:00", "currency": "USD",
            "teams": [{"team": f"team-{i}", "by_provider": {"AWS": f"{i}.25", "GCP": "3.5"}, "month_to_date": f"{i}",
                       "budget": "1000"} for i in range(teams)],
            "budgets": [{"name": f"b-{i}", "team": f"team-{i}", "amount": "1000", "currency": "USD",
                         "forecast": f"{i * 2}.5", "utilisation_ratio": "0.4312", "actual": "431.2", "crossed": []}
                        for i in range(teams)],
            "environments": [], "sources": [{"source": "ce", "last_success": "2026-11-20T10:00:00+00:00",
                                             "errors_total": 1, "requests_total": 40, "api_cost": "0.40"}],
            "delivery": [{"channel": "mail", "outcome": "sent", "count": 12}]}

        self._listeners: list[Any] = []

    def view(self) -> dict[str, Any]:
        return self._view

    def add_view_listener(self, listener: Any) -> None:
        self._listeners.append(listener)

    def new_view(self) -> float:
        """Swap in a new view as a poll does; returns the seconds its listeners (the /metrics render) took."""
        self._view = dict(self._view)
        t = time.perf_counter()
        for listener in self._listeners:
            listener(self._view)
        return time.perf_counter() - t


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
            first, render = statistics.median(cold), statistics.median(renders)
            scrape, resp = timed(client, "GET", "/metrics", 9)
            series = sum(1 for line in resp.text.splitlines() if line and not line.startswith("#"))
            report("scrape /metrics, 10,000 teams, first after a poll", first * 1000, "ms", "< 250 ms", first < 0.25,
                   f"({series:,} series, {len(resp.content) / 1e6:.1f} MB; median of 5 fresh views; rendering each "
                   f"view when it is swapped in took {render * 1000:.0f} ms, off the scrape path)")
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
