"""Team attribution and per-team series: pure functions over spend records.

Rules map records to teams by tags/labels, accounts (AWS), subscriptions (Azure), projects (GCP),
resource groups, services or providers; the first matching rule wins and anything unmatched goes to the
explicit ``unallocated`` team. Shared costs (a matching record that belongs to several teams) are split
evenly or in proportion to the teams' own direct spend, in exact Decimal arithmetic: the parts always
add back to the whole. Credits and refunds are kept apart from charges.

>>> from datetime import UTC, datetime
>>> rec = SpendRecord(billed_cost=Money("10", "USD"), charge_period_start=datetime(2026, 11, 1, tzinfo=UTC),
...                   charge_period_end=datetime(2026, 11, 2, tzinfo=UTC), provider_name="AWS",
...                   tags={"team": "payments"})
>>> rules = [TeamRule(team="payments", tags={"team": "payments"})]
>>> attribute([rec], rules)[0].team
'payments'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Literal, Protocol

from costlib.errors import ConfigError, CurrencyMismatchError
from costlib.money import Money
from costlib.spend.base import ChargeCategory, SpendRecord, paused_gc

__all__ = ["UNALLOCATED", "Attributable", "Attributed", "SharedCostRule", "TeamDay", "TeamRule", "TeamSeries",
           "attribute", "environment_from_tags", "shared_rule_of", "split_exact", "team_of", "team_rule",
           "team_series"]

UNALLOCATED = "unallocated"


class Attributable(Protocol):
    """What attribution reads of a thing: a spend record, or an estimated resource (its tags and provider)."""

    @property
    def tags(self) -> Mapping[str, str]: ...

    @property
    def provider_name(self) -> str: ...

    @property
    def sub_account_id(self) -> str | None: ...

    @property
    def resource_group(self) -> str | None: ...

    @property
    def service_name(self) -> str | None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamRule:
    """Match records to ``team``. Every given criterion must hold (AND); list values mean any of (OR).

    ``tags`` values may be ``"*"`` (the tag is present). ``accounts`` matches ``SubAccountId`` (AWS account,
    Azure subscription, GCP project).
    """

    team: str
    tags: Mapping[str, str] = field(default_factory=dict)
    accounts: Sequence[str] = ()
    resource_groups: Sequence[str] = ()
    services: Sequence[str] = ()
    providers: Sequence[str] = ()

    def matches(self, rec: Attributable) -> bool:
        for key, want in self.tags.items():
            have = rec.tags.get(key)
            if have is None or (want != "*" and have != want):
                return False
        if self.accounts and rec.sub_account_id not in self.accounts:
            return False
        if self.resource_groups and rec.resource_group not in self.resource_groups:
            return False
        if self.services and rec.service_name not in self.services:
            return False
        return not (self.providers and rec.provider_name not in self.providers)


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedCostRule:
    """Records matching ``match`` are shared between ``teams``: ``even`` or ``proportional`` to direct spend."""

    match: TeamRule
    teams: Sequence[str]
    split: Literal["even", "proportional"] = "even"

    def __post_init__(self) -> None:
        if not self.teams:
            raise ConfigError("a shared-cost rule needs at least one team to split between")
        if self.split not in ("even", "proportional"):
            raise ConfigError(f"split must be 'even' or 'proportional', not {self.split!r}")


@dataclass(frozen=True, slots=True)
class Attributed:
    """A record (or a share of one) with its team."""

    team: str
    record: SpendRecord
    cost: Money
    shared: bool = False


_ATTRIBUTED_SETTERS = tuple(vars(Attributed)[name].__set__ for name in ("team", "record", "cost", "shared"))


def _direct(team: str, record: SpendRecord) -> Attributed:
    """``Attributed(team, record, record.billed_cost)`` without the frozen dataclass's checked setattr (twice as
    fast; ``attribute`` makes one per record)."""
    obj = object.__new__(Attributed)
    set_team, set_record, set_cost, set_shared = _ATTRIBUTED_SETTERS
    set_team(obj, team)
    set_record(obj, record)
    set_cost(obj, record.billed_cost)
    set_shared(obj, False)
    return obj


def split_exact(total: Money, weights: Sequence[Decimal]) -> list[Money]:
    """Split ``total`` by ``weights`` so the parts add back exactly (the remainder goes to the largest share).

    >>> [str(m.amount) for m in split_exact(Money("10.00", "USD"), [Decimal(1)] * 3)]
    ['3.333333333334', '3.333333333333', '3.333333333333']
    """
    weight_sum = sum(weights, Decimal(0))
    if weight_sum == 0:
        weights = [Decimal(1)] * len(weights)
        weight_sum = Decimal(len(weights))
    quantum = Decimal("1e-12")
    parts = [(total.amount * w / weight_sum).quantize(quantum, rounding=ROUND_DOWN) for w in weights]
    remainder = total.amount - sum(parts, Decimal(0))
    biggest = max(range(len(parts)), key=lambda i: weights[i])
    parts[biggest] += remainder
    return [Money(p, total.currency) for p in parts]


def team_rule(rules: Sequence[TeamRule], team_tags: Sequence[str] = ()) -> Callable[[Attributable], str | None]:
    """The daemon's team decision as one function of a record or resource: the first matching rule, else the value
    of the first ``team_tags`` tag it carries, else None. Built once per batch (``attribute`` calls it per record,
    so the rule-less common case is a plain loop over the tag keys, no generator per record).

    >>> decide = team_rule([TeamRule(team="data", providers=["Google Cloud"])], ["team"])
    >>> from datetime import UTC, datetime
    >>> rec = SpendRecord(billed_cost=Money("1", "USD"), charge_period_start=datetime(2026, 11, 1, tzinfo=UTC),
    ...                   charge_period_end=datetime(2026, 11, 2, tzinfo=UTC), provider_name="AWS", tags={"team": "x"})
    >>> decide(rec)
    'x'
    """
    keys = tuple(team_tags)

    def by_tags(item: Attributable) -> str | None:
        tags = item.tags
        for key in keys:
            value = tags.get(key)
            if value:
                return value
        return None

    if not rules:
        return by_tags
    ordered = tuple(rules)

    def by_rules(item: Attributable) -> str | None:
        for rule in ordered:
            if rule.matches(item):
                return rule.team
        return by_tags(item)

    return by_rules


def team_of(item: Attributable, rules: Sequence[TeamRule], team_tags: Sequence[str] = ()) -> str | None:
    """The team of one record or resource by the daemon's rules (:func:`team_rule`): the first matching rule,
    else the value of the first ``team_tags`` tag it carries, else None (a spend record then goes to
    ``unallocated``).

    >>> from datetime import UTC, datetime
    >>> rec = SpendRecord(billed_cost=Money("1", "USD"), charge_period_start=datetime(2026, 11, 1, tzinfo=UTC),
    ...                   charge_period_end=datetime(2026, 11, 2, tzinfo=UTC), provider_name="AWS", tags={"Team": "x"})
    >>> team_of(rec, [], team_tags=["team", "Team"]), team_of(rec, [], team_tags=["owner"])
    ('x', None)
    """
    return team_rule(rules, team_tags)(item)


def shared_rule_of(item: Attributable, shared: Sequence[SharedCostRule]) -> SharedCostRule | None:
    """The shared-cost rule ``item`` falls under (the first that matches), if any: checked before the team rules."""
    return next((s for s in shared if s.match.matches(item)), None) if shared else None


def environment_from_tags(tags: Mapping[str, str], name_tags: Sequence[str]) -> str | None:
    """The environment a record or resource belongs to: its ``name_tags`` values joined with ``-`` (None unless it
    has them all): how the daemon names environments found in spend, and how an estimate names its resources'.

    >>> environment_from_tags({"app": "shop", "env": "dev"}, ["app", "env"]), environment_from_tags({}, ["env"])
    ('shop-dev', None)
    """
    values = [tags.get(t) for t in name_tags]
    return "-".join(str(v) for v in values) if all(values) else None


def attribute(records: Iterable[SpendRecord], rules: Sequence[TeamRule],
              shared: Sequence[SharedCostRule] = (), *, team_tags: Sequence[str] = ()) -> list[Attributed]:
    """Attribute every record to a team: the first matching rule, else the value of the first ``team_tags``
    tag the record carries, else ``unallocated``; shared costs are split between their teams."""
    direct: list[Attributed] = []
    pending: list[tuple[SharedCostRule, SpendRecord]] = []
    decide = team_rule(rules, team_tags)
    with paused_gc():  # (an organisation's month is tens of thousands of records)
        for rec in records:
            if shared:
                rule = shared_rule_of(rec, shared)
                if rule is not None:
                    pending.append((rule, rec))
                    continue
            direct.append(_direct(decide(rec) or UNALLOCATED, rec))
    out = list(direct)
    if pending:
        totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for a in direct:
            if not _gives_back(a.record, a.cost):  # weights are charges: credits and refunds never tilt a split
                totals[(a.team, a.cost.currency)] += a.cost.amount
        for rule, rec in pending:
            cur = rec.billed_cost.currency
            weights = ([Decimal(1)] * len(rule.teams) if rule.split == "even"
                       else [max(totals.get((t, cur), Decimal(0)), Decimal(0)) for t in rule.teams])
            for team, part in zip(rule.teams, split_exact(rec.billed_cost, weights), strict=True):
                out.append(Attributed(team, rec, part, shared=True))
    return out


_CREDIT, _ADJUSTMENT = ChargeCategory.CREDIT, ChargeCategory.ADJUSTMENT


def _gives_back(record: SpendRecord, cost: Money) -> bool:
    """A credit, or an adjustment that gives money back (a refund)."""
    category = record.charge_category
    return category is ChargeCategory.CREDIT or (category is ChargeCategory.ADJUSTMENT and cost.amount < 0)


@dataclass(frozen=True, slots=True)
class TeamDay:
    """One team's spend on one day: charges and credits/refunds kept apart."""

    day: date
    charges: Money
    credits: Money

    @property
    def net(self) -> Money:
        return self.charges + self.credits


