"""``costlib fx``: the FX table costlib converts with."""

from __future__ import annotations

import click

from costlib.cli._util import echo_json, handle_errors
from costlib.money import DEFAULT_FX, Money

__all__ = ["fx"]


@click.group()
def fx() -> None:
    """Exchange rates used to show costs in another currency."""


@fx.command("show")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table to read, or one JSON document for scripts.")
def show(fmt: str) -> None:
    """Show the default FX table, its date and its source."""
    table = DEFAULT_FX
    if fmt == "json":
        echo_json({"base": table.base, "as_of": table.as_of.isoformat(), "source": table.source,
                   "rates": {c: str(table.rate(table.base, c)) for c in sorted(table.currencies)}})
        return
    click.echo(f"FX table of {table.as_of.isoformat()} (1 {table.base} = ...), {table.source}")
    for code in sorted(table.currencies):
        click.echo(f"  {code}  {table.rate(table.base, code)}")


@fx.command("convert", short_help="Convert AMOUNT CURRENCY into the --to currency.")
@click.argument("amount")
@click.argument("currency")
@click.option("--to", "target", required=True, help="ISO 4217 code to convert into.")
@handle_errors
def convert(amount: str, currency: str, target: str) -> None:
    """Convert AMOUNT CURRENCY into the --to currency, like `costlib fx convert 180 GBP --to USD`."""
    result = DEFAULT_FX.convert(Money(amount, currency), target)
    click.echo(f"{Money(amount, currency).display()} = {result.display()} "
               f"(FX of {DEFAULT_FX.as_of.isoformat()})")
