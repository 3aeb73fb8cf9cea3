"""The poller: fetch each spend source, record its health in the state file, keep its records for evaluation.

A failed fetch keeps the source's last good records (its figures are from its last success, and say so); what a
fetch cost in requests, failed attempts included, is counted from the source's own health tracker.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from costlib.daemon.state import StateStore
from costlib.errors import CostlibError
from costlib.spend import SpendRecord, SpendSource, SpendWindow, build_source
from costlib.spend.base import HealthStatus
from costlib.spend.health import status_of

__all__ = ["Poller"]

log = logging.getLogger("costlib.daemon")


class Poller:
    """The configured sources (built from their settings, ``overrides`` by name inject clients in tests)."""

    def __init__(self, settings: Sequence[BaseModel], store: StateStore, *, base: Path,
                 clock: Callable[[], datetime], overrides: Mapping[str, Mapping[str, object]] | None = None) -> None:
        self.store = store
        self._clock = clock
        self._sources: dict[str, tuple[Any, SpendSource]] = {
            s.name: (s, build_source(s, base=base, **(overrides or {}).get(s.name, {})))  # type: ignore[attr-defined]
            for s in settings}
        self._records: dict[str, tuple[SpendRecord, ...]] = {}
        self._requests_seen: dict[str, int] = {}

    @property
    def names(self) -> list[str]:
        return list(self._sources)

    @property
    def records(self) -> Mapping[str, tuple[SpendRecord, ...]]:
        """The records of each source's last successful fetch."""
        return dict(self._records)

    def keep(self, name: str, records: Sequence[SpendRecord]) -> None:
        """Hold ``records`` as the source's last fetch (a test moving the window on)."""
        self._records[name] = tuple(records)

    def poll(self, name: str, window: SpendWindow) -> HealthStatus:
        """Fetch one source; record its health; keep its records. Returns the health status."""
        settings, source = self._sources[name]
        try:
            result = source.fetch(window, group_by=settings.group_by, tag_keys=settings.tag_keys)
        except CostlibError as exc:
            health = source.health()
            if health.status in (HealthStatus.OK, HealthStatus.NO_DATA, HealthStatus.UNKNOWN):
                # refused before the source's own attempt began (a setting it cannot use): the same failure
                health = dataclasses.replace(health, status=status_of(exc), message=str(exc), checked_at=self._clock())
            self.store.record_poll(health, requests=self._new_requests(name, health.requests_total))
            log.warning("poll of %s failed: %s", name, exc)
            return health.status
        self._records[name] = tuple(result.records)
        cost = result.api_cost.amount if result.api_cost is not None else Decimal(0)
        self.store.record_poll(result.health, requests=self._new_requests(name, result.health.requests_total),
                               api_cost=cost)
        return result.health.status

    def _new_requests(self, name: str, total: int) -> int:
        """Requests since the last poll recorded, from the source's counter that only grows."""
        seen = self._requests_seen.get(name, 0)
        self._requests_seen[name] = total
        return max(0, total - seen)
