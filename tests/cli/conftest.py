"""Running the real ``costlib`` entry point (``python -m costlib``) in a subprocess, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None) -> Run:
    """``costlib ARGS`` in a subprocess; ``COSTLIB_CONFIG`` is removed unless ``env`` sets it."""
    environ = {k: v for k, v in os.environ.items() if k != "COSTLIB_CONFIG"} | (env or {})
    proc = subprocess.run([sys.executable, "-m", "costlib", *args], capture_output=True, text=True, cwd=cwd or REPO,
                          env=environ, input=input, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)
