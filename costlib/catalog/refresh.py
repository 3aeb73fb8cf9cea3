"""Live refresh of the catalog from the providers' real price endpoints.

- AWS: the Price List bulk API (offer index -> region index -> regional offer file), anonymous HTTPS.
- Azure: the Retail Prices API, ``$filter`` by service and region, following ``NextPageLink``.
- GCP: the Cloud Billing Catalog API through ``google-cloud-billing`` (needs credentials).

Every part (one AWS regional file, one Azure page, one GCP service) is fetched with retries
(exponential backoff with jitter on 429, 5xx and network errors; ``Retry-After`` honoured) and written
to a checkpoint folder beside the catalog as soon as it is complete, so an interrupted refresh resumes
where it stopped. Only when every part is in does the catalog get rebuilt, into a temporary file that
replaces the old one atomically: a failed refresh leaves the old catalog exactly as it was.
"""

from __future__ import annotations

import email.utils
import json
import random
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from costlib.catalog.ingest import aws, azure, gcp
from costlib.catalog.rows import PriceRow
from costlib.catalog.store import CatalogWriter, SourceInfo, SQLiteCatalog
from costlib.errors import CostlibError, InputError, ProviderError, TransientProviderError, require_extra

__all__ = ["RefreshReport", "RefreshSettings", "fetch_with_retry", "refresh_catalog"]

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshSettings:
    """Endpoints and retry policy (endpoints are settings so tests can point them at a local server)."""

    aws_base: str = "https://pricing.us-east-1.amazonaws.com"
    azure_base: str = "https://prices.azure.com/api/retail/prices"
    currency: str = "USD"
    attempts: int = 5
    backoff: float = 1.0
    max_backoff: float = 60.0
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    gcp_client: Any = None


@dataclass(slots=True)
class RefreshReport:
    """What a refresh did: rows per part, parts resumed from the checkpoint, the catalog written."""

    catalog: Path
    parts: dict[str, int] = field(default_factory=dict)
    resumed: list[str] = field(default_factory=list)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, (parsed - datetime.now(UTC)).total_seconds())


def fetch_with_retry(client: httpx.Client, url: str, settings: RefreshSettings, *, dest: Path | None = None,
                     params: dict[str, str] | None = None) -> httpx.Response | Path:
    """GET ``url`` with retries; with ``dest`` the body streams to that file (bounded memory).

    Raises :class:`TransientProviderError` after the last attempt on 429/5xx/network errors and
    :class:`ProviderError` at once on other 4xx, both naming the URL.
    """
    delay = settings.backoff
    for attempt in range(1, settings.attempts + 1):
        wait: float | None = None
        try:
            if dest is None:
                response = client.get(url, params=params, timeout=settings.timeout)
                status = response.status_code
                if status < 400:
                    return response
            else:
                with client.stream("GET", url, params=params, timeout=settings.timeout) as response:
                    status = response.status_code
                    if status < 400:
                        tmp = dest.with_suffix(dest.suffix + ".part")
                        with tmp.open("wb") as fh:
                            for chunk in response.iter_bytes(1 << 20):
                                fh.write(chunk)
                        tmp.replace(dest)
                        return dest
                    response.read()
            if status != 429 and status < 500:
                raise ProviderError(f"HTTP {status} from {url}: {response.text[:200]}", where="pricing refresh")
            wait = _retry_after(response)
            problem = f"HTTP {status}"
        except httpx.TransportError as exc:
            problem = f"{type(exc).__name__}: {exc}"
        if attempt == settings.attempts:
            raise TransientProviderError(f"{problem} from {url} after {attempt} attempts", where="pricing refresh",
                                         retry_after=wait)
        pause = wait if wait is not None else min(settings.max_backoff, delay) * (0.5 + random.random() / 2)
        settings.sleep(pause)
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


# --- checkpointed parts -------------------------------------------------------------
def _row_to_json(row: PriceRow) -> dict[str, Any]:
    return {"vendor": row.vendor, "service": row.service, "region": row.region, "family": row.product_family,
            "attributes": dict(row.attributes), "unit": row.unit, "price": str(row.price), "currency": row.currency,
            "effective_date": row.effective_date.isoformat(), "source": row.source,
            "purchase_option": row.purchase_option, "term": row.term, "sku": row.sku,
            "description": row.description, "source_url": row.source_url,
            "tiers": [[str(s), None if e is None else str(e), str(p)] for s, e, p in row.tiers]}


