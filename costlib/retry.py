"""The one retry policy of costlib: how long to wait before trying again, how often, and what is worth a retry.

Every network call goes through a :class:`RetryPolicy`: the spend sources, the catalog refresh, notification
delivery (whose retries are scheduled in the outbox, so only :meth:`RetryPolicy.delay` is used there) and the
scheduler's re-poll of a failing source. What is retried is decided once, in :func:`costlib.errors.is_transient`.
A server's own hint wins over the backoff: :func:`retry_after` is the one ``Retry-After`` parser and
:func:`retry_after_from` reads it (and the providers' own variants) from a response's headers.

Where an SDK retries on its own, it is configured from the same policy and not wrapped again
(:meth:`RetryPolicy.botocore_config`, :meth:`RetryPolicy.azure_kwargs`, :meth:`RetryPolicy.google_retry`); where
costlib must see every attempt (Cost Explorer bills each request; Cost Management sends its wait in headers of its
own), the SDK's retries are switched off (``own=False``) and :meth:`RetryPolicy.call` runs them.

>>> policy = RetryPolicy(attempts=4, base=2.0, cap=60.0, jitter=lambda: 1.0)
>>> [policy.delay(n) for n in (1, 2, 3, 10)], policy.delay(1, retry_after=7.0)
([2.0, 4.0, 8.0, 60.0], 7.0)
>>> calls, waits = [], []
>>> def flaky() -> str:
...     calls.append(1)
...     if len(calls) < 3:
...         raise TransientProviderError("HTTP 503", where="source x")
...     return "ok"
>>> RetryPolicy(attempts=3, base=1.0, sleep=waits.append, jitter=lambda: 1.0).call(flaky), len(waits)
('ok', 2)
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from costlib.errors import TransientDeliveryError, TransientProviderError, is_transient

__all__ = ["RetryPolicy", "retry_after", "retry_after_from"]

T = TypeVar("T")

#: The longest a server's ``Retry-After`` is obeyed (a longer ask is capped: the next poll or cycle comes anyway).
MAX_RETRY_AFTER = 3600.0


def retry_after(value: str | None, *, now: datetime | None = None, limit: float = MAX_RETRY_AFTER) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date), or None; capped at ``limit``.

    >>> retry_after("7"), retry_after(None), retry_after("soon"), retry_after("nan"), retry_after("-3")
    (7.0, None, None, None, 0.0)
    >>> retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC))
    10.0
    """
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        seconds = (parsed - (now or datetime.now(UTC))).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(0.0, min(seconds, limit))


def retry_after_from(headers: Mapping[str, str], names: Iterable[str] = ("Retry-After",), *,
                     limit: float = MAX_RETRY_AFTER) -> float | None:
    """The longest wait any of the headers ``names`` asks for (matched whatever their case), or None.

    >>> retry_after_from({"x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after": "12", "Retry-After": "3"},
    ...                  ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "retry-after"])
    12.0
    """
    lower = {str(k).lower(): v for k, v in headers.items()}
    waits = [w for w in (retry_after(lower.get(n.lower()), limit=limit) for n in names) if w is not None]
    return max(waits) if waits else None


def _half_to_one() -> float:
    return 0.5 + random.random() / 2


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """``attempts`` tries in all; before try n+1 wait ``base`` x 2^(n-1) seconds, at most ``cap``, scaled by
    ``jitter()`` (a number in [0.5, 1] by default, so that many clients do not retry in step), or exactly as long
    as the server asked (at least ``min_wait``, at most ``max_wait``). ``sleep`` is injectable: tests pass a fake."""

    attempts: int = 4
    base: float = 1.0
    cap: float = 60.0
    min_wait: float = 0.0
    max_wait: float = MAX_RETRY_AFTER
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    jitter: Callable[[], float] = field(default=_half_to_one, compare=False)

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base < 0 or self.cap < 0:
            raise ValueError("a retry policy needs at least one attempt and non-negative waits")

    def with_(self, **changes: Any) -> RetryPolicy:
        """A copy with some settings changed.

        >>> RetryPolicy().with_(attempts=2).attempts
        2
        """
        return replace(self, **changes)

    def delay(self, failures: int, retry_after: float | None = None, *, jitter: float | None = None) -> float:
        """Seconds to wait after the ``failures``-th failure in a row (1 for the first)."""
        if retry_after is not None:
            return min(max(retry_after, self.min_wait), self.max_wait)
        exponent = min(max(failures - 1, 0), 64)  # 2**64 x base is past any cap: no overflow on a long outage
        return float(min(self.cap, self.base * 2.0 ** exponent)) * (self.jitter() if jitter is None else jitter)

    def call(self, fn: Callable[[], T], *, retry_on: Callable[[BaseException], bool] = is_transient) -> T:
        """Call ``fn`` until it returns, raises what ``retry_on`` refuses, or ``attempts`` are spent; a transient
        error of the last attempt is raised again saying how many attempts were made."""
        import tenacity

        def wait(state: tenacity.RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome is not None else None
            hint = getattr(exc, "retry_after", None)
            return self.delay(state.attempt_number, hint if isinstance(hint, int | float) else None)

        retrying = tenacity.Retrying(stop=tenacity.stop_after_attempt(self.attempts), wait=wait,
                                     retry=tenacity.retry_if_exception(retry_on), sleep=self.sleep, reraise=True)
        try:
            return retrying(fn)
        except (TransientProviderError, TransientDeliveryError) as exc:
            if retry_on(exc) and self.attempts > 1:
                raise exc.after_attempts(self.attempts) from None
            raise

    # --- the SDKs' own retries, configured from this policy (never stacked on a loop of ours) ----------------------
    def botocore_config(self, *, own: bool = True) -> Any:
        """A ``botocore.config.Config``: the SDK retries ``attempts`` times in ``adaptive`` mode (client-side rate
        limiting after throttles), or, with ``own=False``, makes one attempt for :meth:`call` to repeat."""
        from botocore.config import Config

        if not own:
            return Config(retries={"mode": "standard", "total_max_attempts": 1})
        return Config(retries={"mode": "adaptive", "total_max_attempts": self.attempts})

    def azure_kwargs(self, *, own: bool = True) -> dict[str, Any]:
        """Keyword arguments for an azure-core client's ``RetryPolicy`` (``retry_total`` and its backoff)."""
        if not own:
            return {"retry_total": 0}
        return {"retry_total": self.attempts - 1, "retry_backoff_factor": self.base, "retry_backoff_max": self.cap}

    def google_retry(self) -> Any:
        """A ``google.api_core.retry.Retry`` with this policy's backoff, on google's own transient errors."""
        from google.api_core import exceptions as gexc
        from google.api_core import retry as gretry

        transient = gretry.if_exception_type(gexc.TooManyRequests, gexc.ServiceUnavailable, gexc.InternalServerError,
                                             gexc.BadGateway, gexc.GatewayTimeout)
        # google's retry is bounded by time, not attempts: as long as this policy's waits before its last attempt
        waits = sum(min(self.cap, self.base * 2.0 ** n) for n in range(self.attempts - 1))
        return gretry.Retry(predicate=transient, initial=max(self.base, 0.01), maximum=max(self.cap, 0.01),
                            multiplier=2.0, timeout=max(waits, 0.01))
