"""Core value objects: frozen, typed, validated once at construction.

The estimator's data flows through these in one direction::

    ResourceSpec --(cost function)--> CostComponent(PriceQuery) --(catalog)--> Price
        --> PricedComponent --> ResourceEstimate --> Estimate

They hold no behaviour that does I/O. Amounts are :class:`~costlib.money.Money`; quantities are
:class:`~decimal.Decimal`; dates are :class:`~datetime.date`.

>>> q = PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1",
...                product_family="Compute Instance",
...                attributes={"instanceType": "m5.large", "operatingSystem": "Linux"})
>>> p = Price(unit_price=Money("0.096", "USD"), unit="Hrs", effective_date=date(2024, 4, 1),
...           source="aws-bulk")
>>> c = CostComponent(name="Instance usage (Linux, on-demand, m5.large)", unit="hours",
...                   hourly_quantity=Decimal(1), query=q)
>>> c.monthly_quantity
Decimal('730')
>>> p.cost_for(c.monthly_quantity)
Money('70.080', 'USD')
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any, cast

from costlib.errors import CurrencyMismatchError, InputError
from costlib.money import HOURS_PER_MONTH, Money, to_decimal

__all__ = [
    "PROVIDERS",
    "AttributeChange",
    "CostComponent",
    "Estimate",
    "Finding",
    "Price",
    "PriceQuery",
    "PriceTier",
    "PricedComponent",
    "PurchaseOption",
    "ResourceEstimate",
    "ResourceSpec",
    "Status",
    "Violation",
]

#: The clouds costlib knows, by the short name used everywhere (specs, queries, records).
PROVIDERS = frozenset({"aws", "azure", "gcp"})


class Status(StrEnum):
    """What an estimate can say about one resource (or one component). Nothing is silently $0."""

    PRICED = "priced"
    """Every component has a price and a quantity."""
    FREE = "free"
    """A known free resource type (IAM roles, security groups, VPCs ...)."""
    USAGE_BASED = "usage_based"
    """Costs depend on usage that was not given; components show the price per unit."""
    UNSUPPORTED = "unsupported"
    """No cost function for this resource type yet."""
    PRICE_NOT_FOUND = "price_not_found"
    """A cost function exists, but the catalog has no price for (part of) it, or the resource's attributes
    cannot be priced (a required one missing or known only after apply): the message says which."""


class PurchaseOption(StrEnum):
    """How a price is bought."""

    ON_DEMAND = "on_demand"
    RESERVED = "reserved"
    SPOT = "spot"
    SAVINGS_PLAN = "savings_plan"
    DEV_TEST = "dev_test"


_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only view: a copy of a caller's mapping, or as it is when it is a view already (an input reader
    that owns the parsed document hands its objects over without a copy)."""
    if isinstance(value, MappingProxyType):
        return value
    if not value:
        return _EMPTY
    return MappingProxyType(dict(value))


def _check_provider(provider: str, where: str) -> str:
    if provider in PROVIDERS:
        return provider
    norm = provider.strip().lower()
    if norm not in PROVIDERS:
        raise InputError(f"unknown provider {provider!r}; expected one of {sorted(PROVIDERS)}", where=where)
    return norm


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceSpec:
    """A proposed resource: what a plan, spec file or Python caller wants priced.

    ``attributes`` are the resource's own arguments (as in Terraform); ``usage`` are usage
    figures (``monthly_requests``, ``storage_gb`` ...). ``action`` is the planned change
    (``create``, ``update``, ``delete``, ``no-op``) where known. ``location`` names where the
    spec came from (``plan.json``, ``envs.yaml:12``) for error messages.

    >>> ResourceSpec(address="aws_instance.web", type="aws_instance", provider="AWS",
    ...              region="us-east-1", attributes={"instance_type": "t3.micro"}).provider
    'aws'
    """

    address: str
    type: str
    provider: str
    region: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)
    usage: Mapping[str, Any] = field(default_factory=dict)
    action: str = "create"
    location: str | None = None
    notes: tuple[str, ...] = ()
    """What the input layer had to assume about this resource (said in the estimate's warnings)."""
    unknown: tuple[str, ...] = ()
    """Attributes the plan knows only after apply: if a cost function reads one, the estimate says so."""

    def __post_init__(self) -> None:
        if not self.address:
            raise InputError("a resource needs an address", where=self.location)
        if not self.type:
            raise InputError("a resource needs a type", where=self.address)
        object.__setattr__(self, "provider", _check_provider(self.provider, self.address))
        object.__setattr__(self, "attributes", _frozen_mapping(self.attributes))
        object.__setattr__(self, "unknown", tuple(self.unknown))
        object.__setattr__(self, "usage", _frozen_mapping(self.usage))


