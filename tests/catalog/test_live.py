"""Live ingest per provider against a loopback server replaying recorded real responses (../shared/data), with
throttling, short pages, 5xx, connections cut mid-body, repeated page cursors, implausible prices and bad
credentials. Where no recording exists the provider's documented shape is used, and the test says so."""

from __future__ import annotations

import gzip
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from costlib.catalog.refresh import (
    GCP_CREDENTIAL_HELP,
    NullProgress,
    Part,
    RefreshSettings,
    refresh_catalog,
    refresh_parts,
)
from costlib.catalog.store import SQLiteCatalog
from costlib.errors import AuthError, InputError, ProviderError, TransientProviderError
from costlib.models import PriceQuery
from tests.catalog.loopback import Replay, cut, ok, serve, status

pytestmark = pytest.mark.shared_data


@pytest.fixture
def samples(shared_data: Path) -> Path:
    return shared_data / "pricing-samples"


@pytest.fixture
def server() -> Any:
    with serve() as pair:
        yield pair


def settings(base: str, sleeps: list[float] | None = None, **kw: Any) -> RefreshSettings:
    return RefreshSettings(aws_base=base, azure_base=f"{base}/api/retail/prices", gcp_base=base, attempts=3,
                           backoff=0.01, sleep=(sleeps if sleeps is not None else []).append, **kw)


# --- AWS -------------------------------------------------------------------------------------------------
def aws_index(replay: Replay, samples: Path, service: str = "AmazonEC2", region: str = "us-east-1",
              body: bytes | None = None) -> str:
    """The recorded offer index and a region index in the recorded shape, pointing at one regional file."""
    index = json.loads((samples / "aws/bulk-offer-index-excerpt.json").read_text())
    replay.add("/offers/v1.0/aws/index.json", ok(json.dumps(index)))
    file_url = f"/offers/v1.0/aws/{service}/20240528203522/{region}/index.json"
    regions = {"formatVersion": "v1.0", "regions": {region: {"regionCode": region, "currentVersionUrl": file_url}}}
    replay.add(index["offers"][service]["currentRegionIndexUrl"], ok(json.dumps(regions)))
    if body is not None:
        replay.add(file_url, ok(body))
    return file_url


def ec2_lookup(path: Path, region: str = "us-east-1") -> Decimal | None:
    price = SQLiteCatalog(path).lookup(PriceQuery(vendor="aws", service="AmazonEC2", region=region,
                                                  attributes={"instanceType": "p4d.24xlarge"}))
    return None if price is None else price.unit_price.amount


