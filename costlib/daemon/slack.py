"""Slack slash commands: request signature verification (pure) and the ``/cost`` command's answers.

Slack signs each request: ``X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">`` with the
app's signing secret, and ``X-Slack-Request-Timestamp``; requests older than five minutes are refused
(replay protection). https://api.slack.com/authentication/verifying-requests-from-slack

>>> body = b"command=%2Fcost&text=env+list"
>>> sig = sign("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, body)
>>> verify("8f742231b10e8888abcd99yyyzzz85a5", str(1531420618), sig, body, now=1531420700)
True
>>> verify("8f742231b10e8888abcd99yyyzzz85a5", str(1531420618), sig, body, now=1531430000)
False
"""

from __future__ import annotations

import hashlib
import hmac
from decimal import Decimal
from typing import Any

__all__ = ["answer", "sign", "verify"]

MAX_AGE_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str | None, signature: str | None, body: bytes, *, now: float) -> bool:
    """True only for a well-formed, fresh request whose signature matches (constant-time compare)."""
    if not timestamp or not signature or not timestamp.isdigit():
        return False
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    return hmac.compare_digest(sign(secret, int(timestamp), body), signature)


def _money(amount: str | None, currency: str) -> str:
    from costlib.money import Money

    return Money(amount, currency).display() if amount is not None else "-"


def answer(text: str, view: dict[str, Any] | None) -> dict[str, Any]:
    """The reply to ``/cost <text>``: ``env list [team]``, ``budgets [team]`` or ``help``."""
    words = text.split()
    usage = "Usage: `/cost env list [team]`, `/cost budgets [team]`"
    if not words or words[0] == "help":
        return {"response_type": "ephemeral", "text": usage}
    if view is None:
        return {"response_type": "ephemeral", "text": "costlib has not evaluated anything yet; try again after a poll."}
    if words[:2] == ["env", "list"]:
        team = words[2] if len(words) > 2 else None
        envs = [e for e in view.get("environments", []) if team in (None, e["team"])]
        lines = []
        for e in envs[:40]:
            secs = e.get("ttl_remaining_seconds")
            ttl = "no TTL" if secs is None else ("expired" if secs <= 0 else f"{secs // 86400}d {(secs % 86400) // 3600}h left")
            cost = _money(e.get("monthly_cost"), e.get("cost_currency") or "USD")
            lines.append(f"• *{e['name']}* ({e['team']}, {e.get('owner') or 'no owner'}): {ttl}, {cost}/month")
        more = f"\n…and {len(envs) - 40} more" if len(envs) > 40 else ""
        return {"response_type": "ephemeral",
                "text": ("\n".join(lines) + more) if lines else f"No environments{' for ' + team if team else ''}."}
    if words[0] == "budgets":
        team = words[1] if len(words) > 1 else None
        rows = [b for b in view.get("budgets", []) if team in (None, b.get("team"))]
        lines = [f"• *{b['name']}*: {_money(b['actual'], b['currency'])} of {_money(b['amount'], b['currency'])} "
                 f"({Decimal(b['utilisation_ratio']) * 100:.0f}%), forecast {_money(b.get('forecast'), b['currency'])}"
                 for b in rows]
        return {"response_type": "ephemeral", "text": "\n".join(lines) or "No budgets."}
    return {"response_type": "ephemeral", "text": f"Unknown command `{text}`. {usage}"}
