"""``costlib daemon run``, ``costlib env ...``, ``costlib budgets status`` and ``costlib alerts list``: the daemon
from the terminal."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from costlib.cli._util import echo_json, handle_errors
from costlib.errors import ConfigError
from costlib.policy.alerts import AlertKind
from costlib.policy.ttl import format_remaining

if TYPE_CHECKING:
    from costlib.daemon.health import SourceProblem
    from costlib.daemon.snapshot import BudgetRow, EnvironmentRow, Snapshot

__all__ = ["acknowledgements", "alerts", "budgets", "daemon", "env"]


#: where a command looks for its config when --config is not given, in order (after $COSTLIB_CONFIG)
CONFIG_LOOKUP = ("costlib.yaml", "config.yaml")


def _config_path(value: str | None) -> Path:
    """``--config``, else ``$COSTLIB_CONFIG``, else ``./costlib.yaml`` or ``./config.yaml``; never an example file
    silently (a daemon on the example config would alert on the example's data)."""
    if value:
        return Path(value)
    env = os.environ.get("COSTLIB_CONFIG")
    if env:
        if not Path(env).is_file():
            raise ConfigError(f"$COSTLIB_CONFIG is {env!r}, which is not a file; point it at the daemon's config "
                              "or pass --config FILE")
        return Path(env)
    for name in CONFIG_LOOKUP:
        if Path(name).is_file():
            return Path(name)
    raise ConfigError(f"no config file: --config was not given, $COSTLIB_CONFIG is not set, and there is no "
                      f"{' or '.join('./' + n for n in CONFIG_LOOKUP)} in {Path.cwd()}; pass --config FILE "
                      "(config.example.yaml in the costlib repository documents every key)")


config_option = click.option("--config", "config_file", default=None,
                              help="Daemon config file (default: $COSTLIB_CONFIG, else ./costlib.yaml, else "
                                   "./config.yaml).")


@dataclass(frozen=True)
class _Evaluated:
    """The daemon's last evaluation as the CLI shows it: typed rows, and which failed or stale sources touch each."""

    snapshot: Snapshot
    problems: dict[str, SourceProblem]
    contributing: set[str]

    def problems_of(self, sources: Sequence[str] | None) -> list[SourceProblem]:
        from costlib.daemon.health import problems_of

        return problems_of(sources, self.problems, self.contributing)

    def marked(self, rows: Sequence[BudgetRow] | Sequence[EnvironmentRow]) -> list[dict[str, Any]]:
        """The rows as JSON, each with its ``source_problems``."""
        from costlib.daemon.snapshot import EnvironmentRow

        as_of = self.snapshot.as_of
        return [{**(r.to_json(as_of) if isinstance(r, EnvironmentRow) else r.to_json()),
                 "source_problems": [p.to_json() for p in self.problems_of(r.sources)]} for r in rows]


def _evaluated(config_file: str | None) -> _Evaluated:
    """The daemon's last snapshot, with the failed or stale sources its figures come from."""
    from costlib.daemon.config import load_config
    from costlib.daemon.health import source_problems
    from costlib.daemon.state import StateStore
    from costlib.errors import StateError

    config = load_config(_config_path(config_file))
    store = StateStore(config.state_path)
    snap = store.snapshot()
    if snap is None:
        raise StateError("the daemon has not evaluated anything yet; run `costlib daemon run --once`",
                         where=str(config.state_path))
    intervals = {s.name: s.poll_interval.delta for s in config.sources}
    problems = source_problems(store.polls(intervals), intervals, datetime.now(UTC))
    return _Evaluated(snap, problems, {s for t in snap.teams for s in t.sources})


def _echo_source_problems(rows: Sequence[tuple[str, list[SourceProblem]]], what: str,
                          problems: Sequence[SourceProblem] = ()) -> None:
    """After a table whose affected rows end in ``!``: each failed or stale source once, and which rows it touches;
    a problem of ``problems`` that touches no row is said too (what it would have found is missing)."""
    seen: dict[str, tuple[str, list[str]]] = {}
    for name, found in rows:
        for p in found:
            seen.setdefault(p.source, (p.summary, []))[1].append(name)
    for summary, names in seen.values():
        click.echo(f"! {what} incomplete ({', '.join(names)}): {summary}")
    for p in problems:
        if p.source not in seen:
            click.echo(f"! {what} may be missing: {p.summary}")


@click.group()
def daemon() -> None:
    """The costlib daemon."""


@daemon.command("run")
@config_option
@click.option("--once", is_flag=True, help="One poll-evaluate-notify cycle, then exit (cron, CI).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Evaluate as of this day (YYYY-MM-DD) instead of the config's as_of or today: replays a past day.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error", "critical"], case_sensitive=False),
              default="info", show_default=True, help="Least severe log messages shown (on stderr).")
