"""The entry points the fuzz suite drives, each with its oracle: run, render everything, check nothing billable
went missing. Shared by the Hypothesis tests and the seed corpus."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.diff import diff
from costlib.estimate import estimate
from costlib.inputs import Usage, load_plan_document, load_spec_document
from costlib.inputs.readers import Limits
from costlib.models import Estimate, Status
from costlib.money import Money
from costlib.report import (
    diff_delta,
    diff_lines,
    diff_markdown,
    diff_side,
    estimate_gaps,
    estimate_html,
    estimate_json,
    estimate_markdown,
    estimate_table,
    provider_totals,
)
from tests.fuzz.harness import Dropped

CATALOG = SQLiteCatalog(embedded_catalog_path())
#: what the fuzz suite lets one input expand to: small, so that a legitimate count is quick and a bomb is refused
LIMITS = Limits(max_resources=500)
SEPTEMBER = (date(2024, 9, 1), date(2024, 10, 1))


def render(est: Estimate) -> None:
    """Every renderer of an estimate, on whatever it holds."""
    estimate_table(est)
    estimate_table(est, compare=True, width=60)
    estimate_json(est)
    estimate_markdown(est, link_base="https://example.com/o/r/blob/abc")
    estimate_html(est)
    estimate_gaps(est)
    provider_totals(est)
    for r in est.resources:
        if r.monthly_cost is not None:
            assert r.monthly_cost.amount.is_finite()
        if r.status is not Status.PRICED:
            assert r.status in set(Status)


def render_diff(doc: dict[str, Any]) -> None:
    """Every renderer of a diff document (the CLI's table lines included)."""
    cur = doc["currency"]
    diff_markdown(doc, link_base="https://example.com/o/r/blob/abc")
    diff_lines(doc)
    for r in doc["resources"]:
        diff_side(r["monthly_before"], r["status_before"], cur)
        diff_side(r["monthly_after"], r["status_after"], cur)
        diff_delta(r, cur)
    Money(doc["total_monthly_delta"], cur).display()


def check_estimate_covers(est: Estimate, expected: set[str]) -> None:
    got = {r.address for r in est.resources}
    missing = expected - got
    if missing:
        raise Dropped(f"{len(missing)} billable resource(s) vanished from the estimate: {sorted(missing)[:5]}")


_SCRATCH: list[Path] = []


def write(data: bytes, name: str) -> Path:
    """``data`` as the file ``name`` in this process's scratch folder (one folder, each file rewritten per example,
    removed when the process ends)."""
    if not _SCRATCH:
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="costlib-fuzz-")))
        atexit.register(shutil.rmtree, _SCRATCH[0], True)
    path = _SCRATCH[0] / name
    path.write_bytes(data)
    return path


def names_file(path: Path) -> Any:
    return lambda exc: str(path) in str(exc)


def estimate_plan_file(path: Path, expected: set[str]) -> None:
    est = estimate([path], catalog=CATALOG, limits=LIMITS)
    check_estimate_covers(est, expected)
    render(est)


def diff_plan_file(path: Path, expected: set[str]) -> None:
    doc = diff(path, catalog=CATALOG)
    got = {r["address"] for r in doc["resources"]}
    missing = {a for a in expected if a not in got and not any(g.startswith(a + " (deposed") for g in got)}
    if missing:
        raise Dropped(f"{len(missing)} billable resource(s) vanished from the diff: {sorted(missing)[:5]}")
    render_diff(doc)


def estimate_plan_document(doc: Any, expected: set[str]) -> None:
    specs = load_plan_document(doc, where="request body", limits=LIMITS)
    est = estimate(specs, catalog=CATALOG, limits=LIMITS)
    check_estimate_covers(est, expected)
    render(est)


def estimate_spec_file(path: Path, expected: set[str]) -> None:
    est = estimate([path], catalog=CATALOG, limits=LIMITS)
    check_estimate_covers(est, expected)
    render(est)


def estimate_spec_document(doc: Any, expected: set[str]) -> None:
    est = estimate(load_spec_document(doc, where="request body", limits=LIMITS), catalog=CATALOG, limits=LIMITS)
    check_estimate_covers(est, expected)
    render(est)


def estimate_with_usage(plan: Path, usage: Path | Usage, expected: set[str]) -> None:
    est = estimate([plan], catalog=CATALOG, usage=usage, limits=LIMITS)
    check_estimate_covers(est, expected)
    render(est)


_GOOD_DAY = "2024-09-"
_BAD_VALUE_COLUMNS = ("BilledCost", "EffectiveCost", "ListCost", "BillingCurrency", "ChargeCategory")


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except ArithmeticError:
        return None
    return value if value.is_finite() and value.adjusted() < 20 else None


def focus_oracle(rows: list[dict[str, str]]) -> tuple[Decimal, bool]:
    """(the sum of the billed costs of September's rows, whether a row holds a value the source must refuse:
    a cost that is not a decimal or has more than 12 places, a blank or NULL BilledCost, a blank or unreadable
    ChargePeriodStart, a currency that is not ISO 4217, a category FOCUS does not have, Tags that are not JSON)."""
    from costlib.money import ISO_4217
    from costlib.spend.base import ChargeCategory

    total, refuse = Decimal(0), False
    for row in rows:
        for column in ("BilledCost", "EffectiveCost", "ListCost"):
            text = row.get(column)
            if text in (None, "", "NULL"):
                refuse = refuse or column == "BilledCost"
                continue
            value = _decimal(text)
            if value is None or -value.as_tuple().exponent > 12:  # type: ignore[operator]
                refuse = True
        if row.get("BillingCurrency") not in ISO_4217 or (
                "ChargeCategory" in row and row["ChargeCategory"] not in {c.value for c in ChargeCategory}):
            refuse = True
        start = row.get("ChargePeriodStart", "")
        if start == "" or not start[:4].isdigit() or start[:10] in ("2024-13-45",):
            refuse = True
        if row.get("Tags") in ("{not json",):
            refuse = True
        cost = _decimal(row.get("BilledCost", ""))
        if start.startswith(_GOOD_DAY) and cost is not None:
            total += cost
    return total, refuse


def fetch_focus(path: Path, rows: list[dict[str, str]]) -> None:
    """Read a FOCUS file for September 2024: the answer's billed costs add up to the rows' (nothing dropped,
    nothing counted as 0), and a row the source must refuse is refused."""
    from costlib.spend.base import SpendWindow
    from costlib.spend.focus import FocusFileSource

    expected, refuse = focus_oracle(rows)
    res = FocusFileSource("fuzz", [str(path)]).fetch(SpendWindow(*SEPTEMBER), tag_keys=["team"])
    for r in res.records:
        r.billed_cost.display()
    if refuse:
        raise Dropped("a row with a cost, currency or category the source must refuse was taken")
    got = sum((r.billed_cost.amount for r in res.records), Decimal(0))
    if got != expected:
        raise Dropped(f"the rows' billed costs add up to {expected}, the records to {got}")