@dataclass(frozen=True, slots=True)
class TeamSeries:
    """A team's daily series in one billing currency, and its totals over the series."""

    team: str
    currency: str
    days: tuple[TeamDay, ...]

    @property
    def charges(self) -> Money:
        return Money.sum((d.charges for d in self.days), self.currency)

    @property
    def credits(self) -> Money:
        return Money.sum((d.credits for d in self.days), self.currency)

    @property
    def net(self) -> Money:
        return self.charges + self.credits

    def through(self, last_day: date) -> TeamSeries:
        """The series up to and including ``last_day`` (month-to-date when the series starts on the 1st)."""
        return TeamSeries(self.team, self.currency, tuple(d for d in self.days if d.day <= last_day))


def team_series(attributed: Iterable[Attributed], *, start: date | None = None, end: date | None = None
                ) -> dict[str, TeamSeries]:
    """Daily series per team (days without spend are filled with zero between ``start`` and ``end`` exclusive).

    ``credits`` holds Credit rows and negative Adjustment rows (refunds); a positive Adjustment (back-billing)
    is a charge.

    A team whose records come in two currencies is an error (a currency change mid-month is never summed):
    :class:`~costlib.errors.CurrencyMismatchError` names the team and both currencies.
    """
    with paused_gc():  # (tens of thousands of attributions in, a day per team out; no cycles)
        return _team_series(attributed, start, end)


