"""Slack slash commands: request signature verification (pure) and the ``/cost`` command's answers.

``/cost estimate <plan URL> [currency]`` fetches a ``terraform show -json`` plan from an allowed URL prefix
(``server.slack_plan_urls``), estimates it and posts the answer to the request's ``response_url`` (Slack wants the
first answer within three seconds, so the command is acknowledged at once and the estimate follows). The answer
shows what the change does to its teams' budgets (the daemon's own view, the lines ``costlib estimate --daemon``
prints: :meth:`costlib.policy.impact.BudgetImpact.lines`). ``/cost estimate confirm <plan URL> [currency]`` does
the same and records the estimate as confirmed (an acknowledgement, ``via`` slack) by the Slack user who sent
it (``user_name (user_id)`` from the signed request): Slack's signature is what authenticates it.

Slack signs each request: ``X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">`` with the
app's signing secret, and ``X-Slack-Request-Timestamp``; ``slack_sdk.signature`` checks it. Requests older than
five minutes are refused, and so is a request seen before within them (:class:`ReplayGuard`: the same timestamp and
signature twice). https://api.slack.com/authentication/verifying-requests-from-slack

>>> body = b"command=%2Fcost&text=env+list"
>>> sig = sign("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, body)
>>> verify("8f742231b10e8888abcd99yyyzzz85a5", str(1531420618), sig, body, now=1531420700)
True
>>> verify("8f742231b10e8888abcd99yyyzzz85a5", str(1531420618), sig, body, now=1531430000)
False
>>> guard = ReplayGuard()
>>> guard.first_time("1531420618", sig, now=1531420700), guard.first_time("1531420618", sig, now=1531420701)
(True, False)
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import partial
from typing import Any, Protocol
from urllib.parse import urlsplit

from costlib.daemon.notify.render import slack_escape
from costlib.daemon.snapshot import JSON, View, mapping, optional_text, text
from costlib.daemon.workers import Budget, run_within
from costlib.errors import CostlibError, InputError, ProviderError, require_extra
from costlib.money import Money
from costlib.policy.acknowledged import Acknowledgement
from costlib.policy.impact import Attribution, BudgetImpact
from costlib.policy.ttl import format_remaining

__all__ = ["Control", "EstimateCommand", "EstimateJob", "ReplayGuard", "answer", "estimate_message", "impact_message",
           "sends_token", "sign", "slack_actor", "url_allowed", "verify"]

log = logging.getLogger("costlib.daemon")

MAX_AGE_SECONDS = 300
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SEGMENT = re.compile(r"[A-Za-z0-9._~!$'()*+,=:@-]+")  # RFC 3986 pchar without "%" and ";" (see url_allowed)
SLACK_RESPONSE_URLS = ("https://hooks.slack.com/", "https://hooks.slack-gov.com/")
MAX_LISTED = 25


class _At:
    """A ``slack_sdk.signature.Clock`` that says a given time (the verification is pure: ``now`` is passed in)."""

    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def _verifier(secret: str, now: float) -> Any:
    require_extra("slack_sdk", "daemon")
    from slack_sdk.signature import SignatureVerifier

    return SignatureVerifier(secret, clock=_At(now))  # type: ignore[arg-type]


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-Slack-Signature`` of ``body`` sent at ``timestamp`` (what Slack sends; tests sign with it)."""
    return str(_verifier(secret, timestamp).generate_signature(timestamp=str(timestamp), body=body))


def verify(secret: str, timestamp: str | None, signature: str | None, body: bytes, *, now: float) -> bool:
    """True only for a well-formed, fresh request whose signature matches (``slack_sdk``'s constant-time check).
    Any header or body a client can send (non-ASCII, ``"²"``, 5,000 digits, bytes that are not UTF-8) is an answer
    of False, never an exception."""
    if not timestamp or not signature or not _TIMESTAMP.fullmatch(timestamp) or not signature.isascii():
        return False
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    try:
        return bool(_verifier(secret, now).is_valid(body=body, timestamp=timestamp, signature=signature))
    except UnicodeDecodeError:
        return False