def _row_from_json(doc: dict[str, Any]) -> PriceRow:
    return PriceRow(vendor=doc["vendor"], service=doc["service"], region=doc["region"],
                    product_family=doc["family"], attributes=doc["attributes"], unit=doc["unit"],
                    price=Decimal(doc["price"]), currency=doc["currency"],
                    effective_date=date.fromisoformat(doc["effective_date"]), source=doc["source"],
                    purchase_option=doc["purchase_option"], term=doc["term"], sku=doc["sku"],
                    description=doc["description"], source_url=doc["source_url"],
                    tiers=tuple((Decimal(s), None if e is None else Decimal(e), Decimal(p))
                                for s, e, p in doc["tiers"]))


class _Checkpoint:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _file(self, part: str) -> Path:
        return self.folder / (quote(part, safe="") + ".jsonl")

    def done(self, part: str) -> bool:
        return self._file(part).is_file()

    def save(self, part: str, rows: Iterable[PriceRow]) -> int:
        target = self._file(part)
        tmp = target.with_suffix(".tmp")
        n = 0
        with tmp.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(_row_to_json(row)) + "\n")
                n += 1
        tmp.replace(target)
        return n

    def rows(self) -> Iterator[PriceRow]:
        for file in sorted(self.folder.glob("*.jsonl")):
            with file.open(encoding="utf-8") as fh:
                for line in fh:
                    yield _row_from_json(json.loads(line))

    def count(self, part: str) -> int:
        with self._file(part).open(encoding="utf-8") as fh:
            return sum(1 for _ in fh)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


# --- providers ---------------------------------------------------------------------
def _aws_parts(client: httpx.Client, s: RefreshSettings, cp: _Checkpoint, services: Sequence[str],
               regions: Sequence[str], report: RefreshReport, progress: Progress) -> None:
    index_url = f"{s.aws_base}/offers/v1.0/aws/index.json"
    index = fetch_with_retry(client, index_url, s)
    assert isinstance(index, httpx.Response)
    offers = index.json().get("offers") or {}
    for service in services:
        if service not in offers:
            raise InputError(f"AWS has no offer {service!r}; known: {', '.join(sorted(offers)[:12])} ...",
                             where=index_url)
        region_index_url = s.aws_base + offers[service]["currentRegionIndexUrl"]
        resp = fetch_with_retry(client, region_index_url, s)
        assert isinstance(resp, httpx.Response)
        known = resp.json().get("regions") or {}
        for region in regions:
            part = f"aws:{service}:{region}"
            if cp.done(part):
                report.resumed.append(part)
                report.parts[part] = cp.count(part)
                continue
            if region not in known:
                raise InputError(f"AWS {service} has no region {region!r}", where=region_index_url)
            url = s.aws_base + known[region]["currentVersionUrl"]
            progress(f"downloading {part}", 0)
            dest = cp.folder / f"{service}-{region}.json"
            fetch_with_retry(client, url, s, dest=dest)
            rows = aws.parse_offer_json(dest, source=f"aws-bulk:{service}:{region}", source_url=url)
            report.parts[part] = cp.save(part, rows)
            dest.unlink(missing_ok=True)
            progress(part, report.parts[part])


def _azure_parts(client: httpx.Client, s: RefreshSettings, cp: _Checkpoint, services: Sequence[str],
                 regions: Sequence[str], report: RefreshReport, progress: Progress) -> None:
    for service in services:
        for region in regions:
            part = f"azure:{service}:{region}"
            state_file = cp.folder / (quote(part, safe="") + ".state.json")
            if cp.done(part):
                report.resumed.append(part)
                report.parts[part] = cp.count(part)
                continue
            saved = json.loads(state_file.read_text()) if state_file.exists() else {}
            next_link: str | None = saved.get("next")
            page_no: int = int(saved.get("page", 0))
            if page_no:
                report.resumed.append(f"{part} from page {page_no}")
            url: str | None = next_link or s.azure_base
            params: dict[str, str] | None = None if next_link else {
                "currencyCode": s.currency,
                "$filter": f"serviceName eq '{service}' and armRegionName eq '{region}'"}
            while url:
                resp = fetch_with_retry(client, url, s, params=params)
                assert isinstance(resp, httpx.Response)
                try:
                    doc = resp.json()
                except json.JSONDecodeError as exc:
                    raise InputError(f"page {page_no} is not JSON: {exc}", where=url) from None
                items, url = azure.parse_page(doc, where=f"{part} page {page_no}")
                rows = list(azure.rows_from_items(items, source=f"azure-retail:{service}:{region}",
                                                  source_url=s.azure_base, where=f"{part} page {page_no}"))
                cp.save(f"{part}#page{page_no:05d}", rows)
                page_no += 1
                state_file.write_text(json.dumps({"next": url, "page": page_no}))
                params = None
                progress(f"{part} page {page_no - 1}", len(rows))
            pages = sorted(cp.folder.glob(quote(f"{part}#page", safe="") + "*.jsonl"))
            merged: list[PriceRow] = []
            for page in pages:
                with page.open(encoding="utf-8") as fh:
                    merged.extend(_row_from_json(json.loads(line)) for line in fh)
                page.unlink()
            report.parts[part] = cp.save(part, merged)
            state_file.unlink(missing_ok=True)


