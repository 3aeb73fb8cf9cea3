"""Budget-aware estimates: which team each estimated resource belongs to (by the daemon's own attribution rules),
and what the change does to that team's budget. Pure: resources, rules and budget figures in, a
:class:`BudgetImpact` out. The CLI (``costlib estimate --daemon``), ``POST /v1/estimate`` and Slack's
``/cost estimate`` all call :func:`team_shares` and :func:`budget_impact`, so they give the same answer.

**The proration rule.** The daemon's forecast is a run-rate over the days of the budget period. A resource the
change adds runs from the evaluation day (``as_of``, counted) to the period's end, at its monthly cost per 730
hours (:data:`~costlib.money.HOURS_PER_MONTH`): it adds ``monthly x days_left x 24 / 730`` to the forecast, where
``days_left = period_end - as_of`` (``period_end`` exclusive). Before the daemon has a forecast (under three days
of data), the same amount is added to the spend to date instead, and the figures say so (``basis``).

>>> from datetime import date
>>> b = BudgetFigures(name="web-monthly", team="web", amount=Money("5000", "GBP"), period_start=date(2026, 12, 1),
...                   period_end=date(2027, 1, 1), actual=Money("1500", "GBP"), forecast=Money("4100", "GBP"),
...                   forecast_method="month-to-date run-rate",
...                   thresholds=(ThresholdLine(label="90%", kind="forecast", limit=Money("4500", "GBP")),))
>>> split = TeamSplit(currency="GBP", monthly={"web": Money("730", "GBP")}, addresses={"web": ("aws_instance.web",)})
>>> impact = budget_impact([b], split, as_of=date(2026, 12, 12))
>>> line = impact.teams[0].budgets[0]
>>> line.added, line.forecast_after, line.percent_before, line.percent_after, line.would_cross
(Money('480', 'GBP'), Money('4580', 'GBP'), Decimal('82.0'), Decimal('91.6'), ('90%',))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from costlib.models import ResourceEstimate
from costlib.money import HOURS_PER_MONTH, FxTable, Money, plain
from costlib.policy.facts import UNKNOWN, tags_of
from costlib.spend.attribution import (
    SharedCostRule,
    TeamRule,
    environment_from_tags,
    shared_rule_of,
    split_exact,
    team_of,
)

__all__ = ["PRORATION_RULE", "PROVIDER_NAMES", "Attribution", "BudgetFigures", "BudgetImpact", "BudgetLine",
           "EnvironmentShare", "ResourceFacts", "TeamImpact", "TeamSplit", "ThresholdLine", "budget_impact", "deltas",
           "environment_shares", "prorated", "resource_facts", "team_shares"]

#: A resource's provider as spend records name it (FOCUS ``ProviderName``), for rules with ``providers``.
PROVIDER_NAMES: Mapping[str, str] = {"aws": "AWS", "azure": "Microsoft", "gcp": "Google Cloud"}

PRORATION_RULE = ("the change's monthly cost x days left in the budget period (today counted) x 24 / 730, added to "
                  "the daemon's forecast")

_PERCENT = Decimal("0.1")


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceFacts:
    """What the attribution rules read of an estimated resource (it has no account or service of its own)."""

    address: str
    tags: Mapping[str, str]
    provider_name: str
    sub_account_id: str | None = None
    resource_group: str | None = None
    service_name: str | None = None


def resource_facts(resource: ResourceEstimate) -> ResourceFacts:
    """A resource's tags (values known only after apply left out: they cannot name a team) and provider.

    >>> from costlib.models import ResourceSpec, Status
    >>> r = ResourceEstimate(spec=ResourceSpec(address="a", type="aws_instance", provider="aws",
    ...                      attributes={"tags": {"team": "web"}, "resource_group_name": "rg"}), status=Status.FREE)
    >>> resource_facts(r).tags, resource_facts(r).provider_name
    ({'team': 'web'}, 'AWS')
    """
    spec = resource.spec
    tags = {k: v for k, v in tags_of(spec).items() if v != UNKNOWN}
    group = spec.attributes.get("resource_group_name")
    return ResourceFacts(address=spec.address, tags=tags, provider_name=PROVIDER_NAMES.get(spec.provider, spec.provider),
                         resource_group=group if isinstance(group, str) else None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """The daemon's attribution rules (``attribution`` in its config), how it names environments found in spend
    (``environment_tags``), and each team's spend this month (the weights of a ``proportional`` shared rule)."""

    rules: tuple[TeamRule, ...] = ()
    shared: tuple[SharedCostRule, ...] = ()
    team_tags: tuple[str, ...] = ("team",)
    environment_tags: tuple[str, ...] = ("environment",)
    weights: Mapping[str, Decimal] = field(default_factory=dict)


