"""SQLite catalog: exact and subset matching, ambiguity, missing region/service, atomic writes."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from costlib.catalog import InMemoryCatalog, PriceCatalog
from costlib.catalog.rows import PriceRow
from costlib.catalog.store import CatalogWriter, LookupOutcome, SourceInfo, SQLiteCatalog
from costlib.errors import CatalogError, InputError
from costlib.models import PriceQuery
from costlib.money import Money


def row(**kw: object) -> PriceRow:
    base: dict[str, object] = dict(vendor="aws", service="AmazonEC2", region="us-east-1",
                                   product_family="Compute Instance",
                                   attributes={"instanceType": "m5.large", "operatingSystem": "Linux"},
                                   unit="Hrs", price=Decimal("0.096"), currency="USD",
                                   effective_date=date(2024, 4, 4), source="a")
    base.update(kw)
    return PriceRow(**base)  # type: ignore[arg-type]


@pytest.fixture
def catalog(tmp_path: Path) -> SQLiteCatalog:
    path = tmp_path / "c.sqlite"
    with CatalogWriter(path) as w:
        w.add(row())
        w.add(row(attributes={"instanceType": "m5.large", "operatingSystem": "Windows"}, price=Decimal("0.188")))
        w.add(row(attributes={"instanceType": "t3.micro", "operatingSystem": "Linux"}, price=Decimal("0.0104")))
        w.add(row(product_family="Storage", attributes={"volumeApiName": "gp3"}, unit="GB-Mo", price=Decimal("0.08")))
        w.add(row(service="AmazonS3", product_family="Storage", attributes={"usagetype": "TimedStorage-ByteHrs"},
                  unit="GB-Mo", price=Decimal("0.023"),
                  tiers=((Decimal(0), Decimal(51200), Decimal("0.023")), (Decimal(51200), None, Decimal("0.022")))))
        w.add_source(SourceInfo("a", "aws", "test", "https://example.invalid", "MIT", date(2024, 4, 4), "now", False))
    return SQLiteCatalog(path)


def q(**kw: object) -> PriceQuery:
    base: dict[str, object] = dict(vendor="aws", service="AmazonEC2", region="us-east-1")
    base.update(kw)
    return PriceQuery(**base)  # type: ignore[arg-type]


def test_is_a_price_catalog(catalog: SQLiteCatalog) -> None:
    assert isinstance(catalog, PriceCatalog)
    assert isinstance(InMemoryCatalog(), PriceCatalog)


def test_exact_match(catalog: SQLiteCatalog) -> None:
    price = catalog.lookup(q(product_family="Compute Instance",
                             attributes={"instanceType": "m5.large", "operatingSystem": "Linux"}))
    assert price is not None
    assert price.unit_price == Money("0.096", "USD")
    assert price.effective_date == date(2024, 4, 4)
    assert price.source == "a"


def test_subset_match_and_ambiguity(catalog: SQLiteCatalog) -> None:
    found = catalog.explain(q(attributes={"instanceType": "t3.micro"}))
    assert found.outcome is LookupOutcome.FOUND
    amb = catalog.explain(q(attributes={"instanceType": "m5.large"}))
    assert amb.outcome is LookupOutcome.AMBIGUOUS
    assert amb.price is None
    assert "2 prices match" in (amb.message or "")
    assert "operatingSystem" in (amb.message or "")


def test_missing_says_why_and_names_refresh(catalog: SQLiteCatalog) -> None:
    nf = catalog.explain(q(attributes={"instanceType": "x9.huge"}))
    assert nf.outcome is LookupOutcome.NOT_FOUND
    reg = catalog.explain(q(region="ap-south-2", attributes={"instanceType": "m5.large"}))
    assert reg.outcome is LookupOutcome.REGION_MISSING
    assert "costlib pricing refresh --provider aws --region ap-south-2 --service 'AmazonEC2'" in (reg.message or "")
    svc = catalog.explain(q(service="AWSLambda"))
    assert svc.outcome is LookupOutcome.SERVICE_MISSING


def test_tiers_round_trip(catalog: SQLiteCatalog) -> None:
    price = catalog.lookup(q(service="AmazonS3", attributes={"usagetype": "TimedStorage-ByteHrs"}))
    assert price is not None
    assert [t.start for t in price.tiers] == [0, 51200]
    assert price.cost_for(Decimal(51300)) == Money(Decimal(51200) * Decimal("0.023") + 100 * Decimal("0.022"), "USD")


def test_batch_lookup_keeps_order(catalog: SQLiteCatalog) -> None:
    a = q(attributes={"instanceType": "t3.micro"})
    b = q(attributes={"instanceType": "nope"})
    out = catalog.lookup_many([a, b, a])
    assert out[0] is not None and out[1] is None and out[2] == out[0]


def test_newest_source_wins(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with CatalogWriter(path) as w:
        w.add(row(price=Decimal("0.2"), effective_date=date(2026, 1, 1), source="new"))
        w.add(row(price=Decimal("0.1"), effective_date=date(2023, 1, 1), source="old"))
    price = SQLiteCatalog(path).lookup(q(attributes={"instanceType": "m5.large", "operatingSystem": "Linux"}))
    assert price is not None and price.source == "new" and price.unit_price.amount == Decimal("0.2")


def test_failed_build_leaves_old_catalog(tmp_path: Path, catalog: SQLiteCatalog) -> None:
    before = catalog.path.read_bytes()
    with pytest.raises(RuntimeError), CatalogWriter(catalog.path, base=catalog.path) as w:
        w.add(row(price=Decimal("9")))
        raise RuntimeError("boom mid-build")
    assert catalog.path.read_bytes() == before
    assert not list(tmp_path.glob(".c.sqlite.*"))


def test_refresh_keeps_other_sources(tmp_path: Path, catalog: SQLiteCatalog) -> None:
    with CatalogWriter(catalog.path, base=catalog.path, replace_sources=["b"]) as w:
        w.add(row(attributes={"instanceType": "c5.large", "operatingSystem": "Linux"}, source="b",
                  effective_date=date(2026, 1, 1)))
    fresh = SQLiteCatalog(catalog.path)
    assert fresh.lookup(q(attributes={"instanceType": "c5.large"})) is not None
    assert fresh.lookup(q(attributes={"instanceType": "t3.micro"})) is not None
    assert fresh.price_date() == date(2026, 1, 1)


def test_open_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        SQLiteCatalog(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CatalogError, match="not a costlib price catalog"):
        SQLiteCatalog(junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).executescript("CREATE TABLE meta (key TEXT, value TEXT); "
                                         "INSERT INTO meta VALUES ('schema_version', '99');")
    with pytest.raises(CatalogError, match="schema 99"):
        SQLiteCatalog(other)


@pytest.mark.parametrize(("field", "value", "match"), [
    ("currency", "XYZ", "unknown currency"), ("price", Decimal("-1"), "negative"),
    ("price", Decimal("NaN"), "finite")])
def test_bad_rows_refused(field: str, value: object, match: str) -> None:
    with pytest.raises(InputError, match=match):
        row(**{field: value})


def test_metadata(catalog: SQLiteCatalog) -> None:
    assert catalog.price_date() == date(2024, 4, 4)
    assert catalog.catalog_date() is not None
    assert [s.name for s in catalog.sources()] == ["a"]
    assert catalog.covers("aws", "AmazonEC2", "us-east-1")
    assert ("aws", "us-east-1", "AmazonEC2", 4, "2024-04-04", "2024-04-04", False) in catalog.counts()


def test_coverage_is_every_vendor_service_region_the_file_holds(tmp_path: Path) -> None:
    """What a catalog prices is read by seeking from group to group of the primary key, not by a scan of every row:
    the same set as ``SELECT DISTINCT``, with groups that share prefixes, one-row groups and an empty catalog."""
    from costlib.catalog.default import default_catalog_path
    from costlib.catalog.store import _coverage

    path = tmp_path / "many.sqlite"
    with CatalogWriter(path) as w:
        for vendor, service, region in [("aws", "AmazonEC2", "us-east-1"), ("aws", "AmazonEC2", "eu-west-1"),
                                        ("aws", "AmazonS3", "us-east-1"), ("aws", "AmazonEC2", "us-east-1a"),
                                        ("azure", "Virtual Machines", "westeurope"), ("gcp", "Compute", "us-east1"),
                                        ("gcp", "Compute Engine", "us-east1")]:
            for size in ("m5.large", "t3.micro"):
                w.add(row(vendor=vendor, service=service, region=region,
                          attributes={"instanceType": size, "operatingSystem": "Linux"}))
    empty = tmp_path / "empty.sqlite"
    with CatalogWriter(empty):
        pass
    for file in (path, empty, default_catalog_path()):
        conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            expected = set(conn.execute("SELECT DISTINCT vendor, service, region FROM prices"))
            assert _coverage(conn) == expected
        finally:
            conn.close()
    assert SQLiteCatalog(path).regions("aws") == {"us-east-1", "eu-west-1", "us-east-1a"}
    assert len(SQLiteCatalog(path).services("gcp")) == 2


def test_without_reasons_the_outcome_and_price_are_the_same_and_no_names_are_searched(catalog: SQLiteCatalog,
                                                                                     monkeypatch: pytest.MonkeyPatch
                                                                                     ) -> None:
    """``reasons=False`` (the savings rules' alternatives, ``lookup_many``): a subset match still finds its price
    and every miss keeps its outcome; only the search for the nearest names (difflib over the group) is skipped."""
    import costlib.catalog.store as store

    queries = [q(attributes={"instanceType": "t3.micro"}),  # found by a subset of its attributes
               q(product_family="Compute Instance", attributes={"instanceType": "m5.large", "operatingSystem": "Linux"}),
               q(attributes={"instanceType": "m5.large"}),  # ambiguous
               q(attributes={"instanceType": "x9.huge"}),  # not found
               q(region="ap-south-2", attributes={"instanceType": "m5.large"}),  # region missing
               q(region="us-east-2", attributes={"instanceType": "m5.large"}),
               q(service="AWSLambda")]  # service missing
    full = catalog.explain_many(queries)
    searched: list[str] = []
    real = store.nearest
    monkeypatch.setattr(store, "nearest", lambda value, *a, **k: searched.append(value) or real(value, *a, **k))
    short = catalog.explain_many(queries, reasons=False)
    assert [(r.outcome, r.price) for r in short] == [(r.outcome, r.price) for r in full]
    assert searched == [] and all("did you mean" not in (r.message or "") for r in short)
    assert [p is not None for p in catalog.lookup_many(queries)] == [r.price is not None for r in full]
    assert searched == []
