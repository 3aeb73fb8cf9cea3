"""FOCUS files (CSV or Parquet; local paths, globs, folders or ``s3://``) read and aggregated with DuckDB.

The aggregation is one streaming DuckDB query: rows are grouped by charge day and the requested FOCUS dimensions
and tag keys, costs are summed as ``DECIMAL(38, 12)`` (never floats), and only the groups come back to Python.
Memory does not grow with the number of rows: nothing holds all rows at once (no window over the files).

Every row is still checked, in that same pass: a row whose numbers are blank, unreadable or too precise is counted
on its group, and currencies, charge categories and unreadable dates are group keys, checked on the groups (rows
outside the window are folded into a few groups, so they are checked too). Only when something was counted does a
second query count each kind of bad row, and a third find the first one, so a bad row is named by its file and
row: ``x.csv:3`` is line 3 of a CSV (its header is line 1; a quoted value over several lines is one row), and
``x.parquet: row 5`` the fifth row of a Parquet file.

Refused whatever the settings: a cost or quantity that is not a number, an unknown currency, an unknown
``ChargeCategory``, a ``ChargePeriodStart`` that is not a date, ``Tags`` that are not JSON. What ``on_bad_rows``
decides (``error``, the default, or ``warn``): a blank or NULL ``BilledCost`` (``warn``: counted as 0), a blank
``ChargePeriodStart`` (``warn``: left out, and the amount left out said) and a cost with more than 12 decimal places
(``warn``: rounded to 12). With ``warn`` each is a warning in :attr:`SpendResult.warnings` and in the source's
health message; nothing is dropped or rounded without one. A ``DOUBLE`` column (AWS's FOCUS Parquet export writes
costs so) is read as its shortest round-trip decimal, the number the writer meant. ``ConsumedQuantity`` keeps 18
decimal places (real exports carry 15); grouped without ``ConsumedUnit`` it is a sum over units, which only says
whether there was usage (the daemon's idle check reads it so).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
>>> _ = p.write_text("BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,"
...                  "ChargeCategory,ProviderName,ServiceName,SubAccountId,RegionId,Tags\\n"
...                  '1.5,1.5,2,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,Usage,AWS,EC2,1,us-east-1,'
...                  '"{""team"": ""web""}"\\n')
>>> src = FocusFileSource("demo", [str(p)])
>>> res = src.fetch(SpendWindow(date(2024, 9, 1), date(2024, 10, 1)), tag_keys=["team"])
>>> [(r.billed_cost, dict(r.tags)) for r in res.records]
[(Money('1.500000000000', 'USD'), {'team': 'web'})]
"""

from __future__ import annotations

import glob
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from costlib.errors import InputError, ProviderError
from costlib.money import ISO_4217, Money, plain
from costlib.spend.base import (
    ChargeCategory,
    HealthStatus,
    SourceHealth,
    SpendRecord,
    SpendResult,
    SpendWindow,
    paused_gc,
)
from costlib.spend.health import HealthTracker

__all__ = ["DIMENSIONS", "MONEY_SCALE", "QUANTITY_SCALE", "FocusFileSource", "OnBadRows"]

#: FOCUS columns a fetch may group by (besides the charge day, provider, category and currency).
DIMENSIONS = ("ServiceName", "ServiceCategory", "SubAccountId", "SubAccountName", "RegionId", "ResourceId",
              "ResourceName", "PricingUnit", "ConsumedUnit")

#: Decimal places costs are summed at; a cost with more is refused (or, with ``on_bad_rows: warn``, rounded with
#: a warning), never cut silently.
MONEY_SCALE = 12
#: Decimal places of ``ConsumedQuantity`` (real exports carry 15).
QUANTITY_SCALE = 18

OnBadRows = Literal["error", "warn"]

_COSTS = ("BilledCost", "EffectiveCost", "ListCost")
_NUMBERS = (*_COSTS, "ConsumedQuantity")
_SCALES = {"BilledCost": MONEY_SCALE, "EffectiveCost": MONEY_SCALE, "ListCost": MONEY_SCALE,
           "ConsumedQuantity": QUANTITY_SCALE}
_PARQUET = (".parquet", ".parq")
_REMOTE = ("s3://", "gs://", "gcs://", "https://", "http://", "az://", "abfss://")
_Q12 = Decimal(1).scaleb(-MONEY_SCALE)
_ZERO = Decimal(0).quantize(_Q12)  # a group whose every BilledCost is blank (on_bad_rows: warn) bills 0

