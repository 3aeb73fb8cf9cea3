"""The real price files added to the embedded catalog, the readers behind them, and the GCP SKU-family table."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.ingest import gcp, tables
from costlib.catalog.ingest.tables import EC2INSTANCES_OS
from costlib.catalog.store import SQLiteCatalog
from costlib.models import PriceQuery


@pytest.fixture(scope="module")
def embedded() -> SQLiteCatalog:
    return SQLiteCatalog(embedded_catalog_path())


def one(cat: SQLiteCatalog, **kw: Any) -> Decimal | None:
    price = cat.lookup(PriceQuery(**kw))
    return None if price is None else price.unit_price.amount


def test_s3_eu_west_1_from_the_2018_csv_is_tiered(embedded: SQLiteCatalog) -> None:
    price = embedded.lookup(PriceQuery(vendor="aws", service="AmazonS3", region="eu-west-1",
                                       attributes={"usagetype": "TimedStorage-ByteHrs"}))
    assert price is not None and price.source == "aws-bulk-s3-2018"
    assert [(t.start, t.unit_price.amount) for t in price.tiers] == [
        (0, Decimal("0.0230000000")), (51200, Decimal("0.0220000000")), (512000, Decimal("0.0210000000"))]
    assert one(embedded, vendor="aws", service="AmazonS3", region="eu-west-1",
               attributes={"usagetype": "Requests-Tier1"}) == Decimal("0.0000050000")


def test_china_gp3_in_cny_and_query_api_reserved_terms(embedded: SQLiteCatalog) -> None:
    gp3 = embedded.lookup(PriceQuery(vendor="aws", service="AmazonEC2", region="cn-northwest-1",
                                     product_family="Storage", attributes={"volumeApiName": "gp3"}))
    assert gp3 is not None and gp3.currency == "CNY"
    attrs = {"instanceType": "m5.large", "operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA"}
    assert one(embedded, vendor="aws", service="AmazonEC2", region="us-east-1", purchase_option="reserved",
               unit="Hrs", term="1yr No Upfront standard", attributes=attrs) == Decimal("0.0600000000")


@pytest.mark.shared_data
def test_x2iedn_record_maps_os_and_sql_editions_like_the_price_list(shared_data: Path,
                                                                    embedded: SQLiteCatalog) -> None:
    """ec2instances.info's OS keys give the Price List's attributes: checked against terracost's eu-west-1 dump of
    the same instance type for the editions whose price did not change between the two (Linux, Windows, SQL)."""
    import csv
    import gzip

    record = json.loads((shared_data / "pricing-samples/aws/ec2instances-info-single-instance-x2iedn.32xlarge.json")
                        .read_text())["pricing"]["eu-west-1"]
    dump: dict[tuple[str, str], Decimal] = {}
    with gzip.open(shared_data / "pricing-samples/aws/terracost-eu-west-1-ondemand-2023-02-23.csv.gz", "rt") as fh:
        for rec in csv.DictReader(fh):
            a = json.loads(rec["attributes_json"])
            if a.get("InstanceType") == "x2iedn.32xlarge" and a.get("LicenseModel") == "No License required":
                dump[(a["OperatingSystem"], a["PreInstalledSW"])] = Decimal(rec["price_per_unit"])
    for key in ("linux", "linuxSQL", "linuxSQLWeb", "linuxSQLEnterprise", "mswin", "mswinSQL", "mswinSQLWeb",
                "mswinSQLEnterprise", "sles"):
        assert dump[EC2INSTANCES_OS[key]] == Decimal(record[key]["ondemand"]), key
    os_name, software = EC2INSTANCES_OS["mswinSQLEnterprise"]
    attrs = {"instanceType": "x2iedn.32xlarge", "operatingSystem": os_name, "tenancy": "Shared",
             "preInstalledSw": software, "licenseModel": "No License required"}
    assert one(embedded, vendor="aws", service="AmazonEC2", region="eu-west-1", attributes=attrs) == Decimal("85.9")


def test_rds_and_elasticache_reserved(embedded: SQLiteCatalog) -> None:
    rds = embedded.search("aws", "AmazonRDS", "us-east-1", purchase_option="reserved")
    assert rds and {p.unit for _, p in rds} <= {"Hrs", "Quantity"}
    cache = embedded.search("aws", "AmazonElastiCache", "us-east-1", purchase_option="reserved")
    assert cache and all(p.unit == "Hrs" for _, p in cache)


def test_reserved_keys_that_are_list_prices() -> None:
    assert tables._reserved("yrTerm3Convertible.noUpfront") == ("3yr No Upfront convertible", "Hrs")
    assert tables._reserved("yrTerm1.partialUpfront-hrs") == ("1yr Partial Upfront", "Hrs")
    assert tables._reserved("yrTerm1Standard.partialUpfront") is None  # a blended effective rate: not a list price
    assert tables._reserved("yrTerm9.noUpfront") is None


def test_gcp_gpus_from_skypilot_and_the_catalog_page(embedded: SQLiteCatalog) -> None:
    q = {"vendor": "gcp", "service": "Compute Engine", "product_family": "GPU"}
    assert one(embedded, **q, region="us-central1", attributes={"acceleratorType": "nvidia-tesla-t4"}) == Decimal("0.35")
    assert one(embedded, **q, region="us-central1", purchase_option="spot",
               attributes={"acceleratorType": "nvidia-tesla-t4"}) == Decimal("0.11")
    a100 = embedded.lookup(PriceQuery(**q, region="us-west1", attributes={"acceleratorType": "nvidia-tesla-a100"}))
    assert a100 is not None and a100.source == "gcp-catalog-page-2023"
    # never extrapolated: no GPU price where neither file has one
    assert one(embedded, **q, region="europe-west1", attributes={"acceleratorType": "nvidia-tesla-t4"}) is None


def test_skypilot_zones_that_disagree_give_no_region_price(tmp_path: Path) -> None:
    # the documented SkyPilot catalog columns, two zones of one region at different prices
    path = tmp_path / "gcp.csv"
    path.write_text("InstanceType,AcceleratorName,AcceleratorCount,MemoryGiB,GpuInfo,Price,SpotPrice,Region,"
                    "AvailabilityZone\n,T4,1,0,T4,0.35,0.11,us-central1,us-central1-a\n"
                    ",T4,2,0,T4,0.80,0.22,us-central1,us-central1-b\n,T4,4,0,T4,1.40,0.44,us-west1,us-west1-a\n")
    rows = {(r.region, r.purchase_option): r.price for r in tables.skypilot_gpu_rows(path, eff=date(2022, 1, 1))}
    assert rows == {("us-central1", "spot"): Decimal("0.11"), ("us-west1", "on_demand"): Decimal("0.35"),
                    ("us-west1", "spot"): Decimal("0.11")}


def test_a2_machine_types_are_not_composed_without_their_gpus(embedded: SQLiteCatalog) -> None:
    price = embedded.lookup(PriceQuery(vendor="gcp", service="Compute Engine", region="us-east1",
                                       product_family="Compute Instance", attributes={"machineType": "a2-highgpu-1g"}))
    assert price is None or price.source == "cyclenerd-gcp"


def test_other_recorded_azure_responses(embedded: SQLiteCatalog) -> None:
    rows = embedded.search("azure", "Key Vault", "westeurope")
    assert any(a.get("meterName") == "Advanced Key Operations" for a, _ in rows)
    reserved = embedded.search("azure", "Virtual Machines", "francecentral", purchase_option="reserved")
    assert reserved and {p.unit for _, p in reserved} == {"Term"}


# --- the GCP SKU-family table, on SKUs in the documented shape ----------------------------------------------
def sku(description: str, service: str, unit: str, nanos: int, regions: list[str], *, usage: str = "OnDemand",
        geo: str = "REGIONAL", sku_id: str = "S") -> dict[str, Any]:
    """A SKU in the shape of https://cloud.google.com/billing/docs/reference/rest/v1/services.skus/list (no recorded
    Cloud SQL, Memorystore, GKE or NAT SKUs are at hand)."""
    return {"skuId": sku_id, "description": description,
            "category": {"serviceDisplayName": service, "resourceFamily": "X", "resourceGroup": "Y",
                         "usageType": usage},
            "serviceRegions": regions, "geoTaxonomy": {"type": geo, "regions": [] if geo == "GLOBAL" else regions},
            "pricingInfo": [{"effectiveTime": "2026-11-01T00:00:00Z", "pricingExpression": {
                "usageUnit": unit, "tieredRates": [{"startUsageAmount": 0, "unitPrice": {
                    "currencyCode": "USD", "units": "0", "nanos": nanos}}]}}]}


def test_sku_family_table_maps_the_families_cost_functions_query() -> None:
    skus = [sku("Cloud SQL for PostgreSQL: Zonal - vCPU in Americas", "Cloud SQL", "h", 41_300_000,
                ["us-central1", "us-east1"], geo="MULTI_REGIONAL", sku_id="A"),
            sku("Cloud SQL for MySQL: Zonal - vCPU in Americas", "Cloud SQL", "h", 41_300_000,
                ["us-central1", "us-east1"], geo="MULTI_REGIONAL", sku_id="B"),
            sku("Cloud SQL for MySQL: Regional - Low cost storage in Iowa", "Cloud SQL", "GiBy.mo", 180_000_000,
                ["us-central1"], sku_id="C"),
            sku("Redis Capacity Standard M2 Iowa", "Cloud Memorystore for Redis", "GiBy.h", 35_000_000,
                ["us-central1"], sku_id="D"),
            sku("Regional Kubernetes Clusters", "Kubernetes Engine", "h", 100_000_000, ["global"], geo="GLOBAL",
                sku_id="E"),
            sku("Networking Cloud NAT Gateway Uptime charge", "Networking", "h", 1_400_000, ["europe-west4"],
                sku_id="F"),
            sku("Balanced PD Capacity in Netherlands", "Compute Engine", "GiBy.mo", 110_000_000, ["europe-west4"],
                sku_id="G"),
            sku("Nvidia Tesla T4 GPU attached to Spot Preemptible VMs running in Netherlands", "Compute Engine", "h",
                140_000_000, ["europe-west4"], usage="Preemptible", sku_id="H"),
            sku("Standard Storage US Multi-region", "Cloud Storage", "GiBy.mo", 26_000_000, ["us"], sku_id="I"),
            sku("Some New Thing", "Cloud Run", "h", 1_000, ["us-central1"], sku_id="J")]
    rows = {(r.service, r.region, r.purchase_option, tuple(sorted(r.attributes.items()))): r
            for r in gcp.sku_rows(skus)}
    assert ("Cloud SQL", "us-east1", "on_demand", (("availability", "ZONAL"), ("resource", "vcpu"))) in rows
    assert ("Cloud SQL", "us-central1", "on_demand",
            (("availability", "REGIONAL"), ("resource", "storage-pd_hdd"))) in rows
    assert ("Cloud Memorystore for Redis", "us-central1", "on_demand",
            (("capacityTier", "M2"), ("tier", "STANDARD_HA"))) in rows
    # the GLOBAL cluster fee prices every region the other SKUs name (one price for all of them)
    assert {k[1] for k in rows if k[0] == "Kubernetes Engine"} == {"us-central1", "us-east1", "europe-west4"}
    assert ("Compute Engine", "europe-west4", "on_demand", (("resource", "nat-gateway"),)) in rows
    assert ("Compute Engine", "europe-west4", "on_demand", (("diskType", "pd-balanced"),)) in rows
    assert ("Compute Engine", "europe-west4", "spot", (("acceleratorType", "nvidia-tesla-t4"),)) in rows
    assert ("Cloud Storage", "us-multi", "on_demand",
            (("locationType", "multi-region"), ("storageClass", "STANDARD"))) in rows
    assert ("Cloud Run", "us-central1", "on_demand", (("description", "Some New Thing"),)) in rows


def test_two_skus_on_one_key_at_different_prices_are_both_refused() -> None:
    refused: list[str] = []
    skus = [sku("Cloud SQL for PostgreSQL: Zonal - RAM in Iowa", "Cloud SQL", "GiBy.h", 7_000_000, ["us-central1"],
                sku_id="P"),
            sku("Cloud SQL for MySQL: Zonal - RAM in Iowa", "Cloud SQL", "GiBy.h", 8_000_000, ["us-central1"],
                sku_id="M")]
    assert list(gcp.sku_rows(skus, refused=refused.append)) == []
    assert len(refused) == 1 and "P" in refused[0] and "M" in refused[0]


def test_implausible_gcp_price_is_refused_naming_the_sku() -> None:
    refused: list[str] = []
    bad = sku("Redis Capacity Basic M1 Iowa", "Cloud Memorystore for Redis", "GiBy.h", 0, ["us-central1"],
              sku_id="ZERO")
    assert list(gcp.sku_rows([bad], refused=refused.append)) == []
    assert refused and "ZERO" in refused[0] and "not free" in refused[0]
