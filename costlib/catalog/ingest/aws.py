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
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from costlib.catalog.ingest._common import CountingReader, Refused, dec, implausible, strip_usage_prefix
from costlib.catalog.rows import PriceRow
from costlib.errors import InputError
from costlib.models import PurchaseOption

__all__ = [
    "AWS_LOCATIONS",
    "COLLAPSED_VIEWS",
    "FAMILY_KEYS",
    "USAGE_KEYS",
    "OfferEntry",
    "parse_offer_csv",
    "parse_offer_index",
    "parse_offer_json",
    "parse_pricelist_items",
    "parse_region_index",
    "parse_savings_plan_json",
    "product_rows",
    "query_api_rows",
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
    # FSx offers select storage by file system, deployment, storage type and throughput tier
    ("AmazonFSx", "Storage"): ("fileSystemType", "deploymentOption", "storageType", "throughputCapacity"),
    ("AmazonFSx", "Provisioned Throughput"): ("fileSystemType", "deploymentOption"),
    ("AmazonFSx", "Storage Snapshot"): ("fileSystemType", "deploymentOption"),
}

#: The attributes every other family is selected by: the usage type (region prefix stripped) and the operation.
USAGE_KEYS: tuple[str, ...] = ("usagetype", "operation")

#: Extra, coarser views of some families, in the words cost functions use: each product also gives a row under
#: these attributes alone, kept only where every product sharing them has the same price (RDS storage is listed
#: once per engine at one price; where engines differ, there is no one price and no row).
COLLAPSED_VIEWS: Mapping[tuple[str, str], tuple[tuple[str, ...], ...]] = {
    ("AmazonRDS", "Database Storage"): (("volumeType", "deploymentOption"),),
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


def _views(service: str, family: str, attributes: Mapping[str, str]) -> list[dict[str, str]]:
    """The collapsed views (:data:`COLLAPSED_VIEWS`) of one product, where it has every attribute they need."""
    out = []
    for keys in COLLAPSED_VIEWS.get((service, family), ()):
        if all(attributes.get(k) for k in keys):
            out.append({k: attributes[k] for k in keys})
    return out


class _Collapser:
    """Gathers the rows of collapsed views and yields one row per view where all their prices agree."""

    def __init__(self) -> None:
        self.groups: dict[tuple[Any, ...], list[PriceRow]] = {}

    def add(self, row: PriceRow, views: list[dict[str, str]]) -> None:
        for attrs in views:
            alt = PriceRow(**{**{f: getattr(row, f) for f in row.__dataclass_fields__}, "attributes": attrs,
                              "sku": "", "description": f"one price for every product with {attrs}"})
            self.groups.setdefault(alt.key, []).append(alt)

    def rows(self) -> Iterator[PriceRow]:
        for group in self.groups.values():
            if len({(r.price, r.tiers, r.currency) for r in group}) == 1:
                yield max(group, key=lambda r: r.effective_date)


def _reserved_term(term_attributes: Mapping[str, str]) -> str:
    parts = [term_attributes.get("LeaseContractLength", ""), term_attributes.get("PurchaseOption", ""),
             term_attributes.get("OfferingClass", "")]
    return " ".join(p for p in parts if p)


def _term_rows(product: tuple[str, str, str, dict[str, str]], term_type: str, term: Mapping[str, Any], *,
               source: str, source_url: str, fallback_date: date, where: str,
               refused: Refused | None = None) -> Iterator[PriceRow]:
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
        # $0 on a priced product means "no real price here" (1e30 a broken feed); but an All Upfront reservation's
        # hourly rate is a real $0: its price is the upfront fee
        free_ok = family in _ZERO_OK_FAMILIES or (option == PurchaseOption.RESERVED and "All Upfront" in term_name)
        why = implausible([b[2] for b in bands], free_ok=free_ok)
        if why is not None:
            if refused is not None:
                refused(f"{where} ({family}, {unit}): {why}")
            continue
        tiers = tuple((b[0], b[1], b[2]) for b in bands) if len(bands) > 1 else ()
        yield PriceRow(vendor="aws", service=service, region=region, product_family=family, attributes=attrs,
                       unit=unit, price=first, currency=currency, effective_date=eff, source=source,
                       purchase_option=option, term=term_name, tiers=tiers, sku=str(term.get("sku", "")),
                       description=bands[0][4], source_url=source_url)


def product_rows(product: Mapping[str, Any], terms: Mapping[str, Mapping[str, Any]], *, service: str,
                 source: str, source_url: str = "", fallback_date: date, where: str,
                 refused: Refused | None = None) -> Iterator[PriceRow]:
    """Rows for one product given its terms (``{"OnDemand": {...}, "Reserved": {...}}``), with its collapsed views."""
    attrs = {str(k): str(v) for k, v in (product.get("attributes") or {}).items()}
    family = str(product.get("productFamily", ""))
    region = region_of(attrs)
    selected = select_attributes(family, attrs, service)
    if region is None or selected is None:
        return
    key = (service, family, region, selected)
    views = _views(service, family, attrs)
    collapse = _Collapser()
    for term_type in ("OnDemand", "Reserved"):
        for term in (terms.get(term_type) or {}).values():
            for row in _term_rows(key, term_type, term, source=source, source_url=source_url,
                                  fallback_date=fallback_date, where=where, refused=refused):
                collapse.add(row, views)
                yield row
    yield from collapse.rows()


def _publication_date(meta: Mapping[str, Any], where: str = "offer file") -> date:
    text = str(meta.get("publicationDate", ""))[:10]
    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError:
        raise InputError(f"publicationDate {meta.get('publicationDate')!r} is not a date", where=where) from None


def parse_offer_json(path: str | Path, *, source: str = "aws-bulk", source_url: str = "",
                     refused: Refused | None = None) -> Iterator[PriceRow]:
    """Stream a bulk offer file (JSON) of any service into rows, in passes with bounded memory.

    The selected attributes of each product go to a temporary SQLite file (not a dict), so memory stays
    flat whatever the file's size. Raises :class:`~costlib.errors.InputError` naming the file and byte
    offset on a truncated or malformed file. Prices that cannot be real are left out and passed to ``refused``.
    """
    import ijson

    path = Path(path)
    meta: dict[str, Any] = {}

    def fail(exc: Exception, reader: CountingReader) -> InputError:
        return InputError(f"malformed offer file near byte {reader.position}: {exc}", where=str(path))

    with tempfile.TemporaryDirectory(prefix="costlib-offer-") as tmp:
        db = sqlite3.connect(Path(tmp) / "products.sqlite")
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                         "CREATE TABLE p (sku TEXT PRIMARY KEY, service TEXT, family TEXT, region TEXT, attrs TEXT, "
                         "views TEXT)")
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
                batch: list[tuple[str, str, str, str, str, str]] = []
                for sku, product in ijson.kvitems(io.BufferedReader(reader, 1 << 16), "products"):
                    if not isinstance(product, dict):
                        raise InputError(f"product {sku!r} is not an object", where=str(path))
                    attrs = {str(k): str(v) for k, v in (product.get("attributes") or {}).items()}
                    family = str(product.get("productFamily", ""))
                    region = region_of(attrs)
                    service = str(meta.get("offerCode") or attrs.get("servicecode", ""))
                    selected = select_attributes(family, attrs, service)
                    if region is not None and selected is not None:
                        batch.append((sku, service, family, region, json.dumps(selected),
                                      json.dumps(_views(service, family, attrs))))
                    if len(batch) >= 5000:
                        db.executemany("INSERT OR REPLACE INTO p VALUES (?,?,?,?,?,?)", batch)
                        batch.clear()
                db.executemany("INSERT OR REPLACE INTO p VALUES (?,?,?,?,?,?)", batch)
            except (ijson.JSONError, ValueError) as exc:
                raise fail(exc, reader) from None
        if not meta.get("offerCode"):
            raise InputError("not an AWS offer file: no offerCode", where=str(path))
        pub = _publication_date(meta, str(path))
        find = "SELECT service, family, region, attrs, views FROM p WHERE sku=?"
        collapse = _Collapser()
        for term_type in ("OnDemand", "Reserved"):
            with path.open("rb") as fh:
                reader = CountingReader(fh)
                try:
                    for sku, offers in ijson.kvitems(io.BufferedReader(reader, 1 << 16), f"terms.{term_type}"):
                        found = db.execute(find, (sku,)).fetchone()
                        if found is None or not isinstance(offers, dict):
                            continue
                        product = (found[0], found[1], found[2], json.loads(found[3]))
                        views = json.loads(found[4])
                        for term in offers.values():
                            if not isinstance(term, dict):
                                raise InputError(f"term of sku {sku} is not an object", where=str(path))
                            for row in _term_rows(product, term_type, term, source=source, source_url=source_url,
                                                  fallback_date=pub, where=f"{path} sku {sku}", refused=refused):
                                collapse.add(row, views)
                                yield row
                except (ijson.JSONError, ValueError, AttributeError) as exc:
                    raise fail(exc, reader) from None
        db.close()
        yield from collapse.rows()


