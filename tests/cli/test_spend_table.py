"""``costlib spend show``: a table with a header, per-team rows rounded for display and a total row; the exact
amounts stay in JSON and CSV."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import run

ROWS = [  # BilledCost, ChargeCategory, Tags: amounts with the 12 places FOCUS exports carry
    ("10.123456789012", "Usage", '{"team": "web"}'), ("5.004999999999", "Usage", '{"team": "web"}'),
    ("-1.250000000001", "Credit", '{"team": "web"}'), ("0.333333333333", "Usage", '{"team": "data"}'),
    ("0.333333333333", "Usage", '{"team": "data"}'),
]


def _config(tmp_path: Path) -> Path:
    lines = ["BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,Tags"]
    lines += [f'{c},USD,2024-09-0{i + 1} 00:00:00,2024-09-0{i + 2} 00:00:00,{cat},AWS,"{t.replace(chr(34), chr(34) * 2)}"'
              for i, (c, cat, t) in enumerate(ROWS)]
    (tmp_path / "spend.csv").write_text("\n".join(lines) + "\n")
    config = tmp_path / "c.yaml"
    config.write_text("sources:\n  - {name: f, type: focus_file, paths: [spend.csv], tag_keys: [team]}\n"
                      "attribution: {team_tags: [team]}\n")
    return config


def test_the_table_has_a_header_rounded_rows_and_a_total(tmp_path: Path) -> None:
    r = run("spend", "show", "--config", str(_config(tmp_path)), "--month", "2024-09")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].split() == ["team", "charges", "credits", "net"]
    assert lines[1].split() == ["web", "$15.13", "-$1.25", "$13.88"]  # 15.128456789011 - 1.250000000001
    assert lines[2].split() == ["data", "$0.67", "$0.00", "$0.67"]
    assert set(lines[3]) == {"-"}
    assert lines[4].split() == ["total", "$15.80", "-$1.25", "$14.55"]  # the exact sums (15.795123455677 ...), rounded
    assert "2024-09: 2 teams; amounts rounded for display (exact in --format json or csv)" in r.out
    assert "333333" not in r.out and "12345678" not in r.out


def test_json_and_csv_keep_the_exact_amounts(tmp_path: Path) -> None:
    config = str(_config(tmp_path))
    doc = json.loads(run("spend", "show", "--config", config, "--month", "2024-09", "--format", "json").out)
    web = next(row for row in doc["rows"] if row["team"] == "web")
    assert (web["charges"], web["credits"], web["net"]) == ("15.128456789011", "-1.250000000001", "13.878456789010")
    csv = run("spend", "show", "--config", config, "--month", "2024-09", "--format", "csv").out
    assert "web,USD,15.128456789011,-1.250000000001,13.878456789010" in csv
    by_day = run("spend", "show", "--config", config, "--month", "2024-09", "--by", "day")
    assert by_day.out.splitlines()[0].split() == ["team", "day", "charges", "credits"]
    assert by_day.out.splitlines()[-2].split() == ["total", "$15.80", "-$1.25"]
