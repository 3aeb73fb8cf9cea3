"""The daemon's control plane: poll, evaluate, record, notify — and the reads the CLI and API share.

One cycle (:meth:`Daemon.run_cycle`):

1. poll each due source (each failure is recorded as the source's health; nothing half-fetched is kept);
2. attribute spend to teams and build daily series; evaluate budgets, anomalies, TTL and idle rules (pure);
3. in ONE transaction: record new alerts in the ledger (keyed by their idempotency key), enqueue their
   messages in the outbox, save the alert state and the snapshot — so a crash before it changes nothing and
   a crash after it loses nothing;
4. deliver what is due from the outbox (retried on the next cycle if it fails).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from costlib.daemon.config import DaemonConfig
from costlib.daemon.inventory import (
    from_aws_tagging,
    from_azure_resource_graph,
    from_file,
    from_gcp_asset_inventory,
    from_spend,
    spend_environment,
)
from costlib.daemon.notify import DeliveryReport, Outbox, QuietHours, build_channels, compose
from costlib.daemon.shutdown import plan_targets, stop_targets
from costlib.daemon.state import StateStore
from costlib.duration import Duration
from costlib.errors import CostlibError, InputError
from costlib.money import DEFAULT_FX, FxTable, Money, plain
from costlib.policy.alerts import Alert
from costlib.policy.budgets import Budget, BudgetEvaluation, evaluate_anomalies, evaluate_budgets, period_bounds
from costlib.policy.ttl import (
    Decision,
    Environment,
    EnvState,
    evaluate_environments,
    expiry_of,
    is_protected,
)
from costlib.spend import SpendRecord, SpendWindow, attribute, build_source, team_series

__all__ = ["CycleReport", "Daemon"]

log = logging.getLogger("costlib.daemon")
FAULT_ENV = "COSTLIB_FAULT"


@dataclass
class CycleReport:
    polled: dict[str, str] = field(default_factory=dict)
    new_alerts: list[Alert] = field(default_factory=list)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    decisions: list[Decision] = field(default_factory=list)
    shutdowns: list[tuple[str, list[Any]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(v in ("ok", "no_data") for v in self.polled.values())


class Daemon:
    """The daemon's state and logic, without the scheduler (which only calls :meth:`poll_source` and friends)."""

    def __init__(self, config: DaemonConfig, *, store: StateStore | None = None, lock: bool = False,
                 source_overrides: dict[str, Any] | None = None, shutdown_options: dict[str, Any] | None = None) -> None:
        self.config = config
        self.store = store or StateStore(config.state_path, lock=lock)
        self.fx: FxTable = DEFAULT_FX.with_rates(config.fx.rates, source="config fx.rates") if config.fx.rates \
            else DEFAULT_FX
        n = config.notify
        self.outbox = Outbox(self.store, build_channels(n, config.path(".")), n.routes, n.fallback,
                             max_attempts=n.max_attempts, deadline=n.deadline_delta,
                             quiet_hours={t: QuietHours(q.start, q.end, q.timezone, q.hold_critical)
                                          for t, q in n.quiet_hours.items()})
        self._sources = {s.name: (s, build_source(s, base=config.path("."), **(source_overrides or {}).get(s.name, {})))
                         for s in config.sources}
        self._records: dict[str, list[SpendRecord]] = {}
        self.shutdown_options = dict(shutdown_options or {})
        self._view: dict[str, Any] | None = None
        self._view_lock = threading.Lock()
        self._view_revision = -1
        self._view_listeners: list[Callable[[dict[str, Any]], object]] = []
        self.started_at = datetime.now(UTC)
        #: each configured source's poll interval (the staleness of its figures is measured in these)
        self.poll_intervals: dict[str, timedelta | None] = {s.name: s.poll_interval.delta for s in config.sources}

    # --- time ---------------------------------------------------------------------
    def now(self) -> datetime:
        """The evaluation moment: the pinned ``as_of`` (end of that day) or the clock."""
        if self.config.as_of is not None:
            d = self.config.as_of
            return datetime(d.year, d.month, d.day, 23, 59, tzinfo=UTC)
        return datetime.now(UTC)

    def window(self, as_of: date) -> SpendWindow:
        starts = [period_bounds(b.budget(), as_of)[0] for b in self.config.budgets]
        starts.append(as_of.replace(day=1))
        starts.append(as_of - timedelta(days=self.config.anomaly.lookback_days + 1))
        return SpendWindow(min(starts), as_of + timedelta(days=1))

    # --- polling --------------------------------------------------------------------
    def poll_source(self, name: str) -> str:
        """Fetch one source; record its health; keep its records for evaluation. Returns the health status."""
        settings, source = self._sources[name]
        now = self.now()
        try:
            result = source.fetch(self.window(now.date()), group_by=settings.group_by, tag_keys=settings.tag_keys)
        except CostlibError as exc:
            health = source.health()
            self.store.record_poll(name, ok=False, status=health.status.value, message=str(exc), requests=0,
                                   api_cost="0", at=datetime.now(UTC))
            log.warning("poll of %s failed: %s", name, exc)
            self.refresh_view()  # no evaluation follows a failed poll: /readyz, /v1/sources and metrics show it now
            return health.status.value
        self._records[name] = list(result.records)
        self.store.record_poll(name, ok=True, status=result.health.status.value, message=result.health.message,
                               requests=result.requests, api_cost=str(result.api_cost.amount if result.api_cost else 0),
                               at=datetime.now(UTC))
        return result.health.status.value

    # --- evaluation -------------------------------------------------------------------
    def _series(self, as_of: date) -> tuple[dict[str, dict[date, Money]], dict[str, Any]]:
        records = [r for recs in self._records.values() for r in recs]
        attr = self.config.attribution
        attributed = attribute(records, attr.team_rules(), attr.shared_rules(), team_tags=attr.team_tags)
        cur = self.config.currency
        # Providers bill in their own currencies (USD on AWS, EUR on Azure ...): a team's series is in the
        # config's currency, converted per record, so two clouds' spend on one team can be summed.
        attributed = [a if a.cost.currency == cur else dataclasses.replace(a, cost=self.fx.convert(a.cost, cur))
                      for a in attributed]
        series = team_series(attributed) if attributed else {}
        out: dict[str, dict[date, Money]] = defaultdict(dict)
        mtd: dict[str, Any] = {}
        providers: dict[str, set[str]] = defaultdict(set)
        source_of = {id(r): name for name, recs in self._records.items() for r in recs}
        sources: dict[str, set[str]] = defaultdict(set)  # team -> the sources its spend came from
        by_provider: dict[str, dict[str, Money]] = defaultdict(dict)
        month_start = as_of.replace(day=1)
        for a in attributed:
            providers[a.team].add(a.record.provider_name)
            sources[a.team].add(source_of[id(a.record)])
            if month_start <= a.record.charge_period_start.date() <= as_of:
                cost = self.fx.convert(a.cost, cur)
                prev = by_provider[a.team].get(a.record.provider_name)
                by_provider[a.team][a.record.provider_name] = cost if prev is None else prev + cost
        for team, s in series.items():
            for d in s.days:
                if d.day <= as_of:
                    out[team][d.day] = self.fx.convert(d.net, cur)
            month = s.through(as_of)
            mtd[team] = {"charges": self.fx.convert(Money.sum((d.charges for d in month.days if d.day >= as_of.replace(day=1)),
                                                              s.currency), cur),
                         "credits": self.fx.convert(Money.sum((d.credits for d in month.days
                                                               if d.day >= as_of.replace(day=1)), s.currency), cur),
                         "providers": sorted(providers[team]), "sources": sorted(sources[team]),
                         "by_provider": {p: plain(m.amount) for p, m in sorted(by_provider[team].items())}}
        return out, mtd

    def _environment_series(self) -> dict[str, dict[date, Money]]:
        """Daily spend per environment (in the config currency), named as the spend_tags inventory names them
        (its ``name_tags`` joined with ``-``; ``environment`` when there is no such inventory)."""
        inv = next((i for i in self.config.environments.inventory if i.type == "spend_tags"), None)
        name_tags = inv.name_tags if inv is not None else ["environment"]
        cur = self.config.currency
        out: dict[str, dict[date, Money]] = defaultdict(dict)
        for recs in self._records.values():
            for r in recs:
                name = spend_environment(r, name_tags)
                if name is None:
                    continue
                cost = self.fx.convert(r.billed_cost, cur)
                prev = out[name].get(r.charge_date)
                out[name][r.charge_date] = cost if prev is None else prev + cost
        return out

    def _environment_sources(self) -> dict[str, list[str]]:
        """The sources each environment found in spend was billed through (named as in :meth:`_environment_series`)."""
        inv = next((i for i in self.config.environments.inventory if i.type == "spend_tags"), None)
        name_tags = inv.name_tags if inv is not None else ["environment"]
        out: dict[str, set[str]] = defaultdict(set)
        for source, recs in self._records.items():
            for r in recs:
                name = spend_environment(r, name_tags)
                if name is not None:
                    out[name].add(source)
        return {name: sorted(found) for name, found in out.items()}

    def complete_through(self, as_of: date) -> date:
        """The last day whose spend is complete: the latest day any source has data for (not after ``as_of``);
        on the live clock, today is partial and never counts."""
        days = [r.charge_date for recs in self._records.values() for r in recs if r.charge_date <= as_of]
        latest = max(days) if days else as_of
        if self.config.as_of is None:
            latest = min(latest, datetime.now(UTC).date() - timedelta(days=1))
        return latest

    def _evaluate_budgets(self, budgets: list[Budget], spend: dict[str, dict[date, Money]], as_of: date,
                          now: datetime, done: date) -> BudgetEvaluation:
        """Budgets in the config currency on ``spend``; a budget in another currency on its teams' spend
        converted to that currency (never mixed, and one such budget never stops the others)."""
        state = self.store.alert_states()
        statuses: dict[str, Any] = {}
        alerts: list[Alert] = []
        new_state = dict(state)
        envs = self._environment_series() if any(b.environment for b in budgets) else {}
        for currency in sorted({b.amount.currency for b in budgets}):
            group = [b for b in budgets if b.amount.currency == currency]
            converted, env_converted = (spend, envs) if currency == self.config.currency else (
                {k: {d: self.fx.convert(m, currency) for d, m in days.items()} for k, days in series.items()}
                for series in (spend, envs))
            ev = evaluate_budgets(group, converted, as_of=as_of, state=state, now=now, complete_through=done,
                                  environments=env_converted)
            statuses.update({s.budget.name: s for s in ev.statuses})
            alerts += ev.alerts
            new_state.update({k: v for k, v in ev.state.items() if state.get(k) != v})
        return BudgetEvaluation([statuses[b.name] for b in budgets if b.name in statuses], alerts, new_state)

    def environments(self, as_of: date) -> list[Environment]:
        envs: list[Environment] = []
        records = [r for recs in self._records.values() for r in recs]
        for inv in self.config.environments.inventory:
            if inv.type == "spend_tags":
                found = from_spend(records, name_tags=inv.name_tags, team_tag=inv.team_tag, owner_tag=inv.owner_tag,
                                   kind_tag=inv.kind_tag, as_of=as_of, min_cost=inv.min_cost)
                # The first record in the polled window moves with the window: the creation time of an environment
                # found in spend is the first time any poll saw it, kept in the state file.
                first = self.store.first_seen({e.name: e.created_at for e in found if e.created_at is not None})
                envs += [dataclasses.replace(e, created_at=first.get(e.name, e.created_at))
                         if not e.tag("created-at") else e for e in found]
            elif inv.type == "file":
                if not inv.path:
                    raise InputError("an inventory of type file needs a path", where="environments.inventory")
                envs += from_file(self.config.path(inv.path))
            elif inv.type == "aws_tagging":
                envs += from_aws_tagging(region=inv.region or "us-east-1", name_tag=inv.name_tags[0],
                                         team_tag=inv.team_tag, owner_tag=inv.owner_tag, tag_filter=inv.tag_filter)
            elif inv.type == "azure_resource_graph":
                if not inv.scope:
                    raise InputError("azure_resource_graph needs scope: a subscription id (or several, comma-separated)",
                                     where="environments.inventory")
                envs += from_azure_resource_graph(subscriptions=[s.strip() for s in inv.scope.split(",")],
                                                  name_tag=inv.name_tags[0], team_tag=inv.team_tag,
                                                  owner_tag=inv.owner_tag)
            else:
                if not inv.scope:
                    raise InputError("gcp_asset_inventory needs scope: projects/ID, folders/N or organizations/N",
                                     where="environments.inventory")
                envs += from_gcp_asset_inventory(scope=inv.scope, name_tag=inv.name_tags[0], team_tag=inv.team_tag,
                                                 owner_tag=inv.owner_tag)
        return envs

    def evaluate(self) -> tuple[dict[str, Any], list[Alert], dict[str, Any], list[Decision]]:
        now = self.now()
        as_of = now.date()
        spend, mtd = self._series(as_of)
        done = self.complete_through(as_of)
        budgets = [b.budget() for b in self.config.budgets]
        ev = self._evaluate_budgets(budgets, spend, as_of, now, done)
        alerts = list(ev.alerts)
        if self.config.anomaly.enabled:
            a = self.config.anomaly  # the last complete day: today is partial and sources lag
            alerts += evaluate_anomalies(spend, as_of=done, factor=a.factor, min_amount=a.min_amount,
                                         lookback_days=a.lookback_days, now=now)
        envs = self.environments(as_of)
        rules = self.config.environments.rules()
        env_states = self.store.env_states()
        decisions = evaluate_environments(envs, now=now, rules=rules, states=env_states,
                                          notices=self.store.alert_times("ttl_expired"))
        alerts += [d.alert for d in decisions if d.alert is not None]
        snapshot = self._snapshot(now, mtd, ev.statuses, envs, env_states, rules)
        return snapshot, alerts, dict(ev.state), decisions

    def _snapshot(self, now: datetime, mtd: dict[str, Any], statuses: list[Any], envs: list[Environment],
                  env_states: dict[str, Any], rules: Any) -> dict[str, Any]:
        cur = self.config.currency
        by_team = {s.budget.team: s for s in statuses if s.budget.team}
        env_sources = self._environment_sources()
        all_sources = sorted({src for m in mtd.values() for src in m["sources"]})
        teams = []
        for team in sorted(set(mtd) | set(by_team)):
            st = by_team.get(team)
            m = mtd.get(team, {"charges": Money.zero(cur), "credits": Money.zero(cur), "providers": [], "sources": []})
            teams.append({"team": team, "providers": m["providers"], "by_provider": m.get("by_provider", {}),
                          "sources": m["sources"], "currency": cur,
                          "month_to_date": plain((m["charges"] + m["credits"]).amount), "credits": plain(m["credits"].amount),
                          "budget": plain(st.budget.amount.amount) if st else None,
                          "budget_name": st.budget.name if st else None,
                          "forecast": plain(st.forecast.amount) if st and st.forecast else None,
                          "utilisation_ratio": str(st.utilisation.quantize(Decimal("0.0001"))) if st else None,
                          "crossed": list(st.crossed) if st else []})
        environments = []
        for env in envs:
            expiry, source = expiry_of(env, rules, env_states.get(env.name))
            environments.append({
                "name": env.name, "team": env.team, "owner": env.owner, "provider": env.provider, "kind": env.kind,
                "created_at": env.created_at.isoformat() if env.created_at else None,
                "age_days": (now - env.created_at).days if env.created_at else None,
                "expires_at": expiry.isoformat() if expiry else None, "expiry_source": source,
                "ttl_remaining_seconds": int((expiry - now).total_seconds()) if expiry else None,
                "monthly_cost": plain(env.monthly_cost.amount) if env.monthly_cost is not None else None,
                "cost_currency": env.monthly_cost.currency if env.monthly_cost is not None else None,
                "cost_basis": env.cost_basis,
                "last_activity": env.last_activity.isoformat() if env.last_activity else None,
                "protected": is_protected(env, rules), "conflicts": list(env.conflicts),
                # an estimate is not built from spend: no source can make it stale
                "sources": env_sources.get(env.name, []) if env.cost_basis == "spend run-rate" else None})

        def budget_sources(b: Budget) -> list[str]:
            if b.environment is not None:
                return env_sources.get(b.environment, [])
            return list(mtd.get(b.team, {}).get("sources", [])) if b.team else all_sources

        budgets = [{"name": s.budget.name, "team": s.budget.team, "environment": s.budget.environment,
                    "sources": budget_sources(s.budget),
                    "amount": plain(s.budget.amount.amount),
                    "currency": s.budget.amount.currency, "period_start": s.period_start.isoformat(),
                    "period_end": s.period_end.isoformat(), "actual": plain(s.actual.amount),
                    "forecast": plain(s.forecast.amount) if s.forecast else None, "forecast_method": s.forecast_method,
                    "utilisation_ratio": str(s.utilisation.quantize(Decimal("0.0001"))), "crossed": list(s.crossed)}
                   for s in statuses]
        return {"as_of": now.isoformat(), "currency": cur, "teams": teams, "budgets": budgets,
                "environments": environments, "sources": self.source_rows(), "outbox": self.outbox.counts()}

    def source_rows(self) -> list[dict[str, Any]]:
        """Each polled source's health record, with its poll interval in seconds (None: no longer configured)."""
        rows = []
        for p in self.store.polls():
            interval = self.poll_intervals.get(p["source"])
            rows.append({**p, "poll_interval_seconds": int(interval.total_seconds()) if interval else None})
        return rows

    # --- the cycle --------------------------------------------------------------------------
    def run_cycle(self, *, poll: bool = True) -> CycleReport:
        report = CycleReport()
        if poll:
            for name in self._sources:
                report.polled[name] = self.poll_source(name)
        snapshot, alerts, state, decisions = self.evaluate()
        report.decisions = decisions
        now = self.now()
        clock = datetime.now(UTC)  # delivery runs on the wall clock even when the evaluation date is pinned
        with self.store.transaction() as conn:
            for alert in alerts:
                doc = alert.to_json()
                if self.store.record_alert(conn, alert.key, alert.kind.value, alert.team, alert.created_at, doc):
                    report.new_alerts.append(alert)
            self.outbox.enqueue_all(conn, compose(report.new_alerts, digest=self.config.notify.digest), clock)
            for d in decisions:
                if d.shutdown and not d.dry_run and d.alert is not None:
                    self.store.record_shutdown(conn, d.alert.key, d.environment.name, list(d.environment.resources), clock)
            self.store.save_alert_states(conn, state)
            snapshot["outbox"] = dict(conn.execute(
                "SELECT status, count(*) FROM outbox_messages GROUP BY status").fetchall())
            self.store.save_snapshot(conn, snapshot, now)
        if os.environ.get(FAULT_ENV) == "after-record":
            os._exit(137)  # test hook: die after recording, before any delivery
        report.delivery = self.outbox.deliver_due(clock)
        self.refresh_view(snapshot)
        for d in decisions:
            if d.shutdown and d.dry_run:
                targets, _ = plan_targets(d.environment.resources)
                log.warning("would stop %s (dry run): %s; %s", d.environment.name, d.reason,
                            ", ".join(f"{t.provider} {t.name}" for t in targets) or "no stoppable resources")
        due = {d.alert.key for d in decisions if d.shutdown and not d.dry_run and d.alert is not None}
        report.shutdowns = self.carry_out_shutdowns(still_due=due)
        return report

    def carry_out_shutdowns(self, max_attempts: int = 5, still_due: set[str] | None = None
                            ) -> list[tuple[str, list[Any]]]:
        """Stop the resources of every recorded, not yet finished shutdown; transient failures retry next cycle.

        ``still_due`` (the keys this cycle's decisions still call for): a pending shutdown that is no longer
        due (extended, protected, dry-run switched on, the team opted out) is cancelled, never carried out."""
        done: list[tuple[str, list[Any]]] = []
        for key, env_name, resources, attempts in self.store.pending_shutdowns():
            if still_due is not None and key not in still_due:
                self.store.finish_shutdown(key, "cancelled", [{"resource": r, "ok": False, "message":
                                                               "cancelled: no longer due"} for r in resources],
                                           datetime.now(UTC))
                log.warning("shutdown of %s cancelled: no longer due (extended, protected, dry-run or opted out)",
                            env_name)
                continue
            targets, skipped = plan_targets(resources)
            results = stop_targets(targets, **self.shutdown_options) if targets else []
            rows = [{"resource": r.resource, "ok": r.ok, "message": r.message} for r in results]
            rows += [{"resource": rid, "ok": False, "message": f"not stopped: {why}"} for rid, why in skipped]
            if not targets:
                status = "nothing_to_stop"
            elif all(r.ok for r in results):
                status = "done"
            elif any(r.transient for r in results if not r.ok) and attempts + 1 < max_attempts:
                status = "pending"
            else:
                status = "failed"
            self.store.finish_shutdown(key, status, rows, datetime.now(UTC))
            for row in rows:
                log.warning("shutdown of %s: %s %s: %s", env_name, row["resource"], "ok" if row["ok"] else "FAILED",
                            row["message"])
            done.append((env_name, results))
        return done

    def deliver(self) -> DeliveryReport:
        """Deliver what is due (the scheduler calls this every minute) and refresh the view when a delivery
        happened or another process (``costlib env extend``) changed the state since the view was built."""
        report = self.outbox.deliver_due(datetime.now(UTC))
        if report.sent or report.failed or report.dead or self.store.revision() != self._view_revision:
            self.refresh_view()
        return report

    # --- reads and writes shared by the CLI and the HTTP API -------------------------------------
    def refresh_view(self, snapshot: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Build a new immutable view (the last snapshot plus live source and delivery counters) and swap it in.

        Readers (``/metrics``, the HTTP API) take :meth:`view` and never see a half-built one."""
        revision = self.store.revision()  # read first: a change after it is seen at the next check
        snap = snapshot if snapshot is not None else self.store.snapshot()
        if snap is None:
            return None
        view = {**snap, "sources": self.source_rows(), "started_at": self.started_at.isoformat(),
                "outbox": self.outbox.counts(),
                "delivery": [{"channel": c, "outcome": o, "count": n}
                             for (c, o), n in sorted(self.outbox.attempt_counts().items())],
                "view_at": datetime.now(UTC).isoformat()}
        with self._view_lock:
            self._view = view
            self._view_revision = revision
        for listener in self._view_listeners:
            try:
                listener(view)
            except Exception:  # a listener (the metrics renderer) must not break a cycle
                log.exception("view listener failed")
        return view

    def add_view_listener(self, listener: Callable[[dict[str, Any]], object]) -> None:
        """Call ``listener(view)`` after each new view is swapped in (the HTTP server pre-renders /metrics)."""
        self._view_listeners.append(listener)

    def view(self) -> dict[str, Any] | None:
        """The latest immutable view (loaded from the state file on first use)."""
        with self._view_lock:
            current = self._view
        return current if current is not None else self.refresh_view()

    def extend(self, name: str, duration: str, actor: str = "cli") -> datetime:
        """Extend an environment's expiry by ``duration`` from its current expiry (the later of the last
        evaluation's and any extension stored since), or from now if that is past. Never shortens it."""
        delta = _positive(duration, "extend by")
        now = self.now()

        def change(env: dict[str, Any], state: EnvState) -> EnvState:
            known = [datetime.fromisoformat(env["expires_at"])] if env.get("expires_at") else []
            until = max([now, *known, *([state.extended_until] if state.extended_until else [])]) + delta
            env.update(expires_at=until.isoformat(), expiry_source="extended",
                       ttl_remaining_seconds=int((until - now).total_seconds()))
            return EnvState(extended_until=until, snoozed_until=state.snoozed_until)

        state, _ = self.store.update_env(name, change, actor=actor)
        self.refresh_view()
        assert state.extended_until is not None
        return state.extended_until

    def snooze(self, name: str, duration: str, actor: str = "cli") -> datetime:
        """Silence an environment's warnings for ``duration`` from now."""
        until = self.now() + _positive(duration, "snooze for")
        self.store.update_env(name, lambda env, state: EnvState(extended_until=state.extended_until,
                                                                snoozed_until=until), actor=actor)
        self.refresh_view()
        return until


def _positive(duration: str, what: str) -> timedelta:
    return Duration.parse(duration).positive(what)
