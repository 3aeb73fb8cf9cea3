"""Monthly cost delta between two states: two plans (or spec files, or code directories), one plan's
``resource_changes``, or a directory at a git ref and as it is now (:func:`diff_ref`).

>>> from costlib import ResourceSpec
>>> old = [ResourceSpec(address="web", type="compute.instance", provider="aws", region="us-east-1",
...                     attributes={"size": "m5.large"})]
>>> new = [ResourceSpec(address="web", type="compute.instance", provider="aws", region="us-east-1",
...                     attributes={"size": "m5.xlarge"})]
>>> diff(old, new)["total_monthly_delta"]
'70.080'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from costlib.catalog.base import PriceCatalog
from costlib.errors import InputError
from costlib.estimate import Resources, _collect, _default_catalog, _with_usage, price_specs
from costlib.inputs import SourceOptions, Usage, load_plan, load_resources, load_usage, plan_changes
from costlib.inputs.typed import Parsed
from costlib.models import Estimate, ResourceEstimate, ResourceSpec
from costlib.money import DEFAULT_FX, FxTable, plain
from costlib.report import diff_json, finding_json, violation_json

if TYPE_CHECKING:
    from costlib.policy.guardrails import Policy

__all__ = ["ResourceChange", "diff", "diff_estimates", "diff_ref"]


@dataclass(frozen=True, slots=True)
class ResourceChange:
    """One row of a diff, typed: the resource's estimate before and after (None: it is not on that side) and the
    change (create, update, replace, delete, no-op). What a budget-aware diff attributes to teams, by the tags
    of the after side (of the before side for a deleted resource), without reading the files again."""

    address: str
    before: ResourceEstimate | None
    after: ResourceEstimate | None
    change: str


def diff_estimates(before: Estimate, after: Estimate, *, actions: Mapping[str, str] | None = None,
                   changes_out: list[ResourceChange] | None = None) -> dict[str, Any]:
    """The diff document of two estimates, matched by address. ``actions`` (a plan's own, by address: create,
    update, replace, delete, no-op) win over the change worked out from the two sides. ``changes_out``, when
    given, receives the rows typed (:class:`ResourceChange`)."""
    currency = after.currency
    old = {r.address: r for r in before.resources}
    new = {r.address: r for r in after.resources}
    rows: list[tuple[str, ResourceEstimate | None, ResourceEstimate | None, str]] = []
    for address in sorted(old.keys() | new.keys()):
        b, a = old.get(address), new.get(address)
        change = "create" if b is None else "delete" if a is None else (
            "update" if b.monthly_cost != a.monthly_cost or b.spec.attributes != a.spec.attributes else "no-op")
        rows.append((address, b, a, (actions or {}).get(address, change)))
    if changes_out is not None:
        changes_out.extend(ResourceChange(address, b, a, change) for address, b, a, change in rows)
    doc = diff_json(rows, currency)
    doc["price_date"] = after.price_date.isoformat() if after.price_date else None
    doc["findings"] = [finding_json(f) for f in after.findings]
    doc["total_monthly_saving"] = plain(after.total_monthly_saving.amount)
    doc["policy"] = after.policy
    doc["violations"] = [violation_json(v) for v in after.violations]
    return doc


def _after(specs: list[ResourceSpec], catalog: PriceCatalog, currency: str, fx: FxTable, findings: bool,
           policy: Policy | None, changed: Callable[[Estimate], set[str]]) -> Estimate:
    """The after side, with its savings findings and the policy's violations on what changes."""
    parsed: dict[int, Parsed] | None = {} if findings else None
    est = price_specs(specs, catalog, currency=currency, fx=fx, parsed_out=parsed)
    if parsed is None and policy is None:
        return est
    from costlib import guard

    naming = policy.environment.naming() if policy is not None else None
    if parsed is not None:
        est = guard.with_findings(est, parsed, catalog, fx=fx, naming=naming)
    if policy is not None:
        est = guard.apply_policy(est, policy, fx=fx, changed=changed(est))
    return est


