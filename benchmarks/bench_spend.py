"""Spend benchmark: 1,000,000 FOCUS rows (shaped like the real sample) to per-team daily series in < 2 s.

The rows are generated from the real FOCUS sample's shape (its columns, services, accounts and tags) into a
Parquet file; the timing covers the DuckDB aggregation, attribution and the per-team series. Baseline in the
same run: a plain Python loop aggregating 100,000 of the same rows from CSV (scaled to 1M for the ratio).
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb
from _util import report

N = 1_000_000


def focus_sample_path() -> Path:
    """The real FOCUS 1.0 sample (CC-BY-4.0) the rows are shaped after: ``$COSTLIB_FOCUS_SAMPLE``, else the maintainers'
    data folder beside the checkout (it is not part of the repository)."""
    import os

    default = Path(__file__).resolve().parents[2] / "shared" / "data" / "focus" / "focus_1_0_sample_1000_real.csv"
    sample = Path(os.environ.get("COSTLIB_FOCUS_SAMPLE", default))
    if not sample.is_file():
        sys.exit(f"bench_spend: the real FOCUS sample is not at {sample}; set COSTLIB_FOCUS_SAMPLE to its path")
    return sample


def generate(folder: Path) -> tuple[Path, Path]:
    sample = focus_sample_path()
    con = duckdb.connect()
    con.execute(f"CREATE TABLE s AS SELECT * FROM read_csv('{sample}', all_varchar=true, header=true)")
    con.execute(f"""CREATE TABLE big AS SELECT s.* REPLACE (
          strftime(TIMESTAMP '2024-09-01' + INTERVAL (i % 30) DAY + INTERVAL (i % 24) HOUR, '%Y-%m-%d %H:%M:%S')
              AS ChargePeriodStart,
          CAST(round(random() * 10, 6) AS VARCHAR) AS BilledCost,
          '{{"business_unit": "team' || (i % 400) || '", "environment": "prod"}}' AS Tags)
        FROM s, range({N // 1000}) r(i)""")
    parquet, csv_path = folder / "focus.parquet", folder / "slice.csv"
    con.execute(f"COPY big TO '{parquet}' (FORMAT parquet)")
    con.execute(f"COPY (SELECT * FROM big LIMIT 100000) TO '{csv_path}' (HEADER)")
    return parquet, csv_path


def naive(csv_path: Path) -> int:
    out: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    import json
    with csv_path.open() as fh:
        for row in csv.DictReader(fh):
            team = json.loads(row["Tags"]).get("business_unit", "unallocated")
            out[(team, row["ChargePeriodStart"][:10])] += Decimal(row["BilledCost"])
    return len(out)


CHILD = """
import statistics, sys, time
from datetime import date
from costlib.spend import FocusFileSource, SpendWindow, attribute, team_series
window = SpendWindow(date(2024, 9, 1), date(2024, 10, 1))
runs = []
for _ in range(5):
    t = time.perf_counter()
    res = FocusFileSource("bench", [sys.argv[1]]).fetch(window, group_by=[], tag_keys=["business_unit"])
    series = team_series(attribute(res.records, [], team_tags=["business_unit"]), start=window.start, end=window.end)
    runs.append(time.perf_counter() - t)
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(statistics.median(runs), len(series), hwm / 1024)
"""


def main() -> None:
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        parquet, csv_path = generate(Path(tmp))
        out = subprocess.run([sys.executable, "-c", CHILD, str(parquet)], check=True, capture_output=True, text=True)
        med_s, teams, rss_s = out.stdout.split()
        med, rss = float(med_s), float(rss_s)
        t = time.perf_counter()
        naive(csv_path)
        base = (time.perf_counter() - t) * (N / 100_000)
        report("1M FOCUS rows -> per-team daily series (median of 5)", med, "s", "< 2 s", med < 2,
               f"({N / med:,.0f} rows/s; {teams} teams; a plain-Python CSV loop would take ~{base:.1f} s, "
               f"{base / med:.0f}x slower)")
        report("peak RSS of the aggregating process", rss, "MB", "(report)", True)


if __name__ == "__main__":
    main()
