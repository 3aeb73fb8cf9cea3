"""Estimate the monthly cost of proposed resources: the library's headline call.

>>> from costlib import ResourceSpec
>>> est = estimate([ResourceSpec(address="web", type="compute.instance", provider="aws", region="us-east-1",
...                              attributes={"size": "m5.large"})])
>>> est.resources[0].status.value, est.resources[0].components[0].monthly_cost
('priced', Money('70.080', 'USD'))
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from costlib.catalog.base import PriceCatalog
from costlib.catalog.store import LookupOutcome, SQLiteCatalog
from costlib.errors import InputError, UnsupportedResourceError
from costlib.inputs import Usage, load_resources, load_usage
from costlib.inputs.generic import GENERIC_TYPES, is_generic
from costlib.inputs.readers import Limits, check_resource_count, resolve_limits
from costlib.inputs.terraform import provider_problem
from costlib.inputs.typed import Parsed, Part, parse, unknown_usage_keys
from costlib.inputs.usage import address_matches
from costlib.models import (
    CostComponent,
    Estimate,
    Price,
    PricedComponent,
    PriceQuery,
    ResourceEstimate,
    ResourceSpec,
    Status,
)
from costlib.money import DEFAULT_FX, FxTable, Money, to_decimal
from costlib.resources import registry
from costlib.resources.schema import Model, gcp_region_of_zone, input_keys

if TYPE_CHECKING:
    from costlib.policy.guardrails import Policy

__all__ = ["estimate", "known_regions", "price_specs", "resolve_size", "same_key"]

Resources = ResourceSpec | str | Path


def _default_catalog() -> PriceCatalog:
    from costlib.catalog.default import default_catalog

    return default_catalog()


def known_regions(catalog: PriceCatalog, provider: str) -> set[str]:
    """Regions costlib knows for a provider: the AWS region list plus every region the catalog holds."""
    regions: set[str] = set()
    if isinstance(catalog, SQLiteCatalog):
        regions |= catalog.regions(provider)
    if provider == "aws":
        from costlib.catalog.ingest.aws import AWS_LOCATIONS  # the ingesters' region table: only when asked

        regions |= set(AWS_LOCATIONS.values())
    return regions


def resolve_size(spec: ResourceSpec, catalog: PriceCatalog) -> ResourceSpec:
    """For a generic compute spec with ``vcpu`` and ``memory_gb`` but no ``size``: the cheapest size with at least
    that much, among the sizes the catalog prices in the spec's region."""
    a = spec.attributes
    if spec.type not in ("compute.instance", "kubernetes.cluster") or a.get("size") or "vcpu" not in a:
        return spec
    if not isinstance(catalog, SQLiteCatalog):
        raise InputError("vcpu/memory_gb sizing needs the SQLite catalog (it holds the size tables)",
                         where=spec.address)
    vcpu = _number(a.get("vcpu"), spec.address, "vcpu")
    memory = _number(a.get("memory_gb", 0), spec.address, "memory_gb")
    if not spec.region:
        raise InputError("sizing by vcpu/memory_gb needs a region (prices differ per region)", where=spec.address)
    choice = cheapest_size(catalog, spec.provider, spec.region, vcpu, memory)
    if choice is None:
        raise InputError(f"no {spec.provider} size with >= {vcpu} vCPU and >= {memory} GiB is priced in "
                         f"{spec.region}", where=spec.address)
    return dataclasses.replace(spec, attributes={**a, "size": choice[0]})


def _number(value: Any, address: str, name: str) -> Decimal:
    try:
        result = to_decimal(value, where=f"{address}: {name}")
    except Exception:
        raise InputError(f"{name}: {value!r} is not a number", where=address) from None
    if result < 0:
        raise InputError(f"{name}: {value!r} must not be negative", where=address)
    return result


_AZURE_RATIO = {"B": None, "D": Decimal(4), "E": Decimal(8), "F": Decimal(2), "M": None}


