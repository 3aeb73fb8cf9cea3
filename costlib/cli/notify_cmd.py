"""``costlib notify test|status|enable|retry``: check and inspect the notification channels."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from costlib.cli._util import echo_json, handle_errors
from costlib.cli.daemon_cmd import _config_path, config_option
from costlib.errors import InputError

__all__ = ["notify"]


@click.group(short_help="Notification channels: test, outbox, enable, retry.")
def notify() -> None:
    """Notification channels: send a test message, show the outbox, re-enable a channel."""


@notify.command("test", short_help="Send a test message through every channel of TEAM.")
@config_option
@click.option("--team", required=True, help="Send through every channel this team's alerts go to.")
@handle_errors
def test_cmd(config_file: str | None, team: str) -> None:
    """Send a test message through every channel of TEAM, now, and report each outcome (exit 1 if any failed)."""
    from costlib.daemon.config import load_config
    from costlib.daemon.notify import build_channels
    from costlib.daemon.notify.routing import Message, channels_for, message_payload
    from costlib.errors import DeliveryError, EndpointGoneError
    from costlib.policy.alerts import Alert, AlertKind, Severity, TextKey

    config = load_config(_config_path(config_file))
    channels = build_channels(config.notify, config.path("."))
    names = channels_for(config.notify.routes, config.notify.fallback, team)
    if not names:
        click.echo(f"costlib: error: team {team!r} has no route and there is no fallback (notify.routes)", err=True)
        sys.exit(1)
    now = datetime.now(UTC)
    alert = Alert(key=TextKey(f"test:{team}:{now.strftime('%Y%m%dT%H%M%S.%fZ')}"), kind=AlertKind.TEST, team=team,
                  subject="notify test", title=f"costlib test message for team {team}",
                  summary="If you can read this, costlib alerts reach this channel.", created_at=now,
                  severity=Severity.INFO, action=f"costlib notify test --team {team}")
    payload = message_payload(Message(alert.id, team, (alert,)))
    failed = 0
    for name in names:
        try:
            channels[name].deliver(alert.id, payload)
            click.echo(f"ok      {name}")
        except DeliveryError as exc:
            failed += 1
            gone = " (the daemon disables a channel whose endpoint answers this)" if isinstance(exc, EndpointGoneError) \
                else ""
            click.echo(f"FAILED  {name}: {exc}{gone}")
    sys.exit(1 if failed else 0)


@notify.command("status", short_help="The outbox: each message's channel, status and last error.")
@config_option
@click.option("--status", "status", type=click.Choice(["pending", "sent", "dead"]), default=None,
              help="Only messages with this status (default: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table to read, or one JSON document for scripts.")
@handle_errors
def status_cmd(config_file: str | None, status: str | None, fmt: str) -> None:
    """The daemon's outbox: messages per channel, their status, attempts and last error."""
    from costlib.daemon.config import load_config
    from costlib.daemon.notify import Outbox
    from costlib.daemon.state import StateStore

    config = load_config(_config_path(config_file))
    outbox = Outbox(StateStore(config.state_path), {}, {}, [])
    rows = outbox.messages(status)
    if fmt == "json":
        echo_json(rows)
        return
    for r in rows:
        err = f"  {r['last_error']}" if r["last_error"] else ""
        click.echo(f"{r['status']:<8} {r['channel']:<16} attempts={r['attempts']:<3} {r['id']}{err}")
    click.echo(f"{len(rows)} messages; " + ", ".join(f"{k}: {v}" for k, v in sorted(outbox.counts().items())))


@notify.command("enable", short_help="Re-enable CHANNEL after its endpoint answered 410 Gone.")
@config_option
@click.argument("channel")
@handle_errors
def enable_cmd(config_file: str | None, channel: str) -> None:
    """Re-enable CHANNEL after its endpoint answered 410 Gone (fix the URL first)."""
    from costlib.daemon.config import load_config
    from costlib.daemon.notify import Outbox
    from costlib.daemon.state import StateStore

    config = load_config(_config_path(config_file))
    if channel not in {c.name for c in config.notify.channels}:
        raise InputError(f"no channel named {channel!r} in notify.channels "
                         f"({', '.join(c.name for c in config.notify.channels) or 'none configured'})")
    was = Outbox(StateStore(config.state_path), {}, {}, []).enable(channel)
    click.echo(f"{channel}: {'re-enabled' if was else 'was not disabled'}")


@notify.command("retry", short_help="Put dead letters back in the queue once the endpoint works.")
@config_option
@click.argument("channel", required=False)
@handle_errors
def retry_cmd(config_file: str | None, channel: str | None) -> None:
    """Put dead letters (of CHANNEL, or every channel) back in the queue with a fresh deadline, after the endpoint
    is fixed; the running daemon sends them within a minute."""
    from costlib.daemon.config import load_config
    from costlib.daemon.notify import Outbox
    from costlib.daemon.state import StateStore

    config = load_config(_config_path(config_file))
    if channel is not None and channel not in {c.name for c in config.notify.channels}:
        raise InputError(f"no channel named {channel!r} in notify.channels "
                         f"({', '.join(c.name for c in config.notify.channels) or 'none configured'})")
    n = Outbox(StateStore(config.state_path), {}, {}, [], deadline=config.notify.deadline_delta).requeue(channel)
    click.echo(f"{n} dead letter{'s' if n != 1 else ''} back in the queue" + (f" for {channel}" if channel else ""))
