"""Live refresh of the catalog from the providers' own price endpoints, one *part* at a time.

A :class:`Part` is one unit of fetching:

- AWS: one service (any offer code) in one region: the Price List bulk API (offer index -> the service's region
  index -> the regional offer file, streamed to disk and parsed with ``ijson`` in bounded memory); its Savings
  Plans file (``kind="savings_plan"``, through ``currentSavingsPlanIndexUrl``); or, where AWS credentials exist,
  the Query API ``pricing.get_products`` with filters (``kind="query"``).
- Azure: one ``serviceName`` in one ``armRegionName`` from the Retail Prices API (anonymous), optionally one
  ``priceType`` (Consumption, Reservation, DevTestConsumption), following ``NextPageLink``.
- GCP: one service of the Cloud Billing Catalog (every region at once; ``nextPageToken``), with an API key
  (``COSTLIB_GCP_API_KEY``) or Application Default Credentials.

Every request goes through :func:`fetch` or :func:`stream`: retried by the one retry policy
(:class:`costlib.retry.RetryPolicy`, exponential backoff and jitter) on 429, 5xx and dropped connections,
``Retry-After`` honoured (the one parser, :func:`costlib.retry.retry_after`), an interrupted download
resumed with a ``Range`` request. Each finished part is checkpointed beside the catalog, so a re-run resumes
where it stopped. :func:`refresh_catalog` swaps the catalog in only when every part is in (a failed refresh
leaves the old catalog as it was); :func:`refresh_parts` with ``partial=True`` keeps the parts it finished and
reports the others (a run that loses the network half way keeps what it fetched).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from costlib.catalog.ingest import aws, azure, gcp
from costlib.catalog.rows import PriceRow
from costlib.catalog.store import CatalogWriter, SourceInfo, SQLiteCatalog
from costlib.errors import (
    AuthError,
    CostlibError,
    InputError,
    ProviderError,
    ThrottledError,
    TransientProviderError,
    require_extra,
)
from costlib.retry import RetryPolicy, retry_after_from

__all__ = ["GCP_CREDENTIAL_HELP", "NullProgress", "Part", "RefreshProgress", "RefreshReport", "RefreshSettings",
           "fetch", "refresh_catalog", "refresh_parts", "stream"]

#: How to give costlib a Google credential, said whenever none is found.
GCP_CREDENTIAL_HELP = ("give the Cloud Billing Catalog API a credential: an API key in COSTLIB_GCP_API_KEY (or "
                       "--gcp-api-key), or Application Default Credentials (`gcloud auth application-default login`, "
                       "or GOOGLE_APPLICATION_CREDENTIALS pointing at a service-account key file)")

_MAX_PAGES = 100_000


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshSettings:
    """Endpoints, credentials and retry policy (endpoints are settings so tests can point them at a local server)."""

    aws_base: str = "https://pricing.us-east-1.amazonaws.com"
    azure_base: str = "https://prices.azure.com/api/retail/prices"
    azure_api_version: str = "2023-01-01-preview"
    gcp_base: str = "https://cloudbilling.googleapis.com"
    gcp_api_key: str | None = None
    currency: str = "USD"
    attempts: int = 5
    backoff: float = 1.0
    max_backoff: float = 60.0
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    gcp_client: Any = None
    aws_pricing_client: Any = None

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy of every request: ``attempts`` tries, ``backoff`` doubling up to ``max_backoff``."""
        return RetryPolicy(attempts=self.attempts, base=self.backoff, cap=self.max_backoff, sleep=self.sleep)


class RefreshProgress(Protocol):
    """What a refresh tells the person waiting for it (the CLI draws progress bars from it)."""

    def part_started(self, part: str, total_bytes: int | None) -> None: ...

    def advanced(self, part: str, n_bytes: int) -> None: ...

    def part_done(self, part: str, rows: int) -> None: ...

    def note(self, message: str) -> None: ...


class NullProgress:
    """A :class:`RefreshProgress` that shows nothing."""

    def part_started(self, part: str, total_bytes: int | None) -> None:
        pass

    def advanced(self, part: str, n_bytes: int) -> None:
        pass

    def part_done(self, part: str, rows: int) -> None:
        pass

    def note(self, message: str) -> None:
        pass


