"""Every registered resource type has a table test, and every table test names a registered type."""

from __future__ import annotations

import importlib
from pathlib import Path

from costlib.resources.registry import supported_types
from tests.resources.table import Case

HERE = Path(__file__).resolve().parent


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(HERE.glob("*/test_*.py")):
        module = importlib.import_module(f"tests.resources.{path.parent.name}.{path.stem}")
        cases += list(getattr(module, "CASES", []))
    return cases


def test_every_supported_type_has_a_table_test() -> None:
    covered = {c.type for c in all_cases()}
    missing = set(supported_types()) - covered
    assert missing == set(), f"add a table test (tests/resources/<cloud>/test_<module>.py) for: {sorted(missing)}"


def test_table_tests_name_registered_types_and_distinct_titles() -> None:
    cases = all_cases()
    assert {c.type for c in cases} <= set(supported_types())
    ids = [(c.type, c.title) for c in cases]
    assert len(ids) == len(set(ids))
