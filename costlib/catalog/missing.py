"""Work out what an estimate could not price, and which parts of the providers' price lists would fill it.

Pure: it reads the public :class:`~costlib.models.Estimate` model (each ``price_not_found`` component's
:class:`~costlib.models.PriceQuery`) and returns :class:`~costlib.catalog.refresh.Part`\\ s to fetch, plus the
queries no live source can answer (said, never dropped).

>>> from costlib.models import PriceQuery
>>> plan = plan_fetch([PriceQuery(vendor="azure", service="Storage", region="eastus",
...                               attributes={"productName": "Premium SSD Managed Disks", "skuName": "P10 LRS",
...                                           "meterName": "P10 LRS Disk"})])
>>> [p.name for p in plan.parts]
['azure:Storage:eastus:Consumption']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from costlib.catalog.ingest import produces
from costlib.catalog.ingest.azure import price_type
from costlib.catalog.refresh import Part
from costlib.models import Estimate, PricedComponent, PriceQuery, PurchaseOption, Status

__all__ = ["FetchPlan", "MissingPrice", "missing_prices", "plan_fetch", "stale_parts"]


@dataclass(frozen=True, slots=True)
class MissingPrice:
    """One component an estimate could not price: the resource, the component, its query and the reason."""

    address: str
    component: str
    query: PriceQuery
    message: str


@dataclass(slots=True)
class FetchPlan:
    """The parts to fetch (in a stable order), the query each part is for, and queries no live source answers."""

    parts: list[Part] = field(default_factory=list)
    queries: dict[Part, list[PriceQuery]] = field(default_factory=dict)
    unfetchable: list[tuple[PriceQuery, str]] = field(default_factory=list)


def missing_prices(estimate: Estimate) -> list[MissingPrice]:
    """Every ``price_not_found`` component with a price query, in the estimate's order.

    Resources that are ``price_not_found`` without components (an unknown region, an attribute that cannot be
    read) have nothing a price list could fill; :func:`unpriceable` lists them.

    >>> from costlib.catalog import InMemoryCatalog
    >>> from costlib import ResourceSpec, estimate
    >>> est = estimate([ResourceSpec(address="nat", type="aws_nat_gateway", provider="aws", region="us-west-2")],
    ...                catalog=InMemoryCatalog())
    >>> sorted({m.query.service for m in missing_prices(est)})
    ['AmazonEC2']
    """
    out = []
    for res in estimate.resources:
        for comp in res.components:
            if comp.status is Status.PRICE_NOT_FOUND and comp.component.query is not None:
                out.append(MissingPrice(res.address, comp.name, comp.component.query, comp.message or ""))
    return out


def unpriceable(estimate: Estimate) -> list[tuple[str, str]]:
    """``(address, reason)`` of resources without a price that no fetch can fill (no price query to answer).

    >>> from costlib.models import Estimate
    >>> unpriceable(Estimate.of([], "USD"))
    []
    """
    return [(r.address, r.message or "price not found") for r in estimate.resources
            if r.status is Status.PRICE_NOT_FOUND and not any(_has_query(c) for c in r.components)]


def _has_query(comp: PricedComponent) -> bool:
    return comp.status is Status.PRICE_NOT_FOUND and comp.component.query is not None


def _part(query: PriceQuery, aws_source: str) -> Part | str:
    if query.vendor == "aws" and query.purchase_option == PurchaseOption.SPOT:
        return "AWS spot prices are not in the AWS Price List (they change by the hour)"
    if not produces(query, live=True):
        return (f"no live price source gives {query.vendor} {query.service} prices by "
                f"{', '.join(sorted(query.attrs)) or 'no attributes'}"
                f"{' in family ' + query.product_family if query.product_family else ''} (pricing/CONVENTIONS.md)")
    if query.vendor == "aws":
        if query.purchase_option == PurchaseOption.SAVINGS_PLAN:
            return Part("aws", query.service, query.region, "savings_plan")
        if aws_source == "query":
            filters = [(k, v) for k, v in sorted(query.attrs.items()) if k not in ("usagetype", "operation")]
            if query.product_family:
                filters.append(("productFamily", query.product_family))
            return Part("aws", query.service, query.region, "query", tuple(sorted(filters)))
        return Part("aws", query.service, query.region)
    if query.vendor == "azure":
        return Part("azure", query.service, query.region, price_type(query.purchase_option))
    if query.vendor == "gcp":
        return Part("gcp", query.service)
    return f"unknown provider {query.vendor!r}"


def plan_fetch(queries: Iterable[PriceQuery], *, aws_source: str = "bulk") -> FetchPlan:
    """The parts that hold ``queries``' prices (each once), and the queries no live source answers.

    ``aws_source`` is ``bulk`` (the regional offer files, no credentials) or ``query`` (the Query API, filtered
    by the query's attributes: much less to download, needs AWS credentials).

    >>> from costlib.models import PriceQuery
    >>> q = PriceQuery(vendor="aws", service="AWSLambda", region="us-west-2", attributes={"usagetype": "Request"})
    >>> [p.name for p in plan_fetch([q, q]).parts]
    ['aws:AWSLambda:us-west-2']
    """
    plan = FetchPlan()
    for query in queries:
        part = _part(query, aws_source)
        if isinstance(part, str):
            if all(q != query for q, _ in plan.unfetchable):
                plan.unfetchable.append((query, part))
            continue
        if part not in plan.queries:
            plan.parts.append(part)
            plan.queries[part] = []
        if query not in plan.queries[part]:
            plan.queries[part].append(query)
    return plan


def stale_parts(parts: Sequence[Part], fetched: dict[str, datetime], *, now: datetime,
                max_age: timedelta) -> tuple[list[Part], list[Part]]:
    """``(to_fetch, fresh)``: a part whose source was fetched within ``max_age`` is not fetched again.

    ``fetched`` maps source names (:attr:`Part.source`) to when they were fetched (the catalog's sources).

    >>> from datetime import UTC
    >>> p = Part("aws", "AmazonS3", "us-west-2")
    >>> now = datetime(2026, 11, 25, tzinfo=UTC)
    >>> stale_parts([p], {p.source: now - timedelta(days=1)}, now=now, max_age=timedelta(days=7))[1] == [p]
    True
    """
    todo: list[Part] = []
    fresh: list[Part] = []
    for part in parts:
        when = fetched.get(part.source)
        (fresh if when is not None and now - when <= max_age else todo).append(part)
    return todo, fresh
