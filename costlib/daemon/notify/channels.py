"""Channel transports. A channel delivers one rendered message, idempotently by its id.

Each channel raises :class:`~costlib.errors.TransientDeliveryError` for what may pass (5xx, 429 with its
``Retry-After``, network errors, SMTP 4xx), :class:`~costlib.errors.EndpointGoneError` on 410, and
:class:`~costlib.errors.DeliveryError` for the rest. Error messages name the channel and the host, never a URL
path, a token or a password (Slack and Teams URLs carry their secret in the path).

=================  ==========================================================================================
``outbox_dir``     a local folder: ``<id>.json`` and ``<id>.txt`` per message (the demo's channel)
``email``          SMTP with STARTTLS or TLS and auth; plain-text and HTML parts from templates
``webhook``        a generic JSON body signed per Standard Webhooks (``webhook-id/-timestamp/-signature``)
``slack``          a Slack incoming webhook: ``text`` and Block Kit ``blocks``
``teams``          a Microsoft Teams Workflows webhook: an Adaptive Card
``alertmanager``   Alertmanager's ``POST /api/v2/alerts``
``pagerduty``      PagerDuty Events API v2, the message id as ``dedup_key``
=================  ==========================================================================================
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import re
import smtplib
import ssl
import tempfile
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from costlib.daemon.notify.render import Renderer, slack_escape
from costlib.daemon.notify.routing import Payload
from costlib.daemon.notify.signing import sign_headers
from costlib.errors import DeliveryError, EndpointGoneError, TransientDeliveryError
from costlib.retry import retry_after_from

__all__ = ["AlertmanagerChannel", "Channel", "EmailChannel", "OutboxDirChannel", "PagerDutyChannel", "SlackChannel",
           "TeamsChannel", "WebhookChannel"]

USER_AGENT = "costlib-notify/0.1"


class _RedactUrls(logging.Filter):
    """httpx logs each request's full URL; Slack and Teams URLs carry their secret in the path. Keep the host."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(f"{a.scheme}://{a.host}/***" if isinstance(a, httpx.URL) else a for a in record.args)
        return True


logging.getLogger("httpx").addFilter(_RedactUrls())


class Channel(Protocol):
    name: str

    def deliver(self, message_id: str, payload: Payload) -> None:
        """Deliver or raise a :class:`~costlib.errors.DeliveryError` (``TransientDeliveryError`` to retry)."""
        ...


class OutboxDirChannel:
    """Writes ``<id>.json`` and ``<id>.txt`` into a folder, atomically; an existing id is a duplicate, skipped."""

    def __init__(self, name: str, path: Path, renderer: Renderer | None = None) -> None:
        self.name = name
        self.path = path
        self.renderer = renderer or Renderer()

    def deliver(self, message_id: str, payload: Payload) -> None:
        # readable, and unique: two ids that clean to the same name (80%#1, 80#1) differ by their hash
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", message_id)[:160] + "-" + hashlib.sha256(message_id.encode()).hexdigest()[:8]
        target = self.path / f"{safe}.json"
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            if target.exists():
                return  # delivered before (at-least-once delivery, deduplicated by id)
            for suffix, text in ((".txt", self.renderer.text(payload)), (".json", json.dumps(payload, indent=2))):
                fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".tmp-")
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, self.path / f"{safe}{suffix}")
        except OSError as exc:
            raise DeliveryError(f"cannot write to {self.path}: {exc.strerror}", where=f"channel {self.name}") from None


