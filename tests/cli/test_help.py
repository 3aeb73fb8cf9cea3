"""Every command's --help reads whole: each option says what it does, and no help line is cut short.

Walks every click command (sub-commands of the lazy groups included), renders its help at 80 columns as a
terminal shows it, and checks the options and the command listings.
"""

from __future__ import annotations

import re

import click
import pytest

from costlib.cli.main import cli


def _commands() -> list[tuple[str, click.Command, click.Context]]:
    out: list[tuple[str, click.Command, click.Context]] = []

    def walk(cmd: click.Command, name: str, parent: click.Context | None) -> None:
        ctx = click.Context(cmd, info_name=name.rsplit(" ", 1)[-1], parent=parent, terminal_width=80,
                            max_content_width=80)
        out.append((name, cmd, ctx))
        if isinstance(cmd, click.Group):
            for sub in cmd.list_commands(ctx):
                child = cmd.get_command(ctx, sub)
                assert child is not None, f"{name} {sub} does not load"
                walk(child, f"{name} {sub}", ctx)

    walk(cli, "costlib", None)
    return out


COMMANDS = _commands()


def _cut(line: str) -> bool:
    """Click shortens a command's first sentence to fit the listing (``...``) and ends it at the first period
    followed by a capital or a digit (``(e.g. 7d)`` ends at ``(e.g.``)."""
    return (not line.endswith(".") or line.endswith("...") or re.search(r"\b(e\.g|i\.e|etc|vs)\.$", line) is not None
            or line.count("(") != line.count(")"))


def test_the_walk_sees_every_command() -> None:
    names = {name for name, _, _ in COMMANDS}
    assert {"costlib estimate", "costlib diff", "costlib env extend", "costlib daemon run", "costlib spend show",
            "costlib pricing lookup", "costlib notify test"} <= names


@pytest.mark.parametrize(("name", "command", "ctx"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_option_has_help(name: str, command: click.Command, ctx: click.Context) -> None:
    missing = [p.opts[0] for p in command.params if isinstance(p, click.Option) and not p.hidden and not p.help]
    assert missing == [], f"{name}: options without help text: {missing}"
    assert command.help, f"{name} has no help text"


@pytest.mark.parametrize(("name", "command", "ctx"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_help_line_is_cut_short(name: str, command: click.Command, ctx: click.Context) -> None:
    if not isinstance(command, click.Group):
        return
    formatter = ctx.make_formatter()
    command.format_commands(ctx, formatter)
    listing = formatter.getvalue()
    entries = re.findall(r"^  (\S+)\s+(.*(?:\n {4,}\S.*)*)", listing, flags=re.M)
    assert entries, f"{name} lists no commands"
    for sub, text in entries:
        shown = " ".join(text.split())
        assert not _cut(shown), f"`{name} --help` cuts {sub}'s line short: {shown!r}"


@pytest.mark.parametrize(("name", "command", "ctx"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_full_help_renders(name: str, command: click.Command, ctx: click.Context) -> None:
    text = command.get_help(ctx)
    assert "Usage:" in text
    for param in command.params:  # click wraps an option's help, never shortens it: each is there in full
        if isinstance(param, click.Option) and param.help and not param.hidden:
            assert re.sub(r"\s+", "", param.help) in re.sub(r"\s+", "", text), f"{name} {param.opts[0]}"