class ReplayGuard:
    """Remembers the signed requests of the last :data:`MAX_AGE_SECONDS` (by timestamp and signature): a request
    sent again inside that window is refused, one older than it is refused by :func:`verify`."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def first_time(self, timestamp: str, signature: str, *, now: float) -> bool:
        """True the first time a (verified) request is seen; False for a replay of it."""
        with self._lock:
            for key, at in list(self._seen.items()):
                if now - at > 2 * MAX_AGE_SECONDS:
                    del self._seen[key]
            key = (timestamp, signature)
            if key in self._seen:
                return False
            self._seen[key] = now
            return True


def _money(amount: str | None, currency: str) -> str:
    from costlib.money import Money

    return Money(amount, currency).display() if amount is not None else "-"


def _shown(money: Money | None) -> str:
    return money.display() if money is not None else "-"


def answer(text: str, view: View | None) -> JSON:
    """The reply to ``/cost <text>``: ``env list [team]``, ``budgets [team]`` or ``help``."""
    words = text.split()
    usage = ("Usage: `/cost env list [team]`, `/cost budgets [team]`, `/cost estimate [confirm] <plan URL> "
             "[currency]`")
    if not words or words[0] == "help":
        return {"response_type": "ephemeral", "text": usage}
    if view is None:
        return {"response_type": "ephemeral", "text": "costlib has not evaluated anything yet; try again after a poll."}
    snap = view.snapshot
    if words[:2] == ["env", "list"]:
        team = words[2] if len(words) > 2 else None
        envs = [e for e in snap.environments if team in (None, e.team)]
        lines = []
        for e in envs[:40]:
            left_delta = e.ttl_remaining(snap.as_of)
            left = None if left_delta is None else format_remaining(timedelta(seconds=int(left_delta.total_seconds())))
            ttl = "no TTL" if left is None else left if left == "expired" else f"{left} left"
            lines.append(f"• *{e.name}* ({e.team}, {e.owner or 'no owner'}): {ttl}, {_shown(e.monthly_cost)}/month")
        more = f"\n…and {len(envs) - 40} more" if len(envs) > 40 else ""
        return {"response_type": "ephemeral",
                "text": ("\n".join(lines) + more) if lines else f"No environments{' for ' + team if team else ''}."}
    if words[0] == "budgets":
        team = words[1] if len(words) > 1 else None
        rows = [b for b in snap.budgets if team in (None, b.team)]
        lines = [f"• *{b.name}*: {_shown(b.actual)} of {_shown(b.amount)} ({b.utilisation * 100:.0f}%), forecast "
                 f"{_shown(b.forecast)}" for b in rows]
        return {"response_type": "ephemeral", "text": "\n".join(lines) or "No budgets."}
    return {"response_type": "ephemeral", "text": f"Unknown command `{text}`. {usage}"}


def url_allowed(url: str, prefixes: Sequence[str]) -> bool:
    """True when ``url`` is an http(s) URL under one of ``prefixes`` (each ``scheme://host/path/``), with no
    credentials in it, and whose path below the prefix is plain segments: no ``.`` or ``..``, no
    percent-encoding and no ``;`` (servers that decode twice or read ``..;`` as ``..`` cannot be led out of it).

    >>> url_allowed("https://ci.example.com/plans/42/plan.json", ["https://ci.example.com/plans/"])
    True
    >>> url_allowed("https://ci.example.com/plans/../secrets.json", ["https://ci.example.com/plans/"])
    False
    >>> url_allowed("https://ci.example.com.evil.io/plans/x", ["https://ci.example.com/plans/"])
    False
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc or parts.fragment:
        return False
    if "\\" in url:
        return False
    for prefix in prefixes:
        if url.startswith(prefix):
            rest = urlsplit(url[len(prefix) - 1:]).path.lstrip("/")  # the path below the prefix
            return all(_SEGMENT.fullmatch(seg) and seg not in (".", "..") for seg in rest.split("/"))
    return False


def sends_token(url: str) -> bool:
    """Whether the plan store's bearer token may go to ``url``: over https, or to a loopback address.

    >>> sends_token("https://ci.example.com/plans/p.json"), sends_token("http://ci.example.com/plans/p.json")
    (True, False)
    >>> sends_token("http://127.0.0.1:8080/plans/p.json"), sends_token("http://[::1]/p.json")
    (True, True)
    """
    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    try:
        return parts.hostname == "localhost" or ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        return False


def estimate_message(doc: JSON, source: str) -> JSON:
    """The Slack answer for an estimate document (:func:`costlib.report.estimate_json`): the monthly total, the
    priced resources most expensive first, and every resource that is not priced, said out loud.

    >>> doc = {"currency": "USD", "total_monthly_cost": "70.08", "price_date": "2026-11-01", "summary": {"priced": 1,
    ...        "usage_based": 1}, "resources": [
    ...        {"address": "aws_instance.web", "status": "priced", "monthly_cost": "70.08", "message": None},
    ...        {"address": "aws_s3_bucket.logs", "status": "usage_based", "monthly_cost": None, "message": None}]}
    >>> print(estimate_message(doc, "plan.json")["text"])
    *plan.json* will cost about *$70.08/month* (prices as of 2026-11-01)
    • `aws_instance.web`: $70.08/month
    • `aws_s3_bucket.logs`: depends on usage (not in the total)
    _1 priced, 1 usage based_
    """
    cur = text(doc["currency"])
    notes = {"usage_based": "depends on usage", "unsupported": "not supported", "price_not_found": "price not found"}
    found = doc.get("resources") or []
    rows = [(text(r["address"]), text(r["status"]), optional_text(r.get("monthly_cost")), optional_text(r.get("message")))
            for r in (mapping(item) for item in (found if isinstance(found, list) else []))]
    listed = sorted((r for r in rows if r[1] == "priced" or r[1] in notes),
                    key=lambda r: (r[2] is None, -Decimal(r[2] or 0)))
    price_date = optional_text(doc.get("price_date"))
    dated = f" (prices as of {price_date})" if price_date else ""
    total = optional_text(doc.get("total_monthly_cost"))
    lines = [f"*{slack_escape(source)}* will cost about *{_money(total, cur)}/month*{dated}"]
    for address, status, monthly, message in listed[:MAX_LISTED]:
        cost = f"{_money(monthly, cur)}/month" if monthly is not None else None
        if status == "priced":
            what = cost
        else:  # a partly priced resource: what was priced is in the total, the rest is not
            missing = f"{slack_escape(message or notes[status])} (not in the total)"
            what = f"{cost} so far; {missing}" if cost else missing
        lines.append(f"• `{slack_escape(address)}`: {what}")
    if len(listed) > MAX_LISTED:
        lines.append(f"…and {len(listed) - MAX_LISTED} more")
    counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in sorted(mapping(doc.get("summary")).items())
                       if n)
    if counts:
        lines.append(f"_{counts}_")
    return {"response_type": "ephemeral", "text": "\n".join(lines)}


