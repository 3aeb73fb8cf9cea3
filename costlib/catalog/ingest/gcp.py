"""GCP Cloud Billing Catalog SKUs and the per-machine-type price table.

SKU prices are ``units + nanos / 1e9`` per ``usageUnit``, in ``currencyCode``, possibly tiered
(``startUsageAmount``). Machine types are not SKUs: an ``n4-standard-4`` hour is 4 x the N4 core-hour
SKU + 16 x the N4 RAM GiB-hour SKU, composed here with the machine-type table.

Rows (``pricing/CONVENTIONS.md``): service "Compute Engine", family "Compute Instance",
``{machineType}``, unit "h", on_demand or spot; raw core/RAM SKUs as family "Compute", ``{series,
resource: core|ram}``, units "h" / "GiBy.h"; disks as family "Storage", ``{diskType}``, unit "GiBy.mo";
Cloud Storage as service "Cloud Storage", ``{storageClass, locationType}``, unit "GiBy.mo".

>>> nanos_price({"units": "0", "nanos": 26460000})
Decimal('0.02646')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any

from costlib.catalog.rows import PriceRow
from costlib.errors import InputError
from costlib.models import PurchaseOption

__all__ = ["MachineType", "compose_machine_types", "nanos_price", "read_machine_types", "sku_rows"]

_CORE_RAM = re.compile(
    r"^(?P<spot>Spot Preemptible |Preemptible )?(?P<series>[A-Z0-9]+[A-Z]?) (?:AMD |Arm |Intel )?Instance "
    r"(?P<res>Core|Ram) running in ")


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
             target_currency: str | None = None) -> Iterator[PriceRow]:
    """Rows for the raw SKUs we model (core/RAM by series; disks; everything else by description).

    Prices are taken in the SKU's ``currencyCode``; when ``target_currency`` is USD and the SKU is in another
    currency, the catalog's ``currencyConversionRate`` converts it back (``price / rate``).
    """
    for n, sku in enumerate(skus):
        here = f"{where} sku {sku.get('skuId', n)}"
        category = sku.get("category") or {}
        desc = str(sku.get("description", ""))
        for info in sku.get("pricingInfo") or []:
            expr = info.get("pricingExpression") or {}
            rates = expr.get("tieredRates") or []
            if not rates:
                continue
            currency = str((rates[0].get("unitPrice") or {}).get("currencyCode", "USD"))
            conversion = Decimal(str(info.get("currencyConversionRate", 1) or 1))
            eff_text = str(info.get("effectiveTime") or info.get("EffectiveTime") or "")[:10]
            if not eff_text:
                raise InputError("pricing info has no effectiveTime", where=here)
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
            if option is None or all(b[1] == 0 for b in bands):
                continue
            m = _CORE_RAM.match(desc)
            if m:
                if "Custom" in desc or "Sole Tenancy" in desc:
                    continue
                attrs = {"series": m["series"].lower(), "resource": m["res"].lower()}
                family = "Compute"
            else:
                attrs = {"description": desc}
                family = str(category.get("resourceFamily", ""))
            tiers = tuple((s, bands[i + 1][0] if i + 1 < len(bands) else None, p)
                          for i, (s, p) in enumerate(bands)) if len(bands) > 1 else ()
            for region in _regions(sku):
                yield PriceRow(vendor="gcp", service=str(category.get("serviceDisplayName", "")), region=region,
                               product_family=family, attributes=attrs, unit=str(expr.get("usageUnit", "")),
                               price=bands[0][1], currency=currency, effective_date=date.fromisoformat(eff_text),
                               source=source, purchase_option=option, tiers=tiers,
                               sku=str(sku.get("skuId", "")), description=desc)


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
