"""Fuzz: Terraform plans (and the JSON of states) through ``costlib.estimate`` and ``costlib.diff``, as files
(every encoding and splice of :func:`~tests.fuzz.strategies.json_bytes`) and as documents a service was sent
(``load_plan_document``). Every renderer runs on every answer; every billable resource comes out."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from tests.fuzz import _entry as e
from tests.fuzz import strategies as s
from tests.fuzz.harness import fuzz, judge


@st.composite
def plan_inputs(draw: st.DrawFn) -> tuple[str, Any, bytes]:
    doc = draw(s.plans())
    how = draw(st.sampled_from(["file", "file", "document", "diff"]))
    data = draw(s.json_bytes(doc)) if how != "document" else b""
    return how, doc, data


def check(value: tuple[str, Any, bytes]) -> tuple[str, str, float]:
    how, doc, data = value
    expected = s.billable_addresses(doc)
    if how == "document":
        return judge(lambda: e.estimate_plan_document(doc, expected), names=lambda exc: "request body" in str(exc))
    path = e.write(data, "plan.json")
    exact = data == json.dumps(doc, default=str, allow_nan=True).encode()  # the drop oracle holds for the doc as is
    if how == "diff":
        return judge(lambda: e.diff_plan_file(path, expected if exact and doc.get("resource_changes") else set()),
                     names=e.names_file(path))
    return judge(lambda: e.estimate_plan_file(path, expected if exact else set()), names=e.names_file(path))


def test_plans_never_crash_hang_or_drop() -> None:
    fuzz("plans", plan_inputs(), check)
