"""Shared helpers for ingesters: position-tracking readers and located errors."""

from __future__ import annotations

import io
import re
from decimal import Decimal, InvalidOperation
from typing import IO

from costlib.errors import InputError

__all__ = ["CountingReader", "dec", "strip_usage_prefix"]

_PREFIX = re.compile(r"^[A-Z]{2,4}[0-9]?-(?=[A-Za-z])")


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


def strip_usage_prefix(usagetype: str) -> str:
    """AWS usage types carry a region prefix outside us-east-1; strip it so one name serves every region.

    >>> strip_usage_prefix("EU-NatGateway-Hours"), strip_usage_prefix("NatGateway-Hours")
    ('NatGateway-Hours', 'NatGateway-Hours')
    >>> strip_usage_prefix("USE1-EBS:VolumeUsage.gp3")
    'EBS:VolumeUsage.gp3'
    """
    return _PREFIX.sub("", usagetype, count=1)
