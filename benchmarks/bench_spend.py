"""Spend benchmark: FOCUS rows to per-team daily series, against one plain DuckDB query on the same files.

The rows are generated from the real FOCUS 1.0 sample (its 44 columns, services, accounts, categories and
values), spread over the 30 days of September 2024 and 400 ``business_unit`` tags, in two shapes:

- one CSV file, as the sample writes it (text, ``NULL`` for nulls);
- a folder of Parquet files typed as AWS Data Exports writes FOCUS (``double`` costs, ``timestamp`` periods).

Each measurement runs in its own child process (so its peak RSS is its own): costlib's ``FocusFileSource.fetch``
(every row checked) + ``attribute`` + ``team_series``, and the baseline, one DuckDB query computing the same daily
totals per team, provider, category and currency with ``DECIMAL(38, 12)`` sums of BilledCost, EffectiveCost and
ListCost and no checks. Both must agree on the total to the last decimal. The two alternate, ``--runs`` times
each; the figures are medians (wall seconds measured inside the child; peak RSS from the kernel).

Files are generated once into ``--cache`` (default ``$COSTLIB_BENCH_CACHE`` or ``~/.cache/costlib-bench``) and
reused. Run: ``.venv/bin/python benchmarks/bench_spend.py`` (1M and 5M rows: about 4 minutes on 2 cores, 4 GB of
files), ``--sizes 1m,5m,20m`` for 20M as well (a 14 GB CSV written in 3.5 minutes, then about 9 minutes of runs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb
from _util import report, run_child


def focus_sample_path() -> Path:
    """The real FOCUS 1.0 sample (CC-BY-4.0) the rows are shaped after: ``$COSTLIB_FOCUS_SAMPLE``, else the maintainers'
    data folder beside the checkout (it is not part of the repository)."""
    import os

    default = Path(__file__).resolve().parents[2] / "shared" / "data" / "focus" / "focus_1_0_sample_1000_real.csv"
    sample = Path(os.environ.get("COSTLIB_FOCUS_SAMPLE", default))
    if not sample.is_file():
        sys.exit(f"bench_spend: the real FOCUS sample is not at {sample}; set COSTLIB_FOCUS_SAMPLE to its path")
    return sample



GENERATOR_VERSION = 2  # bump when the generated rows change (the cache is keyed on it)
WINDOW = ("2024-09-01", "2024-10-01")
TEAMS = 400

COSTLIB = """
import sys, time
from datetime import date
from decimal import Decimal
import duckdb  # imported before the clock starts, as in the baseline (costlib imports it on first use)
from costlib.spend import FocusFileSource, SpendWindow, attribute, team_series
window = SpendWindow(date.fromisoformat(sys.argv[2]), date.fromisoformat(sys.argv[3]))
start = time.perf_counter()
duck = {k: (None if v == "null" else int(v)) for k, v in zip(("memory_mb", "threads"), sys.argv[4:6]) if v != "-"}
res = FocusFileSource("bench", [sys.argv[1]], **duck).fetch(window, group_by=[], tag_keys=["business_unit"])
series = team_series(attribute(res.records, [], team_tags=["business_unit"]), start=window.start, end=window.end)
seconds = time.perf_counter() - start
emit({"seconds": seconds, "teams": len(series) - ("unallocated" in series),
      "total": str(sum((s.net.amount for s in series.values()), Decimal(0))), "warnings": list(res.warnings)})
"""

BASELINE = """
import sys, time
from decimal import Decimal
import duckdb
con = quiet(duckdb.connect())
con.execute("SET TimeZone='UTC'")
scan = (f"read_parquet('{sys.argv[1]}/**/*.parquet')" if sys.argv[1].endswith("parquet")
        else f"read_csv('{sys.argv[1]}', nullstr='NULL')")
sql = f'''SELECT CAST(ChargePeriodStart AS DATE) AS day, ProviderName, ChargeCategory, BillingCurrency,
                 json_extract_string(Tags, '$.business_unit') AS team,
                 sum(CAST(BilledCost AS DECIMAL(38, 12))), sum(CAST(EffectiveCost AS DECIMAL(38, 12))),
                 sum(CAST(ListCost AS DECIMAL(38, 12)))
          FROM {scan} WHERE ChargePeriodStart >= '{sys.argv[2]}' AND ChargePeriodStart < '{sys.argv[3]}'
          GROUP BY ALL'''
