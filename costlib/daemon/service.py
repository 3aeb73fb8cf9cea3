"""The daemon's control plane: the parts put together, and the reads the CLI and API share.

One cycle (:meth:`Daemon.run_cycle`):

1. poll each source (:mod:`costlib.daemon.poller`: each failure is the source's health; nothing half-fetched is kept);
2. list the environments (:mod:`costlib.daemon.inventory`) and evaluate (:mod:`costlib.daemon.evaluator`: pure);
3. record it in one transaction and deliver what is due (:mod:`costlib.daemon.actions`, the outbox);
4. carry out the shutdowns still due; swap in the new :class:`~costlib.daemon.snapshot.View`.

Time comes from ``clock`` (the wall clock by default; tests pass a fake one), the evaluation moment from the
config's ``as_of`` when it is pinned.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel

from costlib.daemon import actions
from costlib.daemon.checkpoints import reached
from costlib.daemon.config import DaemonConfig, SpendTagsInventorySettings
from costlib.daemon.evaluator import Evaluation, complete_through, evaluate
from costlib.daemon.evaluator import name_tags as evaluator_name_tags
from costlib.daemon.inventory import Inventory, build_inventory
from costlib.daemon.notify import DeliveryReport, Outbox, QuietHours, build_channels
from costlib.daemon.poller import Poller
from costlib.daemon.shutdown import StopOptions, StopResult
from costlib.daemon.snapshot import JSON, DeliveryCount, SourceRow, View
from costlib.daemon.state import StateStore
from costlib.duration import Duration
from costlib.money import DEFAULT_FX, FxTable
from costlib.policy.acknowledged import Acknowledgement
from costlib.policy.alerts import Alert, AlertKind
from costlib.policy.budgets import period_bounds
from costlib.policy.impact import Attribution
from costlib.policy.ttl import Decision, Environment
from costlib.spend import SpendRecord, SpendWindow
from costlib.spend.base import HealthStatus

__all__ = ["Clock", "CycleReport", "Daemon"]

log = logging.getLogger("costlib.daemon")

#: Where the daemon reads the time (a fake in tests).
Clock = Callable[[], datetime]


def _wall_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class CycleReport:
    polled: dict[str, HealthStatus] = field(default_factory=dict)
    new_alerts: list[Alert] = field(default_factory=list)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    decisions: list[Decision] = field(default_factory=list)
    shutdowns: list[tuple[str, list[StopResult]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(v in (HealthStatus.OK, HealthStatus.NO_DATA) for v in self.polled.values())


class Daemon:
    """The daemon's parts (poller, inventories, outbox, state) and its cycle, without the scheduler (which only
    calls :meth:`poll_source`, :meth:`run_cycle` and :meth:`deliver`)."""

    def __init__(self, config: DaemonConfig, *, store: StateStore | None = None, lock: bool = False,
                 init_state: bool = False, clock: Clock = _wall_clock,
                 source_overrides: Mapping[str, Mapping[str, object]] | None = None,
                 shutdown_options: StopOptions | None = None,
                 inventory_overrides: Mapping[int, Mapping[str, object]] | None = None) -> None:
        self.config = config
        self.clock = clock
        self.store = store or StateStore(config.state_path, lock=lock, init=init_state)
        self.fx: FxTable = DEFAULT_FX.with_rates(config.fx.rates, source="config fx.rates") if config.fx.rates \
            else DEFAULT_FX
        n = config.notify
        self.outbox = Outbox(self.store, build_channels(n, config.path(".")), n.routes, n.fallback,
                             max_attempts=n.max_attempts, deadline=n.deadline_delta,
                             quiet_hours={t: QuietHours(q.start, q.end, q.timezone, q.hold_critical)
                                          for t, q in n.quiet_hours.items()})
        self.poller = Poller(config.sources, self.store, base=config.path("."), clock=clock, overrides=source_overrides)
        self.inventories: list[tuple[BaseModel, Inventory]] = [
            (s, build_inventory(s, config.path("."), **(inventory_overrides or {}).get(i, {})))
            for i, s in enumerate(config.environments.inventory)]
        self.shutdown_options: StopOptions = shutdown_options or {}
        #: each configured source's poll interval (the staleness of its figures is measured in these)
        self.poll_intervals: dict[str, timedelta | None] = {s.name: s.poll_interval.delta for s in config.sources}
        self.started_at = clock()
        self._view: View | None = None
        self._view_lock = threading.Lock()
        self._view_revision = -1
        self._view_listeners: list[Callable[[View], object]] = []

    # --- time ---------------------------------------------------------------------
    def now(self) -> datetime:
        """The evaluation moment: the pinned ``as_of`` (end of that day) or the clock."""
        if self.config.as_of is not None:
            d = self.config.as_of
            return datetime(d.year, d.month, d.day, 23, 59, tzinfo=UTC)
        return self.clock()

    def window(self, as_of: date) -> SpendWindow:
        starts = [period_bounds(b.budget(), as_of)[0] for b in self.config.budgets]
        starts.append(as_of.replace(day=1))
        starts.append(as_of - timedelta(days=self.config.anomaly.lookback_days + 1))
        return SpendWindow(min(starts), as_of + timedelta(days=1))

    def _today(self) -> date | None:
        return None if self.config.as_of is not None else self.clock().date()

    # --- polling and evaluation ------------------------------------------------------
    def poll_source(self, name: str) -> HealthStatus:
        """Fetch one source and record its health; a failure shows in the view at once (no evaluation follows it)."""
        status = self.poller.poll(name, self.window(self.now().date()))
        if status not in (HealthStatus.OK, HealthStatus.NO_DATA):
            self.refresh_view()  # /readyz, /v1/sources and the metrics show the failure now
        return status

    def complete_through(self, as_of: date) -> date:
        """The last day whose spend is complete (see :func:`costlib.daemon.evaluator.complete_through`)."""
        return complete_through(self.poller.records, as_of, today=self._today())

    def environments(self, as_of: date) -> list[Environment]:
        """Every inventory's environments; one found in spend keeps the time any poll first saw it."""
        records: list[SpendRecord] = [r for recs in self.poller.records.values() for r in recs]
        envs: list[Environment] = []
        for settings, inventory in self.inventories:
            found = inventory.environments(as_of=as_of, records=records)
            if isinstance(settings, SpendTagsInventorySettings):
                # The first record in the polled window moves with the window: the creation time of an environment
                # found in spend is the first time any poll saw it, kept in the state file.
                first = self.store.first_seen({e.name: e.created_at for e in found if e.created_at is not None})
                found = [dataclasses.replace(e, created_at=first.get(e.name, e.created_at))
                         if not e.tag("created-at") else e for e in found]
            envs += found
        return envs

    def evaluate(self) -> Evaluation:
        """Every decision due now, from the records polled, the environments listed and the state kept."""
        now = self.now()
        return evaluate(self.config, self.fx, records=self.poller.records, environments=self.environments(now.date()),
                        alert_state=self.store.alert_states(), env_states=self.store.env_states(),
                        notices=self.store.alert_times(AlertKind.TTL_EXPIRED.value), now=now, today=self._today(),
                        acknowledgements=self.store.acknowledgements())

    # --- the cycle --------------------------------------------------------------------------
    def run_cycle(self, *, poll: bool = True) -> CycleReport:
        report = CycleReport()
        if poll:
            for name in self.poller.names:
                report.polled[name] = self.poller.poll(name, self.window(self.now().date()))
        reached("polled")
        evaluation = self.evaluate()
        report.decisions = list(evaluation.decisions)
        reached("evaluated")
        clock = self.clock()  # delivery runs on the wall clock even when the evaluation date is pinned
        report.new_alerts = actions.record(self.store, self.outbox, evaluation, digest=self.config.notify.digest,
                                           clock=clock)
        reached("recorded")
        report.delivery = self.outbox.deliver_due(clock)
        reached("delivered")
        self.refresh_view()
        actions.log_dry_runs(evaluation.decisions)
        report.shutdowns = actions.carry_out_shutdowns(self.store, still_due=actions.due_shutdowns(evaluation.decisions),
                                                       clock=self.clock, options=self.shutdown_options)
        reached("stopped")
        return report

    def deliver(self) -> DeliveryReport:
        """Deliver what is due (the scheduler calls this every minute) and refresh the view when a delivery
        happened or another process (``costlib env extend``) changed the state since the view was built."""
        report = self.outbox.deliver_due(self.clock())
        if report.sent or report.failed or report.dead or self.store.revision() != self._view_revision:
            self.refresh_view()
        return report

    # --- reads and writes shared by the CLI and the HTTP API -------------------------------------
    def source_rows(self) -> list[SourceRow]:
        """Each polled source's record, with its poll interval (None: no longer configured)."""
        return self.store.polls(self.poll_intervals)

    def refresh_view(self) -> View | None:
        """Build a new immutable view (the last snapshot plus live source and delivery counters) and swap it in.

        Readers (``/metrics``, the HTTP API) take :meth:`view` and never see a half-built one."""
        revision = self.store.revision()  # read first: a change after it is seen at the next check
        snap = self.store.snapshot()
        if snap is None:
            return None
        view = View(snapshot=snap, sources=tuple(self.source_rows()), outbox=self.outbox.counts(),
                    delivery=tuple(DeliveryCount(c, o, n) for (c, o), n in sorted(self.outbox.attempt_counts().items())),
                    started_at=self.started_at, view_at=self.clock())
        with self._view_lock:
            self._view = view
            self._view_revision = revision
        for listener in self._view_listeners:
            try:
                listener(view)
            except Exception:  # a listener (the metrics renderer) must not break a cycle
                log.exception("view listener failed")
        return view

    def add_view_listener(self, listener: Callable[[View], object]) -> None:
        """Call ``listener(view)`` after each new view is swapped in (the HTTP server pre-renders /metrics)."""
        self._view_listeners.append(listener)

    def view(self) -> View | None:
        """The latest immutable view (loaded from the state file on first use)."""
        with self._view_lock:
            current = self._view
        return current if current is not None else self.refresh_view()

    def alerts(self, *, team: str | None = None, kind: str | None = None, limit: int | None = None) -> list[JSON]:
        """Recorded alerts (their JSON), oldest first; the newest ``limit`` of them."""
        return self.store.ledger(team=team, kind=kind, limit=limit)

    def attribution(self) -> Attribution:
        """How this daemon gives spend to teams and names environments, and each team's spend this month (the
        weights of a proportional shared rule): what a budget-aware estimate attributes its resources by."""
        attr = self.config.attribution
        view = self.view()
        weights = {t.team: t.month_to_date.amount for t in view.snapshot.teams} if view is not None else {}
        return Attribution(rules=tuple(attr.team_rules()), shared=tuple(attr.shared_rules()),
                           team_tags=tuple(attr.team_tags), environment_tags=tuple(evaluator_name_tags(self.config)),
                           weights=weights)

    def acknowledge(self, ack: Acknowledgement) -> Acknowledgement:
        """Record a confirmed estimate in the state store."""
        return self.store.record_acknowledgement(ack)

    def acknowledgements(self, *, team: str | None = None, limit: int | None = None) -> list[Acknowledgement]:
        """Confirmed estimates, oldest first."""
        return self.store.acknowledgements(team=team, limit=limit)

    def extend(self, name: str, duration: str | Duration, actor: str = "cli") -> datetime:
        """Extend an environment's expiry by ``duration`` from its current expiry, or from now if that is past."""
        until = actions.extend(self.store, name, _parsed(duration).positive("extend by"), now=self.now(), actor=actor)
        self.refresh_view()
        return until

    def snooze(self, name: str, duration: str | Duration, actor: str = "cli") -> datetime:
        """Silence an environment's warnings for ``duration`` from now."""
        until = actions.snooze(self.store, name, _parsed(duration).positive("snooze for"), now=self.now(), actor=actor)
        self.refresh_view()
        return until


def _parsed(duration: str | Duration) -> Duration:
    return duration if isinstance(duration, Duration) else Duration.parse(duration)
