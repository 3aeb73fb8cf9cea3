"""``costlib spend``: actual spend per team from the configured sources."""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import click
import yaml
from pydantic import ValidationError

from costlib.cli._util import echo_json, handle_errors
from costlib.errors import ConfigError, InputError
from costlib.money import Money, plain
from costlib.secret import check_secrets, key_path
from costlib.spend import (
    SpendRecord,
    SpendSettings,
    SpendWindow,
    attribute,
    build_source,
    team_series,
)

__all__ = ["spend"]


def _as_of(config: Path) -> date | None:
    """The config's pinned evaluation date (``as_of``), which is the default month of a file whose data ends."""
    try:
        value = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("as_of")
    except (OSError, yaml.YAMLError, AttributeError):
        return None  # _settings says what is wrong with the file
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ConfigError(f"as_of {value!r} is not a date", where=f"{config}: as_of") from None


def _config(config: Path | None) -> Path:
    """The config to read: ``--config``, else the daemon commands' default ($COSTLIB_CONFIG, ./config.yaml,
    ./config.example.yaml: in a checkout, the demo's own spend)."""
    if config is not None:
        return config
    from costlib.cli.daemon_cmd import _config_path

    found = _config_path(None)
    if not found.is_file():
        raise InputError(f"no config: {found} does not exist; pass --config with your sources (and attribution)")
    return found


def _settings(config: Path) -> tuple[SpendSettings, Path]:
    try:
        doc = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read config: {exc}", where=str(config)) from None
    try:
        settings = SpendSettings.model_validate(doc)
    except ValidationError as exc:
        err = exc.errors()[0]
        kinds = {"focus_file", "aws_cost_explorer", "azure_cost_management", "gcp_bigquery_export", "athena"}
        loc = tuple(p for p in err["loc"] if p not in kinds and not (isinstance(p, str) and "[" in p))
        raise ConfigError(err["msg"].removeprefix("Value error, "), where=f"{config}: {key_path(loc)}") from None
    check_secrets(settings, where=str(config), base=config.parent)
    return settings, config.parent


def _month(text: str | None, records_end: date | None = None) -> SpendWindow:
    if text is None:
        today = records_end or date.today()
        start = today.replace(day=1)
    else:
        try:
            start = date.fromisoformat(text + "-01")
        except ValueError:
            raise InputError(f"--month {text!r} is not YYYY-MM") from None
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return SpendWindow(start, end)


def _records(config: Path, source: str | None, window: SpendWindow
             ) -> tuple[list[SpendRecord], SpendSettings, list[str]]:
    """The sources' records, their settings, and each source's warnings (printed to stderr as they come)."""
    settings, base = _settings(config)
    chosen = [s for s in settings.sources if source in (None, s.name)]
    if not chosen:
        raise InputError(f"no source named {source!r}; configured: {[s.name for s in settings.sources]}")
    records: list[SpendRecord] = []
    warnings: list[str] = []
    for s in chosen:
        src = build_source(s, base=base)
        result = src.fetch(window, group_by=s.group_by, tag_keys=s.tag_keys)
        records.extend(result.records)
        for warning in result.warnings:
            warnings.append(f"source {s.name}: {warning}")
            click.echo(f"costlib: warning: source {s.name}: {warning}", err=True)
    return records, settings, warnings


def _dec(value: Decimal) -> str:
    """An amount as JSON and CSV carry it (:func:`costlib.money.plain`: fixed-point, never exponent notation)."""
    return plain(value)


@click.group()
def spend() -> None:
    """Actual spend per team."""


@spend.command("show", short_help="Month-to-date spend per team (or per day), credits apart.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Config with sources: and attribution: (default: $COSTLIB_CONFIG, ./config.yaml, "
              "./config.example.yaml).")
@click.option("--source", default=None, help="Only this source.")
@click.option("--by", "by", type=click.Choice(["team", "day"]), default="team", show_default=True,
              help="One row per team, or per team and day.")
