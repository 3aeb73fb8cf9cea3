"""The SQLite price catalog: a read side (:class:`SQLiteCatalog`) and a build side (:class:`CatalogWriter`).

Lookups are exact on the full attribute set first (one indexed row read), then fall back to subset
matching inside the (vendor, service, region, purchase option) group, and never guess: two matching
prices are reported as ambiguous, with the attribute names that tell them apart.

A catalog file is replaced atomically: the writer builds a temporary file beside the target and
``os.replace``\\ s it in only after a successful commit, so a failed build or refresh leaves the old
catalog untouched, and readers that already opened the old file keep reading it.

>>> import tempfile, pathlib
>>> from datetime import date
>>> from decimal import Decimal
>>> path = pathlib.Path(tempfile.mkdtemp()) / "catalog.sqlite"
>>> with CatalogWriter(path) as w:
...     _ = w.add(PriceRow(vendor="aws", service="AmazonEC2", region="us-east-1",
...               product_family="Compute Instance", attributes={"instanceType": "t3.micro"}, unit="Hrs",
...               price=Decimal("0.0104"), currency="USD", effective_date=date(2026, 7, 20), source="karpenter"))
>>> cat = SQLiteCatalog(path)
>>> q = PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1", attributes={"instanceType": "t3.micro"})
>>> cat.lookup(q).unit_price
Money('0.0104', 'USD')
"""

from __future__ import annotations

import functools
import gc
import json
import os
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

from costlib.catalog.rows import PriceRow, attr_key
from costlib.errors import CatalogError
from costlib.models import Price, PriceQuery, PriceTier
from costlib.money import Money

