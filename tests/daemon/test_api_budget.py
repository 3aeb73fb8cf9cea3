"""The HTTP API under the count bomb of issue 18 (``count: 100000000`` in a 150-byte spec): the real daemon, run
as a subprocess, answers 413/422 long before its time budget and its own memory stays under 300 MB (the work runs in
a child process with a memory budget of its own); the daemon keeps serving after it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.daemon.receivers import free_port

pytestmark = pytest.mark.slow

BOMB = {"resources": [{"name": "x", "type": "aws_instance", "provider": "aws", "region": "us-east-1",
                       "count": 100000000}]}


def test_the_count_bomb_is_refused_with_the_daemon_under_300_mb(workdir: Path) -> None:
    port = free_port()
    cfg = workdir / "config.yaml"
    cfg.write_text(cfg.read_text() + f"server:\n  listen: 127.0.0.1:{port}\n  estimate_memory_mb: 256\n")
    with (workdir / "daemon.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "costlib", "daemon", "run", "--config", str(cfg)],
                                stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        daemon = psutil.Process(proc.pid)
        peak = [daemon.memory_info().rss]
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak.append(daemon.memory_info().rss)
                time.sleep(0.01)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            started = time.monotonic()
            resp = httpx.post(base + "/v1/estimate", json=BOMB, timeout=60)
            took = time.monotonic() - started
        finally:
            done.set()
            watcher.join()
        assert resp.status_code in (413, 422), resp.text
        assert took < 15, f"answered after {took:.1f} s"  # not the 30 s time budget: refused as soon as it grew
        assert max(peak) < 300 * 1024 * 1024, f"daemon RSS peaked at {max(peak) / 1e6:.0f} MB"
        ok = httpx.post(base + "/v1/estimate", timeout=60, json={"resources": [
            {"name": "web", "type": "compute.instance", "provider": "aws", "region": "us-east-1", "size": "t3.micro"}]})
        assert ok.status_code == 200 and ok.json()["summary"]["priced"] == 1  # and it still serves
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
