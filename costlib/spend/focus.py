"""FOCUS files (CSV or Parquet; local paths, globs or ``s3://``) read and aggregated with DuckDB.

The aggregation is pushed down to DuckDB as SQL: rows are grouped by charge day and the requested FOCUS
dimensions and tag keys, costs are summed as ``DECIMAL(38, 12)`` (never floats), and only the groups come
back to Python. Every value is read as text first, so a malformed cost names its file and row instead of
being silently turned into NULL or 0.

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
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from costlib.errors import InputError, ProviderError
from costlib.money import ISO_4217, Money
from costlib.spend.base import (
    ChargeCategory,
    HealthStatus,
    SourceHealth,
    SpendRecord,
    SpendResult,
    SpendWindow,
)

__all__ = ["DIMENSIONS", "FocusFileSource"]

#: FOCUS columns a fetch may group by (besides the charge day, provider, category and currency).
DIMENSIONS = ("ServiceName", "ServiceCategory", "SubAccountId", "SubAccountName", "RegionId", "ResourceId",
              "ResourceName", "PricingUnit", "ConsumedUnit")

_COST = "TRY_CAST(NULLIF({col}, 'NULL') AS DECIMAL(38, 12))"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _json_path(key: str) -> str:
    """A SQL literal of the JSON path of one tag key, quoted so ``kubernetes.io/team`` is one key, not a path."""
    path = '$."' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + path.replace("'", "''") + "'"


class FocusFileSource:
    """A spend source over FOCUS export files."""

    def __init__(self, name: str, paths: Sequence[str], *, null_string: str = "NULL") -> None:
        if not paths:
            raise InputError("a FOCUS source needs at least one path or glob", where=f"source {name}")
        self.name = name
        self.paths = list(paths)
        self.null_string = null_string
        self._health = SourceHealth(source=name)

    def health(self) -> SourceHealth:
        return self._health

    def _files(self) -> list[str]:
        files: list[str] = []
        for pattern in self.paths:
            if pattern.startswith(("s3://", "gs://", "https://")):
                files.append(pattern)
                continue
            found = sorted(glob.glob(pattern, recursive=True)) if any(c in pattern for c in "*?[") else (
                [pattern] if Path(pattern).exists() else [])
            if not found:
                raise InputError(f"no file matches {pattern!r}", where=f"source {self.name}")
            files.extend(found)
        return list(dict.fromkeys(files))  # a file matched by two patterns is read once, never counted twice

    def _relation(self, con: Any, files: list[str]) -> str:
        parquet = [f for f in files if f.endswith(".parquet")]
        csvs = [f for f in files if not f.endswith(".parquet")]
        parts = []
        if csvs:
            parts.append(f"SELECT * FROM read_csv({csvs!r}, all_varchar=true, header=true, union_by_name=true, "
                         f"filename=true)")
        if parquet:  # typed columns (DOUBLE costs, TIMESTAMPTZ periods) are read as text like the CSVs
            parts.append(f"SELECT COLUMNS(*)::VARCHAR FROM read_parquet({parquet!r}, union_by_name=true, "
                         "filename=true)")
        con.execute("CREATE OR REPLACE TEMP VIEW focus AS " + " UNION ALL BY NAME ".join(parts))
        return "focus"

    def fetch(self, window: SpendWindow, *, group_by: Sequence[str] = ("ServiceName", "SubAccountId", "RegionId"),
              tag_keys: Sequence[str] = ()) -> SpendResult:
        """Aggregate the files' rows in ``window`` by day, provider, category, currency, ``group_by`` and tags."""
        import duckdb

        unknown = [g for g in group_by if g not in DIMENSIONS]
        if unknown:
            raise InputError(f"cannot group by {unknown}; FOCUS dimensions: {', '.join(DIMENSIONS)}",
                             where=f"source {self.name}")
        now = datetime.now(UTC)
        try:
            files = self._files()
        except InputError as exc:
            self._health = SourceHealth(source=self.name, status=HealthStatus.INVALID_CONFIG, message=str(exc),
                                        checked_at=now, last_success=self._health.last_success)
            raise
        con = duckdb.connect()
        try:
            con.execute("SET TimeZone='UTC'")  # days are UTC days, whatever the machine's time zone
            rel = self._relation(con, files)
            columns = {row[0] for row in con.execute(f"DESCRIBE {rel}").fetchall()}
            needed = {"BilledCost", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd", "ProviderName"}
            if needed - columns:
                raise InputError(f"not a FOCUS file: missing columns {sorted(needed - columns)}",
                                 where=f"source {self.name}: {files[0]}")
            self._check_rows(con, rel, columns)
            dims = [d for d in group_by if d in columns]
            tag_exprs = [f"json_extract_string(NULLIF(Tags, '{self.null_string}'), {_json_path(k)})"
                         for k in tag_keys] if "Tags" in columns else ["NULL" for _ in tag_keys]
            opt = {c: (_COST.format(col=_quote(c)) if c in columns else "NULL") for c in ("EffectiveCost", "ListCost")}
            cat = "NULLIF(ChargeCategory, 'NULL')" if "ChargeCategory" in columns else "'Usage'"
            qty = _COST.format(col="ConsumedQuantity") if "ConsumedQuantity" in columns else "NULL"
            dim_sql = ", ".join(f"NULLIF({_quote(d)}, {self.null_string!r}) AS {_quote(d)}" for d in dims) or "1 AS _x"
            keys = ["day", "ProviderName", "category", "BillingCurrency", *[_quote(d) for d in dims],
                    *[f"tag{i}" for i in range(len(tag_keys))]]
            sql = f"""
                WITH rows AS (
                  SELECT CAST(strptime(ChargePeriodStart, ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%SZ',
                                                           '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S%z',
                                                           '%Y-%m-%d']) AS DATE) AS day,
                         ProviderName, coalesce({cat}, 'Usage') AS category, BillingCurrency,
                         {dim_sql},
                         {', '.join(f'{e} AS tag{i}' for i, e in enumerate(tag_exprs)) or '1 AS _y'},
                         {_COST.format(col='BilledCost')} AS billed, {opt['EffectiveCost']} AS effective,
                         {opt['ListCost']} AS list, {qty} AS qty
                  FROM {rel})
                SELECT {', '.join(keys)}, sum(billed), sum(effective), sum(list), sum(qty), count(*)
                FROM rows WHERE day >= ? AND day < ?
                GROUP BY ALL ORDER BY ALL"""
            result = con.execute(sql, [window.start, window.end]).fetchall()
        except duckdb.Error as exc:
            self._health = SourceHealth(source=self.name, status=HealthStatus.ERROR, message=str(exc),
                                        checked_at=now, last_success=self._health.last_success)
            raise ProviderError(f"reading FOCUS files failed: {exc}", where=f"source {self.name}") from None
        finally:
            con.close()
        records = []
        n_dims = len(dims)
        for row in result:
            day, provider, category, currency = row[0], row[1], row[2], row[3]
            dim_values = dict(zip(dims, row[4:4 + n_dims], strict=True))
            tags = {k: v for k, v in zip(tag_keys, row[4 + n_dims:4 + n_dims + len(tag_keys)], strict=True)
                    if v is not None and v.strip()}  # an empty tag value is no tag
            billed, effective, list_cost, qty = row[-5], row[-4], row[-3], row[-2]
            records.append(_record(self.name, day, provider, category, currency, dim_values, tags, billed, effective,
                                   list_cost, qty))
        status = HealthStatus.OK if records else HealthStatus.NO_DATA
        self._health = SourceHealth(source=self.name, status=status, checked_at=now, last_success=now,
                                    requests_total=self._health.requests_total + 1,
                                    errors_total=self._health.errors_total)
        return SpendResult(source=self.name, window=window, records=tuple(records), health=self._health, requests=1)

    def _check_rows(self, con: Any, rel: str, columns: set[str]) -> None:
        """Fail with file and row number on the first cost or currency that is not what FOCUS says it is."""
        checks = [f"(BilledCost IS NOT NULL AND BilledCost <> '{self.null_string}' AND "
                  f"{_COST.format(col='BilledCost')} IS NULL)"]
        for col in ("EffectiveCost", "ListCost"):
            if col in columns:
                checks.append(f"({_quote(col)} IS NOT NULL AND {_quote(col)} <> '{self.null_string}' AND "
                              f"{_COST.format(col=_quote(col))} IS NULL)")
        currencies = ", ".join(repr(c) for c in ISO_4217)
        checks.append(f"(BillingCurrency IS NULL OR BillingCurrency NOT IN ({currencies}))")
        category = "NULL"
        if "ChargeCategory" in columns:  # an unknown category (a "Refund") must not be counted as usage
            category = "ChargeCategory"
            known = ", ".join(repr(c.value) for c in ChargeCategory)
            checks.append(f"(ChargeCategory IS NOT NULL AND ChargeCategory <> '{self.null_string}' AND "
                          f"ChargeCategory NOT IN ({known}))")
        sql = (f"SELECT filename, rn, BilledCost, BillingCurrency, {category} FROM (SELECT *, row_number() OVER "
               f"(PARTITION BY filename) AS rn FROM {rel}) WHERE {' OR '.join(checks)} LIMIT 1")
        bad = con.execute(sql).fetchone()
        if bad is not None:
            message = f"malformed row: BilledCost={bad[2]!r} BillingCurrency={bad[3]!r}"
            if bad[4] not in (None, self.null_string, *ChargeCategory):
                message += (f" ChargeCategory={bad[4]!r} (FOCUS knows "
                            f"{', '.join(c.value for c in ChargeCategory)})")
            raise InputError(message,
                             where=f"source {self.name}: {bad[0]}:{int(bad[1]) + 1}")


def _record(source: str, day: date, provider: str, category: str | None, currency: str, dims: dict[str, Any],
            tags: dict[str, str], billed: Decimal | None, effective: Decimal | None, list_cost: Decimal | None,
            qty: Decimal | None) -> SpendRecord:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    cat = ChargeCategory(category or "Usage")  # checked per row before (an unknown one is an InputError)
    return SpendRecord(
        billed_cost=Money(billed or Decimal(0), currency),
        effective_cost=None if effective is None else Money(effective, currency),
        list_cost=None if list_cost is None else Money(list_cost, currency),
        charge_period_start=start, charge_period_end=start + timedelta(days=1), provider_name=str(provider),
        service_name=dims.get("ServiceName"), service_category=dims.get("ServiceCategory"),
        sub_account_id=dims.get("SubAccountId"), sub_account_name=dims.get("SubAccountName"),
        region_id=dims.get("RegionId"), resource_id=dims.get("ResourceId"), resource_name=dims.get("ResourceName"),
        tags=tags, consumed_quantity=qty, pricing_unit=dims.get("PricingUnit"), charge_category=cat, source=source)
