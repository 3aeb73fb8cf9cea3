"""Small constructors for price queries and components used by the cost functions."""

from __future__ import annotations

import functools
from decimal import Decimal

from costlib.models import CostComponent, PriceQuery

__all__ = ["HOURLY", "aws", "azure", "gcp", "hourly", "monthly", "running", "unmodelled", "usage_based"]

HOURLY = Decimal(1)


@functools.lru_cache(maxsize=1 << 16)
def _query(vendor: str, service: str, region: str, family: str | None, unit: str | None, option: str,
           term: str | None, attrs: tuple[tuple[str, str], ...]) -> PriceQuery:
    """Queries repeat across resources (the same size in the same region): built once, shared (frozen)."""
    return PriceQuery(vendor=vendor, service=service, region=region, product_family=family, attributes=attrs,
                      unit=unit, purchase_option=option, term=term)


def aws(service: str, region: str, family: str | None = None, *, unit: str | None = None,
        option: str = "on_demand", term: str | None = None, **attrs: str) -> PriceQuery:
    return _query("aws", service, region, family, unit, option, term, tuple(attrs.items()))


def azure(service: str, region: str, family: str | None = None, *, unit: str | None = None,
          option: str = "on_demand", term: str | None = None, **attrs: str) -> PriceQuery:
    return _query("azure", service, region, family, unit, option, term, tuple(attrs.items()))


def gcp(service: str, region: str, family: str | None = None, *, unit: str | None = None,
        option: str = "on_demand", term: str | None = None, **attrs: str) -> PriceQuery:
    return _query("gcp", service, region, family, unit, option, term, tuple(attrs.items()))


def hourly(name: str, query: PriceQuery, count: Decimal = HOURLY, *, unit: str = "hours",
           discount: Decimal = Decimal(0), note: str | None = None) -> CostComponent:
    """A component billed per hour, running all month (``count`` at once)."""
    return CostComponent(name=name, unit=unit, hourly_quantity=count, query=query, discount=discount, note=note)


def monthly(name: str, query: PriceQuery, quantity: Decimal, *, unit: str, free: Decimal = Decimal(0),
            note: str | None = None) -> CostComponent:
    """A component billed per unit per month (GB-months, IOPS-months, requests)."""
    return CostComponent(name=name, unit=unit, monthly_quantity=quantity, query=query, free_quantity=free, note=note)


def usage_based(name: str, query: PriceQuery, quantity: Decimal | None, *, unit: str, usage_key: str,
                free: Decimal = Decimal(0), note: str | None = None) -> CostComponent:
    """A component whose monthly quantity comes from usage; without it, the price per unit is shown."""
    return CostComponent(name=name, unit=unit, monthly_quantity=quantity, query=query, usage_key=usage_key,
                         free_quantity=free, note=note)


def running(name: str, query: PriceQuery, count: Decimal = HOURLY, hours: Decimal | None = None, *,
            unit: str = "hours", discount: Decimal = Decimal(0), note: str | None = None) -> CostComponent:
    """``count`` things billed by the hour: all month (730 h) unless ``hours`` (a usage file's ``monthly_hrs``)."""
    if hours is None:
        return hourly(name, query, count, unit=unit, discount=discount, note=note)
    return CostComponent(name=name, unit=unit, monthly_quantity=count * hours, query=query, discount=discount,
                         note=note)


def unmodelled(name: str, why: str) -> CostComponent:
    """A billable part costlib does not price yet: said in the estimate, which is then only partly priced."""
    return CostComponent(name=name, unit="", query=None, unmodelled=why)