def _priced(resources: Sequence[ResourceEstimate]) -> list[tuple[ResourceEstimate, Money]]:
    return [(r, r.monthly_cost) for r in resources if r.monthly_cost is not None]


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamSplit:
    """A change's monthly cost per team, the addresses behind each team, and what no team owns."""

    currency: str
    monthly: Mapping[str, Money]
    addresses: Mapping[str, tuple[str, ...]]
    unattributed: tuple[str, ...] = ()
    unattributed_monthly: Money | None = None

    def to_json(self) -> dict[str, Any]:
        return {"currency": self.currency, "monthly": {t: plain(m.amount) for t, m in self.monthly.items()},
                "addresses": {t: list(a) for t, a in self.addresses.items()}, "unattributed": list(self.unattributed),
                "unattributed_monthly": None if self.unattributed_monthly is None
                else plain(self.unattributed_monthly.amount)}

    @classmethod
    def from_json(cls, doc: Mapping[str, object]) -> TeamSplit:
        """The split as :meth:`to_json` wrote it (an estimate run in the daemon's child process sends it back)."""
        cur = str(doc["currency"])
        monthly, addresses, left = doc.get("monthly"), doc.get("addresses"), doc.get("unattributed")
        rest = doc.get("unattributed_monthly")
        return cls(currency=cur,
                   monthly={str(t): Money(str(a), cur) for t, a in (monthly.items() if isinstance(monthly, dict) else ())},
                   addresses={str(t): tuple(str(x) for x in a) for t, a in
                              (addresses.items() if isinstance(addresses, dict) else ()) if isinstance(a, list)},
                   unattributed=tuple(str(x) for x in left) if isinstance(left, list) else (),
                   unattributed_monthly=None if rest is None else Money(str(rest), cur))


def deltas(pairs: Iterable[tuple[ResourceEstimate | None, ResourceEstimate | None]], currency: str
           ) -> list[ResourceEstimate]:
    """A change as resources for :func:`team_shares`: each (before, after) pair of a diff as one resource whose
    monthly cost is after - before (what is not priced on a side counts 0 there, as in the diff's own delta), with
    the tags of the after side, or of the before side for a deleted resource. A decrease is negative (it lowers
    the forecast); a pair that changes nothing priced is left out.

    >>> from costlib.models import ResourceSpec, Status
    >>> def r(tags: dict[str, str], cost: str) -> ResourceEstimate:
    ...     return ResourceEstimate(spec=ResourceSpec(address="web", type="aws_instance", provider="aws",
    ...                             attributes={"tags": tags}), status=Status.PRICED, monthly_cost=Money(cost, "USD"))
    >>> [(d.spec.attributes["tags"], d.monthly_cost) for d in deltas([(r({"team": "a"}, "10"), r({"team": "b"}, "4")),
    ...                                                               (r({"team": "a"}, "7"), None)], "USD")]
    [({'team': 'b'}, Money('-6', 'USD')), ({'team': 'a'}, Money('-7', 'USD'))]
    """
    out = []
    zero = Money.zero(currency)
    for before, after in pairs:
        side = after if after is not None else before
        if side is None:
            continue
        old = before.monthly_cost if before is not None and before.monthly_cost is not None else zero
        new = after.monthly_cost if after is not None and after.monthly_cost is not None else zero
        delta = new - old
        if delta.amount == 0:
            continue
        out.append(replace(side, monthly_cost=delta))
    return out