def _azure_spec(name: str) -> tuple[Decimal, Decimal] | None:
    """vCPU and GiB of common Azure sizes from the name (Standard_D4s_v5: 4 vCPU, D = 4 GiB per vCPU)."""
    import re

    m = re.match(r"^Standard_([DEF])(\d+)(?:-\d+)?(a|as|ads|ds|s|d|ls|lds|pls|ps|pds)?_v([3-6])$", name)
    if not m:
        return None
    family, vcpu, suffix = m.group(1), Decimal(m.group(2)), m.group(3) or ""
    ratio = _AZURE_RATIO[family]
    if ratio is None:
        return None
    if "l" in suffix:
        ratio = ratio / 2
    return vcpu, vcpu * ratio


def cheapest_size(catalog: SQLiteCatalog, provider: str, region: str, vcpu: Decimal, memory: Decimal
                  ) -> tuple[str, Price] | None:
    """The cheapest on-demand Linux size with at least ``vcpu`` and ``memory`` GiB in ``region``."""
    best: tuple[str, Price] | None = None
    if provider == "aws":
        specs = catalog.specs("aws")
        rows = [(a["instanceType"], p) for a, p in catalog.search("aws", "AmazonEC2", region, family="Compute Instance")
                if a.get("operatingSystem") == "Linux" and a.get("tenancy") == "Shared"]
        sized = [(n, p, specs.get(n)) for n, p in rows]
        cands = [(n, p) for n, p, s in sized if s and s[0] >= vcpu and s[1] >= memory]
    elif provider == "gcp":
        specs = catalog.specs("gcp")
        rows = [(a["machineType"], p) for a, p in catalog.search("gcp", "Compute Engine", region,
                                                                family="Compute Instance")]
        cands = [(n, p) for n, p in rows if (g := specs.get(n)) and g[0] >= vcpu and g[1] >= memory]
    else:
        rows = [(a["armSkuName"], p) for a, p in catalog.search("azure", "Virtual Machines", region)
                if a.get("os") == "Linux"]
        cands = [(n, p) for n, p in rows if (s := _azure_spec(n)) and s[0] >= vcpu and s[1] >= memory]
    for name, price in cands:
        if best is None or price.unit_price.amount < best[1].unit_price.amount:
            best = (name, price)
    return best


def _collect(resources: Resources | Iterable[Resources], limits: Limits | None = None) -> list[ResourceSpec]:
    """The specs of ``resources``; what files expand to counts against ``limits.max_resources`` together (specs
    given as objects were made by the caller and are not counted)."""
    items: Iterable[Resources] = [resources] if isinstance(resources, ResourceSpec | str | Path) else resources
    specs: list[ResourceSpec] = []
    lim = resolve_limits(limits)
    from_files = 0
    for item in items:
        if isinstance(item, ResourceSpec):
            specs.append(item)
        elif isinstance(item, str | Path):
            loaded = load_resources(item, limits=lim)
            from_files += len(loaded)
            check_resource_count(from_files, where=str(item), limits=lim, what="the files given hold")
            specs.extend(loaded)
        else:
            raise InputError(f"cannot estimate {type(item).__name__}: pass ResourceSpecs or file paths")
    return specs


def _with_usage(spec: ResourceSpec, usage: Usage | None) -> ResourceSpec:
    if usage is None:
        return spec
    merged = usage.for_resource(spec.address, spec.type)
    if not merged:
        return spec
    return dataclasses.replace(spec, usage={**merged, **spec.usage})


