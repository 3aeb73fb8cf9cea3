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

from costlib.catalog.ingest import aws, azure, gcp, tables
from costlib.catalog.ingest.curated import read_curated
from costlib.catalog.rows import PriceRow
from costlib.catalog.store import CatalogWriter, SourceInfo
from costlib.errors import CostlibError

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


def _json_rows(path: Path) -> Iterator[PriceRow]:
    yield from aws.parse_offer_json(path, source="aws-bulk-sample")


def _retail_items(path: Path) -> Iterator[PriceRow]:
    doc = tables.load_json(path)
    items, _ = azure.parse_page(doc, where=str(path))
    yield from azure.rows_from_items(items, source=path.stem, where=str(path))


def _gcp_skus(path: Path) -> Iterator[PriceRow]:
    doc = tables.load_json(path)
    rows = list(gcp.sku_rows(doc["skus"], source="gcp-catalog-sample", where=str(path), target_currency="USD"))
    machine_file = path.parent / "cyclenerd-machinetypes.csv"
    with machine_file.open(encoding="utf-8") as fh:
        types = gcp.read_machine_types(fh, where=str(machine_file))
    yield from rows
    yield from gcp.compose_machine_types(rows, types, source="gcp-catalog-sample")


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
                 "https://github.com/opencost/opencost", "Apache-2.0", date(2024, 5, 28), _json_rows),
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
    SampleSource("ace-key-vault", "azure", "azure/retail-api/ace-key-vault-usage-patterns.json",
                 "Azure Key Vault operations, advanced key operations, rotations and renewals, westeurope "
                 "(recorded Retail Prices API response)",
                 "https://github.com/TheCloudTheory/arm-estimator", "MIT", date(2023, 10, 1), _retail_items),
    SampleSource("ace-automation", "azure", "azure/retail-api/ace-automation-account-usage-patterns.json",
                 "Azure Automation job runtime and watcher meters with their free tiers, westeurope "
                 "(recorded Retail Prices API response)",
                 "https://github.com/TheCloudTheory/arm-estimator", "MIT", date(2023, 10, 1), _retail_items),
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