def team_shares(resources: Sequence[ResourceEstimate], attribution: Attribution, currency: str) -> TeamSplit:
    """Each team's part of the monthly cost of ``resources`` (the priced part of each), the addresses behind each
    team, and the addresses of priced resources no rule or team tag gives to a team (said, never dropped).
    A resource under a shared-cost rule is split between its teams as the daemon splits spend: evenly, or in
    proportion to each team's spend this month.

    >>> from costlib.models import ResourceSpec, Status
    >>> def box(address: str, tags: dict[str, str]) -> ResourceEstimate:
    ...     return ResourceEstimate(spec=ResourceSpec(address=address, type="aws_instance", provider="aws",
    ...                             attributes={"tags": tags}), status=Status.PRICED, monthly_cost=Money("10", "USD"))
    >>> split = team_shares([box("a", {"team": "web"}), box("b", {"team": "web"}), box("c", {})], Attribution(), "USD")
    >>> split.monthly, split.addresses, split.unattributed, split.unattributed_monthly
    ({'web': Money('20', 'USD')}, {'web': ('a', 'b')}, ('c',), Money('10', 'USD'))
    """
    monthly: dict[str, Money] = {}
    addresses: dict[str, dict[str, None]] = defaultdict(dict)  # (ordered sets: a 100k plan stays linear)
    nobody: list[str] = []
    nobody_costs: list[Money] = []

    def add(team: str, cost: Money, address: str) -> None:
        monthly[team] = monthly[team] + cost if team in monthly else cost
        addresses[team][address] = None

    for resource, cost in _priced(resources):
        facts = resource_facts(resource)
        rule = shared_rule_of(facts, attribution.shared)
        if rule is not None:
            weights = ([Decimal(1)] * len(rule.teams) if rule.split == "even"
                       else [max(attribution.weights.get(t, Decimal(0)), Decimal(0)) for t in rule.teams])
            for shared_team, part in zip(rule.teams, split_exact(cost, weights), strict=True):
                add(shared_team, part, facts.address)
            continue
        owner = team_of(facts, attribution.rules, attribution.team_tags)
        if owner is None:
            nobody.append(facts.address)
            nobody_costs.append(cost)
        else:
            add(owner, cost, facts.address)
    left = Money.sum(nobody_costs, currency) if nobody else None
    return TeamSplit(currency=currency, monthly={t: monthly[t] for t in sorted(monthly)},
                     addresses={t: tuple(addresses[t]) for t in sorted(addresses)}, unattributed=tuple(nobody),
                     unattributed_monthly=left)


@dataclass(frozen=True, slots=True, kw_only=True)
class EnvironmentShare:
    """An environment's part of a change: its team (that of its first resource with one) and monthly cost."""

    name: str
    team: str | None
    monthly: Money


def environment_shares(resources: Sequence[ResourceEstimate], attribution: Attribution) -> tuple[EnvironmentShare, ...]:
    """The monthly cost of ``resources`` per environment, named as the daemon names environments found in spend
    (the ``environment_tags`` values joined with ``-``); resources without those tags are in none.

    >>> from costlib.models import ResourceSpec, Status
    >>> r = ResourceEstimate(spec=ResourceSpec(address="a", type="aws_instance", provider="aws",
    ...                      attributes={"tags": {"team": "web", "app": "shop", "env": "dev"}}), status=Status.PRICED,
    ...                      monthly_cost=Money("10", "USD"))
    >>> environment_shares([r], Attribution(environment_tags=("app", "env")))
    (EnvironmentShare(name='shop-dev', team='web', monthly=Money('10', 'USD')),)
    """
    monthly: dict[str, Money] = {}
    teams: dict[str, str | None] = {}
    for resource, cost in _priced(resources):
        facts = resource_facts(resource)
        env = environment_from_tags(facts.tags, attribution.environment_tags)
        if env is None:
            continue
        monthly[env] = monthly[env] + cost if env in monthly else cost
        if teams.get(env) is None:
            teams[env] = team_of(facts, attribution.rules, attribution.team_tags)
    return tuple(EnvironmentShare(name=e, team=teams.get(e), monthly=monthly[e]) for e in sorted(monthly))


