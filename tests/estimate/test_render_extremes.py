"""Every renderer takes whatever an estimate holds: amounts far beyond a bill and far below a cent, unicode,
markup and control characters in names; Money.display of such amounts directly."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.diff import diff_estimates
from costlib.estimate import estimate
from costlib.models import CostComponent, Estimate, PricedComponent, PriceQuery, ResourceEstimate, ResourceSpec, Status
from costlib.money import Money, plain
from costlib.report import (
    diff_lines,
    diff_markdown,
    estimate_html,
    estimate_json,
    estimate_markdown,
    estimate_table,
    markdown_code,
    one_line,
)

CATALOG = SQLiteCatalog(embedded_catalog_path())


@pytest.mark.parametrize(("amount", "currency", "shown"), [
    ("1E+30", "USD", "$1,000,000,000,000,000,000,000,000,000,000.00"),
    ("-1E+30", "EUR", "-€1,000,000,000,000,000,000,000,000,000,000.00"),
    ("123456789012345678901234567890.125", "USD", "$123,456,789,012,345,678,901,234,567,890.13"),
    ("1E-30", "GBP", "£0.00"),
    ("-0.004", "USD", "$0.00"),
    ("1E+99999", "USD", "$1.000E+99999"),
    ("1E+999999999", "JPY", "¥1.000E+999999999"),
    ("-1E-999999999", "KWD", "0.000 KWD"),
])
def test_money_display_shows_any_amount(amount: str, currency: str, shown: str) -> None:
    money = Money(amount, currency)
    assert money.display() == shown
    money.display(10)
    money.rounded()
    assert plain(money.amount)  # JSON's form: exact below 10^60, exponent notation past it


def _resource(address: str, rtype: str, cost: str, qty: str, price: str) -> ResourceEstimate:
    spec = ResourceSpec(address=address, type=rtype, provider="aws", region="us-east-1", location="main.tf:3")
    comp = CostComponent(name=f"{address} hours", unit="hours", monthly_quantity=Decimal(qty),
                         query=PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1"))
    priced = PricedComponent(component=comp, status=Status.PRICED, unit_price=Money(price, "USD"),
                             monthly_cost=Money(cost, "USD"))
    return ResourceEstimate(spec=spec, status=Status.PRICED, components=(priced,), monthly_cost=Money(cost, "USD"))


HOSTILE = Estimate.of([
    _resource("aws_instance.huge", "aws_instance", "1E+30", "1E+30", "1"),
    _resource("aws_instance.tiny", "aws_instance", "1E-30", "1E-30", "1E-30"),
    _resource("aws_instance.absurd", "aws_instance", "1E+99999", "1E+99999", "1E+999999999"),
    _resource('aws_instance.x["<script>alert(1)</script>"]', "<b>bold</b>", "1", "1", "1"),
    _resource("aws_instance.pipe|`tick`|\nnewline", "a|b", "2", "2", "1"),
    _resource("aws_instance.日本語🚀", "aws_instance", "3", "3", "1"),
], "USD", price_date=date(2024, 1, 1), warnings=("a warning\nwith a newline", "<img src=x onerror=alert(1)>"))


def test_every_renderer_takes_huge_tiny_unicode_and_markup() -> None:
    table = estimate_table(HOSTILE)
    assert "$1,000,000,000,000,000,000,000,000,000,000.00" in table and "$1.000E+99999" in table
    body = table.split("└", 1)[0].splitlines()
    assert all(line[0] in "┏┃┡│" for line in body), "a newline in a name broke a row"
    assert "\\nnewline" in table.replace("│\n│", "")
    doc = estimate_json(HOSTILE)
    json.dumps(doc)
    assert doc["resources"][0]["monthly_cost"] == "1000000000000000000000000000000"
    html = estimate_html(HOSTILE)
    assert "<script>" not in html and "<b>bold</b>" not in html and "&lt;script&gt;" in html
    md = estimate_markdown(HOSTILE)
    rows = [line for line in md.splitlines() if line.startswith("| ") and "aws_instance" in line]
    assert len(rows) == 6
    for row in rows:  # each resource stays one row of five cells: a pipe in a name is escaped
        assert row.replace("\\|", "").count("|") == 5, row
    assert "- ⚠ a warning\\nwith a newline" in md
    later = Estimate.of([*HOSTILE.resources[1:], _resource("aws_instance.new", "aws_instance", "1E+31", "1", "1")],
                        "USD")
    change = diff_estimates(HOSTILE, later)
    diff_markdown(change)
    diff_lines(change)


def test_markdown_code_and_one_line() -> None:
    assert markdown_code("a``b") == "``` a``b ```"
    assert markdown_code("x|y") == "`x\\|y`"
    assert one_line("a\tb\rc\x1b") == "a\\tb\\rc\\x1b"


def test_a_1e30_gb_disk_is_an_error_naming_the_attribute_and_renders(tmp_path: Path) -> None:
    spec = ResourceSpec(address="aws_ebs_volume.big", type="aws_ebs_volume", provider="aws", region="us-east-1",
                        attributes={"type": "gp3", "size": Decimal("1E+30")})
    est = estimate([spec], catalog=CATALOG)
    (res,) = est.resources
    assert res.status is Status.PRICE_NOT_FOUND and "size" in (res.message or "")
    estimate_table(est)
    estimate_markdown(est)
    estimate_html(est)
