"""The policy file (``costlib.yml``): a typed model, validated once with errors naming the key path, and its
evaluation over an estimate. Pure: text or an estimate in, a :class:`Policy` or violations out (reading the file
is :func:`costlib.guard.load_policy`).

::

    environment:                  # how a resource's environment is named (see costlib.policy.facts)
      tags: [environment, env]    # the first of these tags it has (keys in any case) ...
      from_module: true           # ... else its first module: module.preview.x -> preview, module.env["pr-7"] -> pr-7
    rules:
      - name: owner-and-environment
        severity: block           # warn (the default) or block: a blocking violation makes the command exit 6
        required_tags: [owner|team, environment]   # owner or team, and environment
      - name: pr-environments-expire
        environments: ["pr-*"]    # only resources of environments whose name matches (globs, any case)
        required_tags: [ttl]
      - allowed_tag_values: {environment: [dev, staging, prod, "pr-*"]}
      - environments: ["pr-*", dev]
        max_monthly_cost: {resource: 200 USD, environment: "£500"}   # another currency: converted (FX table)
      - environments: ["pr-*"]
        allowed_sizes: {families: [t3, t4g, db.t4g, e2, Bs], sizes: ["Standard_B*"]}

A rule checks one thing (one of ``required_tags``, ``allowed_tag_values``, ``max_monthly_cost``,
``allowed_sizes``) on the billable resources (not the known free types) in its scope: ``environments``,
``types`` (globs; a type listed is checked even when free) and ``exclude_types``.

>>> policy = parse_policy("rules:\\n  - {name: owner, severity: block, required_tags: [owner|team]}\\n", where="p.yml")
>>> policy.rules[0].required_tags, policy.rules[0].severity
(('owner|team',), 'block')
>>> parse_policy("rules:\\n  - {max_monthly_cost: {resource: 500}}\\n", where="costlib.yml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
costlib.errors.ConfigError: costlib.yml: rules[0].max_monthly_cost.resource: 500 has no currency: write it like ...
"""

from __future__ import annotations

import difflib
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from costlib.errors import ConfigError, FxRateMissingError, InvalidMoneyError
from costlib.models import Estimate, ResourceEstimate, Status, Violation
from costlib.money import DEFAULT_FX, FxTable, Money
from costlib.policy.facts import (
    UNKNOWN,
    EnvironmentNaming,
    environment_of,
    size_family,
    size_of,
    tag_value,
    tags_of,
    tags_unknown,
)
from costlib.resources.schema import describe_errors

__all__ = ["CHECKS", "CostLimit", "EnvironmentSettings", "Policy", "Rule", "SizeAllowance", "evaluate_policy",
           "parse_money", "parse_policy"]

#: What a rule can check (a rule has exactly one of these keys).
CHECKS = ("required_tags", "allowed_tag_values", "max_monthly_cost", "allowed_sizes")

_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}


def parse_money(value: Any) -> Money:
    """A limit written in the policy file: ``500 USD``, ``USD 500``, ``$500``, ``£1,200.50``; a bare number is
    refused (say the currency), and so is a negative amount.

    >>> parse_money("£1,200.50"), parse_money("500 usd")
    (Money('1200.50', 'GBP'), Money('500', 'USD'))
    """
    if isinstance(value, Money):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValueError(f"{value!r} is not an amount like 500 USD")
    text = str(value).strip()
    code: str | None = None
    if text[:1] in _SYMBOLS:
        code, text = _SYMBOLS[text[0]], text[1:].strip()
    words = text.split()
    if len(words) == 2:
        if words[1].isalpha():
            text, code = words[0], words[1].upper()
        elif words[0].isalpha():
            code, text = words[0].upper(), words[1]
    if code is None:
        raise ValueError(f"{value} has no currency: write it like 500 USD, $500 or £500")
    try:
        amount = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount like 500 USD") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{value!r}: a limit is a monthly amount of 0 or more")
    try:
        return Money(amount, code)
    except InvalidMoneyError as exc:
        raise ValueError(f"{value!r}: {exc.message}") from None


MoneyLimit = Annotated[Money, BeforeValidator(parse_money)]
Words = tuple[Annotated[str, Field(min_length=1)], ...]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class EnvironmentSettings(_Strict):
    """How a resource's environment is named: ``tags`` (the first it has), else its first module."""

    tags: Words = ("environment", "env")
    from_module: bool = True

    def naming(self) -> EnvironmentNaming:
        return EnvironmentNaming(tuple(self.tags), self.from_module)