start = time.perf_counter()
rows = con.execute(sql).fetchall()
seconds = time.perf_counter() - start
emit({"seconds": seconds, "teams": len({r[4] for r in rows if r[4]}),
      "total": str(sum((r[5] for r in rows if r[5] is not None), Decimal(0)))})
"""


def cache_dir(given: str | None) -> Path:
    base = given or os.environ.get("COSTLIB_BENCH_CACHE") or str(Path.home() / ".cache" / "costlib-bench")
    return Path(base) / f"spend-v{GENERATOR_VERSION}"


def generate(folder: Path, rows: int) -> tuple[Path, Path]:
    """``folder/focus.csv`` and ``folder/parquet/`` with ``rows`` rows, written once (a marker says complete)."""
    csv_path, parquet_dir, done = folder / "focus.csv", folder / "parquet", folder / "complete"
    if done.exists():
        return csv_path, parquet_dir
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sample = focus_sample_path()
    if not sample.is_file():
        raise SystemExit(f"the FOCUS sample is not at {sample} (set COSTLIB_FOCUS_SAMPLE)")
    t = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET enable_progress_bar=false")
    con.execute("SET preserve_insertion_order=false")
    con.execute(f"CREATE TABLE s AS SELECT row_number() OVER () - 1 AS k, * FROM read_csv('{sample}', "
                "all_varchar=true, header=true)")
    n = len(con.execute("SELECT k FROM s").fetchall())
    # Each copy of the sample gets its own days, hours, costs (6 places, negative on credits) and teams.
    big = f"""SELECT s.* EXCLUDE (k) REPLACE (
          strftime(TIMESTAMP '{WINDOW[0]}' + INTERVAL ((hash(r.i, s.k, 1) % 30)) DAY
                   + INTERVAL (s.k % 24) HOUR, '%Y-%m-%d %H:%M:%S') AS ChargePeriodStart,
          strftime(TIMESTAMP '{WINDOW[0]}' + INTERVAL ((hash(r.i, s.k, 1) % 30)) DAY
                   + INTERVAL (s.k % 24 + 1) HOUR, '%Y-%m-%d %H:%M:%S') AS ChargePeriodEnd,
          (CASE WHEN s.ChargeCategory = 'Credit' THEN '-' ELSE '' END)
              || printf('%.6f', (hash(r.i, s.k, 2) % 10000000) / 1000000.0) AS BilledCost,
          '{{"business_unit": "team' || (hash(r.i, s.k, 3) % {TEAMS}) || '", "environment": "prod"}}' AS Tags)
        FROM range({-(-rows // n)}) r(i), s LIMIT {rows}"""
    con.execute(f"COPY ({big}) TO '{csv_path}' (HEADER)")
    typed = """SELECT * REPLACE (
          TRY_CAST(NULLIF(BilledCost, 'NULL') AS DOUBLE) AS BilledCost,
          TRY_CAST(NULLIF(EffectiveCost, 'NULL') AS DOUBLE) AS EffectiveCost,
          TRY_CAST(NULLIF(ListCost, 'NULL') AS DOUBLE) AS ListCost,
          TRY_CAST(NULLIF(ConsumedQuantity, 'NULL') AS DOUBLE) AS ConsumedQuantity,
          CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart, CAST(ChargePeriodEnd AS TIMESTAMP) AS ChargePeriodEnd)"""
    out = parquet_dir / "BILLING_PERIOD=2024-09"
    out.mkdir(parents=True)
    con.execute(f"COPY ({typed} FROM read_csv('{csv_path}', all_varchar=true, header=true)) TO '{out}' "
                "(FORMAT parquet, ROW_GROUP_SIZE 122880, ROW_GROUPS_PER_FILE 4, OVERWRITE_OR_IGNORE true)")
    done.write_text(f"{rows} rows, generated in {time.perf_counter() - t:.0f} s\n")
    return csv_path, parquet_dir


def measure(label: str, path: Path, runs: int, duck: tuple[str | None, str | None] = (None, None)
            ) -> dict[str, float]:
    """Alternate costlib (with the source's ``duckdb_memory_mb`` and ``duckdb_threads``, when given) and the
    baseline (DuckDB's defaults) ``runs`` times each; print and return the medians."""
    ours: list[dict[str, Any]] = []
    base: list[dict[str, Any]] = []
    for _ in range(runs):
        ours.append(run_child(COSTLIB, [str(path), *WINDOW, *("-" if v is None else v for v in duck)]))
        base.append(run_child(BASELINE, [str(path), *WINDOW]))
    totals = {r["total"] for r in ours} | {r["total"] for r in base}
    if len(totals) != 1 or ours[0]["teams"] != base[0]["teams"]:
        raise SystemExit(f"{label}: costlib and DuckDB disagree: totals {sorted(totals)}, teams "
                         f"{ours[0]['teams']} and {base[0]['teams']}")
    if ours[0]["warnings"]:
        raise SystemExit(f"{label}: the generated rows should be clean, got warnings {ours[0]['warnings']}")
    med = {
        "ours_s": statistics.median(r["seconds"] for r in ours),
        "base_s": statistics.median(r["seconds"] for r in base),
        "ours_mb": statistics.median(r["peak_rss_mb"] for r in ours),
        "base_mb": statistics.median(r["peak_rss_mb"] for r in base),
        "ours_max_mb": max(r["peak_rss_mb"] for r in ours),
    }
    ratio = med["ours_s"] / med["base_s"]
    print(f"\n{label}: {ours[0]['teams']} teams, total {ours[0]['total']} (the same in every run of both), "
          f"median of {runs}")
    report("  costlib fetch + attribute + series", med["ours_s"], "s", "< 2x DuckDB", ratio < 2,
           f"DuckDB query {med['base_s']:.2f} s; ratio {ratio:.2f}x")
    report("  costlib peak RSS", med["ours_mb"], "MB", "< 200 MB", med["ours_max_mb"] < 200,
           f"(max {med['ours_max_mb']:.0f}); DuckDB query {med['base_mb']:.0f} MB")
    return med


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1m,5m", help="row counts, e.g. 1m,5m,20m (20M: a 14 GB CSV)")
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument("--runs", type=int, default=5, help="runs of each side per size and format (median)")
    parser.add_argument("--cache", default=None, help="where the generated files are kept between runs")
    parser.add_argument("--duckdb-memory-mb", default=None, help="costlib's side only: the FOCUS source's "
                        "duckdb_memory_mb (default: the source's default; null: DuckDB's own, as the baseline)")
    parser.add_argument("--duckdb-threads", default=None, help="costlib's side only: duckdb_threads")
    args = parser.parse_args()
    sizes = [int(float(s.lower().rstrip("m")) * 1_000_000) for s in args.sizes.split(",")]
    rows_table = []
    for rows in sizes:
        t = time.perf_counter()
        csv_path, parquet_dir = generate(cache_dir(args.cache) / str(rows), rows)
        print(f"{rows:,} rows: {csv_path.stat().st_size / 1e9:.1f} GB CSV, "
              f"{sum(f.stat().st_size for f in parquet_dir.rglob('*.parquet')) / 1e6:.0f} MB Parquet in "
              f"{len(list(parquet_dir.rglob('*.parquet')))} files ({time.perf_counter() - t:.0f} s to find or write)")
        for fmt in args.formats.split(","):
            path = csv_path if fmt == "csv" else parquet_dir
            med = measure(f"{rows / 1e6:g}M rows, {fmt}", path, args.runs, (args.duckdb_memory_mb, args.duckdb_threads))
            rows_table.append((rows, fmt, med))
    print("\n| rows | format | costlib | DuckDB query | ratio | costlib peak RSS | DuckDB peak RSS |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for rows, fmt, med in rows_table:
        print(f"| {rows / 1e6:g}M | {fmt} | {med['ours_s']:.2f} s | {med['base_s']:.2f} s | "
              f"{med['ours_s'] / med['base_s']:.2f}x | {med['ours_mb']:.0f} MB | {med['base_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
