"""``costlib usage template PLAN``: a usage file with every usage key the plan's resources read."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["usage"]


@click.group(short_help="Usage files: the figures usage-based prices need.")
def usage() -> None:
    """Usage files: the figures (requests, GB, hours) usage-based prices need."""


@usage.command("template", short_help="Write a usage file for plans or spec files.")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the template to this file instead of printing it (refuses to overwrite one).")
def template(sources: tuple[Path, ...], output: Path | None) -> None:
    """Write a usage file for SOURCES (plan JSON or spec files): every usage key their resources read, each with
    its unit and one line of documentation; keys without a default are commented out, so the file changes no
    estimate until a figure is filled in."""
    from costlib.errors import CostlibError
    from costlib.inputs import load_resources
    from costlib.inputs.usage_template import usage_template

    try:
        specs = [s for src in sources for s in load_resources(src)]
    except CostlibError as exc:
        raise click.ClickException(str(exc)) from None
    text = usage_template(specs)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise click.ClickException(f"{output} exists; remove it or choose another --output")
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)
