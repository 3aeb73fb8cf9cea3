"""Fuzz: every renderer (table, JSON, Markdown, HTML, diff) on estimates holding whatever an estimate can hold:
amounts from 10^-30 to far beyond any bill, unicode, markup and control characters in every text field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from costlib.diff import diff_estimates
from costlib.models import CostComponent, Estimate, Price, PricedComponent, PriceQuery, ResourceEstimate, ResourceSpec, Status
from costlib.money import Money
from tests.fuzz import _entry as e
from tests.fuzz import strategies as s
from tests.fuzz.harness import fuzz, judge

texts = st.one_of(st.sampled_from(s.NASTY_TEXT), st.text(min_size=1, max_size=30))
amounts = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=None),
    st.sampled_from([Decimal("1E+30"), Decimal("-1E+30"), Decimal("1E-30"), Decimal("1E+999999"), Decimal("0E-40"),
                     Decimal("123456789012345678901234567890.125"), Decimal("9" * 59), Decimal("1E+60"),
                     Decimal("-0.005"), Decimal(0), Decimal("1E+99999")]),
)
#: a unit price is never summed: it may be anything a Decimal holds (a total is a sum within Decimal's range)
prices = st.one_of(amounts, st.sampled_from([Decimal("1E+999999999"), Decimal("-1E-999999999")]))
quantities = st.one_of(st.none(), amounts.map(abs), st.just(Decimal("1E-999999999")))


@st.composite
def resource(draw: st.DrawFn, i: int, currency: str) -> ResourceEstimate:
    address = f"{draw(texts)}.{i}"
    spec = ResourceSpec(address=address, type=draw(st.one_of(texts.filter(bool), st.sampled_from(s.TYPES))),
                        provider=draw(st.sampled_from(["aws", "azure", "gcp"])), region=draw(st.one_of(st.none(), texts)),
                        location=draw(st.one_of(st.none(), texts, st.just("infra/main.tf:12"))),
                        notes=tuple(draw(st.lists(texts, max_size=2))))
    comps = []
    for _ in range(draw(st.integers(0, 3))):
        comp = CostComponent(name=draw(texts), unit=draw(texts), monthly_quantity=draw(quantities),
                             query=PriceQuery(vendor="aws", service=draw(texts), region="us-east-1"),
                             usage_key=draw(st.one_of(st.none(), texts)), note=draw(st.one_of(st.none(), texts)))
        price = Price(unit_price=Money(draw(prices), currency), unit=draw(texts), effective_date=date(2024, 1, 1),
                      source=draw(texts))
        comps.append(PricedComponent(component=comp, status=draw(st.sampled_from(list(Status))),
                                     unit_price=draw(st.one_of(st.none(), st.just(price.unit_price))),
                                     monthly_cost=draw(st.one_of(st.none(), amounts.map(lambda a: Money(a, currency)))),
                                     price=draw(st.one_of(st.none(), st.just(price))),
                                     message=draw(st.one_of(st.none(), texts))))
    return ResourceEstimate(spec=spec, status=draw(st.sampled_from(list(Status))), components=tuple(comps),
                            monthly_cost=draw(st.one_of(st.none(), amounts.map(lambda a: Money(a, currency)))),
                            message=draw(st.one_of(st.none(), texts)))


@st.composite
def estimates(draw: st.DrawFn) -> tuple[Estimate, Estimate]:
    currency = draw(st.sampled_from(["USD", "GBP", "JPY", "KWD", "SEK"]))
    made = []
    for _ in range(2):
        rs = [draw(resource(i, currency)) for i in range(draw(st.integers(0, 4)))]
        made.append(Estimate.of(rs, currency, price_date=date(2024, 1, 1), fx_note=draw(st.one_of(st.none(), texts)),
                                warnings=tuple(draw(st.lists(texts, max_size=3)))))
    return made[0], made[1]


def check(value: Any) -> tuple[str, str, float]:
    before, after = value

    def run() -> None:
        e.render(before)
        e.render(after)
        e.render_diff(diff_estimates(before, after))
    return judge(run, clean=())


def test_renderers_take_whatever_an_estimate_holds() -> None:
    fuzz("renderers", estimates(), check)