@functools.lru_cache(maxsize=65536)
def _attr_json(pairs: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(dict(pairs), separators=(",", ":"), ensure_ascii=False)


_OPTIONS = frozenset(o.value for o in PurchaseOption)
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class PriceQuery:
    """What a cost component needs priced; the catalog answers it with a :class:`Price`.

    ``attributes`` select the price among a service's products (``instanceType``, ``skuName``,
    ``volumeApiName`` ...) and are stored as a sorted tuple so queries hash and compare cheaply.
    ``price_filter`` selects among the product's prices (``unit``, ``term``, ``tier_start`` ...).

    >>> PriceQuery(vendor="gcp", service="Compute Engine", region="us-central1",
    ...            attributes={"machineType": "e2-standard-2"}).attrs
    {'machineType': 'e2-standard-2'}
    """

    vendor: str
    service: str
    region: str
    product_family: str | None = None
    attributes: tuple[tuple[str, str], ...] | Mapping[str, str] = ()
    purchase_option: str = PurchaseOption.ON_DEMAND
    unit: str | None = None
    term: str | None = None
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "vendor", _check_provider(self.vendor, f"price query {self.service}"))
        attrs = self.attributes
        items = attrs.items() if isinstance(attrs, Mapping) else attrs
        pairs = tuple(sorted((str(k), str(v)) for k, v in items))
        object.__setattr__(self, "attributes", pairs)
        option = self.purchase_option
        object.__setattr__(self, "purchase_option", option if option in _OPTIONS else str(PurchaseOption(option)))
        object.__setattr__(self, "_hash", hash((self.vendor, self.service, self.region, self.product_family, pairs,
                                                self.purchase_option, self.unit, self.term)))

    def __hash__(self) -> int:
        return self._hash

    @property
    def attr_key(self) -> str:
        """Canonical JSON of the attributes (sorted keys): the catalog's exact-match key."""
        return _attr_json(self._pairs())

    @property
    def attrs(self) -> dict[str, str]:
        """The attributes as a dict."""
        return dict(self._pairs())

    def _pairs(self) -> tuple[tuple[str, str], ...]:
        return cast(tuple[tuple[str, str], ...], self.attributes)

    def describe(self) -> str:
        """One line for messages: ``aws AmazonEC2 us-east-1 instanceType=m5.large``."""
        bits = [self.vendor, self.service, self.region]
        if self.product_family:
            bits.append(f"[{self.product_family}]")
        bits += [f"{k}={v}" for k, v in self._pairs()]
        if self.purchase_option != PurchaseOption.ON_DEMAND:
            bits.append(self.purchase_option)
        if self.term:
            bits.append(f"term={self.term}")
        return " ".join(bits)


@dataclass(frozen=True, slots=True)
class PriceTier:
    """One band of a tiered price: ``unit_price`` applies to quantities in ``[start, end)``; ``end`` None is open."""

    start: Decimal
    end: Decimal | None
    unit_price: Money

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", to_decimal(self.start, where="tier start"))
        if self.end is not None:
            end = to_decimal(self.end, where="tier end")
            if end <= self.start:
                raise InputError(f"tier end {end} must be above its start {self.start}")
            object.__setattr__(self, "end", end)


