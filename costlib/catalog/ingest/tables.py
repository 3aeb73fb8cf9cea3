"""Compact price tables built by other projects from the providers' own price APIs.

Each reader maps a table onto the provider vocabulary of ``pricing/CONVENTIONS.md`` and keeps each
price's own date. Numbers are read with ``parse_float=Decimal`` so no binary rounding creeps in.
A price of 0 on a priced product (the Capacity Block trap) is treated as missing and skipped.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from costlib.catalog.ingest.aws import select_attributes
from costlib.catalog.ingest.azure import arm_sku_name, rows_from_items
from costlib.catalog.rows import PriceRow
from costlib.errors import InputError
from costlib.models import PurchaseOption

__all__ = [
    "EC2INSTANCES_OS",
    "LINUX_EC2",
    "cyclenerd_rows",
    "ec2instances_cache_rows",
    "ec2instances_instance_rows",
    "ec2instances_rds_rows",
    "ec2instances_reserved_rows",
    "instance_specs_aws",
    "instance_specs_gcp",
    "karpenter_azure_rows",
    "karpenter_ec2_rows",
    "load_json",
    "opszero_rows",
    "plausible_on_demand",
    "pricing_radar_rows",
    "skypilot_gpu_rows",
    "terracost_aws_rows",
]

#: The attributes of an EC2 Linux, shared-tenancy, no-software, on-demand instance hour.
LINUX_EC2 = {"operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
             "licenseModel": "No License required"}


def load_json(path: Path) -> Any:
    """Load a JSON or gzipped JSON file with exact decimals; errors name the file."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            return json.load(fh, parse_float=Decimal)
    except (json.JSONDecodeError, OSError, EOFError) as exc:
        raise InputError(f"cannot read price table: {exc}", where=str(path)) from None


def _ec2_row(region: str, itype: str, price: Decimal, currency: str, eff: date, source: str, url: str,
             option: str = PurchaseOption.ON_DEMAND, metal_tenancy: str = "Shared") -> PriceRow:
    metal = itype.endswith(".metal") or ".metal-" in itype
    attrs = {"instanceType": itype, **LINUX_EC2}
    if metal:
        attrs["tenancy"] = metal_tenancy
    return PriceRow(vendor="aws", service="AmazonEC2", region=region,
                    product_family="Compute Instance (bare metal)" if metal else "Compute Instance",
                    attributes=attrs, unit="Hrs", price=price, currency=currency, effective_date=eff, source=source,
                    purchase_option=option)


def karpenter_ec2_rows(path: Path, *, source: str = "karpenter-aws") -> Iterator[PriceRow]:
    """Karpenter's generated EC2 Linux on-demand table (us-east-1, GovCloud in USD; cn-north-1 in CNY)."""
    doc = load_json(path)
    for region, prices in doc["prices"].items():
        meta = doc["meta"]["regions"][region]
        eff = datetime.fromisoformat(meta["generated_at"].replace("Z", "+00:00")).date()
        for itype, price in prices.items():
            if Decimal(price) > 0:
                # Karpenter's bare-metal sizes are the dedicated-tenancy SKU (its own metadata says so)
                yield _ec2_row(region, itype, Decimal(price), meta["currency"], eff, source,
                               "https://github.com/aws/karpenter-provider-aws", metal_tenancy="Dedicated")


def opszero_rows(path: Path, *, source: str = "ec2instances-opszero-2024") -> Iterator[PriceRow]:
    """ec2instances.info (opszero PR 735) EC2 Linux on-demand and average spot, 94 locations, 2024-04-04."""
    eff = date(2024, 4, 4)
    for rec in load_json(path)["data"]:
        region, itype = str(rec["region"]), str(rec["instance-type"])
        for key, option in (("ondemand", PurchaseOption.ON_DEMAND), ("spot_avg", PurchaseOption.SPOT)):
            value = rec.get(key)
            if value in (None, "", "NA"):
                continue
            price = Decimal(str(value))
            if price > 0:
                yield _ec2_row(region, itype, price, "USD", eff, source,
                               "https://github.com/vantage-sh/ec2instances.info/pull/735", option)


