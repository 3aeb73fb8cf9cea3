"""Named points of a daemon cycle, for observers: where a crash must lose nothing and send nothing twice.

The daemon calls :func:`reached` at each point of :data:`CHECKPOINTS`; in production nobody observes them. A test
plugin (``tests/daemon/crashpoint.py``) observes them to kill the process at one, and the crash tests then check
that no alert was lost or delivered twice, over every point. Nothing here reads the environment.

>>> seen = []
>>> stop = observe(seen.append)
>>> reached("recorded"); stop(); reached("sent")
>>> seen
['recorded']
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CHECKPOINTS", "observe", "reached"]

CHECKPOINTS = (
    "polled",     # every source polled, nothing evaluated or recorded yet
    "evaluated",  # decisions made, nothing recorded yet
    "recorded",   # alerts in the ledger and their messages in the outbox (one transaction), nothing sent
    "sent",       # a channel accepted a message, the outbox does not know yet
    "marked",     # the outbox recorded that delivery
    "delivered",  # every due message tried
    "stopped",    # the due shutdowns carried out and recorded
)

_observers: list[Callable[[str], None]] = []


def observe(observer: Callable[[str], None]) -> Callable[[], None]:
    """Call ``observer(point)`` at every checkpoint from now on; returns the function that stops it."""
    _observers.append(observer)
    return lambda: _observers.remove(observer)


def reached(point: str) -> None:
    """The daemon is at ``point`` (one of :data:`CHECKPOINTS`)."""
    assert point in CHECKPOINTS, point
    for observer in list(_observers):
        observer(point)