@dataclass(frozen=True, slots=True, kw_only=True)
class ThresholdLine:
    """One threshold of a budget, as money in the budget's currency."""

    label: str
    kind: Literal["actual", "forecast"]
    limit: Money


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetFigures:
    """A budget's current period as the daemon evaluated it (a row of ``GET /v1/budgets``, or of the daemon's view)."""

    name: str
    team: str | None
    amount: Money
    period_start: date
    period_end: date
    actual: Money
    forecast: Money | None
    forecast_method: str
    thresholds: tuple[ThresholdLine, ...] = ()
    crossed: tuple[str, ...] = ()
    environment: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetLine:
    """One budget before and after the change, in the budget's currency."""

    budget: str
    amount: Money
    actual: Money
    added: Money
    forecast_before: Money
    forecast_after: Money
    percent_before: Decimal
    percent_after: Decimal
    would_cross: tuple[str, ...]
    basis: str

    def line(self, who: str, monthly: Money) -> str:
        """``team web: +£120.00/month -> budget web-monthly £5,000.00: actual £1,500.00, forecast £4,100.00 (82.0%)
        -> £4,580.00 (91.6%); would cross 90%`` (``who``: ``team web``, or ``all teams`` for everyone's budget)."""
        cross = f"; would cross {', '.join(self.would_cross)}" if self.would_cross else ""
        return (f"{who}: {_signed(monthly)}/month -> budget {self.budget} {self.amount.display()}: actual "
                f"{self.actual.display()}, {self.basis} {self.forecast_before.display()} ({self.percent_before}%) -> "
                f"{self.forecast_after.display()} ({self.percent_after}%){cross}")

    def to_json(self) -> dict[str, Any]:
        return {"budget": self.budget, "currency": self.amount.currency, "amount": plain(self.amount.amount),
                "actual": plain(self.actual.amount), "added_this_period": plain(self.added.amount),
                "forecast_before": plain(self.forecast_before.amount), "forecast_after": plain(self.forecast_after.amount),
                "percent_before": str(self.percent_before), "percent_after": str(self.percent_after),
                "would_cross": list(self.would_cross), "basis": self.basis}


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamImpact:
    """One team's part of the change and each of its budgets after it (none: the daemon has no budget for it)."""

    team: str
    monthly: Money
    addresses: tuple[str, ...]
    budgets: tuple[BudgetLine, ...]

    def lines(self) -> list[str]:
        if not self.budgets:
            return [f"team {self.team}: {_signed(self.monthly)}/month; the daemon has no budget for team {self.team}"]
        return [b.line(f"team {self.team}", self.monthly) for b in self.budgets]


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetImpact:
    """What a change does to the budgets of the teams it belongs to, as of the daemon's evaluation ``as_of``."""

    as_of: date
    currency: str
    teams: tuple[TeamImpact, ...]
    unattributed: tuple[str, ...] = ()
    unattributed_monthly: Money | None = None
    source: str | None = None
    """Where the budgets came from (the daemon's URL, or ``daemon`` when the daemon computed it itself)."""
    overall_monthly: Money | None = None
    """The whole change (every team's part and what no team has), which everyone's budgets take."""
    overall: tuple[BudgetLine, ...] = ()
    """Budgets of everyone's spend (no team, no environment: ``company-monthly``) after the whole change."""

    def lines(self) -> list[str]:
        """The budget lines shown in the table, in Markdown and before ``--confirm`` asks."""
        out = [line for t in self.teams for line in t.lines()]
        if self.overall_monthly is not None:
            out += [b.line("all teams", self.overall_monthly) for b in self.overall]
        if self.unattributed:
            cost = f" ({self.unattributed_monthly.display()}/month)" if self.unattributed_monthly is not None else ""
            out.append(f"no team{cost}: {', '.join(self.unattributed)} (no attribution rule or team tag matches)")
        return out

    def teams_named(self) -> tuple[str, ...]:
        return tuple(t.team for t in self.teams)

    def to_json(self) -> dict[str, Any]:
        """JSON form (``budget_impact``): amounts as strings, each with its currency."""
        return {"as_of": self.as_of.isoformat(), "currency": self.currency, "proration": PRORATION_RULE,
                "source": self.source,
                "teams": [{"team": t.team, "monthly_cost": plain(t.monthly.amount), "resources": list(t.addresses),
                           "budgets": [b.to_json() for b in t.budgets]} for t in self.teams],
                "unattributed": list(self.unattributed),
                "unattributed_monthly_cost": None if self.unattributed_monthly is None
                else plain(self.unattributed_monthly.amount),
                "all_teams": {"monthly_cost": None if self.overall_monthly is None else plain(self.overall_monthly.amount),
                              "budgets": [b.to_json() for b in self.overall]}}


def _signed(money: Money) -> str:
    """``+$10.00`` for what a change adds, ``-$10.00`` for what it takes away (a diff that removes resources)."""
    return money.display() if money.amount < 0 else f"+{money.display()}"


def prorated(monthly: Money, *, as_of: date, period_end: date) -> Money:
    """What ``monthly`` (per 730 hours) adds to a period from ``as_of`` (counted) to ``period_end`` (exclusive).

    >>> prorated(Money("730", "USD"), as_of=date(2026, 12, 31), period_end=date(2027, 1, 1))
    Money('24', 'USD')
    >>> prorated(Money("730", "USD"), as_of=date(2027, 1, 2), period_end=date(2027, 1, 1))
    Money('0', 'USD')
    """
    days = max((period_end - as_of).days, 0)
    return Money(monthly.amount * days * 24 / HOURS_PER_MONTH, monthly.currency)