def estimate(resources: Resources | Iterable[Resources], *, catalog: PriceCatalog | None = None,
             usage: Usage | str | Path | None = None, currency: str = "USD", fx: FxTable | None = None,
             findings: bool = True, policy: Policy | None = None, limits: Limits | None = None) -> Estimate:
    """Estimate the monthly cost of ``resources`` (specs, plan JSON paths or spec file paths).

    Every resource gets a status: priced, free, usage_based, unsupported or price_not_found, with the reason
    where it is not priced. Amounts are converted to ``currency`` through ``fx`` (default: the shipped ECB
    table). ``price_date`` is the oldest effective date among the prices used, so a stale price is never hidden.
    ``findings`` (on by default) adds the savings the catalog can price (:mod:`costlib.guard`); ``policy`` (a
    :class:`~costlib.policy.guardrails.Policy`) adds its violations. Files are read within ``limits``
    (:class:`~costlib.inputs.readers.Limits`; default: the environment's, else 50 MiB, 64 levels of nesting,
    100,000 resources).
    """
    with _paused_gc():
        return _estimate(resources, catalog, usage, currency, fx, findings, policy, limits)


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """An estimate builds many small objects and no reference cycles: the cyclic collector would re-scan the
    growing result again and again (38% of a 100,000-resource run), so it is paused and restored after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _estimate(resources: Resources | Iterable[Resources], catalog: PriceCatalog | None, usage: Usage | str | Path | None,
              currency: str, fx: FxTable | None, findings: bool, policy: Policy | None,
              limits: Limits | None = None) -> Estimate:
    cat = catalog if catalog is not None else _default_catalog()
    lim = resolve_limits(limits)
    use = load_usage(usage, limits=lim) if isinstance(usage, str | Path) else usage
    plain_specs = _collect(resources, lim)
    specs = [_with_usage(s, use) for s in plain_specs]
    models: dict[str, list[type[Model]]] = {}
    parsed: dict[int, Parsed] | None = {} if findings else None
    table = fx or DEFAULT_FX
    est = price_specs(specs, cat, currency=currency, fx=table, usage_models=models, parsed_out=parsed)
    found = [*spec_warnings(specs), *(usage_warnings(use, plain_specs, models) if use is not None else [])]
    if found:
        est = dataclasses.replace(est, warnings=(*est.warnings, *found))
    if parsed is not None or policy is not None:
        from costlib import guard

        naming = policy.environment.naming() if policy is not None else None
        if parsed is not None:
            est = guard.with_findings(est, parsed, cat, fx=table, naming=naming)
        if policy is not None:
            est = guard.apply_policy(est, policy, fx=table)
    return est


def spec_warnings(specs: Sequence[ResourceSpec]) -> list[str]:
    """What the input layer assumed, one line per assumption with the resources it concerns."""
    by_note: dict[str, list[str]] = {}
    for spec in specs:
        for note in spec.notes:
            by_note.setdefault(note, []).append(spec.address)
    return [f"{note}: {', '.join(addrs[:5])}{f' and {len(addrs) - 5} more' if len(addrs) > 5 else ''}"
            for note, addrs in by_note.items()]


def usage_warnings(usage: Usage, specs: Sequence[ResourceSpec], models: Mapping[str, Sequence[type[Model]]]
                   ) -> list[str]:
    """What a usage file says that nothing uses: address entries that match no resource, and keys that the usage
    schema of none of the matched resources' types has (a typo shows here instead of as "needs usage").
    ``models`` are the usage models of each resource (by address) that was read."""
    out: list[str] = []

    def unknown(values: Mapping[str, Any], matched: Sequence[ResourceSpec]) -> list[str]:
        schemas = [m for s in matched for m in models.get(s.address, ())]
        if not schemas:
            return []
        sets = [set(unknown_usage_keys(m, values)) for m in schemas]
        return sorted(set.intersection(*sets))

    for pattern, values in usage.by_address.items():
        matched = [s for s in specs if address_matches(pattern, s.address)]
        if not matched:
            out.append(f"usage for {pattern!r} matches no resource (resource_usage)")
            continue
        for key in unknown(values, matched):
            out.append(f"usage key {key!r} for {pattern!r} is not used by {_types(matched)} (resource_usage)")
    for rtype, values in usage.by_type.items():
        matched = [s for s in specs if s.type == rtype]
        for key in unknown(values, matched):
            out.append(f"usage key {key!r} is not used by {rtype} (resource_type_default_usage)")
    return out


def _types(specs: Sequence[ResourceSpec]) -> str:
    return ", ".join(sorted({s.type for s in specs}))


#: types priced wherever they are (a bucket's region is its location; generic types map to a provider's)
_ANY_REGION = frozenset({*GENERIC_TYPES, "google_storage_bucket"})


def _kind(rtype: str) -> tuple[Status | None, str | None]:
    """A type's standing before any resource of it is read: free, unsupported (and why), or (None) to price."""
    if registry.is_free(rtype):
        return Status.FREE, None
    if not is_generic(rtype) and not registry.registered(rtype):
        why = registry.not_yet_reason(rtype)
        return Status.UNSUPPORTED, f"{rtype} is not supported yet" + (f" ({why})" if why else "")
    return None, None