def instance_specs_aws(path: Path) -> Iterator[tuple[str, str, Decimal, Decimal, str]]:
    """``(vendor, instance type, vCPU, memory GiB, arch)`` from the opszero table (one per type)."""
    seen: set[str] = set()
    for rec in load_json(path)["data"]:
        itype = str(rec["instance-type"])
        if itype not in seen:
            seen.add(itype)
            yield "aws", itype, Decimal(str(rec["vCPU"])), Decimal(str(rec["memory"])), str(rec.get("arch", ""))


_TERRACOST_NAMES = {"UsageType": "usagetype", "InstanceType": "instanceType", "OperatingSystem": "operatingSystem",
                    "Tenancy": "tenancy", "CapacityStatus": "capacitystatus", "PreInstalledSW": "preInstalledSw",
                    "DatabaseEngine": "databaseEngine", "DeploymentOption": "deploymentOption",
                    "VolumeAPIName": "volumeApiName", "Group": "group", "CacheEngine": "cacheEngine",
                    "LicenseModel": "licenseModel", "DatabaseEdition": "databaseEdition"}


def terracost_aws_rows(path: Path, *, source: str = "terracost-aws-2023") -> Iterator[PriceRow]:
    """terracost's eu-west-1 on-demand dump (2023-02-23): EC2, EBS, NAT, EIP, ELB, RDS, ElastiCache, CloudWatch.

    terracost did not keep ``licenseModel``: Linux/RHEL/SUSE compute rows get "No License required";
    Windows rows are skipped (their licence variants would collide).
    """
    eff = date(2023, 2, 23)

    tiers: dict[tuple[Any, ...], list[tuple[Decimal, PriceRow]]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for rec in reader:
            where = f"{path}:{reader.line_num}"
            try:
                raw = json.loads(rec["attributes_json"])
                price = Decimal(rec["price_per_unit"])
                start = Decimal(rec["starting_range"] or "0")
            except (ValueError, ArithmeticError, KeyError) as exc:
                raise InputError(f"malformed row: {exc}", where=where) from None
            attrs = {_TERRACOST_NAMES.get(k, k[:1].lower() + k[1:]): str(v) for k, v in raw.items()}
            family, service = rec["product_family"], rec["service_code"]
            if family.startswith("Compute Instance"):
                if attrs.get("operatingSystem") == "Windows":
                    continue
                attrs.setdefault("licenseModel", "No License required")
            if service == "AmazonRDS" and family == "Database Instance":
                attrs.setdefault("licenseModel", "No license required")
            selected = select_attributes(family, attrs, service)
            if selected is None or rec["term_type"] != "OnDemand" or not rec["region"]:
                continue
            row = PriceRow(vendor="aws", service=service, region=rec["region"], product_family=family,
                           attributes=selected, unit=rec["unit"], price=price, currency=rec["currency"],
                           effective_date=eff, source=source, sku=rec["sku"])
            tiers.setdefault(row.key, []).append((start, row))
            if service == "AmazonRDS" and family == "Database Storage" and rec["unit"] == "GB-Mo" and \
                    attrs.get("volumeType") in _RDS_VOLUMES and attrs.get("deploymentOption") in ("Single-AZ",
                                                                                                   "Multi-AZ"):
                # also by volume type and deployment, as the cost function asks (one price for every engine)
                alt = PriceRow(**{**{f: getattr(row, f) for f in row.__dataclass_fields__}, "attributes": {
                    "volumeType": attrs["volumeType"], "deploymentOption": attrs["deploymentOption"]}})
                tiers.setdefault(alt.key, []).append((start, alt))
    for rows in tiers.values():
        by_start: dict[Decimal, set[Decimal]] = {}
        for start, r in rows:
            by_start.setdefault(start, set()).add(r.price)
        if any(len(prices) > 1 for prices in by_start.values()):
            continue  # several products at different prices collapsed onto one key (terracost dropped what told them
            #           apart): not used. The same price for all of them (RDS storage per engine) is one price.
        bands = sorted(dict(reversed(rows)).items(), key=lambda b: b[0])  # one row per start (the first)
        base = bands[0][1]
        if len(bands) > 1:
            t = tuple((s, bands[i + 1][0] if i + 1 < len(bands) else None, r.price) for i, (s, r) in enumerate(bands))
            base = PriceRow(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "tiers": t})
        elif base.price == 0:
            continue
        yield base