@dataclass(frozen=True, slots=True, kw_only=True)
class Price:
    """A unit price with where and when it came from.

    ``tiers`` (if any) run from the lowest band up; ``unit_price`` is then the first band's price.
    ``effective_date`` is the date the provider's source says the price took effect (or the
    date it was read, where the source gives none); ``source`` names the source
    (``aws-bulk``, ``azure-retail``, ``gcp-catalog``, ``curated``) and ``source_url`` where.

    >>> tiers = (PriceTier(Decimal(0), Decimal(1_000_000), Money("0", "USD")),
    ...          PriceTier(Decimal(1_000_000), None, Money("0.0000002", "USD")))
    >>> p = Price(unit_price=Money("0", "USD"), unit="Requests", tiers=tiers,
    ...           effective_date=date(2024, 1, 1), source="aws-bulk")
    >>> p.cost_for(Decimal(3_000_000))
    Money('0.4000000', 'USD')
    """

    unit_price: Money
    unit: str
    effective_date: date
    source: str
    tiers: tuple[PriceTier, ...] = ()
    sku: str | None = None
    description: str | None = None
    source_url: str | None = None

    def __post_init__(self) -> None:
        cur = self.unit_price.currency
        for tier in self.tiers:
            if tier.unit_price.currency != cur:
                raise CurrencyMismatchError(f"tier priced in {tier.unit_price.currency}, price in {cur}")
        object.__setattr__(self, "tiers", tuple(sorted(self.tiers, key=lambda t: t.start)))

    @classmethod
    def trusted(cls, *, unit_price: Money, unit: str, effective_date: date, source: str,
                source_url: str | None = None, sku: str | None = None, description: str | None = None) -> Price:
        """A flat price without re-validation, for rows read back from costlib's own validated catalog."""
        obj = object.__new__(cls)
        for name, value in (("unit_price", unit_price), ("unit", unit), ("effective_date", effective_date),
                            ("source", source), ("tiers", ()), ("sku", sku), ("description", description),
                            ("source_url", source_url)):
            object.__setattr__(obj, name, value)
        return obj

    @property
    def currency(self) -> str:
        return self.unit_price.currency

    def cost_for(self, quantity: Decimal, *, already_used: Decimal = Decimal(0)) -> Money:
        """Cost of ``quantity`` units, filling tiers from ``already_used`` upwards."""
        if not self.tiers:
            return self.unit_price * quantity
        total = Money.zero(self.currency)
        lo, hi = already_used, already_used + quantity
        for tier in self.tiers:
            t_end = tier.end if tier.end is not None else hi
            overlap = min(hi, t_end) - max(lo, tier.start)
            if overlap > 0:
                total = total + tier.unit_price * overlap
        return total


