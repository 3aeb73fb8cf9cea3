"""Fetch exactly what an estimate lacks: `costlib pricing refresh --for` and `costlib estimate --fetch-missing`
against a loopback server replaying recorded pages, including a network that goes away half way."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from costlib.catalog.default import default_catalog_path, merged_catalog_path, refreshed_catalog_path
from costlib.catalog.missing import missing_prices, plan_fetch, stale_parts, unpriceable
from costlib.catalog.refresh import Part, RefreshSettings, refresh_parts
from costlib.catalog.rows import PriceRow
from costlib.catalog.store import CatalogWriter, SQLiteCatalog
from costlib.cli.main import cli
from costlib.models import PriceQuery
from tests.catalog.loopback import cut, ok, serve, status

REPO = Path(__file__).resolve().parents[2]

SPEC = """resources:
  - name: worker
    type: azurerm_linux_virtual_machine
    provider: azure
    region: francecentral
    attributes: {size: Standard_D2s_v3}
  - name: gpu
    type: aws_instance
    provider: aws
    region: us-east-1
    attributes: {instance_type: p4d.24xlarge}
"""


@pytest.fixture
def server() -> Any:
    with serve() as pair:
        yield pair


@pytest.fixture
def samples(shared_data: Path) -> Path:
    return shared_data / "pricing-samples"


def empty_catalog(path: Path) -> Path:
    with CatalogWriter(path) as writer:
        writer.add(PriceRow(vendor="gcp", service="Compute Engine", region="us-central1", attributes={"x": "y"},
                            unit="h", price=Decimal("1"), currency="USD", effective_date=date(2020, 1, 1),
                            source="seed"))
    return path


def vm_page(samples: Path) -> bytes:
    items = json.load(gzip.open(samples / "azure/retail-api/terracost-vm-francecentral-2021-11-items.json.gz"))["items"]
    return json.dumps({"Items": [i for i in items if i["type"] == "Consumption"], "NextPageLink": None}).encode()


def aws_routes(replay: Any, samples: Path) -> None:
    index = json.loads((samples / "aws/bulk-offer-index-excerpt.json").read_text())
    replay.add("/offers/v1.0/aws/index.json", ok(json.dumps(index)))
    url = "/offers/v1.0/aws/AmazonEC2/20240528203522/us-east-1/index.json"
    replay.add(index["offers"]["AmazonEC2"]["currentRegionIndexUrl"],
               ok(json.dumps({"regions": {"us-east-1": {"regionCode": "us-east-1", "currentVersionUrl": url}}})))
    replay.add(url, ok((samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()))


VMS = "/api/retail/prices?$filter=serviceName eq 'Virtual Machines' and armRegionName eq 'francecentral' and " \
      "priceType eq 'Consumption'"
DISKS = "/api/retail/prices?$filter=serviceName eq 'Storage' and armRegionName eq 'francecentral' and " \
        "priceType eq 'Consumption'"


def env(base: str, tmp_path: Path) -> dict[str, str]:
    return {"COSTLIB_AWS_PRICING_URL": base, "COSTLIB_AZURE_PRICES_URL": f"{base}/api/retail/prices",
            "COSTLIB_CACHE_DIR": str(tmp_path / "cache")}


def test_plan_fetch_maps_queries_to_parts_and_says_what_cannot_be_fetched() -> None:
    qs = [PriceQuery(vendor="aws", service="AmazonEC2", region="us-west-2", product_family="Compute Instance",
                     attributes={"instanceType": "m5.large"}, purchase_option="spot"),
          PriceQuery(vendor="aws", service="AmazonEC2", region="us-west-2", attributes={"usagetype": "BoxUsage:m5"},
                     purchase_option="savings_plan"),
          PriceQuery(vendor="azure", service="Virtual Machines", region="eastus", purchase_option="reserved",
                     attributes={"armSkuName": "Standard_D2s_v5", "os": "Linux"}),
          PriceQuery(vendor="gcp", service="Cloud SQL", region="europe-west4",
                     attributes={"resource": "vcpu", "availability": "ZONAL"}),
          PriceQuery(vendor="gcp", service="Compute Engine", region="europe-west4", product_family="Network",
                     attributes={"resource": "egress-internet", "destination": "worldwide"})]
    plan = plan_fetch(qs)
    assert [p.name for p in plan.parts] == ["aws:AmazonEC2:us-west-2:savings_plan",
                                            "azure:Virtual Machines:eastus:Reservation", "gcp:Cloud SQL"]
    reasons = {q.purchase_option + ":" + q.service: why for q, why in plan.unfetchable}
    assert "spot prices are not in the AWS Price List" in reasons["spot:AmazonEC2"]
    assert "no live price source" in reasons["on_demand:Compute Engine"]
    query_plan = plan_fetch([*qs[3:4], PriceQuery(vendor="aws", service="AmazonRDS", region="us-west-2", product_family="Database Instance", attributes={"instanceType": "db.t3.large"})], aws_source="query")
    assert query_plan.parts[1] == Part("aws", "AmazonRDS", "us-west-2", "query",
                                       (("instanceType", "db.t3.large"), ("productFamily", "Database Instance")))


def test_stale_parts_skips_what_was_fetched_recently() -> None:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    old, new = Part("aws", "AmazonS3", "us-west-2"), Part("aws", "AWSLambda", "us-west-2")
    todo, fresh = stale_parts([old, new], {old.source: now - timedelta(days=30), new.source: now - timedelta(hours=1)},
                              now=now, max_age=timedelta(days=7))
    assert (todo, fresh) == ([old], [new])


@pytest.mark.shared_data
def test_refresh_for_fetches_only_the_missing_parts_and_prices_again(server: Any, samples: Path,
                                                                     tmp_path: Path) -> None:
    base, replay = server
    replay.add(VMS, ok(vm_page(samples)))
    replay.add(DISKS, ok(json.dumps({"Items": [], "NextPageLink": None})))  # no recorded disk page for francecentral
    aws_routes(replay, samples)
    spec = tmp_path / "env.yaml"
    spec.write_text(SPEC)
    catalog = empty_catalog(tmp_path / "mine.sqlite")
    result = CliRunner().invoke(cli, ["pricing", "refresh", "--for", str(spec), "--catalog", str(catalog),
                                      "--aws-source", "bulk"], env=env(base, tmp_path))
    assert result.exit_code == 0, result.output
    # the VM hour and its OS disk (Storage) in francecentral, the instance and its root volume in us-east-1
    assert replay.queries[0]["$filter"] == ["serviceName eq 'Virtual Machines' and armRegionName eq 'francecentral' "
                                            "and priceType eq 'Consumption'"]
    assert "azure:Virtual Machines:francecentral:Consumption:" in result.output
    assert "aws:AmazonEC2:us-east-1:" in result.output
    # the recorded pages hold no disk meters and no EBS volume: still missing, and said
    assert "still missing: worker: OS disk" in result.output
    assert "still missing: gpu: Root volume" in result.output
    cat = SQLiteCatalog(catalog)
    assert cat.lookup(PriceQuery(vendor="azure", service="Virtual Machines", region="francecentral",
                                 attributes={"armSkuName": "Standard_D2s_v3", "os": "Linux"})) is not None
    hits = len(replay.hits)
    again = CliRunner().invoke(cli, ["pricing", "refresh", "--for", str(spec), "--catalog", str(catalog),
                                     "--aws-source", "bulk"], env=env(base, tmp_path))
    assert again.exit_code == 0, again.output
    assert "not fetched again (--max-age)" in again.output
    assert len(replay.hits) == hits  # every part was fetched within --max-age: nothing asked again


@pytest.mark.shared_data
def test_network_lost_half_way_keeps_what_was_fetched_and_says_what_is_missing(server: Any, samples: Path,
                                                                               tmp_path: Path) -> None:
    base, replay = server
    body = vm_page(samples)
    # the VM page arrives; then every connection is cut mid-body (the network is going away)
    replay.add(VMS, ok(body))
    replay.add(DISKS, cut(body, 100))
    aws_routes(replay, samples)
    replay.add("/offers/v1.0/aws/index.json", cut(b"{" * 500, 10))
    spec = tmp_path / "env.yaml"
    spec.write_text(SPEC)
    catalog = empty_catalog(tmp_path / "mine.sqlite")
    result = CliRunner().invoke(cli, ["pricing", "refresh", "--for", str(spec), "--catalog", str(catalog),
                                      "--aws-source", "bulk"], env=env(base, tmp_path))
    assert result.exit_code == 1, result.output
    assert "azure:Storage:francecentral:Consumption: FAILED" in result.output
    assert "aws:AmazonEC2:us-east-1: not fetched" in result.output or \
        "aws:AmazonEC2:us-east-1: FAILED: not fetched" in result.output
    assert "still missing: gpu: Instance usage" in result.output
    assert "catalog updated" in result.output
    cat = SQLiteCatalog(catalog)  # what was fetched before the cut is kept
    assert cat.covers("azure", "Virtual Machines", "francecentral")
    assert not cat.covers("aws", "AmazonEC2", "us-east-1")


@pytest.mark.shared_data
@pytest.mark.slow
def test_estimate_fetch_missing_in_a_subprocess(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    replay.add(VMS, ok(vm_page(samples)))
    aws_routes(replay, samples)
    spec = tmp_path / "env.yaml"
    spec.write_text(SPEC)
    catalog = empty_catalog(tmp_path / "mine.sqlite")
    # no AWS credentials and no instance metadata: --aws-source auto takes the bulk files, nothing leaves loopback
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    run_env.update(env(base, tmp_path), AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE=str(tmp_path / "none"),
                   AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"))
    before = subprocess.run([sys.executable, "-m", "costlib", "estimate", str(spec), "--catalog", str(catalog),
                             "--format", "json"], capture_output=True, text=True, env=run_env, check=True)
    assert json.loads(before.stdout)["summary"]["priced"] == 0
    after = subprocess.run([sys.executable, "-m", "costlib", "estimate", str(spec), "--catalog", str(catalog),
                            "--format", "json", "--fetch-missing"], capture_output=True, text=True, env=run_env,
                           check=True)
    doc = json.loads(after.stdout)  # stdout is the estimate alone; what was fetched is on stderr
    vm = next(r for r in doc["resources"] if r["address"] == "worker")
    hour = next(c for c in vm["components"] if c["name"].startswith("Virtual machine"))
    assert hour["status"] == "priced"
    assert "fetching 3 part(s)" in after.stderr and "still missing" in after.stderr


@pytest.mark.shared_data
def test_overlay_is_laid_over_the_embedded_catalog_newest_date_wins(server: Any, samples: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COSTLIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COSTLIB_CATALOG", raising=False)
    base, replay = server
    aws_routes(replay, samples)
    # a later Retail Prices item in the documented shape (no recorded page is dated after the embedded table)
    later = {"currencyCode": "USD", "tierMinimumUnits": 0, "unitPrice": 0.2, "retailPrice": 0.2,
             "armRegionName": "eastus", "effectiveStartDate": "2027-01-01T00:00:00Z", "meterId": "m",
             "meterName": "D2s v5", "productName": "Virtual Machines Dsv5 Series", "skuName": "D2s v5",
             "serviceName": "Virtual Machines", "serviceFamily": "Compute", "unitOfMeasure": "1 Hour",
             "type": "Consumption", "armSkuName": "Standard_D2s_v5", "skuId": "X/1"}
    replay.add("/api/retail/prices", ok(json.dumps({"Items": [later], "NextPageLink": None})))
    s = RefreshSettings(aws_base=base, azure_base=f"{base}/api/retail/prices", attempts=2, backoff=0.01,
                        sleep=lambda _s: None)
    overlay = refreshed_catalog_path()
    refresh_parts(overlay, [Part("aws", "AmazonEC2", "us-east-1"), Part("azure", "Virtual Machines", "eastus")],
                  settings=s)
    assert SQLiteCatalog(overlay).counts()  # the overlay holds only what was fetched
    assert {v for v, *_ in SQLiteCatalog(overlay).counts()} == {"aws", "azure"}
    assert default_catalog_path() == merged_catalog_path(overlay)
    cat = SQLiteCatalog(default_catalog_path())
    p4d = cat.lookup(PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1",
                                attributes={"instanceType": "p4d.24xlarge", "tenancy": "Shared"}))
    assert p4d is not None and p4d.source == "karpenter-aws"  # the embedded 2026 price is newer than the 2024 file
    d2 = cat.lookup(PriceQuery(vendor="azure", service="Virtual Machines", region="eastus",
                               attributes={"armSkuName": "Standard_D2s_v5", "os": "Linux"}))
    assert d2 is not None and d2.unit_price.amount == Decimal("0.2") and d2.source.startswith("azure-retail")
    assert "aws-bulk:AmazonEC2:us-east-1" in {x.name for x in cat.sources()}
    first = default_catalog_path()
    refresh_parts(overlay, [Part("azure", "Virtual Machines", "eastus")], settings=s)
    assert default_catalog_path() != first and not first.exists()  # a new overlay: a new merged view


def test_missing_prices_and_unpriceable_read_the_public_models() -> None:
    from costlib import ResourceSpec, estimate

    cat = SQLiteCatalog(empty_catalog(Path(os.environ.get("TMPDIR", "/tmp")) / f"costlib-empty-{os.getpid()}.sqlite"))
    est = estimate([ResourceSpec(address="a", type="aws_instance", provider="aws", region="us-east-1",
                                 attributes={"instance_type": "m5.large"}),
                    ResourceSpec(address="b", type="aws_instance", provider="aws", region="us-east-1",
                                 attributes={})], catalog=cat)
    missing = missing_prices(est)
    assert {m.address for m in missing} == {"a"} and all(m.query.service == "AmazonEC2" for m in missing)
    assert [a for a, _ in unpriceable(est)] == ["b"]
    cat.path.unlink()


def test_refresh_needs_provider_or_for() -> None:
    result = CliRunner().invoke(cli, ["pricing", "refresh"])
    assert result.exit_code == 1 and "--for PLAN_OR_FILE" in result.output
    both = CliRunner().invoke(cli, ["pricing", "refresh", "--for", "x.json", "--provider", "aws"])
    assert both.exit_code == 1 and "without --provider" in both.output


def test_progress_bars_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from costlib.catalog.refresh import NullProgress
    from costlib.cli.pricing import _progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with _progress() as progress:
        assert isinstance(progress, NullProgress)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with _progress() as progress:
        progress.part_started("aws:AmazonEC2:us-east-1", 100)
        progress.advanced("aws:AmazonEC2:us-east-1", 60)
        progress.part_done("aws:AmazonEC2:us-east-1", 3)
        bar = progress.bar  # type: ignore[attr-defined]
        assert bar.tasks[0].description == "aws:AmazonEC2:us-east-1: 3 rows"


def test_status_helper_is_used(server: Any) -> None:  # keeps the loopback helpers honest
    base, replay = server
    replay.add("/x", status(503), ok("{}"))
    import httpx

    assert httpx.get(f"{base}/x").status_code == 503 and httpx.get(f"{base}/x").status_code == 200


def test_cache_key_follows_the_parts_a_plan_needs(tmp_path: Path) -> None:
    def key(region: str) -> str:
        spec = tmp_path / f"{region}.yaml"
        spec.write_text(SPEC.replace("us-east-1", region))
        result = CliRunner().invoke(cli, ["pricing", "refresh", "--for", str(spec), "--cache-key",
                                          "--aws-source", "bulk"], env={"COSTLIB_CACHE_DIR": str(tmp_path / "c")})
        assert result.exit_code == 0, result.output
        return result.output.strip()

    east, west, west_again = key("us-east-1"), key("us-west-2"), key("us-west-2")
    assert east.startswith("costlib-") and east != west and west == west_again
    assert not (tmp_path / "c" / "catalog.sqlite").exists()  # computing the key fetches nothing


def test_corrupt_user_catalog_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from costlib.errors import CatalogError

    monkeypatch.setenv("COSTLIB_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COSTLIB_CATALOG", raising=False)
    refreshed_catalog_path().write_bytes(b"not a catalog")
    with pytest.raises(CatalogError, match="catalog.sqlite.*remove it to use the embedded catalog"):
        default_catalog_path()


def test_merge_keeps_the_newest_date_per_product(tmp_path: Path) -> None:
    def row(price: str, day: date, source: str) -> PriceRow:
        return PriceRow(vendor="aws", service="AmazonS3", region="us-west-2", attributes={"usagetype": "Requests-Tier1"},
                        unit="Requests", price=Decimal(price), currency="USD", effective_date=day, source=source)

    with CatalogWriter(tmp_path / "base.sqlite") as w:
        w.add(row("0.000005", date(2026, 1, 1), "base"))
    with CatalogWriter(tmp_path / "older.sqlite") as w:
        w.add(row("0.000004", date(2025, 1, 1), "older"))
    with CatalogWriter(tmp_path / "newer.sqlite") as w:
        w.add(row("0.000006", date(2027, 1, 1), "newer"))
    q = PriceQuery(vendor="aws", service="AmazonS3", region="us-west-2", attributes={"usagetype": "Requests-Tier1"})
    for other, expect in (("older", "base"), ("newer", "newer")):
        with CatalogWriter(tmp_path / f"m-{other}.sqlite", base=tmp_path / "base.sqlite") as w:
            w.merge(tmp_path / f"{other}.sqlite")
        assert SQLiteCatalog(tmp_path / f"m-{other}.sqlite").lookup(q).source == expect  # type: ignore[union-attr]


def test_aws_source_auto_takes_the_query_api_only_with_credentials(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from costlib.cli.pricing import _aws_source

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    assert _aws_source("auto") == "bulk"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    assert _aws_source("auto") == "query" and _aws_source("bulk") == "bulk"