_RDS_ENGINES = ("MySQL", "PostgreSQL", "MariaDB", "Aurora MySQL", "Aurora PostgreSQL")
_RDS_VOLUMES = ("General Purpose", "General Purpose-GP3", "Provisioned IOPS", "Magnetic")


def plausible_on_demand(prices: Mapping[str, Any]) -> bool:
    """An ec2instances.info on-demand figure is kept only where no 1-year No Upfront reservation of the same product
    costs more per hour: a reservation always discounts, so an on-demand below it is a wrong figure in the table
    (ElastiCache 2022 lists cache.r5.large Redis at $0.09 on demand and $0.147 reserved). Not found, never wrong.

    >>> plausible_on_demand({"ondemand": 0.09, "reserved": {"yrTerm1Standard.noUpfront": 0.147}})
    False
    >>> plausible_on_demand({"ondemand": 0.216, "reserved": {"yrTerm1Standard.noUpfront": 0.147}})
    True
    """
    on_demand = Decimal(str(prices.get("ondemand")))
    reserved = prices.get("reserved") or {}
    return all(Decimal(str(v)) <= on_demand for k, v in reserved.items()
               if k.startswith("yrTerm1") and k.endswith("noUpfront") and v is not None)


def ec2instances_rds_rows(path: Path, *, source: str = "ec2instances-rds-2021") -> Iterator[PriceRow]:
    """RDS Single-AZ on-demand per engine (open-source engines only: Oracle/SQL Server names are ambiguous)."""
    eff = date(2021, 8, 3)
    for rec in load_json(path):
        itype = str(rec["instanceType"])
        for region, engines in (rec.get("pricing") or {}).items():
            for engine in _RDS_ENGINES:
                value = (engines.get(engine) or {}).get("ondemand")
                if value is None or Decimal(str(value)) <= 0 or not plausible_on_demand(engines[engine]):
                    continue
                attrs = {"instanceType": itype, "databaseEngine": engine, "deploymentOption": "Single-AZ"}
                if not engine.startswith("Aurora"):
                    attrs["licenseModel"] = "No license required"
                yield PriceRow(vendor="aws", service="AmazonRDS", region=region, product_family="Database Instance",
                               attributes=attrs, unit="Hrs", price=Decimal(str(value)), currency="USD",
                               effective_date=eff, source=source,
                               )


def ec2instances_cache_rows(path: Path, *, source: str = "ec2instances-elasticache-2022") -> Iterator[PriceRow]:
    """ElastiCache node-hour on-demand per engine (Redis, Memcached), 24 regions, 2022-02-13."""
    eff = date(2022, 2, 13)
    for rec in load_json(path):
        itype = str(rec["instanceType"])
        for region, engines in (rec.get("pricing") or {}).items():
            for engine, prices in engines.items():
                value = (prices or {}).get("ondemand")
                if value is None or Decimal(str(value)) <= 0 or not plausible_on_demand(prices):
                    continue
                yield PriceRow(vendor="aws", service="AmazonElastiCache", region=region,
                               product_family="Cache Instance",
                               attributes={"instanceType": itype, "cacheEngine": str(engine)}, unit="Hrs",
                               price=Decimal(str(value)), currency="USD", effective_date=eff, source=source,
                               )