@dataclass(frozen=True, slots=True, order=True)
class Part:
    """One unit of fetching: a provider's service in a region (GCP: every region), of one kind.

    >>> Part("aws", "AmazonEC2", "us-east-1").name, Part("gcp", "Cloud SQL").name
    ('aws:AmazonEC2:us-east-1', 'gcp:Cloud SQL')
    >>> Part("azure", "Virtual Machines", "eastus", "Reservation").name
    'azure:Virtual Machines:eastus:Reservation'
    """

    provider: str
    service: str
    region: str = ""
    kind: str = ""
    filters: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        bits = [self.provider, self.service, *(b for b in (self.region, self.kind) if b)]
        if self.filters:
            bits.append(",".join(f"{k}={v}" for k, v in self.filters))
        return ":".join(bits)

    @property
    def source(self) -> str:
        """The source name its rows carry in the catalog."""
        prefix = {"aws": "aws-bulk", "azure": "azure-retail", "gcp": "gcp-catalog"}[self.provider]
        if self.kind == "savings_plan":
            prefix = "aws-savings-plans"
        elif self.kind == "query":
            prefix = "aws-query-api"
        bits = [prefix, self.service, *(b for b in (self.region,) if b)]
        if self.provider == "azure" and self.kind:
            bits.append(self.kind)
        if self.filters:
            bits.append(hashlib.sha256(self.name.encode()).hexdigest()[:8])
        return ":".join(bits)


@dataclass(slots=True)
class RefreshReport:
    """What a refresh did: rows per part, parts resumed from the checkpoint, parts that failed and why,
    prices refused as implausible (each naming its SKU), and the catalog written (None when nothing was)."""

    catalog: Path
    parts: dict[str, int] = field(default_factory=dict)
    resumed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    written: bool = False


# --- HTTP: every request through the one retry policy --------------------------------------------------------
#: Headers that say how long to wait: the standard one, and the Retail Prices API's own.
_WAIT_HEADERS = ("Retry-After", "x-ms-ratelimit-retailPrices-retry-after")


def _status_error(status: int, url: str, body: str) -> ProviderError:
    message = f"HTTP {status} from {url}: {body[:200]}"
    if status in (401, 403):
        return AuthError(message, where="pricing refresh")
    return ProviderError(message, where="pricing refresh")


def _answer(response: httpx.Response) -> httpx.Response:
    """``response`` if it succeeded; else the error it is (429 and 5xx transient, with the server's wait)."""
    status = response.status_code
    if status < 400:
        return response
    response.read()
    if status != 429 and status < 500:
        raise _status_error(status, str(response.url), response.text)
    raise (ThrottledError if status == 429 else TransientProviderError)(
        f"HTTP {status} from {response.url}", where="pricing refresh",
        retry_after=retry_after_from(response.headers, _WAIT_HEADERS))


def _dropped(exc: httpx.TransportError, url: str) -> TransientProviderError:
    return TransientProviderError(f"{type(exc).__name__}: {exc} from {url}", where="pricing refresh")


def fetch(client: httpx.Client, url: str, settings: RefreshSettings, *, params: Mapping[str, str] | None = None,
          headers: Mapping[str, str] | None = None) -> httpx.Response:
    """GET ``url`` into memory with retries (for index files and API pages, not for large offer files).

    Raises :class:`TransientProviderError` after the last attempt on 429/5xx/network errors (a connection dropped
    mid-body is one), :class:`AuthError` at once on 401/403 and :class:`ProviderError` on other 4xx, all naming the URL.

    >>> answers = iter([httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200, json={"ok": True})])
    >>> client = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers)))
    >>> waits = []
    >>> fetch(client, "https://prices.example/index.json", RefreshSettings(sleep=waits.append)).json(), waits
    ({'ok': True}, [2.0])
    """
    def once() -> httpx.Response:
        try:
            return _answer(client.get(url, params=params, headers=headers, timeout=settings.timeout))
        except httpx.TransportError as exc:
            raise _dropped(exc, url) from None

    return settings.retry.call(once)