def price_specs(specs: Sequence[ResourceSpec], catalog: PriceCatalog, *, currency: str = "USD",
                fx: FxTable = DEFAULT_FX, usage_models: dict[str, list[type[Model]]] | None = None,
                parsed_out: dict[int, Parsed] | None = None, reasons: bool = True) -> Estimate:
    """Price already-prepared specs (usage merged) against ``catalog``. ``usage_models`` (if given) collects the
    usage model of each resource read, so unused usage keys can be reported; ``parsed_out`` (if given) the typed
    inputs of each resource read, by its index in ``specs`` (the savings rules read them). ``reasons=False``: a
    price not found is said in short, without the catalog's search for the nearest names (for alternatives that
    only count when priced)."""
    currency = Money.zero(currency).currency  # "usd" is USD; an unknown code is refused here
    plans: list[tuple[ResourceSpec, Status | None, str | None, list[CostComponent]]] = []
    regions: dict[str, set[str]] = {}
    held_regions: dict[str, set[str]] = {}
    region_ok: dict[tuple[str, str], bool] = {}
    kinds: dict[str, tuple[Status | None, str | None]] = {}  # per type: free, unsupported (why) or to price
    warnings: list[str] = []
    read: dict[tuple[object, ...], tuple[tuple[Part, ...] | None, list[type[Model]], tuple[str, ...],
                                         list[CostComponent]]] = {}
    for index, spec in enumerate(specs):
        unreadable = provider_problem(spec) if spec.notes else None
        if unreadable is not None:  # listed, never priced as if its provider were known, never dropped
            plans.append((spec, Status.UNSUPPORTED, unreadable, []))
            continue
        kind = kinds.get(spec.type)
        if kind is None:
            kind = kinds[spec.type] = _kind(spec.type)
        if kind[0] is not None:
            plans.append((spec, kind[0], kind[1], []))
            continue
        if spec.region and spec.type not in _ANY_REGION:
            ok = region_ok.get((spec.provider, spec.region))
            if ok is None:
                region = (gcp_region_of_zone(spec.region) if spec.provider == "gcp" else
                          spec.region.replace(" ", "").lower() if spec.provider == "azure" else spec.region)
                held = held_regions.get(spec.provider)
                if held is None:
                    held = held_regions[spec.provider] = (catalog.regions(spec.provider)
                                                          if isinstance(catalog, SQLiteCatalog) else set())
                if region in held:  # the catalog's own regions answer most: known_regions adds AWS's region table
                    ok = True
                else:
                    known = regions.get(spec.provider)
                    if known is None:
                        known = regions[spec.provider] = known_regions(catalog, spec.provider)
                    ok = not known or region in known
                region_ok[(spec.provider, spec.region)] = ok
            if not ok:
                plans.append((spec, Status.PRICE_NOT_FOUND, f"unknown {spec.provider} region {spec.region!r}", []))
                continue
        try:
            key = same_key(spec)
            hit = read.get(key) if key is not None else None
            if hit is None:
                fresh = parse(resolve_size(spec, catalog))
                components = [c for part in fresh.parts for c in part.rtype.price(part.inputs, part.usage)]
                usages: list[type[Model]] = [part.rtype.usage for part in fresh.parts]
                parsed: Parsed | None = fresh
                defaulted = fresh.defaulted
                if key is not None:  # the typed inputs are kept only for those who read them (the savings rules)
                    read[key] = (fresh.parts if parsed_out is not None else None, usages, defaulted, components)
            else:  # the same resource but for its address: read and priced once (cost functions are pure)
                parts, usages, defaulted, components = hit
                parsed = Parsed(spec, parts, defaulted) if parts is not None else None
            if parsed_out is not None and parsed is not None:
                parsed_out[index] = parsed
            if usage_models is not None:
                usage_models[spec.address] = usages
            if defaulted:
                warnings.append(f"{spec.address}: priced with the default for {', '.join(defaulted)}, "
                                "known only after apply")
        except UnsupportedResourceError as exc:
            plans.append((spec, Status.UNSUPPORTED, exc.message, []))
            continue
        except InputError as exc:  # one resource that cannot be priced never stops the estimate of the others
            place = (exc.where or "").removeprefix(spec.address).removeprefix(":").strip()
            plans.append((spec, Status.PRICE_NOT_FOUND,
                          f"cannot be priced: {place + ': ' if place else ''}{exc.message}", []))
            continue
        plans.append((spec, None, None, components))
    seen: set[int] = set()  # resources read as one share their components: their queries are gathered once
    queries: dict[PriceQuery, None] = {}
    for _, _, _, comps in plans:
        if comps and id(comps) not in seen:
            seen.add(id(comps))
            queries.update((c.query, None) for c in comps if c.query is not None)
    answers = _answers(catalog, list(queries), reasons)
    out: list[ResourceEstimate] = []
    dates: set[date] = set()
    done: dict[int, ResourceEstimate] = {}  # by the components list that resources read the same share
    for spec, status, message, comps in plans:
        if status is not None:
            out.append(ResourceEstimate(spec=spec, status=status, message=message))
            continue
        first = done.get(id(comps))
        if first is None:
            priced = [_price_component(c, answers, currency, fx, dates) for c in comps]
            first = done[id(comps)] = _resource(spec, priced, currency)
            out.append(first)
        else:
            out.append(ResourceEstimate(spec=spec, status=first.status, components=first.components,
                                        monthly_cost=first.monthly_cost, message=first.message))
    catalog_date = catalog.catalog_date() if isinstance(catalog, SQLiteCatalog) else catalog.price_date()
    # said whenever a price was converted: a CNY price in a USD estimate is converted too
    foreign = sorted({p.unit_price.currency for r in out for c in r.components for p in [c.price] if p is not None}
                     - {currency})
    note = None if not foreign and currency == "USD" else (
        f"converted{' from ' + ', '.join(foreign) if foreign else ''} with FX rates of {fx.as_of.isoformat()} "
        f"({fx.source})")
    return Estimate.of(out, currency, price_date=min(dates) if dates else catalog.price_date(),
                       catalog_date=catalog_date, fx_note=note, warnings=tuple(warnings))