# Decimal places of a number written as text (trailing zeros do not count; "1.5e-14" has 15): the digits after the
# point, less the trailing zeros of the digits, less the exponent. Only evaluated for text that could have more than
# the scale allows (long, or with an exponent), so its cost does not matter.
_PLACES_MACRO = """CREATE OR REPLACE TEMP MACRO _costlib_places(t) AS
  (CASE WHEN strpos(split_part(t, 'e', 1), '.') > 0
        THEN length(split_part(t, 'e', 1)) - strpos(split_part(t, 'e', 1), '.') ELSE 0 END)
  - (length(split_part(t, 'e', 1)) - length(rtrim(split_part(t, 'e', 1), '0.'))
     - CASE WHEN contains(split_part(t, 'e', 1), '.') AND NOT contains(rtrim(split_part(t, 'e', 1), '0.'), '.')
            THEN 1 ELSE 0 END)
  - coalesce(TRY_CAST(NULLIF(split_part(t, 'e', 2), '') AS BIGINT), 0)"""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _json_path(key: str) -> str:
    """A SQL literal of the JSON path of one tag key, quoted so ``kubernetes.io/team`` is one key, not a path."""
    return _lit('$."' + key.replace("\\", "\\\\").replace('"', '\\"') + '"')


def _is_parquet(path: str) -> bool:
    return path.lower().endswith(_PARQUET)


_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                  "UBIGINT", "UHUGEINT")


