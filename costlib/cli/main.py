"""Entry point of the ``costlib`` command.

Sub-commands live in their own modules and are imported only when run (so ``costlib --help``
stays fast and a missing cloud extra only matters to the command that needs it). Each entry of
:data:`COMMANDS` maps a command name to ``"module:attribute"`` of a :class:`click.Command`.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from costlib import __version__
from costlib.errors import CostlibError

__all__ = ["COMMANDS", "EXIT_DECLINED", "EXIT_ERROR", "EXIT_INCOMPLETE", "EXIT_OK", "EXIT_OVER_LIMIT", "EXIT_POLICY",
           "EXIT_USAGE", "cli", "main"]

#: command name -> "module:attribute"; one line per command module.
COMMANDS: dict[str, str] = {
    "fx": "costlib.cli.fx:fx",
    "pricing": "costlib.cli.pricing:pricing",
    "estimate": "costlib.cli.estimate:estimate_cmd",
    "diff": "costlib.cli.estimate:diff_cmd",
    "spend": "costlib.cli.spend:spend",
    "daemon": "costlib.cli.daemon_cmd:daemon",
    "budgets": "costlib.cli.daemon_cmd:budgets",
    "env": "costlib.cli.daemon_cmd:env",
    "alerts": "costlib.cli.daemon_cmd:alerts",
    "acknowledgements": "costlib.cli.daemon_cmd:acknowledgements",
    "notify": "costlib.cli.notify_cmd:notify",
    "usage": "costlib.cli.usage:usage",
}

#: Exit codes shared by every command (the README lists them).
EXIT_OK = 0
EXIT_ERROR = 1  # bad input, config or data: one ``costlib: error: ...`` line says what and where
EXIT_USAGE = 2  # the command line itself is wrong (an unknown option, a value not among the choices)
EXIT_DECLINED = 3  # --confirm answered no
EXIT_OVER_LIMIT = 4  # --fail-above: the monthly total (or increase) is above the limit
EXIT_INCOMPLETE = 5  # --fail-above: not above the limit, but resources are left out of the total (--allow-incomplete)
EXIT_POLICY = 6  # a blocking rule of the policy file (costlib.yml or --policy) is broken; checked before 3, 4 and 5


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):  # pragma: no cover - programming error
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="costlib")
def cli() -> None:
    """costlib: cloud cost at the point of provisioning, actual spend per team, warnings before waste."""


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; a :class:`~costlib.errors.CostlibError` prints one clear line and exits 1."""
    try:
        return cli.main(args=argv, prog_name="costlib", standalone_mode=True)
    except CostlibError as exc:  # pragma: no cover - click's standalone mode re-raises only non-click errors
        click.echo(f"costlib: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
