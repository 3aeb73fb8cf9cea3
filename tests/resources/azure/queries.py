"""The price queries of one resource, for tests that check what the table rows leave out (the query's region)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from costlib.inputs.typed import parse
from costlib.models import CostComponent, PriceQuery, ResourceSpec


def components_of(type_: str, attributes: Mapping[str, Any], *, region: str | None = "eastus",
                  usage: Mapping[str, Any] | None = None) -> list[CostComponent]:
    spec = ResourceSpec(address=f"{type_}.x", type=type_, provider="azure", region=region,
                        attributes=dict(attributes), usage=dict(usage or {}))
    return [c for p in parse(spec).parts for c in p.rtype.price(p.inputs, p.usage)]


def queries_of(type_: str, attributes: Mapping[str, Any], *, region: str | None = "eastus",
               usage: Mapping[str, Any] | None = None) -> list[PriceQuery]:
    return [c.query for c in components_of(type_, attributes, region=region, usage=usage) if c.query is not None]
