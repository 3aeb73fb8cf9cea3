"""JSON carries amounts with at most 12 decimal places (``money.PLAIN_PLACES``, stated in the README): converted
amounts and hourly figures (a monthly cost / 730) used to come out with 25 or more."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from costlib import estimate
from costlib.money import PLAIN_PLACES, plain
from tests.cli.conftest import REPO, run

_NUMBER = re.compile(r"^-?\d+\.(\d+)$")


def _decimals(doc: Any) -> Iterator[tuple[str, int]]:
    if isinstance(doc, dict):
        for value in doc.values():
            yield from _decimals(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from _decimals(value)
    elif isinstance(doc, str) and (m := _NUMBER.match(doc)):
        yield doc, len(m.group(1))


def test_converted_estimate_amounts_keep_to_the_stated_precision() -> None:
    r = run("estimate", str(REPO / "examples" / "environment.yaml"), "--currency", "GBP", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    too_long = [text for text, places in _decimals(doc) if places > PLAIN_PLACES == 12]
    assert too_long == []
    exact = estimate([REPO / "examples" / "environment.yaml"], currency="GBP").total_monthly_cost.amount
    assert -exact.as_tuple().exponent > 12  # the figure behind it does have more places: they are rounded off
    assert doc["total_monthly_cost"] == plain(exact) and abs(Decimal(doc["total_monthly_cost"]) - exact) <= Decimal(
        "0.5e-12")


def test_diff_json_keeps_to_it_too(tmp_path: Path) -> None:
    before, after = tmp_path / "b.yaml", tmp_path / "a.yaml"
    before.write_text("resources:\n  - {name: web, type: compute.instance, provider: aws, region: us-east-1, "
                      "size: m5.large}\n")
    after.write_text(before.read_text().replace("m5.large", "m5.2xlarge"))
    r = run("diff", str(before), str(after), "--currency", "EUR", "--format", "json")
    assert r.code == 0, r.err
    assert [t for t, places in _decimals(json.loads(r.out)) if places > PLAIN_PLACES] == []
    assert any(places == PLAIN_PLACES for _, places in _decimals(json.loads(r.out)))  # rounded there, not before