class CostLimit(_Strict):
    """Monthly limits: per ``resource`` and per ``environment`` (the sum of its resources in scope)."""

    resource: MoneyLimit | None = None
    environment: MoneyLimit | None = None

    @model_validator(mode="after")
    def _one(self) -> CostLimit:
        if self.resource is None and self.environment is None:
            raise ValueError("give a resource limit, an environment limit or both (resource: 200 USD)")
        return self


class SizeAllowance(_Strict):
    """The sizes allowed: whole ``families`` (``t3``, ``db.t4g``, ``Dpsv5``, ``e2``) and ``sizes`` (globs)."""

    families: Words = ()
    sizes: Words = ()

    @model_validator(mode="after")
    def _one(self) -> SizeAllowance:
        if not self.families and not self.sizes:
            raise ValueError("give families, sizes or both (families: [t3, t4g])")
        return self

    def allows(self, provider: str, size: str) -> bool:
        """Whether ``size`` is in an allowed family or matches an allowed size (any case)."""
        family = size_family(provider, size).lower()
        return family in {f.lower() for f in self.families} or _matches(size, self.sizes)


class Rule(_Strict):
    """One rule: its scope, its severity and the one thing it checks."""

    name: Annotated[str, Field(min_length=1)] | None = None
    severity: Literal["warn", "block"] = "warn"
    environments: Words = ()
    types: Words = ()
    exclude_types: Words = ()
    required_tags: Annotated[Words, Field(min_length=1)] | None = None
    allowed_tag_values: Mapping[str, Annotated[Words, Field(min_length=1)]] | None = None
    max_monthly_cost: CostLimit | None = None
    allowed_sizes: SizeAllowance | None = None

    @model_validator(mode="after")
    def _one_check(self) -> Rule:
        given = [c for c in CHECKS if getattr(self, c) is not None]
        if len(given) != 1:
            has = f" (it has {' and '.join(given)})" if given else ""
            raise ValueError(f"a rule checks one thing: give one of {', '.join(CHECKS)}{has}")
        return self

    @property
    def check(self) -> str:
        """The key of what the rule checks."""
        return next(c for c in CHECKS if getattr(self, c) is not None)


class Policy(_Strict):
    """A policy file: how environments are named, and the rules. ``source`` is the file it was read from."""

    version: Literal[1] = 1
    environment: EnvironmentSettings = EnvironmentSettings()
    rules: tuple[Rule, ...] = ()
    _source: str | None = PrivateAttr(default=None)

    @property
    def source(self) -> str | None:
        return self._source


_KEYS: dict[str, tuple[str, ...]] = {
    "": tuple(Policy.model_fields), "rules": tuple(Rule.model_fields), "environment": tuple(EnvironmentSettings.model_fields),
    "max_monthly_cost": tuple(CostLimit.model_fields), "allowed_sizes": tuple(SizeAllowance.model_fields)}


def _unknown_key(err: Mapping[str, Any]) -> str:
    loc = [p for p in err.get("loc", ()) if not isinstance(p, int)]
    parent = str(loc[-2]) if len(loc) > 1 else ""
    near = difflib.get_close_matches(str(loc[-1]) if loc else "", _KEYS.get(parent, ()), n=1)
    return "unknown key" + (f" (did you mean {near[0]}?)" if near else "")


