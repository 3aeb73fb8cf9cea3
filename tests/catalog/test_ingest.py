"""Ingesters on the real recorded price files (../shared/data/pricing-samples), and their failure paths."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

from costlib.catalog.ingest import aws, azure, gcp, tables
from costlib.catalog.ingest.curated import read_curated
from costlib.errors import InputError
from costlib.models import PurchaseOption

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def samples(shared_data: Path) -> Path:
    return shared_data / "pricing-samples"


def test_aws_offer_json_drops_capacity_block(samples: Path) -> None:
    rows = list(aws.parse_offer_json(samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json"))
    assert len(rows) == 1  # the $0 Capacity Block product is not a price
    (r,) = rows
    assert r.attributes["instanceType"] == "p4d.24xlarge"
    assert r.price == Decimal("32.7726000000")
    assert r.region == "us-east-1"
    assert r.effective_date == date(2024, 5, 1)


def test_aws_offer_json_cny_region(samples: Path) -> None:
    (r,) = list(aws.parse_offer_json(samples / "aws/bulk-AmazonEC2-cn-northwest-1-excerpt-CNY.json"))
    assert (r.currency, r.region, r.attributes) == ("CNY", "cn-northwest-1", {"volumeApiName": "gp3"})


def test_aws_offer_json_truncated_names_byte(tmp_path: Path, samples: Path) -> None:
    data = (samples / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cut.json: malformed offer file near byte \d+"):
        list(aws.parse_offer_json(cut))


def test_aws_offer_json_not_an_offer(tmp_path: Path) -> None:
    other = tmp_path / "x.json"
    other.write_text('{"products": {}, "terms": {}}')
    with pytest.raises(InputError, match="no offerCode"):
        list(aws.parse_offer_json(other))


def test_aws_offer_csv_reports_bad_rows_with_lines(samples: Path) -> None:
    errors: list[InputError] = []
    with (samples / "aws/bulk-AmazonEC2-eu-west-1-index-excerpt.csv").open() as fh:
        rows = list(aws.parse_offer_csv(fh, where="eu-west-1.csv", errors=errors))
    assert errors and all(e.where and e.where.startswith("eu-west-1.csv:") for e in errors)
    gp3 = [r for r in rows if r.attributes == {"volumeApiName": "gp3"} and r.product_family == "Storage"]
    assert gp3 and gp3[0].price == Decimal("0.0880000000") and gp3[0].region == "eu-west-1"
    with (samples / "aws/bulk-AmazonEC2-eu-west-1-index-excerpt.csv").open() as fh, \
            pytest.raises(InputError, match=r"eu-west-1.csv:\d+: row has"):
        list(aws.parse_offer_csv(fh, where="eu-west-1.csv"))


def test_aws_offer_csv_tiers(samples: Path) -> None:
    with (samples / "aws/bulk-AmazonS3-eu-west-1-index-excerpt-2018.csv").open() as fh:
        rows = list(aws.parse_offer_csv(fh, where="s3.csv", errors=[]))
    tiered = [r for r in rows if r.tiers]
    assert tiered, "S3 storage has 0-51200-512000-Inf tiers"
    starts = [t[0] for t in tiered[0].tiers]
    assert starts == sorted(starts) and starts[0] == 0


def test_aws_csv_without_header() -> None:
    with pytest.raises(InputError, match="no header row"):
        list(aws.parse_offer_csv(io.StringIO("a,b\n1,2\n"), where="x.csv"))


def test_aws_savings_plans(samples: Path) -> None:
    with (samples / "aws/savingsplan-AWSComputeSavingsPlan-eu-west-1-excerpt.json").open("rb") as fh:
        rows = list(aws.parse_savings_plan_json(fh, where="sp.json", region="eu-west-1"))
    assert rows and all(r.purchase_option == PurchaseOption.SAVINGS_PLAN for r in rows)
    assert {r.term for r in rows} <= {"1yr No Upfront", "1yr Partial Upfront", "1yr All Upfront",
                                      "3yr No Upfront", "3yr Partial Upfront", "3yr All Upfront"}


def test_aws_query_api_with_stubber(samples: Path) -> None:
    item = json.loads((samples / "aws/query-api-get-products-pricelist-item-m5.large-us-east-1.json").read_text())
    client = boto3.client("pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    stub = Stubber(client)
    stub.add_response("get_products", {"PriceList": [json.dumps(item)], "NextToken": "t2", "FormatVersion": "aws_v1"},
                      {"ServiceCode": "AmazonEC2", "MaxResults": 100})
    stub.add_response("get_products", {"PriceList": [], "FormatVersion": "aws_v1"},
                      {"ServiceCode": "AmazonEC2", "MaxResults": 100, "NextToken": "t2"})
    with stub:
        pages = client.get_paginator("get_products").paginate(ServiceCode="AmazonEC2", MaxResults=100)
        rows = list(aws.parse_pricelist_items(x for page in pages for x in page["PriceList"]))
    on_demand = [r for r in rows if r.purchase_option == "on_demand"]
    assert [r.price for r in on_demand] == [Decimal("0.0960000000")]
    reserved = {r.term for r in rows if r.purchase_option == "reserved"}
    assert "1yr No Upfront standard" in reserved and "3yr All Upfront convertible" in reserved
    with pytest.raises(InputError, match="item 0 is not JSON"):
        list(aws.parse_pricelist_items(["{broken"]))


def test_azure_retail_items(samples: Path) -> None:
    doc = json.load(gzip.open(samples / "azure/retail-api/terracost-vm-francecentral-2021-11-items.json.gz"))
    rows = list(azure.rows_from_items(doc["items"], source="t"))
    reserved = [r for r in rows if r.purchase_option == "reserved"]
    assert reserved and {r.term for r in reserved} == {"1 Year", "3 Years"} and {r.unit for r in reserved} == {"Term"}
    assert any(r.attributes["os"] == "Windows" for r in rows)
    assert any(r.purchase_option == "spot" for r in rows)
    assert any(r.purchase_option == "dev_test" for r in rows)
    assert not any("Low Priority" in r.description for r in rows)


def test_azure_page_shape(samples: Path) -> None:
    doc = json.loads((samples / "azure/retail-api/ace-postgresql-burstable.json").read_text())
    items, link = azure.parse_page(doc, where="page")
    assert items and link is None
    with pytest.raises(InputError, match="no Items list"):
        azure.parse_page({"value": []}, where="p")


def test_azure_tiers_merge() -> None:
    base = {"currencyCode": "USD", "armRegionName": "eastus", "effectiveStartDate": "2024-01-01T00:00:00Z",
            "meterId": "m1", "meterName": "Operations", "productName": "Key Vault", "skuName": "Standard",
            "serviceName": "Key Vault", "serviceFamily": "Security", "unitOfMeasure": "10K", "type": "Consumption"}
    rows = list(azure.rows_from_items([{**base, "tierMinimumUnits": 0, "unitPrice": 0},
                                       {**base, "tierMinimumUnits": 250, "unitPrice": 0.03}], source="t"))
    (r,) = rows
    assert r.tiers == ((Decimal(0), Decimal(250), Decimal(0)), (Decimal(250), None, Decimal("0.03")))


def test_gcp_skus_and_composition(samples: Path) -> None:
    doc = json.loads((samples / "gcp/catalog-api-skus-n4-us-central1-opencost.json").read_text())
    rows = list(gcp.sku_rows(doc["skus"]))
    core = [r for r in rows if r.attributes == {"series": "n4a", "resource": "core"} and r.purchase_option == "on_demand"]
    assert core and core[0].price == Decimal("0.02646") and core[0].unit == "h"
    assert any(r.purchase_option == "spot" for r in rows)
    with (samples / "gcp/cyclenerd-machinetypes.csv").open() as fh:
        types = gcp.read_machine_types(fh, where="mt.csv")
    composed = {r.attributes["machineType"]: r for r in gcp.compose_machine_types(rows, types)
                if r.purchase_option == "on_demand"}
    n4a = composed["n4a-standard-4"]
    ram = next(r for r in rows if r.attributes == {"series": "n4a", "resource": "ram"} and r.purchase_option == "on_demand")
    assert n4a.price == core[0].price * 4 + ram.price * types["n4a-standard-4"].memory_gib


def test_gcp_currency_conversion(samples: Path) -> None:
    doc = json.loads((samples / "gcp/catalog-api-skus-page-opencost.json").read_text())
    idr = [s for s in doc["skus"] if s["pricingInfo"][0]["pricingExpression"]["tieredRates"][0]["unitPrice"]
           ["currencyCode"] == "IDR"]
    assert idr
    native = list(gcp.sku_rows(idr))
    usd = list(gcp.sku_rows(idr, target_currency="USD"))
    assert {r.currency for r in native} == {"IDR"} and {r.currency for r in usd} == {"USD"}
    assert all(u.price < n.price for u, n in zip(usd, native, strict=True))


def test_gcp_machine_table_errors() -> None:
    with pytest.raises(InputError, match="header"):
        gcp.read_machine_types(io.StringIO("x;y\n"), where="mt.csv")
    with pytest.raises(InputError, match="mt.csv:2"):
        gcp.read_machine_types(io.StringIO("NAME;CPUS;SHARED_CPU;MEMORY_GB\ne2-x;1\n"), where="mt.csv")


def test_tables(samples: Path) -> None:
    k = list(tables.karpenter_ec2_rows(samples / "aws/karpenter-ec2-ondemand-linux-hourly.json"))
    assert {r.currency for r in k if r.region == "cn-north-1"} == {"CNY"}
    assert all(r.price > 0 for r in k)
    cyc = list(tables.cyclenerd_rows(samples / "gcp/cyclenerd-pricing.json"))
    e2 = next(r for r in cyc if r.attributes == {"machineType": "e2-standard-2"} and r.region == "us-central1"
              and r.purchase_option == "on_demand")
    assert e2.price == Decimal("0.06701142")
    assert any(r.service == "Cloud Storage" and r.attributes["storageClass"] == "ARCHIVE" for r in cyc)
    assert any(r.attributes.get("diskType") == "pd-balanced" for r in cyc)


def test_table_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "t.json.gz"
    bad.write_bytes(gzip.compress(b'{"prices": '))
    with pytest.raises(InputError, match="t.json.gz: cannot read price table"):
        list(tables.karpenter_ec2_rows(bad))


CURATED_HEADER = ("vendor,service,region,product_family,attributes,purchase_option,unit,term,price,currency,"
                  "tier_start,tier_end,effective_date,source_url,note\n")


def test_curated_rows_and_errors() -> None:
    text = CURATED_HEADER + (
        'aws,AWSLambda,us-east-1,Serverless,"{""usagetype"": ""Request""}",on_demand,Requests,,0.0000002,USD,,,'
        "2026-11-25,https://aws.amazon.com/lambda/pricing/,per request\n")
    (r,) = list(read_curated(io.StringIO(text), where="c.csv"))
    assert r.curated and r.source_url.startswith("https://aws.amazon.com")
    with pytest.raises(InputError, match=r"c.csv:2: every curated price needs"):
        list(read_curated(io.StringIO(text.replace("https://aws", "http://aws")), where="c.csv"))
    with pytest.raises(InputError, match="unknown currency"):
        list(read_curated(io.StringIO(text.replace(",USD,", ",ZZZ,")), where="c.csv"))
    with pytest.raises(InputError, match="lacks columns"):
        list(read_curated(io.StringIO("vendor,price\n"), where="c.csv"))


def test_azure_items_that_clash_on_one_key_are_not_used_and_other_products_are_dropped() -> None:
    from costlib.catalog.ingest.azure import rows_from_items

    def item(product: str, sku: str, price: float, kind: str = "Consumption") -> dict[str, object]:
        return {"armRegionName": "westeurope", "productName": product, "skuName": sku, "meterName": sku,
                "serviceName": "Virtual Machines", "unitOfMeasure": "1 Hour", "unitPrice": price, "type": kind,
                "currencyCode": "USD", "armSkuName": "Standard_" + sku.replace(" ", "_").removesuffix("_Spot")}

    rows = list(rows_from_items([
        item("Virtual Machines A Series Basic", "A2", 0.078), item("Virtual Machines A Series", "A2", 0.12),  # clash
        item("Virtual Machines Bsv2 Series", "B2s v2", 0.096),
        item("Virtual Machines Bsv2 Series Cloud Services", "B2s v2", 0.105),  # another product: dropped
        item("Virtual Machines Dsv5 Series Windows", "D2s v5 Spot", 0.0448, kind="DevTestConsumption"),  # dropped
    ], source="t", default_date=date(2026, 8, 22)))
    assert [(r.attributes["armSkuName"], r.purchase_option, r.price) for r in rows] == [
        ("Standard_B2s_v2", "on_demand", Decimal("0.096"))]