def _gcp_parts(s: RefreshSettings, cp: _Checkpoint, services: Sequence[str], catalog: SQLiteCatalog | None,
               report: RefreshReport, progress: Progress) -> None:
    client = s.gcp_client
    if client is None:
        require_extra("google.cloud.billing_v1", "gcp")
        from google.cloud import billing_v1

        client = billing_v1.CloudCatalogClient()
    from google.protobuf.json_format import MessageToDict

    wanted = {svc.lower() for svc in services}
    for svc in client.list_services():
        if svc.display_name.lower() not in wanted:
            continue
        part = f"gcp:{svc.display_name}"
        if cp.done(part):
            report.resumed.append(part)
            report.parts[part] = cp.count(part)
            continue
        skus = (MessageToDict(sku._pb) if hasattr(sku, "_pb") else dict(sku) for sku in
                client.list_skus(parent=svc.name, currency_code=s.currency))
        rows = list(gcp.sku_rows(skus, source=f"gcp-catalog:{svc.display_name}", where=part))
        if catalog is not None:
            types = {name: gcp.MachineType(name, v, m, False) for name, (v, m, _) in catalog.specs("gcp").items()}
            rows += list(gcp.compose_machine_types(rows, types, source=f"gcp-catalog:{svc.display_name}"))
        report.parts[part] = cp.save(part, rows)
        progress(part, report.parts[part])


def refresh_catalog(catalog_path: Path, *, provider: str, regions: Sequence[str], services: Sequence[str],
                    settings: RefreshSettings | None = None, client: httpx.Client | None = None,
                    progress: Progress = lambda _m, _n: None, keep_checkpoint: bool = False) -> RefreshReport:
    """Refresh ``provider`` prices for ``services`` x ``regions`` into ``catalog_path`` (atomically).

    The existing catalog (if any) is the base: rows of other sources stay, and for the same product the
    newest effective date wins. On any error the checkpoint is kept (a re-run resumes) and the catalog
    file is untouched.
    """
    s = settings or RefreshSettings()
    cp = _Checkpoint(catalog_path.with_name(catalog_path.name + ".refresh"))
    report = RefreshReport(catalog=catalog_path)
    own_client = client is None
    http = client or httpx.Client(follow_redirects=True, headers={"User-Agent": "costlib-pricing-refresh"})
    try:
        if provider == "aws":
            _aws_parts(http, s, cp, services, regions, report, progress)
        elif provider == "azure":
            _azure_parts(http, s, cp, services, regions, report, progress)
        elif provider == "gcp":
            base = SQLiteCatalog(catalog_path) if catalog_path.is_file() else None
            _gcp_parts(s, cp, services, base, report, progress)
        else:
            raise InputError(f"unknown provider {provider!r}; expected aws, azure or gcp", where="--provider")
    finally:
        if own_client:
            http.close()
    stamp = datetime.now(UTC)
    rows = list(cp.rows())
    sources = sorted({r.source for r in rows})
    writer = CatalogWriter(catalog_path, base=catalog_path if catalog_path.is_file() else None,
                           replace_sources=sources, built_at=stamp)
    try:
        writer.add_all(rows)
        for name in sources:
            newest = max(r.effective_date for r in rows if r.source == name)
            writer.add_source(SourceInfo(name, provider, f"live refresh of {name}", _source_url(provider, s),
                                         _LICENCES[provider], newest, stamp.isoformat(), False))
        writer.commit()
    except (CostlibError, OSError):
        writer.abort()
        raise
    if not keep_checkpoint:
        cp.clear()
    return report


_LICENCES = {"aws": "AWS Price List (public)", "azure": "Azure Retail Prices API (public)",
             "gcp": "Cloud Billing Catalog API (public)"}


def _source_url(provider: str, s: RefreshSettings) -> str:
    return {"aws": s.aws_base, "azure": s.azure_base, "gcp": "https://cloudbilling.googleapis.com"}[provider]