@click.option("--month", default=None, help="YYYY-MM (default: the month of the config's as_of, else the current "
              "month).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="A table (amounts rounded for display, with a total), or the exact amounts as JSON or CSV.")
@handle_errors
def show(config: Path | None, source: str | None, by: str, month: str | None, fmt: str) -> None:
    """Month-to-date spend per team (or per team and day), credits and refunds apart."""
    if month is not None:
        _month(month)  # a wrong --month is said before any config is looked for
    config = _config(config)
    window = _month(month, _as_of(config))
    records, settings, warnings = _records(config, source, window)
    attributed = attribute(records, settings.attribution.team_rules(), settings.attribution.shared_rules(),
                           team_tags=settings.attribution.team_tags)
    series = team_series(attributed, start=window.start, end=window.end)
    rows = []
    for team, s in series.items():
        if by == "team":
            rows.append({"team": team, "currency": s.currency, "charges": _dec(s.charges.amount),
                         "credits": _dec(s.credits.amount), "net": _dec(s.net.amount)})
        else:
            rows += [{"team": team, "day": d.day.isoformat(), "currency": s.currency, "charges": _dec(d.charges.amount),
                      "credits": _dec(d.credits.amount)} for d in s.days if d.charges or d.credits]
    if fmt == "json":
        echo_json({"month": window.start.isoformat()[:7], "by": by, "rows": rows, "warnings": warnings})
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        click.echo(_table(rows, by, window.start.isoformat()[:7]), nl=False)


def _table(rows: list[dict[str, str]], by: str, month: str) -> str:
    """Rows for reading: a header, amounts rounded to the currency's minor unit, a total per currency (from the
    exact amounts, so it may differ by a cent from the sum of the rounded rows)."""
    if not rows:
        return f"no spend in {month}\n"
    cols = ["charges", "credits", "net"] if by == "team" else ["charges", "credits"]
    key = "team" if by == "team" else "day"
    if by == "team":
        rows = sorted(rows, key=lambda r: (-Decimal(r["net"]), r["team"]))
    width = max(28, *(len(r["team"]) for r in rows))
    head = f"{'team':<{width}}" + (" day       " if by == "day" else "")
    lines = [head + "".join(f" {c:>14}" for c in cols)]
    totals: dict[str, dict[str, Money]] = {}
    for r in rows:
        cur = r["currency"]
        amounts = {c: Money(r[c], cur) for c in cols}
        sums = totals.setdefault(cur, {c: Money.zero(cur) for c in cols})
        for c in cols:
            sums[c] = sums[c] + amounts[c]
        lines.append(f"{r['team']:<{width}}" + (f" {r['day']}" if by == "day" else "")
                     + "".join(f" {amounts[c].display():>14}" for c in cols))
    rule = "-" * len(lines[0])
    lines.append(rule)
    for cur, sums in sorted(totals.items()):
        label = "total" if len(totals) == 1 else f"total {cur}"
        lines.append(f"{label:<{width}}" + (" " * 11 if by == "day" else "")
                     + "".join(f" {sums[c].display():>14}" for c in cols))
    teams = len({r["team"] for r in rows})
    lines.append(f"{month}: {teams} team{'s' if teams != 1 else ''}{f', {len(rows)} team-days' if key == 'day' else ''}; "
                 "amounts rounded for display (exact in --format json or csv)")
    return "\n".join(lines) + "\n"


FOCUS_COLUMNS = ["BilledCost", "EffectiveCost", "ListCost", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd",
                 "ChargeCategory", "ProviderName", "ServiceName", "ServiceCategory", "SubAccountId", "RegionId",
                 "ResourceId", "ResourceName", "ConsumedQuantity", "PricingUnit", "Tags"]


@spend.command("export", short_help="Write the spend as CSV with FOCUS column names.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Config with sources: and attribution: (default: the embedded FOCUS sample).")
@click.option("--source", default=None, help="Only this source.")
@click.option("--month", default=None, help="YYYY-MM (default: as for spend show).")
@click.option("--format", "fmt", type=click.Choice(["focus"]), default="focus", show_default=True,
              help="focus: CSV with FOCUS column names.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default stdout).")
@handle_errors
def export(config: Path | None, source: str | None, month: str | None, fmt: str, output: Path | None) -> None:
    """Write the (aggregated) spend as CSV with FOCUS column names: the FOCUS columns costlib keeps (not every
    column FOCUS requires); dimensions the source does not group by are empty."""
    import json

    config = _config(config)
    window = _month(month, _as_of(config))
    records, _, _ = _records(config, source, window)
    out = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
    try:
        writer = csv.writer(out)
        writer.writerow(FOCUS_COLUMNS)
        for r in records:
            writer.writerow([_dec(r.billed_cost.amount),
                             "" if r.effective_cost is None else _dec(r.effective_cost.amount),
                             "" if r.list_cost is None else _dec(r.list_cost.amount), r.billing_currency,
                             r.charge_period_start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                             r.charge_period_end.strftime("%Y-%m-%dT%H:%M:%SZ"), r.charge_category.value,
                             r.provider_name, r.service_name or "", r.service_category or "", r.sub_account_id or "",
                             r.region_id or "", r.resource_id or "", r.resource_name or "",
                             "" if r.consumed_quantity is None else _dec(r.consumed_quantity), r.pricing_unit or "",
                             json.dumps(dict(r.tags), sort_keys=True)])
    finally:
        if output:
            out.close()


