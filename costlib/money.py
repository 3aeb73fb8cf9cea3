"""Money: an exact :class:`~decimal.Decimal` amount with its ISO 4217 currency.

Every price, total, threshold and spend figure in costlib is a :class:`Money`. Floats never
touch an amount: constructing a ``Money`` from a ``float`` is refused, and arithmetic between
two currencies raises :class:`~costlib.errors.CurrencyMismatchError` unless it goes through an
:class:`FxTable`. Rounding happens only when an amount is shown (:meth:`Money.display`,
:meth:`Money.rounded`); the stored amount keeps every digit.

>>> from decimal import Decimal
>>> hourly = Money("0.096", "USD")
>>> monthly = hourly * HOURS_PER_MONTH
>>> monthly
Money('70.080', 'USD')
>>> monthly.display()
'$70.08'
>>> DEFAULT_FX.convert(Money("100", "USD"), "GBP").currency
'GBP'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any, Final

from costlib.errors import CurrencyMismatchError, FxRateMissingError, InvalidMoneyError

__all__ = [
    "DEFAULT_FX",
    "HOURS_PER_MONTH",
    "ISO_4217",
    "PLAIN_MAGNITUDE",
    "PLAIN_PLACES",
    "FxTable",
    "Money",
    "load_default_fx",
    "plain",
    "to_decimal",
]

#: Hours in a billing month, as the providers' calculators and Infracost count them (365 * 24 / 12).
HOURS_PER_MONTH: Final = Decimal(730)

#: Active ISO 4217 currency codes with their minor-unit digits (used for display rounding).
ISO_4217: Final[Mapping[str, int]] = {
    "AED": 2, "AFN": 2, "ALL": 2, "AMD": 2, "ANG": 2, "AOA": 2, "ARS": 2, "AUD": 2, "AWG": 2, "AZN": 2,
    "BAM": 2, "BBD": 2, "BDT": 2, "BGN": 2, "BHD": 3, "BIF": 0, "BMD": 2, "BND": 2, "BOB": 2, "BRL": 2,
    "BSD": 2, "BTN": 2, "BWP": 2, "BYN": 2, "BZD": 2, "CAD": 2, "CDF": 2, "CHF": 2, "CLP": 0, "CNY": 2,
    "COP": 2, "CRC": 2, "CUP": 2, "CVE": 2, "CZK": 2, "DJF": 0, "DKK": 2, "DOP": 2, "DZD": 2, "EGP": 2,
    "ERN": 2, "ETB": 2, "EUR": 2, "FJD": 2, "FKP": 2, "GBP": 2, "GEL": 2, "GHS": 2, "GIP": 2, "GMD": 2,
    "GNF": 0, "GTQ": 2, "GYD": 2, "HKD": 2, "HNL": 2, "HTG": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2,
    "IQD": 3, "IRR": 2, "ISK": 0, "JMD": 2, "JOD": 3, "JPY": 0, "KES": 2, "KGS": 2, "KHR": 2, "KMF": 0,
    "KPW": 2, "KRW": 0, "KWD": 3, "KYD": 2, "KZT": 2, "LAK": 2, "LBP": 2, "LKR": 2, "LRD": 2, "LSL": 2,
    "LYD": 3, "MAD": 2, "MDL": 2, "MGA": 2, "MKD": 2, "MMK": 2, "MNT": 2, "MOP": 2, "MRU": 2, "MUR": 2,
    "MVR": 2, "MWK": 2, "MXN": 2, "MYR": 2, "MZN": 2, "NAD": 2, "NGN": 2, "NIO": 2, "NOK": 2, "NPR": 2,
    "NZD": 2, "OMR": 3, "PAB": 2, "PEN": 2, "PGK": 2, "PHP": 2, "PKR": 2, "PLN": 2, "PYG": 0, "QAR": 2,
    "RON": 2, "RSD": 2, "RUB": 2, "RWF": 0, "SAR": 2, "SBD": 2, "SCR": 2, "SDG": 2, "SEK": 2, "SGD": 2,
    "SHP": 2, "SLE": 2, "SOS": 2, "SRD": 2, "SSP": 2, "STN": 2, "SVC": 2, "SYP": 2, "SZL": 2, "THB": 2,
    "TJS": 2, "TMT": 2, "TND": 3, "TOP": 2, "TRY": 2, "TTD": 2, "TWD": 2, "TZS": 2, "UAH": 2, "UGX": 0,
    "USD": 2, "UYU": 2, "UZS": 2, "VES": 2, "VND": 0, "VUV": 0, "WST": 2, "XAF": 0, "XCD": 2, "XOF": 0,
    "XPF": 0, "YER": 2, "ZAR": 2, "ZMW": 2, "ZWL": 2,
}

_SYMBOLS: Final[Mapping[str, str]] = {
    "USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹", "CNY": "CN¥", "KRW": "₩",
    "AUD": "A$", "CAD": "CA$", "NZD": "NZ$", "BRL": "R$", "CHF": "CHF ", "HKD": "HK$", "SGD": "S$",
}


_QUANTA: Final[Mapping[int, Decimal]] = {d: Decimal(1).scaleb(-d) for d in range(0, 13)}


def to_decimal(value: Any, *, where: str = "amount") -> Decimal:
    """Convert ``value`` to an exact Decimal; floats and non-finite values are refused.

    >>> to_decimal("0.1") + to_decimal(2)
    Decimal('2.1')
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidMoneyError(f"{where}: a boolean is not an amount")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidMoneyError(f"{where}: {value!r} is not a decimal number") from None
    elif isinstance(value, float):
        raise InvalidMoneyError(
            f"{where}: float {value!r} refused; pass a str or Decimal so no binary rounding creeps in"
        )
    else:
        raise InvalidMoneyError(f"{where}: {type(value).__name__} is not an amount")
    if not result.is_finite():
        raise InvalidMoneyError(f"{where}: {value!r} is not a finite number")
    return result


