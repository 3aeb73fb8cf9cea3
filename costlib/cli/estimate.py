"""``costlib estimate`` and ``costlib diff``: cost at the point of provisioning, in the terminal and in CI."""

from __future__ import annotations

import dataclasses
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from costlib.cli._util import echo_json, handle_errors
from costlib.cli.main import EXIT_DECLINED, EXIT_OVER_LIMIT
from costlib.errors import InputError
from costlib.models import Estimate, ResourceSpec
from costlib.money import DEFAULT_FX, Money, plain

__all__ = ["diff_cmd", "estimate_cmd"]

_FORMATS = ["table", "json", "markdown", "html"]


_LIMIT_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}


def _limit(text: str | None, currency: str) -> Money | None:
    """``--fail-above``: ``250``, ``$250``, ``€250`` or ``250 EUR``; a limit in another currency than the
    estimate's is refused rather than compared as if it were the same."""
    if text is None:
        return None
    raw, code = text.strip(), None
    if raw[:1] in _LIMIT_SYMBOLS:
        code, raw = _LIMIT_SYMBOLS[raw[0]], raw[1:].strip()
    words = raw.split()
    if len(words) == 2 and words[1].isalpha():
        raw, code = words[0], words[1].upper()
    try:
        limit = Money(Decimal(raw), code or currency)
    except (InvalidOperation, ValueError):
        raise InputError(f"--fail-above {text!r} is not an amount like 250, $250 or 250 EUR") from None
    if limit.currency != currency.upper():
        raise InputError(f"--fail-above {text!r} is in {limit.currency} and the estimate in {currency.upper()}; "
                         f"give the limit in {currency.upper()} or pass --currency {limit.currency}")
    return limit


def _guard(monthly: Money, confirm: bool, fail_above: Money | None) -> None:
    if fail_above is not None and monthly > fail_above:
        click.echo(f"costlib: {monthly.display()}/month is above the limit of {fail_above.display()}", err=True)
        sys.exit(EXIT_OVER_LIMIT)
    if confirm:
        prompt = f"This change will cost about {monthly.display()}/month. Continue?"
        if not click.confirm(prompt, default=False, err=True):
            click.echo("Declined.", err=True)
            sys.exit(EXIT_DECLINED)


def _compare(specs: list[ResourceSpec]) -> list[ResourceSpec]:
    """The same generic resources on every cloud: address ``<name>@<provider>``; the region from
    ``regions`` in attributes (``{aws: us-east-1, azure: eastus, gcp: us-central1}`` by default)."""
    defaults = {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}
    out: list[ResourceSpec] = []
    for spec in specs:
        if "." not in spec.type or spec.type.startswith(("aws_", "azurerm_", "google_")):
            raise InputError("--compare-clouds needs provider-agnostic types (compute.instance, ...)",
                             where=spec.address)
        regions = {**defaults, **dict(spec.attributes.get("regions") or {})}
        for provider in ("aws", "azure", "gcp"):
            attrs = {k: v for k, v in spec.attributes.items() if k != "regions"}
            if provider != spec.provider and "vcpu" in attrs:
                attrs.pop("size", None)
            elif provider != spec.provider:
                raise InputError("--compare-clouds needs vcpu and memory_gb (a size name belongs to one cloud)",
                                 where=spec.address)
            out.append(dataclasses.replace(spec, address=f"{spec.address}@{provider}", provider=provider,
                                           region=regions[provider], attributes=attrs))
    return out


def _render(est: Estimate, fmt: str, compare: bool = False) -> None:
    from costlib.report import estimate_html, estimate_json, estimate_markdown, estimate_table, provider_totals

    if fmt == "json":
        doc = estimate_json(est)
        if compare:  # one design on several clouds: a total per cloud is the answer, not their sum
            doc["per_provider"] = {p: {"monthly_cost": plain(m.amount), "fully_priced": ok}
                                   for p, (m, ok) in provider_totals(est).items()}
        echo_json(doc)
    elif fmt == "markdown":
        click.echo(estimate_markdown(est), nl=False)
    elif fmt == "html":
        click.echo(estimate_html(est), nl=False)
    else:
        click.echo(estimate_table(est, compare=compare), nl=False)