class EmailChannel:
    """SMTP delivery: ``security`` is ``starttls`` (default, port 587), ``tls`` (port 465) or ``none``."""

    def __init__(self, name: str, *, host: str, port: int, sender: str, to: list[str], security: str = "starttls",
                 username: str | None = None, password: Callable[[], str] | None = None, timeout: float = 30,
                 ca_file: str | None = None, renderer: Renderer | None = None) -> None:
        self.name, self.host, self.port, self.sender, self.to = name, host, port, sender, to
        self.security, self.username, self._password, self.timeout = security, username, password, timeout
        self.ca_file = ca_file
        self.renderer = renderer or Renderer()

    def build(self, message_id: str, payload: Payload) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = self.renderer.subject(payload)
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.to)
        msg["Date"] = email.utils.formatdate(localtime=False)
        msg["Message-ID"] = f"<{hashlib.sha256(message_id.encode()).hexdigest()[:32]}@costlib>"
        msg["X-Costlib-Alert-Id"] = message_id
        msg.set_content(self.renderer.text(payload))
        msg.add_alternative(self.renderer.html(payload), subtype="html")
        return msg

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_file)

    def deliver(self, message_id: str, payload: Payload) -> None:
        where = f"channel {self.name} (smtp {self.host}:{self.port})"
        msg = self.build(message_id, payload)
        refused: dict[str, tuple[int, bytes]] = {}
        try:
            smtp: smtplib.SMTP
            if self.security == "tls":
                smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self._context())
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with smtp:
                if self.security == "starttls":
                    smtp.starttls(context=self._context())
                if self.username:
                    smtp.login(self.username, self._password() if self._password else "")
                refused = smtp.send_message(msg)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"the SMTP server refused the login of {self.username!r} ({exc.smtp_code})",
                                where=where) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            cls = TransientDeliveryError if all(400 <= c < 500 for c in codes) else DeliveryError
            raise cls(f"the SMTP server refused recipients {sorted(exc.recipients)} (codes {codes})",
                      where=where) from None
        except smtplib.SMTPResponseException as exc:
            cls = TransientDeliveryError if 400 <= exc.smtp_code < 500 else DeliveryError
            detail = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise cls(f"the SMTP server answered {exc.smtp_code} {detail[:200]}", where=where) from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryError("the SMTP server does not offer STARTTLS (set security: tls or none)",
                                where=where) from None
        except ssl.SSLError as exc:
            raise DeliveryError(f"TLS failed: {exc.reason or exc}", where=where) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise TransientDeliveryError(f"SMTP connection failed: {type(exc).__name__}: "
                                         f"{getattr(exc, 'strerror', None) or exc}", where=where) from None
        if refused:  # some recipients got it, some were refused: said out loud, not retried (that would repeat it)
            got = sorted(set(self.to) - set(refused))
            raise DeliveryError(f"delivered to {got}, but the SMTP server refused {sorted(refused)} "
                                f"(codes {[code for code, _ in refused.values()]})", where=where)


class _HttpChannel:
    """POSTs JSON with httpx; maps the answer onto the delivery error tree."""

    kind = "webhook"

    def __init__(self, name: str, url: Callable[[], str], *, timeout: float = 10, headers: dict[str, str] | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.name = name
        self._url = url
        self.timeout = timeout
        self.headers = dict(headers or {})
        self._transport = transport

    def where(self, url: str) -> str:
        return f"channel {self.name} ({self.kind} {urlsplit(url).hostname})"

    def body(self, message_id: str, payload: Payload) -> object:
        raise NotImplementedError

    def extra_headers(self, message_id: str, body: bytes) -> dict[str, str]:
        return {}

    def deliver(self, message_id: str, payload: Payload) -> None:
        url = self._url()
        where = self.where(url)
        body = json.dumps(self.body(message_id, payload), separators=(",", ":")).encode()
        headers = {"content-type": "application/json", "user-agent": USER_AGENT, **self.headers,
                   **self.extra_headers(message_id, body)}
        try:
            with httpx.Client(timeout=self.timeout, transport=self._transport, follow_redirects=False) as client:
                resp = client.post(url, content=body, headers=headers)
        except httpx.TransportError as exc:
            raise TransientDeliveryError(f"POST failed: {type(exc).__name__}", where=where) from None
        status = resp.status_code
        if 200 <= status < 300:
            return
        if status == 410:
            raise EndpointGoneError("the endpoint answered 410 Gone", where=where)
        if status == 429 or status == 408 or status >= 500:
            raise TransientDeliveryError(f"the endpoint answered {status}", where=where,
                                         retry_after=retry_after_from(resp.headers, limit=24 * 3600.0))
        raise DeliveryError(f"the endpoint answered {status}: {resp.text[:200]}", where=where)


class WebhookChannel(_HttpChannel):
    """A generic JSON body (the message payload), signed per Standard Webhooks when a secret is set."""

    kind = "webhook"

    def __init__(self, name: str, url: Callable[[], str], *, secret: Callable[[], str] | None = None,
                 timeout: float = 10, headers: dict[str, str] | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        super().__init__(name, url, timeout=timeout, headers=headers, transport=transport)
        self._secret = secret

    def body(self, message_id: str, payload: Payload) -> object:
        return {"type": f"costlib.{payload['kind']}", "timestamp": payload["created_at"], "data": payload}

    def extra_headers(self, message_id: str, body: bytes) -> dict[str, str]:
        if self._secret is None:
            return {"webhook-id": message_id, "webhook-timestamp": str(int(time.time()))}
        return sign_headers(self._secret(), message_id, int(time.time()), body)


class SlackChannel(_HttpChannel):
    """A Slack incoming webhook: fallback ``text`` plus Block Kit ``blocks``."""

    kind = "slack"

    def __init__(self, name: str, url: Callable[[], str], *, renderer: Renderer | None = None, timeout: float = 10,
                 transport: httpx.BaseTransport | None = None) -> None:
        super().__init__(name, url, timeout=timeout, transport=transport)
        self.renderer = renderer or Renderer()

    def body(self, message_id: str, payload: Payload) -> object:
        icon = {"critical": ":rotating_light:", "warning": ":warning:"}.get(payload["severity"], ":information_source:")
        text = _fit(self.renderer.slack(payload), 2900)
        title = slack_escape(payload["title"])
        return {"text": f"{title}\n{text}", "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": payload["title"][:150], "emoji": True}},
            {"type": "section", "text": {"type": "mrkdwn", "text": f"{icon} {text}"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": f"team *{slack_escape(payload['team'])}* · "
                                                                        f"{payload['severity']} · id "
                                                                        f"`{slack_escape(message_id)}`"[:3000]}]}]}


