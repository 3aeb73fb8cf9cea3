"""Table tests for resource types: inputs (and usage) -> the components a bill would show.

A case reads like the provider's pricing page: a title, the Terraform attributes, and one row per billed
component - its name, its monthly quantity with unit, and the price it is looked up by (service, product
family, attributes; vendor and region left out)::

    Case("gp3, 500 GB with 6,000 IOPS", "aws_ebs_volume", {"type": "gp3", "size": 500, "iops": 6000}, [
        ("Storage (EBS gp3)", "500 GB", "AmazonEC2 [Storage] volumeApiName=gp3"),
        ("Storage provisioned IOPS above 3,000 (gp3)", "3000 IOPS",
         "AmazonEC2 [System Operation] group=EBS IOPS volumeApiName=gp3"),
    ])

A usage-based component without its usage has the quantity ``? unit``; a billable part costlib does not price
yet has the price ``not modelled``. ``table_test(CASES)`` turns a module's cases into a parametrised test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from costlib.inputs.typed import parse
from costlib.models import CostComponent, ResourceSpec
from costlib.resources.registry import provider_of_type

REGIONS = {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}

Row = tuple[str, str, str]


@dataclass(frozen=True)
class Case:
    title: str
    type: str
    attributes: Mapping[str, Any]
    rows: Sequence[Row]
    usage: Mapping[str, Any] = field(default_factory=dict)
    region: str | None = None


def _qty(value: Decimal | None) -> str:
    if value is None:
        return "?"
    text = format(value.normalize(), "f")
    return text


def _price(c: CostComponent) -> str:
    if c.unmodelled is not None:
        return "not modelled"
    if c.query is None:
        return f"fixed {c.fixed_price}"
    q = c.query
    bits = [q.service]
    if q.product_family:
        bits.append(f"[{q.product_family}]")
    bits += [f"{k}={v}" for k, v in q.attrs.items()]
    if q.purchase_option != "on_demand":
        bits.append(q.purchase_option)
    if q.term:
        bits.append(f"term={q.term}")
    if q.unit:
        bits.append(f"unit={q.unit}")
    if c.discount:
        bits.append(f"less {format((c.discount * 100).normalize(), 'f')}%")
    return " ".join(bits)


def rows_of(case: Case) -> list[Row]:
    """The components of a case as rows (name, quantity and unit, price)."""
    provider = provider_of_type(case.type)
    assert provider is not None, case.type
    spec = ResourceSpec(address=f"{case.type}.test", type=case.type, provider=provider,
                        region=case.region or REGIONS[provider], attributes=dict(case.attributes),
                        usage=dict(case.usage))
    parsed = parse(spec)
    comps = [c for part in parsed.parts for c in part.rtype.price(part.inputs, part.usage)]
    return [(c.name, f"{_qty(c.monthly_quantity)} {c.unit}".strip(), _price(c)) for c in comps]


def check(case: Case) -> None:
    got = rows_of(case)
    assert got == [tuple(r) for r in case.rows], (
        f"{case.type}: {case.title}\n  got:\n" + "\n".join(f"    {r!r}," for r in got))


def table_test(cases: Sequence[Case]) -> Callable[[Case], None]:
    """A test function parametrised over ``cases`` (ids are the case titles)."""

    @pytest.mark.parametrize("case", cases, ids=[f"{c.type}: {c.title}" for c in cases])
    def test_table(case: Case) -> None:
        check(case)

    return test_table
