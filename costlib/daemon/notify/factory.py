"""Channels from the config, found by the type of their settings (one builder per settings class, no chain of
``if type ==``): secrets stay references until the moment of sending (so they rotate, and no object holding one
prints it).

A new channel adds its settings class to :data:`costlib.daemon.config.ChannelSettings` and registers its
builder with :func:`channel_for`; the contract suite (``tests/daemon/test_channel_contract.py``) runs it from then on.

>>> from costlib.daemon.config import WebhookChannelSettings
>>> WebhookChannelSettings in builders()
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
from pydantic import BaseModel

from costlib.daemon.config import (
    AlertmanagerChannelSettings,
    EmailChannelSettings,
    NotifySettings,
    OutboxDirChannelSettings,
    PagerDutyChannelSettings,
    SlackChannelSettings,
    TeamsChannelSettings,
    WebhookChannelSettings,
)
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
from costlib.registry import TypeRegistry
from costlib.secret import SecretRef

__all__ = ["CHANNELS", "Context", "build_channel", "build_channels", "builders", "channel_for"]


@dataclass(frozen=True, slots=True)
class Context:
    """What every channel builder gets beside its settings: where it sits in the config, the config's folder, the
    renderer, and (in tests) an HTTP transport."""

    where: str
    base: Path
    renderer: Renderer
    transport: httpx.BaseTransport | None = None

    def value(self, ref: SecretRef | str, key: str) -> Callable[[], str]:
        """A literal value, or a secret reference resolved on each call."""
        if isinstance(ref, SecretRef):
            where, base = f"{self.where}.{key}", self.base
            return lambda: ref.resolve(where, base=base).get_secret_value()
        return lambda: ref



CHANNELS: TypeRegistry[Channel] = TypeRegistry("channel")
#: Register the builder ``(settings, Context) -> Channel`` of a settings type.
channel_for = CHANNELS.register


def builders() -> Mapping[type, Callable[..., Channel]]:
    """Every registered settings type and its builder."""
    return CHANNELS.types()


def build_channel(settings: BaseModel, context: Context) -> Channel:
    return CHANNELS.build(settings, context, where=context.where)


def build_channels(settings: NotifySettings, base: Path, *, transport: httpx.BaseTransport | None = None
                   ) -> dict[str, Channel]:
    """One channel object per configured channel; ``base`` anchors relative paths."""
    templates = None
    if settings.templates_dir:
        t = Path(settings.templates_dir)
        templates = t if t.is_absolute() else base / t
    renderer = Renderer(templates)
    return {ch.name: build_channel(ch, Context(f"notify.channels[{i}]", base, renderer, transport))
            for i, ch in enumerate(settings.channels)}


@channel_for(OutboxDirChannelSettings)
def _outbox_dir(ch: OutboxDirChannelSettings, ctx: Context) -> Channel:
    path = Path(ch.path)
    return OutboxDirChannel(ch.name, path if path.is_absolute() else ctx.base / path, ctx.renderer)


@channel_for(EmailChannelSettings)
def _email(ch: EmailChannelSettings, ctx: Context) -> Channel:
    return EmailChannel(ch.name, host=ch.host, port=ch.smtp_port, sender=ch.sender, to=list(ch.to),
                        security=ch.security, username=ch.username,
                        password=ctx.value(ch.password, "password") if ch.password else None, timeout=ch.timeout,
                        ca_file=ch.ca_file, renderer=ctx.renderer)


@channel_for(WebhookChannelSettings)
def _webhook(ch: WebhookChannelSettings, ctx: Context) -> Channel:
    return WebhookChannel(ch.name, ctx.value(ch.url, "url"), headers=ch.headers,
                          secret=ctx.value(ch.secret, "secret") if ch.secret else None, timeout=ch.timeout,
                          transport=ctx.transport)


@channel_for(SlackChannelSettings)
def _slack(ch: SlackChannelSettings, ctx: Context) -> Channel:
    return SlackChannel(ch.name, ctx.value(ch.url, "url"), renderer=ctx.renderer, timeout=ch.timeout, transport=ctx.transport)


@channel_for(TeamsChannelSettings)
def _teams(ch: TeamsChannelSettings, ctx: Context) -> Channel:
    return TeamsChannel(ch.name, ctx.value(ch.url, "url"), timeout=ch.timeout, transport=ctx.transport)


@channel_for(AlertmanagerChannelSettings)
def _alertmanager(ch: AlertmanagerChannelSettings, ctx: Context) -> Channel:
    base = ctx.value(ch.url, "url")
    return AlertmanagerChannel(ch.name, lambda: base().rstrip("/") + "/api/v2/alerts", timeout=ch.timeout,
                               transport=ctx.transport)


@channel_for(PagerDutyChannelSettings)
def _pagerduty(ch: PagerDutyChannelSettings, ctx: Context) -> Channel:
    return PagerDutyChannel(ch.name, ctx.value(ch.url, "url"), routing_key=ctx.value(ch.routing_key, "routing_key"),
                            timeout=ch.timeout, transport=ctx.transport)