def _fit(text: str, limit: int) -> str:
    """``text`` cut at whole lines to ``limit`` characters, saying how much was left out (never mid-item)."""
    if len(text) <= limit:
        return text
    items = text.split("\n• ")
    kept: list[str] = []
    for i, item in enumerate(items):
        candidate = "\n• ".join([*kept, item])
        if len(candidate) > limit - 80:
            rest = len(items) - i
            return "\n• ".join(kept) + f"\n…and {rest} more (see `costlib env list` or `costlib alerts list`)"
        kept.append(item)
    return "\n• ".join(kept)


class TeamsChannel(_HttpChannel):
    """A Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received"): an Adaptive Card."""

    kind = "teams"

    def body(self, message_id: str, payload: Payload) -> object:
        md = _teams_escape
        items: list[dict[str, Any]] = [
            {"type": "TextBlock", "size": "Medium", "weight": "Bolder", "wrap": True, "text": md(payload["title"]),
             "color": "Attention" if payload["severity"] == "critical" else "Warning"},
            {"type": "TextBlock", "wrap": True, "text": md(payload["summary"])},
        ]
        facts = [{"title": k.replace("_", " "), "value": md(v["display"])}
                 for k, v in payload.get("figures", {}).items()]
        if payload["kind"] == "digest":
            facts = [{"title": md(a["subject"]), "value": md(a["title"])} for a in payload["alerts"]]
        if facts:
            items.append({"type": "FactSet", "facts": facts})
        action = payload.get("action")
        if action:
            items.append({"type": "TextBlock", "wrap": True, "fontType": "Monospace", "text": md(action)})
        items.append({"type": "TextBlock", "isSubtle": True, "size": "Small", "wrap": True,
                      "text": md(f"team {payload['team']} · id {message_id}")})
        card = {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
                "version": "1.4", "body": items}
        return {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
                                                    "contentUrl": None, "content": card}]}


def _teams_escape(text: str) -> str:
    """Adaptive Card TextBlocks render Markdown: a value's ``[text](url)``, ``*`` or ``_`` is shown, not followed."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>])", r"\\\1", text)


class AlertmanagerChannel(_HttpChannel):
    """Alertmanager's ``POST /api/v2/alerts``: one alert per item, labelled with team, severity and the alert id."""

    kind = "alertmanager"

    def body(self, message_id: str, payload: Payload) -> object:
        out = []
        for a in payload["alerts"]:
            name = "Costlib" + "".join(p.capitalize() for p in a["kind"].split("_"))
            labels = {"alertname": name, "team": a["team"], "severity": a["severity"], "costlib_id": a["id"],
                      "subject": a["subject"], **{k: v for k, v in a.get("labels", {}).items() if v}}
            annotations = {"summary": a["title"], "description": a["summary"]}
            action = a.get("action")
            if action:
                annotations["action"] = action
            out.append({"labels": {re.sub(r"[^A-Za-z0-9_]", "_", k): str(v) for k, v in labels.items()},
                        "annotations": annotations, "startsAt": a["created_at"]})
        return out


class PagerDutyChannel(_HttpChannel):
    """PagerDuty Events API v2 ``trigger`` events; the message id is the ``dedup_key``."""

    kind = "pagerduty"

    def __init__(self, name: str, url: Callable[[], str], *, routing_key: Callable[[], str], timeout: float = 10,
                 transport: httpx.BaseTransport | None = None) -> None:
        super().__init__(name, url, timeout=timeout, transport=transport)
        self._routing_key = routing_key

    def body(self, message_id: str, payload: Payload) -> object:
        severity = {"critical": "critical", "warning": "warning"}.get(payload["severity"], "info")
        return {"routing_key": self._routing_key(), "event_action": "trigger", "dedup_key": message_id[:255],
                "payload": {"summary": payload["title"][:1024], "source": "costlib", "severity": severity,
                            "group": payload["team"], "class": payload["kind"],
                            "custom_details": {"summary": payload["summary"], "action": payload.get("action"),
                                               "figures": {k: v["display"] for k, v in payload.get("figures", {}).items()},
                                               "alerts": [a["id"] for a in payload["alerts"]]}}}
