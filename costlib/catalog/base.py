"""The :class:`PriceCatalog` protocol every price source implements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from costlib.models import Price, PriceQuery

__all__ = ["PriceCatalog"]


@runtime_checkable
class PriceCatalog(Protocol):
    """Answers price queries. Implementations: SQLite (the embedded default), in-memory (tests, price books).

    ``lookup`` returns None where the catalog has no price; it never guesses.
    ``lookup_many`` answers a batch in order (implementations batch the I/O).
    ``price_date`` is the newest effective date the catalog holds (None when empty).
    """

    def lookup(self, query: PriceQuery) -> Price | None: ...

    def lookup_many(self, queries: Sequence[PriceQuery]) -> list[Price | None]: ...

    def price_date(self) -> date | None: ...
