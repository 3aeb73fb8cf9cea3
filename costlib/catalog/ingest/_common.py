"""Shared helpers for ingesters: position-tracking readers, located errors, usage-type prefixes, plausibility."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import IO

from costlib.errors import InputError

__all__ = ["AWS_BILLING_CODES", "MAX_UNIT_PRICE", "CountingReader", "Refused", "dec", "implausible",
           "strip_usage_prefix"]

#: The region short codes AWS puts in front of usage types outside us-east-1 ("AWS Region billing codes",
#: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html). Only these are
#: stripped, so a usage type that merely starts with capitals (``KMS-Keys``) is kept whole.
AWS_BILLING_CODES: frozenset[str] = frozenset({
    "USE1", "USE2", "USW1", "USW2", "CAN1", "CAN2", "MXC1", "AFS1", "APE1", "APE2", "APN1", "APN2", "APN3",
    "APS1", "APS2", "APS3", "APS4", "APS5", "APS6", "APS7", "APS8", "APS9", "EU", "EUC1", "EUC2", "EUN1",
    "EUS1", "EUS2", "EUW1", "EUW2", "EUW3", "ILC1", "MEC1", "MES1", "SAE1", "UGE1", "UGW1", "CNN1", "CNW1",
})

_PREFIX = re.compile(r"^([A-Z]{2,4}[0-9]?)-(?=[A-Za-z])")

#: The largest unit price any real price list carries is far below this in every currency (a 3-year all-upfront
#: reservation of the largest machine is about 10^6 USD, 10^10 in IDR); anything above is a corrupt feed.
MAX_UNIT_PRICE = Decimal("1e12")

#: Called with a message naming the SKU when an ingester refuses a price (see :func:`implausible`).
Refused = Callable[[str], None]


class CountingReader(io.RawIOBase):
    """Wraps a binary stream and counts bytes read, so parse errors can name a byte offset."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.position += n
        return n

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.position += len(data)
        return data


def dec(value: object, *, where: str) -> Decimal:
    """A price string as Decimal, or an InputError naming the place.

    >>> dec("0.0960000000", where="x")
    Decimal('0.0960000000')
    """
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(f"price {value!r} is not a decimal number", where=where) from None
    if not result.is_finite():
        raise InputError(f"price {value!r} is not finite", where=where)
    return result


def implausible(prices: list[Decimal] | tuple[Decimal, ...], *, free_ok: bool) -> str | None:
    """Why a product's prices (one per tier) cannot be real, or None when they can.

    Negative prices and prices above :data:`MAX_UNIT_PRICE` are never real; all-zero prices are real only where
    the product is free by nature (``free_ok``: a free tier, an included allowance).

    >>> implausible([Decimal("0.096")], free_ok=False) is None
    True
    >>> implausible([Decimal("1e30")], free_ok=False)
    'price 1E+30 is above the plausible bound 1E+12 per unit'
    >>> implausible([Decimal(0)], free_ok=False)
    'price 0 on a product that is not free'
    """
    for price in prices:
        if price < 0:
            return f"negative price {price}"
        if price > MAX_UNIT_PRICE:
            return f"price {price} is above the plausible bound {MAX_UNIT_PRICE} per unit"
    if not free_ok and prices and all(p == 0 for p in prices):
        return "price 0 on a product that is not free"
    return None


def strip_usage_prefix(usagetype: str) -> str:
    """AWS usage types carry a region prefix outside us-east-1; strip it so one name serves every region.

    Only the region billing codes in :data:`AWS_BILLING_CODES` are prefixes.

    >>> strip_usage_prefix("EU-NatGateway-Hours"), strip_usage_prefix("NatGateway-Hours")
    ('NatGateway-Hours', 'NatGateway-Hours')
    >>> strip_usage_prefix("USE1-EBS:VolumeUsage.gp3"), strip_usage_prefix("APN1-KMS-Keys")
    ('EBS:VolumeUsage.gp3', 'KMS-Keys')
    >>> strip_usage_prefix("KMS-Keys")
    'KMS-Keys'
    """
    m = _PREFIX.match(usagetype)
    if m and m.group(1) in AWS_BILLING_CODES:
        return usagetype[m.end():]
    return usagetype
