"""A price that is not found because of a typo is answered with the nearest names the catalog holds (the
explain path of the SQLite catalog: sizes, SKUs, services, regions), never with a guess from far away."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from costlib.catalog.rows import PriceRow
from costlib.catalog.store import CatalogWriter, LookupOutcome, SQLiteCatalog, nearest
from costlib.models import PriceQuery


def _row(size: str, os: str, price: str, region: str = "us-east-1") -> PriceRow:
    return PriceRow(vendor="aws", service="AmazonEC2", region=region, product_family="Compute Instance",
                    attributes={"instanceType": size, "operatingSystem": os}, unit="Hrs", price=Decimal(price),
                    currency="USD", effective_date=date(2026, 7, 1), source="test")


@pytest.fixture
def catalog(tmp_path: Path) -> SQLiteCatalog:
    with CatalogWriter(tmp_path / "c.sqlite") as w:
        for size, os, price in (("m5.large", "Linux", "0.096"), ("m5.xlarge", "Linux", "0.192"),
                                ("m5.large", "Windows", "0.188"), ("m5d.larger", "Windows", "0.5"),
                                ("c5.large", "Linux", "0.085")):
            w.add(_row(size, os, price))
        w.add(_row("m5.large", "Linux", "0.1", region="eu-west-1"))
    return SQLiteCatalog(tmp_path / "c.sqlite")


def _query(size: str, *, os: str = "Linux", service: str = "AmazonEC2", region: str = "us-east-1") -> PriceQuery:
    return PriceQuery(vendor="aws", service=service, region=region, product_family="Compute Instance",
                      attributes={"instanceType": size, "operatingSystem": os})


def test_a_mistyped_size_gets_the_nearest_sizes_that_fit_the_rest_of_the_query(catalog: SQLiteCatalog) -> None:
    result = catalog.explain(_query("m5.larg"))
    assert result.outcome is LookupOutcome.NOT_FOUND and result.message is not None
    assert "instanceType 'm5.larg' is not in the catalog here, did you mean m5.large, m5.xlarge or c5.large?" \
        in result.message
    assert "m5d.larger" not in result.message  # held for Windows only: not an answer to a Linux query
    windows = catalog.explain(_query("m5.larg", os="Windows")).message or ""
    assert "did you mean m5.large or m5d.larger?" in windows
    assert "costlib pricing refresh --provider aws" in result.message  # a newer size may need a refresh


def test_the_batch_path_used_by_estimates_says_the_same(catalog: SQLiteCatalog) -> None:
    (result,) = catalog.explain_many([_query("m5.larg")])
    assert result.message == catalog.explain(_query("m5.larg")).message


def test_a_known_value_in_an_unknown_combination_gets_no_guess(catalog: SQLiteCatalog) -> None:
    message = catalog.explain(_query("c5.large", os="Windows")).message or ""
    assert "did you mean" not in message and "check the size/SKU name" in message


def test_services_and_regions(catalog: SQLiteCatalog) -> None:
    service = catalog.explain(_query("m5.large", service="EC2")).message or ""
    assert "services go by their catalog code: did you mean AmazonEC2?" in service
    region = catalog.explain(_query("m5.large", region="eu-west1")).message or ""
    assert "in region eu-west1 (did you mean eu-west-1?)" in region
    assert catalog.service_alias("aws", "ec2") == "AmazonEC2" and catalog.service_alias("aws", "S3") is None
    assert catalog.services("aws") == ["AmazonEC2"]


def test_nearest_prefers_case_then_the_bare_name_then_containment_then_spelling() -> None:
    assert nearest("amazonec2", ["AmazonEC2", "AmazonEC3"]) == ["AmazonEC2", "AmazonEC3"]
    assert nearest("lambda", ["AWSLambda", "AmazonLambdaEdge"]) == ["AWSLambda", "AmazonLambdaEdge"]
    assert nearest("Glue", ["AWSELB"], cutoff=0.75) == []
    assert nearest("n2-standrd-4", ["n2-standard-4", "n2-standard-48", "e2-micro"], n=1) == ["n2-standard-4"]
