"""FOCUS rows that are blank, unreadable or too precise: refused by file and row, or counted with a warning.

The files are written here in the shapes FOCUS exports take: CSV as the FOCUS 1.0 sample writes it (``NULL`` for
nulls, ``YYYY-MM-DD HH:MM:SS`` periods), Parquet typed as AWS Data Exports' FOCUS table documents it (``double``
costs, ``timestamp`` periods; https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-2-aws-columns.html).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from costlib.cli.main import cli
from costlib.errors import InputError
from costlib.money import Money
from costlib.spend import FocusFileSource, HealthStatus, SpendRecord, SpendSettings, SpendWindow, build_source
from costlib.spend.base import ChargeCategory

SEPT = SpendWindow(date(2024, 9, 1), date(2024, 10, 1))
HEADER = "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,Tags"


def _csv(path: Path, *rows: str) -> Path:
    """rows: 'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart' (the rest is filled in)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [HEADER]
    for row in rows:
        cost, effective, currency, start = row.split(",")
        lines.append(f'{cost},{effective},{currency},{start},2024-09-30 00:00:00,Usage,AWS,"{{""team"": ""web""}}"')
    path.write_text("\n".join(lines) + "\n")
    return path


GOOD = "1.25,1.25,USD,2024-09-01 00:00:00"


