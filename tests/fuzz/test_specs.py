"""Fuzz: resource spec files (YAML and JSON, every encoding and YAML hazard of
:func:`~tests.fuzz.strategies.yaml_bytes`) and spec documents sent to a service, through ``costlib.estimate``."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.fuzz import _entry as e
from tests.fuzz import strategies as s
from tests.fuzz.harness import fuzz, judge


@st.composite
def spec_inputs(draw: st.DrawFn) -> tuple[str, Any, bytes]:
    doc = draw(s.specs())
    how = draw(st.sampled_from(["yaml", "yaml", "json", "document"]))
    data = draw(s.yaml_bytes(doc)) if how == "yaml" else draw(s.json_bytes(doc)) if how == "json" else b""
    return how, doc, data


def check(value: tuple[str, Any, bytes]) -> tuple[str, str, float]:
    how, doc, data = value
    expected = s.spec_addresses(doc)
    if how == "document":
        return judge(lambda: e.estimate_spec_document(doc, expected), names=lambda exc: "request body" in str(exc))
    path = e.write(data, "env.yaml" if how == "yaml" else "env.json")
    same = data in (yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode(),
                    json.dumps(doc, default=str, allow_nan=True).encode())
    return judge(lambda: e.estimate_spec_file(path, expected if same else set()), names=e.names_file(path))


def test_spec_files_never_crash_hang_or_drop() -> None:
    fuzz("spec files", spec_inputs(), check)