@dataclass(frozen=True, slots=True)
class _Part:
    """One DuckDB reader over files of one format, and the SQL of its rows in the normalised shape.

    The rows are built in three layers so each conversion is written (and computed) once: the values as read
    (``raw0``.. the numbers as text or as their own numeric type), then their DECIMALs and the UTC day, then the
    checks over both.
    """

    csv: bool
    files: tuple[str, ...]
    types: Mapping[str, str]
    null_string: str

    def scan(self, *, locate: bool = False) -> str:
        """The table function reading the files (with file name and row number when ``locate``)."""
        files = "[" + ", ".join(_lit(f) for f in self.files) + "]"
        if self.csv:  # blanks and the null string are NULL; every value is text, checked below
            return (f"read_csv({files}, all_varchar=true, header=true, union_by_name=true, "
                    f"nullstr=[{_lit(self.null_string)}, ''])")
        extra = ", filename=true, file_row_number=true" if locate else ""
        return f"read_parquet({files}, union_by_name=true{extra})"

    def text(self, col: str, *, blanks: bool = True) -> str:
        """The column as text, NULL when blank or the null string (unless ``blanks`` is False: then the caller
        turns them into None itself); NULL when the column is absent."""
        kind = self.types.get(col)
        if kind is None:
            return "NULL::VARCHAR"
        if kind == "VARCHAR":
            if self.csv or not blanks:  # the CSV reader already read blanks and the null string as NULL
                return _quote(col)
            return f"NULLIF(NULLIF({_quote(col)}, ''), {_lit(self.null_string)})"
        return f"CAST({_quote(col)} AS VARCHAR)"

    def _raw_number(self, col: str) -> str:
        kind = self.types.get(col)
        if kind is None:
            return "NULL::VARCHAR"
        if kind in _INTEGER_TYPES or kind.startswith("DECIMAL(") or kind == "DOUBLE":
            return _quote(col)
        return self.text(col)  # text, and FLOAT as its shortest round-trip decimal

    def _numbers(self, i: int, col: str) -> list[str]:
        """SQL over layer 1 of number ``i`` as two columns, one of them NULL: ``fast{i}``, the value times 10^12
        as a BIGINT where a DOUBLE allows it (see below), else ``big{i}``, its DECIMAL. Summing integers is a
        third of the work of summing DECIMALs and needs no DECIMAL per row; the two sums are added per group."""
        scale, kind = _SCALES[col], self.types.get(col)
        target = f"DECIMAL(38, {scale})"
        if kind != "DOUBLE":
            return [f"NULL::BIGINT AS fast{i}", f"TRY_CAST(raw{i} AS {target}) AS big{i}"]
        # A DOUBLE is the shortest decimal that reads back as it (its text), the number the writer meant. Where
        # |x| < 1000, x * 10^12 is below 2^53: the product is within 0.12 of the integer that decimal gives (when
        # it has at most 12 places), so rounding finds that integer, without text (tested against the text
        # route on millions of values). A quantity keeps 18 places: the integer only where its decimal has 12.
        fast = f"abs(raw{i}) < 1000" if scale == MONEY_SCALE else f"abs(raw{i}) < 1000 AND sc{i} / 1e12 = raw{i}"
        return [f"CASE WHEN {fast} THEN CAST(sc{i} AS BIGINT) END AS fast{i}",
                f"CASE WHEN NOT ({fast}) THEN TRY_CAST(CAST(raw{i} AS VARCHAR) AS {target}) END AS big{i}"]

    def _long(self, i: int, col: str) -> str:
        """SQL over layer 2: whether number ``i`` has more decimal places than its scale."""
        scale, kind = _SCALES[col], self.types.get(col)
        raw, num = f"raw{i}", f"big{i}"
        if kind is None or kind in _INTEGER_TYPES:
            return "false"
        if kind.startswith("DECIMAL("):
            places = int(kind.rstrip(")").split(",")[1])
            return "false" if places <= scale else f"({raw} <> round({raw}, {scale}))"
        if kind in ("DOUBLE", "FLOAT"):
            # The shortest round-trip decimal has more places than the scale exactly when its rounding to the
            # scale reads back as another binary number: a decimal with fewer digits reading back as the same
            # one would have been the shortest. Text to DOUBLE is correctly rounded, so no digit needs looking
            # at; short text without an exponent cannot be long. Where fast{i} is set, that rounding is
            # fast{i} / 10^12, computed exactly in binary (an integer below 2^53 over a power of ten).
            text = f"CAST({raw} AS VARCHAR)" if kind == "DOUBLE" else raw
            general = (f"CASE WHEN strlen({text}) > {scale + 1} OR contains({text}, 'e') "
                       f"THEN TRY_CAST(CAST({num} AS VARCHAR) AS {kind}) <> TRY_CAST({text} AS {kind}) ELSE false END")
            if kind == "DOUBLE" and scale == MONEY_SCALE:
                return f"CASE WHEN fast{i} IS NOT NULL THEN sc{i} / 1e12 <> {raw} ELSE {general} END"
            if kind == "DOUBLE":  # (a quantity takes the integer route only when its decimal has 12 places)
                return f"CASE WHEN fast{i} IS NOT NULL THEN false ELSE {general} END"
            return general
        return (f"CASE WHEN strlen({raw}) > {scale + 1} OR contains({raw}, 'e') OR contains({raw}, 'E') "
                f"THEN _costlib_places(lower(trim({raw}))) > {scale} ELSE false END")

    def _day(self) -> tuple[str, str]:
        """SQL of (the raw ChargePeriodStart, over layer 1: its UTC date)."""
        kind = self.types.get("ChargePeriodStart") or "VARCHAR"
        if kind == "DATE" or kind.startswith("TIMESTAMP"):
            return _quote("ChargePeriodStart"), "CAST(day_raw AS DATE)"
        return self.text("ChargePeriodStart"), "CAST(TRY_CAST(day_raw AS TIMESTAMPTZ) AS DATE)"

    def _tag(self, key: str) -> str:
        kind = self.types.get("Tags")
        if kind is None:
            return "NULL::VARCHAR"
        if kind.startswith("MAP("):
            return f"CAST(map_extract({_quote('Tags')}, {_lit(key)})[1] AS VARCHAR)"
        return f"json_extract_string({self.text('Tags')}, {_json_path(key)})"

    def _layers(self, first: list[str], *, locate: bool) -> str:
        day_raw, day = self._day()
        one = [f"{day_raw} AS day_raw", *first, *[f"{self._raw_number(c)} AS raw{i}" for i, c in enumerate(_NUMBERS)]]
        one += [f"round({_quote(c)} * 1e12) AS sc{i}" for i, c in enumerate(_NUMBERS)  # (x * 10^12, see _numbers)
                if self.types.get(c) == "DOUBLE"]
        two = [f"{day} AS day", *[sql for i, c in enumerate(_NUMBERS) for sql in self._numbers(i, c)]]
        three = [f"{self._long(i, c)} AS long{i}" for i, c in enumerate(_NUMBERS)]
        three += [f"(fast{i} IS NULL AND big{i} IS NULL) AS none{i}" for i in range(len(_NUMBERS))]
        layer1 = f"SELECT {', '.join(one)} FROM {self.scan(locate=locate)}"
        layer2 = f"SELECT *, {', '.join(two)} FROM ({layer1})"
        return f"SELECT *, {', '.join(three)} FROM ({layer2})"

    def aggregate_rows(self, dims: Sequence[str], tag_keys: Sequence[str]) -> str:
        """This part's rows as the aggregation reads them: keys, DECIMALs and one flag for any bad number.

        The provider, category, currency and dimensions are read as they are (blanks are turned into None on the
        groups, in Python, instead of on every row)."""
        first = [f"{self.text('ProviderName', blanks=False)} AS provider",
                 f"{self.text('ChargeCategory', blanks=False)} AS category",
                 f"{self.text('BillingCurrency', blanks=False)} AS currency",
                 *[f"{self.text(d, blanks=False)} AS dim{i}" for i, d in enumerate(dims)],
                 *[f"{self._tag(k)} AS tag{i}" for i, k in enumerate(tag_keys)]]
        bad = " OR ".join(["raw0 IS NULL", *[f"(raw{i} IS NOT NULL AND none{i}) OR long{i}"
                                             for i in range(len(_NUMBERS))]])
        keep = ["day", "provider", "category", "currency", *[f"dim{i}" for i in range(len(dims))],
                *[f"tag{i}" for i in range(len(tag_keys))],
                *[f"{kind}{i}" for i in range(len(_NUMBERS)) for kind in ("fast", "big")]]
        return f"SELECT {', '.join(keep)}, ({bad}) AS bad FROM ({self._layers(first, locate=False)})"

    def check_rows(self, *, locate: bool = False) -> str:
        """This part's rows as the checks read them: every value as read, its DECIMAL, and (when ``locate``)
        the file and row number. No tag is extracted, so a Tags value that is not JSON can be looked for."""
        first = [f"{self.text('ProviderName')} AS provider", f"{self.text('ChargeCategory')} AS category",
                 f"{self.text('BillingCurrency')} AS currency", f"{self.text('Tags')} AS tags_text",
                 f"{self.text('BilledCost')} AS billed_text"]
        if locate and self.csv:
            first.append("row_number() OVER () AS row_no")  # streams: an empty OVER () holds no rows
        elif locate:
            first += ["filename AS file_name", "file_row_number + 1 AS row_no"]
        return self._layers(first, locate=locate)