def parse_policy(text: str, *, where: str) -> Policy:
    """The policy in ``text`` (YAML); every problem is one :class:`~costlib.errors.ConfigError` naming ``where``
    and each key path (``rules[2].max_monthly_cost.resource: ...``)."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}",
                          where=f"{where}:{mark.line + 1}" if mark else where) from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError("a policy file is a mapping (version, environment, rules)", where=where)
    try:
        policy = Policy.model_validate(doc)
    except ValidationError as exc:
        errors = list(exc.errors())
        lines = []
        for err, line in zip(errors, describe_errors(errors), strict=True):
            if err.get("type") == "extra_forbidden":
                line = f"{line.split(': ', 1)[0]}: {_unknown_key(err)}"
            elif err.get("type") == "literal_error":
                what = "warn or block" if err.get("loc", ())[-1:] == ("severity",) else "1 (the only version)"
                line = f"{line.split(': ', 1)[0]}: {err.get('input')!r} is not {what}"
            elif err.get("type") == "too_short":
                line = f"{line.split(': ', 1)[0]}: is empty: give at least one"
            lines.append(line)
        raise ConfigError("; ".join(lines), where=where) from None
    policy._source = where
    return policy


# --- evaluation ------------------------------------------------------------------------------------------
def _matches(value: str, patterns: Iterable[str]) -> bool:
    low = value.lower()
    return any(fnmatch.fnmatchcase(low, p.lower()) for p in patterns)


def _fully_priced(r: ResourceEstimate) -> bool:
    return r.status is Status.FREE or (r.status is Status.PRICED and all(c.status is Status.PRICED
                                                                        for c in r.components))


class _Facts:
    """What the rules read of one resource, worked out once."""

    __slots__ = ("env", "resource", "tags", "tags_unknown")

    def __init__(self, r: ResourceEstimate, naming: EnvironmentNaming) -> None:
        self.resource = r
        self.tags = tags_of(r.spec)
        self.tags_unknown = tags_unknown(r.spec)
        self.env = environment_of(r.spec, naming, self.tags)


def _in_scope(rule: Rule, f: _Facts) -> bool:
    r = f.resource
    if rule.types:
        if not _matches(r.type, rule.types):
            return False
    elif r.status is Status.FREE:
        return False
    if rule.exclude_types and _matches(r.type, rule.exclude_types):
        return False
    return not rule.environments or (f.env is not None and _matches(f.env, rule.environments))


def _limit(limit: Money, currency: str, fx: FxTable, where: str) -> tuple[Money, str]:
    """The limit in the estimate's currency, and how it is shown (with the conversion, where there is one)."""
    if limit.currency == currency:
        return limit, limit.display()
    try:
        converted = fx.convert(limit, currency)
    except FxRateMissingError as exc:
        raise ConfigError(f"{limit.display()} cannot be compared with an estimate in {currency}: {exc.message}",
                          where=where) from None
    return converted, (f"{limit.display()} (= {converted.display()} at the FX rates of {fx.as_of.isoformat()}, "
                       f"{fx.source})")


def _violation(rule: Rule, label: str, f: _Facts, message: str, severity: str | None = None) -> Violation:
    r = f.resource
    return Violation(rule=label, check=rule.check, severity=severity or rule.severity, message=message,
                     address=r.address, location=r.spec.location, environment=f.env)


def _tags(rule: Rule, label: str, f: _Facts) -> list[Violation]:
    out: list[Violation] = []
    for wanted in rule.required_tags or ():
        names = [n.strip() for n in wanted.split("|") if n.strip()]
        hits = [tag_value(f.tags, n) for n in names]
        if any(h is not None and h[1] and h[1] != UNKNOWN for h in hits):
            continue
        either = " or ".join(names)
        if any(h is not None and h[1] == UNKNOWN for h in hits) or f.tags_unknown:
            out.append(_violation(rule, label, f, f"tag {either} is known only after apply: cannot check it",
                                  severity="warn"))
        else:
            out.append(_violation(rule, label, f, f"tag {either} is missing"
                                  + (f" (environment {f.env})" if rule.environments and f.env else "")))
    return out


def _values(rule: Rule, label: str, f: _Facts) -> list[Violation]:
    out: list[Violation] = []
    for name, allowed in (rule.allowed_tag_values or {}).items():
        hit = tag_value(f.tags, name)
        if hit is None:
            continue
        key, value = hit
        if value == UNKNOWN:
            out.append(_violation(rule, label, f, f"tag {key} is known only after apply: cannot check it",
                                  severity="warn"))
        elif not _matches(value, allowed):
            out.append(_violation(rule, label, f, f"tag {key}={value!r} is not allowed (allowed: "
                                  f"{', '.join(allowed)})"))
    return out


def _sizes(rule: Rule, label: str, f: _Facts) -> list[Violation]:
    allowance = rule.allowed_sizes
    found = size_of(f.resource.spec)
    if allowance is None or found is None:
        return []
    path, size = found
    if allowance.allows(f.resource.provider, size):
        return []
    allowed = [*(f"family {x}" for x in allowance.families), *allowance.sizes]
    return [_violation(rule, label, f, f"{path} {size} is not allowed"
                       + (f" in environment {f.env}" if f.env else "") + f" (allowed: {', '.join(allowed)})")]


