"""Acknowledged estimates: the record of a confirmed estimate (who, what, when), its CSV export, and the alert when
an environment's spend runs far above what was acknowledged for it. Pure: records, spend and ``now`` in.

**Projection.** An environment's spend this month is projected to a 730-hour month (the estimate's month,
:data:`~costlib.money.HOURS_PER_MONTH`) from the complete days since it was acknowledged (or since the month began,
whichever is later): ``spend / (days x 24) x 730``. It alerts when that is above ``factor`` x the acknowledged
monthly figure *and* above it by at least ``min_excess`` (so cents never alert), once per acknowledgement and
month, to the team the acknowledgement names for the environment.

>>> from datetime import UTC, date, datetime
>>> ack = Acknowledgement(id="a1", acknowledged_at=datetime(2026, 11, 1, 9, tzinfo=UTC), acknowledged_by="alice",
...     via="cli", plan_digest="0" * 64, source="plan.json", resources=("aws_instance.web",), teams=("web",),
...     monthly=Money("100", "USD"), environments=(AcknowledgedEnvironment(name="shop-dev", team="web",
...     monthly=Money("100", "USD")),))
>>> spend = {"shop-dev": {date(2026, 11, d): Money("10", "USD") for d in range(1, 11)}}
>>> [a.title for a in over_estimate([ack], spend, complete_through=date(2026, 11, 10), factor=Decimal("1.5"),
...                                  min_excess=Money("10", "USD"), now=datetime(2026, 11, 11, tzinfo=UTC))]
['shop-dev is running at $304.17/month, 3.0x its acknowledged estimate of $100.00/month']
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from costlib.money import HOURS_PER_MONTH, FxTable, Money, plain
from costlib.policy.alerts import AcknowledgedKey, Alert, AlertKind, Severity

__all__ = ["CSV_COLUMNS", "MIN_DAYS", "AcknowledgedEnvironment", "Acknowledgement", "acknowledgements_csv",
           "canonical_digest", "over_estimate"]

#: Days of complete spend after an acknowledgement before its environment is judged against it.
MIN_DAYS = 2

#: The CSV export's columns: FOCUS names where FOCUS has the concept, ``x_`` (FOCUS's prefix for custom columns)
#: where it does not. One row per acknowledgement; lists are joined with ``;``.
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("x_AcknowledgementId", "the record's id"),
    ("x_AcknowledgedAt", "when it was confirmed (ISO 8601, UTC)"),
    ("x_AcknowledgedBy", "who confirmed it: the user, or the API token's name"),
    ("x_AcknowledgedVia", "cli, api or slack"),
    ("BillingPeriodStart", "the first day of the month it was confirmed in (inclusive)"),
    ("BillingPeriodEnd", "the first day of the next month (exclusive), as in FOCUS"),
    ("SubAccountName", "the team(s) the estimated resources belong to (the daemon's attribution rules)"),
    ("x_Environment", "the environment(s), named as the daemon names environments found in spend"),
    ("ResourceId", "the estimated resources' addresses"),
    ("x_EstimatedMonthlyCost", "the estimate's monthly figure (priced part), a decimal string"),
    ("BillingCurrency", "the currency of x_EstimatedMonthlyCost"),
    ("x_PlanDigest", "sha256 of the canonical plan or spec bytes"),
    ("x_Source", "the plan or spec file, or URL, that was estimated"),
)


def canonical_digest(doc: Any) -> str:
    """sha256 of a JSON document's canonical bytes (keys sorted, no spaces, UTF-8): the same plan gives the same
    digest from the CLI, the API and Slack however it was formatted.

    >>> canonical_digest({"b": 1, "a": [1, 2]}) == canonical_digest({"a": [1, 2], "b": 1})
    True
    """
    raw = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class AcknowledgedEnvironment:
    name: str
    team: str | None
    monthly: Money


@dataclass(frozen=True, slots=True, kw_only=True)
class Acknowledgement:
    """A confirmed estimate: who confirmed it (and through what), the plan's digest, the resources, the teams and
    environments they belong to, the monthly figure, the budget impact that was shown, and when."""

    id: str
    acknowledged_at: datetime
    acknowledged_by: str
    via: str
    plan_digest: str
    source: str
    resources: tuple[str, ...]
    teams: tuple[str, ...]
    monthly: Money
    environments: tuple[AcknowledgedEnvironment, ...] = ()
    budget_impact: Mapping[str, Any] | None = None
    fully_priced: bool = True
    extra: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "acknowledged_at": self.acknowledged_at.isoformat(),
                "acknowledged_by": self.acknowledged_by, "via": self.via, "plan_digest": self.plan_digest,
                "source": self.source, "resources": list(self.resources), "teams": list(self.teams),
                "monthly_cost": plain(self.monthly.amount), "currency": self.monthly.currency,
                "fully_priced": self.fully_priced,
                "environments": [{"name": e.name, "team": e.team, "monthly_cost": plain(e.monthly.amount)}
                                 for e in self.environments],
                "budget_impact": None if self.budget_impact is None else dict(self.budget_impact)}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Acknowledgement:
        cur = str(doc["currency"])
        return cls(id=str(doc["id"]), acknowledged_at=datetime.fromisoformat(str(doc["acknowledged_at"])),
                   acknowledged_by=str(doc["acknowledged_by"]), via=str(doc["via"]),
                   plan_digest=str(doc["plan_digest"]), source=str(doc["source"]),
                   resources=tuple(str(r) for r in doc.get("resources") or ()),
                   teams=tuple(str(t) for t in doc.get("teams") or ()), monthly=Money(str(doc["monthly_cost"]), cur),
                   fully_priced=bool(doc.get("fully_priced", True)),
                   environments=tuple(AcknowledgedEnvironment(name=str(e["name"]), team=None if e.get("team") is None
                                                              else str(e["team"]), monthly=Money(str(e["monthly_cost"]), cur))
                                      for e in doc.get("environments") or ()),
                   budget_impact=doc.get("budget_impact"))

    def csv_row(self) -> dict[str, str]:
        start = self.acknowledged_at.date().replace(day=1)
        end = start + timedelta(days=calendar.monthrange(start.year, start.month)[1])
        return {"x_AcknowledgementId": self.id, "x_AcknowledgedAt": self.acknowledged_at.isoformat(),
                "x_AcknowledgedBy": self.acknowledged_by, "x_AcknowledgedVia": self.via,
                "BillingPeriodStart": start.isoformat(), "BillingPeriodEnd": end.isoformat(),
                "SubAccountName": ";".join(self.teams), "x_Environment": ";".join(e.name for e in self.environments),
                "ResourceId": ";".join(self.resources), "x_EstimatedMonthlyCost": plain(self.monthly.amount),
                "BillingCurrency": self.monthly.currency, "x_PlanDigest": self.plan_digest, "x_Source": self.source}


def acknowledgements_csv(acks: Sequence[Acknowledgement]) -> str:
    """The FOCUS-adjacent CSV of ``acks`` (:data:`CSV_COLUMNS`), a header line first.

    >>> from datetime import UTC
    >>> ack = Acknowledgement(id="a1", acknowledged_at=datetime(2026, 11, 3, 9, tzinfo=UTC), acknowledged_by="alice",
    ...     via="cli", plan_digest="0" * 64, source="plan.json", resources=("aws_instance.web", "aws_s3_bucket.b"),
    ...     teams=("web",), monthly=Money("120.5", "GBP"))
    >>> rows = list(csv.DictReader(io.StringIO(acknowledgements_csv([ack]))))
    >>> rows[0]["BillingPeriodStart"], rows[0]["BillingPeriodEnd"], rows[0]["ResourceId"], rows[0]["BillingCurrency"]
    ('2026-11-01', '2026-12-01', 'aws_instance.web;aws_s3_bucket.b', 'GBP')
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c for c, _ in CSV_COLUMNS], lineterminator="\n")
    writer.writeheader()
    for ack in acks:
        writer.writerow(ack.csv_row())
    return out.getvalue()


