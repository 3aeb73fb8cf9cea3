"""Durations and dates out of range (issue 18): a clean error naming the key, never an OverflowError."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from costlib.cli.main import cli
from costlib.daemon.api import create_app
from costlib.daemon.config import load_config
from costlib.daemon.service import Daemon
from costlib.duration import Duration
from costlib.errors import ConfigError, InputError


@pytest.mark.parametrize(("patch", "where"), [
    ("environments: {default_ttl: {dev: 10000000000000w}}\n", "environments.default_ttl.dev"),
    ("environments: {warn_before: [999999999999999d]}\n", "environments.warn_before[0]"),
    ("environments: {shutdown: {teams: [web], grace: 999999999999999d}}\n", "environments.shutdown.grace"),
    ("notify: {deadline: 10000000000000w}\n", "notify.deadline"),
    ("sources:\n  - {name: s, type: focus_file, paths: [x.csv], poll_interval: 10000000000000w}\n",
     "sources[0].poll_interval"),
])
def test_a_duration_past_100_years_is_a_config_error_naming_the_key(tmp_path: Path, patch: str, where: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(patch)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"{path}: {where}" in str(info.value)


@pytest.mark.parametrize("patch", ["as_of: 0001-01-01\n", "as_of: 9999-12-31\n",
                                   "budgets:\n  - {name: b, amount: 1, period: custom, start: 0001-01-01, "
                                   "end: 2026-01-01, thresholds: [{percent: 50}]}\n"])
def test_a_date_outside_the_calendar_the_daemon_works_in_is_a_config_error(tmp_path: Path, patch: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(patch)
    with pytest.raises(ConfigError, match=r"(as_of|start): .* is outside 1970-01-01 \.\. 9000-12-31"):
        load_config(path)


def test_the_cli_refuses_an_as_of_out_of_range_and_huge_extensions(workdir: Path) -> None:
    config = str(workdir / "config.yaml")
    runner = CliRunner()
    early = runner.invoke(cli, ["daemon", "run", "--config", config, "--once", "--as-of", "0001-01-01"])
    assert early.exit_code == 1 and "--as-of: 0001-01-01 is outside" in early.output
    assert "Traceback" not in early.output and "Overflow" not in early.output
    assert runner.invoke(cli, ["daemon", "run", "--config", config, "--once"]).exit_code == 0
    for huge in ("10000000000000w", "999999999999999d"):
        out = runner.invoke(cli, ["env", "extend", "shop-dev", huge, "--config", config])
        assert out.exit_code == 1 and f"duration '{huge}' is longer than 100 years" in out.output, out.output
        out = runner.invoke(cli, ["env", "snooze", "shop-dev", huge, "--config", config])
        assert out.exit_code == 1 and "longer than 100 years" in out.output


def test_the_api_answers_400_to_a_huge_extension(workdir: Path) -> None:
    daemon = Daemon(load_config(workdir / "config.yaml"))
    daemon.run_cycle()
    client = TestClient(create_app(daemon, token=lambda: "t"))
    for huge in ("10000000000000w", "999999999999999d"):
        for verb in ("extend", "snooze"):
            resp = client.post(f"/v1/environments/shop-dev/{verb}", json={"duration": huge},
                               headers={"Authorization": "Bearer t"})
            assert resp.status_code == 400 and "longer than 100 years" in resp.json()["detail"], resp.text
    daemon.store.close()


def test_the_longest_duration_is_accepted_and_one_more_unit_is_not() -> None:
    assert Duration.parse("36500d").delta is not None
    assert Duration.parse("5214w").delta is not None
    with pytest.raises(InputError, match="longer than 100 years"):
        Duration.parse("36501d")