def _costs(rule: Rule, label: str, n: int, facts: Sequence[_Facts], est: Estimate, fx: FxTable,
           changed: set[str] | None) -> list[Violation]:
    limits = rule.max_monthly_cost
    if limits is None:
        return []
    out: list[Violation] = []
    if limits.resource is not None:
        limit, shown = _limit(limits.resource, est.currency, fx, f"rules[{n}].max_monthly_cost.resource")
        unsure: list[str] = []
        for f in facts:
            r = f.resource
            if changed is not None and r.address not in changed:
                continue
            cost = r.monthly_cost
            if cost is not None and cost > limit:
                more = "" if _fully_priced(r) else " (and more: not all of it is priced)"
                out.append(_violation(rule, label, f, f"{cost.display()}/month is above the limit of {shown}"
                                      + more))
            elif not _fully_priced(r):
                unsure.append(r.address)
        if unsure:
            out.append(Violation(rule=label, check=rule.check, severity="warn", resources=tuple(unsure),
                                 message=f"cannot tell whether {len(unsure)} resource(s) are within {shown}: not "
                                         f"(fully) priced: {_some(unsure)} (a usage file fills usage-based costs)"))
    if limits.environment is not None:
        limit, shown = _limit(limits.environment, est.currency, fx, f"rules[{n}].max_monthly_cost.environment")
        groups: dict[str, list[ResourceEstimate]] = {}
        for f in facts:
            if f.env is not None:
                groups.setdefault(f.env, []).append(f.resource)
        for env, members in groups.items():
            if changed is not None and not any(r.address in changed for r in members):
                continue
            total = Money.sum((r.monthly_cost for r in members if r.monthly_cost is not None), est.currency)
            biggest = sorted((r for r in members if r.monthly_cost is not None),
                             key=lambda r: -r.monthly_cost.amount if r.monthly_cost else 0)
            partly = [r.address for r in members if not _fully_priced(r)]
            if total > limit:
                top = ", ".join(f"{r.address} {r.monthly_cost.display()}" for r in biggest[:3] if r.monthly_cost)
                out.append(Violation(
                    rule=label, check=rule.check, severity=rule.severity, environment=env,
                    resources=tuple(r.address for r in members),
                    message=f"{total.display()}/month for {len(members)} resource(s) is above the limit of {shown}"
                            + (f" (and more: {len(partly)} not fully priced)" if partly else "")
                            + (f"; the largest: {top}" if top else "")))
            elif partly:
                out.append(Violation(
                    rule=label, check=rule.check, severity="warn", environment=env, resources=tuple(partly),
                    message=f"cannot tell whether {total.display()}/month is within {shown}: not (fully) priced: "
                            f"{_some(partly)}"))
    return out


def _some(names: Sequence[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def evaluate_policy(est: Estimate, policy: Policy, *, fx: FxTable = DEFAULT_FX,
                    changed: Iterable[str] | None = None) -> list[Violation]:
    """Every violation of ``policy`` in ``est``, rule by rule in the file's order. ``changed`` (a diff's created,
    updated and replaced addresses) limits the per-resource checks to those resources, and the environment limit
    to the environments they are in. A value known only after apply cannot be checked: said as a warning.

    >>> from costlib.models import ResourceSpec
    >>> est = Estimate.of([ResourceEstimate(spec=ResourceSpec(address="web", type="aws_instance", provider="aws",
    ...                                                       attributes={"tags": {"team": "web"}}),
    ...                                     status=Status.PRICED, monthly_cost=Money("70.08", "USD"))], "USD")
    >>> policy = parse_policy("rules: [{name: owner, severity: block, required_tags: [owner]}]", where="p.yml")
    >>> [v.line() for v in evaluate_policy(est, policy)]
    ['block: owner: web: tag owner is missing']
    """
    naming = policy.environment.naming()
    facts = [_Facts(r, naming) for r in est.resources]
    only = set(changed) if changed is not None else None
    out: list[Violation] = []
    for n, rule in enumerate(policy.rules):
        label = rule.name or f"rules[{n}]"
        scope = [f for f in facts if _in_scope(rule, f)]
        if rule.max_monthly_cost is not None:
            out += _costs(rule, label, n, scope, est, fx, only)
            continue
        check = {"required_tags": _tags, "allowed_tag_values": _values, "allowed_sizes": _sizes}[rule.check]
        for f in scope:
            if only is None or f.resource.address in only:
                out += check(rule, label, f)
    return out
