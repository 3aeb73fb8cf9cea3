"""The evaluator: pure. Spend records, environments, the alert and environment state and ``now`` in; an
:class:`Evaluation` out (the snapshot, the alerts due, the new alert state and the environment decisions).

Spend is attributed to teams and converted to the config's currency per record (two clouds' spend on one team add
up); a budget in another currency is evaluated on its spend converted to that currency (never mixed, and one
such budget never stops the others); anomalies are judged on the last complete day; TTL and idle rules on the
environments the inventories listed. Nothing here reads a clock, a file or the network.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from costlib.daemon.config import DaemonConfig, SpendTagsInventorySettings
from costlib.daemon.inventory import spend_environment
from costlib.daemon.snapshot import Snapshot, TeamSpend, build_snapshot
from costlib.money import FxTable, Money
from costlib.policy.acknowledged import Acknowledgement, over_estimate
from costlib.policy.alerts import Alert
from costlib.policy.budgets import AlertState, Budget, BudgetEvaluation, evaluate_anomalies, evaluate_budgets
from costlib.policy.ttl import Decision, Environment, EnvState, evaluate_environments
from costlib.spend import SpendRecord, attribute, team_series

__all__ = ["Evaluation", "Spend", "complete_through", "evaluate", "name_tags", "spend_of"]

Series = dict[str, dict[date, Money]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Spend:
    """Spend by team and by environment, daily and in the config's currency; where each came from."""

    teams: Mapping[str, Mapping[date, Money]]
    month: Mapping[str, TeamSpend]
    environments: Mapping[str, Mapping[date, Money]]
    environment_sources: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    """One evaluation: what to show, what to send, what to remember, what to do about each environment."""

    snapshot: Snapshot
    alerts: tuple[Alert, ...]
    alert_state: Mapping[str, AlertState]
    decisions: tuple[Decision, ...]


def name_tags(config: DaemonConfig) -> list[str]:
    """How environments found in spend are named: the spend_tags inventory's tags (``environment`` without one)."""
    inv = next((i for i in config.environments.inventory if isinstance(i, SpendTagsInventorySettings)), None)
    return list(inv.name_tags) if inv is not None else ["environment"]


def _add(into: dict[date, Money], day: date, cost: Money) -> None:
    prev = into.get(day)
    into[day] = cost if prev is None else prev + cost


def spend_of(config: DaemonConfig, fx: FxTable, records: Mapping[str, Sequence[SpendRecord]], as_of: date) -> Spend:
    """Attribute every source's records to teams and environments, converted to the config's currency."""
    cur = config.currency
    flat = [r for recs in records.values() for r in recs]
    attr = config.attribution
    attributed = attribute(flat, attr.team_rules(), attr.shared_rules(), team_tags=attr.team_tags)
    # Providers bill in their own currencies (USD on AWS, EUR on Azure ...): converted per record
    attributed = [a if a.cost.currency == cur else dataclasses.replace(a, cost=fx.convert(a.cost, cur))
                  for a in attributed]
    series = team_series(attributed) if attributed else {}
    source_of = {id(r): name for name, recs in records.items() for r in recs}
    providers: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    by_provider: dict[str, dict[str, Money]] = defaultdict(dict)
    month_start = as_of.replace(day=1)
    for a in attributed:
        providers[a.team].add(a.record.provider_name)
        sources[a.team].add(source_of[id(a.record)])
        if month_start <= a.record.charge_period_start.date() <= as_of:
            prev = by_provider[a.team].get(a.record.provider_name)
            by_provider[a.team][a.record.provider_name] = a.cost if prev is None else prev + a.cost
    daily: Series = defaultdict(dict)
    month: dict[str, TeamSpend] = {}
    for team, s in series.items():
        for d in s.days:
            if d.day <= as_of:
                daily[team][d.day] = fx.convert(d.net, cur)
        days = [d for d in s.through(as_of).days if d.day >= month_start]
        month[team] = TeamSpend(charges=fx.convert(Money.sum((d.charges for d in days), s.currency), cur),
                                credits=fx.convert(Money.sum((d.credits for d in days), s.currency), cur),
                                by_provider=tuple(sorted(by_provider[team].items())),
                                providers=tuple(sorted(providers[team])), sources=tuple(sorted(sources[team])))
    env_tags = name_tags(config)
    envs: Series = defaultdict(dict)
    env_sources: dict[str, set[str]] = defaultdict(set)
    for source, recs in records.items():
        for r in recs:
            name = spend_environment(r, env_tags)
            if name is not None:
                _add(envs[name], r.charge_date, fx.convert(r.billed_cost, cur))
                env_sources[name].add(source)
    return Spend(teams=daily, month=month, environments=envs,
                 environment_sources={n: tuple(sorted(s)) for n, s in env_sources.items()})


