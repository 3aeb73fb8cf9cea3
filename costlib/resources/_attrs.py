"""Helpers for cost functions: read attributes and usage with clear errors, map zones to regions."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from costlib.errors import InputError
from costlib.models import ResourceSpec

__all__ = ["attr", "gcp_region_of_zone", "num", "optional_num", "usage"]


def attr(spec: ResourceSpec, name: str, default: Any = None) -> Any:
    """An attribute of the spec, or ``default`` when absent or null."""
    value = spec.attributes.get(name)
    return default if value is None else value


def _to_decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool):
        raise InputError(f"{value!r} is not a number", where=where)
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InputError(f"{value!r} is not a number", where=where) from None
        if result.is_finite():
            return result
    raise InputError(f"{value!r} is not a number", where=where)


def num(spec: ResourceSpec, name: str, default: Decimal | int | None = None) -> Decimal:
    """A numeric attribute (``default`` when absent); a non-number is an InputError naming address and key."""
    value = spec.attributes.get(name)
    if value is None:
        if default is None:
            raise InputError(f"attribute {name!r} is required", where=spec.address)
        return Decimal(default)
    result = _to_decimal(value, f"{spec.address}: {name}")
    if result < 0:
        raise InputError(f"{name} must not be negative, got {result}", where=spec.address)
    return result


def optional_num(spec: ResourceSpec, name: str) -> Decimal | None:
    value = spec.attributes.get(name)
    return None if value is None else num(spec, name)


def usage(spec: ResourceSpec, key: str) -> Decimal | None:
    """A usage figure (None when not given); a non-number is an InputError naming address and usage key."""
    value = spec.usage.get(key)
    if value is None:
        return None
    result = _to_decimal(value, f"{spec.address}: usage {key}")
    if result < 0:
        raise InputError(f"usage {key} must not be negative, got {result}", where=spec.address)
    return result


_ZONE = re.compile(r"^([a-z]+-[a-z]+\d+)-[a-z]$")


def gcp_region_of_zone(zone: str) -> str:
    """``us-central1-a`` -> ``us-central1``.

    >>> gcp_region_of_zone("europe-west4-b")
    'europe-west4'
    """
    m = _ZONE.match(zone)
    return m.group(1) if m else zone
