"""AWS Price List: bulk offer files (JSON, CSV), Savings Plans files and the Query API.

Offer files are streamed with ``ijson`` in two passes over a seekable file (products, then terms), so
a 450 MB regional file is never held in memory: only the selecting attributes of each product are kept.

Normalisation (see ``pricing/CONVENTIONS.md``):

- region = ``regionCode`` (or the ``location`` name mapped to its code);
- rows with ``marketoption`` other than OnDemand (Capacity Blocks, priced $0) are dropped, and so are
  reservation-accounting rows (``capacitystatus`` other than ``Used``);
- a $0 price on a product that is not free by nature is treated as missing, never stored;
- attributes are reduced to those that select a price: per family a fixed list, otherwise the usage
  type with its region prefix stripped (``EU-NatGateway-Hours`` -> ``NatGateway-Hours``) and the operation.

>>> region_of({"location": "EU (Ireland)"})
'eu-west-1'
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from costlib.catalog.ingest._common import CountingReader, dec, strip_usage_prefix
from costlib.catalog.rows import PriceRow
from costlib.errors import InputError
from costlib.models import PurchaseOption

__all__ = [
    "AWS_LOCATIONS",
    "parse_offer_csv",
    "parse_offer_json",
    "parse_pricelist_items",
    "parse_savings_plan_json",
    "product_rows",
    "region_of",
    "select_attributes",
]

AWS_LOCATIONS: Mapping[str, str] = {
    "US East (N. Virginia)": "us-east-1", "US East (Ohio)": "us-east-2", "US West (N. California)": "us-west-1",
    "US West (Oregon)": "us-west-2", "Africa (Cape Town)": "af-south-1", "Asia Pacific (Hong Kong)": "ap-east-1",
    "Asia Pacific (Mumbai)": "ap-south-1", "Asia Pacific (Hyderabad)": "ap-south-2",
    "Asia Pacific (Tokyo)": "ap-northeast-1", "Asia Pacific (Seoul)": "ap-northeast-2",
    "Asia Pacific (Osaka)": "ap-northeast-3", "Asia Pacific (Osaka-Local)": "ap-northeast-3",
    "Asia Pacific (Singapore)": "ap-southeast-1", "Asia Pacific (Sydney)": "ap-southeast-2",
    "Asia Pacific (Jakarta)": "ap-southeast-3", "Asia Pacific (Melbourne)": "ap-southeast-4",
    "Asia Pacific (Malaysia)": "ap-southeast-5", "Asia Pacific (Thailand)": "ap-southeast-7",
    "Canada (Central)": "ca-central-1", "Canada West (Calgary)": "ca-west-1",
    "EU (Frankfurt)": "eu-central-1", "EU (Zurich)": "eu-central-2", "EU (Ireland)": "eu-west-1",
    "EU (London)": "eu-west-2", "EU (Paris)": "eu-west-3", "EU (Stockholm)": "eu-north-1",
    "EU (Milan)": "eu-south-1", "EU (Spain)": "eu-south-2", "Israel (Tel Aviv)": "il-central-1",
    "Middle East (Bahrain)": "me-south-1", "Middle East (UAE)": "me-central-1",
    "Mexico (Central)": "mx-central-1", "South America (Sao Paulo)": "sa-east-1",
    "AWS GovCloud (US-East)": "us-gov-east-1", "AWS GovCloud (US-West)": "us-gov-west-1",
    "AWS GovCloud (US)": "us-gov-west-1", "China (Beijing)": "cn-north-1", "China (Ningxia)": "cn-northwest-1",
}

#: Attributes that select a price, per (service, product family); others keep usagetype + operation.
FAMILY_KEYS: Mapping[tuple[str, str], tuple[str, ...]] = {
    ("AmazonEC2", "Compute Instance"): ("instanceType", "operatingSystem", "tenancy", "preInstalledSw", "licenseModel"),
    ("AmazonEC2", "Compute Instance (bare metal)"): ("instanceType", "operatingSystem", "tenancy", "preInstalledSw",
                                      "licenseModel"),
    ("AmazonEC2", "Storage"): ("volumeApiName",),
    ("AmazonEC2", "System Operation"): ("volumeApiName", "group"),
    ("AmazonEC2", "Provisioned Throughput"): ("volumeApiName",),
    ("AmazonRDS", "Database Instance"): ("instanceType", "databaseEngine", "deploymentOption", "licenseModel",
                                         "databaseEdition"),
    ("AmazonElastiCache", "Cache Instance"): ("instanceType", "cacheEngine"),
}

#: Families whose $0 rows are real (free tiers, included allowances); elsewhere $0 means "missing".
_ZERO_OK_FAMILIES = {"Data Transfer", "API Request", "Fee", "Serverless", "Storage Snapshot"}

#: CSV column names -> offer-file JSON attribute names.
_CSV_ATTRS: Mapping[str, str] = {
    "Instance Type": "instanceType", "Operating System": "operatingSystem", "Tenancy": "tenancy",
    "Pre Installed S/W": "preInstalledSw", "License Model": "licenseModel", "Volume API Name": "volumeApiName",
    "Group": "group", "usageType": "usagetype", "operation": "operation", "CapacityStatus": "capacitystatus",
    "MarketOption": "marketoption", "Region Code": "regionCode", "Location": "location",
    "Location Type": "locationType", "Database Engine": "databaseEngine", "Deployment Option": "deploymentOption",
    "Database Edition": "databaseEdition", "Cache Engine": "cacheEngine", "Storage Class": "storageClass",
    "Volume Type": "volumeType", "vCPU": "vcpu", "Memory": "memory",
}


def region_of(attributes: Mapping[str, str]) -> str | None:
    """The region code of a product: ``regionCode``, else the ``location`` name mapped, else None."""
    code = attributes.get("regionCode")
    if code:
        return code
    loc = attributes.get("location", "")
    if loc in AWS_LOCATIONS:
        return AWS_LOCATIONS[loc]
    if loc in ("Any", "Global", ""):
        return "global"
    return None


def select_attributes(family: str, attributes: Mapping[str, str],
                      service: str = "AmazonEC2") -> dict[str, str] | None:
    """Reduce a product's attributes to those that select its price; None drops the product.

    >>> sorted(select_attributes("Compute Instance", {"instanceType": "m5.large", "operatingSystem": "Linux",
    ...     "tenancy": "Shared", "preInstalledSw": "NA", "licenseModel": "No License required",
    ...     "capacitystatus": "Used", "marketoption": "OnDemand", "vcpu": "2"}))
    ['instanceType', 'licenseModel', 'operatingSystem', 'preInstalledSw', 'tenancy']
    """
    market = attributes.get("marketoption")
    if market and market != "OnDemand":
        return None  # Capacity Blocks and the like: separate products, $0 rows in the on-demand term
    status = attributes.get("capacitystatus")
    if status and status != "Used":
        return None  # reservation accounting rows (AllocatedCapacityReservation, UnusedCapacityReservation)
    keys = FAMILY_KEYS.get((service, family))
    if keys is None:
        out = {}
        if attributes.get("usagetype"):
            out["usagetype"] = strip_usage_prefix(attributes["usagetype"])
        if attributes.get("operation"):
            out["operation"] = attributes["operation"]
        return out or None
    return {k: attributes[k] for k in keys if attributes.get(k)}


def _reserved_term(term_attributes: Mapping[str, str]) -> str:
    parts = [term_attributes.get("LeaseContractLength", ""), term_attributes.get("PurchaseOption", ""),
             term_attributes.get("OfferingClass", "")]
    return " ".join(p for p in parts if p)


def _term_rows(product: tuple[str, str, str, dict[str, str]], term_type: str, term: Mapping[str, Any], *,
               source: str, source_url: str, fallback_date: date, where: str) -> Iterator[PriceRow]:
    service, family, region, attrs = product
    eff_text = str(term.get("effectiveDate", ""))[:10]
    eff = date.fromisoformat(eff_text) if eff_text else fallback_date
    if term_type == "OnDemand":
        option, term_name = PurchaseOption.ON_DEMAND, ""
    else:
        option, term_name = PurchaseOption.RESERVED, _reserved_term(term.get("termAttributes") or {})
    dims = list((term.get("priceDimensions") or {}).values())
    by_unit: dict[str, list[tuple[Decimal, Decimal | None, Decimal, str, str]]] = {}
    for dim in dims:
        prices = dim.get("pricePerUnit") or {}
        if not prices:
            continue
        currency, amount = next(iter(prices.items()))
        begin = dec(dim.get("beginRange", "0") or "0", where=where)
        end_text = str(dim.get("endRange", "Inf") or "Inf")
        end = None if end_text == "Inf" else dec(end_text, where=where)
        by_unit.setdefault(str(dim.get("unit", "")), []).append(
            (begin, end, dec(amount, where=f"{where} {dim.get('rateCode', '')}"), currency,
             str(dim.get("description", ""))))
    for unit, bands in by_unit.items():
        bands.sort(key=lambda b: b[0])
        currency = bands[0][3]
        first = bands[0][2]
        if all(b[2] == 0 for b in bands) and family not in _ZERO_OK_FAMILIES:
            continue  # $0 on a priced product means "no real price here"
        tiers = tuple((b[0], b[1], b[2]) for b in bands) if len(bands) > 1 else ()
        yield PriceRow(vendor="aws", service=service, region=region, product_family=family, attributes=attrs,
                       unit=unit, price=first, currency=currency, effective_date=eff, source=source,
                       purchase_option=option, term=term_name, tiers=tiers, sku=str(term.get("sku", "")),
                       description=bands[0][4], source_url=source_url)


def product_rows(product: Mapping[str, Any], terms: Mapping[str, Mapping[str, Any]], *, service: str,
                 source: str, source_url: str = "", fallback_date: date, where: str) -> Iterator[PriceRow]:
    """Rows for one product given its terms (``{"OnDemand": {...}, "Reserved": {...}}``)."""
    attrs = {str(k): str(v) for k, v in (product.get("attributes") or {}).items()}
    family = str(product.get("productFamily", ""))
    region = region_of(attrs)
    selected = select_attributes(family, attrs, service)
    if region is None or selected is None:
        return
    key = (service, family, region, selected)
    for term_type in ("OnDemand", "Reserved"):
        for term in (terms.get(term_type) or {}).values():
            yield from _term_rows(key, term_type, term, source=source, source_url=source_url,
                                  fallback_date=fallback_date, where=where)


def _publication_date(meta: Mapping[str, Any]) -> date:
    text = str(meta.get("publicationDate", ""))[:10]
    return date.fromisoformat(text) if text else date.today()


def parse_offer_json(path: str | Path, *, source: str = "aws-bulk", source_url: str = "") -> Iterator[PriceRow]:
    """Stream a bulk offer file (JSON) into rows, in passes with bounded memory.

    The selected attributes of each product go to a temporary SQLite file (not a dict), so memory stays
    flat whatever the file's size. Raises :class:`~costlib.errors.InputError` naming the file and byte
    offset on a truncated or malformed file.
    """
    import ijson

    path = Path(path)
    meta: dict[str, Any] = {}

    def fail(exc: Exception, reader: CountingReader) -> InputError:
        return InputError(f"malformed offer file near byte {reader.position}: {exc}", where=str(path))

    with tempfile.TemporaryDirectory(prefix="costlib-offer-") as tmp:
        db = sqlite3.connect(Path(tmp) / "products.sqlite")
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                         "CREATE TABLE p (sku TEXT PRIMARY KEY, service TEXT, family TEXT, region TEXT, attrs TEXT)")
        with path.open("rb") as fh:
            reader = CountingReader(fh)
            try:
                for prefix, event, value in ijson.parse(io.BufferedReader(reader, 1 << 16)):
                    if prefix in ("offerCode", "publicationDate", "version") and event == "string":
                        meta[prefix] = value
                    if prefix == "products":
                        break
                fh.seek(0)
                reader = CountingReader(fh)
                batch: list[tuple[str, str, str, str, str]] = []
                for sku, product in ijson.kvitems(io.BufferedReader(reader, 1 << 16), "products"):
                    attrs = {str(k): str(v) for k, v in (product.get("attributes") or {}).items()}
                    family = str(product.get("productFamily", ""))
                    region = region_of(attrs)
                    service = str(meta.get("offerCode") or attrs.get("servicecode", ""))
                    selected = select_attributes(family, attrs, service)
                    if region is not None and selected is not None:
                        batch.append((sku, service, family, region, json.dumps(selected)))
                    if len(batch) >= 5000:
                        db.executemany("INSERT OR REPLACE INTO p VALUES (?,?,?,?,?)", batch)
                        batch.clear()
                db.executemany("INSERT OR REPLACE INTO p VALUES (?,?,?,?,?)", batch)
            except (ijson.JSONError, ValueError) as exc:
                raise fail(exc, reader) from None
        if not meta.get("offerCode"):
            raise InputError("not an AWS offer file: no offerCode", where=str(path))
        pub = _publication_date(meta)
        find = "SELECT service, family, region, attrs FROM p WHERE sku=?"
        for term_type in ("OnDemand", "Reserved"):
            with path.open("rb") as fh:
                reader = CountingReader(fh)
                try:
                    for sku, offers in ijson.kvitems(io.BufferedReader(reader, 1 << 16), f"terms.{term_type}"):
                        found = db.execute(find, (sku,)).fetchone()
                        if found is None:
                            continue
                        product = (found[0], found[1], found[2], json.loads(found[3]))
                        for term in offers.values():
                            yield from _term_rows(product, term_type, term, source=source, source_url=source_url,
                                                  fallback_date=pub, where=f"{path} sku {sku}")
                except (ijson.JSONError, ValueError) as exc:
                    raise fail(exc, reader) from None
        db.close()


def parse_offer_csv(stream: IO[str], *, where: str, source: str = "aws-bulk-csv", source_url: str = "",
                    errors: list[InputError] | None = None) -> Iterator[PriceRow]:
    """Stream a bulk offer file in CSV (metadata rows, then a header starting with ``SKU``).

    A malformed row raises :class:`InputError` naming ``file:line``; pass an ``errors`` list to collect
    such errors and go on instead (the caller then reports them).
    """
    reader = csv.reader(stream)
    header: list[str] | None = None
    meta: dict[str, str] = {}
    for row in reader:
        if row and row[0] == "SKU":
            header = row
            break
        if len(row) >= 2:
            meta[row[0].strip()] = row[1].strip()
    if header is None:
        raise InputError("no header row starting with 'SKU' found", where=where)
    col = {name: i for i, name in enumerate(header)}
    for needed in ("TermType", "PricePerUnit", "Currency", "Unit", "Product Family", "serviceCode"):
        if needed not in col:
            raise InputError(f"CSV header lacks column {needed!r}", where=where)
    pub_text = meta.get("Publication Date", "")[:10]
    try:
        pub = date.fromisoformat(pub_text) if pub_text else date.today()
    except ValueError:
        pub = date.today()
    pending: list[tuple[tuple[str, str, str], PriceRow, Decimal, Decimal | None]] = []

    def flush() -> Iterator[PriceRow]:
        if not pending:
            return
        bands = sorted(pending, key=lambda p: p[2])
        base = bands[0][1]
        if all(p[1].price == 0 for p in bands) and base.product_family not in _ZERO_OK_FAMILIES:
            pending.clear()
            return
        if len(bands) > 1:
            tiers = tuple((p[2], p[3], p[1].price) for p in bands)
            base = PriceRow(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "tiers": tiers})
        pending.clear()
        yield base

    for row in reader:
        line = reader.line_num
        if len(row) != len(header):
            err = InputError(f"row has {len(row)} fields, the header {len(header)}", where=f"{where}:{line}")
            if errors is None:
                raise err
            errors.append(err)
            continue
        attrs = {json_name: row[col[csv_name]] for csv_name, json_name in _CSV_ATTRS.items()
                 if csv_name in col and row[col[csv_name]]}
        family = row[col["Product Family"]]
        region = region_of(attrs)
        selected = select_attributes(family, attrs, row[col["serviceCode"]])
        term_type = row[col["TermType"]]
        if region is None or selected is None or term_type not in ("OnDemand", "Reserved"):
            continue
        amount = dec(row[col["PricePerUnit"]], where=f"{where}:{line}")
        eff = _csv_date(row[col["EffectiveDate"]] if "EffectiveDate" in col else "") or pub
        option = PurchaseOption.ON_DEMAND if term_type == "OnDemand" else PurchaseOption.RESERVED
        term = ""
        if term_type == "Reserved":
            term = " ".join(row[col[c]] for c in ("LeaseContractLength", "PurchaseOption", "OfferingClass")
                            if c in col and row[col[c]])
        start = dec(row[col["StartingRange"]] or "0", where=f"{where}:{line}") if "StartingRange" in col else Decimal(0)
        end_txt = row[col["EndingRange"]] if "EndingRange" in col else "Inf"
        end = None if end_txt in ("", "Inf") else dec(end_txt, where=f"{where}:{line}")
        unit = row[col["Unit"]]
        key = (row[col["SKU"]], row[col.get("OfferTermCode", col["SKU"])], unit)
        if pending and pending[0][0] != key:
            yield from flush()
        price_row = PriceRow(vendor="aws", service=row[col["serviceCode"]], region=region, product_family=family,
                             attributes=selected, unit=unit, price=amount, currency=row[col["Currency"]],
                             effective_date=eff, source=source, purchase_option=option, term=term,
                             sku=row[col["SKU"]], description=row[col["PriceDescription"]]
                             if "PriceDescription" in col else "", source_url=source_url)
        pending.append((key, price_row, start, end))
    yield from flush()


def _csv_date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse_pricelist_items(items: Iterable[str | Mapping[str, Any]], *, source: str = "aws-query-api",
                          where: str = "pricing.get_products") -> Iterator[PriceRow]:
    """Rows from Query API ``PriceList`` entries (JSON strings, or already-decoded dicts)."""
    for n, item in enumerate(items):
        try:
            doc = json.loads(item) if isinstance(item, str) else dict(item)
        except json.JSONDecodeError as exc:
            raise InputError(f"PriceList item {n} is not JSON: {exc}", where=where) from None
        product = doc.get("product") or {}
        pub = _publication_date(doc)
        yield from product_rows(product, doc.get("terms") or {}, service=str(doc.get("serviceCode", "")),
                                source=source, fallback_date=pub, where=f"{where} item {n}")


def parse_savings_plan_json(stream: IO[bytes], *, where: str, region: str,
                            source: str = "aws-savings-plans") -> Iterator[PriceRow]:
    """Savings Plans offer file: each rate of each plan becomes a ``savings_plan`` row of the discounted product.

    The row's attributes are the discounted usage type (prefix stripped) and operation; the term is
    ``"<1yr|3yr> <purchase option>"`` and the family names the plan (``ComputeSavingsPlans``).
    """
    import ijson

    reader = CountingReader(stream)
    plans: dict[str, tuple[str, str]] = {}
    pub = date.today()
    try:
        for prefix, event, value in ijson.parse(io.BufferedReader(reader, 1 << 16)):
            if prefix == "publicationDate" and event == "string":
                pub = date.fromisoformat(str(value)[:10])
                break
        stream.seek(0)
        reader = CountingReader(stream)
        for product in ijson.items(io.BufferedReader(reader, 1 << 16), "products.item"):
            attrs = product.get("attributes") or {}
            plans[str(product["sku"])] = (str(product.get("productFamily", "")),
                                          f"{attrs.get('purchaseTerm', '')} {attrs.get('purchaseOption', '')}".strip())
        stream.seek(0)
        reader = CountingReader(stream)
        for plan in ijson.items(io.BufferedReader(reader, 1 << 16), "terms.savingsPlan.item"):
            family, term = plans.get(str(plan.get("sku")), ("", ""))
            if not family:
                continue
            for rate in plan.get("rates") or []:
                price = rate.get("discountedRate") or {}
                amount = price.get("price")
                if amount in (None, ""):
                    continue
                usage = strip_usage_prefix(str(rate.get("discountedUsageType", "")))
                attrs_out = {"usagetype": usage}
                if rate.get("discountedOperation"):
                    attrs_out["operation"] = str(rate["discountedOperation"])
                yield PriceRow(vendor="aws", service=str(rate.get("discountedServiceCode", "AmazonEC2")),
                               region=region, product_family=family, attributes=attrs_out,
                               unit=str(price.get("unit", "Hrs")), price=dec(amount, where=f"{where} {plan['sku']}"),
                               currency=str(price.get("currency", "USD")), effective_date=pub, source=source,
                               purchase_option=PurchaseOption.SAVINGS_PLAN, term=term,
                               sku=str(rate.get("discountedSku", "")), description=str(plan.get("description", "")))
    except (ijson.JSONError, ValueError, KeyError) as exc:
        raise InputError(f"malformed Savings Plans file near byte {reader.position}: {exc}", where=where) from None