def complete_through(records: Mapping[str, Sequence[SpendRecord]], as_of: date, *, today: date | None) -> date:
    """The last day whose spend is complete: the latest day any source has data for (not after ``as_of``); on the
    live clock (``today`` given), today is partial and never counts."""
    days = [r.charge_date for recs in records.values() for r in recs if r.charge_date <= as_of]
    latest = max(days) if days else as_of
    return min(latest, today - timedelta(days=1)) if today is not None else latest


def _budgets(config: DaemonConfig, fx: FxTable, spend: Spend, state: Mapping[str, AlertState], as_of: date,
             now: datetime, done: date) -> BudgetEvaluation:
    budgets: list[Budget] = [b.budget() for b in config.budgets]
    statuses = {}
    alerts: list[Alert] = []
    new_state = dict(state)
    for currency in sorted({b.amount.currency for b in budgets}):
        group = [b for b in budgets if b.amount.currency == currency]
        teams, envs = spend.teams, spend.environments
        if currency != config.currency:
            teams, envs = ({k: {d: fx.convert(m, currency) for d, m in days.items()} for k, days in series.items()}
                           for series in (spend.teams, spend.environments))
        ev = evaluate_budgets(group, teams, as_of=as_of, state=state, now=now, complete_through=done,
                              environments=envs)
        statuses.update({s.budget.name: s for s in ev.statuses})
        alerts += ev.alerts
        new_state.update({k: v for k, v in ev.state.items() if state.get(k) != v})
    return BudgetEvaluation([statuses[b.name] for b in budgets if b.name in statuses], alerts, new_state)


def evaluate(config: DaemonConfig, fx: FxTable, *, records: Mapping[str, Sequence[SpendRecord]],
             environments: Sequence[Environment], alert_state: Mapping[str, AlertState],
             env_states: Mapping[str, EnvState], notices: Mapping[str, datetime], now: datetime,
             today: date | None, acknowledgements: Sequence[Acknowledgement] = ()) -> Evaluation:
    """Every decision of one cycle, as of ``now`` (``today``: the live clock's date, None when ``as_of`` is pinned);
    ``acknowledgements``: the confirmed estimates, each environment's spend judged against its latest."""
    as_of = now.date()
    spend = spend_of(config, fx, records, as_of)
    done = complete_through(records, as_of, today=today)
    ev = _budgets(config, fx, spend, alert_state, as_of, now, done)
    alerts = list(ev.alerts)
    if config.anomaly.enabled:
        a = config.anomaly  # the last complete day: today is partial and sources lag
        alerts += evaluate_anomalies(spend.teams, as_of=done, factor=a.factor, min_amount=a.min_amount,
                                     lookback_days=a.lookback_days, now=now)
    if config.acknowledgements.enabled and acknowledgements:
        ack = config.acknowledgements  # judged on complete days, as budgets are
        alerts += over_estimate(acknowledgements, spend.environments, complete_through=done, factor=ack.factor,
                                min_excess=Money(ack.min_excess, config.currency), now=now, fx=fx)
    rules = config.environments.rules()
    decisions = evaluate_environments(environments, now=now, rules=rules, states=env_states, notices=notices)
    alerts += [d.alert for d in decisions if d.alert is not None]
    snapshot = build_snapshot(now=now, currency=config.currency, spend=spend.month, statuses=ev.statuses,
                              environments=environments, env_states=env_states, rules=rules,
                              env_sources=spend.environment_sources)
    return Evaluation(snapshot=snapshot, alerts=tuple(alerts), alert_state=dict(ev.state), decisions=tuple(decisions))
