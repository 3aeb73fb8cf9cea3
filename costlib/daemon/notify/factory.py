"""Channels from the config: secrets stay references until the moment of sending (so they rotate, and no object
holding one prints it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from costlib.daemon.config import NotifySettings
from costlib.daemon.notify.channels import (
    AlertmanagerChannel,
    Channel,
    EmailChannel,
    OutboxDirChannel,
    PagerDutyChannel,
    SlackChannel,
    TeamsChannel,
    WebhookChannel,
)
from costlib.daemon.notify.render import Renderer
from costlib.errors import ConfigError
from costlib.secret import SecretRef

__all__ = ["build_channels"]


def _value(ref: SecretRef | str, where: str, base: Path) -> Callable[[], str]:
    """A literal value, or a secret reference resolved on each call."""
    if isinstance(ref, SecretRef):
        return lambda: ref.resolve(where, base=base).get_secret_value()
    return lambda: ref


def _api_url(base: Callable[[], str]) -> Callable[[], str]:
    return lambda: base().rstrip("/") + "/api/v2/alerts"


def build_channels(settings: NotifySettings, base: Path, *, transport: Any = None) -> dict[str, Channel]:
    """One channel object per configured channel; ``base`` anchors relative paths."""
    templates = None
    if settings.templates_dir:
        t = Path(settings.templates_dir)
        templates = t if t.is_absolute() else base / t
    renderer = Renderer(templates)
    channels: dict[str, Channel] = {}
    for i, ch in enumerate(settings.channels):
        where = f"notify.channels[{i}]"
        http: dict[str, Any] = {"timeout": ch.timeout, "transport": transport}
        if ch.type == "outbox_dir":
            path = Path(ch.path)
            channels[ch.name] = OutboxDirChannel(ch.name, path if path.is_absolute() else base / path, renderer)
        elif ch.type == "email":
            password = _value(ch.password, f"{where}.password", base) if ch.password else None
            channels[ch.name] = EmailChannel(ch.name, host=ch.host, port=ch.smtp_port, sender=ch.sender, to=list(ch.to),
                                             security=ch.security, username=ch.username, password=password,
                                             timeout=ch.timeout, ca_file=ch.ca_file, renderer=renderer)
        elif ch.type == "webhook":
            channels[ch.name] = WebhookChannel(ch.name, _value(ch.url, f"{where}.url", base), headers=ch.headers,
                                               secret=_value(ch.secret, f"{where}.secret", base) if ch.secret else None,
                                               **http)
        elif ch.type == "slack":
            channels[ch.name] = SlackChannel(ch.name, _value(ch.url, f"{where}.url", base), renderer=renderer, **http)
        elif ch.type == "teams":
            channels[ch.name] = TeamsChannel(ch.name, _value(ch.url, f"{where}.url", base), **http)
        elif ch.type == "alertmanager":
            channels[ch.name] = AlertmanagerChannel(ch.name, _api_url(_value(ch.url, f"{where}.url", base)), **http)
        elif ch.type == "pagerduty":
            channels[ch.name] = PagerDutyChannel(ch.name, _value(ch.url, f"{where}.url", base),
                                                 routing_key=_value(ch.routing_key, f"{where}.routing_key", base), **http)
        else:  # pragma: no cover - the config model only admits known types
            raise ConfigError(f"unknown channel type {ch.type!r}", where=where)
    return channels