def stream(client: httpx.Client, url: str, settings: RefreshSettings, dest: Path, *,
           params: Mapping[str, str] | None = None, progress: RefreshProgress | None = None,
           part: str = "") -> Path:
    """GET ``url`` streaming the body to ``dest`` (bounded memory), with the same retries as :func:`fetch`.

    The body goes to ``dest.part`` first; when a connection drops mid-body the next attempt asks for the rest
    with ``Range: bytes=N-`` (a server that answers 200 instead sends the whole body again). ``dest`` appears only
    once the body is complete.

    >>> import tempfile
    >>> client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, content=b"{}")))
    >>> dest = Path(tempfile.mkdtemp()) / "offer.json"
    >>> stream(client, "https://prices.example/offer.json", RefreshSettings(), dest).read_bytes()
    b'{}'
    """
    shown = progress or NullProgress()
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    started = False
    resumable = False  # a Range continues only an identity-encoded body (ranges count encoded bytes)

    def once() -> Path:
        nonlocal started, resumable
        have = tmp.stat().st_size if tmp.exists() and resumable else 0
        headers = {"Range": f"bytes={have}-"} if have else None
        try:
            with client.stream("GET", url, params=params, headers=headers, timeout=settings.timeout) as response:
                _answer(response)
                resuming = response.status_code == 206 and have > 0
                if not started:
                    length = response.headers.get("Content-Length")
                    shown.part_started(part, int(length) if length and length.isascii() and length.isdigit() else None)
                    started = True
                elif not resuming and tmp.exists():
                    shown.advanced(part, -tmp.stat().st_size)
                resumable = response.headers.get("Content-Encoding", "identity") == "identity"
                with tmp.open("ab" if resuming else "wb") as fh:
                    for chunk in response.iter_bytes():
                        fh.write(chunk)
                        shown.advanced(part, len(chunk))
                tmp.replace(dest)
                return dest
        except httpx.TransportError as exc:
            raise _dropped(exc, url) from None

    try:
        return settings.retry.call(once)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _json(response: httpx.Response, *, what: str) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{what} is not JSON ({exc}); first bytes: {response.content[:60]!r}",
                         where=str(response.url)) from None


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
    """Finished parts as JSON-lines files (``<part>.jsonl`` + ``<part>.meta.json``) in a folder beside the catalog."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def file(self, part: str, suffix: str = ".jsonl") -> Path:
        return self.folder / (quote(part, safe="") + suffix)

    def done(self, part: str) -> bool:
        return self.file(part, ".meta.json").is_file()

    def save(self, part: str, rows: Iterable[PriceRow], *, source: str, url: str) -> int:
        target = self.file(part)
        tmp = target.with_suffix(".tmp")
        n = 0
        newest: date | None = None
        with tmp.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(_row_to_json(row)) + "\n")
                n += 1
                newest = row.effective_date if newest is None or row.effective_date > newest else newest
        tmp.replace(target)
        meta = {"part": part, "source": source, "url": url, "rows": n,
                "newest": newest.isoformat() if newest else None}
        self.file(part, ".meta.json").write_text(json.dumps(meta))
        return n

    def meta(self, part: str) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(self.file(part, ".meta.json").read_text())
        return doc

    def rows(self, part: str) -> Iterator[PriceRow]:
        with self.file(part).open(encoding="utf-8") as fh:
            for line in fh:
                yield _row_from_json(json.loads(line))

    def drop(self, part: str) -> None:
        for suffix in (".jsonl", ".meta.json", ".state.json"):
            self.file(part, suffix).unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(slots=True)
class _Run:
    http: httpx.Client
    settings: RefreshSettings
    cp: _Checkpoint
    report: RefreshReport
    progress: RefreshProgress
    base: SQLiteCatalog | None
    aws_index: dict[str, aws.OfferEntry] | None = None

    def refuse(self, message: str) -> None:
        self.report.refused.append(message)


# --- AWS ---------------------------------------------------------------------------
def _aws_part(run: _Run, part: Part) -> tuple[Iterator[PriceRow], str]:
    s = run.settings
    index_url = f"{s.aws_base}/offers/v1.0/aws/index.json"
    offers = run.aws_index
    if offers is None:
        offers = run.aws_index = aws.parse_offer_index(fetch(run.http, index_url, s).content, where=index_url)
    if part.service not in offers:
        near = sorted(offers)[:12]
        raise InputError(f"AWS has no offer {part.service!r}; known: {', '.join(near)} ...", where=index_url)
    entry = offers[part.service]
    if part.kind == "savings_plan":
        if not entry.savings_plan_index_url:
            raise InputError(f"AWS offer {part.service} has no Savings Plans index", where=index_url)
        region_index_url = s.aws_base + entry.savings_plan_index_url
    else:
        region_index_url = s.aws_base + entry.region_index_url
    known = aws.parse_region_index(fetch(run.http, region_index_url, s).content, where=region_index_url)
    if part.region not in known:
        raise InputError(f"AWS {part.service} has no region {part.region!r}", where=region_index_url)
    url = s.aws_base + known[part.region]
    dest = run.cp.file(part.name, ".download.json")
    stream(run.http, url, s, dest, progress=run.progress, part=part.name)

    def rows() -> Iterator[PriceRow]:
        try:
            if part.kind == "savings_plan":
                with dest.open("rb") as fh:
                    yield from aws.parse_savings_plan_json(fh, where=url, region=part.region, source=part.source,
                                                           refused=run.refuse)
            else:
                yield from aws.parse_offer_json(dest, source=part.source, source_url=url, refused=run.refuse)
        finally:
            dest.unlink(missing_ok=True)

    return rows(), url


def _aws_query_part(run: _Run, part: Part) -> tuple[Iterator[PriceRow], str]:
    client = run.settings.aws_pricing_client
    if client is None:
        require_extra("boto3", "aws")
        import boto3

        client = boto3.client("pricing", region_name="us-east-1")
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    where = f"pricing.get_products {part.service} {part.region}"
    try:
        rows = list(aws.query_api_rows(client, part.service, region=part.region, filters=dict(part.filters),
                                       source=part.source, refused=run.refuse))
    except NoCredentialsError:
        raise AuthError("the AWS Price List Query API needs AWS credentials (the bulk files do not: use "
                        "--aws-source bulk)", where=where) from None
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        if code in ("ThrottlingException", "InternalErrorException", "ServiceUnavailable"):
            raise TransientProviderError(f"{code}: {exc}", where=where) from None
        if code in ("AccessDeniedException", "UnrecognizedClientException", "ExpiredTokenException"):
            raise AuthError(f"{code}: {exc}", where=where) from None
        raise ProviderError(f"{code}: {exc}", where=where) from None
    except BotoCoreError as exc:
        raise TransientProviderError(f"{type(exc).__name__}: {exc}", where=where) from None
    return iter(rows), "https://api.pricing.us-east-1.amazonaws.com"


# --- Azure -------------------------------------------------------------------------
def _azure_part(run: _Run, part: Part) -> tuple[Iterator[PriceRow], str]:
    s = run.settings
    state_file = run.cp.file(part.name, ".state.json")
    saved = json.loads(state_file.read_text()) if state_file.exists() else {}
    next_link: str | None = saved.get("next")
    page_no: int = int(saved.get("page", 0))
    seen: list[str] = list(saved.get("seen", []))
    if page_no:
        run.report.resumed.append(f"{part.name} from page {page_no}")
    filters = [f"serviceName eq '{part.service}'", f"armRegionName eq '{part.region}'"]
    if part.kind:
        filters.append(f"priceType eq '{part.kind}'")
    url: str | None = next_link or s.azure_base
    params: dict[str, str] | None = None if next_link else {
        "api-version": s.azure_api_version, "currencyCode": s.currency, "$filter": " and ".join(filters)}
    pages_prefix = quote(f"{part.name}#page", safe="")
    run.progress.part_started(part.name, None)
    while url:
        response = fetch(run.http, url, s, params=params)
        doc = _json(response, what=f"{part.name} page {page_no}")
        if not isinstance(doc, dict):
            raise InputError(f"page {page_no} is not a Retail Prices API page", where=str(response.url))
        items, nxt = azure.parse_page(doc, where=f"{part.name} page {page_no}")
        asked = [i for i in items if isinstance(i, dict) and i.get("armRegionName") == part.region
                 and i.get("serviceName") == part.service]
        if len(asked) < len(items):
            run.refuse(f"{part.name} page {page_no}: {len(items) - len(asked)} item(s) of another service or region "
                       "than the filter asked for were left out")
        seen.append(str(response.url))
        if nxt is not None and (nxt in seen or nxt == url):
            raise ProviderError(f"the Retail Prices API sent NextPageLink {nxt} again after page {page_no}: "
                                "stopping instead of looping over the same pages", where=part.name)
        if page_no >= _MAX_PAGES:
            raise ProviderError(f"more than {_MAX_PAGES} pages: stopping", where=part.name)
        page_rows = azure.rows_from_items(asked, source=part.source, source_url=s.azure_base,
                                          where=f"{part.name} page {page_no}", refused=run.refuse)
        run.cp.save(f"{part.name}#page{page_no:05d}", page_rows, source=part.source, url=str(response.url))
        page_no += 1
        url, params = nxt, None
        state_file.write_text(json.dumps({"next": url, "page": page_no, "seen": seen}))
        run.progress.advanced(part.name, len(response.content))
    pages = sorted(p for p in run.cp.folder.glob(pages_prefix + "*.jsonl"))

    def merged() -> Iterator[PriceRow]:
        for page in pages:
            with page.open(encoding="utf-8") as fh:
                for line in fh:
                    yield _row_from_json(json.loads(line))
        for page in pages:
            page.unlink(missing_ok=True)
            page.with_name(page.name.removesuffix(".jsonl") + ".meta.json").unlink(missing_ok=True)
        state_file.unlink(missing_ok=True)

    return merged(), s.azure_base


# --- GCP ---------------------------------------------------------------------------
def _gcp_auth(s: RefreshSettings) -> tuple[dict[str, str], dict[str, str]]:
    """``(params, headers)`` that authenticate Cloud Billing Catalog calls; :class:`AuthError` naming how when none."""
    key = s.gcp_api_key or os.environ.get("COSTLIB_GCP_API_KEY")
    if key:  # a header, not ?key=: a URL ends up in error messages, and a key must never
        return {}, {"X-Goog-Api-Key": key}
    try:
        import google.auth
        import google.auth.exceptions
        import google.auth.transport.requests
    except ImportError:
        raise AuthError(f"no Google credential: {GCP_CREDENTIAL_HELP} (Application Default Credentials need "
                        "google-auth: pip install 'costlib[gcp]')", where="gcp pricing refresh") from None
    try:
        credentials, _project = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-billing.readonly"])
        credentials.refresh(google.auth.transport.requests.Request())  # type: ignore[no-untyped-call]
    except google.auth.exceptions.DefaultCredentialsError as exc:
        raise AuthError(f"no Google credential: {GCP_CREDENTIAL_HELP} ({exc})", where="gcp pricing refresh") from None
    except google.auth.exceptions.GoogleAuthError as exc:
        raise AuthError(f"the Google credential was refused: {exc}; {GCP_CREDENTIAL_HELP}",
                        where="gcp pricing refresh") from None
    return {}, {"Authorization": f"Bearer {credentials.token}"}


def _gcp_pages(run: _Run, url: str, params: dict[str, str], headers: dict[str, str], key: str,
               part: str) -> Iterator[Mapping[str, Any]]:
    token: str | None = None
    seen: set[str] = set()
    for page_no in range(_MAX_PAGES):
        query = {**params, **({"pageToken": token} if token else {})}
        try:
            response = fetch(run.http, url, run.settings, params=query, headers=headers)
        except ProviderError as exc:
            if "API_KEY_INVALID" in exc.message or "API key not valid" in exc.message:
                raise AuthError(f"the API key was refused ({exc.message[:160]}); {GCP_CREDENTIAL_HELP}",
                                where="gcp pricing refresh") from None
            raise
        doc = _json(response, what=f"{part} page {page_no}")
        items = doc.get(key) if isinstance(doc, dict) else None
        if not isinstance(items, list):
            raise InputError(f"page {page_no} has no {key!r} list", where=str(response.url))
        yield from items
        run.progress.advanced(part, len(response.content))
        token = str(doc.get("nextPageToken") or "") or None
        if token is None:
            return
        if token in seen:
            raise ProviderError(f"the Cloud Billing Catalog sent nextPageToken {token[:24]}... again after page "
                                f"{page_no}: stopping instead of looping over the same pages", where=part)
        seen.add(token)
    raise ProviderError(f"more than {_MAX_PAGES} pages: stopping", where=part)


def _gcp_part(run: _Run, part: Part) -> tuple[Iterator[PriceRow], str]:
    s = run.settings
    wanted = [w.lower() for w in gcp.catalog_services(part.service)]
    regions = sorted(run.base.regions("gcp")) if run.base is not None else []
    skus: list[Mapping[str, Any]] = []
    run.progress.part_started(part.name, None)
    if s.gcp_client is not None:  # the google-cloud-billing client (gRPC/REST with its own auth)
        from google.protobuf.json_format import MessageToDict

        for svc in s.gcp_client.list_services():
            if svc.display_name.lower() in wanted:
                skus += [MessageToDict(sku._pb) if hasattr(sku, "_pb") else dict(sku)
                         for sku in s.gcp_client.list_skus(parent=svc.name, currency_code=s.currency)]
        url = "cloudbilling.googleapis.com (client library)"
    else:
        params, headers = _gcp_auth(s)
        services = {str(svc.get("displayName", "")).lower(): str(svc.get("name", ""))
                    for svc in _gcp_pages(run, f"{s.gcp_base}/v1/services", {**params, "pageSize": "5000"}, headers,
                                          "services", part.name)}
        missing = [w for w in wanted[:1] if w not in services]
        if missing:
            raise InputError(f"the Cloud Billing Catalog has no service {part.service!r}", where=f"{s.gcp_base}/v1/services")
        for name in wanted:
            if name in services:
                skus += list(_gcp_pages(run, f"{s.gcp_base}/v1/{services[name]}/skus",
                                        {**params, "currencyCode": s.currency, "pageSize": "5000"}, headers, "skus",
                                        part.name))
        url = s.gcp_base
    rows = list(gcp.sku_rows(skus, source=part.source, where=part.name, all_regions=regions, refused=run.refuse))
    if part.service.lower() == "compute engine":
        specs = run.base.specs("gcp") if run.base is not None else {}
        types = {name: gcp.MachineType(name, v, m, False) for name, (v, m, _) in specs.items()}
        rows += list(gcp.compose_machine_types(rows, types, source=part.source))
    return iter(rows), url


_FETCHERS = {"aws": _aws_part, "azure": _azure_part, "gcp": _gcp_part}


# --- orchestration -------------------------------------------------------------------
def refresh_parts(catalog_path: Path, parts: Sequence[Part], *, settings: RefreshSettings | None = None,
                  client: httpx.Client | None = None, progress: RefreshProgress | None = None, partial: bool = False,
                  base: SQLiteCatalog | None = None, keep_checkpoint: bool = False) -> RefreshReport:
    """Fetch ``parts`` into ``catalog_path`` (atomically: the file is replaced only after a complete write).

    The existing file (if any) is the base: rows of other sources stay, a part's own earlier rows are replaced,
    and for the same product the newest effective date wins. With ``partial=False`` any failure raises and
    the file is untouched (the checkpoint stays, so a re-run resumes). With ``partial=True`` a part that fails
    permanently is reported and the others go on; a network failure stops the fetching (the rest would fail the
    same way) and every part finished by then is written. ``base`` supplies GCP machine-type sizes and regions
    (default: the catalog file itself).

    >>> import tempfile
    >>> item = {"currencyCode": "USD", "unitPrice": 0.096, "armRegionName": "eastus", "serviceName": "Virtual Machines",
    ...         "productName": "Virtual Machines Dsv5 Series", "skuName": "D2s v5", "meterName": "D2s v5",
    ...         "armSkuName": "Standard_D2s_v5", "effectiveStartDate": "2026-01-01", "unitOfMeasure": "1 Hour",
    ...         "type": "Consumption", "serviceFamily": "Compute"}
    >>> page = httpx.MockTransport(lambda request: httpx.Response(200, json={"Items": [item], "NextPageLink": None}))
    >>> target = Path(tempfile.mkdtemp()) / "catalog.sqlite"
    >>> report = refresh_parts(target, [Part("azure", "Virtual Machines", "eastus", "Consumption")],
    ...                        client=httpx.Client(transport=page))
    >>> report.parts, report.written
    ({'azure:Virtual Machines:eastus:Consumption': 1}, True)
    """
    s = settings or RefreshSettings()
    cp = _Checkpoint(catalog_path.with_name(catalog_path.name + ".refresh"))
    report = RefreshReport(catalog=catalog_path)
    progress = progress or NullProgress()
    own_client = client is None
    http = client or httpx.Client(follow_redirects=True, headers={"User-Agent": "costlib-pricing-refresh"})
    if base is None and catalog_path.is_file():
        base = SQLiteCatalog(catalog_path)
    run = _Run(http, s, cp, report, progress, base)
    todo = list(dict.fromkeys(parts))
    try:
        for i, part in enumerate(todo):
            if part.provider not in _FETCHERS:
                raise InputError(f"unknown provider {part.provider!r}; expected aws, azure or gcp", where="--provider")
            if cp.done(part.name):
                report.resumed.append(part.name)
                report.parts[part.name] = int(cp.meta(part.name)["rows"])
                continue
            try:
                fetcher = _aws_query_part if part.kind == "query" else _FETCHERS[part.provider]
                rows, url = fetcher(run, part)
                report.parts[part.name] = cp.save(part.name, rows, source=part.source, url=url)
                progress.part_done(part.name, report.parts[part.name])
            except TransientProviderError as exc:
                if not partial:
                    raise
                report.failed[part.name] = str(exc)
                for rest in todo[i + 1:]:
                    report.failed[rest.name] = "not fetched: the network failed on an earlier part"
                break
            except CostlibError as exc:
                if not partial:
                    raise
                report.failed[part.name] = str(exc)
    finally:
        if own_client:
            http.close()
    finished = [p for p in todo if p.name in report.parts and p.name not in report.failed]
    if finished:
        _commit(catalog_path, cp, finished, report)
    if not keep_checkpoint:
        for part in finished:
            cp.drop(part.name)
        if not report.failed:
            cp.clear()
    return report


_LICENCES = {"aws": "AWS Price List (public)", "azure": "Azure Retail Prices API (public)",
             "gcp": "Cloud Billing Catalog API (public)"}


def _commit(catalog_path: Path, cp: _Checkpoint, parts: Sequence[Part], report: RefreshReport) -> None:
    stamp = datetime.now(UTC)
    metas = [(p, cp.meta(p.name)) for p in parts]
    sources = sorted({m["source"] for _, m in metas})
    writer = CatalogWriter(catalog_path, base=catalog_path if catalog_path.is_file() else None,
                           replace_sources=sources, built_at=stamp)
    try:
        for part, _ in metas:
            writer.add_all(cp.rows(part.name))
        for part, meta in metas:
            newest = date.fromisoformat(meta["newest"]) if meta.get("newest") else stamp.date()
            writer.add_source(SourceInfo(meta["source"], part.provider, f"live refresh of {part.name}",
                                         str(meta.get("url") or ""), _LICENCES[part.provider], newest,
                                         stamp.isoformat(), False))
        writer.commit()
    except (CostlibError, OSError):
        writer.abort()
        raise
    report.written = True


def refresh_catalog(catalog_path: Path, *, provider: str, regions: Sequence[str], services: Sequence[str],
                    settings: RefreshSettings | None = None, client: httpx.Client | None = None,
                    progress: RefreshProgress | None = None, keep_checkpoint: bool = False,
                    kind: str = "", base: SQLiteCatalog | None = None) -> RefreshReport:
    """Refresh ``provider`` prices for ``services`` x ``regions`` into ``catalog_path``, all or nothing.

    GCP services are fetched for every region at once (``regions`` is not used). On any error the checkpoint
    is kept (a re-run resumes) and the catalog file is untouched.

    >>> refresh_catalog(Path("unused.sqlite"), provider="azure", regions=[], services=["Storage"])
    Traceback (most recent call last):
    costlib.errors.InputError: --region: refreshing azure needs at least one region
    """
    if provider not in _FETCHERS:
        raise InputError(f"unknown provider {provider!r}; expected aws, azure or gcp", where="--provider")
    if provider == "gcp":
        parts = [Part("gcp", svc) for svc in services]
    else:
        if not regions:
            raise InputError(f"refreshing {provider} needs at least one region", where="--region")
        parts = [Part(provider, svc, region, kind) for svc in services for region in regions]
    return refresh_parts(catalog_path, parts, settings=settings, client=client, progress=progress, partial=False,
                         keep_checkpoint=keep_checkpoint, base=base)
