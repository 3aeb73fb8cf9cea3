"""Core value objects: validated once at construction, frozen, exact."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from costlib.catalog import InMemoryCatalog, PriceCatalog
from costlib.errors import CurrencyMismatchError, InputError
from costlib.models import (
    CostComponent,
    Estimate,
    Price,
    PriceQuery,
    PriceTier,
    ResourceEstimate,
    ResourceSpec,
    Status,
)
from costlib.money import Money

Q = PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1", product_family="Compute Instance",
               attributes={"operatingSystem": "Linux", "instanceType": "m5.large"})


def test_query_normalises_and_hashes() -> None:
    same = PriceQuery(vendor="AWS", service="AmazonEC2", region="us-east-1", product_family="Compute Instance",
                      attributes=(("instanceType", "m5.large"), ("operatingSystem", "Linux")))
    assert same == Q
    assert hash(same) == hash(Q)
    assert Q.attrs == {"instanceType": "m5.large", "operatingSystem": "Linux"}
    assert "instanceType=m5.large" in Q.describe()


def test_query_rejects_unknown_vendor_and_option() -> None:
    with pytest.raises(InputError, match="unknown provider"):
        PriceQuery(vendor="oracle", service="x", region="y")
    with pytest.raises(ValueError, match="spot-ish"):
        PriceQuery(vendor="aws", service="x", region="y", purchase_option="spot-ish")


def test_spec_is_frozen_and_validated() -> None:
    spec = ResourceSpec(address="aws_instance.web", type="aws_instance", provider="aws", region="us-east-1",
                        attributes={"instance_type": "m5.large"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.region = "eu-west-1"  # type: ignore[misc]
    with pytest.raises(TypeError):
        spec.attributes["instance_type"] = "x"  # type: ignore[index]
    with pytest.raises(InputError, match="needs an address"):
        ResourceSpec(address="", type="aws_instance", provider="aws")
    with pytest.raises(InputError, match="aws_instance.x: unknown provider"):
        ResourceSpec(address="aws_instance.x", type="aws_instance", provider="ibm")


def test_component_quantities() -> None:
    hourly = CostComponent(name="Instance", unit="hours", hourly_quantity=Decimal(2), query=Q)
    assert hourly.monthly_quantity == Decimal(1460)
    usage = CostComponent(name="Requests", unit="1M requests", query=Q, usage_key="monthly_requests")
    assert usage.usage_based
    with pytest.raises(InputError, match="negative"):
        CostComponent(name="x", unit="GB", monthly_quantity=Decimal(-1), query=Q)
    with pytest.raises(InputError, match="discount"):
        CostComponent(name="x", unit="GB", monthly_quantity=Decimal(1), query=Q, discount=Decimal(2))
    with pytest.raises(InputError, match="price query or a fixed price"):
        CostComponent(name="x", unit="GB", monthly_quantity=Decimal(1), query=None)


def test_tiered_price() -> None:
    tiers = (PriceTier(Decimal(51200), None, Money("0.021", "USD")),
             PriceTier(Decimal(0), Decimal(51200), Money("0.023", "USD")))
    p = Price(unit_price=Money("0.023", "USD"), unit="GB-Mo", tiers=tiers, effective_date=date(2024, 1, 1),
              source="aws-bulk")
    assert p.tiers[0].start == 0
    assert p.cost_for(Decimal(100)) == Money("2.300", "USD")
    assert p.cost_for(Decimal(60000)) == Money(Decimal(51200) * Decimal("0.023") + Decimal(8800) * Decimal("0.021"),
                                               "USD")
    assert p.cost_for(Decimal(100), already_used=Decimal(51200)) == Money("2.100", "USD")
    with pytest.raises(CurrencyMismatchError):
        Price(unit_price=Money("1", "USD"), unit="x", tiers=(PriceTier(Decimal(0), None, Money("1", "EUR")),),
              effective_date=date(2024, 1, 1), source="x")
    with pytest.raises(InputError, match="above its start"):
        PriceTier(Decimal(5), Decimal(5), Money("1", "USD"))


def test_estimate_totals_and_summary() -> None:
    spec = ResourceSpec(address="a.b", type="aws_instance", provider="aws", region="us-east-1")
    priced = ResourceEstimate(spec=spec, status=Status.PRICED, monthly_cost=Money("70.08", "USD"))
    free = ResourceEstimate(spec=dataclasses.replace(spec, address="a.c"), status=Status.FREE)
    unsup = ResourceEstimate(spec=dataclasses.replace(spec, address="a.d"), status=Status.UNSUPPORTED)
    est = Estimate.of([priced, free, unsup], "USD", price_date=date(2024, 4, 1))
    assert est.total_monthly_cost == Money("70.08", "USD")
    assert est.summary == {"priced": 1, "free": 1, "usage_based": 0, "unsupported": 1, "price_not_found": 0}
    assert est.total_hourly_cost == Money("0.096", "USD")
    with pytest.raises(CurrencyMismatchError, match=r"a\.b is in USD"):
        Estimate.of([priced], "GBP")


def test_in_memory_catalog_is_a_catalog() -> None:
    price = Price(unit_price=Money("0.096", "USD"), unit="Hrs", effective_date=date(2024, 4, 1), source="t")
    book = InMemoryCatalog({Q: price})
    assert isinstance(book, PriceCatalog)
    assert book.lookup(Q) is price
    other = PriceQuery(vendor="aws", service="AmazonEC2", region="eu-west-1")
    assert book.lookup_many([Q, other]) == [price, None]
    assert book.price_date() == date(2024, 4, 1)
    assert InMemoryCatalog().price_date() is None