def _changed(before: Estimate, actions: Mapping[str, str] | None) -> Callable[[Estimate], set[str]]:
    """What a change creates, updates or replaces: the plan's actions where it has them, else what differs."""
    old = {r.address: r for r in before.resources}

    def changed(after: Estimate) -> set[str]:
        out: set[str] = set()
        for r in after.resources:
            action = (actions or {}).get(r.address)
            if action is not None:
                if action not in ("no-op", "delete", "read"):
                    out.add(r.address)
                continue
            b = old.get(r.address)
            if b is None or b.monthly_cost != r.monthly_cost or b.spec.attributes != r.spec.attributes:
                out.add(r.address)
        return out

    return changed


def diff(before: Resources | list[Resources], after: Resources | list[Resources] | None = None, *,
         catalog: PriceCatalog | None = None, usage: Usage | str | Path | None = None, currency: str = "USD",
         fx: FxTable | None = None, findings: bool = True, policy: Policy | None = None,
         changes_out: list[ResourceChange] | None = None) -> dict[str, Any]:
    """Diff two states; with ``after`` None, ``before`` is one plan and its ``resource_changes`` are used.

    ``findings`` (on by default) are the savings of the after side; ``policy`` is checked on what the change
    creates, updates or replaces (and the environments those are in); ``changes_out`` receives the rows typed."""
    cat = catalog if catalog is not None else _default_catalog()
    use = load_usage(usage) if isinstance(usage, str | Path) else usage
    table = fx or DEFAULT_FX
    if after is None:
        if not isinstance(before, str | Path):
            raise TypeError("with one argument, diff() takes the path of a plan JSON")
        if Path(before).suffix.lower() in (".yaml", ".yml"):
            raise InputError("with one argument, diff takes a Terraform plan JSON (its resource_changes); "
                             "give two spec files to compare them", where=str(before))
        doc = load_plan(before)
        pairs = plan_changes(doc, where=str(before))
        olds = [_with_usage(b, use) for b, _ in pairs if b is not None]
        news = [_with_usage(a, use) for _, a in pairs if a is not None]
        actions = {s.address: s.action for pair in pairs for s in pair if s is not None}
        old = price_specs(olds, cat, currency=currency, fx=table)
        return diff_estimates(old, _after(news, cat, currency, table, findings, policy, _changed(old, actions)),
                              actions=actions, changes_out=changes_out)
    olds = [_with_usage(s, use) for s in _collect(before)]
    news = [_with_usage(s, use) for s in _collect(after)]
    old = price_specs(olds, cat, currency=currency, fx=table)
    return diff_estimates(old, _after(news, cat, currency, table, findings, policy, _changed(old, None)),
                          changes_out=changes_out)




def diff_ref(ref: str, path: str | Path = ".", *, options: SourceOptions | None = None,
             catalog: PriceCatalog | None = None, usage: Usage | str | Path | None = None, currency: str = "USD",
             fx: FxTable | None = None, findings: bool = True, policy: Policy | None = None,
             changes_out: list[ResourceChange] | None = None) -> dict[str, Any]:
    """Diff the code at ``path`` as it is at git ``ref`` (read from a temporary worktree; the checkout is not
    changed) against the working tree: what a pull request changes, without ``terraform plan``. Both sides
    name their files as the working tree does, so the Markdown links point at the new lines. A directory that
    did not exist at ``ref``, or held no infrastructure code there (the pull request that adds the first ``.tf``
    file), has nothing before."""
    import dataclasses

    from costlib.inputs.code import is_code
    from costlib.inputs.gitref import at_ref

    opts = options or SourceOptions()
    shown = opts.display if opts.display is not None else str(path)
    with at_ref(ref, path) as old:
        had_code = old is not None and is_code(old)
        before = load_resources(old, dataclasses.replace(opts, display=shown)) if old is not None and had_code else []
    after = load_resources(path, dataclasses.replace(opts, display=shown))
    return diff(list(before), list(after), catalog=catalog, usage=usage, currency=currency, fx=fx, findings=findings,
                policy=policy, changes_out=changes_out)
