"""Fuzz: usage files (YAML and JSON, every encoding and YAML hazard) and usage documents, applied to the
project's own example plan (``examples/plan.json``) through ``costlib.estimate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from costlib.inputs import Usage
from tests.fuzz import _entry as e
from tests.fuzz import strategies as s
from tests.fuzz.harness import fuzz, judge

PLAN = Path(__file__).resolve().parents[2] / "examples" / "plan.json"
_DOC = json.loads(PLAN.read_text(encoding="utf-8"))
ADDRESSES = sorted(s.billable_addresses(_DOC))
TYPES = sorted({a.split("[")[0].rsplit(".", 2)[-2] for a in ADDRESSES})


@st.composite
def usage_inputs(draw: st.DrawFn) -> tuple[str, Any, bytes]:
    doc = draw(s.usage_docs(ADDRESSES, TYPES))
    how = draw(st.sampled_from(["yaml", "yaml", "json", "document"]))
    data = draw(s.yaml_bytes(doc)) if how == "yaml" else draw(s.json_bytes(doc)) if how == "json" else b""
    return how, doc, data


def check(value: tuple[str, Any, bytes]) -> tuple[str, str, float]:
    how, doc, data = value
    expected = set(ADDRESSES)
    if how == "document":
        def run() -> None:
            e.estimate_with_usage(PLAN, Usage.from_document(doc, where="request body: usage"), expected)
        return judge(run, names=lambda exc: "request body" in str(exc))
    path = e.write(data, "usage.yml" if how == "yaml" else "usage.json")
    return judge(lambda: e.estimate_with_usage(PLAN, path, expected), names=e.names_file(path))


def test_usage_files_never_crash_hang_or_drop() -> None:
    fuzz("usage files", usage_inputs(), check)