#: series whose Karpenter "Linux" figures are their Cloud Services/Windows meters (checked against the Retail Prices
#: rows of westeurope and francecentral): left out, so they answer price_not_found rather than a wrong price
KARPENTER_AZURE_UNRELIABLE = re.compile(r"^Standard_([DE]\d+(-\d+)?ad?s_v5|B\d+[a-z]*_v2)$")


def karpenter_azure_rows(path: Path, *, source: str = "karpenter-azure") -> Iterator[PriceRow]:
    """Azure VM Linux pay-as-you-go per armSkuName in 57 regions (Karpenter for Azure, 2026-06-18), without the
    series in :data:`KARPENTER_AZURE_UNRELIABLE`."""
    doc = load_json(path)
    eff = datetime.fromisoformat(doc["meta"]["generated_at"].replace("Z", "+00:00")).date()
    currency = doc["meta"].get("currency", "USD")
    for region, sizes in doc["prices"].items():
        for sku, price in sizes.items():
            if Decimal(price) <= 0:
                continue
            name = sku if sku.startswith(("Standard_", "Basic_")) else arm_sku_name(sku)
            if KARPENTER_AZURE_UNRELIABLE.match(name):
                continue
            yield PriceRow(vendor="azure", service="Virtual Machines", region=region, product_family="Compute",
                           attributes={"armSkuName": name, "os": "Linux"}, unit="1 Hour", price=Decimal(price),
                           currency=currency, effective_date=eff, source=source)


def pricing_radar_rows(path: Path, *, service: str, checked: date, source: str) -> Iterator[PriceRow]:
    """azure-pricing-radar reduced Retail Prices tables (flat meters; tiered meters are unreliable there)."""
    doc: Mapping[str, Mapping[str, Any]] = load_json(path)
    items = []
    for key, item in doc.items():
        if re.match(r"^Hot .*Data Stored$", str(item.get("meterName", ""))):
            continue  # tiered by volume; the file kept one tier of it, not necessarily the first: not used
        kind = key.split("|")[2] if key.count("|") >= 2 else "Consumption"
        family = "Compute" if service == "Virtual Machines" else "Storage"
        items.append({**item, "type": kind, "serviceName": service, "serviceFamily": family})
        if service == "Virtual Machines":
            items[-1]["armSkuName"] = arm_sku_name(str(item.get("skuName", "")))
            items[-1]["productName"] = str(item.get("productName", ""))
    yield from rows_from_items(items, source=source, default_date=checked, where=str(path),
                               source_url="https://github.com/andy-diericks/azure-pricing-radar")