#: Decimal places an amount in JSON, CSV or the HTTP API carries at most (:func:`plain`).
PLAIN_PLACES: Final = 12
_PLAIN_QUANTUM: Final = Decimal(1).scaleb(-PLAIN_PLACES)
_WIDE = Context(prec=80)
#: amounts at or above this many digits before the point are shown in exponent notation (no bill reaches 10^60)
_PLAIN_MAGNITUDE_DIGITS: Final = 60
_UNBOUNDED = Context(prec=80, Emax=MAX_EMAX, Emin=MIN_EMIN)
#: the magnitude from which :func:`plain` and :meth:`Money.display` write exponent notation
PLAIN_MAGNITUDE: Final = Decimal(10) ** _PLAIN_MAGNITUDE_DIGITS


def plain(amount: Decimal) -> str:
    """An amount as fixed-point text, never exponent notation: how JSON, CSV and the HTTP API carry amounts.

    At most :data:`PLAIN_PLACES` (12) decimal places: an amount with more (converted through an FX rate, or a
    monthly cost divided into hours, has up to 28 significant digits) is rounded half up to 12 places and its
    trailing zeros dropped; an amount with 12 places or fewer is written exactly as it is. Twelve places keep the
    smallest list prices (a GCP or S3 request price of $0.0000004) with room to spare. Internally nothing is
    rounded; only what is written.

    >>> plain(Decimal("1.3400E-8")), plain(Decimal("0E-26")), plain(Decimal("70.080"))
    ('0.000000013400', '0', '70.080')
    >>> plain(Decimal("208.8485061450225317492830807")), plain(Decimal("0.09240547945205479452054794521"))
    ('208.848506145023', '0.092405479452')
    >>> plain(Decimal("1.5000000000000000001")), plain(Decimal("-2E-20"))
    ('1.5', '0')

    An amount of :data:`PLAIN_MAGNITUDE` (10^60) or more, which no bill reaches and only a caller's own
    arithmetic makes, is written in exponent notation rather than as a string of a million digits:

    >>> plain(Decimal("1E+999999999")), plain(Decimal("12.5E+70"))
    ('1E+999999999', '1.25E+71')
    """
    if amount.is_zero():
        return "0"
    if amount.adjusted() >= _PLAIN_MAGNITUDE_DIGITS:
        return format(amount.normalize(_UNBOUNDED), "E")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -PLAIN_PLACES:
        wide = Context(prec=max(_WIDE.prec, amount.adjusted() + PLAIN_PLACES + 2))
        amount = amount.quantize(_PLAIN_QUANTUM, rounding=ROUND_HALF_UP, context=wide).normalize(wide)
        if amount.is_zero():
            return "0"
    return format(amount, "f")


