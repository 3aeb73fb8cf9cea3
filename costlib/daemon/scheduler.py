"""Run the daemon continuously with APScheduler: each source on its own interval with jitter, exponential
backoff after failures, evaluation after each successful poll, and a weekly price refresh where configured."""

from __future__ import annotations

import logging
import random
import signal
import threading
from typing import Any

from costlib.daemon.service import Daemon
from costlib.errors import require_extra
from costlib.retry import RetryPolicy

__all__ = ["retry_delay", "run_forever"]

log = logging.getLogger("costlib.daemon")


def retry_delay(failures: int, interval_seconds: float, jitter: float) -> float:
    """Seconds before re-polling a failing source: 2 min, 4 min, 8 min ... capped at its poll interval,
    scaled by ``jitter`` in [0.5, 1.5) so that many daemons do not retry in step.

    >>> [retry_delay(n, 6 * 3600, 1.0) for n in (1, 2, 3, 10)]
    [120.0, 240.0, 480.0, 21600.0]
    """
    return RetryPolicy(base=120.0, cap=interval_seconds).delay(failures, jitter=jitter)


def run_forever(daemon: Daemon, *, stop: threading.Event | None = None, start_within: float = 5.0) -> None:
    """Block until SIGTERM/SIGINT (or ``stop`` is set), polling and evaluating on schedule; each source's first
    poll comes within ``start_within`` seconds."""
    require_extra("apscheduler", "daemon")
    from apscheduler.schedulers.background import BackgroundScheduler

    stop = stop or threading.Event()
    sched = BackgroundScheduler(timezone="UTC")
    failures: dict[str, int] = {}
    lock = threading.Lock()

    def poll(name: str, base_seconds: float) -> None:
        status = daemon.poll_source(name)
        if status in ("ok", "no_data"):
            failures[name] = 0
            with lock:
                daemon.run_cycle(poll=False)
        else:
            failures[name] = failures.get(name, 0) + 1
            delay = retry_delay(failures[name], base_seconds, 0.5 + random.random())
            log.warning("source %s: %s; retrying in %.0f s", name, status, delay)
            sched.add_job(poll, "date", run_date=_after(delay), args=[name, base_seconds], id=f"retry-{name}",
                          replace_existing=True)

    for settings in daemon.config.sources:
        interval = settings.poll_interval.delta
        seconds = interval.total_seconds() if interval else 6 * 3600
        sched.add_job(poll, "interval", seconds=seconds, jitter=int(seconds * 0.1), args=[settings.name, seconds],
                      id=f"poll-{settings.name}", next_run_time=_after(random.uniform(0, start_within)))

    def deliver() -> None:
        with lock:  # never two deliveries of the same message at once
            daemon.deliver()

    sched.add_job(deliver, "interval", seconds=60, id="deliver")
    if daemon.config.pricing.refresh:
        sched.add_job(_refresh_prices, "interval", weeks=1, args=[daemon], id="pricing-refresh")

    def handle(signum: int, frame: Any) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handle)
        signal.signal(signal.SIGINT, handle)
    server = None
    if daemon.config.server.enabled:
        require_extra("uvicorn", "daemon")
        from costlib.daemon.api import serve

        daemon.refresh_view()
        server, _ = serve(daemon)
        log.info("serving HTTP on %s", daemon.config.server.listen)
    sched.start()
    try:
        stop.wait()
    finally:
        sched.shutdown(wait=False)
        if server is not None:
            server.should_exit = True


def _after(seconds: float) -> Any:
    from datetime import UTC, datetime, timedelta

    return datetime.now(UTC) + timedelta(seconds=seconds)


def _refresh_prices(daemon: Daemon) -> None:
    from costlib.catalog.default import refreshed_catalog_path
    from costlib.catalog.refresh import refresh_catalog

    cfg = daemon.config.pricing
    for provider in cfg.providers:
        try:
            refresh_catalog(refreshed_catalog_path(), provider=provider, regions=cfg.regions,
                            services=[{"aws": "AmazonEC2", "azure": "Virtual Machines", "gcp": "Compute Engine"}[provider]])
        except Exception as exc:  # a failed refresh keeps the old catalog; log and try next week
            log.warning("price refresh for %s failed: %s", provider, exc)
