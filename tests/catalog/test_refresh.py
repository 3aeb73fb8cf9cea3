"""Live refresh end to end against a local HTTP server replaying the recorded real responses."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from costlib.catalog.refresh import RefreshSettings, refresh_catalog
from costlib.catalog.store import SQLiteCatalog
from costlib.cli.main import cli
from costlib.errors import InputError, ProviderError, TransientProviderError
from costlib.models import PriceQuery

pytestmark = pytest.mark.shared_data


@dataclass
class Replay:
    """path -> list of (status, body, headers); the last entry repeats."""

    routes: dict[str, list[tuple[int, bytes, dict[str, str]]]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    queries: list[dict[str, list[str]]] = field(default_factory=list)

    def add(self, path: str, *responses: tuple[int, bytes, dict[str, str]]) -> None:
        self.routes[path] = list(responses)


@pytest.fixture
def server() -> Iterator[tuple[str, Replay]]:
    replay = Replay()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            key = parsed.path + (f"?page={parse_qs(parsed.query)['page'][0]}" if "page=" in parsed.query else "")
            replay.hits.append(key)
            replay.queries.append(parse_qs(parsed.query))
            responses = replay.routes.get(key)
            if not responses:
                self.send_response(404)
                self.end_headers()
                self.wfile.write(b"not found")
                return
            status, body, headers = responses.pop(0) if len(responses) > 1 else responses[0]
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", replay
    httpd.shutdown()
    httpd.server_close()


def ok(body: bytes | str, **headers: str) -> tuple[int, bytes, dict[str, str]]:
    return 200, body.encode() if isinstance(body, str) else body, {"Content-Type": "application/json", **headers}


def settings(base: str, sleeps: list[float] | None = None, **kw: Any) -> RefreshSettings:
    record = sleeps if sleeps is not None else []
    return RefreshSettings(aws_base=base, azure_base=f"{base}/api/retail/prices", attempts=3, backoff=0.01,
                           sleep=record.append, **kw)


def aws_routes(replay: Replay, samples: Path) -> None:
    index = json.loads((samples / "aws/bulk-offer-index-excerpt.json").read_text())
    regions = {"formatVersion": "v1.0", "regions": {"us-east-1": {
        "regionCode": "us-east-1", "currentVersionUrl": "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json"}}}
    replay.add("/offers/v1.0/aws/index.json", ok(json.dumps(index)))
    replay.add(index["offers"]["AmazonEC2"]["currentRegionIndexUrl"], ok(json.dumps(regions)))
    replay.add("/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json",
               ok((samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()))


def azure_pages(base: str, samples: Path, n: int = 3) -> list[bytes]:
    items = json.load(gzip.open(samples / "azure/retail-api/terracost-vm-francecentral-2021-11-items.json.gz"))["items"]
    chunk = len(items) // n + 1
    pages = []
    for i in range(n):
        nxt = f"{base}/api/retail/prices?page={i + 1}" if i + 1 < n else None
        pages.append(json.dumps({"BillingCurrency": "USD", "CustomerEntityId": "Default",
                                 "CustomerEntityType": "Retail", "Items": items[i * chunk:(i + 1) * chunk],
                                 "NextPageLink": nxt, "Count": len(items[i * chunk:(i + 1) * chunk])}).encode())
    return pages


@pytest.fixture
def samples(shared_data: Path) -> Path:
    return shared_data / "pricing-samples"


def test_aws_refresh_end_to_end(server: tuple[str, Replay], samples: Path, tmp_path: Path) -> None:
    base, replay = server
    aws_routes(replay, samples)
    path = tmp_path / "catalog.sqlite"
    report = refresh_catalog(path, provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                             settings=settings(base))
    assert report.parts == {"aws:AmazonEC2:us-east-1": 1}
    cat = SQLiteCatalog(path)
    price = cat.lookup(PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1",
                                  attributes={"instanceType": "p4d.24xlarge"}))
    assert price is not None and price.unit_price.amount == Decimal("32.7726000000")
    assert [s.name for s in cat.sources()] == ["aws-bulk:AmazonEC2:us-east-1"]
    assert not (tmp_path / "catalog.sqlite.refresh").exists()


def test_aws_unknown_region_and_offer(server: tuple[str, Replay], samples: Path, tmp_path: Path) -> None:
    base, replay = server
    aws_routes(replay, samples)
    with pytest.raises(InputError, match="no region 'mars-1'"):
        refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["mars-1"], services=["AmazonEC2"],
                        settings=settings(base))
    with pytest.raises(InputError, match="no offer 'AmazonNothing'"):
        refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonNothing"],
                        settings=settings(base))


def test_azure_paging_with_retries(server: tuple[str, Replay], samples: Path, tmp_path: Path) -> None:
    base, replay = server
    pages = azure_pages(base, samples)
    replay.add("/api/retail/prices", ok(pages[0]))
    replay.add("/api/retail/prices?page=1", (503, b"busy", {}), ok(pages[1]))
    replay.add("/api/retail/prices?page=2", (429, b"slow down", {"Retry-After": "7"}), ok(pages[2]))
    sleeps: list[float] = []
    path = tmp_path / "catalog.sqlite"
    report = refresh_catalog(path, provider="azure", regions=["francecentral"], services=["Virtual Machines"],
                             settings=settings(base, sleeps))
    assert 7.0 in sleeps and len(sleeps) == 2
    assert replay.queries[0]["$filter"] == ["serviceName eq 'Virtual Machines' and armRegionName eq 'francecentral'"]
    assert report.parts["azure:Virtual Machines:francecentral"] > 2000
    cat = SQLiteCatalog(path)
    price = cat.lookup(PriceQuery(vendor="azure", service="Virtual Machines", region="francecentral",
                                  attributes={"armSkuName": "Standard_D2s_v3", "os": "Linux"}))
    assert price is not None


def test_failed_refresh_keeps_catalog_and_resumes(server: tuple[str, Replay], samples: Path, tmp_path: Path) -> None:
    base, replay = server
    pages = azure_pages(base, samples)
    path = tmp_path / "catalog.sqlite"
    aws_routes(replay, samples)
    refresh_catalog(path, provider="aws", regions=["us-east-1"], services=["AmazonEC2"], settings=settings(base))
    before = path.read_bytes()
    replay.add("/api/retail/prices", ok(pages[0]))
    replay.add("/api/retail/prices?page=1", (500, b"oops", {}))
    with pytest.raises(TransientProviderError, match=r"HTTP 500 from .*page=1 after 3 attempts"):
        refresh_catalog(path, provider="azure", regions=["francecentral"], services=["Virtual Machines"],
                        settings=settings(base))
    assert path.read_bytes() == before
    assert (tmp_path / "catalog.sqlite.refresh").is_dir()
    first_page_hits = replay.hits.count("/api/retail/prices")
    replay.add("/api/retail/prices?page=1", ok(pages[1]))
    replay.add("/api/retail/prices?page=2", ok(pages[2]))
    report = refresh_catalog(path, provider="azure", regions=["francecentral"], services=["Virtual Machines"],
                             settings=settings(base))
    assert replay.hits.count("/api/retail/prices") == first_page_hits  # page 0 was not fetched again
    assert any("from page 1" in r for r in report.resumed)
    cat = SQLiteCatalog(path)
    assert cat.covers("aws", "AmazonEC2", "us-east-1") and cat.covers("azure", "Virtual Machines", "francecentral")


def test_client_error_is_not_retried(server: tuple[str, Replay], tmp_path: Path) -> None:
    base, _ = server
    sleeps: list[float] = []
    with pytest.raises(ProviderError, match="HTTP 404") as info:
        refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                        settings=settings(base, sleeps))
    assert not isinstance(info.value, TransientProviderError) and sleeps == []
    assert not (tmp_path / "c.sqlite").exists()


def test_malformed_page_names_the_page(server: tuple[str, Replay], tmp_path: Path) -> None:
    base, replay = server
    replay.add("/api/retail/prices", ok(b'{"Items": [{"armRegionName": "x"'))
    with pytest.raises(InputError, match="page 0 is not JSON"):
        refresh_catalog(tmp_path / "c.sqlite", provider="azure", regions=["x"], services=["Virtual Machines"],
                        settings=settings(base))
    replay.add("/api/retail/prices", ok(json.dumps({"Items": [
        {"armRegionName": "x", "type": "Consumption", "serviceName": "Virtual Machines", "skuName": "D2 v3",
         "unitPrice": 0.1, "currencyCode": "XQQ", "effectiveStartDate": "2024-01-01", "unitOfMeasure": "1 Hour"}],
        "NextPageLink": None})))
    with pytest.raises(InputError, match="unknown currency 'XQQ'"):
        refresh_catalog(tmp_path / "c2.sqlite", provider="azure", regions=["x"], services=["Virtual Machines"],
                        settings=settings(base))


def test_gcp_refresh_through_the_client_types(samples: Path, tmp_path: Path) -> None:
    from google.cloud import billing_v1

    doc = json.loads((samples / "gcp/catalog-api-skus-n4-us-central1-opencost.json").read_text())

    class FakeCatalogClient:
        def list_services(self) -> list[billing_v1.Service]:
            return [billing_v1.Service(name="services/6F81-5844-456A", display_name="Compute Engine"),
                    billing_v1.Service(name="services/other", display_name="Cloud Storage")]

        def list_skus(self, parent: str, currency_code: str) -> list[billing_v1.Sku]:
            assert parent == "services/6F81-5844-456A" and currency_code == "USD"
            return [billing_v1.Sku.from_json(json.dumps(s), ignore_unknown_fields=True) for s in doc["skus"]]

    report = refresh_catalog(tmp_path / "c.sqlite", provider="gcp", regions=[], services=["Compute Engine"],
                             settings=RefreshSettings(gcp_client=FakeCatalogClient()))
    assert report.parts["gcp:Compute Engine"] > 0
    price = SQLiteCatalog(tmp_path / "c.sqlite").lookup(PriceQuery(
        vendor="gcp", service="Compute Engine", region="us-central1", product_family="Compute",
        attributes={"series": "n4a", "resource": "core"}))
    assert price is not None and price.unit_price.amount == Decimal("0.02646")


def test_cli_refresh(server: tuple[str, Replay], samples: Path, tmp_path: Path) -> None:
    base, replay = server
    aws_routes(replay, samples)
    target = tmp_path / "mine.sqlite"
    result = CliRunner().invoke(cli, ["pricing", "refresh", "--provider", "aws", "--region", "us-east-1",
                                      "--catalog", str(target), "--aws-base", base],
                                env={"COSTLIB_CACHE_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "aws:AmazonEC2:us-east-1: 1 rows" in result.output
    looked = CliRunner().invoke(cli, ["pricing", "lookup", "--provider", "aws", "--service", "AmazonEC2", "--region",
                                      "us-east-1", "--attr", "instanceType=p4d.24xlarge", "--catalog", str(target),
                                      "--format", "json"])
    assert looked.exit_code == 0, looked.output
    price = json.loads(looked.output)["price"]
    # The refreshed offer file is dated 2024-05-01; the embedded Karpenter table (2026-07-20) is newer and wins.
    assert (price["unit_price"], price["source"]) == ("21.957642", "karpenter-aws")
    assert "aws-bulk:AmazonEC2:us-east-1" in {s.name for s in SQLiteCatalog(target).sources()}


def test_cli_refresh_that_fails_leaves_no_catalog_override(server: tuple[str, Replay], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from costlib.catalog.default import refreshed_catalog_path

    base, _ = server  # no routes: the price list endpoint answers 404
    monkeypatch.setenv("COSTLIB_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["pricing", "refresh", "--provider", "aws", "--region", "us-east-1",
                                      "--aws-base", base])
    assert result.exit_code == 1 and "404" in result.output, result.output
    assert not refreshed_catalog_path().exists()  # lookups still read the embedded catalog
