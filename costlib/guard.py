"""Guardrails at the point of provisioning, the rim: savings findings priced against the catalog, and the policy
file found, read and evaluated. The decisions are pure and live in :mod:`costlib.policy.savings` and
:mod:`costlib.policy.guardrails`; this module does what needs the catalog or the disk.

- :func:`savings_findings`: every resource's candidate alternatives (the savings rules), priced in one batch
  through :func:`costlib.estimate.price_specs` with the same catalog, currency and FX table as the estimate, and
  compared with the resource as estimated. A finding is made only when both sides are priced.
- :func:`find_policy`: ``costlib.yml`` in the input's folder or a folder above it, up to the root of its git
  repository (the folder holding ``.git``); outside a repository, the input's folder only.
- :func:`load_policy`, :func:`resolve_policy`: read a policy file (``--policy FILE``; ``none`` turns it off).
- :func:`apply_policy`: the estimate with the policy's violations.

>>> from costlib import ResourceSpec, estimate
>>> est = estimate([ResourceSpec(address="aws_ebs_volume.data", type="aws_ebs_volume", provider="aws",
...                              region="us-east-1", attributes={"type": "gp2", "size": 100})])
>>> [(f.rule, f.monthly_cost.display(), f.monthly_cost_after.display(), f.monthly_saving.display())
...  for f in est.findings]
[('ebs-gp2-to-gp3', '$10.00', '$8.00', '$2.00')]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from costlib.catalog.base import PriceCatalog
from costlib.catalog.store import SQLiteCatalog
from costlib.errors import ConfigError
from costlib.estimate import price_specs
from costlib.inputs.typed import Parsed
from costlib.models import Estimate, Finding, Status
from costlib.money import DEFAULT_FX, FxTable
from costlib.policy.facts import EnvironmentNaming
from costlib.policy.savings import RULE_TYPES, UNREAD_BY_RULES, Candidate, Shapes, candidates, compare, keep_best, nat_findings

if TYPE_CHECKING:  # the policy file's reader (YAML, its pydantic models) is imported when there is a policy
    from costlib.policy.guardrails import Policy

__all__ = ["BATCH", "POLICY_FILE", "apply_policy", "find_policy", "load_policy", "resolve_policy", "savings_findings",
           "with_findings"]

#: Alternatives priced in one batch by :func:`savings_findings`.
BATCH = 4096

#: The policy file's name, looked for from the input's folder up to its repository's root.
POLICY_FILE = "costlib.yml"


def _shapes(catalog: PriceCatalog) -> Shapes:
    if not isinstance(catalog, SQLiteCatalog):
        return {}
    return {"aws": catalog.specs("aws"), "gcp": catalog.specs("gcp")}


def savings_findings(est: Estimate, parsed: Mapping[int, Parsed], catalog: PriceCatalog, *,
                     fx: FxTable = DEFAULT_FX, naming: EnvironmentNaming | None = None) -> tuple[Finding, ...]:
    """The findings of ``est``, whose resources' typed inputs are ``parsed`` (by index, as
    :func:`~costlib.estimate.price_specs` collects them). Resources that are the same but for their address (the
    instances of a ``count``, or tagged apart) get their alternatives worked out and priced once; the alternatives
    are priced in batches of :data:`BATCH` (memory stays bounded when nothing repeats)."""
    shapes: Shapes | None = None
    groups: dict[tuple[object, ...], list[int]] = {}
    for index, r in enumerate(est.resources):
        p = parsed.get(index)
        if p is None or r.status is not Status.PRICED or r.type not in RULE_TYPES:
            continue
        groups.setdefault(_key(p), []).append(index)
    found: list[tuple[int, Finding]] = []
    wanted: list[tuple[list[int], Candidate]] = []

    def price_wanted() -> None:
        priced = price_specs([c.spec for _, c in wanted], catalog, currency=est.currency, fx=fx,
                             reasons=False).resources  # an alternative without a price is no finding: no reasons
        for (members, cand), alt in zip(wanted, priced, strict=True):
            # the same resources cost the same: the first one's finding stands for each, under its own address
            lead = compare(cand, est.resources[members[0]], alt)
            if lead is None:
                continue
            found.append((members[0], lead))
            for index in members[1:]:
                r = est.resources[index]
                found.append((index, Finding(rule=lead.rule, address=r.address, location=r.spec.location,
                                             summary=lead.summary, changes=lead.changes, monthly_cost=lead.monthly_cost,
                                             monthly_cost_after=lead.monthly_cost_after, condition=lead.condition)))
        wanted.clear()

    for members in groups.values():
        if shapes is None:
            shapes = _shapes(catalog)
        model = parsed[members[0]]
        wanted += [(members, c) for c in candidates(model.spec, model.parts, shapes)]
        if len(wanted) >= BATCH:
            price_wanted()
    if wanted:
        price_wanted()
    found.sort(key=lambda pair: pair[0])
    return tuple(keep_best([*(f for _, f in found), *nat_findings(est.resources, naming or EnvironmentNaming())]))


def _key(parsed: Parsed) -> tuple[object, ...]:
    """What makes two resources the same for the savings rules: the same typed inputs (shared by
    :func:`~costlib.estimate.price_specs` when they read and price the same, so their estimates are equal too) and
    every attribute the rules may read: all but their address, location and tags (``UNREAD_BY_RULES``)."""
    spec = parsed.spec
    attrs = sorted((k, v) for k, v in spec.attributes.items() if k not in UNREAD_BY_RULES)
    return (id(parsed.parts), spec.type, spec.provider, spec.region, repr(attrs), repr(sorted(spec.usage.items())),
            spec.unknown)


def with_findings(est: Estimate, parsed: Mapping[int, Parsed], catalog: PriceCatalog, *, fx: FxTable = DEFAULT_FX,
                  naming: EnvironmentNaming | None = None) -> Estimate:
    """``est`` with its :func:`savings_findings`."""
    return dataclasses.replace(est, findings=savings_findings(est, parsed, catalog, fx=fx, naming=naming))


# --- the policy file -------------------------------------------------------------------------------------
def _git_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def find_policy(paths: Iterable[str | Path]) -> Path | None:
    """The ``costlib.yml`` that applies to ``paths`` (inputs: files or folders): the nearest one from each input's
    folder up to its git repository's root. Two inputs under different policy files are an error.

    >>> find_policy(["/nonexistent/plan.json"]) is None
    True
    """
    found: dict[Path, str] = {}
    for raw in paths:
        path = Path(raw).resolve()
        folder = path if path.is_dir() else path.parent
        root = _git_root(folder)
        chain = [folder] if root is None else [folder, *folder.parents[: len(folder.parents) - len(root.parents)]]
        for candidate in chain:
            policy = candidate / POLICY_FILE
            if policy.is_file():
                found.setdefault(policy, str(raw))
                break
    if len(found) > 1:
        listed = ", ".join(f"{p} (for {src})" for p, src in found.items())
        raise ConfigError(f"the inputs are under different policy files: {listed}; pass --policy FILE")
    return next(iter(found), None)


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy file (YAML); a problem is a :class:`~costlib.errors.ConfigError` naming the
    file and the key path (``costlib.yml: rules[2].max_monthly_cost.resource: ...``)."""
    from costlib.policy.guardrails import parse_policy

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("policy file not found", where=str(path)) from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the policy file: {exc}", where=str(path)) from None
    return parse_policy(text, where=str(path))


def resolve_policy(option: str | None, inputs: Sequence[str | Path]) -> Policy | None:
    """The policy of a command: ``--policy FILE``, ``--policy none`` (no policy), or (no option) the
    ``costlib.yml`` found for ``inputs``."""
    if option is not None:
        return None if option.strip().lower() == "none" else load_policy(option)
    found = find_policy(inputs)
    return load_policy(_shown(found)) if found is not None else None


def _shown(path: Path) -> Path:
    """``path`` relative to the working folder where it is under it (as a PR comment should name it)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def apply_policy(est: Estimate, policy: Policy, *, fx: FxTable = DEFAULT_FX,
                 changed: Iterable[str] | None = None) -> Estimate:
    """``est`` with the violations of ``policy`` (``changed``: check only these addresses, and the environments
    they are in, as a diff does)."""
    from costlib.policy.guardrails import evaluate_policy

    return dataclasses.replace(est, violations=tuple(evaluate_policy(est, policy, fx=fx, changed=changed)),
                               policy=policy.source)