def _percent(part: Money, whole: Money) -> Decimal:
    return (part.amount * 100 / whole.amount).quantize(_PERCENT, rounding=ROUND_HALF_UP)


def _line(b: BudgetFigures, monthly: Money, as_of: date, fx: FxTable | None) -> BudgetLine:
    cur = b.amount.currency
    if monthly.currency != cur:
        if fx is None:
            from costlib.money import DEFAULT_FX

            fx = DEFAULT_FX
        monthly = fx.convert(monthly, cur)
    added = prorated(monthly, as_of=as_of, period_end=b.period_end)
    base, basis = (b.forecast, "forecast") if b.forecast is not None else (b.actual, "actual to date (no forecast yet)")
    after = base + added
    crossed = set(b.crossed)
    cross = tuple(t.label for t in b.thresholds
                  if f"{t.kind} {t.label}" not in crossed and base < t.limit <= after)
    return BudgetLine(budget=b.name, amount=b.amount, actual=b.actual, added=added, forecast_before=base,
                      forecast_after=after, percent_before=_percent(base, b.amount), percent_after=_percent(after, b.amount),
                      would_cross=cross, basis=basis)


def budget_impact(budgets: Sequence[BudgetFigures], split: TeamSplit, *, as_of: date, fx: FxTable | None = None,
                  source: str | None = None) -> BudgetImpact:
    """Each team's budgets after the change: ``split`` is the change's monthly cost per team (from
    :func:`team_shares`), ``budgets`` the daemon's budgets as of ``as_of``. A team's budgets are those naming it
    (not an environment's); a team with none is listed with no budget lines, never dropped. Budgets of everyone's
    spend (no team, no environment) take the whole change, what no team has included. Amounts in another
    currency than a budget's are converted with ``fx`` (the embedded ECB table by default).

    A threshold "would cross" when the period's projection (forecast, or spend to date before there is one) is
    below it now and reaches it after the change; thresholds already crossed are not listed again.

    >>> b = BudgetFigures(name="web-monthly", team="web", amount=Money("250", "USD"), period_start=date(2026, 11, 1),
    ...                   period_end=date(2026, 12, 1), actual=Money("200", "USD"), forecast=Money("300", "USD"),
    ...                   forecast_method="month-to-date run-rate")
    >>> split = TeamSplit(currency="USD", monthly={"web": Money("73", "USD"), "ghost": Money("5", "USD")},
    ...                   addresses={"web": ("aws_instance.web",), "ghost": ("aws_instance.x",)})
    >>> for line in budget_impact([b], split, as_of=date(2026, 11, 20)).lines():
    ...     print(line)
    team web: +$73.00/month -> budget web-monthly $250.00: actual $200.00, forecast $300.00 (120.0%) -> $326.40 (130.6%)
    team ghost: +$5.00/month; the daemon has no budget for team ghost
    >>> company = BudgetFigures(name="company-monthly", team=None, amount=Money("1000", "USD"),
    ...                         period_start=date(2026, 11, 1), period_end=date(2026, 12, 1), actual=Money("600", "USD"),
    ...                         forecast=Money("900", "USD"), forecast_method="month-to-date run-rate")
    >>> budget_impact([b, company], split, as_of=date(2026, 11, 20)).lines()[-1]
    'all teams: +$78.00/month -> budget company-monthly $1,000.00: actual $600.00, forecast $900.00 (90.0%) -> $928.21 (92.8%)'
    """
    teams = []
    for team, monthly in split.monthly.items():
        mine = [b for b in budgets if b.team == team and b.environment is None]
        teams.append(TeamImpact(team=team, monthly=monthly, addresses=tuple(split.addresses.get(team, ())),
                                budgets=tuple(_line(b, monthly, as_of, fx) for b in mine)))
    everyone = [b for b in budgets if b.team is None and b.environment is None]
    overall = None
    if everyone:
        overall = sum(split.monthly.values(), Money("0", split.currency))
        if split.unattributed_monthly is not None:
            overall = overall + split.unattributed_monthly
    return BudgetImpact(as_of=as_of, currency=split.currency, teams=tuple(teams), unattributed=split.unattributed,
                        unattributed_monthly=split.unattributed_monthly, source=source, overall_monthly=overall,
                        overall=tuple(_line(b, overall, as_of, fx) for b in everyone) if overall is not None else ())