__all__ = ["SCHEMA_VERSION", "CatalogWriter", "LookupOutcome", "LookupResult", "SQLiteCatalog", "SourceInfo",
           "nearest"]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY, vendor TEXT NOT NULL, description TEXT NOT NULL, url TEXT NOT NULL,
    licence TEXT NOT NULL, price_date TEXT NOT NULL, fetched_at TEXT NOT NULL, curated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS prices (
    vendor TEXT NOT NULL, service TEXT NOT NULL, region TEXT NOT NULL, family TEXT NOT NULL,
    attr_key TEXT NOT NULL, purchase_option TEXT NOT NULL, unit TEXT NOT NULL, term TEXT NOT NULL,
    price TEXT NOT NULL, currency TEXT NOT NULL, tiers TEXT NOT NULL, effective_date TEXT NOT NULL,
    source TEXT NOT NULL, source_url TEXT NOT NULL, sku TEXT NOT NULL, description TEXT NOT NULL,
    curated INTEGER NOT NULL,
    PRIMARY KEY (vendor, service, region, attr_key, purchase_option, family, unit, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS specs (
    vendor TEXT NOT NULL, name TEXT NOT NULL, vcpu TEXT NOT NULL, memory_gib TEXT NOT NULL, arch TEXT NOT NULL,
    PRIMARY KEY (vendor, name)
);
"""

_COLS = ("price, currency, tiers, effective_date, source, source_url, sku, description, unit, family, attr_key, "
         "term")


class LookupOutcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    REGION_MISSING = "region_missing"
    SERVICE_MISSING = "service_missing"


@dataclass(frozen=True, slots=True)
class LookupResult:
    """A lookup with its reason: the price, or why there is none (and what would fill it)."""

    query: PriceQuery
    outcome: LookupOutcome
    price: Price | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a set of catalog rows came from."""

    name: str
    vendor: str
    description: str
    url: str
    licence: str
    price_date: date
    fetched_at: str
    curated: bool


_PENDING = LookupResult(PriceQuery(vendor="aws", service="-", region="-"), LookupOutcome.NOT_FOUND)


def refresh_hint(vendor: str, region: str, service: str) -> str:
    """The command that fills a missing region or service."""
    return f"costlib pricing refresh --provider {vendor} --region {region} --service '{service}'"


_VENDOR_WORDS = re.compile(r"^(amazon|aws|azure|google|gcp|cloud)+")


def _bare(name: str) -> str:
    """A service name without case, punctuation or the vendor's prefix: ``AmazonEC2`` and ``ec2`` are ``ec2``."""
    return _VENDOR_WORDS.sub("", re.sub(r"[^a-z0-9]", "", name.lower())) or name.lower()


def nearest(value: str, known: Iterable[str], n: int = 3, *, cutoff: float = 0.6) -> list[str]:
    """The ``n`` known names closest to ``value``, best first: the same name in another case, the same name
    without the vendor's prefix (``EC2`` for ``AmazonEC2``), names containing it, then spellings at least
    ``cutoff`` alike (the :class:`difflib.SequenceMatcher` ratio).

    >>> nearest("m5.larg", ["m5.large", "m5.xlarge", "c5.large", "t3.micro"])
    ['m5.large', 'm5.xlarge', 'c5.large']
    >>> nearest("EC2", ["AmazonEC2", "AmazonS3", "AWSLambda"])
    ['AmazonEC2']
    >>> nearest("zzz", ["AmazonEC2"])
    []
    """
    from difflib import SequenceMatcher  # for messages only: not imported by an estimate that finds its prices

    want, bare = value.strip().lower(), _bare(value)
    scored: dict[str, tuple[int, float]] = {}
    for name in set(known):
        low = name.lower()
        ratio = SequenceMatcher(None, want, low).ratio()
        tier = (3 if low == want else 2 if _bare(name) == bare else 1 if len(want) >= 3 and want in low
                else 0 if ratio >= cutoff else -1)
        if tier >= 0:
            scored[name] = (tier, ratio)
    return sorted(scored, key=lambda name: (-scored[name][0], -scored[name][1], name))[:n]


def _row_to_price(row: tuple[Any, ...]) -> Price:
    amount, currency, tiers_json, eff, source, url, sku, desc, unit = row[:9]
    tiers: tuple[PriceTier, ...] = ()
    if tiers_json != "[]":
        tiers = tuple(
            PriceTier(Decimal(s), None if e is None else Decimal(e), Money(p, currency))
            for s, e, p in json.loads(tiers_json)
        )
    if not tiers:
        return Price.trusted(unit_price=Money.trusted(Decimal(amount), currency), unit=unit,
                             effective_date=_date(eff), source=source, source_url=url or None, sku=sku or None,
                             description=desc or None)
    return Price(unit_price=Money.trusted(Decimal(amount), currency), unit=unit, tiers=tiers,
                 effective_date=_date(eff), source=source, source_url=url or None, sku=sku or None,
                 description=desc or None)


def _either(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> date:
    return date.fromisoformat(text)


def _coverage(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Every (vendor, service, region) the catalog prices: one primary-key seek per group, not a scan of every
    row (``SELECT DISTINCT`` reads all 158,000 rows of the embedded catalog: 20-30 ms at each start; this is 2)."""
    out: set[tuple[str, str, str]] = set()
    order = "ORDER BY vendor, service, region LIMIT 1"
    row = conn.execute(f"SELECT vendor, service, region FROM prices {order}").fetchone()
    while row is not None:
        vendor, service, region = row
        out.add((vendor, service, region))
        nxt = conn.execute(f"SELECT region FROM prices WHERE vendor=? AND service=? AND region>? {order}",
                           (vendor, service, region)).fetchone()
        if nxt is not None:
            row = (vendor, service, nxt[0])
            continue
        nxt = conn.execute(f"SELECT service, region FROM prices WHERE vendor=? AND service>? {order}",
                           (vendor, service)).fetchone()
        row = (vendor, *nxt) if nxt is not None else conn.execute(
            f"SELECT vendor, service, region FROM prices WHERE vendor>? {order}", (vendor,)).fetchone()
    return out


class SQLiteCatalog:
    """Read side of a catalog file; safe to share between threads (one connection per thread)."""

    def __init__(self, path: str | os.PathLike[str], *, group_cache: int = 64) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise CatalogError(f"price catalog not found at {self.path}; build it with "
                               "`costlib pricing refresh` or `python -m costlib.catalog.build`")
        self._local = threading.local()
        self._groups: OrderedDict[tuple[str, ...], list[tuple[Any, ...]]] = OrderedDict()
        self._group_cache = group_cache
        self._lock = threading.Lock()
        conn = self._conn()
        try:
            version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise CatalogError(f"{self.path} is not a costlib price catalog ({exc})") from None
        if version is None or int(version[0]) != SCHEMA_VERSION:
            raise CatalogError(f"{self.path} has catalog schema {version and version[0]}, "
                               f"this costlib reads schema {SCHEMA_VERSION}; rebuild it")
        self._coverage = _coverage(conn)
        self._services = {(v, s) for v, s, _ in self._coverage}

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    # --- lookups -----------------------------------------------------------
    def lookup(self, query: PriceQuery) -> Price | None:
        """The one price matching ``query``, or None (use :meth:`explain` for the reason)."""
        return self.explain(query, reasons=False).price

    def lookup_many(self, queries: Sequence[PriceQuery]) -> list[Price | None]:
        """Answer a batch in order (one SQL round trip per (vendor, service, region) group)."""
        found = self._paused_gc_batch(queries, reasons=False)
        return [p if isinstance(p, Price) else p.price for p in (found[q] for q in queries)]

    def explain_many(self, queries: Sequence[PriceQuery], *, reasons: bool = True) -> list[LookupResult]:
        """Like :meth:`explain` for a batch; equal queries are answered once; misses say why (``reasons=False``:
        the outcome, with a short message and no search for the nearest names the catalog holds)."""
        found = self._paused_gc_batch(queries, reasons=reasons)
        return [LookupResult(q, LookupOutcome.FOUND, p) if isinstance(p, Price) else p
                for q, p in ((q, found[q]) for q in queries)]

    def _paused_gc_batch(self, queries: Sequence[PriceQuery], *, reasons: bool = True
                         ) -> dict[PriceQuery, Price | LookupResult]:
        # The cyclic GC would re-scan the growing result set again and again (halving throughput);
        # nothing here makes reference cycles, so it is paused for the batch and restored afterwards.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._batch(queries, reasons=reasons)
        finally:
            if was_enabled:
                gc.enable()

    def _batch(self, queries: Sequence[PriceQuery], *, reasons: bool = True) -> dict[PriceQuery, Price | LookupResult]:
        results: dict[PriceQuery, Price | LookupResult] = {}
        groups: dict[tuple[str, str, str, str], dict[str, list[PriceQuery]]] = {}
        for q in queries:
            if q not in results:
                results[q] = _PENDING
                gkey = (q.vendor, q.service, q.region, q.purchase_option)
                group = groups.get(gkey)
                if group is None:
                    group = groups[gkey] = {}
                group.setdefault(q.attr_key, []).append(q)
        conn = self._conn()
        for (vendor, service, region, option), by_key in groups.items():
            keys = list(by_key)
            if len(keys) <= 64:  # a few keys: probe the primary key for each
                sql = (f"SELECT {_COLS} FROM prices WHERE vendor=? AND service=? AND region=? "
                       f"AND purchase_option=? AND attr_key IN ({','.join('?' * len(keys))})")
                cursor = conn.execute(sql, [vendor, service, region, option, *keys])
            else:  # many keys: one range scan of the group is cheaper than many probes
                cursor = conn.execute(f"SELECT {_COLS} FROM prices WHERE vendor=? AND service=? AND region=? "
                                      "AND purchase_option=?", [vendor, service, region, option])
            found: dict[str, list[tuple[Any, ...]]] = {}
            for row in cursor:
                if row[10] in by_key:
                    found.setdefault(row[10], []).append(row)
            for key, wanting in by_key.items():
                candidates = found.get(key, ())
                for q in wanting:
                    if len(candidates) == 1 and q.product_family is None and q.unit is None and q.term is None:
                        results[q] = _row_to_price(candidates[0])
                        continue
                    rows = [r for r in candidates
                            if (q.product_family is None or r[9] == q.product_family)
                            and (q.unit is None or r[8] == q.unit) and (q.term is None or r[11] == q.term)]
                    results[q] = _row_to_price(rows[0]) if len(rows) == 1 else self.explain(q, reasons=reasons)
        return results

    def explain(self, query: PriceQuery, *, reasons: bool = True) -> LookupResult:
        """Look ``query`` up and say why when there is no single price (``reasons=False``: the outcome only, as
        the savings rules need when an alternative has no price: no finding, and no nearest names to look for)."""
        conn = self._conn()
        sql = (f"SELECT {_COLS} FROM prices WHERE vendor=? AND service=? AND region=? AND attr_key=? "
               "AND purchase_option=?")
        params: list[str] = [query.vendor, query.service, query.region, query.attr_key,
                             query.purchase_option]
        for col, val in (("family", query.product_family), ("unit", query.unit), ("term", query.term)):
            if val is not None:
                sql += f" AND {col}=?"
                params.append(val)
        rows = conn.execute(sql, params).fetchall()
        if not rows:
            rows = self._subset(query)
        if len(rows) == 1:
            return LookupResult(query, LookupOutcome.FOUND, _row_to_price(rows[0]))
        if len(rows) > 1:
            return LookupResult(query, LookupOutcome.AMBIGUOUS,
                                message=self._ambiguity(query, rows))
        return self._missing(query, reasons=reasons)

    def _subset(self, query: PriceQuery) -> list[tuple[Any, ...]]:
        want = query.attrs
        return [r for r in self._group(query)
                if (query.unit is None or r[8] == query.unit) and (query.term is None or r[11] == query.term)
                and all(r[12].get(k) == v for k, v in want.items())]

    def _group(self, query: PriceQuery) -> list[tuple[Any, ...]]:
        """Every row of the query's (vendor, service, region, purchase option[, family]), attributes parsed."""
        gkey = (query.vendor, query.service, query.region, query.purchase_option, query.product_family or "\0")
        with self._lock:
            group = self._groups.get(gkey)
            if group is not None:
                self._groups.move_to_end(gkey)
        if group is None:
            sql = (f"SELECT {_COLS} FROM prices WHERE vendor=? AND service=? AND region=? AND purchase_option=?")
            params = [query.vendor, query.service, query.region, query.purchase_option]
            if query.product_family is not None:
                sql += " AND family=?"
                params.append(query.product_family)
            group = [(*r, json.loads(r[10])) for r in self._conn().execute(sql, params)]
            with self._lock:
                self._groups[gkey] = group
                while len(self._groups) > self._group_cache:
                    self._groups.popitem(last=False)
        return group

    def _ambiguity(self, query: PriceQuery, rows: list[tuple[Any, ...]]) -> str:
        attrs = [json.loads(r[10]) for r in rows]
        names = sorted({k for a in attrs for k in a if len({b.get(k) for b in attrs}) > 1})
        extra = [col for col, i in (("unit", 8), ("product_family", 9), ("term", 11)) if len({r[i] for r in rows}) > 1]
        return (f"ambiguous: {len(rows)} prices match {query.describe()}; "
                f"add one of: {', '.join(names + extra) or 'a more specific attribute'}")

    def _missing(self, query: PriceQuery, *, reasons: bool = True) -> LookupResult:
        if not reasons:
            outcome = (LookupOutcome.SERVICE_MISSING if (query.vendor, query.service) not in self._services else
                       LookupOutcome.REGION_MISSING if (query.vendor, query.service, query.region) not in self._coverage
                       else LookupOutcome.NOT_FOUND)
            return LookupResult(query, outcome, message=f"no price in the catalog for {query.describe()}")
        hint = refresh_hint(query.vendor, query.region, query.service)
        if (query.vendor, query.service) not in self._services:
            near = nearest(query.service, self.services(query.vendor), cutoff=0.9)  # a typo, not another service
            return LookupResult(query, LookupOutcome.SERVICE_MISSING,
                                message=f"the catalog has no {query.vendor} {query.service} prices; "
                                        + (f"services go by their catalog code: did you mean {_either(near)}? (for a "
                                           f"service it does not hold yet: {hint})" if near else
                                           f"fill it with: {hint}"))
        if (query.vendor, query.service, query.region) not in self._coverage:
            held = {r for v, _s, r in self._coverage if v == query.vendor}
            # a region the catalog holds for other services is real, not a typo: no "did you mean" then
            near = [] if query.region in held else nearest(query.region, (r for v, s, r in self._coverage
                                                                          if (v, s) == (query.vendor, query.service)))
            return LookupResult(query, LookupOutcome.REGION_MISSING,
                                message=f"the catalog has no {query.vendor} {query.service} prices in region "
                                        f"{query.region}" + (f" (did you mean {_either(near)}?)" if near else "")
                                        + f"; fill it with: {hint}")
        unknown = self._unknown_values(query)
        return LookupResult(query, LookupOutcome.NOT_FOUND,
                            message=f"no price in the catalog for {query.describe()} ("
                                    + (" ".join(unknown) + " A" if unknown else "check the size/SKU name; a")
                                    + f" newer product may need: {hint})")

    def _unknown_values(self, query: PriceQuery) -> list[str]:
        """For each attribute whose value no row of the query's group has (a mistyped size or SKU), the nearest
        values the catalog holds there, preferring those that fit the query's other attributes."""
        group = self._group(query)
        want = query.attrs
        out = []
        for key, value in want.items():
            held = {r[12][key] for r in group if key in r[12]}
            if not held or value in held:
                continue
            fitting = {r[12][key] for r in group if key in r[12]
                       and all(r[12].get(k) == v for k, v in want.items() if k != key)}
            near = nearest(value, fitting) or nearest(value, held)
            out.append(f"{key} {value!r} is not in the catalog here"
                       + (f", did you mean {_either(near)}?" if near else "."))
        return out

    def services(self, vendor: str) -> list[str]:
        """The services (catalog codes: ``AmazonEC2``, ``Virtual Machines``) the catalog holds for ``vendor``."""
        return sorted(s for v, s in self._services if v == vendor)

    def service_alias(self, vendor: str, name: str) -> str | None:
        """The one catalog service ``name`` stands for (``ec2`` -> ``AmazonEC2``, ``lambda`` -> ``AWSLambda``):
        the same name in another case or without the vendor's prefix; None where it is unknown or ambiguous."""
        matches = [s for s in self.services(vendor) if s.lower() == name.lower() or _bare(s) == _bare(name)]
        return matches[0] if len(matches) == 1 else None

    # --- metadata --------------------------------------------------------------
    def price_date(self) -> date | None:
        """The newest effective date the catalog holds."""
        row = self._conn().execute("SELECT max(effective_date) FROM prices").fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def catalog_date(self) -> date | None:
        """When the catalog file was built."""
        row = self._conn().execute("SELECT value FROM meta WHERE key='built_at'").fetchone()
        return datetime.fromisoformat(row[0]).date() if row else None

    def sources(self) -> list[SourceInfo]:
        rows = self._conn().execute(
            "SELECT name, vendor, description, url, licence, price_date, fetched_at, curated FROM sources "
            "ORDER BY vendor, name").fetchall()
        return [SourceInfo(n, v, d, u, lic, date.fromisoformat(p), f, bool(c)) for n, v, d, u, lic, p, f, c in rows]

    def counts(self) -> list[tuple[str, str, str, int, str, str, bool]]:
        """Rows per (vendor, region, service): count, oldest and newest effective date, curated."""
        return [(v, r, s, n, lo, hi, bool(c)) for v, r, s, n, lo, hi, c in self._conn().execute(
            "SELECT vendor, region, service, count(*), min(effective_date), max(effective_date), max(curated) "
            "FROM prices GROUP BY vendor, region, service ORDER BY vendor, region, service")]

    def covers(self, vendor: str, service: str, region: str) -> bool:
        return (vendor, service, region) in self._coverage

    def regions(self, vendor: str) -> set[str]:
        return {r for v, _, r in self._coverage if v == vendor}

    def search(self, vendor: str, service: str, region: str, *, family: str | None = None,
               purchase_option: str = "on_demand") -> list[tuple[dict[str, str], Price]]:
        """Every product of a group with its attributes (for size tables and `pricing lookup --list`)."""
        sql = f"SELECT {_COLS} FROM prices WHERE vendor=? AND service=? AND region=? AND purchase_option=?"
        params = [vendor, service, region, purchase_option]
        if family is not None:
            sql += " AND family=?"
            params.append(family)
        return [(json.loads(r[10]), _row_to_price(r)) for r in self._conn().execute(sql, params)]

    def specs(self, vendor: str) -> dict[str, tuple[Decimal, Decimal, str]]:
        """Instance sizes known to the catalog: name -> (vCPU, memory GiB, architecture)."""
        return {n: (Decimal(c), Decimal(m), a) for n, c, m, a in self._conn().execute(
            "SELECT name, vcpu, memory_gib, arch FROM specs WHERE vendor=?", (vendor,))}

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class CatalogWriter:
    """Builds a catalog file and swaps it in atomically on success.

    ``base`` (optional) is an existing catalog whose rows are kept except those of the sources
    listed in ``replace_sources``: a refresh of one provider leaves the others as they were.
    Rows with equal keys keep the newest effective date (ties: the row added last).
    """

    def __init__(self, target: str | os.PathLike[str], *, base: str | os.PathLike[str] | None = None,
                 replace_sources: Iterable[str] = (), built_at: datetime | None = None) -> None:
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self._built_at = built_at or datetime.now(UTC)
        self.count = 0
        if base is not None and Path(base).is_file():
            src = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
            dst = sqlite3.connect(self.tmp)
            src.backup(dst)
            src.close()
            dst.close()
        self._conn = sqlite3.connect(self.tmp)
        self._conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        self._conn.executescript(_SCHEMA)
        for name in replace_sources:
            self._conn.execute("DELETE FROM prices WHERE source=?", (name,))
            self._conn.execute("DELETE FROM sources WHERE name=?", (name,))

    def add_source(self, info: SourceInfo) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?,?,?)",
            (info.name, info.vendor, info.description, info.url, info.licence, info.price_date.isoformat(),
             info.fetched_at, int(info.curated)))

    def add_spec(self, vendor: str, name: str, vcpu: Decimal, memory_gib: Decimal, arch: str) -> None:
        """Record an instance size (for size tables such as ``--compare-clouds``)."""
        self._conn.execute("INSERT OR REPLACE INTO specs VALUES (?,?,?,?,?)",
                           (vendor, name, str(vcpu), str(memory_gib), arch))

    def add(self, row: PriceRow) -> int:
        """Add one row; returns 1 if stored (or replaced an older one), 0 if an equal key is newer."""
        tiers = json.dumps([[str(s), None if e is None else str(e), str(p)] for s, e, p in row.tiers])
        cur = self._conn.execute(
            """INSERT INTO prices (vendor, service, region, family, attr_key, purchase_option, unit, term, price,
                   currency, tiers, effective_date, source, source_url, sku, description, curated)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT (vendor, service, region, attr_key, purchase_option, family, unit, term) DO UPDATE SET
                   price=excluded.price, currency=excluded.currency, tiers=excluded.tiers,
                   effective_date=excluded.effective_date, source=excluded.source, source_url=excluded.source_url,
                   sku=excluded.sku, description=excluded.description, curated=excluded.curated
               WHERE excluded.effective_date >= prices.effective_date""",
            (row.vendor, row.service, row.region, row.product_family, attr_key(row.attributes), row.purchase_option,
             row.unit, row.term, str(row.price), row.currency, tiers, row.effective_date.isoformat(), row.source,
             row.source_url, row.sku, row.description, int(row.curated)))
        self.count += cur.rowcount
        return cur.rowcount

    def add_all(self, rows: Iterable[PriceRow]) -> int:
        n = 0
        for row in rows:
            n += self.add(row)
        return n

    def merge(self, other: str | os.PathLike[str]) -> int:
        """Lay every row, source and size of another catalog file over this one (newest effective date wins, ties
        go to ``other``); returns the rows taken from it."""
        cols = ("vendor, service, region, family, attr_key, purchase_option, unit, term, price, currency, tiers, "
                "effective_date, source, source_url, sku, description, curated")
        self._conn.execute("ATTACH DATABASE ? AS other", (str(other),))
        try:
            cur = self._conn.execute(
                f"""INSERT INTO prices ({cols}) SELECT {cols} FROM other.prices WHERE true
                   ON CONFLICT (vendor, service, region, attr_key, purchase_option, family, unit, term) DO UPDATE SET
                       price=excluded.price, currency=excluded.currency, tiers=excluded.tiers,
                       effective_date=excluded.effective_date, source=excluded.source,
                       source_url=excluded.source_url, sku=excluded.sku, description=excluded.description,
                       curated=excluded.curated
                   WHERE excluded.effective_date >= prices.effective_date""")
            n = cur.rowcount
            self._conn.execute("INSERT OR REPLACE INTO sources SELECT * FROM other.sources")
            self._conn.execute("INSERT OR IGNORE INTO specs SELECT * FROM other.specs")
            self._conn.commit()
        except sqlite3.DatabaseError as exc:
            raise CatalogError(f"{other} cannot be merged: {exc}") from None
        finally:
            self._conn.execute("DETACH DATABASE other")
        self.count += n
        return n

    def commit(self) -> Path:
        """Finish the file and atomically replace the target with it."""
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('built_at', ?)", (self._built_at.isoformat(),))
        self._conn.commit()
        self._conn.execute("VACUUM")
        self._conn.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.target)
        return self.target

    def abort(self) -> None:
        """Drop the temporary file; the target is untouched."""
        try:
            self._conn.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> CatalogWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()