def cyclenerd_rows(path: Path, *, source: str = "cyclenerd-gcp") -> Iterator[PriceRow]:
    """GCP machine types, disks, IPs, NAT, egress and Cloud Storage per region (Cyclenerd's pricing table).

    Machine types take the ``hour`` list price (its ``month`` already includes sustained-use discount).
    """
    doc = load_json(path)
    eff = datetime.strptime(doc["about"]["generated"], "%a %b %d %H:%M:%S %Y").date()


    def row(service: str, family: str, attrs: dict[str, str], unit: str, region: str, price: Any,
            option: str = PurchaseOption.ON_DEMAND) -> PriceRow | None:
        value = Decimal(str(price))
        if value <= 0:
            return None
        return PriceRow(vendor="gcp", service=service, region=region, product_family=family, attributes=attrs,
                        unit=unit, price=value, currency="USD", effective_date=eff, source=source,
                        purchase_option=option)

    out: list[PriceRow | None] = []
    for name, spec in doc["compute"]["instance"].items():
        for region, cost in (spec.get("cost") or {}).items():
            out.append(row("Compute Engine", "Compute Instance", {"machineType": name}, "h", region,
                           cost.get("hour", 0)))
            if cost.get("hour_spot"):
                out.append(row("Compute Engine", "Compute Instance", {"machineType": name}, "h", region,
                               cost["hour_spot"], PurchaseOption.SPOT))
    disk_names = {"hdd": "pd-standard", "balanced": "pd-balanced", "ssd": "pd-ssd", "extreme": "pd-extreme",
                  "hdd-replicated": "pd-standard-regional", "balanced-replicated": "pd-balanced-regional",
                  "ssd-replicated": "pd-ssd-regional", "hyperdisk-extreme": "hyperdisk-extreme",
                  "local": "local-ssd", "snapshot": "snapshot"}
    for key, spec in doc["compute"]["storage"].items():
        if key not in disk_names:
            continue
        for region, cost in spec["cost"].items():
            out.append(row("Compute Engine", "Storage", {"diskType": disk_names[key]}, "GiBy.mo", region,
                           cost.get("month", 0)))
    net = doc["compute"]["network"]
    for attrs, node, field, unit in (
        ({"resource": "external-ip", "state": "unused"}, net["ip"]["unused"], "hour", "h"),
        ({"resource": "external-ip", "state": "in-use"}, net["ip"]["vm"], "hour", "h"),
        ({"resource": "nat-gateway"}, net["nat"]["gateway"], "hour", "h"),
        ({"resource": "nat-data"}, net["nat"]["data"], "month", "GiBy"),
        ({"resource": "vpn-tunnel"}, net["vpn"]["tunnel"], "hour", "h"),
    ):
        for region, cost in node["cost"].items():
            if field in cost:
                out.append(row("Compute Engine", "Network", attrs, unit, region, cost[field]))
    # Internet egress: tiers 0-1 TiB, 1-10 TiB, over 10 TiB per month; "cost" is worldwide (not AU/CN).
    egress = net["traffic"]["egress"]["internet"]
    tib = Decimal(1024)
    for dest_key, destination in (("cost", "worldwide"), ("australia", "australia"), ("china", "china")):
        bands = egress[dest_key] if dest_key == "cost" else egress[dest_key]["cost"]
        for region in bands["0-1"]:
            prices = [Decimal(str(bands[b][region]["month"])) for b in ("0-1", "1-10", "10n") if region in bands[b]]
            if len(prices) != 3 or prices[0] <= 0:
                continue
            tiers = ((Decimal(0), tib, prices[0]), (tib, 10 * tib, prices[1]), (10 * tib, None, prices[2]))
            out.append(PriceRow(vendor="gcp", service="Compute Engine", region=region, product_family="Network",
                                attributes={"resource": "egress-internet", "destination": destination},
                                unit="GiBy", price=prices[0], currency="USD", effective_date=eff, source=source,
                                tiers=tiers))
    classes = {"standard": "STANDARD", "nearline": "NEARLINE", "coldline": "COLDLINE", "archiv": "ARCHIVE",
               "dra": "DURABLE_REDUCED_AVAILABILITY"}
    for key, spec in doc["storage"]["bucket"].items():
        base, _, kind = key.partition("-")
        location = {"": "region", "dual": "dual-region", "multi": "multi-region"}[kind]
        for region, cost in spec["cost"].items():
            out.append(row("Cloud Storage", "Storage", {"storageClass": classes[base], "locationType": location},
                           "GiBy.mo", region, cost.get("month", 0)))
    for key, spec in doc["storage"]["retrieval"].items():
        base, _, kind = key.partition("-")
        location = {"": "region", "dual": "dual-region", "multi": "multi-region"}[kind]
        for region, cost in spec["cost"].items():
            out.append(row("Cloud Storage", "Data Retrieval", {"storageClass": classes[base],
                                                                "locationType": location},
                           "GiBy", region, cost.get("month", 0)))
    yield from (r for r in out if r is not None)


def instance_specs_gcp(path: Path) -> Iterator[tuple[str, str, Decimal, Decimal, str]]:
    """``(vendor, machine type, vCPU, memory GiB, arch)`` from Cyclenerd's table."""
    doc = load_json(path)
    for name, spec in doc["compute"]["instance"].items():
        arch = "arm64" if name.startswith(("t2a", "c4a", "n4a")) else "x86_64"
        yield "gcp", name, Decimal(str(spec["cpu"])), Decimal(str(spec["ram"])), arch