def impact_message(impact: BudgetImpact | None) -> list[str]:
    """The budget lines of a Slack estimate answer: :meth:`~costlib.policy.impact.BudgetImpact.lines` (the lines
    ``costlib estimate --daemon`` prints), escaped for Slack.

    >>> from datetime import date
    >>> from costlib.policy.impact import TeamImpact
    >>> impact = BudgetImpact(as_of=date(2026, 11, 20), currency="USD", teams=(TeamImpact(team="ghost",
    ...     monthly=Money("7.59", "USD"), addresses=("box",), budgets=()),))
    >>> impact_message(impact)
    ['*Budget impact* (as of 2026-11-20):', '• team ghost: +$7.59/month; the daemon has no budget for team ghost']
    """
    if impact is None:
        return ["*Budget impact*: the daemon has not evaluated its budgets yet."]
    return [f"*Budget impact* (as of {impact.as_of.isoformat()}):", *(f"• {slack_escape(line)}" for line in impact.lines())]


def slack_actor(user_id: str | None, user_name: str | None) -> str | None:
    """Who sent a slash command, as an acknowledgement records it: ``user_name (user_id)`` (None without a user id).

    >>> slack_actor("U024BE7LH", "alice"), slack_actor("U024BE7LH", None), slack_actor(None, "alice")
    ('alice (U024BE7LH)', 'U024BE7LH', None)
    """
    if not user_id:
        return None
    return f"{user_name} ({user_id})" if user_name else user_id


class Control(Protocol):
    """What ``/cost estimate`` asks of the daemon: its view (the budgets), its attribution rules, and the record of
    a confirmed estimate (:class:`~costlib.daemon.service.Daemon` is one)."""

    def view(self) -> View | None: ...

    def attribution(self) -> Attribution: ...

    def acknowledge(self, ack: Acknowledgement) -> Acknowledgement: ...