@dataclass(frozen=True, slots=True, kw_only=True)
class CostComponent:
    """One priced line of a resource: what is billed, how much of it a month, and the query for its price.

    Give ``hourly_quantity`` for things billed by the hour (it is multiplied by 730) or
    ``monthly_quantity`` for things billed by the month (GB-months, requests). Leave both None
    for a usage-based component whose usage figure was not given: it is shown with its unit
    price and ``usage_key`` names the usage-file key that would fill it.
    ``discount`` is a fraction taken off the catalog price (GCP sustained use, for example).
    ``free_quantity`` is a monthly allowance subtracted before pricing. ``already_used`` is the quantity the account
    uses before this resource on a tiered price (the 26th hosted zone of an account starts in the second band).
    ``unmodelled`` names a billable part
    costlib does not price yet (no query): the resource is then partly priced, and the estimate says what is
    missing.
    """

    name: str
    unit: str
    query: PriceQuery | None
    hourly_quantity: Decimal | None = None
    monthly_quantity: Decimal | None = None
    usage_key: str | None = None
    discount: Decimal = _ZERO
    free_quantity: Decimal = _ZERO
    already_used: Decimal = _ZERO
    fixed_price: Money | None = None
    note: str | None = None
    unmodelled: str | None = None
    """A billable part costlib does not price yet (why): the resource is then partly priced, never priced."""

    def __post_init__(self) -> None:
        # quantities from cost functions are Decimals already: only other types go through to_decimal
        hourly = self.hourly_quantity
        if hourly is not None:
            if type(hourly) is not Decimal:
                hourly = to_decimal(hourly, where=f"{self.name}: hourly quantity")
                object.__setattr__(self, "hourly_quantity", hourly)
            if self.monthly_quantity is None:
                object.__setattr__(self, "monthly_quantity", hourly * HOURS_PER_MONTH)
        monthly = self.monthly_quantity
        if monthly is not None:
            if type(monthly) is not Decimal:
                monthly = to_decimal(monthly, where=f"{self.name}: monthly quantity")
                object.__setattr__(self, "monthly_quantity", monthly)
            if monthly < 0:
                raise InputError(f"negative quantity {monthly}", where=self.name)
        for name in ("discount", "free_quantity", "already_used"):
            value = getattr(self, name)
            if value is _ZERO:
                continue
            if type(value) is not Decimal:
                value = to_decimal(value, where=f"{self.name}: {name.replace('_', ' ')}")
                object.__setattr__(self, name, value)
            if name == "discount" and not Decimal(0) <= value <= Decimal(1):
                raise InputError(f"discount {value} must be between 0 and 1", where=self.name)
            if name == "already_used" and value < 0:
                raise InputError(f"negative quantity already used {value}", where=self.name)
        if self.query is None and self.fixed_price is None and self.unmodelled is None:
            raise InputError("a cost component needs a price query or a fixed price (or the reason it is not "
                             "modelled)", where=self.name)

    @property
    def usage_based(self) -> bool:
        """True where the quantity is unknown until a usage figure is given."""
        return self.monthly_quantity is None


