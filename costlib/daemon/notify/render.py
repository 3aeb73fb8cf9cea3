"""Rendering messages with Jinja2 templates that users can override (``notify.templates_dir``).

Templates: ``email.subject.j2``, ``email.txt.j2``, ``email.html.j2`` (HTML autoescaped) and ``slack.txt.j2``;
a file of the same name in the override folder wins. Each gets ``m``, the message payload
(:func:`~costlib.daemon.notify.routing.message_payload`).

>>> r = Renderer()
>>> m = {"id": "a1", "team": "web", "kind": "budget_actual", "severity": "warning", "title": "web is at 82%",
...      "summary": "Month-to-date $82.00 of $100.00.", "figures": {"budget": {"display": "$100.00"}},
...      "action": "costlib budgets status --team web", "alerts": []}
>>> print(r.subject(m))
[costlib] web is at 82%
>>> "Action: costlib budgets status --team web" in r.text(m)
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from costlib.errors import ConfigError, require_extra

require_extra("jinja2", "daemon")  # every daemon-side command renders or sends messages: say which extra, not a traceback

import jinja2  # noqa: E402

if TYPE_CHECKING:
    from costlib.daemon.notify.routing import Payload

__all__ = ["Renderer", "slack_escape"]


class Renderer:
    def __init__(self, templates_dir: Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if templates_dir is not None:
            if not templates_dir.is_dir():
                raise ConfigError("templates folder does not exist", where=f"notify.templates_dir: {templates_dir}")
            loaders.append(jinja2.FileSystemLoader(templates_dir))
        loaders.append(jinja2.PackageLoader("costlib.daemon.notify", "templates"))
        self._text = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=False,
                                        undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
        self._html = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                                        undefined=jinja2.ChainableUndefined)

    def _render(self, env: jinja2.Environment, name: str, m: Payload) -> str:
        try:
            return env.get_template(name).render(m=m)
        except jinja2.TemplateError as exc:
            raise ConfigError(f"template {name} failed: {exc}", where=f"notify.templates_dir/{name}") from None

    def subject(self, m: Payload) -> str:
        return " ".join(self._render(self._text, "email.subject.j2", m).split())[:200]

    def text(self, m: Payload) -> str:
        return self._render(self._text, "email.txt.j2", m)

    def html(self, m: Payload) -> str:
        return self._render(self._html, "email.html.j2", m)

    def slack(self, m: Payload) -> str:
        """Slack mrkdwn; every value is escaped (``&``, ``<``, ``>``), so an environment named
        ``dev-<!channel>`` cannot ping a channel or hide a link."""
        return self._render(self._text, "slack.txt.j2", _slack_escaped(m)).strip()


def slack_escape(text: str) -> str:
    """Slack's three control characters as entities.

    >>> slack_escape("dev-<!channel> & co")
    'dev-&lt;!channel&gt; &amp; co'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_escaped(value: Any) -> Any:
    if isinstance(value, str):
        return slack_escape(value)
    if isinstance(value, dict):
        return {k: _slack_escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_slack_escaped(v) for v in value]
    return value
