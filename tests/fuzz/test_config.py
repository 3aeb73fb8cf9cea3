"""Fuzz: the daemon's config (``config.example.yaml`` with values replaced by hostile ones, and the YAML hazards
of :func:`~tests.fuzz.strategies.yaml_bytes`) through ``load_config``: a clean ConfigError or a config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from costlib.daemon.config import load_config
from costlib.errors import ConfigError
from tests.fuzz import _entry as e
from tests.fuzz import strategies as s
from tests.fuzz.harness import fuzz, judge
from tests.fuzz.strategies import rare

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"
BASE = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


@st.composite
def config_inputs(draw: st.DrawFn) -> bytes:
    doc = draw(s.configs(BASE))
    if draw(rare(4)):
        return draw(s.yaml_bytes(doc))
    text = yaml.safe_dump(doc, sort_keys=False)
    for day in s.DATES:  # as a person writes a date: unquoted, so YAML reads it as one (or fails to)
        if isinstance(day, str):
            text = text.replace(f"'{day}'", day)
    return text.encode()


def check(data: Any) -> tuple[str, str, float]:
    path = e.write(data, "config.yaml")
    return judge(lambda: load_config(path), clean=(ConfigError,), names=e.names_file(path))


def test_configs_load_or_give_a_config_error() -> None:
    fuzz("daemon configs", config_inputs(), check)