def same_key(spec: ResourceSpec) -> tuple[object, ...] | None:
    """What makes two resources the same to read and price: their type, provider, region, the attributes their
    type's inputs model reads (not their address, tags or anything else the cost cannot depend on), usage,
    attributes known only after apply and what the input layer assumed. Resources of a ``count``, or tagged apart,
    are then read and priced once. None where a value's text does not say what it is (an object of the caller's):
    that resource is read on its own.

    >>> a = ResourceSpec(address="aws_ebs_volume.a[0]", type="aws_ebs_volume", provider="aws", region="us-east-1",
    ...                  attributes={"type": "gp3", "size": 100, "tags": {"Name": "a-0"}})
    >>> same_key(a) == same_key(dataclasses.replace(a, address="aws_ebs_volume.a[1]", attributes={
    ...     "type": "gp3", "size": 100, "tags": {"Name": "a-1"}}))
    True
    >>> same_key(a) == same_key(dataclasses.replace(a, attributes={"type": "gp3", "size": "100"}))
    False
    """
    attrs = spec.attributes
    read: object = attrs
    if not is_generic(spec.type):  # a generic type's attributes are mapped to native ones: all of them count
        try:
            model = registry.lookup(spec.type).inputs
        except UnsupportedResourceError:
            return None
        read = tuple(map(attrs.get, input_keys(model)))
    values, usage = repr(read), repr(spec.usage) if spec.usage else ""
    if " at 0x" in values or " at 0x" in usage:
        return None
    return (spec.type, spec.provider, spec.region, values, usage, spec.unknown, spec.notes)