def parse_offer_csv(stream: IO[str], *, where: str, source: str = "aws-bulk-csv", source_url: str = "",
                    errors: list[InputError] | None = None, refused: Refused | None = None,
                    default_date: date | None = None) -> Iterator[PriceRow]:
    """Stream a bulk offer file in CSV (metadata rows, then a header starting with ``SKU``).

    A malformed row raises :class:`InputError` naming ``file:line``; pass an ``errors`` list to collect
    such errors and go on instead (the caller then reports them). A row without a readable effective date
    takes the file's ``Publication Date``, else ``default_date`` (else today).
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
    pub = _csv_date(meta.get("Publication Date", "")[:10]) or default_date or date.today()
    pending: list[tuple[tuple[str, str, str], PriceRow, Decimal, Decimal | None, list[dict[str, str]]]] = []
    collapse = _Collapser()

    def flush() -> Iterator[PriceRow]:
        if not pending:
            return
        bands = sorted(pending, key=lambda p: p[2])
        base, views = bands[0][1], bands[0][4]
        pending.clear()
        why = implausible([p[1].price for p in bands], free_ok=base.product_family in _ZERO_OK_FAMILIES or (
            base.purchase_option == PurchaseOption.RESERVED and "All Upfront" in base.term))
        if why is not None:
            if refused is not None:
                refused(f"{where} sku {base.sku} ({base.product_family}, {base.unit}): {why}")
            return
        if len(bands) > 1:
            tiers = tuple((p[2], p[3], p[1].price) for p in bands)
            base = PriceRow(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "tiers": tiers})
        collapse.add(base, views)
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
        pending.append((key, price_row, start, end, _views(price_row.service, family, attrs)))
    yield from flush()
    yield from collapse.rows()


def _csv_date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse_pricelist_items(items: Iterable[str | Mapping[str, Any]], *, source: str = "aws-query-api",
                          where: str = "pricing.get_products", refused: Refused | None = None) -> Iterator[PriceRow]:
    """Rows from Query API ``PriceList`` entries (JSON strings, or already-decoded dicts).

    >>> item = {"serviceCode": "AmazonEC2", "publicationDate": "2021-02-05T20:45:00Z", "product": {
    ...     "productFamily": "Compute Instance", "attributes": {"regionCode": "us-east-1", "instanceType": "m5.large",
    ...     "operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
    ...     "licenseModel": "No License required", "capacitystatus": "Used"}}, "terms": {"OnDemand": {"X.Y": {
    ...     "effectiveDate": "2021-02-01T00:00:00Z", "priceDimensions": {"X.Y.Z": {"unit": "Hrs",
    ...     "pricePerUnit": {"USD": "0.0960000000"}}}}}}}
    >>> [(r.attributes["instanceType"], r.price) for r in parse_pricelist_items([item])]
    [('m5.large', Decimal('0.0960000000'))]
    """
    for n, item in enumerate(items):
        try:
            doc = json.loads(item) if isinstance(item, str) else dict(item)
        except (json.JSONDecodeError, TypeError, ValueError) as exc:
            raise InputError(f"PriceList item {n} is not JSON: {exc}", where=where) from None
        product = doc.get("product") or {}
        if not isinstance(product, dict) or not isinstance(doc.get("terms") or {}, dict):
            raise InputError(f"PriceList item {n} has no product/terms objects", where=where)
        pub = _publication_date(doc, f"{where} item {n}")
        yield from product_rows(product, doc.get("terms") or {}, service=str(doc.get("serviceCode", "")),
                                source=source, fallback_date=pub, where=f"{where} item {n}", refused=refused)


def query_api_rows(client: Any, service: str, *, region: str | None = None,
                   filters: Mapping[str, str] | None = None, source: str = "aws-query-api",
                   refused: Refused | None = None) -> Iterator[PriceRow]:
    """Rows from the Price List Query API (``pricing.get_products``, paged) for one service, region and filters.

    ``client`` is a boto3 ``pricing`` client (it needs credentials; the bulk files do not). Each filter is a
    ``TERM_MATCH`` on a Price List attribute (``instanceType=m5.large``).
    """
    terms = dict(filters or {})
    if region:
        terms.setdefault("regionCode", region)
    paginator = client.get_paginator("get_products")
    pages = paginator.paginate(ServiceCode=service, FormatVersion="aws_v1",
                               Filters=[{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in terms.items()])
    where = f"pricing.get_products {service} {region or ''}".strip()
    for page in pages:
        yield from parse_pricelist_items(page.get("PriceList") or [], source=source, where=where, refused=refused)


@dataclass(frozen=True, slots=True)
class OfferEntry:
    """One service of the offer index: where its region index and its Savings Plans region index are."""

    code: str
    region_index_url: str
    savings_plan_index_url: str | None = None


def _json_doc(body: bytes, *, where: str, what: str) -> Mapping[str, Any]:
    try:
        doc = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{what} is not JSON ({exc}); first bytes: {body[:60]!r}", where=where) from None
    if not isinstance(doc, dict):
        raise InputError(f"{what} is not a JSON object but {type(doc).__name__}", where=where)
    return doc


def parse_offer_index(body: bytes, *, where: str) -> dict[str, OfferEntry]:
    """The offer index (``/offers/v1.0/aws/index.json``): offer code -> its index URLs.

    A body that is not JSON, or JSON of another shape, is an :class:`InputError` naming ``where`` (the URL).

    >>> index = parse_offer_index(b'{"offers": {"AmazonS3": {"offerCode": "AmazonS3", '
    ...     b'"currentRegionIndexUrl": "/offers/v1.0/aws/AmazonS3/current/region_index.json"}}}', where="u")
    >>> index["AmazonS3"].region_index_url
    '/offers/v1.0/aws/AmazonS3/current/region_index.json'
    """
    doc = _json_doc(body, where=where, what="the AWS offer index")
    offers = doc.get("offers")
    if not isinstance(offers, dict) or not offers:
        raise InputError("not an AWS offer index: no 'offers' object keyed by offer code", where=where)
    out: dict[str, OfferEntry] = {}
    for code, entry in offers.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("currentRegionIndexUrl"), str):
            raise InputError(f"offer {code!r} has no currentRegionIndexUrl", where=where)
        sp = entry.get("currentSavingsPlanIndexUrl")
        out[str(code)] = OfferEntry(str(code), entry["currentRegionIndexUrl"], sp if isinstance(sp, str) else None)
    return out


def parse_region_index(body: bytes, *, where: str) -> dict[str, str]:
    """A region index: region code -> URL of the regional file.

    Offer region indexes hold an object keyed by region (``currentVersionUrl``); Savings Plans region indexes
    a list of ``{regionCode, versionUrl}``. Both are read.

    >>> parse_region_index(b'{"regions": [{"regionCode": "eu-west-1", "versionUrl": "/sp/eu-west-1/index.json"}]}',
    ...                    where="u")
    {'eu-west-1': '/sp/eu-west-1/index.json'}
    """
    doc = _json_doc(body, where=where, what="the region index")
    regions = doc.get("regions")
    entries: Iterable[Any]
    if isinstance(regions, dict):
        entries = [{"regionCode": k, **v} if isinstance(v, dict) else v for k, v in regions.items()]
    elif isinstance(regions, list):
        entries = regions
    else:
        raise InputError("not a region index: no 'regions' object or list", where=where)
    out: dict[str, str] = {}
    for entry in entries:
        url = entry.get("currentVersionUrl") or entry.get("versionUrl") if isinstance(entry, dict) else None
        if not isinstance(url, str) or not entry.get("regionCode"):
            raise InputError(f"region entry {entry!r:.80} has no regionCode and URL", where=where)
        out[str(entry["regionCode"])] = url
    return out


def parse_savings_plan_json(stream: IO[bytes], *, where: str, region: str,
                            source: str = "aws-savings-plans", refused: Refused | None = None) -> Iterator[PriceRow]:
    """Savings Plans offer file: each rate of each plan becomes a ``savings_plan`` row of the discounted product.

    The row's attributes are the discounted usage type (prefix stripped) and operation; the term is
    ``"<1yr|3yr> <purchase option>"`` and the family names the plan (``ComputeSavingsPlans``).
    """
    import ijson

    reader = CountingReader(stream)
    plans: dict[str, tuple[str, str]] = {}
    pub: date | None = None
    try:
        for prefix, event, value in ijson.parse(io.BufferedReader(reader, 1 << 16)):
            if prefix == "publicationDate" and event == "string":
                pub = _publication_date({"publicationDate": value}, where)
                break
        if pub is None:
            raise InputError("not a Savings Plans offer file: no publicationDate", where=where)
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
                here = f"{where} plan {plan['sku']} rate {rate.get('rateCode', '')}"
                value = dec(amount, where=here)
                why = implausible([value], free_ok=False)
                if why is not None:
                    if refused is not None:
                        refused(f"{here}: {why}")
                    continue
                usage = strip_usage_prefix(str(rate.get("discountedUsageType", "")))
                attrs_out = {"usagetype": usage}
                if rate.get("discountedOperation"):
                    attrs_out["operation"] = str(rate["discountedOperation"])
                yield PriceRow(vendor="aws", service=str(rate.get("discountedServiceCode", "AmazonEC2")),
                               region=region, product_family=family, attributes=attrs_out,
                               unit=str(rate.get("unit") or price.get("unit") or "Hrs"), price=value,
                               currency=str(price.get("currency", "USD")), effective_date=pub, source=source,
                               purchase_option=PurchaseOption.SAVINGS_PLAN, term=term,
                               sku=str(rate.get("discountedSku", "")), description=str(plan.get("description", "")))
    except (ijson.JSONError, ValueError, KeyError, AttributeError, TypeError) as exc:
        raise InputError(f"malformed Savings Plans file near byte {reader.position}: {exc}", where=where) from None
