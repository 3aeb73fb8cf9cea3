"""Channel transports. A channel delivers one rendered message idempotently by its id."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

from costlib.errors import ConfigError, DeliveryError

__all__ = ["Channel", "OutboxDirChannel", "build_channels", "render_text"]


class Channel(Protocol):
    name: str

    def deliver(self, message_id: str, payload: dict[str, Any]) -> None:
        """Deliver or raise a :class:`~costlib.errors.DeliveryError` (``TransientDeliveryError`` to retry)."""
        ...


def render_text(payload: dict[str, Any]) -> str:
    """The plain-text body of an alert message (title, summary, figures, action)."""
    lines = [payload["title"], "", payload["summary"]]
    figures = payload.get("figures") or {}
    if figures:
        lines.append("")
        lines += [f"  {k}: {v['display']}" for k, v in figures.items()]
    if payload.get("action"):
        lines += ["", f"Action: {payload['action']}"]
    lines += ["", f"team: {payload['team']}  severity: {payload['severity']}  id: {payload['id']}"]
    return "\n".join(lines) + "\n"


class OutboxDirChannel:
    """Writes ``<id>.json`` and ``<id>.txt`` into a folder, atomically; an existing id is a duplicate, skipped."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path

    def deliver(self, message_id: str, payload: dict[str, Any]) -> None:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", message_id)[:180]
        target = self.path / f"{safe}.json"
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            if target.exists():
                return  # delivered before (at-least-once delivery, deduplicated by id)
            for suffix, text in ((".txt", render_text(payload)), (".json", json.dumps(payload, indent=2))):
                fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".tmp-")
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, self.path / f"{safe}{suffix}")
        except OSError as exc:
            raise DeliveryError(f"cannot write to {self.path}: {exc.strerror}", where=f"channel {self.name}") from None


def build_channels(settings: Any, base: Path) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    for ch in settings.channels:
        if ch.type == "outbox_dir":
            path = Path(ch.path)
            channels[ch.name] = OutboxDirChannel(ch.name, path if path.is_absolute() else base / path)
        else:  # pragma: no cover - the config model only admits known types
            raise ConfigError(f"unknown channel type {ch.type!r}", where=f"notify.channels.{ch.name}")
    return channels