def _answers(catalog: PriceCatalog, queries: list[PriceQuery], reasons: bool = True
             ) -> dict[PriceQuery, tuple[Price | None, str | None]]:
    if isinstance(catalog, SQLiteCatalog):
        return {r.query: (r.price, None if r.outcome is LookupOutcome.FOUND else r.message)
                for r in catalog.explain_many(queries, reasons=reasons)}
    prices = catalog.lookup_many(queries)
    return {q: (p, None if p is not None else f"no price in the catalog for {q.describe()}")
            for q, p in zip(queries, prices, strict=True)}


def _price_component(comp: CostComponent, answers: dict[PriceQuery, tuple[Price | None, str | None]],
                     currency: str, fx: FxTable, dates: set[date]) -> PricedComponent:
    if comp.unmodelled is not None:
        return PricedComponent(component=comp, status=Status.UNSUPPORTED,
                               message=f"not priced by costlib yet: {comp.unmodelled}")
    if comp.query is None:
        assert comp.fixed_price is not None
        unit_price = fx.convert(comp.fixed_price, currency)
        qty = comp.monthly_quantity
        cost = None if qty is None else unit_price * max(Decimal(0), qty - comp.free_quantity)
        return PricedComponent(component=comp, status=Status.USAGE_BASED if qty is None else Status.PRICED,
                               unit_price=unit_price, monthly_cost=cost)
    price, why = answers[comp.query]
    if price is None:
        return PricedComponent(component=comp, status=Status.PRICE_NOT_FOUND, message=why)
    dates.add(price.effective_date)
    unit_price = fx.convert(price.unit_price, currency)
    if comp.monthly_quantity is None:
        return PricedComponent(component=comp, status=Status.USAGE_BASED, unit_price=unit_price, price=price,
                               message=f"needs usage '{comp.usage_key}' (see --usage)" if comp.usage_key else None)
    billable = max(Decimal(0), comp.monthly_quantity - comp.free_quantity)
    native = price.cost_for(billable, already_used=comp.already_used)
    if comp.discount:
        native = native * (Decimal(1) - comp.discount)
    return PricedComponent(component=comp, status=Status.PRICED, unit_price=unit_price,
                           monthly_cost=fx.convert(native, currency), price=price)


def _resource(spec: ResourceSpec, priced: list[PricedComponent], currency: str) -> ResourceEstimate:
    costs = [p.monthly_cost for p in priced if p.monthly_cost is not None]
    total = Money.sum(costs, currency) if costs else None
    missing = [p for p in priced if p.status in (Status.PRICE_NOT_FOUND, Status.UNSUPPORTED)]
    if missing:
        return ResourceEstimate(spec=spec, status=Status.PRICE_NOT_FOUND, components=tuple(priced), monthly_cost=total,
                                message=missing[0].message)
    if not costs:
        keys = sorted({p.component.usage_key for p in priced if p.component.usage_key})
        return ResourceEstimate(spec=spec, status=Status.USAGE_BASED, components=tuple(priced),
                                message=f"costs depend on usage: {', '.join(keys)}" if keys else None)
    return ResourceEstimate(spec=spec, status=Status.PRICED, components=tuple(priced), monthly_cost=total)


def as_specs(items: Any) -> list[ResourceSpec]:  # pragma: no cover - convenience for the HTTP API
    return _collect(items)
