"""Estimates for the HTTP API and the Slack command: a document in, the estimate's JSON out (run by
:func:`costlib.daemon.workers.run_within`, in a child process within the request's budget).

>>> doc = estimate_document(None, [{"name": "web", "type": "compute.instance", "provider": "aws",
...                                 "region": "us-east-1", "size": "t3.micro"}], None, "USD", "request body")
>>> doc["currency"], doc["summary"]["priced"]
('USD', 1)
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from costlib.daemon.snapshot import JSON, View, mapping
from costlib.errors import InputError
from costlib.estimate import estimate
from costlib.inputs.specfile import parse_spec_document
from costlib.inputs.terraform import STATE_IS_NOT_A_CHANGE, is_state, plan_specs
from costlib.inputs.usage import Usage
from costlib.models import Estimate
from costlib.money import Money
from costlib.policy.acknowledged import AcknowledgedEnvironment, Acknowledgement, canonical_digest
from costlib.policy.impact import Attribution, BudgetImpact, TeamSplit, budget_impact, environment_shares, team_shares
from costlib.report import estimate_json

__all__ = ["acknowledgement_of", "estimate_attributed", "estimate_document", "impact_of"]


def estimate_document(plan: JSON | None, resources: Sequence[JSON] | None, usage: JSON | None, currency: str,
                      where: str) -> JSON:
    """The estimate of a Terraform ``plan`` (not a state) or of spec ``resources``, with an optional ``usage``
    document, in ``currency``, as :func:`costlib.report.estimate_json` writes it."""
    return mapping(estimate_json(_estimate(plan, resources, usage, currency, where)))


def _estimate(plan: JSON | None, resources: Sequence[JSON] | None, usage: JSON | None, currency: str,
              where: str) -> Estimate:
    if plan is not None and is_state(plan):
        raise InputError(STATE_IS_NOT_A_CHANGE, where=where)
    specs = (plan_specs(plan, where=where) if plan is not None
             else parse_spec_document({"resources": list(resources or [])}, where=where))
    parsed_usage = Usage.from_document(usage, where=f"{where}: usage") if usage else None
    return estimate(specs, usage=parsed_usage, currency=currency.upper())


def estimate_attributed(plan: JSON | None, resources: Sequence[JSON] | None, usage: JSON | None, currency: str,
                        where: str, attribution: Attribution) -> JSON:
    """:func:`estimate_document` (``estimate``) with each team's part of it by the daemon's ``attribution``
    (``split``, :meth:`costlib.policy.impact.TeamSplit.to_json`), each environment's (``environments``) and the
    digest of the canonical plan or spec bytes (``plan_digest``).

    >>> from costlib.policy.impact import Attribution
    >>> doc = estimate_attributed(None, [{"name": "web", "type": "compute.instance", "provider": "aws",
    ...     "region": "us-east-1", "size": "t3.micro", "attributes": {"tags": {"team": "web"}}}], None, "USD", "body",
    ...     Attribution())
    >>> list(doc["split"]["monthly"])
    ['web']
    """
    est = _estimate(plan, resources, usage, currency, where)
    split = team_shares(est.resources, attribution, est.currency)
    envs = environment_shares(est.resources, attribution)
    digest = canonical_digest(plan if plan is not None else {"resources": list(resources or [])})
    return {"estimate": mapping(estimate_json(est)), "split": mapping(split.to_json()), "plan_digest": digest,
            "environments": [{"name": e.name, "team": e.team, "monthly_cost": str(e.monthly.amount)} for e in envs]}


def impact_of(view: View | None, split: TeamSplit, source: str) -> BudgetImpact | None:
    """The budget impact of ``split`` on the budgets of ``view`` (None before the daemon's first evaluation): what
    ``POST /v1/estimate`` and Slack's ``/cost estimate`` answer, by the same pure
    :func:`~costlib.policy.impact.budget_impact` the CLI calls on ``GET /v1/budgets``.

    >>> impact_of(None, TeamSplit(currency="USD", monthly={}, addresses={}), "daemon") is None
    True
    """
    if view is None:
        return None
    return budget_impact([b.figures() for b in view.snapshot.budgets], split, as_of=view.as_of.date(), source=source)


def acknowledgement_of(attributed: JSON, impact: BudgetImpact | None, *, source: str, by: str, via: str,
                       at: datetime | None = None, ack_id: str | None = None) -> Acknowledgement:
    """The record of a confirmed estimate run by the daemon (:func:`estimate_attributed`'s document and the budget
    impact that was shown): who (``by``), through what (``via``: api or slack), what and when (``at``, now).

    >>> from costlib.policy.impact import Attribution
    >>> doc = estimate_attributed(None, [{"name": "web", "type": "compute.instance", "provider": "aws",
    ...     "region": "us-east-1", "size": "t3.micro", "attributes": {"tags": {"team": "web", "environment": "dev"}}}],
    ...     None, "USD", "body", Attribution())
    >>> ack = acknowledgement_of(doc, None, source="plan.json", by="alice (U1)", via="slack")
    >>> ack.acknowledged_by, ack.teams, ack.resources, [e.name for e in ack.environments], ack.monthly.currency
    ('alice (U1)', ('web',), ('web',), ['dev'], 'USD')
    """
    doc = mapping(attributed["estimate"])
    cur = str(doc["currency"])
    split = mapping(attributed["split"])
    found = attributed.get("environments")
    envs = tuple(AcknowledgedEnvironment(name=str(e["name"]), team=None if e.get("team") is None else str(e["team"]),
                                         monthly=Money(str(e["monthly_cost"]), cur))
                 for e in (found if isinstance(found, list) else []) if isinstance(e, dict))
    listed = doc.get("resources")
    resources = tuple(str(mapping(r)["address"]) for r in (listed if isinstance(listed, list) else []))
    teams = impact.teams_named() if impact is not None else tuple(sorted(mapping(split.get("monthly"))))
    return Acknowledgement(id=ack_id or uuid.uuid4().hex, acknowledged_at=at or datetime.now(UTC), acknowledged_by=by,
                           via=via, plan_digest=str(attributed["plan_digest"]), source=source, resources=resources,
                           teams=teams, monthly=Money(str(doc["total_monthly_cost"]), cur), environments=envs,
                           budget_impact=impact.to_json() if impact is not None else None,
                           fully_priced=bool(doc.get("total_is_complete")))