@click.option("--init-state", "init_state", is_flag=True,
              help="Start a new state file where an empty or foreign one is (the foreign one is moved aside).")
@handle_errors
def run(config_file: str | None, once: bool, as_of: datetime | None, log_level: str, init_state: bool) -> None:
    """Poll spend, evaluate budgets and TTLs, notify owning teams."""
    from costlib.daemon.config import load_config
    from costlib.daemon.service import Daemon

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = load_config(_config_path(config_file))
    if as_of is not None:
        config = config.pinned(as_of.date())
    d = Daemon(config, lock=True, init_state=init_state)
    try:
        if once:
            report = d.run_cycle()
            for source, status in report.polled.items():
                click.echo(f"source {source}: {status}")
            click.echo(f"{len(report.new_alerts)} new alerts, {report.delivery.sent} messages delivered, "
                       f"{report.delivery.failed} to retry, {report.delivery.dead} dead")
            for alert in report.new_alerts:
                who = "" if alert.title.startswith(f"{alert.team}:") else f"{alert.team}: "
                click.echo(f"  [{alert.severity.value}] {who}{alert.title}")
            for decision in report.decisions:
                if decision.shutdown and decision.dry_run:
                    click.echo(f"  shutdown: would stop (dry run) {decision.environment.name}: {decision.reason}")
            for env_name, results in report.shutdowns:
                for r in results:
                    click.echo(f"  shutdown: {env_name}: {r.resource}: {'ok, ' if r.ok else 'FAILED: '}{r.message}")
            if not report.ok:
                sys.exit(1)
            return
        from costlib.daemon.scheduler import run_forever

        click.echo(f"costlib daemon: {len(config.sources)} sources, state {config.state_path}")
        run_forever(d)
    finally:
        d.store.close()


@click.group()
def budgets() -> None:
    """Budgets per team."""


@budgets.command("status", short_help="Per team: budget, to date, forecast, thresholds crossed.")
@config_option
@click.option("--team", default=None, help="Only this team's budgets.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table to read, or one JSON document for scripts.")
@handle_errors
def status(config_file: str | None, team: str | None, fmt: str) -> None:
    """Per team: budget, month-to-date, forecast, thresholds crossed (from the daemon's last evaluation)."""
    ev = _evaluated(config_file)
    snap = ev.snapshot
    rows = [b for b in snap.budgets if team in (None, b.team)]
    if fmt == "json":
        echo_json({"as_of": snap.as_of.isoformat(), "budgets": ev.marked(rows)})
        return
    if team is not None and not rows:
        known = sorted({b.team or "all" for b in snap.budgets})
        click.echo(f"no budget for team {team!r}; budgets exist for: {', '.join(known) or 'none'}")
        return
    click.echo(f"as of {snap.as_of.isoformat()}")
    click.echo(f"{'budget':<24} {'team':<20} {'budget':>12} {'to date':>12} {'forecast':>12} {'used':>7}  crossed")
    marks = []
    for b in rows:
        forecast = b.forecast.display() if b.forecast is not None else "(too early)"
        found = ev.problems_of(b.sources)
        marks.append((b.name, found))
        click.echo(f"{b.name:<24} {b.team or 'all':<20} {b.amount.display():>12} {b.actual.display():>12} "
                   f"{forecast:>12} {b.utilisation * 100:>6.0f}%  {', '.join(b.crossed) or '-'}{'  !' if found else ''}")
    _echo_source_problems(marks, "figures")


@click.group()
def env() -> None:
    """Ephemeral environments: list, extend, snooze."""


@env.command("list", short_help="Environments: owner, age, TTL left (and cost with --cost).")
@config_option
@click.option("--cost", is_flag=True, help="Show the estimated monthly cost.")
@click.option("--team", default=None, help="Only this team's environments.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table to read, or one JSON document for scripts.")
@handle_errors
def env_list(config_file: str | None, cost: bool, team: str | None, fmt: str) -> None:
    """Running environments: owner, age, TTL left (and the monthly cost with --cost)."""
    ev = _evaluated(config_file)
    snap = ev.snapshot
    rows = [e for e in snap.environments if team in (None, e.team)]
    if fmt == "json":
        echo_json({"as_of": snap.as_of.isoformat(), "environments": ev.marked(rows)})
        return
    header = f"{'environment':<32} {'team':<20} {'owner':<14} {'age':>5} {'TTL left':>10}"
    click.echo(header + (f" {'monthly cost':>14}  basis" if cost else ""))
    marks = []
    for e in rows:
        left = e.ttl_remaining(snap.as_of)
        ttl = "-" if left is None else format_remaining(timedelta(seconds=int(left.total_seconds())))
        age = (snap.as_of - e.created_at).days if e.created_at else 0
        line = f"{e.name:<32} {e.team:<20} {(e.owner or '-'):<14} {str(age or 0) + 'd':>5} {ttl:>10}"
        if cost:
            amount = e.monthly_cost.display() if e.monthly_cost is not None else "unknown"
            line += f" {amount:>14}  {e.cost_basis or ''}"
        found = ev.problems_of(e.sources)
        marks.append((e.name, found))
        click.echo(line + ("  !" if found else ""))
    _echo_source_problems(marks, "environments found in spend", [p for _, p in sorted(ev.problems.items())])