@click.command("estimate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--usage", "usage_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Usage file (per-type defaults, per-address values, wildcards).")
@click.option("--currency", default="USD", show_default=True, help="ISO 4217 code to show amounts in.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True)
@click.option("--catalog", "catalog_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Price catalog file (default: the refreshed or embedded catalog).")
@click.option("--compare-clouds", is_flag=True, help="Price each generic resource on AWS, Azure and GCP.")
@click.option("--confirm", is_flag=True, help="Ask before going on; exit 3 on no.")
@click.option("--fail-above", default=None, help="Exit 4 when the monthly total is above this amount.")
@click.option("--fetch-missing", is_flag=True, help="Fetch the prices the estimate lacks from the providers first.")
@handle_errors
def estimate_cmd(paths: tuple[Path, ...], usage_path: Path | None, currency: str, fmt: str,
                 catalog_path: Path | None, compare_clouds: bool, confirm: bool, fail_above: str | None,
                 fetch_missing: bool = False) -> None:
    """Estimate the monthly cost of PATHS (Terraform plan JSON or resource spec files)."""
    from costlib.catalog.store import SQLiteCatalog
    from costlib.estimate import _collect, estimate

    Money("0", currency)  # validates the currency code up front
    catalog = SQLiteCatalog(catalog_path) if catalog_path else None
    specs = _collect(list(paths))
    if compare_clouds:
        if confirm or fail_above:
            raise InputError("--compare-clouds prices one design on every cloud; --confirm and --fail-above "
                             "apply to what you provision: estimate the chosen cloud's spec for those")
        specs = _compare(specs)
    est = estimate(specs, catalog=catalog, usage=usage_path, currency=currency, fx=DEFAULT_FX)
    if fetch_missing:  # what it fetched and what is still missing go to stderr; the estimate stays on stdout
        from costlib.cli.pricing import fetch_missing as fetch

        est, _ = fetch(est, lambda cat: estimate(specs, catalog=cat, usage=usage_path, currency=currency,
                                                 fx=DEFAULT_FX), catalog_path=catalog_path)
    _render(est, fmt, compare=compare_clouds)
    _guard(est.total_monthly_cost, confirm, _limit(fail_above, currency))


@click.command("diff")
@click.argument("before", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("after", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--usage", "usage_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--currency", default="USD", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
@click.option("--catalog", "catalog_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--confirm", is_flag=True, help="Ask before going on; exit 3 on no.")
@click.option("--fail-above", default=None, help="Exit 4 when the monthly increase is above this amount.")
@handle_errors
def diff_cmd(before: Path, after: Path | None, usage_path: Path | None, currency: str, fmt: str,
             catalog_path: Path | None, confirm: bool, fail_above: str | None) -> None:
    """Monthly cost delta: BEFORE and AFTER plans, or one plan's resource_changes."""
    from costlib.catalog.store import SQLiteCatalog
    from costlib.diff import diff
    from costlib.report import diff_lines, diff_markdown

    Money("0", currency)
    catalog = SQLiteCatalog(catalog_path) if catalog_path else None
    doc: dict[str, Any] = diff(before, after, catalog=catalog, usage=usage_path, currency=currency)
    if fmt == "json":
        click.echo(json.dumps(doc, indent=2))
    elif fmt == "markdown":
        click.echo(diff_markdown(doc), nl=False)
    else:
        from costlib.report import diff_delta, diff_side

        def money(text: str, sign: bool = False) -> str:
            m = Money(text, currency)
            return ("+" if sign and m.amount > 0 else "") + m.display()

        for r in doc["resources"]:
            click.echo(f"{r['change']:>8}  {r['address']:<50} "
                       f"{diff_side(r['monthly_before'], r['status_before'], currency):>16} -> "
                       f"{diff_side(r['monthly_after'], r['status_after'], currency):>16}  ({diff_delta(r, currency)})")
        click.echo(f"total: {money(doc['total_monthly_before'])} -> {money(doc['total_monthly_after'])} per month "
                   f"(delta {money(doc['total_monthly_delta'], sign=True)})")
        for line in diff_lines(doc):
            click.echo(line)
    _guard(Money(doc["total_monthly_delta"], currency), confirm, _limit(fail_above, currency))
