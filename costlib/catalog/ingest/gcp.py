"""GCP Cloud Billing Catalog SKUs and the per-machine-type price table.

SKU prices are ``units + nanos / 1e9`` per ``usageUnit``, in ``currencyCode``, possibly tiered
(``startUsageAmount``). A SKU's regions are its ``serviceRegions`` and ``geoTaxonomy.regions`` (a
multi-region SKU such as "... running in Americas" prices every region it lists; a GLOBAL SKU of a family
marked so in :data:`SKU_FAMILIES` prices every region, it is one price for all of them).

SKUs are turned into costlib's rows by an explicit table, :data:`SKU_FAMILIES`: a catalog service, a pattern on
the SKU description, and the costlib service, family, attributes and unit it becomes (``pricing/CONVENTIONS.md``).
Any other SKU is kept under ``{description}`` in its ``resourceFamily``, so nothing priced is dropped.
Machine types are not SKUs: an ``n4-standard-4`` hour is 4 x the N4 core-hour SKU + 16 x the N4 RAM
GiB-hour SKU, composed here with the machine-type table.

>>> nanos_price({"units": "0", "nanos": 26460000})
Decimal('0.02646')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO, Any

from costlib.catalog.ingest._common import Refused, implausible
from costlib.catalog.rows import PriceRow
from costlib.errors import InputError
from costlib.models import PurchaseOption

__all__ = ["GCS_MULTI_REGIONS", "GPU_BUNDLED_SERIES", "SKU_FAMILIES", "MachineType", "SkuFamily", "catalog_services",
           "compose_machine_types", "map_sku", "nanos_price", "read_machine_types", "sku_rows"]

#: Accelerator-optimized series whose machine types come with GPUs (billed as separate GPU SKUs), so a machine-type
#: price is not cores + RAM alone; they are not composed.
GPU_BUNDLED_SERIES = frozenset({"a2", "a3", "a4", "g2", "g4"})

#: Multi-region Cloud Storage locations (a SKU's serviceRegions) -> the region name their prices are kept under.
GCS_MULTI_REGIONS = {"us": "us-multi", "eu": "europe-multi", "asia": "asia-multi"}

#: GPU names in SKU descriptions -> the accelerator type Compute Engine and Terraform use.
_GPUS = {"Tesla T4": "nvidia-tesla-t4", "Tesla V100": "nvidia-tesla-v100", "Tesla P100": "nvidia-tesla-p100",
         "Tesla P4": "nvidia-tesla-p4", "Tesla K80": "nvidia-tesla-k80", "Tesla A100": "nvidia-tesla-a100",
         "Tesla A100 80GB": "nvidia-a100-80gb", "A100 80GB": "nvidia-a100-80gb", "L4": "nvidia-l4",
         "H100 80GB": "nvidia-h100-80gb", "H100 80GB Mega": "nvidia-h100-mega-80gb", "H200 141GB": "nvidia-h200-141gb"}

_SQL_RESOURCES = {"vCPU": "vcpu", "RAM": "memory", "Standard storage": "storage-pd_ssd",
                  "Low cost storage": "storage-pd_hdd", "Micro instance": "db-f1-micro",
                  "Small instance": "db-g1-small"}

_DISKS = {"Storage PD Capacity": "pd-standard", "SSD backed PD Capacity": "pd-ssd",
          "Balanced PD Capacity": "pd-balanced", "Extreme PD Capacity": "pd-extreme",
          "Regional Storage PD Capacity": "pd-standard-regional", "Regional SSD backed PD Capacity": "pd-ssd-regional",
          "Regional Balanced PD Capacity": "pd-balanced-regional", "Storage PD Snapshot": "snapshot"}


@dataclass(frozen=True, slots=True)
class SkuFamily:
    """One row of the SKU mapping table: which SKUs (catalog service + description pattern) give which rows.

    ``attributes`` turns the pattern's match into costlib's attributes (None skips the SKU); ``unit`` is the
    usage unit the SKU must have (another unit is a different product and is not mapped); ``regions`` is
    ``"sku"`` (the SKU's own regions), ``"global"`` (a GLOBAL SKU prices every region) or ``"gcs"``
    (multi-region Cloud Storage locations named as in :data:`GCS_MULTI_REGIONS`).
    """

    catalog_service: str
    pattern: re.Pattern[str]
    service: str
    family: str
    attributes: Callable[[re.Match[str]], dict[str, str] | None]
    unit: str
    regions: str = "sku"
    keys: tuple[str, ...] = field(default=())


def _fam(catalog_service: str, pattern: str, service: str, family: str, keys: tuple[str, ...],
         attributes: Callable[[re.Match[str]], dict[str, str] | None], unit: str, regions: str = "sku") -> SkuFamily:
    return SkuFamily(catalog_service, re.compile(pattern, re.IGNORECASE), service, family, attributes, unit, regions,
                     keys)


def _lower(table: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in table.items()}


def _storage_class(m: re.Match[str]) -> dict[str, str] | None:
    where = m["where"]
    if "Early Delete" in where or "Operations" in where:
        return None
    kind = "multi-region" if "Multi-region" in where else "dual-region" if "Dual-region" in where else "region"
    return {"storageClass": m["class"].upper(), "locationType": kind}


#: The SKU families cost functions query, by an explicit description-pattern table (first match wins).
SKU_FAMILIES: tuple[SkuFamily, ...] = (
    _fam("Compute Engine",
         r"^(?:Spot Preemptible |Preemptible )?(?P<series>[A-Z0-9]+[A-Z]?) (?:Predefined |AMD |Arm |Intel )?Instance "
         r"(?P<res>Core|Ram) running in ", "Compute Engine", "Compute", ("series", "resource"),
         lambda m: {"series": m["series"].lower(), "resource": m["res"].lower()}, "h|GiBy.h"),
    _fam("Compute Engine", r"^(?P<disk>" + "|".join(sorted((re.escape(k) for k in _DISKS), key=len, reverse=True))
         + r")\b", "Compute Engine", "Storage", ("diskType",),
         lambda m: {"diskType": _lower(_DISKS)[m["disk"].lower()]}, "GiBy.mo"),
    _fam("Compute Engine", r"^Nvidia (?P<gpu>.+?) GPU (?:running in|attached to Spot Preemptible VMs running in) ",
         "Compute Engine", "GPU", ("acceleratorType",),
         lambda m: {"acceleratorType": _lower(_GPUS)[m["gpu"].lower()]} if m["gpu"].lower() in _lower(_GPUS) else None, "h"),
    _fam("Compute Engine", r"^External IP Charge on a Standard VM", "Compute Engine", "Network", ("resource", "state"),
         lambda m: {"resource": "external-ip", "state": "in-use"}, "h", "global"),
    _fam("Compute Engine", r"^Static Ip Charge", "Compute Engine", "Network", ("resource", "state"),
         lambda m: {"resource": "external-ip", "state": "unused"}, "h", "global"),
    _fam("Networking", r"^Networking Cloud NAT Gateway Uptime", "Compute Engine", "Network", ("resource",),
         lambda m: {"resource": "nat-gateway"}, "h"),
    _fam("Networking", r"^Networking Cloud NAT Data Processing", "Compute Engine", "Network", ("resource",),
         lambda m: {"resource": "nat-data"}, "GiBy"),
    _fam("Kubernetes Engine", r"^(?:Regional|Zonal) Kubernetes Clusters$", "Kubernetes Engine", "", ("usagetype",),
         lambda m: {"usagetype": "ClusterManagementFee"}, "h", "global"),
    _fam("Cloud SQL", r"^Cloud SQL for (?:MySQL|PostgreSQL): (?P<avail>Zonal|Regional) - (?P<what>"
         + "|".join(_SQL_RESOURCES) + r") in ", "Cloud SQL", "", ("resource", "availability"),
         lambda m: {"resource": _lower(_SQL_RESOURCES)[m["what"].lower()], "availability": m["avail"].upper()},
         "h|GiBy.h|GiBy.mo"),
    _fam("Cloud Memorystore for Redis", r"^Redis Capacity (?P<tier>Basic|Standard) (?P<cap>M[1-5])\b",
         "Cloud Memorystore for Redis", "", ("tier", "capacityTier"),
         lambda m: {"tier": "BASIC" if m["tier"].lower() == "basic" else "STANDARD_HA", "capacityTier": m["cap"].upper()},
         "GiBy.h"),
    _fam("Cloud Storage", r"^(?P<class>Standard|Nearline|Coldline|Archive) Storage(?P<where>.*)$", "Cloud Storage",
         "Storage", ("storageClass", "locationType"), _storage_class, "GiBy.mo", "gcs"),
)


def catalog_services(service: str) -> list[str]:
    """The Cloud Billing Catalog services to fetch for a costlib service (NAT prices live under Networking).

    >>> catalog_services("Compute Engine"), catalog_services("Cloud SQL"), catalog_services("Cloud Run")
    (['Compute Engine', 'Networking'], ['Cloud SQL'], ['Cloud Run'])
    """
    found = [f.catalog_service for f in SKU_FAMILIES if f.service == service]
    return list(dict.fromkeys([service, *found])) if found else [service]


def map_sku(catalog_service: str, description: str, unit: str) -> tuple[SkuFamily, dict[str, str]] | None:
    """The table entry and attributes of one SKU, or None where no entry maps it.

    >>> fam, attrs = map_sku("Cloud SQL", "Cloud SQL for PostgreSQL: Regional - RAM in Americas", "GiBy.h")
    >>> fam.service, attrs
    ('Cloud SQL', {'resource': 'memory', 'availability': 'REGIONAL'})
    >>> map_sku("Compute Engine", "N4D Custom Instance Core running in Iowa", "h") is None
    True
    """
    for fam in SKU_FAMILIES:
        if fam.catalog_service.lower() != catalog_service.lower() or unit not in fam.unit.split("|"):
            continue
        m = fam.pattern.match(description)
        if m is None:
            continue
        attrs = fam.attributes(m)
        return (fam, attrs) if attrs is not None else None
    return None


@dataclass(frozen=True, slots=True)
class MachineType:
    name: str
    vcpu: Decimal
    memory_gib: Decimal
    shared_cpu: bool


def nanos_price(money: Mapping[str, Any]) -> Decimal:
    """``units + nanos / 1e9`` as an exact Decimal."""
    units = Decimal(str(money.get("units", "0") or "0"))
    nanos = Decimal(int(money.get("nanos", 0) or 0)).scaleb(-9)
    return (units + nanos).normalize() if (units + nanos) != 0 else Decimal(0)


def read_machine_types(stream: IO[str], *, where: str) -> dict[str, MachineType]:
    """The machine-type table ``NAME;CPUS;SHARED_CPU;MEMORY_GB;DEPRECATED;ZONE`` (one row per type and zone)."""
    out: dict[str, MachineType] = {}
    reader = csv.reader(stream, delimiter=";")
    header = next(reader, None)
    if not header or header[0] != "NAME":
        raise InputError("machine-type table must start with a NAME;CPUS;... header", where=where)
    for row in reader:
        if len(row) < 4:
            raise InputError(f"expected at least 4 fields, got {len(row)}", where=f"{where}:{reader.line_num}")
        name = row[0]
        if name not in out:
            try:
                out[name] = MachineType(name, Decimal(row[1]), Decimal(row[3]), row[2].lower() == "true")
            except ArithmeticError:
                raise InputError(f"bad number in {row!r}", where=f"{where}:{reader.line_num}") from None
    return out


def _regions(sku: Mapping[str, Any]) -> list[str]:
    regions = list(sku.get("serviceRegions") or [])
    geo = sku.get("geoTaxonomy") or {}
    for r in geo.get("regions") or []:
        if r not in regions:
            regions.append(r)
    return regions


def sku_rows(skus: Iterable[Mapping[str, Any]], *, source: str = "gcp-catalog", where: str = "gcp skus",
             target_currency: str | None = None, all_regions: Iterable[str] = (),
             refused: Refused | None = None) -> Iterator[PriceRow]:
    """Rows for the SKUs of one or more catalog services, mapped by :data:`SKU_FAMILIES` (others by description).

    Prices are taken in the SKU's ``currencyCode``; when ``target_currency`` is USD and the SKU is in another
    currency, the catalog's ``currencyConversionRate`` converts it back (``price / rate``). The last
    ``pricingInfo`` entry is the current price. GLOBAL SKUs of families marked ``global`` are given to every region
    in ``all_regions`` and every region the other SKUs name. Two SKUs that map to one key at different prices
    are both refused (they cannot be told apart); prices that cannot be real are refused too.
    """
    out: dict[tuple[Any, ...], tuple[PriceRow, list[str], str]] = {}
    clashes: set[tuple[Any, ...]] = set()
    regions_seen: set[str] = set(all_regions)
    global_rows: list[PriceRow] = []
    for n, sku in enumerate(skus):
        here = f"{where} sku {sku.get('skuId', n)}"
        category = sku.get("category") or {}
        desc = str(sku.get("description", ""))
        infos = [i for i in (sku.get("pricingInfo") or []) if isinstance(i, Mapping)]
        if not infos:
            continue
        info = infos[-1]
        expr = info.get("pricingExpression") or {}
        rates = expr.get("tieredRates") or []
        if not rates:
            continue
        currency = str((rates[0].get("unitPrice") or {}).get("currencyCode", "USD"))
        conversion = Decimal(str(info.get("currencyConversionRate", 1) or 1))
        eff_text = str(info.get("effectiveTime") or info.get("EffectiveTime") or "")[:10]
        try:
            eff = date.fromisoformat(eff_text)
        except ValueError:
            raise InputError(f"pricing info has no effectiveTime (got {eff_text!r})", where=here) from None
        bands = []
        for rate in rates:
            price = nanos_price(rate.get("unitPrice") or {})
            if target_currency and target_currency != currency:
                price = price / conversion
            bands.append((Decimal(str(rate.get("startUsageAmount", 0) or 0)), price))
        if target_currency:
            currency = target_currency
        usage_type = str(category.get("usageType", "OnDemand"))
        option = PurchaseOption.SPOT if usage_type == "Preemptible" else (
            PurchaseOption.ON_DEMAND if usage_type == "OnDemand" else None)
        if option is None:
            continue  # commitments are not list prices
        catalog_service = str(category.get("serviceDisplayName", ""))
        unit = str(expr.get("usageUnit", ""))
        mapped = None if "Custom" in desc or "Sole Tenancy" in desc else map_sku(catalog_service, desc, unit)
        if mapped is not None:
            fam, attrs = mapped
            service, family, rule = fam.service, fam.family, fam.regions
        else:
            attrs, service, family, rule = {"description": desc}, catalog_service, str(
                category.get("resourceFamily", "")), "sku"
        why = implausible([b[1] for b in bands], free_ok=mapped is None)
        if why is not None:
            if refused is not None:
                refused(f"{here} ({desc}): {why}")
            continue
        if mapped is None and all(b[1] == 0 for b in bands):
            continue  # an unmapped free SKU (ingress, included traffic) is nothing a cost function asks for
        tiers = tuple((s_, bands[i + 1][0] if i + 1 < len(bands) else None, p)
                      for i, (s_, p) in enumerate(bands)) if len(bands) > 1 else ()
        regions = _regions(sku)
        if rule == "gcs":
            regions = [GCS_MULTI_REGIONS.get(r, r) if attrs.get("locationType") == "multi-region" else r
                       for r in regions]
        for region in regions:
            row = PriceRow(vendor="gcp", service=service, region=region, product_family=family, attributes=attrs,
                           unit=unit, price=bands[0][1], currency=currency, effective_date=eff, source=source,
                           purchase_option=option, tiers=tiers, sku=str(sku.get("skuId", "")), description=desc)
            if region == "global" and rule == "global":
                global_rows.append(row)
                continue
            regions_seen.add(region)
            _keep(out, clashes, row, refused)
    for row in global_rows:
        for region in sorted(r for r in regions_seen if r != "global" and not r.endswith("-multi")):
            _keep(out, clashes, PriceRow(**{**{f: getattr(row, f) for f in row.__dataclass_fields__},
                                             "region": region}), refused)
    for key, (row, _skus, _d) in out.items():
        if key not in clashes:
            yield row


def _keep(out: dict[tuple[Any, ...], tuple[PriceRow, list[str], str]], clashes: set[tuple[Any, ...]], row: PriceRow,
          refused: Refused | None) -> None:
    known = out.get(row.key)
    if known is None:
        out[row.key] = (row, [row.sku], row.description)
        return
    if (known[0].price, known[0].tiers) != (row.price, row.tiers) and row.sku not in known[1]:
        if row.key not in clashes and refused is not None:
            refused(f"SKUs {known[0].sku} ({known[2]}) and {row.sku} ({row.description}) give "
                    f"{row.service} {row.region} {dict(row.attributes)} different prices: neither is used")
        clashes.add(row.key)
    elif row.effective_date > known[0].effective_date:
        out[row.key] = (row, [*known[1], row.sku], row.description)
    else:
        known[1].append(row.sku)


def compose_machine_types(rows: Iterable[PriceRow], machine_types: Mapping[str, MachineType], *,
                          source: str = "gcp-catalog") -> Iterator[PriceRow]:
    """Machine-type hour prices = core SKU x vCPUs + RAM SKU x GiB, per series, region and purchase option."""
    parts: dict[tuple[str, str, str], dict[str, PriceRow]] = {}
    for row in rows:
        if row.product_family == "Compute" and "series" in row.attributes:
            key = (row.attributes["series"], row.region, row.purchase_option)
            parts.setdefault(key, {})[row.attributes["resource"]] = row
    for mt in machine_types.values():
        series = mt.name.split("-", 1)[0]
        if series in GPU_BUNDLED_SERIES:
            continue  # their machine types include GPUs, billed by the GPU SKUs: cores + RAM alone would be too low
        for (s, region, option), res in parts.items():
            if s != series or "core" not in res or "ram" not in res:
                continue
            core, ram = res["core"], res["ram"]
            if core.currency != ram.currency:
                continue
            price = core.price * mt.vcpu + ram.price * mt.memory_gib
            yield PriceRow(vendor="gcp", service="Compute Engine", region=region, product_family="Compute Instance",
                           attributes={"machineType": mt.name}, unit="h", price=price, currency=core.currency,
                           effective_date=max(core.effective_date, ram.effective_date), source=source,
                           purchase_option=option,
                           description=f"{mt.name}: {mt.vcpu} x core {core.price} + "
                                       f"{mt.memory_gib} GiB x RAM {ram.price}")
