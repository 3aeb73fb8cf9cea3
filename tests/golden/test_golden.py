"""Golden estimate cases: input (plan or spec) + optional usage -> expected JSON, against the embedded catalog.

Each case's figures were checked against the providers' published list prices (see README.md here).
Regenerate after an intended change with ``pytest tests/golden --update-golden`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.estimate import estimate
from costlib.report import estimate_json

HERE = Path(__file__).parent
CASES = sorted(p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("__"))


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, request: pytest.FixtureRequest) -> None:
    folder = HERE / case
    (source,) = [p for p in folder.iterdir() if p.stem == "input"]
    usage = folder / "usage.yml"
    est = estimate([source], catalog=SQLiteCatalog(embedded_catalog_path()),
                   usage=usage if usage.exists() else None)
    doc = estimate_json(est)
    for res in doc["resources"]:  # where the resource came from is a path on this machine: not part of the result
        res.pop("location", None)
    for key in ("findings", "total_monthly_saving", "policy", "violations"):  # tests/policy/test_savings.py
        doc.pop(key)
    expected = folder / "expected.json"
    if request.config.getoption("--update-golden") or not expected.exists():
        expected.write_text(json.dumps(doc, indent=2) + "\n")
    assert doc == json.loads(expected.read_text())


def test_every_family_has_a_golden_case() -> None:
    """Each family (a module of costlib/resources) appears in a golden case; each type has a table test
    (tests/resources/test_coverage.py)."""
    from costlib.resources.registry import family_of, supported_types

    covered = set()
    for case in CASES:
        doc = json.loads((HERE / case / "expected.json").read_text())
        covered |= {family_of(r["type"]) for r in doc["resources"]}
    missing = {family_of(t) for t in supported_types()} - covered
    assert missing == set(), f"add a golden case covering the family: {sorted(missing)}"
