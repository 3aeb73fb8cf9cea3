"""Curated list prices: rows a person read from a provider's public pricing page, with address and date.

Used only where no real price file is at hand. The file format (CSV, one price per row)::

    vendor,service,region,product_family,attributes,purchase_option,unit,term,price,currency,
    tier_start,tier_end,effective_date,source_url,note

``attributes`` is a JSON object. Rows with the same key and consecutive ``tier_start`` values make one
tiered price. Every row must carry ``source_url`` and ``effective_date`` (the day the page was read).

>>> import io
>>> text = ("vendor,service,region,product_family,attributes,purchase_option,unit,term,price,currency,"
...         "tier_start,tier_end,effective_date,source_url,note\\n"
...         'aws,AmazonEKS,us-east-1,Compute,"{""usagetype"": ""AmazonEKS-Hours:perCluster""}",on_demand,Hours,,'
...         "0.10,USD,,,2026-11-25,https://aws.amazon.com/eks/pricing/,standard support\\n")
>>> [r.price for r in read_curated(io.StringIO(text), where="eks.csv")]
[Decimal('0.10')]
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import IO, Any

from costlib.catalog.ingest._common import dec
from costlib.catalog.rows import PriceRow
from costlib.errors import InputError

__all__ = ["CURATED_COLUMNS", "read_curated"]

CURATED_COLUMNS = ("vendor", "service", "region", "product_family", "attributes", "purchase_option", "unit", "term",
                   "price", "currency", "tier_start", "tier_end", "effective_date", "source_url", "note")


def read_curated(stream: IO[str], *, where: str) -> Iterator[PriceRow]:
    """Read a curated price file; every malformed row is an :class:`InputError` naming ``file:line``."""
    reader = csv.DictReader(stream)
    missing = [c for c in CURATED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"curated price file lacks columns {missing}", where=where)
    groups: dict[tuple[Any, ...], list[tuple[Decimal, Decimal | None, PriceRow]]] = {}
    for rec in reader:
        here = f"{where}:{reader.line_num}"
        if not rec["source_url"].startswith("https://"):
            raise InputError("every curated price needs the https:// address of its pricing page", where=here)
        try:
            attrs = json.loads(rec["attributes"] or "{}")
            eff = date.fromisoformat(rec["effective_date"])
        except (json.JSONDecodeError, ValueError) as exc:
            raise InputError(f"bad attributes or date: {exc}", where=here) from None
        if not isinstance(attrs, dict):
            raise InputError("attributes must be a JSON object", where=here)
        row = PriceRow(vendor=rec["vendor"], service=rec["service"], region=rec["region"],
                       product_family=rec["product_family"], attributes=attrs,
                       purchase_option=rec["purchase_option"] or "on_demand", unit=rec["unit"], term=rec["term"],
                       price=dec(rec["price"], where=here), currency=rec["currency"], effective_date=eff,
                       source=f"curated-{rec['vendor']}", source_url=rec["source_url"], description=rec["note"],
                       curated=True)
        start = dec(rec["tier_start"] or "0", where=here)
        end = dec(rec["tier_end"], where=here) if rec["tier_end"] else None
        groups.setdefault(row.key, []).append((start, end, row))
    for bands in groups.values():
        bands.sort(key=lambda b: b[0])
        base = bands[0][2]
        if len(bands) > 1 or bands[0][1] is not None or bands[0][0] != 0:
            tiers = tuple((s, e, r.price) for s, e, r in bands)
            base = PriceRow(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "tiers": tiers})
        yield base