def _check_currency(code: Any) -> str:
    if not isinstance(code, str):
        raise InvalidMoneyError(f"currency must be an ISO 4217 code, got {code!r}")
    norm = code.strip().upper()
    if norm not in ISO_4217:
        raise InvalidMoneyError(f"unknown currency {code!r} (not an active ISO 4217 code)")
    return norm


@dataclass(frozen=True, slots=True, init=False)
class Money:
    """An exact amount in one currency.

    >>> Money("1.10", "usd") + Money("2.20", "USD")
    Money('3.30', 'USD')
    >>> Money("1", "USD") + Money("1", "EUR")
    Traceback (most recent call last):
    ...
    costlib.errors.CurrencyMismatchError: cannot add USD and EUR without an FX conversion
    """

    amount: Decimal
    currency: str

    def __init__(self, amount: Decimal | int | str, currency: str) -> None:
        object.__setattr__(self, "amount", to_decimal(amount))
        object.__setattr__(self, "currency", _check_currency(currency))

    # construction helpers -------------------------------------------------
    @classmethod
    def trusted(cls, amount: Decimal, currency: str) -> Money:
        """Build without validation, for amounts read back from costlib's own validated stores.

        >>> Money.trusted(Decimal("1.5"), "USD")
        Money('1.5', 'USD')
        """
        obj = object.__new__(cls)
        _set_amount(obj, amount)  # (the slots' own setters: a spend fetch builds tens of thousands; 3x faster)
        _set_currency(obj, currency)
        return obj

    @classmethod
    def zero(cls, currency: str) -> Money:
        """``Money(0, currency)``.

        >>> Money.zero("GBP")
        Money('0', 'GBP')
        """
        return cls(0, currency)

    @classmethod
    def sum(cls, items: Iterable[Money], currency: str) -> Money:
        """Add ``items``; an empty iterable gives zero in ``currency``.

        >>> Money.sum([Money("1", "USD"), Money("2.5", "USD")], "USD")
        Money('3.5', 'USD')
        """
        total = cls.zero(currency)
        amount = total.amount
        for item in items:
            if item.currency != total.currency:
                total._same(item, "add")
            amount += item.amount
        return cls.trusted(amount, total.currency)

    # arithmetic -------------------------------------------------------------
    def _same(self, other: Money, verb: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot {verb} {self.currency} and {other.currency} without an FX conversion"
            )

    def __add__(self, other: object) -> Money:
        if isinstance(other, Money):
            self._same(other, "add")
            return Money.trusted(self.amount + other.amount, self.currency)
        return NotImplemented

    def __radd__(self, other: object) -> Money:
        # allows the builtin sum() of a list of Money (which starts from int 0)
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if isinstance(other, Money):
            self._same(other, "subtract")
            return Money.trusted(self.amount - other.amount, self.currency)
        return NotImplemented

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, Money):
            raise TypeError("Money * Money has no meaning; multiply by a quantity")
        if isinstance(factor, float):
            raise InvalidMoneyError("cannot multiply Money by a float; use Decimal")
        if isinstance(factor, Decimal | int) and not isinstance(factor, bool):
            return Money.trusted(self.amount * factor, self.currency)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, divisor: object) -> Any:
        if isinstance(divisor, Money):
            self._same(divisor, "divide")
            return self.amount / divisor.amount  # a ratio, not money
        if isinstance(divisor, float):
            raise InvalidMoneyError("cannot divide Money by a float; use Decimal")
        if isinstance(divisor, Decimal | int) and not isinstance(divisor, bool):
            return Money.trusted(self.amount / divisor, self.currency)
        return NotImplemented

    def __neg__(self) -> Money:
        return Money.trusted(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money.trusted(abs(self.amount), self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

    # comparisons (same currency only) -------------------------------------
    def _cmp(self, other: object) -> Decimal:
        if not isinstance(other, Money):
            raise TypeError(f"cannot compare Money with {type(other).__name__}")
        self._same(other, "compare")
        return self.amount - other.amount

    def __lt__(self, other: object) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: object) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: object) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: object) -> bool:
        return self._cmp(other) >= 0

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    # presentation -------------------------------------------------------------
    def __repr__(self) -> str:
        return f"Money({str(self.amount)!r}, {self.currency!r})"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    @property
    def minor_digits(self) -> int:
        """Digits after the point in the currency's minor unit (2 for USD, 0 for JPY)."""
        return ISO_4217[self.currency]

    def rounded(self, places: int | None = None, *, rounding: str = ROUND_HALF_UP) -> Money:
        """A copy rounded for display (default: the currency's minor unit).

        >>> Money("70.085", "USD").rounded()
        Money('70.09', 'USD')

        An amount of 10^60 or more has no minor unit worth rounding to and is returned as it is.
        """
        digits = self.minor_digits if places is None else places
        if self.amount.adjusted() >= _PLAIN_MAGNITUDE_DIGITS:
            return self
        quantum = Decimal(1).scaleb(-digits)
        wide = Context(prec=max(28, self.amount.adjusted() + digits + 3))
        return Money.trusted(self.amount.quantize(quantum, rounding=rounding, context=wide), self.currency)

    def display(self, places: int | None = None, *, symbol: bool = True) -> str:
        """Human text: ``$1,234.57``; ``£180.00``; ``-€3.20``; ``1,234.57 SEK`` where no symbol is known.

        >>> Money("1234.567", "USD").display()
        '$1,234.57'
        >>> Money("-3.2", "EUR").display()
        '-€3.20'

        Any amount is shown, however large or small (an amount of 10^60 or more in exponent notation):

        >>> Money("1E+30", "USD").display(), Money("-1E-30", "GBP").display(), Money("-1E+99", "JPY").display()
        ('$1,000,000,000,000,000,000,000,000,000,000.00', '£0.00', '-¥1.000E+99')
        >>> Money("123456789012345678901234567890.125", "USD").display()
        '$123,456,789,012,345,678,901,234,567,890.13'
        """
        digits = ISO_4217[self.currency] if places is None else places
        sign = "-" if self.amount.is_signed() and not self.amount.is_zero() else ""
        if self.amount.adjusted() >= _PLAIN_MAGNITUDE_DIGITS:
            with localcontext(_UNBOUNDED):
                body = format(self.amount.copy_abs(), ".3E")
        else:
            wide = Context(prec=max(28, self.amount.adjusted() + digits + 3), rounding=ROUND_HALF_UP)
            value = self.amount.quantize(_QUANTA.get(digits) or Decimal(1).scaleb(-digits), context=wide)
            with localcontext(wide):  # abs() and format() round to the context's precision
                body = f"{value.copy_abs():,.{digits}f}"
            sign = "-" if value < 0 else ""
        if symbol and self.currency in _SYMBOLS:
            return f"{sign}{_SYMBOLS[self.currency]}{body}"
        return f"{sign}{body} {self.currency}"

    def to_json(self) -> dict[str, str]:
        """JSON form: the amount as a decimal string, never a float.

        >>> Money("0.1", "USD").to_json()
        {'amount': '0.1', 'currency': 'USD'}
        """
        return {"amount": plain(self.amount), "currency": self.currency}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Money:
        """Inverse of :meth:`to_json`.

        >>> Money.from_json({"amount": "2.50", "currency": "GBP"})
        Money('2.50', 'GBP')
        """
        return cls(data["amount"], data["currency"])


