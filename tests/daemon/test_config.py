"""Config: the example loads; broken configs name the key path; secrets are references, never printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from costlib.daemon.config import load_config
from costlib.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def test_example_config_loads() -> None:
    config = load_config(REPO / "config.example.yaml")
    assert config.sources[0].type == "focus_file"
    assert {b.name for b in config.budgets} == {"web-monthly", "data-monthly", "ml-monthly", "company-monthly"}
    assert config.environments.rules().dry_run is True
    assert config.server.listen == "127.0.0.1:9847"


@pytest.mark.parametrize(("patch", "where", "message"), [
    ("budgets:\n  - {name: x, amount: 10, thresholds: [{percent: -5}]}\n", "budgets[0].thresholds[0].percent",
     "greater than 0"),
    ("budgets:\n  - {name: x, amount: 10, thresholds: [{percent: 5, amount: 3}]}\n", "budgets[0].thresholds[0]",
     "exactly one of percent or amount"),
    ("budgets:\n  - {name: x, amount: 10, currency: XYZ, thresholds: [{percent: 5}]}\n", "budgets[0].currency",
     "unknown currency"),
    ("currency: EURO\n", "currency", "unknown currency 'EURO'"),
    ("budgets:\n  - {name: e, environment: shop-dev, amount: 10, thresholds: [{percent: 50}]}\n",
     "budgets[0]", "an environment budget needs the team its alerts go to"),
    ("environments: {shutdown: {teams: [web], grace: never}}\n", "environments.shutdown.grace",
     "must be a finite duration"),
    ("sources:\n  - {name: s, type: focus_file, paths: [x.csv], poll_interval: 6 hours}\n",
     "sources[0].poll_interval", "not a positive duration like 30m"),
    ("sources:\n  - {name: s, type: focus_file, paths: [x.csv], poll_interval: 0h}\n",
     "sources[0].poll_interval", "not a positive duration"),
    ("sources:\n  - {name: s, type: focus_file}\n", "sources[0].paths", "Field required"),
    ("sources:\n  - {name: s, type: nope}\n", "sources[0]", "tag"),
    ("environments: {warn_before: [soon]}\n", "environments.warn_before", "not like"),
    ("bogus_key: 1\n", "bogus_key", "Extra inputs"),
    ("notify: {routes: {web: [nowhere]}}\n", "", "unknown channels"),
])
def test_broken_configs_name_the_key_path(tmp_path: Path, patch: str, where: str, message: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(patch)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert where in str(info.value) and message in str(info.value)


def test_yaml_errors_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text("budgets: [\n")
    with pytest.raises(ConfigError, match=r"c.yaml:\d+: not valid YAML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.yaml")


def test_secrets_are_references_and_never_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("server: {token: env:COSTLIB_TEST_TOKEN}\n")
    with pytest.raises(ConfigError, match=r"server.token: environment variable COSTLIB_TEST_TOKEN is not set"):
        load_config(path)
    monkeypatch.setenv("COSTLIB_TEST_TOKEN", "s3cr3t-value")
    config = load_config(path)
    assert "s3cr3t-value" not in str(config.redacted()) and config.redacted()["server"]["token"] == "***"
    path.write_text("server: {token: s3cr3t-inline}\n")
    with pytest.raises(ConfigError, match="secrets are references") as info:
        load_config(path)
    assert "s3cr3t-inline" not in str(info.value)