#: ec2instances.info operating-system keys -> the Price List's (operatingSystem, preInstalledSw); all of these are
#: licenseModel "No License required" (Windows licence included), checked against terracost's eu-west-1 rows.
EC2INSTANCES_OS: Mapping[str, tuple[str, str]] = {
    "linux": ("Linux", "NA"), "linuxSQL": ("Linux", "SQL Std"), "linuxSQLWeb": ("Linux", "SQL Web"),
    "linuxSQLEnterprise": ("Linux", "SQL Ent"), "mswin": ("Windows", "NA"), "mswinSQL": ("Windows", "SQL Std"),
    "mswinSQLWeb": ("Windows", "SQL Web"), "mswinSQLEnterprise": ("Windows", "SQL Ent"), "rhel": ("RHEL", "NA"),
    "rhelSQL": ("RHEL", "SQL Std"), "rhelSQLWeb": ("RHEL", "SQL Web"), "rhelSQLEnterprise": ("RHEL", "SQL Ent"),
    "sles": ("SUSE", "NA"), "ubuntu": ("Ubuntu Pro", "NA"),
}

_RESERVED_KEY = re.compile(r"^yrTerm(?P<years>[13])(?P<klass>Standard|Convertible)?\.(?P<option>noUpfront|partialUpfront|"
                           r"allUpfront)(?:-(?P<unit>hrs|quantity))?$")
_OPTIONS = {"noUpfront": "No Upfront", "partialUpfront": "Partial Upfront", "allUpfront": "All Upfront"}


def _reserved(key: str) -> tuple[str, str] | None:
    """``(term, unit)`` of an ec2instances.info reserved key, for the keys that are Price List rows as they are.

    ``noUpfront`` is the hourly rate (there is no fee); the ``-hrs``/``-quantity`` pairs are the hourly rate and
    the upfront fee. Other upfront keys are blended "effective hourly" figures, not list prices: None.

    >>> _reserved("yrTerm1Standard.noUpfront"), _reserved("yrTerm3.allUpfront-quantity"), _reserved("yrTerm1.allUpfront")
    (('1yr No Upfront standard', 'Hrs'), ('3yr All Upfront', 'Quantity'), None)
    """
    m = _RESERVED_KEY.match(key)
    if m is None or (m["option"] != "noUpfront" and m["unit"] is None):
        return None
    term = f"{m['years']}yr {_OPTIONS[m['option']]}" + (f" {m['klass'].lower()}" if m["klass"] else "")
    return term, "Quantity" if m["unit"] == "quantity" else "Hrs"


def ec2instances_instance_rows(path: Path, *, eff: date, source: str = "ec2instances-instance") -> Iterator[PriceRow]:
    """One ec2instances.info ``instances.json`` record: on-demand, average spot (Linux, Windows) and No Upfront
    reserved hourly rates per region and operating system (shared tenancy)."""
    rec = load_json(path)
    itype = str(rec["instance_type"])
    url = "https://github.com/vantage-sh/ec2instances.info"
    for region, systems in (rec.get("pricing") or {}).items():
        for key, prices in systems.items():
            if key not in EC2INSTANCES_OS or not isinstance(prices, dict):
                continue
            os_name, software = EC2INSTANCES_OS[key]
            attrs = {"instanceType": itype, "operatingSystem": os_name, "tenancy": "Shared", "preInstalledSw": software,
                     "licenseModel": "No License required"}
            family = "Compute Instance (bare metal)" if ".metal" in itype else "Compute Instance"
            offers: list[tuple[str, str, str, Any]] = [(PurchaseOption.ON_DEMAND, "", "Hrs", prices.get("ondemand")),
                                                       (PurchaseOption.SPOT, "", "Hrs", prices.get("spot_avg"))]
            for rkey, value in (prices.get("reserved") or {}).items():
                found = _reserved(rkey)
                if found is not None:
                    offers.append((PurchaseOption.RESERVED, found[0], found[1], value))
            for option, term, unit, value in offers:
                if value in (None, "", "N/A") or Decimal(str(value)) <= 0:
                    continue
                yield PriceRow(vendor="aws", service="AmazonEC2", region=region, product_family=family,
                               attributes=attrs, unit=unit, price=Decimal(str(value)), currency="USD",
                               effective_date=eff, source=source, purchase_option=option, term=term, source_url=url)