@dataclass(frozen=True, slots=True)
class FxTable:
    """Exchange rates quoted against one base currency (``1 base = rate x quote``), with their date and source.

    Conversion goes through the base: ``USD -> GBP`` is ``amount / rate[USD] * rate[GBP]`` for a EUR-based
    table. The result keeps full precision; round only for display.

    >>> table = FxTable(base="EUR", rates={"USD": Decimal("1.25"), "GBP": Decimal("0.85")},
    ...                 as_of=date(2025, 1, 2), source="example")
    >>> table.convert(Money("125", "USD"), "GBP")
    Money('85.00', 'GBP')
    """

    base: str
    rates: Mapping[str, Decimal]
    as_of: date
    source: str
    _norm: dict[str, Decimal] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        base = _check_currency(self.base)
        norm: dict[str, Decimal] = {base: Decimal(1)}
        for code, rate in self.rates.items():
            dec = to_decimal(rate, where=f"fx rate {code}")
            if dec <= 0:
                raise InvalidMoneyError(f"fx rate for {code} must be positive, got {rate}")
            norm[_check_currency(code)] = dec
        object.__setattr__(self, "base", base)
        object.__setattr__(self, "_norm", norm)

    @property
    def currencies(self) -> frozenset[str]:
        """Every currency this table can convert between."""
        return frozenset(self._norm)

    def rate(self, source: str, target: str) -> Decimal:
        """Units of ``target`` for one unit of ``source``.

        >>> FxTable(base="EUR", rates={"USD": Decimal("2")}, as_of=date(2025, 1, 1), source="x").rate("USD", "EUR")
        Decimal('0.5')
        """
        src, dst = _check_currency(source), _check_currency(target)
        if src == dst:
            return Decimal(1)
        for code in (src, dst):
            if code not in self._norm:
                raise FxRateMissingError(
                    f"no FX rate for {code} in the table of {self.as_of.isoformat()} ({self.source}); "
                    "add it under fx.rates in the config or pass an FxTable"
                )
        return self._norm[dst] / self._norm[src]

    def convert(self, money: Money, target: str) -> Money:
        """``money`` in ``target`` currency (unchanged if it is already in it)."""
        if money.currency == target or money.currency == _check_currency(target):
            return money
        return Money(money.amount * self.rate(money.currency, target), target)

    def with_rates(self, rates: Mapping[str, Decimal | str], *, as_of: date | None = None,
                   source: str | None = None) -> FxTable:
        """A copy with ``rates`` (quoted against this table's base) added or replaced."""
        merged: dict[str, Decimal] = dict(self._norm)
        merged.pop(self.base, None)
        for code, value in rates.items():
            merged[_check_currency(code)] = to_decimal(value, where=f"fx rate {code}")
        return FxTable(base=self.base, rates=merged, as_of=as_of or self.as_of, source=source or self.source)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FxTable:
        """Build from ``{"base", "as_of", "source", "rates": {code: "rate"}}``."""
        try:
            return cls(
                base=data["base"],
                rates={k: to_decimal(v, where=f"fx rate {k}") for k, v in data["rates"].items()},
                as_of=date.fromisoformat(data["as_of"]),
                source=data["source"],
            )
        except KeyError as exc:
            raise InvalidMoneyError(f"FX table is missing key {exc.args[0]!r}") from None


_set_amount = vars(Money)["amount"].__set__
_set_currency = vars(Money)["currency"].__set__


def load_default_fx() -> FxTable:
    """The dated FX table shipped with costlib (``costlib/data/fx_default.json``).

    >>> load_default_fx().base
    'EUR'
    """
    text = (Path(__file__).resolve().parent / "data" / "fx_default.json").read_text(encoding="utf-8")
    return FxTable.from_json(json.loads(text))


DEFAULT_FX: Final[FxTable] = load_default_fx()
