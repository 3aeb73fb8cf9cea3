"""Estimates for the HTTP API and the Slack command: a document in, the estimate's JSON out (run by
:func:`costlib.daemon.workers.run_within`, in a child process within the request's budget).

>>> doc = estimate_document(None, [{"name": "web", "type": "compute.instance", "provider": "aws",
...                                 "region": "us-east-1", "size": "t3.micro"}], None, "USD", "request body")
>>> doc["currency"], doc["summary"]["priced"]
('USD', 1)
"""

from __future__ import annotations

from collections.abc import Sequence

from costlib.daemon.snapshot import JSON, mapping
from costlib.errors import InputError
from costlib.estimate import estimate
from costlib.inputs.specfile import parse_spec_document
from costlib.inputs.terraform import STATE_IS_NOT_A_CHANGE, is_state, plan_specs
from costlib.inputs.usage import Usage
from costlib.models import Estimate
from costlib.policy.acknowledged import canonical_digest
from costlib.policy.impact import Attribution, environment_shares, team_shares
from costlib.report import estimate_json

__all__ = ["estimate_attributed", "estimate_document"]


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
