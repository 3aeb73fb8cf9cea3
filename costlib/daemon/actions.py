"""What the daemon does about an evaluation: record and notify, stop what is due, extend and snooze.

:func:`record` writes one cycle in ONE transaction (new alerts in the ledger by their idempotency key, their
messages in the outbox, the shutdowns to carry out, the alert state and the snapshot): a crash before it changes
nothing, a crash after it loses nothing. Delivery and shutdowns follow, each retried on a later cycle if it fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import StrEnum

from costlib.daemon.evaluator import Evaluation
from costlib.daemon.notify import Outbox, compose
from costlib.daemon.shutdown import StopOptions, StopResult, plan_targets, stop_targets
from costlib.daemon.snapshot import EnvironmentRow
from costlib.daemon.state import StateStore
from costlib.policy.alerts import Alert
from costlib.policy.ttl import Decision, EnvState

__all__ = ["ShutdownStatus", "carry_out_shutdowns", "due_shutdowns", "extend", "log_dry_runs", "record", "snooze"]

log = logging.getLogger("costlib.daemon")


class ShutdownStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    NOTHING_TO_STOP = "nothing_to_stop"


def record(store: StateStore, outbox: Outbox, evaluation: Evaluation, *, digest: bool, clock: datetime) -> list[Alert]:
    """Record the cycle (see the module doc); the alerts that were new, in the order decided."""
    new: list[Alert] = []
    with store.transaction() as conn:
        for alert in evaluation.alerts:
            if store.record_alert(conn, alert.id, alert.kind.value, alert.team, alert.created_at, alert.to_json()):
                new.append(alert)
        outbox.enqueue_all(conn, compose(new, digest=digest), clock)
        for d in evaluation.decisions:
            if d.shutdown and not d.dry_run and d.alert is not None:
                store.record_shutdown(conn, d.alert.id, d.environment.name, list(d.environment.resources), clock)
        store.save_alert_states(conn, dict(evaluation.alert_state))
        store.save_snapshot(conn, evaluation.snapshot)
    return new


def due_shutdowns(decisions: Sequence[Decision]) -> set[str]:
    """The keys of the shutdowns this cycle's decisions call for (not dry runs)."""
    return {d.alert.id for d in decisions if d.shutdown and not d.dry_run and d.alert is not None}


def log_dry_runs(decisions: Sequence[Decision]) -> None:
    for d in decisions:
        if d.shutdown and d.dry_run:
            targets, _ = plan_targets(d.environment.resources)
            log.warning("would stop %s (dry run): %s; %s", d.environment.name, d.reason,
                        ", ".join(f"{t.provider} {t.name}" for t in targets) or "no stoppable resources")


def carry_out_shutdowns(store: StateStore, *, still_due: set[str] | None, clock: Callable[[], datetime],
                        options: StopOptions, max_attempts: int = 5) -> list[tuple[str, list[StopResult]]]:
    """Stop the resources of every recorded, not yet finished shutdown; transient failures retry next cycle.

    ``still_due`` (the keys this cycle's decisions still call for): a pending shutdown that is no longer due
    (extended, protected, dry-run switched on, the team opted out) is cancelled, never carried out."""
    done: list[tuple[str, list[StopResult]]] = []
    for key, env_name, resources, attempts in store.pending_shutdowns():
        if still_due is not None and key not in still_due:
            store.finish_shutdown(key, ShutdownStatus.CANCELLED, [
                {"resource": r, "ok": False, "message": "cancelled: no longer due"} for r in resources], clock())
            log.warning("shutdown of %s cancelled: no longer due (extended, protected, dry-run or opted out)", env_name)
            continue
        targets, skipped = plan_targets(resources)
        results = stop_targets(targets, **options) if targets else []
        rows: list[dict[str, str | bool]] = [{"resource": r.resource, "ok": r.ok, "message": r.message} for r in results]
        rows += [{"resource": rid, "ok": False, "message": f"not stopped: {why}"} for rid, why in skipped]
        if not targets:
            status = ShutdownStatus.NOTHING_TO_STOP
        elif all(r.ok for r in results):
            status = ShutdownStatus.DONE
        elif any(r.transient for r in results if not r.ok) and attempts + 1 < max_attempts:
            status = ShutdownStatus.PENDING
        else:
            status = ShutdownStatus.FAILED
        store.finish_shutdown(key, status, rows, clock())
        for row in rows:
            log.warning("shutdown of %s: %s %s: %s", env_name, row["resource"], "ok" if row["ok"] else "FAILED",
                        row["message"])
        done.append((env_name, results))
    return done


def extend(store: StateStore, name: str, delta: timedelta, *, now: datetime, actor: str) -> datetime:
    """Extend an environment's expiry by ``delta`` from its current expiry (the later of the last evaluation's and
    any extension stored since), or from ``now`` if that is past. Never shortens it."""

    def change(env: EnvironmentRow, state: EnvState) -> EnvState:
        known = [e for e in (env.expires_at, state.extended_until) if e is not None]
        return EnvState(extended_until=max([now, *known]) + delta, snoozed_until=state.snoozed_until)

    until = store.update_env(name, change, actor=actor).extended_until
    assert until is not None
    return until


def snooze(store: StateStore, name: str, delta: timedelta, *, now: datetime, actor: str) -> datetime:
    """Silence an environment's warnings for ``delta`` from ``now``."""
    until = now + delta
    store.update_env(name, lambda env, state: EnvState(extended_until=state.extended_until, snoozed_until=until),
                     actor=actor)
    return until
