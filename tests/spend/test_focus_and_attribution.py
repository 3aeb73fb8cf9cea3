"""FOCUS files through DuckDB, team attribution and per-team series (pure), and the spend CLI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from costlib.cli.main import cli
from costlib.errors import ConfigError, CurrencyMismatchError, InputError
from costlib.money import Money
from costlib.spend import (
    UNALLOCATED,
    ChargeCategory,
    FocusFileSource,
    HealthStatus,
    SharedCostRule,
    SpendRecord,
    SpendWindow,
    TeamRule,
    attribute,
    team_series,
)
from costlib.spend.attribution import split_exact

SEPT = SpendWindow(date(2024, 9, 1), date(2024, 10, 1))


def rec(cost: str, day: int = 1, currency: str = "USD", category: str = "Usage", **tags: str) -> SpendRecord:
    start = datetime(2026, 11, day, tzinfo=UTC)
    return SpendRecord(billed_cost=Money(cost, currency), charge_period_start=start,
                       charge_period_end=start.replace(day=day + 1), provider_name="AWS", tags=tags,
                       charge_category=ChargeCategory(category), sub_account_id="111")


@pytest.mark.shared_data
def test_real_focus_sample(shared_data: Path) -> None:
    sample = shared_data / "focus" / "focus_1_0_sample_1000_real.csv"
    src = FocusFileSource("focus", [str(sample)])
    res = src.fetch(SEPT, group_by=["ServiceName"], tag_keys=["business_unit"])
    assert res.health.status is HealthStatus.OK
    total = sum((r.billed_cost.amount for r in res.records), Decimal(0))
    import csv
    with sample.open() as fh:
        expected = sum((Decimal(r["BilledCost"]) for r in csv.DictReader(fh) if r["BilledCost"] != "NULL"), Decimal(0))
    assert total == expected  # exact, no float on the way
    assert {r.charge_category for r in res.records} >= {ChargeCategory.USAGE, ChargeCategory.CREDIT}
    empty = src.fetch(SpendWindow(date(2023, 1, 1), date(2023, 2, 1)))
    assert empty.records == () and empty.health.status is HealthStatus.NO_DATA


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,Tags\n"
                    + "\n".join(rows) + "\n")
    return path


def test_malformed_row_names_file_and_line(tmp_path: Path) -> None:
    f = _write(tmp_path / "x.csv", ['1.0,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,AWS,EC2,NULL',
                                    'abc,USD,2024-09-02 00:00:00,2024-09-03 00:00:00,AWS,EC2,NULL'])
    with pytest.raises(InputError, match=r"x.csv:3: malformed row: BilledCost='abc'"):
        FocusFileSource("s", [str(f)]).fetch(SEPT)
    g = _write(tmp_path / "y.csv", ['1.0,ZZZ,2024-09-01 00:00:00,2024-09-02 00:00:00,AWS,EC2,NULL'])
    with pytest.raises(InputError, match="BillingCurrency='ZZZ'"):
        FocusFileSource("s", [str(g)]).fetch(SEPT)


def test_unknown_charge_category_is_refused_not_counted_as_usage(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName\n"
                 "5.00,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,Usage,AWS\n"
                 "-2.00,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,Adjustment,AWS\n"
                 "-3.00,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,Refund,AWS\n")
    with pytest.raises(InputError, match=r"c.csv:4: malformed row: .*ChargeCategory='Refund' \(FOCUS knows Usage"):
        FocusFileSource("s", [str(f)]).fetch(SEPT)
    f.write_text(f.read_text().replace("Refund", "Credit"))
    cats = {r.charge_category.value: r.billed_cost.amount for r in FocusFileSource("s", [str(f)]).fetch(SEPT).records}
    assert cats == {"Usage": Decimal("5.00"), "Adjustment": Decimal("-2.00"), "Credit": Decimal("-3.00")}


def test_missing_files_and_columns(tmp_path: Path) -> None:
    src = FocusFileSource("s", [str(tmp_path / "none-*.csv")])
    with pytest.raises(InputError, match="no file matches"):
        src.fetch(SEPT)
    assert src.health().status is HealthStatus.INVALID_CONFIG
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="not a FOCUS file: missing columns"):
        FocusFileSource("s", [str(other)]).fetch(SEPT)


def test_globs_and_parquet(tmp_path: Path) -> None:
    import duckdb

    _write(tmp_path / "a.csv", ['1.25,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,AWS,EC2,"{""team"": ""web""}"'])
    con = duckdb.connect()
    con.execute(f"COPY (SELECT '2.50' AS BilledCost, 'USD' AS BillingCurrency, '2024-09-03 00:00:00' AS ChargePeriodStart,"
                f" '2024-09-04 00:00:00' AS ChargePeriodEnd, 'AWS' AS ProviderName, 'S3' AS ServiceName,"
                f" '{{\"team\": \"web\"}}' AS Tags) TO '{tmp_path / 'b.parquet'}' (FORMAT parquet)")
    src = FocusFileSource("s", [str(tmp_path / "*.csv"), str(tmp_path / "*.parquet")])
    res = src.fetch(SEPT, group_by=["ServiceName"], tag_keys=["team"])
    assert sorted((r.service_name, str(r.billed_cost.amount)) for r in res.records) == [
        ("EC2", "1.250000000000"), ("S3", "2.500000000000")]


def test_rules_first_match_team_tags_and_unallocated() -> None:
    rules = [TeamRule(team="platform", accounts=["111"], tags={"env": "prod"}),
             TeamRule(team="data", tags={"team": "*"})]
    out = attribute([rec("1", env="prod"), rec("2", team="x"), rec("3", owner="y"), rec("4", squad="z")], rules,
                    team_tags=["squad"])
    assert [a.team for a in out] == ["platform", "data", UNALLOCATED, "z"]


def test_shared_costs_split_exactly() -> None:
    direct = [rec("30", team="a"), rec("10", team="b")]
    shared = [rec("8", kind="shared")]
    rules = [TeamRule(team="a", tags={"team": "a"}), TeamRule(team="b", tags={"team": "b"})]
    even = attribute(direct + shared, rules, [SharedCostRule(match=TeamRule(team="-", tags={"kind": "shared"}),
                                                             teams=["a", "b"])])
    assert sorted((a.team, a.cost.amount) for a in even if a.shared) == [("a", Decimal(4)), ("b", Decimal(4))]
    prop = attribute(direct + shared, rules, [SharedCostRule(match=TeamRule(team="-", tags={"kind": "shared"}),
                                                             teams=["a", "b"], split="proportional")])
    assert sorted((a.team, a.cost.amount) for a in prop if a.shared) == [("a", Decimal(6)), ("b", Decimal(2))]
    credited = [*direct, rec("-60", category="Credit", team="b"), *shared]  # b's credit does not tilt the split
    prop = attribute(credited, rules, [SharedCostRule(match=TeamRule(team="-", tags={"kind": "shared"}),
                                                      teams=["a", "b"], split="proportional")])
    assert sorted((a.team, a.cost.amount) for a in prop if a.shared) == [("a", Decimal(6)), ("b", Decimal(2))]
    with pytest.raises(ConfigError):
        SharedCostRule(match=TeamRule(team="-"), teams=[])


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=6),
       st.lists(st.decimals(min_value=Decimal(0), max_value=Decimal(1000), places=3), min_size=1, max_size=12))
def test_split_always_adds_back(total: Decimal, weights: list[Decimal]) -> None:
    parts = split_exact(Money(total, "EUR"), weights)
    assert sum((p.amount for p in parts), Decimal(0)) == total
    assert len(parts) == len(weights)


def test_series_keeps_credits_apart_and_fills_days() -> None:
    out = attribute([rec("10", 1, team="a"), rec("-3", 2, category="Credit", team="a"),
                     rec("5", 3, category="Adjustment", team="a"),  # back-billing: a charge
                     rec("-4", 3, category="Adjustment", team="a")], [], team_tags=["team"])  # a refund
    series = team_series(out, start=date(2026, 11, 1), end=date(2026, 11, 5))["a"]
    assert [d.day.day for d in series.days] == [1, 2, 3, 4]
    assert series.charges == Money("15", "USD") and series.credits == Money("-7", "USD")
    assert series.net == Money("8", "USD")
    assert series.through(date(2026, 11, 1)).net == Money("10", "USD")


def test_currency_change_mid_month_is_refused() -> None:
    out = attribute([rec("10", 1, team="a"), rec("5", 2, currency="EUR", team="a")], [], team_tags=["team"])
    with pytest.raises(CurrencyMismatchError, match="team a has spend in USD and EUR"):
        team_series(out)


@pytest.mark.shared_data
def test_cli_spend_show_and_export(shared_data: Path, tmp_path: Path) -> None:
    sample = tmp_path / "sample.yaml"
    sample.write_text(f"sources:\n  - name: focus-sample\n    type: focus_file\n"
                      f"    paths: [{shared_data / 'focus' / 'focus_1_0_sample_1000_real.csv'}]\n"
                      "    tag_keys: [business_unit, team, environment]\n"
                      "attribution:\n  team_tags: [team, business_unit]\n")
    r = CliRunner().invoke(cli, ["spend", "show", "--config", str(sample), "--month", "2024-09", "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["month"] == "2024-09" and any(row["team"] == "PeoriaData" for row in doc["rows"])
    assert all(isinstance(row["charges"], str) for row in doc["rows"])
    out = tmp_path / "focus.csv"
    r = CliRunner().invoke(cli, ["spend", "export", "--config", str(sample), "--month", "2024-09", "--format", "focus",
                                 "--output", str(out)])
    assert r.exit_code == 0, r.output
    again = FocusFileSource("roundtrip", [str(out)]).fetch(SEPT, group_by=[], tag_keys=[])
    assert again.records
    config = tmp_path / "c.yaml"
    config.write_text(f"sources:\n  - name: mine\n    type: focus_file\n    paths: [{out}]\n    tag_keys: [business_unit]\n"
                      "attribution:\n  team_tags: [business_unit]\n")
    r = CliRunner().invoke(cli, ["spend", "show", "--config", str(config), "--month", "2024-09", "--format", "csv"])
    assert r.exit_code == 0 and "PeoriaData" in r.output
    config.write_text(config.read_text() + "as_of: 2024-09-30\n")  # a pinned as_of is the default month
    r = CliRunner().invoke(cli, ["spend", "show", "--config", str(config), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["month"] == "2024-09" and "PeoriaData" in r.output
    config.write_text(config.read_text().replace("as_of: 2024-09-30", "as_of: last tuesday"))
    r = CliRunner().invoke(cli, ["spend", "show", "--config", str(config)])
    assert r.exit_code == 1 and "as_of 'last tuesday' is not a date" in r.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: x\n    type: focus_file\n")
    r = CliRunner().invoke(cli, ["spend", "show", "--config", str(bad), "--month", "2024-09"])
    assert r.exit_code == 1 and "sources[0].paths: Field required" in r.output  # the key path as in the daemon config
    r = CliRunner().invoke(cli, ["spend", "show", "--month", "Sept"])
    assert r.exit_code == 1 and "not YYYY-MM" in r.output


def _focus_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """rows: (BilledCost, ChargePeriodStart, Tags JSON)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,Tags"]
    lines += [f'{c},USD,{start},{start},AWS,"{tags.replace(chr(34), chr(34) * 2)}"' for c, start, tags in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_globs_recurse_and_a_file_is_read_once(tmp_path: Path) -> None:
    _focus_csv(tmp_path / "exp" / "2024" / "09" / "a.csv", [("10", "2024-09-01 00:00:00", "{}")])
    _focus_csv(tmp_path / "exp" / "sub" / "b.csv", [("1", "2024-09-01 00:00:00", "{}")])
    total = lambda *pats: sum(r.billed_cost.amount for r in FocusFileSource("s", list(pats)).fetch(SEPT).records)  # noqa: E731
    assert total(str(tmp_path / "exp" / "**" / "*.csv")) == Decimal("11")
    assert total(str(tmp_path / "exp" / "sub" / "*.csv"), str(tmp_path / "exp" / "sub" / "b.csv")) == Decimal("1")


def test_days_are_utc_days_whatever_the_machine_time_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    f = _focus_csv(tmp_path / "tz.csv", [("8", "2024-09-01T00:00:00+00:00", "{}"),
                                         ("16", "2024-10-01T00:00:00+00:00", "{}")])
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        records = FocusFileSource("s", [str(f)]).fetch(SEPT).records
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert [(r.charge_date.isoformat(), r.billed_cost.amount) for r in records] == [("2024-09-01", Decimal("8"))]


def test_tag_keys_with_dots_and_empty_values(tmp_path: Path) -> None:
    f = _focus_csv(tmp_path / "tags.csv", [("5", "2024-09-01 00:00:00", '{"kubernetes.io/team": "web"}'),
                                           ("3", "2024-09-01 00:00:00", '{"kubernetes.io/team": ""}')])
    records = FocusFileSource("s", [str(f)]).fetch(SEPT, group_by=[], tag_keys=["kubernetes.io/team"]).records
    assert sorted((sorted(r.tags.items()), r.billed_cost.amount) for r in records) == [
        ([], Decimal("3")), ([("kubernetes.io/team", "web")], Decimal("5"))]  # an empty value is untagged


def test_typed_parquet_as_real_exports_write_it(tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "typed.parquet"
    duckdb.connect().execute(
        "COPY (SELECT 2.5::DOUBLE AS BilledCost, 'USD' AS BillingCurrency, TIMESTAMPTZ '2024-09-01 00:00:00+00' "
        "AS ChargePeriodStart, TIMESTAMPTZ '2024-09-02 00:00:00+00' AS ChargePeriodEnd, 'AWS' AS ProviderName, "
        f"'Usage' AS ChargeCategory) TO '{out}' (FORMAT parquet)")
    (rec_,) = FocusFileSource("s", [str(out)]).fetch(SEPT).records
    assert (rec_.charge_date, rec_.billed_cost) == (date(2024, 9, 1), Money("2.5", "USD"))