def _latest(acks: Sequence[Acknowledgement]) -> dict[str, tuple[Acknowledgement, AcknowledgedEnvironment]]:
    """Per environment, the latest acknowledgement that names it (a later confirmed plan supersedes an earlier)."""
    out: dict[str, tuple[Acknowledgement, AcknowledgedEnvironment]] = {}
    for ack in sorted(acks, key=lambda a: (a.acknowledged_at, a.id)):
        for env in ack.environments:
            out[env.name] = (ack, env)
    return out


def over_estimate(acks: Sequence[Acknowledgement], spend: Mapping[str, Mapping[date, Money]], *,
                  complete_through: date, factor: Decimal, min_excess: Money, now: datetime,
                  fx: FxTable | None = None) -> list[Alert]:
    """An alert for each environment whose spend this month, projected to a month, runs above ``factor`` x its
    acknowledged monthly estimate and above it by at least ``min_excess`` (module docstring). ``spend`` is the
    daily spend per environment in ``min_excess``'s currency; acknowledgements in another one are converted.

    >>> from datetime import UTC
    >>> ack = Acknowledgement(id="a1", acknowledged_at=datetime(2026, 11, 1, tzinfo=UTC), acknowledged_by="alice",
    ...     via="slack", plan_digest="0" * 64, source="plan.json", resources=(), teams=("web",),
    ...     monthly=Money("250", "USD"), environments=(AcknowledgedEnvironment(name="shop-dev", team="web",
    ...     monthly=Money("250", "USD")),))
    >>> spend = {"shop-dev": {date(2026, 11, d): Money("10", "USD") for d in range(1, 11)}}  # ~$304 a month
    >>> def alerts(factor: str) -> list[str]:
    ...     return [a.team for a in over_estimate([ack], spend, complete_through=date(2026, 11, 10),
    ...             factor=Decimal(factor), min_excess=Money("10", "USD"), now=datetime(2026, 11, 11, tzinfo=UTC))]
    >>> alerts("1.5"), alerts("1.2")
    ([], ['web'])
    """
    month_start = complete_through.replace(day=1)
    alerts: list[Alert] = []
    cur = min_excess.currency
    for name, (ack, env) in sorted(_latest(acks).items()):
        days = spend.get(name)
        if not days:
            continue
        start = max(month_start, ack.acknowledged_at.date())
        elapsed = (complete_through - start).days + 1
        if elapsed < MIN_DAYS:
            continue
        spent = Money.sum((m for d, m in days.items() if start <= d <= complete_through), cur)
        projected = Money(spent.amount / (elapsed * 24) * HOURS_PER_MONTH, cur)
        acknowledged = env.monthly
        if acknowledged.currency != cur:
            if fx is None:
                from costlib.money import DEFAULT_FX

                fx = DEFAULT_FX
            acknowledged = fx.convert(acknowledged, cur)
        if projected.amount <= acknowledged.amount * factor or projected - acknowledged < min_excess:
            continue
        ratio = "many times" if acknowledged.amount == 0 else \
            f"{(projected.amount / acknowledged.amount).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}x"
        team = env.team or (ack.teams[0] if ack.teams else "unallocated")
        alerts.append(Alert(
            key=AcknowledgedKey(environment=name, acknowledgement=ack.id, period_start=month_start),
            kind=AlertKind.ESTIMATE_EXCEEDED, team=team, subject=name, severity=Severity.WARNING, created_at=now,
            title=f"{name} is running at {projected.display()}/month, {ratio} its acknowledged estimate of "
                  f"{acknowledged.display()}/month",
            summary=(f"{name} has spent {spent.display()} from {start.isoformat()} to {complete_through.isoformat()} "
                     f"({elapsed} days): {projected.display()} over a 730-hour month. {ack.acknowledged_by} "
                     f"acknowledged {acknowledged.display()}/month for it on {ack.acknowledged_at.date().isoformat()} "
                     f"(plan sha256 {ack.plan_digest[:12]}, {ack.source}). The estimate was wrong, or the environment "
                     "grew."),
            figures={"acknowledged_monthly": acknowledged, "projected_monthly": projected, "spent": spent},
            labels={"environment": name, "acknowledgement": ack.id, "acknowledged_by": ack.acknowledged_by}))
    return alerts