def _parquet(path: Path, select: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    duckdb.connect().execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")
    return path


def _typed(cost: str, *, start: str = "TIMESTAMP '2024-09-01 00:00:00'", n: int = 1) -> str:
    """A typed FOCUS row (as AWS writes them: DOUBLE costs, TIMESTAMP periods) repeated n times."""
    return (f"SELECT {cost} AS BilledCost, {cost} AS EffectiveCost, 'USD' AS BillingCurrency, {start} AS "
            "ChargePeriodStart, TIMESTAMP '2024-09-30 00:00:00' AS ChargePeriodEnd, 'Usage' AS ChargeCategory, "
            f"'AWS' AS ProviderName, '{{\"team\": \"web\"}}' AS Tags FROM range({n})")


def _total(src: FocusFileSource) -> Decimal:
    return sum((r.billed_cost.amount for r in src.fetch(SEPT, group_by=[], tag_keys=["team"]).records), Decimal(0))


# --- issue 18: a blank or NULL BilledCost is never $0 silently -------------------------------------------------

@pytest.mark.parametrize("blank", ["", "NULL"])
def test_blank_billed_cost_is_refused_naming_file_and_line(tmp_path: Path, blank: str) -> None:
    f = _csv(tmp_path / "x.csv", GOOD, f"{blank},2.00,USD,2024-09-02 00:00:00")
    src = FocusFileSource("s", [str(f)])
    with pytest.raises(InputError, match=r"x.csv:3: malformed row: BilledCost=None .*BilledCost is blank "
                                         r"\(on_bad_rows: warn counts it as 0"):
        src.fetch(SEPT)
    assert src.health().status is HealthStatus.ERROR and "x.csv:3" in (src.health().message or "")


def test_blank_billed_cost_with_warn_is_counted_as_zero_with_a_warning(tmp_path: Path) -> None:
    f = _csv(tmp_path / "x.csv", GOOD, ",2.00,USD,2024-09-01 00:00:00", "NULL,3.00,USD,2024-09-02 00:00:00")
    src = FocusFileSource("s", [str(f)], on_bad_rows="warn")
    res = src.fetch(SEPT, group_by=[], tag_keys=["team"])
    by_day = {r.charge_date.day: (r.billed_cost.amount, r.effective_cost) for r in res.records}
    assert by_day == {1: (Decimal("1.25"), Money("3.25", "USD")), 2: (Decimal(0), Money("3.00", "USD"))}
    assert res.warnings == (f"2 rows with a blank BilledCost counted as 0 (first: {f}:3)",)
    assert res.health.status is HealthStatus.OK and res.health.message == res.warnings[0]


# --- issue 18: a blank ChargePeriodStart is never dropped silently ----------------------------------------------

def test_blank_charge_period_start_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    f = _csv(tmp_path / "p.csv", GOOD, GOOD, "7.50,7.50,USD,")
    with pytest.raises(InputError, match=r"p.csv:4: malformed row: BilledCost='7.50' BillingCurrency='USD': "
                                         r"ChargePeriodStart is blank"):
        FocusFileSource("s", [str(f)]).fetch(SEPT)


def test_blank_charge_period_start_with_warn_is_left_out_with_its_amount(tmp_path: Path) -> None:
    f = _csv(tmp_path / "p.csv", GOOD, "7.50,7.50,USD,", "0.25,0.25,USD,NULL")
    res = FocusFileSource("s", [str(f)], on_bad_rows="warn").fetch(SEPT, group_by=[], tag_keys=[])
    assert [r.billed_cost.amount for r in res.records] == [Decimal("1.25")]
    assert res.warnings == (f"2 rows with a blank ChargePeriodStart left out (USD 7.750000000000 billed; "
                            f"first: {f}:3)",)


def test_a_charge_period_start_that_is_not_a_date_is_refused_even_with_warn(tmp_path: Path) -> None:
    f = _csv(tmp_path / "d.csv", GOOD, "1,1,USD,last tuesday")
    with pytest.raises(InputError, match=r"d.csv:3: .*ChargePeriodStart 'last tuesday' is not a date"):
        FocusFileSource("s", [str(f)], on_bad_rows="warn").fetch(SEPT)


def test_every_period_format_the_exports_write_is_read(tmp_path: Path) -> None:
    f = _csv(tmp_path / "f.csv", "1,1,USD,2024-09-01 00:00:00", "2,2,USD,2024-09-01T00:00:00Z",
             "4,4,USD,2024-09-01T01:00:00+01:00", "8,8,USD,2024-09-01", "16,16,USD,2024-09-01T05:00:00.000Z")
    (rec,) = FocusFileSource("s", [str(f)]).fetch(SEPT, group_by=[], tag_keys=[]).records
    assert rec.charge_date == date(2024, 9, 1) and rec.billed_cost.amount == Decimal(31)


# --- precision beyond 12 decimal places: kept or refused, never cut -------------------------------------------

@pytest.mark.parametrize("cost", ["0.1234567890123", "1.5e-14", "100e-20", "-0.0000000000001"])
def test_a_cost_with_more_than_12_places_is_refused(tmp_path: Path, cost: str) -> None:
    f = _csv(tmp_path / "long.csv", GOOD, f"{cost},1,USD,2024-09-01 00:00:00")
    with pytest.raises(InputError, match=rf"long.csv:3: .*BilledCost '{cost}' has more than 12 decimal places"):
        FocusFileSource("s", [str(f)]).fetch(SEPT)


@pytest.mark.parametrize(("cost", "amount"), [("1.500000000000000000", "1.5"), ("1E-3", "0.001"),
                                              ("1000.0e-15", "0.000000000001"), ("123456789.000000000001",
                                                                                 "123456789.000000000001")])
def test_costs_within_12_places_are_kept_exactly_however_written(tmp_path: Path, cost: str, amount: str) -> None:
    f = _csv(tmp_path / "ok.csv", f"{cost},1,USD,2024-09-01 00:00:00")
    assert _total(FocusFileSource("s", [str(f)])) == Decimal(amount)


def test_too_precise_a_cost_with_warn_is_rounded_with_a_warning(tmp_path: Path) -> None:
    f = _csv(tmp_path / "long.csv", GOOD, "0.1234567890123456,1,USD,2024-09-01 00:00:00")
    res = FocusFileSource("s", [str(f)], on_bad_rows="warn").fetch(SEPT, group_by=[], tag_keys=[])
    assert res.records[0].billed_cost.amount == Decimal("1.373456789012")
    assert res.warnings == (f"1 row with a cost of more than 12 decimal places (or a quantity of more than 18) "
                            f"rounded (first: {f}:3)",)


def test_double_costs_are_read_as_the_decimal_the_writer_meant(tmp_path: Path) -> None:
    values = ["0.1", "999999.99", "1234567.123456789", "123456789012.34", "8e-07", "0.000016059900", "-2.5"]
    selects = " UNION ALL ".join(_typed(f"{v}::DOUBLE") for v in values)
    f = _parquet(tmp_path / "d.parquet", selects)
    assert _total(FocusFileSource("s", [str(f)])) == sum((Decimal(v) for v in values), Decimal(0))


@pytest.mark.parametrize("value", ["0.1::DOUBLE + 0.2::DOUBLE", "1e-13::DOUBLE", "1.00000001e-12::DOUBLE",
                                   "1234.5678901234567::DOUBLE"])
def test_a_double_whose_decimal_has_more_than_12_places_is_refused(tmp_path: Path, value: str) -> None:
    f = _parquet(tmp_path / "d.parquet", _typed("1.5::DOUBLE") + " UNION ALL " + _typed(value))
    with pytest.raises(InputError, match=r"d.parquet: row 2: .*BilledCost .* has more than 12 decimal places"):
        FocusFileSource("s", [str(f)]).fetch(SEPT)


def test_decimal_columns_wider_than_12_places(tmp_path: Path) -> None:
    exact = _parquet(tmp_path / "e.parquet", _typed("CAST('1.500000000000000000' AS DECIMAL(38, 18))"))
    assert _total(FocusFileSource("s", [str(exact)])) == Decimal("1.5")
    cut = _parquet(tmp_path / "c.parquet", _typed("CAST('1.123456789012345678' AS DECIMAL(38, 18))"))
    with pytest.raises(InputError, match=r"c.parquet: row 1: .*more than 12 decimal places"):
        FocusFileSource("s", [str(cut)]).fetch(SEPT)


# --- every row checked, named by its own file and row, without a window over all rows ------------------------

def test_a_parquet_directory_names_the_file_and_row_of_a_bad_row(tmp_path: Path) -> None:
    _parquet(tmp_path / "export" / "2024-09" / "part-0.parquet", _typed("1.0::DOUBLE", n=5))
    _parquet(tmp_path / "export" / "2024-09" / "part-1.parquet",
             _typed("2.0::DOUBLE", n=3) + " UNION ALL " + _typed("'nan'::DOUBLE"))
    src = FocusFileSource("s", [str(tmp_path / "export")])
    with pytest.raises(InputError, match=r"part-1.parquet: row 4: .*BilledCost nan is not a number"):
        src.fetch(SEPT)
    (tmp_path / "export" / "2024-09" / "part-1.parquet").unlink()
    assert _total(src) == Decimal(5)


def test_the_second_csv_file_is_named_with_its_own_line(tmp_path: Path) -> None:
    _csv(tmp_path / "a.csv", GOOD, GOOD, GOOD)
    _csv(tmp_path / "b.csv", GOOD, "1,1,USD,2024-09-01 00:00:00", "1,1,ZZZ,2024-09-01 00:00:00")
    with pytest.raises(InputError, match=r"b.csv:4: malformed row: BilledCost='1' BillingCurrency='ZZZ': "
                                         r"BillingCurrency 'ZZZ' is not an ISO 4217 code"):
        FocusFileSource("s", [str(tmp_path / "*.csv")]).fetch(SEPT)


def test_rows_outside_the_window_are_checked_too(tmp_path: Path) -> None:
    f = _csv(tmp_path / "o.csv", GOOD, "1,1,USD,2024-10-05 00:00:00", "abc,1,USD,2024-11-05 00:00:00")
    with pytest.raises(InputError, match=r"o.csv:4: malformed row: BilledCost='abc' .*not a number"):
        FocusFileSource("s", [str(f)]).fetch(SEPT)
    g = _csv(tmp_path / "g.csv", GOOD, "1,1,EUR,2024-10-05 00:00:00")  # October's other currency: no harm
    assert _total(FocusFileSource("s", [str(g)])) == Decimal("1.25")


def test_several_bad_rows_say_how_many(tmp_path: Path) -> None:
    f = _csv(tmp_path / "m.csv", GOOD, "x,1,USD,2024-09-01 00:00:00", "y,1,USD,2024-09-01 00:00:00",
             "1,1,USD,")
    with pytest.raises(InputError, match=r"m.csv:3: .*BilledCost 'x' is not a number .*\(2 more bad rows\)"):
        FocusFileSource("s", [str(f)]).fetch(SEPT)


def test_tags_that_are_not_json_name_their_row(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text(HEADER + "\n" + '1,1,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,Usage,AWS,"{""team"": ""web""}"\n'
                 + "1,1,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,Usage,AWS,{team: web\n")
    with pytest.raises(InputError, match=r"t.csv:3: malformed row: .*Tags is not a JSON object"):
        FocusFileSource("s", [str(f)]).fetch(SEPT, tag_keys=["team"])


def test_a_costlib_export_with_12_places_reads_back_the_same(tmp_path: Path) -> None:
    f = _csv(tmp_path / "r.csv", "0.000000000001,0.000000000001,USD,2024-09-01T00:00:00Z")
    assert _total(FocusFileSource("s", [str(f)])) == Decimal("0.000000000001")


# --- quantities ------------------------------------------------------------------------------------------------

def test_quantities_keep_their_places(tmp_path: Path) -> None:
    f = tmp_path / "q.csv"
    f.write_text("BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,ConsumedQuantity,"
                 "ConsumedUnit\n"
                 "1,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,AWS,0.002007490000000123,Hours\n"
                 "1,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,AWS,2.000000000000000,Hours\n"
                 "1,USD,2024-09-01 00:00:00,2024-09-02 00:00:00,AWS,7,Requests\n")
    src = FocusFileSource("s", [str(f)])
    by_unit = {r.consumed_unit: r.consumed_quantity for r in src.fetch(SEPT, group_by=["ConsumedUnit"]).records}
    assert by_unit == {"Hours": Decimal("2.002007490000000123"), "Requests": Decimal("7.000000000000")}
    assert [r.consumed_quantity for r in src.fetch(SEPT, group_by=[]).records] == [Decimal("9.002007490000000123")]
    typed = _parquet(tmp_path / "q.parquet", "SELECT 1.0::DOUBLE AS BilledCost, 'USD' AS BillingCurrency, TIMESTAMP "
                     "'2024-09-01' AS ChargePeriodStart, TIMESTAMP '2024-09-02' AS ChargePeriodEnd, 'AWS' AS "
                     "ProviderName, q::DOUBLE AS ConsumedQuantity FROM (VALUES (0.0000000000001234), (2.5), (1e6), "
                     "(0.1)) t(q)")
    (rec,) = FocusFileSource("s", [str(typed)]).fetch(SEPT, group_by=[]).records
    assert rec.consumed_quantity == Decimal("1000002.6000000000001234")


# --- settings, CLI, records --------------------------------------------------------------------------------------

def test_on_bad_rows_setting(tmp_path: Path) -> None:
    f = _csv(tmp_path / "x.csv", GOOD, ",1,USD,2024-09-02 00:00:00")
    settings = SpendSettings.model_validate({"sources": [{"name": "s", "type": "focus_file", "paths": [str(f)],
                                                          "on_bad_rows": "warn"}]})
    assert build_source(settings.sources[0]).fetch(SEPT).warnings
    with pytest.raises(ValueError, match="on_bad_rows"):
        SpendSettings.model_validate({"sources": [{"name": "s", "type": "focus_file", "paths": [str(f)],
                                                   "on_bad_rows": "ignore"}]})
    with pytest.raises(InputError, match="on_bad_rows must be 'error' or 'warn'"):
        FocusFileSource("s", [str(f)], on_bad_rows="ignore")  # type: ignore[arg-type]


def test_spend_show_prints_the_warnings(tmp_path: Path) -> None:
    f = _csv(tmp_path / "x.csv", GOOD, ",1,USD,2024-09-02 00:00:00")
    config = tmp_path / "c.yaml"
    config.write_text(f"sources:\n  - name: files\n    type: focus_file\n    paths: [{f}]\n    on_bad_rows: warn\n")
    r = CliRunner().invoke(cli, ["spend", "show", "--config", str(config), "--month", "2024-09", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["warnings"] == [f"source files: 1 row with a blank BilledCost counted as 0 "
                                                 f"(first: {f}:3)"]
    assert "costlib: warning: source files: 1 row with a blank BilledCost" in r.stderr
    config.write_text(config.read_text().replace("warn", "error"))
    r = CliRunner().invoke(cli, ["spend", "show", "--config", str(config), "--month", "2024-09"])
    assert r.exit_code == 1 and "x.csv:3: malformed row: BilledCost=None" in r.output


def test_trusted_records_equal_checked_ones_field_for_field() -> None:
    start = datetime(2024, 9, 1, tzinfo=UTC)
    values = dict(billed_cost=Money("1", "EUR"), charge_period_start=start, charge_period_end=start + timedelta(1),
                  provider_name="Microsoft", effective_cost=Money("2", "EUR"), list_cost=Money("3", "EUR"),
                  service_name="svc", service_category="Compute", sub_account_id="sub", sub_account_name="Sub",
                  region_id="westeurope", resource_id="/r", resource_name="r", resource_group="rg",
                  tags={"team": "a"}, consumed_quantity=Decimal("4"), consumed_unit="Hours", pricing_unit="1 Hour",
                  charge_category=ChargeCategory.CREDIT, estimated=True, source="src")
    trusted = SpendRecord.trusted(**values)  # type: ignore[arg-type]
    checked = SpendRecord(**values)  # type: ignore[arg-type]
    assert trusted == checked
    assert {f: getattr(trusted, f) for f in values} == {f: getattr(checked, f) for f in values}


def test_a_missing_folder_is_an_invalid_config(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    src = FocusFileSource("s", [str(tmp_path / "empty")])
    with pytest.raises(InputError, match="no file matches"):
        src.fetch(SEPT)
    assert src.health().status is HealthStatus.INVALID_CONFIG


def test_parquet_nulls_and_text_columns(tmp_path: Path) -> None:
    typed = _parquet(tmp_path / "n.parquet", _typed("1.0::DOUBLE") + " UNION ALL " + _typed("NULL::DOUBLE"))
    with pytest.raises(InputError, match=r"n.parquet: row 2: malformed row: BilledCost=None .*BilledCost is blank"):
        FocusFileSource("s", [str(typed)]).fetch(SEPT)
    no_start = _parquet(tmp_path / "s.parquet", _typed("1.0::DOUBLE", start="NULL::TIMESTAMP"))
    res = FocusFileSource("s", [str(no_start)], on_bad_rows="warn").fetch(SEPT)
    assert res.records == () and res.health.status is HealthStatus.NO_DATA
    assert res.warnings == (f"1 row with a blank ChargePeriodStart left out (USD 1.000000000000 billed; "
                            f"first: {no_start}: row 1)",)
    text = _parquet(tmp_path / "t.parquet", "SELECT 'NULL' AS BilledCost, 'USD' AS BillingCurrency, "
                    "'2024-09-01 00:00:00' AS ChargePeriodStart, '2024-09-02 00:00:00' AS ChargePeriodEnd, "
                    "'AWS' AS ProviderName")
    with pytest.raises(InputError, match=r"t.parquet: row 1: malformed row: BilledCost=None"):
        FocusFileSource("s", [str(text)]).fetch(SEPT)


def test_attribution_builds_the_same_attributed_records_as_the_constructor() -> None:
    from costlib.spend import Attributed, attribute

    start = datetime(2024, 9, 1, tzinfo=UTC)
    rec = SpendRecord(billed_cost=Money("4", "USD"), charge_period_start=start, charge_period_end=start,
                      provider_name="AWS", tags={"team": "web"})
    assert attribute([rec], [], team_tags=["team"]) == [Attributed("web", rec, Money("4", "USD"))]


class _Recording:
    """A real DuckDB connection that records the statements it is given."""

    def __init__(self, con: duckdb.DuckDBPyConnection, seen: list[str]) -> None:
        self._con, self._seen = con, seen

    def execute(self, sql: str, *args: object) -> object:
        self._seen.append(sql)
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def test_duckdb_memory_and_threads_from_the_config_cap_the_aggregation(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A small pod sets duckdb_memory_mb / duckdb_threads on the source; the totals are the same either way."""
    f = _csv(tmp_path / "x.csv", GOOD, "2.50,2.50,USD,2024-09-02 00:00:00")
    settings = SpendSettings.model_validate({"sources": [{"name": "s", "type": "focus_file", "paths": [str(f)],
                                                          "duckdb_memory_mb": 96, "duckdb_threads": 1}]})
    seen: list[str] = []
    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: _Recording(real(*a, **k), seen))
    capped = build_source(settings.sources[0])
    assert isinstance(capped, FocusFileSource)
    assert _total(capped) == Decimal("3.75") == _total(FocusFileSource("s", [str(f)]))
    assert "SET memory_limit='96MB'" in seen and "SET threads=1" in seen
    for bad in ({"duckdb_memory_mb": 8}, {"duckdb_threads": 0}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            SpendSettings.model_validate({"sources": [{"name": "s", "type": "focus_file", "paths": [str(f)], **bad}]})
    with pytest.raises(InputError, match="memory_mb must be at least 64"):
        FocusFileSource("s", [str(f)], memory_mb=8)
    with pytest.raises(InputError, match="threads must be at least 1"):
        FocusFileSource("s", [str(f)], threads=0)


def test_by_default_duckdb_is_capped_and_spills_to_a_private_folder_it_removes(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    f = _csv(tmp_path / "x.csv", GOOD)
    seen: list[str] = []
    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: _Recording(real(*a, **k), seen))
    monkeypatch.chdir(tmp_path)
    assert _total(FocusFileSource("s", [str(f)])) == Decimal("1.25")
    assert "SET memory_limit='140MB'" in seen
    spill = next(s for s in seen if s.startswith("SET temp_directory="))
    folder = Path(spill.split("'")[1])
    assert folder.name.startswith("costlib-duckdb-") and not folder.exists()  # removed after the fetch
    assert not (tmp_path / ".tmp").exists()  # never DuckDB's ./.tmp in the daemon's working folder
    seen.clear()
    settings = SpendSettings.model_validate({"sources": [{"name": "s", "type": "focus_file", "paths": [str(f)],
                                                          "duckdb_memory_mb": None}]})
    assert _total(build_source(settings.sources[0])) == Decimal("1.25")  # type: ignore[arg-type]
    assert not any("memory_limit" in s or "temp_directory" in s for s in seen)  # null: DuckDB's own
