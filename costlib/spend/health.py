"""The one source-health tracker: every spend source (and every inventory) keeps its health through it.

A source opens an :meth:`HealthTracker.attempt` around each fetch, counts each API request it makes on it, and
ends it with :meth:`Attempt.succeeded`; an exception that leaves the block is recorded as the failure it is
(:func:`status_of`) and raised on. The counters only grow: ``requests_total`` counts every request of every
attempt, failed ones included, and ``errors_total`` every failed attempt; ``last_success`` survives failures.

>>> from costlib.errors import ThrottledError
>>> tracker = HealthTracker("aws-ce")
>>> with tracker.attempt() as attempt:
...     attempt.request(2)
...     _ = attempt.succeeded(records=10)
>>> try:
...     with tracker.attempt() as attempt:
...         attempt.request()
...         raise ThrottledError("LimitExceededException", where="source aws-ce")
... except ThrottledError:
...     pass
>>> h = tracker.health()
>>> h.status.value, h.requests_total, h.errors_total, h.last_success is not None
('throttled', 3, 1, True)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType

from costlib.errors import AuthError, ConfigError, ThrottledError
from costlib.spend.base import HealthStatus, SourceHealth

__all__ = ["Attempt", "HealthTracker", "status_of"]


def status_of(exc: BaseException) -> HealthStatus:
    """The health a failure leaves: credentials, throttling, the source's own settings, or anything else.

    >>> status_of(AuthError("ExpiredTokenException")).value, status_of(ValueError("x")).value
    ('auth_failed', 'error')
    """
    if isinstance(exc, AuthError):
        return HealthStatus.AUTH_FAILED
    if isinstance(exc, ThrottledError):
        return HealthStatus.THROTTLED
    if isinstance(exc, ConfigError):
        return HealthStatus.INVALID_CONFIG
    return HealthStatus.ERROR


def _utcnow() -> datetime:
    return datetime.now(UTC)


class HealthTracker:
    """The health of one source, as it changes with each attempt (``clock`` is injectable)."""

    def __init__(self, source: str, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self._health = SourceHealth(source=source)
        self._clock = clock

    def health(self) -> SourceHealth:
        """The health after the last attempt (``unknown`` before the first)."""
        return self._health

    def attempt(self) -> Attempt:
        """A context for one fetch: count its requests, end it with :meth:`Attempt.succeeded`."""
        return Attempt(self)

    def _record(self, status: HealthStatus, message: str | None, requests: int, *, ok: bool) -> SourceHealth:
        prev, now = self._health, self._clock()
        self._health = SourceHealth(source=prev.source, status=status, message=message, checked_at=now,
                                    last_success=now if ok else prev.last_success,
                                    requests_total=prev.requests_total + requests,
                                    errors_total=prev.errors_total + (0 if ok else 1))
        return self._health


class Attempt:
    """One fetch of a source: its requests, and how it ended."""

    def __init__(self, tracker: HealthTracker) -> None:
        self._tracker = tracker
        self.requests = 0
        self.status: HealthStatus | None = None
        """Set before raising to record a failure as this status (a missing export file is ``invalid_config``)."""
        self._done = False

    def request(self, n: int = 1) -> None:
        """Count ``n`` API requests (or reads) made for this fetch."""
        self.requests += n

    def succeeded(self, *, records: int, message: str | None = None) -> SourceHealth:
        """End the attempt: ``ok``, or ``no_data`` when the window held nothing; ``message`` carries warnings."""
        self._done = True
        return self._tracker._record(HealthStatus.OK if records else HealthStatus.NO_DATA, message, self.requests,
                                     ok=True)

    def __enter__(self) -> Attempt:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is not None:
            self._tracker._record(self.status or status_of(exc), str(exc), self.requests, ok=False)
        elif not self._done:
            raise AssertionError("a fetch ended without Attempt.succeeded(): say how it went")
