"""Fuzz: FOCUS CSV files written here and read through ``costlib.spend``'s FOCUS source: no crash, no hang,
every well-formed row of the window counted exactly, a malformed cost, currency or category refused."""

from __future__ import annotations

import csv
import io

from hypothesis import strategies as st

from tests.fuzz import _entry as e
from tests.fuzz import strategies as s
from tests.fuzz.harness import fuzz, judge
from tests.fuzz.strategies import rare


@st.composite
def focus_inputs(draw: st.DrawFn) -> tuple[list[dict[str, str]], bytes]:
    rows = draw(s.focus_files())
    columns = list(s.FOCUS_COLUMNS)
    if draw(rare(10)):
        columns.remove(draw(st.permutations(columns))[0])  # a file without a column FOCUS requires, or an optional one
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    kept = [{k: v for k, v in row.items() if k in columns} for row in rows]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "latin-1"]))
    return kept, out.getvalue().encode(encoding, errors="replace")


def check(value: tuple[list[dict[str, str]], bytes]) -> tuple[str, str, float]:
    rows, data = value
    path = e.write(data, "focus.csv")
    return judge(lambda: e.fetch_focus(path, rows), names=lambda exc: "fuzz" in str(exc) or str(path) in str(exc))


def test_focus_files_never_crash_hang_or_drop() -> None:
    fuzz("FOCUS files", focus_inputs(), check)
