"""Money: exactness, currency safety, FX and display (property tests with hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from costlib.errors import CurrencyMismatchError, FxRateMissingError, InvalidMoneyError
from costlib.money import DEFAULT_FX, HOURS_PER_MONTH, ISO_4217, FxTable, Money, load_default_fx

amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False,
                      allow_infinity=False, places=6)
currencies = st.sampled_from(sorted(ISO_4217))


@given(amounts, amounts, currencies)
def test_addition_is_exact_and_commutative(a: Decimal, b: Decimal, cur: str) -> None:
    assert (Money(a, cur) + Money(b, cur)).amount == a + b
    assert Money(a, cur) + Money(b, cur) == Money(b, cur) + Money(a, cur)


@given(amounts, amounts, currencies)
def test_subtraction_inverts_addition(a: Decimal, b: Decimal, cur: str) -> None:
    assert (Money(a, cur) + Money(b, cur)) - Money(b, cur) == Money(a, cur)


@given(st.lists(amounts, max_size=50), currencies)
def test_sum_of_many_is_exact(values: list[Decimal], cur: str) -> None:
    assert Money.sum((Money(v, cur) for v in values), cur).amount == sum(values, Decimal(0))
    if values:
        assert sum(Money(v, cur) for v in values) == Money(sum(values, Decimal(0)), cur)


@given(amounts, currencies, currencies)
def test_mixed_currencies_refused(a: Decimal, c1: str, c2: str) -> None:
    if c1 == c2:
        return
    with pytest.raises(CurrencyMismatchError):
        Money(a, c1) + Money(a, c2)
    with pytest.raises(CurrencyMismatchError):
        Money(a, c1) - Money(a, c2)
    with pytest.raises(CurrencyMismatchError):
        _ = Money(a, c1) < Money(a, c2)
    assert Money(a, c1) != Money(a, c2)


@given(amounts, st.integers(min_value=-10_000, max_value=10_000), currencies)
def test_scaling_is_exact(a: Decimal, k: int, cur: str) -> None:
    assert (Money(a, cur) * k).amount == a * k
    assert (k * Money(a, cur)).amount == a * k


def test_hours_per_month() -> None:
    assert Decimal(730) == HOURS_PER_MONTH
    assert (Money("0.096", "USD") * HOURS_PER_MONTH).amount == Decimal("70.080")


@pytest.mark.parametrize("bad", [0.1, float("nan"), "abc", "NaN", "Infinity", None, True, [1]])
def test_inexact_amounts_refused(bad: object) -> None:
    with pytest.raises(InvalidMoneyError):
        Money(bad, "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["US", "XXX", "usd1", "", 840])
def test_unknown_currency_refused(bad: object) -> None:
    with pytest.raises(InvalidMoneyError, match="currency"):
        Money("1", bad)  # type: ignore[arg-type]


def test_float_arithmetic_refused() -> None:
    with pytest.raises(InvalidMoneyError):
        Money("1", "USD") * 1.5
    with pytest.raises(InvalidMoneyError):
        Money("1", "USD") / 2.0
    with pytest.raises(TypeError):
        Money("1", "USD") * Money("1", "USD")


@pytest.mark.parametrize(
    ("amount", "cur", "shown"),
    [("1234.565", "USD", "$1,234.57"), ("180", "GBP", "£180.00"), ("1234.5", "JPY", "¥1,235"),
     ("-3.2", "EUR", "-€3.20"), ("10", "SEK", "10.00 SEK"), ("0.0000001", "USD", "$0.00")],
)
def test_display_rounds_only_when_shown(amount: str, cur: str, shown: str) -> None:
    m = Money(amount, cur)
    assert m.display() == shown
    assert m.amount == Decimal(amount)  # the stored amount keeps every digit


@given(amounts, currencies)
def test_json_round_trip(a: Decimal, cur: str) -> None:
    m = Money(a, cur)
    doc = m.to_json()
    assert isinstance(doc["amount"], str)
    assert Money.from_json(doc) == m


def test_default_fx_table_is_dated_and_sourced() -> None:
    table = load_default_fx()
    assert table.base == "EUR"
    assert table.as_of == date(2022, 10, 3)
    assert "European Central Bank" in table.source
    assert {"USD", "GBP", "JPY", "INR", "CNY"} <= table.currencies


@given(amounts, st.sampled_from(sorted(DEFAULT_FX.currencies)), st.sampled_from(sorted(DEFAULT_FX.currencies)))
def test_fx_round_trip_is_close_and_keeps_currency(a: Decimal, c1: str, c2: str) -> None:
    there = DEFAULT_FX.convert(Money(a, c1), c2)
    assert there.currency == c2
    back = DEFAULT_FX.convert(there, c1)
    assert abs(back.amount - a) <= abs(a) * Decimal("1e-20") + Decimal("1e-20")


def test_fx_through_base() -> None:
    table = FxTable(base="EUR", rates={"USD": Decimal("1.25"), "GBP": Decimal("0.85")},
                    as_of=date(2025, 1, 2), source="test")
    assert table.convert(Money("125", "USD"), "GBP") == Money("85", "GBP")
    assert table.convert(Money("5", "EUR"), "EUR") == Money("5", "EUR")


def test_fx_missing_rate_names_table() -> None:
    table = FxTable(base="EUR", rates={"USD": Decimal("1.1")}, as_of=date(2025, 1, 2), source="mine")
    with pytest.raises(FxRateMissingError, match=r"NOK.*2025-01-02"):
        table.convert(Money("1", "NOK"), "USD")


def test_fx_override_rates() -> None:
    table = DEFAULT_FX.with_rates({"GBP": "0.80"}, as_of=date(2026, 11, 1), source="config")
    assert table.rate("EUR", "GBP") == Decimal("0.80")
    assert table.as_of == date(2026, 11, 1)
    assert table.rate("EUR", "USD") == DEFAULT_FX.rate("EUR", "USD")


@pytest.mark.parametrize("bad", [{"USD": "0"}, {"USD": "-1"}, {"USD": 1.1}, {"ZZZ": "1"}])
def test_fx_bad_rates_refused(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidMoneyError):
        FxTable(base="EUR", rates=bad, as_of=date(2025, 1, 1), source="x")  # type: ignore[arg-type]


def test_fx_table_missing_key() -> None:
    with pytest.raises(InvalidMoneyError, match="as_of"):
        FxTable.from_json({"base": "EUR", "rates": {}, "source": "x"})
