"""Build the embedded default catalog from the real price files and the curated list prices.

``python -m costlib.catalog.build --from ../shared/data/pricing-samples --curated pricing/curated
--out costlib/data/catalog.sqlite`` is deterministic for the same inputs (``--built-at`` pins the build
time). Every source is listed in :data:`SOURCES` with its licence and price date; where two sources give
the same product, the newest effective date wins.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from costlib.catalog.ingest import aws, azure, focus, gcp, tables
from costlib.catalog.ingest.curated import read_curated
from costlib.catalog.rows import PriceRow
from costlib.catalog.store import CatalogWriter, SourceInfo
from costlib.errors import CostlibError, InputError

__all__ = ["BUILT_AT", "SOURCES", "SampleSource", "build_catalog", "main", "write_gzip"]

#: The build time recorded in the committed embedded catalog (kept fixed so rebuilds are reproducible).
BUILT_AT = "2026-11-25T00:00:00+00:00"


@dataclass(frozen=True, slots=True)
class SampleSource:
    """One real price file in the samples folder, how to read it, and its provenance."""

    name: str
    vendor: str
    relpath: str
    description: str
    url: str
    licence: str
    price_date: date
    read: Callable[[Path], Iterable[PriceRow]]


def _json_rows(source: str) -> Callable[[Path], Iterator[PriceRow]]:
    def read(path: Path) -> Iterator[PriceRow]:
        yield from aws.parse_offer_json(path, source=source, refused=_REFUSED.append)
    return read


def _s3_csv(path: Path) -> Iterator[PriceRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        errors: list[InputError] = []
        yield from aws.parse_offer_csv(fh, where=str(path), source="aws-bulk-s3-2018", errors=errors,
                                       refused=_REFUSED.append, default_date=date(2018, 4, 4))
    if errors:
        raise CostlibError(f"{len(errors)} malformed rows, first: {errors[0]}", where=str(path))


def _focus_rows(path: Path) -> Iterator[PriceRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from focus.parse_focus_csv(fh, source="focus-sample-2024-09", refused=_REFUSED.append)


def _query_item(path: Path) -> Iterator[PriceRow]:
    yield from aws.parse_pricelist_items([tables.load_json(path)], source="aws-query-api-sample", where=str(path),
                                         refused=_REFUSED.append)


def _gcp_page(path: Path) -> Iterator[PriceRow]:
    doc = tables.load_json(path)
    rows = list(gcp.sku_rows(doc["skus"], source="gcp-catalog-page-2023", where=str(path), target_currency="USD",
                             refused=_REFUSED.append))
    yield from rows
    yield from gcp.compose_machine_types(rows, _machine_types(path.parent), source="gcp-catalog-page-2023")


def _machine_types(folder: Path) -> dict[str, gcp.MachineType]:
    machine_file = folder / "cyclenerd-machinetypes.csv"
    with machine_file.open(encoding="utf-8") as fh:
        return gcp.read_machine_types(fh, where=str(machine_file))


def _ace_pages(path: Path) -> Iterator[PriceRow]:
    for file in sorted(path.glob("ace-*.json")):
        if file.name in _ACE_ELSEWHERE:
            continue
        doc = tables.load_json(file)
        items, _ = azure.parse_page(doc, where=str(file))
        yield from azure.rows_from_items(items, source="ace-retail-responses", where=str(file), refused=_REFUSED.append)


#: Recorded pages loaded as their own sources (kept apart for their provenance lines).
_ACE_ELSEWHERE = {"ace-postgresql-burstable.json", "ace-aks-ultrassd.json"}

#: Prices the ingesters refused while building (each names its SKU); logged, never stored.
_REFUSED: list[str] = []


def _retail_items(path: Path) -> Iterator[PriceRow]:
    doc = tables.load_json(path)
    items, _ = azure.parse_page(doc, where=str(path))
    yield from azure.rows_from_items(items, source=path.name.removesuffix(".gz").removesuffix(".json"),
                                     where=str(path), refused=_REFUSED.append)


def _gcp_skus(path: Path) -> Iterator[PriceRow]:
    doc = tables.load_json(path)
    rows = list(gcp.sku_rows(doc["skus"], source="gcp-catalog-sample", where=str(path), target_currency="USD",
                             refused=_REFUSED.append))
    yield from rows
    yield from gcp.compose_machine_types(rows, _machine_types(path.parent), source="gcp-catalog-sample")


def _radar(service: str) -> Callable[[Path], Iterator[PriceRow]]:
    def read(path: Path) -> Iterator[PriceRow]:
        yield from tables.pricing_radar_rows(path, service=service, checked=date(2026, 8, 22),
                                             source="azure-pricing-radar-2026")
    return read


SOURCES: tuple[SampleSource, ...] = (
    SampleSource("karpenter-aws", "aws", "aws/karpenter-ec2-ondemand-linux-hourly.json",
                 "EC2 Linux on-demand hourly, us-east-1 (all types), GovCloud, cn-north-1 (CNY); AWS Price List "
                 "Query API via Karpenter's generated tables", "https://github.com/aws/karpenter-provider-aws",
                 "Apache-2.0", date(2026, 7, 20), tables.karpenter_ec2_rows),
    SampleSource("ec2instances-opszero-2024", "aws",
                 "aws/ec2instances-info-pr735-opszero-ec2-linux-ondemand-spot-94-regions-2024-04.json.gz",
                 "EC2 Linux on-demand and average spot, 767 types x 94 locations",
                 "https://github.com/vantage-sh/ec2instances.info/pull/735", "MIT", date(2024, 4, 4),
                 tables.opszero_rows),
    SampleSource("terracost-aws-2023", "aws", "aws/terracost-eu-west-1-ondemand-2023-02-23.csv.gz",
                 "eu-west-1 on-demand: EC2, EBS, NAT, EIP, ELB, RDS, ElastiCache, CloudWatch (AWS Bulk API dump)",
                 "https://github.com/cycloidio/terracost", "MIT", date(2023, 2, 23), tables.terracost_aws_rows),
    SampleSource("ec2instances-rds-2021", "aws", "aws/ec2instances-info-rds-instances-2021-08.json.gz",
                 "RDS Single-AZ on-demand, 142 classes x 23 regions (MySQL, PostgreSQL, MariaDB, Aurora)",
                 "https://github.com/vantage-sh/ec2instances.info", "MIT", date(2021, 8, 3),
                 tables.ec2instances_rds_rows),
    SampleSource("ec2instances-elasticache-2022", "aws", "aws/ec2instances-info-elasticache-instances-2022-02.json.gz",
                 "ElastiCache node hours, Redis and Memcached, 70 types x 24 regions",
                 "https://github.com/vantage-sh/ec2instances.info", "MIT", date(2022, 2, 13),
                 tables.ec2instances_cache_rows),
    SampleSource("aws-bulk-sample", "aws", "aws/bulk-AmazonEC2-us-east-1-excerpt.json",
                 "AWS Price List bulk offer file excerpt (p4d.24xlarge; Capacity Block row dropped)",
                 "https://github.com/opencost/opencost", "Apache-2.0", date(2024, 5, 28), _json_rows("aws-bulk-sample")),
    SampleSource("aws-bulk-cn-northwest-1", "aws", "aws/bulk-AmazonEC2-cn-northwest-1-excerpt-CNY.json",
                 "AWS Price List bulk offer file excerpt, China (Ningxia): EBS gp3 storage in CNY",
                 "https://github.com/opencost/opencost", "Apache-2.0", date(2024, 5, 28),
                 _json_rows("aws-bulk-cn-northwest-1")),
    SampleSource("aws-bulk-s3-2018", "aws", "aws/bulk-AmazonS3-eu-west-1-index-excerpt-2018.csv",
                 "AWS Price List bulk CSV excerpt, AmazonS3 eu-west-1: storage classes (tiered), requests, retrieval",
                 "https://github.com/ligoj/plugin-prov-aws", "MIT", date(2018, 4, 4), _s3_csv),
    SampleSource("focus-sample-2024-09", "aws", "../focus/focus_1_0_sample_1000_real.csv",
                 "ListUnitPrice of AWS usage rows in a real FOCUS 1.0 export (September 2024): EBS, NAT gateway, load "
                 "balancer, S3 request, Lambda request, EKS and KMS rates per region (flat rates only)",
                 "https://github.com/FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data", "CC-BY-4.0",
                 date(2024, 9, 30), _focus_rows),
    SampleSource("aws-query-api-sample", "aws", "aws/query-api-get-products-pricelist-item-m5.large-us-east-1.json",
                 "AWS Price List Query API GetProducts item: m5.large us-east-1 on-demand and 12 reserved terms",
                 "https://github.com/aws/amazon-ec2-instance-selector", "Apache-2.0", date(2021, 2, 5), _query_item),
    SampleSource("ec2instances-x2iedn-2026", "aws", "aws/ec2instances-info-single-instance-x2iedn.32xlarge.json",
                 "x2iedn.32xlarge in 25 regions: on-demand per OS and SQL Server edition, average spot, No Upfront "
                 "reserved (ec2instances.info instances.json record)", "https://github.com/vantage-sh/ec2instances.info",
                 "MIT", date(2026, 7, 20),
                 lambda p: tables.ec2instances_instance_rows(p, eff=date(2026, 7, 20), source="ec2instances-x2iedn-2026")),
    SampleSource("ec2instances-rds-reserved-2021", "aws", "aws/ec2instances-info-rds-instances-2021-08.json.gz",
                 "RDS reserved hourly rates and upfront fees (open-source engines, Single-AZ)",
                 "https://github.com/vantage-sh/ec2instances.info", "MIT", date(2021, 8, 3),
                 lambda p: tables.ec2instances_reserved_rows(p, service="AmazonRDS", eff=date(2021, 8, 3),
                                                             source="ec2instances-rds-reserved-2021")),
    SampleSource("ec2instances-elasticache-reserved-2022", "aws",
                 "aws/ec2instances-info-elasticache-instances-2022-02.json.gz",
                 "ElastiCache No Upfront reserved hourly rates, Redis and Memcached",
                 "https://github.com/vantage-sh/ec2instances.info", "MIT", date(2022, 2, 13),
                 lambda p: tables.ec2instances_reserved_rows(p, service="AmazonElastiCache", eff=date(2022, 2, 13),
                                                             source="ec2instances-elasticache-reserved-2022")),
    SampleSource("karpenter-azure", "azure", "azure/karpenter-azure-vm-ondemand-linux-hourly.json",
                 "Azure VM Linux pay-as-you-go hourly, 57 regions (Retail Prices API via Karpenter for Azure)",
                 "https://github.com/Azure/karpenter-provider-azure", "Apache-2.0", date(2026, 6, 18),
                 tables.karpenter_azure_rows),
    SampleSource("azure-pricing-radar-2026", "azure", "azure/pricing-radar",
                 "Azure managed disks, blob/files storage meters (5 EU regions) and westeurope VM meters "
                 "(Windows, Spot), Retail Prices API reduced tables",
                 "https://github.com/andy-diericks/azure-pricing-radar", "MIT", date(2026, 8, 22),
                 lambda p: _radar_dir(p)),
    SampleSource("terracost-vm-francecentral-2021-11-items", "azure",
                 "azure/retail-api/terracost-vm-francecentral-2021-11-items.json.gz",
                 "Azure VM francecentral: Consumption, DevTest and 1/3-year Reservation items (Retail Prices API)",
                 "https://github.com/cycloidio/terracost", "MIT", date(2021, 12, 1), _retail_items),
    SampleSource("ace-postgresql-burstable", "azure", "azure/retail-api/ace-postgresql-burstable.json",
                 "Azure Database for PostgreSQL flexible server westeurope (recorded Retail Prices API response)",
                 "https://github.com/TheCloudTheory/arm-estimator", "MIT", date(2023, 10, 1), _retail_items),
    SampleSource("ace-aks-ultrassd", "azure", "azure/retail-api/ace-aks-ultrassd.json",
                 "Azure VM + P10 managed disk westeurope (recorded Retail Prices API response)",
                 "https://github.com/TheCloudTheory/arm-estimator", "MIT", date(2023, 10, 1), _retail_items),
    SampleSource("ace-retail-responses", "azure", "azure/retail-api",
                 "Azure Key Vault, Automation, Static Web Apps, Site Recovery and VM meters, westeurope (recorded "
                 "Retail Prices API responses)", "https://github.com/TheCloudTheory/arm-estimator", "MIT",
                 date(2023, 10, 1), _ace_pages),
    SampleSource("gcp-catalog-page-2023", "gcp", "gcp/catalog-api-skus-page-opencost.json",
                 "Compute Engine A100 GPU and A2 core/RAM SKUs (USD), E2 and T2D core/RAM SKUs (IDR, converted with "
                 "the catalog's own rate) (Cloud Billing Catalog API page)", "https://github.com/opencost/opencost",
                 "Apache-2.0", date(2023, 3, 24), _gcp_page),
    SampleSource("skypilot-gcp-gpus-2022", "gcp", "gcp/skypilot-gcp-attached-gpu-tpu-catalog-2022.csv",
                 "attached GPUs per region (T4, P4, V100, P100, K80), on-demand and spot, US regions",
                 "https://github.com/skypilot-org/skypilot", "Apache-2.0", date(2022, 1, 1),
                 lambda p: tables.skypilot_gpu_rows(p, eff=date(2022, 1, 1))),
    SampleSource("cyclenerd-gcp", "gcp", "gcp/cyclenerd-pricing.json",
                 "GCP machine types, disks, IPs, NAT, egress, Cloud Storage in 42 regions (Cloud Billing Catalog)",
                 "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator", "Apache-2.0",
                 date(2026, 7, 30), tables.cyclenerd_rows),
    SampleSource("gcp-catalog-sample", "gcp", "gcp/catalog-api-skus-n4-us-central1-opencost.json",
                 "Compute Engine N4A/N4D core and RAM SKUs, us-central1 (Cloud Billing Catalog API response)",
                 "https://github.com/opencost/opencost", "Apache-2.0", date(2026, 9, 22), _gcp_skus),
)


def _radar_dir(path: Path) -> Iterator[PriceRow]:
    for file in sorted(path.glob("storage-*.json.gz")):
        yield from tables.pricing_radar_rows(file, service="Storage", checked=date(2026, 8, 22),
                                             source="azure-pricing-radar-2026")
    for file in sorted(path.glob("vm-*.json.gz")):
        yield from tables.pricing_radar_rows(file, service="Virtual Machines", checked=date(2026, 8, 22),
                                             source="azure-pricing-radar-2026")


def build_catalog(samples: Path, out: Path, *, curated: Path | None = None, built_at: datetime | None = None,
                  log: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """Build ``out`` from the sample files (and curated CSVs); returns rows kept per source."""
    counts: dict[str, int] = {}
    stamp = (built_at or datetime.now(UTC)).isoformat()
    with CatalogWriter(out, built_at=built_at) as writer:
        for src in sorted(SOURCES, key=lambda s: s.price_date):  # oldest first: newer rows replace older
            path = samples / src.relpath
            if not path.exists():
                raise CostlibError(f"price sample missing: {path}", where=src.name)
            n = writer.add_all(src.read(path))
            counts[src.name] = n
            writer.add_source(SourceInfo(src.name, src.vendor, src.description, src.url, src.licence,
                                         src.price_date, stamp, False))
            log(f"{src.name}: {n} rows")
        if _REFUSED:
            log(f"refused {len(_REFUSED)} implausible prices:")
            for line in _REFUSED:
                log(f"  {line}")
            _REFUSED.clear()
        for spec in tables.instance_specs_aws(samples / SOURCES[1].relpath):
            writer.add_spec(*spec)
        for spec in tables.instance_specs_gcp(samples / "gcp/cyclenerd-pricing.json"):
            writer.add_spec(*spec)
        if curated is not None:
            for file in sorted(curated.glob("*.csv")):
                with file.open(encoding="utf-8", newline="") as fh:
                    rows = list(read_curated(fh, where=str(file)))
                n = writer.add_all(rows)
                name = f"curated-{file.stem}"
                counts[name] = n
                newest = max((r.effective_date for r in rows), default=date.today())
                desc = f"list prices read from public pricing pages ({file.name})"
                writer.add_source(SourceInfo(name, file.stem, desc,
                                             "pricing/SOURCES.md", "facts (public list prices)", newest, stamp, True))
                log(f"{name}: {n} rows")
    return counts


def write_gzip(plain: Path, out: Path) -> None:
    """Gzip ``plain`` to ``out`` reproducibly (no name or time in the header), atomically."""
    tmp = out.with_name(out.name + ".tmp")
    with plain.open("rb") as src, tmp.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m costlib.catalog.build", description=__doc__)
    parser.add_argument("--from", dest="samples", type=Path, required=True, help="pricing-samples folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--curated", type=Path, default=None)
    parser.add_argument("--built-at", default=None, help="ISO timestamp recorded as the build time")
    args = parser.parse_args(argv)
    built_at = datetime.fromisoformat(args.built_at) if args.built_at else None
    try:
        if args.out.suffix == ".gz":
            with tempfile.TemporaryDirectory() as tmp:
                plain = Path(tmp) / "catalog.sqlite"
                counts = build_catalog(args.samples, plain, curated=args.curated, built_at=built_at,
                                       log=lambda m: print(m, file=sys.stderr))
                write_gzip(plain, args.out)
        else:
            counts = build_catalog(args.samples, args.out, curated=args.curated, built_at=built_at,
                                   log=lambda m: print(m, file=sys.stderr))
    except CostlibError as exc:
        print(f"costlib: error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.out}: {sum(counts.values())} rows from {len(counts)} sources", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
