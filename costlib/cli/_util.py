"""Helpers shared by the command modules: error translation and output."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from costlib.errors import CostlibError

__all__ = ["echo_json", "handle_errors"]

P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`CostlibError` into one ``costlib: error: ...`` line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CostlibError as exc:
            click.echo(f"costlib: error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def echo_json(document: Any) -> None:
    """Print exactly one JSON document (amounts are already strings)."""
    click.echo(json.dumps(document, indent=2, sort_keys=False, default=str))


def daemon_config_file(config_file: str | None) -> Path | None:
    """The daemon config a command was pointed at: ``--config``, else ``$COSTLIB_CONFIG``; None when neither."""
    value = config_file or os.environ.get("COSTLIB_CONFIG")
    return Path(value) if value else None
