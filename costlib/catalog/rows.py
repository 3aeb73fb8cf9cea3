"""The normalised price row every ingester produces and the SQLite store keeps.

A :class:`PriceRow` is one price of one product in one region, in the provider's own vocabulary
(see ``pricing/CONVENTIONS.md``): amounts are decimal strings, tiers are kept, and each row carries
its effective date and source.

>>> row = PriceRow(vendor="aws", service="AmazonEC2", region="us-east-1", product_family="Compute Instance",
...                attributes={"instanceType": "m5.large"}, unit="Hrs", price=Decimal("0.096"),
...                currency="USD", effective_date=date(2024, 4, 1), source="aws-bulk")
>>> row.to_price().unit_price
Money('0.096', 'USD')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from costlib.errors import InputError
from costlib.models import Price, PriceQuery, PriceTier, PurchaseOption
from costlib.money import ISO_4217, Money

__all__ = ["PriceRow", "attr_key"]


def attr_key(attributes: Mapping[str, str] | tuple[tuple[str, str], ...]) -> str:
    """Canonical text of an attribute set (sorted keys), used as the exact-match index key.

    >>> attr_key({"b": "2", "a": "1"})
    '{"a":"1","b":"2"}'
    """
    items = attributes.items() if isinstance(attributes, Mapping) else attributes
    return json.dumps(dict(sorted((str(k), str(v)) for k, v in items)), separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceRow:
    """One normalised price, ready to store.

    ``tiers`` is a tuple of ``(start, end_or_None, price)``; when empty the row is flat at ``price``.
    ``curated`` marks a row read by a person from a public pricing page (not from a price file).
    """

    vendor: str
    service: str
    region: str
    attributes: Mapping[str, str]
    unit: str
    price: Decimal
    currency: str
    effective_date: date
    source: str
    product_family: str = ""
    purchase_option: str = PurchaseOption.ON_DEMAND
    term: str = ""
    tiers: tuple[tuple[Decimal, Decimal | None, Decimal], ...] = ()
    sku: str = ""
    description: str = ""
    source_url: str = ""
    curated: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.currency not in ISO_4217:
            raise InputError(f"unknown currency {self.currency!r} for {self.service} {self.sku or ''}".strip(),
                             where=self.source)
        if not isinstance(self.price, Decimal) or not self.price.is_finite():
            raise InputError(f"price {self.price!r} is not a finite Decimal", where=self.source)
        if self.price < 0:
            raise InputError(f"negative price {self.price}", where=self.source)
        starts = [t[0] for t in self.tiers]
        if starts != sorted(set(starts)) or any(e is not None and e <= s for s, e, _ in self.tiers):
            raise InputError(f"tiers of {self.service} {self.sku} overlap or are out of order: {starts}",
                             where=self.source)
        object.__setattr__(self, "purchase_option", str(PurchaseOption(self.purchase_option)))
        object.__setattr__(self, "attributes", {str(k): str(v) for k, v in self.attributes.items()})

    @property
    def key(self) -> tuple[str, str, str, str, str, str, str, str]:
        """Identity of the product price (newest source wins among rows with equal keys)."""
        return (self.vendor, self.service, self.region, self.product_family, attr_key(self.attributes),
                self.purchase_option, self.unit, self.term)

    def to_query(self) -> PriceQuery:
        return PriceQuery(vendor=self.vendor, service=self.service, region=self.region,
                          product_family=self.product_family or None, attributes=dict(self.attributes),
                          purchase_option=self.purchase_option, unit=self.unit, term=self.term or None)

    def to_price(self) -> Price:
        tiers = tuple(PriceTier(s, e, Money(p, self.currency)) for s, e, p in self.tiers)
        return Price(unit_price=Money(self.price, self.currency), unit=self.unit, tiers=tiers,
                     effective_date=self.effective_date, source=self.source, sku=self.sku or None,
                     description=self.description or None, source_url=self.source_url or None)