@dataclass(frozen=True, slots=True)
class EstimateJob:
    """What ``/cost estimate`` runs after its first answer: the plan's URL, the currency, and who confirms it
    (``/cost estimate confirm ...``; None: the estimate is only shown)."""

    url: str
    currency: str
    confirmed_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class EstimateCommand:
    """``/cost estimate``: which plan URLs may be fetched (with an optional bearer token), where answers may be
    posted, and the size and time limits of the fetch."""

    plan_urls: tuple[str, ...]
    response_urls: tuple[str, ...] = SLACK_RESPONSE_URLS
    token: Callable[[], str | None] | None = None
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 10.0
    max_concurrent: int = 2
    budget: Budget = field(default_factory=Budget)
    _pool: ThreadPoolExecutor = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Estimates run on their own few threads: slow plan stores never take the server's shared thread pool.
        object.__setattr__(self, "_pool", ThreadPoolExecutor(self.max_concurrent,
                                                             thread_name_prefix="costlib-slack-estimate"))

    async def run_async(self, job: EstimateJob, response_url: str, control: Control | None = None) -> None:
        """:meth:`run` on the command's own threads (at most ``max_concurrent`` at once; the rest queue)."""
        import asyncio

        await asyncio.get_running_loop().run_in_executor(
            self._pool, partial(self.run, job.url, job.currency, response_url, control=control,
                                confirmed_by=job.confirmed_by))

    def accept(self, text: str, response_url: str | None, *, user: str | None = None
               ) -> tuple[JSON, EstimateJob | None]:
        """The immediate reply to ``estimate [confirm] <url> [currency]``, and the job to run after it, or None
        when the request is refused (the reply says why). ``user`` (:func:`slack_actor`) is who confirms."""
        words = text.split()[1:]
        if not self.plan_urls:
            return _reply("`/cost estimate` is off: set server.slack_plan_urls to the URL prefixes plans may be "
                          "fetched from."), None
        confirm = words[:1] == ["confirm"]
        words = words[1:] if confirm else words
        if not 1 <= len(words) <= 2:
            return _reply("Usage: `/cost estimate [confirm] <plan URL> [currency]`"), None
        if confirm and not user:
            return _reply("`/cost estimate confirm` records who confirmed, and this request names no Slack user."), None
        # Slack wraps links as <url> or <url|label> and escapes &, < and > in the text (a query's & is &amp;)
        url = words[0].strip("<>").split("|")[0].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        currency = (words[1] if len(words) == 2 else "USD").upper()
        if len(currency) != 3 or not currency.isalpha():
            return _reply(f"`{slack_escape(currency)}` is not a currency code like EUR."), None
        if not url_allowed(url, self.plan_urls):
            return _reply(f"Plans are fetched only from {', '.join(self.plan_urls)}; `{slack_escape(url)}` is not "
                          "under them."), None
        if not response_url or not url_allowed(response_url, self.response_urls):
            return _reply("This request has no Slack response URL to answer on."), None
        return _reply(f"Estimating `{slack_escape(url)}`…"), EstimateJob(url, currency, user if confirm else None)

    def run(self, url: str, currency: str, response_url: str, *, control: Control | None = None,
            confirmed_by: str | None = None) -> None:
        """Fetch, estimate and post the answer (or the reason there is none) to ``response_url``. With the daemon
        (``control``) the answer shows the budget impact, and ``confirmed_by`` records the acknowledgement."""
        try:
            message = (estimate_message(self.estimate(url, currency), url.rsplit("/", 1)[-1] or url) if control is None
                       else self.budget_answer(url, currency, control, confirmed_by))
        except CostlibError as exc:
            message = _reply(f"Could not estimate `{slack_escape(url)}`: {slack_escape(str(exc))}")
        except Exception:  # the user still gets an answer; the log has the traceback
            log.exception("slack estimate of %s failed", url)
            message = _reply(f"Could not estimate `{slack_escape(url)}`: internal error (see the daemon's log).")
        self._post(response_url, message)

    def estimate(self, url: str, currency: str) -> JSON:
        """The estimate document of the plan at ``url``, worked out within the command's budget."""
        from costlib.daemon.estimating import estimate_document

        return run_within(self.budget, estimate_document, self.fetch(url), None, None, currency, url)

    def budget_answer(self, url: str, currency: str, control: Control, confirmed_by: str | None) -> JSON:
        """The estimate of the plan at ``url`` with its budget impact on the daemon's view (what ``POST
        /v1/estimate`` answers for the same plan), and, when ``confirmed_by`` is given, the acknowledgement
        recorded with that Slack user as the actor."""
        from costlib.daemon.estimating import acknowledgement_of, estimate_attributed, impact_of
        from costlib.policy.impact import TeamSplit

        attributed = run_within(self.budget, estimate_attributed, self.fetch(url), None, None, currency, url,
                                control.attribution())
        impact = impact_of(control.view(), TeamSplit.from_json(mapping(attributed["split"])), "daemon")
        message = estimate_message(mapping(attributed["estimate"]), url.rsplit("/", 1)[-1] or url)
        lines = [text(message["text"]), *impact_message(impact)]
        if confirmed_by is None:
            lines.append(f"_To record it as confirmed: `/cost estimate confirm {slack_escape(url)}"
                         f"{'' if currency == 'USD' else ' ' + currency}`_")
        else:
            ack = control.acknowledge(acknowledgement_of(attributed, impact, source=url, by=confirmed_by, via="slack"))
            lines.append(f"Acknowledged by {slack_escape(ack.acknowledged_by)}: recorded as `{ack.id}`.")
        return {"response_type": "ephemeral", "text": "\n".join(lines)}

    def fetch(self, url: str) -> JSON:
        """GET the plan JSON: no redirects; at most ``max_bytes`` after decompression (a gzip body is inflated
        by us, never past the limit); the whole fetch within ``timeout`` seconds (each network wait is bounded
        by it too). The bearer token goes only over https or to a loopback host."""
        import httpx

        headers = {"accept": "application/json", "accept-encoding": "gzip, identity"}
        secret = self.token() if self.token and sends_token(url) else None
        if secret:
            headers["authorization"] = f"Bearer {secret}"
        body = bytearray()
        deadline = time.monotonic() + self.timeout
        too_big = InputError(f"the plan is over {self.max_bytes} bytes", where=url)
        try:
            with httpx.Client(timeout=self.timeout, follow_redirects=False) as client, \
                    client.stream("GET", url, headers=headers) as resp:
                if resp.status_code != 200:
                    raise ProviderError(f"GET answered {resp.status_code}", where=url)
                encoding = resp.headers.get("content-encoding", "identity").strip().lower()
                if encoding not in ("identity", "gzip", "x-gzip"):
                    raise InputError(f"the plan is sent with Content-Encoding {encoding!r} (gzip or none, please)",
                                     where=url)
                inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding != "identity" else None
                for raw in resp.iter_raw():
                    if time.monotonic() > deadline:
                        raise ProviderError(f"fetching the plan took over {self.timeout:g} s", where=url)
                    if inflate is None:
                        body += raw
                    while inflate is not None and raw and len(body) <= self.max_bytes:
                        body += inflate.decompress(raw, self.max_bytes + 1 - len(body))  # never past the limit
                        raw = inflate.unconsumed_tail
                    if len(body) > self.max_bytes:
                        raise too_big
        except httpx.HTTPError as exc:
            raise ProviderError(f"fetching the plan failed: {type(exc).__name__}", where=url) from None
        except zlib.error as exc:
            raise InputError(f"the gzip body is corrupt: {exc}", where=url) from None
        if body.startswith(b"PK\x03\x04"):
            from costlib.inputs._files import BINARY_PLAN

            raise InputError(BINARY_PLAN.format(name=url.rsplit("/", 1)[-1] or "plan.out"), where=url)
        try:
            doc = json.loads(body)
        except ValueError as exc:
            raise InputError(f"not JSON: {exc}", where=url) from None
        if not isinstance(doc, dict):
            raise InputError("not a Terraform plan (the JSON is not an object)", where=url)
        return mapping(doc)

    def _post(self, response_url: str, message: JSON) -> None:
        import httpx

        try:
            resp = httpx.post(response_url, json=message, timeout=self.timeout, follow_redirects=False)
            if resp.status_code >= 400:
                log.warning("Slack refused the estimate answer: HTTP %s", resp.status_code)
        except httpx.HTTPError as exc:
            log.warning("posting the estimate answer to Slack failed: %s", type(exc).__name__)


def _reply(text: str) -> JSON:
    return {"response_type": "ephemeral", "text": text}
