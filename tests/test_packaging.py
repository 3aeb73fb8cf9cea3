"""The built wheel is what a user installs: it carries every file costlib reads at run time, and installed (not
editable, from another folder) it runs the daemon, or says which extra to install.

The wheel is built once per test session (``pip wheel --no-deps``, no build isolation: offline). The installs
resolve costlib's dependencies with pip as it is configured here (the package index, local wheel folders and
pip's cache), like ``python3 dev.py setup`` does; each fresh environment is made once per session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import venv
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from costlib.resources.registry import supported_types

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    shutil.copytree(REPO, build / "src", ignore=shutil.ignore_patterns(".venv", "var", "build", "*.egg-info",
                                                                       "__pycache__", ".*_cache", ".git"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(build / "src")], check=True, cwd=out, capture_output=True)
    (found,) = out.glob("costlib-*.whl")
    return found


def _venv(where: Path, wheel: Path, extras: str) -> Path:
    """A fresh virtual environment with the wheel installed (``wheel[extras]``); its bin folder."""
    venv.EnvBuilder(with_pip=True).create(where)
    bin_dir = where / "bin"
    target = f"{wheel}[{extras}]" if extras else str(wheel)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", target], cwd=where, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return bin_dir


@pytest.fixture(scope="session")
def daemon_install(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    return _venv(tmp_path_factory.mktemp("venv-daemon"), wheel, "daemon")


@pytest.fixture(scope="session")
def base_install(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    return _venv(tmp_path_factory.mktemp("venv-base"), wheel, "")


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working folder outside the checkout with the example config and what it reads (examples/)."""
    shutil.copy(REPO / "config.example.yaml", tmp_path / "config.example.yaml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    return tmp_path


def _runner(bin_dir: Path, cwd: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("COSTLIB_")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bin_dir / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=300)
    return run


@pytest.mark.slow
def test_the_wheel_carries_every_file_costlib_reads_at_run_time(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    needed = {str(p.relative_to(REPO)) for p in (REPO / "costlib").rglob("*")
              if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert needed - names == set()
    assert {"costlib/daemon/notify/templates/email.txt.j2", "costlib/py.typed", "costlib/data/catalog.sqlite.gz"} <= names
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"costlib"}  # one import root


@pytest.mark.slow
def test_the_installed_daemon_runs_a_cycle_and_sends_a_test_message(daemon_install: Path, elsewhere: Path) -> None:
    run = _runner(daemon_install, elsewhere)
    where = run("python", "-c", "import costlib; print(costlib.__file__)")
    assert "site-packages" in where.stdout and str(REPO) not in where.stdout, where.stdout
    cycle = run("costlib", "daemon", "run", "--once", "--config", "config.example.yaml")
    assert cycle.returncode == 0, cycle.stdout + cycle.stderr
    assert "source demo-focus: ok" in cycle.stdout and "new alerts" in cycle.stdout
    assert list((elsewhere / "var" / "outbox").glob("*.txt"))  # rendered from the packaged templates
    test = run("costlib", "notify", "test", "--team", "web", "--config", "config.example.yaml")
    assert test.returncode == 0 and "ok      local-outbox" in test.stdout, test.stdout + test.stderr
    status = run("costlib", "budgets", "status", "--config", "config.example.yaml")
    assert status.returncode == 0 and "web-monthly" in status.stdout
    check = run("python", "-m", "pip", "check")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_the_installed_daemon_serves_its_api_and_metrics(daemon_install: Path, elsewhere: Path) -> None:
    """The long-running daemon too (scheduler, HTTP server, /metrics): started, asked, stopped by its PID."""
    import httpx

    from tests.daemon.receivers import free_port

    port = free_port()
    config = elsewhere / "config.example.yaml"
    config.write_text(config.read_text().replace("listen: 127.0.0.1:9847", f"listen: 127.0.0.1:{port}"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("COSTLIB_")}
    with (elsewhere / "daemon.log").open("w") as log:
        proc = subprocess.Popen([str(daemon_install / "costlib"), "daemon", "run", "--config", str(config)],
                                cwd=elsewhere, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        ready = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                if ready.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        assert ready is not None and ready.status_code == 200, (elsewhere / "daemon.log").read_text()
        metrics = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert 'costlib_source_poll_interval_seconds{source="demo-focus"} 21600.0' in metrics
        budgets = httpx.get(f"http://127.0.0.1:{port}/v1/budgets", timeout=5).json()
        assert {b["name"] for b in budgets["budgets"]} >= {"web-monthly", "data-monthly"}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode in (0, -15), (elsewhere / "daemon.log").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("command", [
    ["daemon", "run", "--once"], ["daemon", "run"], ["notify", "test", "--team", "web"], ["notify", "status"],
    ["env", "extend", "shop-dev", "1d"],
])
def test_a_base_install_names_the_daemon_extra(base_install: Path, elsewhere: Path, command: list[str]) -> None:
    run = _runner(base_install, elsewhere)
    result = run("costlib", *command, "--config", "config.example.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "ModuleNotFoundError" not in result.stderr
    assert "pip install 'costlib[daemon]'" in result.stderr, result.stderr


@pytest.mark.slow
def test_a_base_install_estimates_without_any_extra(base_install: Path, elsewhere: Path) -> None:
    run = _runner(base_install, elsewhere)
    result = run("costlib", "estimate", "examples/plan.json", "--usage", "examples/usage.yml")
    assert result.returncode == 0 and "$567.88" in result.stdout, result.stdout + result.stderr
    check = run("python", "-m", "pip", "check")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("blocked", ["jinja2", "prometheus_client", "fastapi"])
def test_a_missing_daemon_dependency_names_the_extra_not_a_traceback(tmp_path: Path, blocked: str) -> None:
    """Without the installs above: the same environment with one of the daemon extra's modules made unimportable."""
    shutil.copy(REPO / "config.example.yaml", tmp_path / "config.example.yaml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    code = (f"import sys; sys.modules[{blocked!r}] = None\n"
            "from costlib.cli.main import main; main(sys.argv[1:])")
    commands = [["daemon", "run", "--once"], ["notify", "test", "--team", "web"]] if blocked == "jinja2" else [[]]
    if blocked != "jinja2":  # the HTTP API and /metrics: only the long-running daemon needs them
        code = (f"import sys; sys.modules[{blocked!r}] = None\n"
                "from costlib.daemon.api import create_app")
    for command in commands:
        args = [*command, "--config", "config.example.yaml"] if command else []
        result = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"{blocked} is not installed; install it with: pip install 'costlib[daemon]'" in result.stderr
        if command:
            assert "Traceback" not in result.stderr, result.stderr


def test_readme_type_table_is_the_registry() -> None:
    """The README's table of every known Terraform type (priced, free, not yet) is what the registry says."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("devpy", root / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    dev.BIN = Path(sys.executable).parent
    readme = (root / "README.md").read_text()
    block = readme.split(dev.TYPES_START, 1)[1].split(dev.TYPES_END, 1)[0]
    assert block == "\n" + dev.types_block(), "run `python3 dev.py types` to rewrite the README's type table"
    terraform = [t for t in supported_types() if "." not in t]
    assert f"Supported: {len(terraform)} Terraform types priced" in block


def test_every_reference_type_is_priced_free_or_listed(shared_data: Path) -> None:
    """Every type of the reference list (../shared/reference/resource-types.md) is in the README's table."""
    import re

    from costlib.resources.registry import type_table

    text = (shared_data.parent / "reference" / "resource-types.md").read_text()
    names = set(re.findall(r"\b((?:aws|azurerm|google)_[a-z0-9_]*[a-z0-9])\b", text))
    known = {t for t, _, _ in type_table()}
    assert names - known == set()