@dataclass(frozen=True, slots=True, kw_only=True)
class PricedComponent:
    """A :class:`CostComponent` with its price filled in (or the reason it is not)."""

    component: CostComponent
    status: Status
    unit_price: Money | None = None
    monthly_cost: Money | None = None
    price: Price | None = None
    message: str | None = None

    @property
    def name(self) -> str:
        return self.component.name

    @property
    def hourly_cost(self) -> Money | None:
        if self.monthly_cost is None:
            return None
        return self.monthly_cost / HOURS_PER_MONTH  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceEstimate:
    """The estimate of one resource: its status, components and monthly cost.

    ``monthly_cost`` is None only for ``unsupported`` and ``free`` resources, and for
    resources whose every component is usage-based without usage; partially priced resources
    carry the sum of what could be priced, and their status says what is missing.
    """

    spec: ResourceSpec
    status: Status
    components: tuple[PricedComponent, ...] = ()
    monthly_cost: Money | None = None
    message: str | None = None

    @property
    def address(self) -> str:
        return self.spec.address

    @property
    def type(self) -> str:
        return self.spec.type

    @property
    def provider(self) -> str:
        return self.spec.provider

    @property
    def region(self) -> str | None:
        return self.spec.region

    @property
    def hourly_cost(self) -> Money | None:
        if self.monthly_cost is None:
            return None
        return self.monthly_cost / HOURS_PER_MONTH  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributeChange:
    """One attribute a finding suggests changing: its path in the resource's attributes (Terraform names,
    ``root_block_device[0].volume_type``), what it is (or what is assumed where it is not set) and what to set.

    >>> AttributeChange(path="type", before="gp2", after="gp3").line()
    'type: gp2 -> gp3'
    """

    path: str
    before: str
    after: str

    def line(self) -> str:
        """``path: before -> after``."""
        return f"{self.path}: {self.before} -> {self.after}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """A saving the catalog can price on both sides: a resource as planned and the same resource changed.

    ``rule`` is the rule's id (``ebs-gp2-to-gp3``); ``monthly_cost`` is the resource's monthly cost as planned,
    ``monthly_cost_after`` with ``changes`` applied, both from the same catalog through the same cost functions;
    ``condition`` says what must hold for the change to be safe (an arm64 image, a workload that tolerates
    one NAT gateway), or what the figures leave out.

    >>> f = Finding(rule="ebs-gp2-to-gp3", address="aws_ebs_volume.data", summary="gp2 -> gp3",
    ...             changes=(AttributeChange(path="type", before="gp2", after="gp3"),),
    ...             monthly_cost=Money("10", "USD"), monthly_cost_after=Money("8", "USD"))
    >>> f.monthly_saving
    Money('2', 'USD')
    """

    rule: str
    address: str
    summary: str
    changes: tuple[AttributeChange, ...]
    monthly_cost: Money
    monthly_cost_after: Money
    location: str | None = None
    condition: str | None = None
    monthly_saving: Money = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(self.changes))
        object.__setattr__(self, "monthly_saving", self.monthly_cost - self.monthly_cost_after)

    def change_text(self) -> str:
        """The changes on one line: ``type: gp2 -> gp3; iops: 3000 -> 4500``."""
        return "; ".join(c.line() for c in self.changes)


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    """A policy rule a resource (or an environment) breaks.

    ``rule`` names the rule (its ``name`` in the policy file, else ``rules[2]``), ``check`` is what it checks
    (``required_tags``, ``allowed_tag_values``, ``max_monthly_cost``, ``allowed_sizes``), ``severity`` is
    ``warn`` or ``block``. ``address`` is the resource (None for a limit on an environment, which names its
    ``environment`` and the ``resources`` it sums).

    >>> Violation(rule="owner", check="required_tags", severity="block", address="aws_instance.web",
    ...           message="tag owner is missing").line()
    'block: owner: aws_instance.web: tag owner is missing'
    """

    rule: str
    check: str
    severity: str
    message: str
    address: str | None = None
    location: str | None = None
    environment: str | None = None
    resources: tuple[str, ...] = ()

    @property
    def blocking(self) -> bool:
        """Whether the violation fails the command (severity ``block``)."""
        return self.severity == "block"

    def line(self) -> str:
        """``severity: rule: where: message``."""
        where = self.address or (f"environment {self.environment}" if self.environment else "")
        return f"{self.severity}: {self.rule}: {where + ': ' if where else ''}{self.message}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimate:
    """The estimate of a set of resources, in one currency.

    ``summary`` counts resources per :class:`Status`; ``price_date`` is the oldest effective
    date among the prices used (so a stale price is never hidden); ``catalog_date`` is when the
    catalog was built; ``warnings`` say what in the input was ignored (a usage entry that matches
    no resource, a usage key no cost function reads). ``findings`` are the savings the catalog can price
    (:mod:`costlib.guard`); ``violations`` the policy rules broken, when a policy (``policy`` names its file)
    was evaluated.
    """

    resources: tuple[ResourceEstimate, ...]
    currency: str
    price_date: date | None = None
    catalog_date: date | None = None
    fx_note: str | None = None
    summary: Mapping[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    violations: tuple[Violation, ...] = ()
    policy: str | None = None
    total_monthly_cost: Money = field(init=False)

    def __post_init__(self) -> None:
        total = Money.zero(self.currency)
        counts = dict.fromkeys((s.value for s in Status), 0)
        for res in self.resources:
            counts[res.status.value] += 1
            if res.monthly_cost is not None:
                if res.monthly_cost.currency != self.currency:
                    raise CurrencyMismatchError(
                        f"{res.address} is in {res.monthly_cost.currency}, the estimate in {self.currency}"
                    )
                total = total + res.monthly_cost
        object.__setattr__(self, "total_monthly_cost", total)
        object.__setattr__(self, "summary", MappingProxyType(counts))

    @property
    def total_hourly_cost(self) -> Money:
        return self.total_monthly_cost / HOURS_PER_MONTH  # type: ignore[no-any-return]

    @property
    def total_monthly_saving(self) -> Money:
        """The sum of the findings' monthly savings (each finding changes its own attributes, so they add up)."""
        return Money.sum((f.monthly_saving for f in self.findings), self.currency)

    @classmethod
    def of(cls, resources: Iterable[ResourceEstimate], currency: str, **kw: Any) -> Estimate:
        """Build from any iterable of resource estimates."""
        return cls(resources=tuple(resources), currency=currency, **kw)