def _change_environment(verb: str, name: str, duration: str, config_file: str | None) -> datetime:
    from costlib.daemon.config import load_config
    from costlib.daemon.service import Daemon

    d = Daemon(load_config(_config_path(config_file)))
    actor = f"cli:{os.environ.get('USER', 'unknown')}"
    try:
        return d.extend(name, duration, actor=actor) if verb == "extend" else d.snooze(name, duration, actor=actor)
    finally:
        d.store.close()


@env.command("extend", short_help="Extend NAME's expiry by DURATION, like 7d.")
@click.argument("name")
@click.argument("duration")
@config_option
@handle_errors
def env_extend(name: str, duration: str, config_file: str | None) -> None:
    """Extend NAME's expiry by DURATION (like 30m, 12h, 7d or 2w); re-arms its TTL warnings."""
    click.echo(f"{name} now expires {_change_environment('extend', name, duration, config_file).isoformat()}")


@env.command("snooze")
@click.argument("name")
@click.argument("duration")
@config_option
@handle_errors
def env_snooze(name: str, duration: str, config_file: str | None) -> None:
    """Silence NAME's warnings for DURATION (like 30m, 12h, 7d or 2w)."""
    until = _change_environment("snooze", name, duration, config_file)
    click.echo(f"{name} warnings snoozed until {until.isoformat()}")


@click.group()
def alerts() -> None:
    """Alerts the daemon decided (its ledger)."""


@alerts.command("list", short_help="Every alert recorded, oldest first.")
@config_option
@click.option("--team", default=None, help="Only this team's alerts.")
@click.option("--kind", default=None, type=click.Choice([k.value for k in AlertKind if k is not AlertKind.TEST]),
              help="Only alerts of this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="The newest N.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table to read, or one JSON document for scripts.")
@handle_errors
def alerts_list(config_file: str | None, team: str | None, kind: str | None, limit: int, fmt: str) -> None:
    """Every alert recorded, oldest first: when, severity, team, what (each was sent once, by its key)."""
    from costlib.daemon.config import load_config
    from costlib.daemon.snapshot import text
    from costlib.daemon.state import StateStore

    config = load_config(_config_path(config_file))
    rows = StateStore(config.state_path).ledger(team=team, kind=kind, limit=limit)
    if fmt == "json":
        echo_json({"alerts": rows})
        return
    if not rows:
        click.echo("no alerts recorded" + (" for these filters" if team or kind else " yet"))
        return
    click.echo(f"{'when (UTC)':<16}  {'severity':<8}  {'team':<20} alert")
    for a in rows:
        when, severity, who, title = (text(a[k]) for k in ("created_at", "severity", "team", "title"))
        click.echo(f"{when[:16].replace('T', ' ')}  {severity:<8}  {who:<20} {title}")


@click.group(short_help="Confirmed estimates the daemon recorded.")
def acknowledgements() -> None:
    """Confirmed estimates the daemon recorded (`costlib estimate --confirm --daemon URL`, the API, Slack)."""


@acknowledgements.command("list", short_help="Every confirmed estimate, oldest first.")
@config_option
@click.option("--team", default=None, help="Only those of this team.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="A table to read, one JSON document, or the FOCUS-adjacent CSV export (columns: README).")
@handle_errors
def acknowledgements_list(config_file: str | None, team: str | None, fmt: str) -> None:
    """Every confirmed estimate in the daemon's state, oldest first: when, who, teams, monthly figure, plan digest."""
    from costlib.daemon.config import load_config
    from costlib.daemon.state import StateStore
    from costlib.policy.acknowledged import acknowledgements_csv

    config = load_config(_config_path(config_file))
    store = StateStore(config.state_path)
    try:
        acks = store.acknowledgements(team=team)
    finally:
        store.close()
    if fmt == "json":
        echo_json({"acknowledgements": [a.to_json() for a in acks]})
        return
    if fmt == "csv":
        click.echo(acknowledgements_csv(acks), nl=False)
        return
    if not acks:
        click.echo("no acknowledgements recorded" + (f" for team {team}" if team else " yet"))
        return
    click.echo(f"{'when (UTC)':<16}  {'by':<16} {'teams':<20} {'monthly':>14}  {'plan':<12}  source")
    for a in acks:
        click.echo(f"{a.acknowledged_at.isoformat()[:16].replace('T', ' ')}  {a.acknowledged_by:<16} "
                   f"{', '.join(a.teams) or '-':<20} {a.monthly.display():>14}  {a.plan_digest[:12]}  {a.source}")