def test_aws_offer_file_cut_mid_body_resumes_with_a_range_request(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    body = (samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()
    url = aws_index(replay, samples)
    replay.add(url, cut(body, len(body) // 2, ranges=True), ok(body, ranges=True))
    sleeps: list[float] = []
    report = refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                             settings=settings(base, sleeps))
    assert report.parts == {"aws:AmazonEC2:us-east-1": 1}
    assert ec2_lookup(tmp_path / "c.sqlite") == Decimal("32.7726000000")
    second = [h for k, h in zip(replay.hits, replay.headers, strict=True) if k == url][1]
    assert second["range"] == f"bytes={len(body) // 2}-"  # only the rest was asked for
    assert len(sleeps) == 1


def test_aws_resume_against_a_server_without_ranges_starts_over(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    body = (samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()
    url = aws_index(replay, samples)
    replay.add(url, cut(body, 100), ok(body))  # 200 with the whole body again: nothing may be appended twice
    refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                    settings=settings(base))
    assert ec2_lookup(tmp_path / "c.sqlite") == Decimal("32.7726000000")


def test_aws_throttling_and_5xx_are_retried_with_retry_after(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    body = (samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()
    index = json.loads((samples / "aws/bulk-offer-index-excerpt.json").read_text())
    url = aws_index(replay, samples)
    replay.add("/offers/v1.0/aws/index.json", status(429, "Rate exceeded", **{"Retry-After": "3"}),
               ok(json.dumps(index)))
    replay.add(url, status(503, "Slow Down"), ok(body))
    sleeps: list[float] = []
    refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                    settings=settings(base, sleeps))
    assert sleeps[0] == 3.0 and len(sleeps) == 2
    assert ec2_lookup(tmp_path / "c.sqlite") is not None


def test_aws_download_that_keeps_failing_is_transient_and_leaves_nothing(server: Any, samples: Path,
                                                                        tmp_path: Path) -> None:
    base, replay = server
    body = (samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()
    replay.add(aws_index(replay, samples), cut(body, 10))
    with pytest.raises(TransientProviderError, match=r"RemoteProtocolError.* after 3 attempts"):
        refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                        settings=settings(base))
    assert not (tmp_path / "c.sqlite").exists()
    assert not list((tmp_path / "c.sqlite.refresh").glob("*.part"))


@pytest.mark.parametrize(("body", "message"), [
    (b"<html>Access Denied</html>", "the AWS offer index is not JSON"),
    (b"[1, 2, 3]", "not a JSON object but list"),
    (b'{"offers": ["AmazonEC2"]}', "not an AWS offer index"),
    (b'{"offers": {"AmazonEC2": {"offerCode": "AmazonEC2"}}}', "has no currentRegionIndexUrl"),
])
def test_aws_garbage_index_is_a_clean_error_naming_the_url(server: Any, tmp_path: Path, body: bytes,
                                                           message: str) -> None:
    base, replay = server
    replay.add("/offers/v1.0/aws/index.json", ok(body))
    with pytest.raises(InputError, match=message) as info:
        refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                        settings=settings(base))
    assert info.value.where == f"{base}/offers/v1.0/aws/index.json"


def test_aws_any_service_code_streams_through_the_same_path(server: Any, samples: Path, tmp_path: Path) -> None:
    # No recorded AWSLambda offer file is at hand: this one follows the documented offer-file shape
    # (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html), region index recorded.
    base, replay = server
    offer = {"formatVersion": "v1.0", "offerCode": "AWSLambda", "version": "20261101000000",
             "publicationDate": "2026-11-01T00:00:00Z", "products": {
                 "REQ": {"sku": "REQ", "productFamily": "Serverless", "attributes": {
                     "regionCode": "us-west-2", "usagetype": "USW2-Request", "operation": "Invoke"}},
                 "BIG": {"sku": "BIG", "productFamily": "Serverless", "attributes": {
                     "regionCode": "us-west-2", "usagetype": "USW2-Broken", "operation": "Invoke"}}},
             "terms": {"OnDemand": {
                 "REQ": {"REQ.JRTCKXETXF": {"sku": "REQ", "effectiveDate": "2026-11-01T00:00:00Z", "priceDimensions": {
                     "REQ.JRTCKXETXF.6YS6EN2CT7": {"unit": "Requests", "beginRange": "0", "endRange": "Inf",
                                                   "pricePerUnit": {"USD": "0.0000002000"}}}}},
                 "BIG": {"BIG.JRTCKXETXF": {"sku": "BIG", "effectiveDate": "2026-11-01T00:00:00Z", "priceDimensions": {
                     "BIG.JRTCKXETXF.6YS6EN2CT7": {"unit": "Requests", "beginRange": "0", "endRange": "Inf",
                                                   "pricePerUnit": {"USD": "1e30"}}}}}}}}
    index = {"offers": {"AWSLambda": {"offerCode": "AWSLambda",
                                      "currentRegionIndexUrl": "/offers/v1.0/aws/AWSLambda/current/region_index.json"}}}
    replay.add("/offers/v1.0/aws/index.json", ok(json.dumps(index)))
    region_index = json.loads((samples / "aws/bulk-AmazonEC2-region_index-excerpt.json").read_text())
    region_index["regions"]["us-west-2"]["currentVersionUrl"] = "/offers/v1.0/aws/AWSLambda/x/us-west-2/index.json"
    replay.add("/offers/v1.0/aws/AWSLambda/current/region_index.json", ok(json.dumps(region_index)))
    replay.add("/offers/v1.0/aws/AWSLambda/x/us-west-2/index.json", ok(json.dumps(offer)))
    report = refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-west-2"], services=["AWSLambda"],
                             settings=settings(base))
    price = SQLiteCatalog(tmp_path / "c.sqlite").lookup(PriceQuery(vendor="aws", service="AWSLambda",
                                                                   region="us-west-2", attributes={"usagetype": "Request"}))
    assert price is not None and price.unit_price.amount == Decimal("0.0000002000")
    assert len(report.refused) == 1 and "sku BIG" in report.refused[0] and "plausible bound" in report.refused[0]


def test_aws_savings_plans_part_reads_the_list_shaped_region_index(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    index = json.loads((samples / "aws/bulk-offer-index-excerpt.json").read_text())
    replay.add("/offers/v1.0/aws/index.json", ok(json.dumps(index)))
    replay.add(index["offers"]["AmazonEC2"]["currentSavingsPlanIndexUrl"],
               ok((samples / "aws/savingsplan-AWSComputeSavingsPlan-region_index-excerpt.json").read_bytes()))
    replay.add("/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/eu-west-1/index.json",
               ok((samples / "aws/savingsplan-AWSComputeSavingsPlan-eu-west-1-excerpt.json").read_bytes()))
    report = refresh_parts(tmp_path / "c.sqlite", [Part("aws", "AmazonEC2", "eu-west-1", "savings_plan")],
                           settings=settings(base))
    assert report.parts["aws:AmazonEC2:eu-west-1:savings_plan"] > 0
    rows = SQLiteCatalog(tmp_path / "c.sqlite").search("aws", "AmazonEC2", "eu-west-1", purchase_option="savings_plan")
    assert any(a == {"usagetype": "BoxUsage:c1.medium"} for a, _ in rows)
    assert {s.name for s in SQLiteCatalog(tmp_path / "c.sqlite").sources()} == {
        "aws-savings-plans:AmazonEC2:eu-west-1"}


def test_aws_query_api_part_with_stubber(samples: Path, tmp_path: Path) -> None:
    item = (samples / "aws/query-api-get-products-pricelist-item-m5.large-us-east-1.json").read_text()
    client = boto3.client("pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
    filters = [{"Type": "TERM_MATCH", "Field": "instanceType", "Value": "m5.large"},
               {"Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-east-1"}]
    with Stubber(client) as stub:
        stub.add_client_error("get_products", "ThrottlingException", "Rate exceeded")
        stub.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": [item]},
                          {"ServiceCode": "AmazonEC2", "FormatVersion": "aws_v1", "Filters": filters})
        part = Part("aws", "AmazonEC2", "us-east-1", "query", (("instanceType", "m5.large"),))
        first = refresh_parts(tmp_path / "c.sqlite", [part], settings=RefreshSettings(aws_pricing_client=client),
                              partial=True)
        assert "ThrottlingException" in first.failed[part.name] and not first.written
        report = refresh_parts(tmp_path / "c.sqlite", [part], settings=RefreshSettings(aws_pricing_client=client))
    # on-demand + 12 reserved terms: No Upfront an hourly rate; Partial and All Upfront an hourly rate and a fee
    assert report.parts[part.name] == 1 + 4 + 8 + 8
    cat = SQLiteCatalog(tmp_path / "c.sqlite")
    q = PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1",
                   attributes={"instanceType": "m5.large", "operatingSystem": "Linux", "tenancy": "Shared"})
    assert cat.lookup(q).unit_price.amount == Decimal("0.0960000000")  # type: ignore[union-attr]
    reserved = cat.lookup(PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1", purchase_option="reserved",
                                     unit="Hrs", term="1yr No Upfront standard", attributes=q.attrs))
    assert reserved is not None and reserved.unit_price.amount == Decimal("0.0600000000")
    all_upfront = cat.lookup(PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1", purchase_option="reserved",
                                        unit="Hrs", term="3yr All Upfront standard", attributes=q.attrs))
    assert all_upfront is not None and all_upfront.unit_price.amount == 0  # a real $0: the price is the upfront fee


# --- Azure -----------------------------------------------------------------------------------------------
def retail_items(samples: Path) -> list[dict[str, Any]]:
    return list(json.load(gzip.open(samples / "azure/retail-api/terracost-vm-francecentral-2021-11-items.json.gz"))[
        "items"])


def page(items: list[dict[str, Any]], nxt: str | None) -> str:
    return json.dumps({"BillingCurrency": "USD", "CustomerEntityId": "Default", "CustomerEntityType": "Retail",
                       "Items": items, "NextPageLink": nxt, "Count": len(items)})


def test_azure_filter_names_service_region_and_price_type(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    reservations = [i for i in retail_items(samples) if i["type"] == "Reservation"]
    replay.add("/api/retail/prices", ok(page(reservations[:5], f"{base}/api/retail/prices?page=1")))
    replay.add("/api/retail/prices?page=1", ok(page(reservations[5:], None)))  # a short first page is not the end
    report = refresh_parts(tmp_path / "c.sqlite", [Part("azure", "Virtual Machines", "francecentral", "Reservation")],
                           settings=settings(base))
    q = replay.queries[0]
    assert q["$filter"] == ["serviceName eq 'Virtual Machines' and armRegionName eq 'francecentral' and "
                            "priceType eq 'Reservation'"]
    assert q["api-version"] == ["2023-01-01-preview"] and q["currencyCode"] == ["USD"]
    assert report.parts["azure:Virtual Machines:francecentral:Reservation"] > 100
    rows = SQLiteCatalog(tmp_path / "c.sqlite").search("azure", "Virtual Machines", "francecentral",
                                                        purchase_option="reserved")
    assert {p.unit for _, p in rows} == {"Term"}


def test_azure_throttling_header_of_the_retail_api_is_honoured(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    replay.add("/api/retail/prices", status(429, "Too many requests",
                                            **{"x-ms-ratelimit-retailPrices-retry-after": "5"}),
               ok(page(retail_items(samples)[:10], None)))
    sleeps: list[float] = []
    refresh_parts(tmp_path / "c.sqlite", [Part("azure", "Virtual Machines", "francecentral")],
                  settings=settings(base, sleeps))
    assert sleeps == [5.0]


def test_azure_repeated_next_page_link_is_an_error_not_a_loop(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    items = retail_items(samples)[:3]
    replay.add("/api/retail/prices", ok(page(items, f"{base}/api/retail/prices?page=1")))
    replay.add("/api/retail/prices?page=1", ok(page(items, f"{base}/api/retail/prices?page=1")))
    with pytest.raises(ProviderError, match=r"sent NextPageLink .*page=1 again after page 1"):
        refresh_parts(tmp_path / "c.sqlite", [Part("azure", "Virtual Machines", "francecentral")],
                      settings=settings(base))
    assert replay.count("/api/retail/prices?page=1") == 1


def test_azure_page_cut_mid_body_is_retried(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    body = page(retail_items(samples)[:50], None)
    replay.add("/api/retail/prices", cut(body, len(body) // 3), status(500, "oops"), ok(body))
    sleeps: list[float] = []
    report = refresh_parts(tmp_path / "c.sqlite", [Part("azure", "Virtual Machines", "francecentral")],
                           settings=settings(base, sleeps))
    assert len(sleeps) == 2 and report.parts["azure:Virtual Machines:francecentral"] > 0


def test_azure_implausible_prices_are_refused_naming_the_meter(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    good = [i for i in retail_items(samples) if i["type"] == "Consumption"][:20]
    huge = {**good[0], "unitPrice": 1e30, "retailPrice": 1e30, "meterId": "huge-meter", "skuName": "Huge"}
    negative = {**good[1], "unitPrice": -0.5, "retailPrice": -0.5, "meterId": "negative-meter", "skuName": "Neg"}
    zero = {**good[2], "unitPrice": 0, "retailPrice": 0, "meterId": "zero-meter", "skuName": "Zero"}
    replay.add("/api/retail/prices", ok(page([*good, huge, negative, zero], None)))
    report = refresh_parts(tmp_path / "c.sqlite", [Part("azure", "Virtual Machines", "francecentral")],
                           settings=settings(base))
    assert any("huge-meter" in r and "plausible bound" in r for r in report.refused)
    assert any("negative-meter" in r and "negative price" in r for r in report.refused)
    assert any("zero-meter" in r and "not free" in r for r in report.refused)
    rows = SQLiteCatalog(tmp_path / "c.sqlite").search("azure", "Virtual Machines", "francecentral")
    assert rows and all(Decimal(0) < p.unit_price.amount < Decimal(1000) for _, p in rows)


def test_azure_savings_plan_prices_become_savings_plan_rows(server: Any, samples: Path, tmp_path: Path) -> None:
    # The recorded pages predate the savingsPlan field; this item adds it in the documented shape
    # (https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices, 2023-01-01-preview).
    base, replay = server
    doc = json.loads((samples / "azure/retail-api/ace-aks-ultrassd.json").read_text())
    vm = next(i for i in doc["Items"] if i["serviceName"] == "Virtual Machines")
    vm = {**vm, "savingsPlan": [{"unitPrice": 0.15, "retailPrice": 0.15, "term": "1 Year"},
                                {"unitPrice": 0.1, "retailPrice": 0.1, "term": "3 Years"}]}
    replay.add("/api/retail/prices", ok(page([vm], None)))
    refresh_parts(tmp_path / "c.sqlite", [Part("azure", "Virtual Machines", "westeurope", "Consumption")],
                  settings=settings(base))
    price = SQLiteCatalog(tmp_path / "c.sqlite").lookup(PriceQuery(
        vendor="azure", service="Virtual Machines", region="westeurope", purchase_option="savings_plan",
        term="3 Years", attributes={"armSkuName": "Standard_D2s_v3", "os": "Windows"}))
    assert price is not None and price.unit_price.amount == Decimal("0.1")


# --- GCP -------------------------------------------------------------------------------------------------
def gcp_routes(replay: Replay, samples: Path) -> None:
    # No recorded services.list page is at hand: this one follows the documented shape
    # (https://cloud.google.com/billing/docs/reference/rest/v1/services/list); the SKU pages are recorded.
    services = {"services": [{"name": "services/6F81-5844-456A", "serviceId": "6F81-5844-456A",
                              "displayName": "Compute Engine", "businessEntityName": "businessEntities/GCP"},
                             {"name": "services/E505-1604-58F8", "serviceId": "E505-1604-58F8",
                              "displayName": "Networking", "businessEntityName": "businessEntities/GCP"}]}
    replay.add("/v1/services", ok(json.dumps(services)))
    first = json.loads((samples / "gcp/catalog-api-skus-page-opencost.json").read_text())
    replay.add("/v1/services/6F81-5844-456A/skus", ok(json.dumps(first)))
    second = json.loads((samples / "gcp/catalog-api-skus-n4-us-central1-opencost.json").read_text())
    replay.add(f"/v1/services/6F81-5844-456A/skus?pageToken={first['nextPageToken']}", ok(json.dumps(second)))
    replay.add("/v1/services/E505-1604-58F8/skus", ok(json.dumps({"skus": []})))


def test_gcp_rest_pages_with_an_api_key(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    gcp_routes(replay, samples)
    report = refresh_parts(tmp_path / "c.sqlite", [Part("gcp", "Compute Engine")],
                           settings=settings(base, gcp_api_key="k"))
    assert replay.count("/v1/services/6F81-5844-456A/skus") == 1 and len(replay.hits) == 4
    assert all(h.get("x-goog-api-key") == "k" and "key" not in q for h, q in zip(replay.headers, replay.queries,
                                                                                   strict=True))
    assert report.parts["gcp:Compute Engine"] > 0
    cat = SQLiteCatalog(tmp_path / "c.sqlite")
    # the multi-region "running in Americas" SKU prices each region it lists
    for region in ("us-central1", "us-east1", "us-west1"):
        assert cat.lookup(PriceQuery(vendor="gcp", service="Compute Engine", region=region, product_family="Compute",
                                     attributes={"series": "a2", "resource": "core"})) is not None
    gpu = cat.lookup(PriceQuery(vendor="gcp", service="Compute Engine", region="us-east1", product_family="GPU",
                                attributes={"acceleratorType": "nvidia-tesla-a100"}))
    assert gpu is not None and gpu.unit == "h"
    n4 = cat.lookup(PriceQuery(vendor="gcp", service="Compute Engine", region="us-central1", product_family="Compute",
                               attributes={"series": "n4d", "resource": "core"}))
    assert n4 is not None and n4.unit_price.amount == Decimal("0.02911")


def test_gcp_repeated_page_token_is_an_error(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    gcp_routes(replay, samples)
    first = json.loads((samples / "gcp/catalog-api-skus-page-opencost.json").read_text())
    replay.add(f"/v1/services/6F81-5844-456A/skus?pageToken={first['nextPageToken']}", ok(json.dumps(first)))
    with pytest.raises(ProviderError, match="sent nextPageToken .* again after page 1"):
        refresh_parts(tmp_path / "c.sqlite", [Part("gcp", "Compute Engine")], settings=settings(base, gcp_api_key="k"))


def test_gcp_refused_api_key_says_how_to_give_a_credential(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    replay.add("/v1/services", status(400, (samples / "gcp/catalog-api-error-invalid-api-key-opencost.json").read_bytes()))
    with pytest.raises(AuthError, match="API key was refused") as info:
        refresh_parts(tmp_path / "c.sqlite", [Part("gcp", "Compute Engine")],
                      settings=settings(base, gcp_api_key="secret-key-value"))
    assert GCP_CREDENTIAL_HELP in str(info.value) and "secret-key-value" not in str(info.value)


def test_gcp_without_any_credential_names_adc_env_and_api_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COSTLIB_GCP_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_GCE_CHECK", "True")  # never ask a metadata server: no network beyond loopback
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path / "gcloud"))
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(AuthError) as info:
        refresh_parts(tmp_path / "c.sqlite", [Part("gcp", "Cloud SQL")],
                      settings=RefreshSettings(gcp_base="http://127.0.0.1:9", attempts=1))
    text = str(info.value)
    assert "COSTLIB_GCP_API_KEY" in text and "gcloud auth application-default login" in text
    assert "GOOGLE_APPLICATION_CREDENTIALS" in text


# --- partial runs ----------------------------------------------------------------------------------------
def test_partial_run_keeps_finished_parts_and_reports_the_rest(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    replay.add("/api/retail/prices", ok(page(retail_items(samples)[:200], None)))
    replay.add("/offers/v1.0/aws/index.json", cut(b'{"offers": {}}' * 100, 5))  # the network goes
    parts = [Part("azure", "Virtual Machines", "francecentral", "Consumption"), Part("aws", "AmazonEC2", "us-east-1"),
             Part("aws", "AmazonS3", "us-east-1")]
    report = refresh_parts(tmp_path / "c.sqlite", parts, settings=settings(base), partial=True,
                           progress=NullProgress())
    assert report.written and set(report.parts) >= {"azure:Virtual Machines:francecentral:Consumption"}
    assert "RemoteProtocolError" in report.failed["aws:AmazonEC2:us-east-1"]
    assert report.failed["aws:AmazonS3:us-east-1"].startswith("not fetched")
    assert SQLiteCatalog(tmp_path / "c.sqlite").covers("azure", "Virtual Machines", "francecentral")


def test_stream_reports_bytes_to_progress(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    body = (samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()
    replay.add(aws_index(replay, samples), cut(body, 1000, ranges=True), ok(body, ranges=True))
    seen: list[tuple[str, Any]] = []

    class Record(NullProgress):
        def part_started(self, part: str, total_bytes: int | None) -> None:
            seen.append(("start", total_bytes))

        def advanced(self, part: str, n_bytes: int) -> None:
            seen.append(("bytes", n_bytes))

        def part_done(self, part: str, rows: int) -> None:
            seen.append(("done", rows))

    refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                    settings=settings(base), progress=Record())
    assert seen[0] == ("start", len(body)) and seen[-1] == ("done", 1)
    assert sum(n for k, n in seen if k == "bytes") == len(body)


def test_gcp_throttling_5xx_and_a_cut_page_are_retried(server: Any, samples: Path, tmp_path: Path) -> None:
    base, replay = server
    gcp_routes(replay, samples)
    first = (samples / "gcp/catalog-api-skus-page-opencost.json").read_bytes()
    replay.add("/v1/services/6F81-5844-456A/skus", status(429, "quota", **{"Retry-After": "2"}), status(502, "bad"),
               cut(first, 500), ok(first))
    sleeps: list[float] = []
    report = refresh_parts(tmp_path / "c.sqlite", [Part("gcp", "Compute Engine")],
                           settings=RefreshSettings(gcp_base=base, gcp_api_key="k", attempts=4, backoff=0.01,
                                                    sleep=sleeps.append))
    assert sleeps[0] == 2.0 and len(sleeps) == 3
    assert report.parts["gcp:Compute Engine"] > 0


def test_azure_recorded_page_whose_count_disagrees_with_its_items(server: Any, samples: Path, tmp_path: Path) -> None:
    # ace-asr-inferred-3 says Count 4 and holds 3 items (trimmed by its author): the items are what counts
    base, replay = server
    doc = json.loads((samples / "azure/retail-api/ace-asr-inferred-3.json").read_text())
    assert doc["Count"] != len(doc["Items"])
    region = doc["Items"][0]["armRegionName"]
    service = doc["Items"][0]["serviceName"]
    replay.add("/api/retail/prices", ok(json.dumps(doc)))
    report = refresh_parts(tmp_path / "c.sqlite", [Part("azure", service, region)], settings=settings(base))
    kept = sum(1 for i in doc["Items"] if i["armRegionName"] == region and i["serviceName"] == service)
    assert 0 < report.parts[f"azure:{service}:{region}"] <= kept


@pytest.mark.parametrize("body", [b"not json", b'{"regions": 3}', b'{"regions": {"us-east-1": {"regionCode": "x"}}}'])
def test_aws_garbage_region_index_names_its_url(server: Any, samples: Path, tmp_path: Path, body: bytes) -> None:
    base, replay = server
    index = json.loads((samples / "aws/bulk-offer-index-excerpt.json").read_text())
    replay.add("/offers/v1.0/aws/index.json", ok(json.dumps(index)))
    url = index["offers"]["AmazonEC2"]["currentRegionIndexUrl"]
    replay.add(url, ok(body))
    with pytest.raises(InputError) as info:
        refresh_catalog(tmp_path / "c.sqlite", provider="aws", regions=["us-east-1"], services=["AmazonEC2"],
                        settings=settings(base))
    assert info.value.where == base + url


def test_aws_query_api_pages_by_next_token_and_retries_a_server_error(samples: Path, tmp_path: Path) -> None:
    item = (samples / "aws/query-api-get-products-pricelist-item-m5.large-us-east-1.json").read_text()
    client = boto3.client("pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
    filters = [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-east-1"}]
    part = Part("aws", "AmazonEC2", "us-east-1", "query")
    with Stubber(client) as stub:
        stub.add_client_error("get_products", "InternalErrorException", "try again", http_status_code=500)
        stub.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": [], "NextToken": "t1"},
                          {"ServiceCode": "AmazonEC2", "FormatVersion": "aws_v1", "Filters": filters})
        stub.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": [item]},
                          {"ServiceCode": "AmazonEC2", "FormatVersion": "aws_v1", "Filters": filters,
                           "NextToken": "t1"})
        first = refresh_parts(tmp_path / "c.sqlite", [part], settings=RefreshSettings(aws_pricing_client=client),
                              partial=True)
        assert "InternalErrorException" in first.failed[part.name]
        report = refresh_parts(tmp_path / "c.sqlite", [part], settings=RefreshSettings(aws_pricing_client=client))
        stub.assert_no_pending_responses()
    assert report.parts[part.name] == 21  # the item arrived on the second page