def ec2instances_reserved_rows(path: Path, *, service: str, eff: date, source: str) -> Iterator[PriceRow]:
    """Reserved rates of the ec2instances.info RDS (open-source engines) and ElastiCache tables, where they are
    Price List rows as they are (see :func:`_reserved`); RDS terms have no offering class."""
    for rec in load_json(path):
        itype = str(rec["instanceType"])
        for region, engines in (rec.get("pricing") or {}).items():
            for engine, prices in engines.items():
                if service == "AmazonRDS" and engine not in _RDS_ENGINES:
                    continue
                for rkey, value in ((prices or {}).get("reserved") or {}).items():
                    found = _reserved(rkey)
                    if found is None or value in (None, "") or Decimal(str(value)) <= 0:
                        continue
                    term, unit = found
                    if service == "AmazonRDS":
                        attrs = {"instanceType": itype, "databaseEngine": engine, "deploymentOption": "Single-AZ"}
                        if not engine.startswith("Aurora"):
                            attrs["licenseModel"] = "No license required"
                        family = "Database Instance"
                    else:
                        attrs, family = {"instanceType": itype, "cacheEngine": str(engine)}, "Cache Instance"
                        term = term.removesuffix(" standard")
                    yield PriceRow(vendor="aws", service=service, region=region, product_family=family,
                                   attributes=attrs, unit=unit, price=Decimal(str(value)), currency="USD",
                                   effective_date=eff, source=source, purchase_option=PurchaseOption.RESERVED,
                                   term=term, source_url="https://github.com/vantage-sh/ec2instances.info")


#: SkyPilot GPU names -> the accelerator type Compute Engine and Terraform use (A100 rows there are whole VMs).
_SKYPILOT_GPUS = {"T4": "nvidia-tesla-t4", "P4": "nvidia-tesla-p4", "V100": "nvidia-tesla-v100",
                  "P100": "nvidia-tesla-p100", "K80": "nvidia-tesla-k80"}


def skypilot_gpu_rows(path: Path, *, eff: date, source: str = "skypilot-gcp-gpus-2022") -> Iterator[PriceRow]:
    """Attached-GPU hours per region from SkyPilot's GCP catalog (price / GPU count), on-demand and spot.

    The table lists zones; a region's price is kept only where all its zones agree. A100 rows are whole
    a2-highgpu VM prices and TPU rows are not attached GPUs: both are left out.
    """
    per: dict[tuple[str, str, str], set[Decimal]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for rec in reader:
            gpu = _SKYPILOT_GPUS.get(rec.get("AcceleratorName", ""))
            if gpu is None:
                continue
            try:
                count = Decimal(rec["AcceleratorCount"])
                prices: list[tuple[str, str]] = [(PurchaseOption.ON_DEMAND, rec["Price"]),
                                                 (PurchaseOption.SPOT, rec["SpotPrice"])]
                for kind, text in prices:
                    if text:
                        per.setdefault((rec["Region"], gpu, kind), set()).add(Decimal(text) / count)
            except (ArithmeticError, KeyError) as exc:
                raise InputError(f"malformed row: {exc}", where=f"{path}:{reader.line_num}") from None
    for (region, gpu, option), values in sorted(per.items()):
        if len(values) != 1 or next(iter(values)) <= 0:
            continue
        yield PriceRow(vendor="gcp", service="Compute Engine", region=region, product_family="GPU",
                       attributes={"acceleratorType": gpu}, unit="h", price=next(iter(values)).normalize(),
                       currency="USD", effective_date=eff, source=source, purchase_option=option,
                       source_url="https://github.com/skypilot-org/skypilot")