def _team_series(attributed: Iterable[Attributed], start: date | None, end: date | None) -> dict[str, TeamSeries]:
    from datetime import timedelta

    charges: dict[str, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    credits: dict[str, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    currency: dict[str, str] = {}
    for a in attributed:
        cost, team, rec = a.cost, a.team, a.record
        cur = cost.currency
        if currency.setdefault(team, cur) != cur:
            raise CurrencyMismatchError(f"team {team} has spend in {currency[team]} and {cur}; a billing "
                                        "currency change mid-period cannot be summed")
        category = rec.charge_category  # (_gives_back, inline: this loop runs once per record)
        gives_back = category is _CREDIT or (category is _ADJUSTMENT and cost.amount < 0)
        (credits if gives_back else charges)[team][rec.charge_period_start.date()] += cost.amount
    out: dict[str, TeamSeries] = {}
    one_day, zero, trusted = timedelta(days=1), Decimal(0), Money.trusted
    for team in sorted(currency):
        team_charges, team_credits, cur = charges[team], credits[team], currency[team]
        days_seen = set(team_charges) | set(team_credits)
        lo = start or min(days_seen)
        hi = end or (max(days_seen) + one_day)
        days = []
        d = lo
        while d < hi:  # (the amounts are sums of checked Money: no need to check them again)
            days.append(TeamDay(d, trusted(team_charges.get(d, zero), cur), trusted(team_credits.get(d, zero), cur)))
            d += one_day
        out[team] = TeamSeries(team, cur, tuple(days))
    return out
