"""The long-running daemon: APScheduler polls each source, evaluates after a good poll, backs off a failing one,
serves HTTP, and stops on its event."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from costlib.daemon.config import load_config
from costlib.daemon.scheduler import retry_delay, run_forever
from costlib.daemon.service import Daemon
from costlib.daemon.snapshot import SourceRow
from tests.daemon.receivers import free_port


def test_retry_delay_backs_off_and_caps() -> None:
    delays = [retry_delay(n, 3600, 1.0) for n in range(1, 8)]
    assert delays == sorted(delays) and delays[-1] == 3600
    assert retry_delay(1, 3600, 0.5) == 60 and retry_delay(1, 3600, 1.49) < 180


def test_run_forever_polls_evaluates_serves_and_stops(workdir: Path) -> None:
    port = free_port()
    cfg = workdir / "config.yaml"
    text = cfg.read_text().replace("    tag_keys: [team, app, env]\n", "    tag_keys: [team, app, env]\n"
                                   "  - name: broken\n    type: focus_file\n    paths: [missing-*.csv]\n")
    cfg.write_text(text + f"server:\n  listen: 127.0.0.1:{port}\n")
    daemon = Daemon(load_config(cfg), lock=True)
    stop = threading.Event()
    thread = threading.Thread(target=run_forever, args=(daemon,), kwargs={"stop": stop, "start_within": 0.2})
    thread.start()
    try:
        deadline = time.monotonic() + 30
        polls: dict[str, SourceRow] = {}
        while time.monotonic() < deadline:
            polls = {p.source: p for p in daemon.store.polls()}
            if daemon.store.snapshot() is not None and len(polls) == 2:
                break
            time.sleep(0.1)
        assert polls["files"].last_success is not None
        assert polls["broken"].errors_total == 1 and polls["broken"].last_success is None
        budgets = httpx.get(f"http://127.0.0.1:{port}/v1/budgets", timeout=5).json()["budgets"]
        assert budgets[0]["name"] == "web-monthly"
        # The failed poll is in the view as soon as it is recorded, whichever source the scheduler ran first; the
        # daemon is degraded but stays ready (it has data to serve).
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
        while not ready.json()["degraded"] and time.monotonic() < deadline:
            time.sleep(0.05)
            ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
        assert ready.status_code == 200 and ready.json()["failing_sources"] == ["broken"]
    finally:
        stop.set()
        thread.join(timeout=15)
        daemon.store.close()
    assert not thread.is_alive()
