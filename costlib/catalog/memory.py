"""A dict-backed :class:`~costlib.catalog.base.PriceCatalog` for tests and custom or negotiated price books."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from costlib.models import Price, PriceQuery

__all__ = ["InMemoryCatalog"]


class InMemoryCatalog:
    """Exact-match price book: a query finds the price stored under an equal query.

    >>> from decimal import Decimal
    >>> from costlib.money import Money
    >>> q = PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1",
    ...                attributes={"instanceType": "t3.micro"})
    >>> book = InMemoryCatalog({q: Price(unit_price=Money("0.0104", "USD"), unit="Hrs",
    ...                                  effective_date=date(2024, 4, 1), source="negotiated")})
    >>> book.lookup(q).unit_price
    Money('0.0104', 'USD')
    """

    def __init__(self, prices: dict[PriceQuery, Price] | Iterable[tuple[PriceQuery, Price]] = ()) -> None:
        self._prices: dict[PriceQuery, Price] = dict(prices)

    def add(self, query: PriceQuery, price: Price) -> None:
        """Store (or replace) the price for ``query``."""
        self._prices[query] = price

    def lookup(self, query: PriceQuery) -> Price | None:
        return self._prices.get(query)

    def lookup_many(self, queries: Sequence[PriceQuery]) -> list[Price | None]:
        get = self._prices.get
        return [get(q) for q in queries]

    def price_date(self) -> date | None:
        return max((p.effective_date for p in self._prices.values()), default=None)

    def __len__(self) -> int:
        return len(self._prices)