#: SQL predicates over the check rows, one per kind of bad row.
_KINDS = {
    "unparsed": " OR ".join(f"(raw{i} IS NOT NULL AND none{i})" for i in range(len(_NUMBERS))),
    "billed_blank": "raw0 IS NULL",
    "too_long": " OR ".join(f"long{i}" for i in range(len(_NUMBERS))),
    "start_blank": "day_raw IS NULL",
    "start_unreadable": "(day_raw IS NOT NULL AND day IS NULL)",
    "bad_currency": f"(currency IS NULL OR currency NOT IN ({', '.join(_lit(c) for c in ISO_4217)}))",
    "bad_category": (f"(category IS NOT NULL AND category NOT IN "
                     f"({', '.join(_lit(c.value) for c in ChargeCategory)}))"),
}
_ALWAYS = ("unparsed", "start_unreadable", "bad_currency", "bad_category")
_WARNABLE = ("billed_blank", "start_blank", "too_long")

#: DuckDB's memory limit for one aggregation, in MB: its CSV reader otherwise keeps buffers it does not need
#: (330 MB at 1M rows without it, 190 MB with it; Parquet 135-155 MB either way).
DEFAULT_MEMORY_MB = 140


class FocusFileSource:
    """A spend source over FOCUS export files.

    ``paths`` are files, globs (``**`` recurses), directories (every ``.parquet``/``.csv`` file beneath) or remote
    URLs. ``on_bad_rows`` is ``"error"`` (a bad row stops the fetch, named by file and row) or ``"warn"`` (rows
    with a blank ``BilledCost`` count as 0, rows with a blank ``ChargePeriodStart`` are left out, costs with more
    than 12 decimal places are rounded, each with a warning); rows that cannot be read are refused either way.
    ``memory_mb`` is DuckDB's ``memory_limit`` for the aggregation (:data:`DEFAULT_MEMORY_MB`; None: DuckDB's own,
    80% of RAM), with a private temporary folder to spill to should a huge grouping need it; ``threads`` DuckDB's
    threads (None: one per core). The default keeps a 1M-row CSV export under 200 MB at 1.6x the plain query's
    time (BENCHMARKS.md).
    """

    def __init__(self, name: str, paths: Sequence[str], *, null_string: str = "NULL",
                 on_bad_rows: OnBadRows = "error", memory_mb: int | None = DEFAULT_MEMORY_MB,
                 threads: int | None = None) -> None:
        if not paths:
            raise InputError("a FOCUS source needs at least one path or glob", where=f"source {name}")
        if on_bad_rows not in ("error", "warn"):
            raise InputError(f"on_bad_rows must be 'error' or 'warn', not {on_bad_rows!r}", where=f"source {name}")
        self.name = name
        self.paths = list(paths)
        self.null_string = null_string
        self.on_bad_rows = on_bad_rows
        if memory_mb is not None and memory_mb < 64:
            raise InputError(f"memory_mb must be at least 64, not {memory_mb}", where=f"source {name}")
        if threads is not None and threads < 1:
            raise InputError(f"threads must be at least 1, not {threads}", where=f"source {name}")
        self.memory_mb = memory_mb
        self.threads = threads
        self._health = HealthTracker(name)

    def health(self) -> SourceHealth:
        return self._health.health()

    def _files(self) -> list[str]:
        files: list[str] = []
        for pattern in self.paths:
            if pattern.startswith(_REMOTE):
                files.append(pattern)
                continue
            if any(c in pattern for c in "*?["):
                found = sorted(f for f in glob.glob(pattern, recursive=True) if Path(f).is_file())
            elif Path(pattern).is_dir():  # an export folder: every Parquet and CSV file beneath it
                found = sorted(str(f) for f in Path(pattern).rglob("*") if f.is_file() and (
                    _is_parquet(f.name) or f.name.lower().endswith((".csv", ".csv.gz"))))
            else:
                found = [pattern] if Path(pattern).exists() else []
            if not found:
                raise InputError(f"no file matches {pattern!r}", where=f"source {self.name}")
            files.extend(found)
        return list(dict.fromkeys(files))  # a file matched by two patterns is read once, never counted twice

    def _parts(self, con: Any, files: list[str]) -> list[_Part]:
        parts = []
        for csv in (True, False):
            group = tuple(f for f in files if _is_parquet(f) is not csv)
            if group:
                parts.append(_Part(csv, group, _describe(con, _Part(csv, group, {}, self.null_string)),
                                   self.null_string))
        return parts

    def fetch(self, window: SpendWindow, *, group_by: Sequence[str] = ("ServiceName", "SubAccountId", "RegionId"),
              tag_keys: Sequence[str] = ()) -> SpendResult:
        """Aggregate the files' rows in ``window`` by day, provider, category, currency, ``group_by`` and tags."""
        unknown = [g for g in group_by if g not in DIMENSIONS]
        if unknown:
            raise InputError(f"cannot group by {unknown}; FOCUS dimensions: {', '.join(DIMENSIONS)}",
                             where=f"source {self.name}")
        with self._health.attempt() as attempt:
            attempt.request()  # one read of the export
            attempt.status = HealthStatus.INVALID_CONFIG  # no file matches: the settings cannot work
            files = self._files()
            attempt.status = None
            records, warnings = self._aggregate(files, window, group_by, tag_keys)
            health = attempt.succeeded(records=len(records), message="; ".join(warnings) or None)
        return SpendResult(source=self.name, window=window, records=tuple(records), health=health,
                           requests=attempt.requests, warnings=tuple(warnings))

    def _aggregate(self, files: list[str], window: SpendWindow, group_by: Sequence[str], tag_keys: Sequence[str]
                   ) -> tuple[list[SpendRecord], list[str]]:
        import shutil
        import tempfile

        import duckdb

        con = duckdb.connect()
        spill = None
        try:
            con.execute("SET TimeZone='UTC'")  # days are UTC days, whatever the machine's time zone
            con.execute("SET enable_progress_bar=false")  # a library never draws on its caller's terminal
            con.execute("SET preserve_insertion_order=true")  # the first bad row found is the first in its file
            if self.memory_mb is not None:
                spill = tempfile.mkdtemp(prefix="costlib-duckdb-")  # never ./.tmp where the daemon runs
                con.execute(f"SET temp_directory='{spill}'")
                con.execute(f"SET memory_limit='{int(self.memory_mb)}MB'")
            if self.threads is not None:
                con.execute(f"SET threads={int(self.threads)}")
            con.execute(_PLACES_MACRO)
            parts = self._parts(con, files)
            columns = {c for p in parts for c in p.types}
            needed = {"BilledCost", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd", "ProviderName"}
            if needed - columns:
                raise InputError(f"not a FOCUS file: missing columns {sorted(needed - columns)}",
                                 where=f"source {self.name}: {files[0]}")
            dims = [d for d in group_by if d in columns]
            try:
                with paused_gc():  # (the groups are tens of thousands of tuples: nothing for the collector)
                    groups = con.execute(_aggregate_sql(parts, window, dims, tag_keys)).fetchall()
            except duckdb.InvalidInputException as exc:
                if "JSON" in str(exc):  # a Tags value that is not JSON: name its row
                    self._refuse(con, parts, "(tags_text IS NOT NULL AND NOT json_valid(tags_text))",
                                 "Tags is not a JSON object")
                raise
            records, flagged, left_out = self._read_groups(groups, dims, tag_keys)
            return records, (self._judge(con, parts, left_out) if flagged else [])
        except duckdb.Error as exc:
            raise ProviderError(f"reading FOCUS files failed: {exc}", where=f"source {self.name}") from None
        finally:
            try:
                con.close()
            finally:
                if spill is not None:
                    shutil.rmtree(spill, ignore_errors=True)

    def _read_groups(self, groups: list[tuple[Any, ...]], dims: Sequence[str], tag_keys: Sequence[str]
                     ) -> tuple[list[SpendRecord], bool, dict[str, Decimal]]:
        """The window's records; whether any row needs a closer look; what rows without a date billed."""
        with paused_gc():  # tens of thousands of small objects, no cycles: the collector would only re-scan them
            return self._records(groups, dims, tag_keys)

    def _records(self, groups: list[tuple[Any, ...]], dims: Sequence[str], tag_keys: Sequence[str]
                 ) -> tuple[list[SpendRecord], bool, dict[str, Decimal]]:
        records: list[SpendRecord] = []
        append = records.append
        flagged = False
        left_out: dict[str, Decimal] = defaultdict(Decimal)
        n_dims, n_tags = len(dims), len(tag_keys)
        blank = ("", self.null_string)
        known: dict[str | None, ChargeCategory] = {c.value: c for c in ChargeCategory}
        for b in (None, *blank):  # FOCUS: a row without a category is usage
            known[b] = ChargeCategory.USAGE
        spans: dict[date, tuple[datetime, datetime]] = {}
        money_of: dict[str, dict[str, Money]] = {}
        quantities: dict[str, Decimal] = {}
        trusted, name, zero = Money.trusted, self.name, _ZERO
        dim_at = {d: 5 + i for i, d in enumerate(dims)}
        at = [dim_at.get(d) for d in DIMENSIONS]  # (the order the record's fields are unpacked in below)
        tag_at = list(enumerate(tag_keys, start=5 + n_dims))
        money_at = 5 + n_dims + n_tags
        for row in groups:
            inwin, category_text, currency = row[0], row[1], row[2]
            category = known.get(category_text)
            if category is None or currency not in ISO_4217:
                flagged = True  # currencies and categories are checked here, on the groups
                continue
            billed_text, effective, list_cost, qty, bad = row[money_at:money_at + 5]
            billed = None if billed_text is None else Decimal(billed_text)
            if bad:
                flagged = True  # (a row's numbers: counted and judged after this loop)
            if not inwin:
                if inwin is None:  # no readable ChargePeriodStart
                    flagged = True
                    if billed is not None:
                        left_out[currency] += billed
                continue
            day = row[3]
            span = spans.get(day)
            if span is None:
                start = datetime(day.year, day.month, day.day, tzinfo=UTC)
                span = spans[day] = (start, start + timedelta(days=1))
            tags = {}
            for i, key in tag_at:
                value = row[i]
                if value is not None and value.strip():  # an empty tag value is no tag
                    tags[key] = value
            provider = row[4]
            cost = trusted(zero if billed is None else billed, currency)
            # (amounts repeat across groups, zeros above all: each is read once and shared, Money being immutable)
            moneys = money_of.setdefault(currency, {})
            effective_cost = None
            if effective is not None:
                effective_cost = cost if effective == billed_text else moneys.get(effective)
                if effective_cost is None:
                    effective_cost = moneys[effective] = trusted(Decimal(effective), currency)
            list_money = None
            if list_cost is not None:
                list_money = moneys.get(list_cost)
                if list_money is None:
                    list_money = moneys[list_cost] = trusted(Decimal(list_cost), currency)
            quantity = None
            if qty is not None:
                quantity = quantities.get(qty)
                if quantity is None:
                    quantity = quantities[qty] = Decimal(qty)
            if not n_dims:  # (the common case, without the keywords that would all be None: 25% faster)
                append(SpendRecord.trusted(cost, span[0], span[1], "None" if provider is None else provider,
                                           effective_cost=effective_cost, list_cost=list_money, tags=tags,
                                           consumed_quantity=quantity, charge_category=category, source=name))
                continue
            service, category_name, account, account_name, region, resource, resource_name, unit, consumed_unit = (
                None if i is None or row[i] in blank else row[i] for i in at)
            append(SpendRecord.trusted(
                cost, span[0], span[1], "None" if provider is None else provider, effective_cost=effective_cost,
                list_cost=list_money, service_name=service, service_category=category_name, sub_account_id=account,
                sub_account_name=account_name, region_id=region, resource_id=resource, resource_name=resource_name,
                tags=tags, consumed_quantity=quantity, pricing_unit=unit,
                consumed_unit=consumed_unit, charge_category=category, source=name))
        return records, flagged, left_out

    def _judge(self, con: Any, parts: Sequence[_Part], left_out: Mapping[str, Decimal]) -> list[str]:
        """Count every kind of bad row; raise on the first refused row (named by file and row); return the
        warnings of ``on_bad_rows: warn``. Only run when the aggregation flagged a row."""
        refusable = _ALWAYS if self.on_bad_rows == "warn" else (*_ALWAYS, *_WARNABLE)
        refused_sql = " OR ".join(f"({_KINDS[k]})" for k in refusable)
        rows = " UNION ALL ".join(p.check_rows() for p in parts)
        found = con.execute(f"SELECT {', '.join(f'count(*) FILTER (WHERE {sql})' for sql in _KINDS.values())}, "
                            f"count(*) FILTER (WHERE {refused_sql}) FROM ({rows})").fetchone()
        counts = dict(zip((*_KINDS, "refused"), found or (), strict=True))
        if counts["refused"]:
            self._refuse(con, parts, refused_sql, None, more=counts["refused"] - 1)
        warnings = []
        if counts["billed_blank"]:
            warnings.append(f"{_rows(counts['billed_blank'])} with a blank BilledCost counted as 0 "
                            f"(first: {self._first(con, parts, _KINDS['billed_blank'])})")
        if counts["start_blank"]:
            amounts = ", ".join(f"{cur} {plain(amt)}" for cur, amt in sorted(left_out.items()))
            warnings.append(f"{_rows(counts['start_blank'])} with a blank ChargePeriodStart left out "
                            f"({amounts or 'nothing'} billed; first: {self._first(con, parts, _KINDS['start_blank'])})")
        if counts["too_long"]:
            warnings.append(f"{_rows(counts['too_long'])} with a cost of more than {MONEY_SCALE} decimal places (or a "
                            f"quantity of more than {QUANTITY_SCALE}) rounded "
                            f"(first: {self._first(con, parts, _KINDS['too_long'])})")
        return warnings

    def _find(self, con: Any, parts: Sequence[_Part], predicate: str) -> tuple[str, dict[str, Any]] | None:
        """The first row matching ``predicate`` (file order, then row order) as (where, its values), or None.

        CSV files are read one at a time with a streaming row number (DuckDB numbers the rows of one ordered
        scan without holding them); Parquet files carry their own.
        """
        flags = ", ".join(f"({sql}) AS {kind}" for kind, sql in _KINDS.items())
        for part in parts:
            for batch in [(f,) for f in part.files] if part.csv else [part.files]:
                sub = _Part(part.csv, batch, part.types, part.null_string)
                if part.csv:  # this file's own columns (of those read)
                    own = _describe(con, sub)
                    sub = _Part(True, batch, {c: t for c, t in own.items() if c in part.types}, part.null_string)
                cur = con.execute(f"SELECT *, {flags} FROM ({sub.check_rows(locate=True)}) WHERE {predicate} LIMIT 1")
                row = cur.fetchone()
                if row is not None:
                    values = dict(zip([d[0] for d in cur.description], row, strict=True))
                    if part.csv:
                        return f"{batch[0]}:{int(values['row_no']) + 1}", values  # + 1: the header line
                    return f"{values['file_name']}: row {int(values['row_no'])}", values
        return None

    def _first(self, con: Any, parts: Sequence[_Part], predicate: str) -> str:
        found = self._find(con, parts, predicate)
        return found[0] if found else "not found again"

    def _refuse(self, con: Any, parts: Sequence[_Part], predicate: str, reason: str | None, *, more: int = 0) -> None:
        """Raise an InputError naming the first row matching ``predicate`` and what is wrong with it."""
        found = self._find(con, parts, predicate)
        if found is None:
            if reason is None:
                raise InputError("a bad row was counted but not found again (did a file change while it was read?)",
                                 where=f"source {self.name}")
            return
        where, v = found
        message = f"malformed row: BilledCost={v['billed_text']!r} BillingCurrency={v['currency']!r}"
        if v["bad_category"]:
            message += (f" ChargeCategory={v['category']!r} (FOCUS knows "
                        f"{', '.join(c.value for c in ChargeCategory)})")
        message += ": " + "; ".join([reason] if reason else _reasons(v, self.on_bad_rows))
        if more > 0:
            message += f" ({more} more bad {'row' if more == 1 else 'rows'})"
        raise InputError(message, where=f"source {self.name}: {where}")


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _describe(con: Any, part: _Part) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM {part.scan()}").fetchall()}


def _aggregate_sql(parts: Sequence[_Part], window: SpendWindow, dims: Sequence[str], tag_keys: Sequence[str]) -> str:
    """One pass over every row: the sums of the window's groups, and a count of rows with a bad number.

    Rows outside the window are folded into one group per (category, currency), so their currencies and
    categories are still checked (on the groups) without their days, dimensions and tags; rows without a
    readable date (``inwin`` NULL) are their own groups.
    """
    rows = " UNION ALL ".join(p.aggregate_rows(dims, tag_keys) for p in parts)
    inwin = f"day >= DATE '{window.start.isoformat()}' AND day < DATE '{window.end.isoformat()}'"
    folded = [f"CASE WHEN inwin THEN {k} END" for k in
              ("day", "provider", *[f"dim{i}" for i in range(len(dims))], *[f"tag{i}" for i in range(len(tag_keys))])]
    # Each number's two sums added (NULL when all its values were NULL), back as text: DuckDB makes a Python
    # Decimal five times slower than Decimal() reads text. A quantity at 12 places where that is exact (as costs
    # are), else with every place it has.
    totals = []
    for i, col in enumerate(_NUMBERS):
        if not any(p.types.get(col) == "DOUBLE" for p in parts):  # (no integer route: one sum)
            totals.append(f"sum(big{i})")
            continue
        fast = (f"CAST(CAST(sum(fast{i}) AS DECIMAL(38, 0)) * 0.000000000001::DECIMAL(13, 12) "
                f"AS DECIMAL(38, {_SCALES[col]}))")  # (every term at the number's scale)
        totals.append(f"coalesce({fast} + sum(big{i}), {fast}, sum(big{i}))")
    n = len(_NUMBERS)
    q = f"total{n - 1}"
    texts = [*[f"CAST(total{i} AS VARCHAR)" for i in range(n - 1)],
             f"CASE WHEN {q} = round({q}, {MONEY_SCALE}) THEN CAST(CAST({q} AS DECIMAL(38, {MONEY_SCALE})) "
             f"AS VARCHAR) ELSE rtrim(CAST({q} AS VARCHAR), '0') END"]
    keys = ", ".join(str(i) for i in range(1, 4 + len(folded)))
    named = ", ".join(f"{t} AS total{i}" for i, t in enumerate(totals))
    grouped = (f"SELECT inwin, category, currency, {', '.join(folded)}, {named}, count(*) FILTER (WHERE bad) AS bad "
               f"FROM (SELECT *, ({inwin}) AS inwin FROM ({rows})) GROUP BY {keys}")
    return f"SELECT * EXCLUDE ({', '.join(f'total{i}' for i in range(n))}, bad), {', '.join(texts)}, bad " \
           f"FROM ({grouped}) ORDER BY {keys}"


def _reasons(v: Mapping[str, Any], on_bad_rows: str) -> list[str]:
    """What is wrong with one located row, in words."""

    def warn(does: str) -> str:
        return f" (on_bad_rows: warn {does}, with a warning)" if on_bad_rows == "error" else ""

    def shown(value: Any) -> str:
        return repr(value) if isinstance(value, str) else str(value)

    reasons = []
    if v["billed_blank"]:
        reasons.append(f"BilledCost is blank{warn('counts it as 0')}")
    for i, col in enumerate(_NUMBERS):
        if v[f"raw{i}"] is not None and v[f"none{i}"]:
            reasons.append(f"{col} {shown(v[f'raw{i}'])} is not a number (or out of range)")
        elif v[f"long{i}"]:
            reasons.append(f"{col} {shown(v[f'raw{i}'])} has more than {_SCALES[col]} decimal places and would be "
                           f"rounded{warn('rounds it')}")
    if v["start_blank"]:
        reasons.append(f"ChargePeriodStart is blank{warn('leaves the row out')}")
    elif v["start_unreadable"]:
        reasons.append(f"ChargePeriodStart {shown(v['day_raw'])} is not a date")
    if v["bad_currency"]:
        reasons.append(f"BillingCurrency {shown(v['currency'])} is not an ISO 4217 code")
    if v["bad_category"]:
        reasons.append(f"ChargeCategory {shown(v['category'])} is unknown")
    return reasons

