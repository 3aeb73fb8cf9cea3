"""``costlib pricing``: what the price catalog holds, look a price up, refresh it from the providers, fetch
exactly what an estimate lacks, and show offline coverage per resource type and region."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from costlib.catalog.default import default_catalog_path, embedded_catalog_path, refreshed_catalog_path
from costlib.catalog.store import LookupOutcome, SQLiteCatalog
from costlib.cli._util import echo_json, handle_errors
from costlib.errors import InputError
from costlib.models import PriceQuery
from costlib.money import plain

if TYPE_CHECKING:
    from costlib.catalog.refresh import RefreshProgress, RefreshReport, RefreshSettings
    from costlib.models import Estimate

__all__ = ["fetch_missing", "pricing"]

STALE_DAYS = 30

_DEFAULT_SERVICES = {"aws": "AmazonEC2", "azure": "Virtual Machines", "gcp": "Compute Engine"}
_DEFAULT_REGIONS = {"aws": "us-east-1", "azure": "eastus", "gcp": ""}


def _open(path: str | None) -> SQLiteCatalog:
    return SQLiteCatalog(Path(path) if path else default_catalog_path())


def _service(catalog: SQLiteCatalog, provider: str, service: str) -> str:
    """A common short name (EC2, s3, lambda) taken as the one catalog service code it stands for, said on stderr;
    anything else as given (an unknown service is answered with the nearest codes)."""
    if service in catalog.services(provider):
        return service
    alias = catalog.service_alias(provider, service)
    if alias is None:
        return service
    click.echo(f"costlib: service {service!r} is {alias!r} in the catalog", err=True)
    return alias


@click.group(short_help="The offline price catalog: info, lookup, refresh.")
def pricing() -> None:
    """The offline price catalog: info, lookup, coverage, refresh."""


@pricing.command("info", short_help="Sources, dates, licences and row counts; warns when stale.")
@click.option("--catalog", "catalog_path", default=None, help="Catalog file (default: the one lookups use).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table to read, or one JSON document for scripts.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Date to judge staleness by.")
@handle_errors
def info(catalog_path: str | None, fmt: str, today: object) -> None:
    """Sources, dates, licences and row counts per provider/region/service; warns on stale prices."""
    cat = _open(catalog_path)
    now = today.date() if today is not None else date.today()  # type: ignore[attr-defined]
    newest = cat.price_date()
    sources = cat.sources()
    counts = cat.counts()
    age = (now - newest).days if newest else None
    stale = age is not None and age > STALE_DAYS
    if fmt == "json":
        echo_json({
            "catalog": str(cat.path), "built_at": str(cat.catalog_date()), "price_date": str(newest),
            "age_days": age, "stale": stale,
            "sources": [{"name": s.name, "vendor": s.vendor, "description": s.description, "url": s.url,
                         "licence": s.licence, "price_date": s.price_date.isoformat(), "curated": s.curated}
                        for s in sources],
            "counts": [{"provider": v, "region": r, "service": svc, "rows": n, "oldest": lo, "newest": hi,
                        "curated": c} for v, r, svc, n, lo, hi, c in counts],
        })
        return
    console = Console()
    console.print(f"[bold]catalog[/] {cat.path}  built {cat.catalog_date()}  newest price {newest}")
    if stale:
        console.print(f"[yellow]warning:[/] the newest price is {age} days old (more than {STALE_DAYS}); "
                      "run `costlib pricing refresh` where the network allows")
    table = Table(title="sources")
    for col in ("source", "provider", "price date", "licence", "kind", "what"):
        table.add_column(col)
    for s in sources:
        old = (now - s.price_date).days > STALE_DAYS
        table.add_row(s.name, s.vendor, f"{s.price_date}{' (old)' if old else ''}", s.licence,
                      "curated" if s.curated else "price file", s.description)
    console.print(table)
    summary = Table(title="rows per provider, region and service")
    for col in ("provider", "region", "service", "rows", "oldest", "newest", ""):
        summary.add_column(col)
    for v, r, svc, n, lo, hi, c in counts:
        summary.add_row(v, r, svc, str(n), lo, hi, "curated" if c else "")
    console.print(summary)


@pricing.command("lookup", short_help="Look one price up in the catalog.")
@click.option("--provider", required=True, type=click.Choice(["aws", "azure", "gcp"]), help="The cloud.")
@click.option("--service", required=True, help="The catalog's service code (AmazonEC2, Virtual Machines, Compute "
              "Engine); a common short name such as EC2 or lambda is taken as the code it stands for.")
@click.option("--region", required=True, help="Region code (us-east-1, westeurope, us-central1).")
@click.option("--family", default=None, help="Product family (AWS productFamily, Azure serviceFamily).")
@click.option("--attr", "attrs", multiple=True, help="Attribute as key=value; repeat.")
@click.option("--purchase-option", default="on_demand", show_default=True,
              help="on_demand, reserved, spot, savings_plan or dev_test.")
@click.option("--unit", default=None, help="The price's unit, where several match (Hrs, GB-Mo).")
@click.option("--term", default=None, help="The reservation term, where several match (1yr, 3yr).")
@click.option("--catalog", "catalog_path", default=None, help="Catalog file (default: the one estimates use).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table to read, or one JSON document for scripts.")
@handle_errors
def lookup(provider: str, service: str, region: str, family: str | None, attrs: tuple[str, ...],
           purchase_option: str, unit: str | None, term: str | None, catalog_path: str | None, fmt: str) -> None:
    """Look one price up: --provider aws --service AmazonEC2 --region us-east-1 --attr instanceType=m5.large."""
    pairs = {}
    for item in attrs:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--attr {item!r} must be key=value")
        pairs[key] = value
    catalog = _open(catalog_path)
    service = _service(catalog, provider, service)
    query = PriceQuery(vendor=provider, service=service, region=region, product_family=family, attributes=pairs,
                       purchase_option=purchase_option, unit=unit, term=term)
    result = catalog.explain(query)
    if fmt == "json":
        price = result.price
        echo_json({"query": query.describe(), "outcome": result.outcome.value, "message": result.message,
                   "price": None if price is None else {
                       "unit_price": plain(price.unit_price.amount), "currency": price.currency, "unit": price.unit,
                       "effective_date": price.effective_date.isoformat(), "source": price.source,
                       "tiers": [[str(t.start), None if t.end is None else str(t.end), plain(t.unit_price.amount)]
                                 for t in price.tiers]}})
    elif result.price is not None:
        p = result.price
        click.echo(f"{query.describe()}: {p.unit_price.amount} {p.currency} per {p.unit} "
                   f"(effective {p.effective_date}, source {p.source})")
        for t in p.tiers:
            click.echo(f"  from {t.start} to {t.end if t.end is not None else 'and over'}: {t.unit_price.amount}")
    else:
        click.echo(f"no price: {result.message}", err=True)
    if result.outcome is not LookupOutcome.FOUND:
        raise SystemExit(1)


#: Environment variables that point refresh at a mirror of a provider's price endpoint (a proxy, a test server).
BASE_ENV = {"aws_base": "COSTLIB_AWS_PRICING_URL", "azure_base": "COSTLIB_AZURE_PRICES_URL",
            "gcp_base": "COSTLIB_GCP_BILLING_URL"}


def _settings(aws_base: str | None = None, azure_base: str | None = None, gcp_base: str | None = None,
              gcp_api_key: str | None = None) -> RefreshSettings:
    import os

    from costlib.catalog.refresh import RefreshSettings

    kwargs: dict[str, Any] = {}
    for name, value in (("aws_base", aws_base), ("azure_base", azure_base), ("gcp_base", gcp_base),
                        ("gcp_api_key", gcp_api_key)):
        value = value or (os.environ.get(BASE_ENV[name]) if name in BASE_ENV else None)
        if value:
            kwargs[name] = value.rstrip("/")
    return RefreshSettings(**kwargs)


class _RichProgress:
    """Progress bars on stderr (rich, imported only when a terminal is there to show them)."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.tasks: dict[str, Any] = {}

    def part_started(self, part: str, total_bytes: int | None) -> None:
        if part not in self.tasks:
            self.tasks[part] = self.bar.add_task(part, total=total_bytes)

    def advanced(self, part: str, n_bytes: int) -> None:
        if part in self.tasks:
            self.bar.advance(self.tasks[part], n_bytes)

    def part_done(self, part: str, rows: int) -> None:
        if part in self.tasks:
            task = self.tasks[part]
            self.bar.update(task, description=f"{part}: {rows} rows", total=self.bar.tasks[task].completed or 1,
                            completed=self.bar.tasks[task].completed or 1)

    def note(self, message: str) -> None:
        self.bar.console.print(message)


@contextmanager
def _progress() -> Iterator[RefreshProgress]:
    """Progress bars while fetching when stderr is a terminal; nothing otherwise (CI logs stay clean)."""
    from costlib.catalog.refresh import NullProgress

    if not sys.stderr.isatty():
        yield NullProgress()
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=False) as bar:
        yield _RichProgress(bar)


def _aws_source(choice: str) -> str:
    """``bulk`` or ``query``: ``auto`` takes the Query API where boto3 and AWS credentials are at hand."""
    if choice != "auto":
        return choice
    try:
        import boto3
    except ImportError:
        return "bulk"
    try:
        return "query" if boto3.Session().get_credentials() is not None else "bulk"
    except Exception:  # a broken credentials file is no reason to fail: the bulk files need none
        return "bulk"


def _report_lines(report: RefreshReport) -> list[str]:
    lines = [f"{part}: {n} rows{' (resumed)' if part in report.resumed else ''}"
             for part, n in sorted(report.parts.items()) if part not in report.failed]
    lines += [f"{part}: FAILED: {why}" for part, why in report.failed.items()]
    if report.refused:
        lines.append(f"refused {len(report.refused)} implausible price(s):")
        lines += [f"  {r}" for r in report.refused[:10]]
        if len(report.refused) > 10:
            lines.append(f"  and {len(report.refused) - 10} more")
    return lines


def _target(catalog_path: Path | None) -> Path:
    """The catalog file a refresh writes: ``--catalog`` (created from the embedded catalog when new, a complete
    file of its own), else the user's catalog (only the fetched rows, laid over the embedded one by lookups)."""
    if catalog_path is None:
        return refreshed_catalog_path()
    return catalog_path


@contextmanager
def _seeded(target: Path, explicit: bool) -> Iterator[None]:
    seeded = explicit and not target.exists()
    if seeded:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(embedded_catalog_path(), target)
    try:
        yield
    except BaseException:
        if seeded:
            target.unlink(missing_ok=True)
        raise


def _lookup_catalog(catalog_path: Path | None) -> SQLiteCatalog:
    from costlib.catalog.default import default_catalog

    return SQLiteCatalog(catalog_path) if catalog_path is not None else default_catalog()


def _cache_key(est: Estimate, aws_source: str) -> str:
    """``costlib-<version>-<digest of the parts est needs>``: the same plans and costlib give the same key.

    >>> from costlib.models import Estimate
    >>> _cache_key(Estimate.of([], "USD"), "bulk").startswith("costlib-")
    True
    """
    import hashlib

    from costlib import __version__
    from costlib.catalog.missing import missing_prices, plan_fetch

    parts = sorted(p.name for p in plan_fetch([m.query for m in missing_prices(est)], aws_source=aws_source).parts)
    return f"costlib-{__version__}-{hashlib.sha256(chr(10).join(parts).encode()).hexdigest()[:16]}"


def fetch_missing(est: Estimate, reprice: Callable[[SQLiteCatalog], Estimate], *, catalog_path: Path | None = None,
                  settings: RefreshSettings | None = None, aws_source: str = "auto",
                  max_age: timedelta = timedelta(days=7), echo: Callable[[str], None] | None = None,
                  ) -> tuple[Estimate, RefreshReport | None]:
    """Fetch exactly the parts of the providers' price lists that ``est`` could not price, then price again.

    ``reprice`` estimates the same resources against a catalog. The fetched rows go to ``catalog_path`` (or the
    user's catalog); a part fetched within ``max_age`` is not fetched again. A run that loses the network keeps
    every part it finished. Says (through ``echo``, default stderr) what was fetched and what is still missing.

    >>> from costlib.models import Estimate
    >>> est, report = fetch_missing(Estimate.of([], "USD"), lambda cat: Estimate.of([], "USD"), echo=print)
    nothing to fetch: every price the estimate needs is in the catalog
    >>> report is None
    True
    """
    from costlib.catalog.missing import missing_prices, plan_fetch, stale_parts, unpriceable
    from costlib.catalog.refresh import refresh_parts

    say = echo or (lambda line: click.echo(line, err=True))
    settings = settings or _settings()
    missing = missing_prices(est)
    plan = plan_fetch([m.query for m in missing], aws_source=_aws_source(aws_source))
    target = _target(catalog_path)
    report = None
    if plan.parts:
        fetched = {}
        if target.is_file():
            fetched = {s.name: datetime.fromisoformat(s.fetched_at) for s in SQLiteCatalog(target).sources()
                       if s.fetched_at}
        todo, fresh = stale_parts(plan.parts, fetched, now=datetime.now(UTC), max_age=max_age)
        for part in fresh:
            say(f"{part.name}: fetched on {fetched[part.source].date()}, not fetched again (--max-age)")
        if todo:
            say(f"fetching {len(todo)} part(s): {', '.join(p.name for p in todo)}")
            base = _lookup_catalog(catalog_path)
            with _seeded(target, catalog_path is not None), _progress() as progress:
                report = refresh_parts(target, todo, settings=settings, progress=progress, partial=True, base=base)
            for line in _report_lines(report):
                say(line)
            est = reprice(_lookup_catalog(catalog_path))
    elif not missing:
        say("nothing to fetch: every price the estimate needs is in the catalog")
    still = missing_prices(est)
    for m in still:
        say(f"still missing: {m.address}: {m.component}: {m.query.describe()}")
    for query, why in plan.unfetchable:
        say(f"cannot be fetched: {query.describe()}: {why}")
    for address, why in unpriceable(est):
        say(f"not a catalog gap: {address}: {why}")
    return est, report


@pricing.command("refresh", short_help="Fetch current prices from the providers, or exactly what a plan lacks.")
@click.option("--provider", type=click.Choice(["aws", "azure", "gcp"]), default=None,
              help="Refresh whole services of one provider (with --region and --service).")
@click.option("--region", "regions", multiple=True, help="Region code; repeat (AWS and Azure need one).")
@click.option("--service", "services", multiple=True, help="Offer code / service name; repeat.")
@click.option("--for", "for_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Fetch only what the estimate of this plan or spec file lacks; repeat.")
@click.option("--usage", "usage_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Usage file for --for (so usage-based components are priced too).")
@click.option("--price-type", type=click.Choice(["Consumption", "Reservation", "DevTestConsumption"]), default=None,
              help="Azure: only this priceType (default: all).")
@click.option("--savings-plans", is_flag=True, help="AWS: the Savings Plans files instead of the offer files.")
@click.option("--aws-source", type=click.Choice(["auto", "bulk", "query"]), default="auto", show_default=True,
              help="--for on AWS: the Query API where credentials exist (auto), or the bulk offer files.")
@click.option("--max-age", type=click.IntRange(0), default=7, show_default=True,
              help="--for: days a fetched part stays fresh (not fetched again).")
@click.option("--cache-key", is_flag=True,
              help="--for: print a CI cache key for the parts the plan needs (against the embedded catalog) and stop.")
@click.option("--gcp-api-key", envvar="COSTLIB_GCP_API_KEY", default=None,
              help="Cloud Billing Catalog API key (default: Application Default Credentials).")
@click.option("--catalog", "catalog_path", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Catalog file to update (default: the user's refreshed catalog in the cache folder).")
@click.option("--aws-base", default=None, hidden=True)
@click.option("--azure-base", default=None, hidden=True)
@click.option("--gcp-base", default=None, hidden=True)
@handle_errors
def refresh(provider: str | None, regions: tuple[str, ...], services: tuple[str, ...], for_paths: tuple[Path, ...],
            usage_path: Path | None, price_type: str | None, savings_plans: bool, aws_source: str, max_age: int,
            cache_key: bool, gcp_api_key: str | None, catalog_path: Path | None, aws_base: str | None, azure_base: str | None,
            gcp_base: str | None) -> None:
    """Fetch current prices from the providers' own endpoints into the catalog (atomic, resumable).

    Either whole services (--provider, --region, --service), or exactly what an estimate lacks (--for PLAN).
    """
    from costlib.catalog.refresh import refresh_catalog

    settings = _settings(aws_base, azure_base, gcp_base, gcp_api_key)
    if for_paths:
        if provider or regions or services:
            raise InputError("--for works out providers, services and regions itself: give it without --provider, "
                             "--region and --service")
        from costlib.estimate import _collect, estimate

        specs = _collect(list(for_paths))
        if cache_key:
            click.echo(_cache_key(estimate(specs, catalog=SQLiteCatalog(embedded_catalog_path()), usage=usage_path),
                                  _aws_source(aws_source)))
            return
        with _seeded(_target(catalog_path), catalog_path is not None):
            est = estimate(specs, catalog=_lookup_catalog(catalog_path), usage=usage_path)
            _est, report = fetch_missing(est, lambda cat: estimate(specs, catalog=cat, usage=usage_path),
                                         catalog_path=catalog_path, settings=settings, aws_source=aws_source,
                                         max_age=timedelta(days=max_age), echo=click.echo)
        if report is not None and report.written:
            click.echo(f"catalog updated: {report.catalog}")
        if report is not None and report.failed:
            raise SystemExit(1)
        return
    if provider is None:
        raise InputError("give --provider (with --region/--service) or --for PLAN_OR_FILE")
    known = _lookup_catalog(catalog_path if catalog_path is not None and catalog_path.is_file() else None)
    svc = [_service(known, provider, s) for s in services] or [_DEFAULT_SERVICES[provider]]
    regs = list(regions) or ([_DEFAULT_REGIONS[provider]] if _DEFAULT_REGIONS[provider] else [])
    if provider in ("aws", "azure") and not regs:
        raise InputError("--region is required for aws and azure")
    kind = "savings_plan" if savings_plans and provider == "aws" else (price_type or "") if provider == "azure" else ""
    target = _target(catalog_path)
    with _seeded(target, catalog_path is not None), _progress() as progress:
        report = refresh_catalog(target, provider=provider, regions=regs, services=svc, settings=settings,
                                 progress=progress, kind=kind, base=_lookup_catalog(catalog_path)
                                 if provider == "gcp" else None)
    for line in _report_lines(report):
        click.echo(line)
    click.echo(f"catalog updated: {report.catalog}")


#: Regions ``costlib pricing coverage`` shows by default: where teams commonly run, per provider.
COVERAGE_REGIONS: dict[str, tuple[str, ...]] = {
    "aws": ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1",
            "sa-east-1"),
    "azure": ("eastus", "westus2", "westeurope", "northeurope", "francecentral", "australiaeast", "japaneast",
              "brazilsouth"),
    "gcp": ("us-central1", "us-east1", "europe-west1", "europe-west4", "australia-southeast1", "asia-northeast1",
            "southamerica-east1"),
}

_REGION_KEYS = {"aws": ("region", "availability_zone"), "azure": ("region", "location"),
                "gcp": ("region", "zone", "location")}


def _in_region(example: dict[str, Any], provider: str, region: str) -> dict[str, Any]:
    """An example configuration moved to ``region``: its region, zone or location names the new region (a zone
    keeps its letter); a location that is not a region (a multi-region bucket's ``US``) stays as it is."""
    import re

    out = dict(example)
    for key in _REGION_KEYS[provider]:
        value = out.get(key)
        if not isinstance(value, str) or not value:
            continue
        if provider == "azure" or key == "region":
            out[key] = region
        elif provider == "aws":
            out[key] = region + value[-1]
        elif re.match(r"^[a-z]+-[a-z]+\d+-[a-z]$", value):
            out[key] = f"{region}-{value[-1]}"
        elif re.match(r"^[a-z]+-[a-z]+\d+$", value):
            out[key] = region
    return out


def example_specs(types: Sequence[str], regions: Mapping[str, Sequence[str]]) -> list[Any]:
    """One :class:`~costlib.models.ResourceSpec` per (type, region of its provider), from the registry's examples.

    >>> [(s.address, dict(s.attributes)) for s in example_specs(["google_compute_disk"], {"gcp": ["europe-west4"]})]
    [('google_compute_disk@europe-west4', {'type': 'pd-balanced', 'size': 100, 'zone': 'europe-west4-a'})]
    """
    from costlib.models import ResourceSpec
    from costlib.resources import registry

    specs = []
    for name in types:
        rtype = registry.lookup(name)
        for region in regions.get(rtype.provider, ()):
            specs.append(ResourceSpec(address=f"{name}@{region}", type=name, provider=rtype.provider, region=region,
                                      attributes=_in_region(dict(rtype.example), rtype.provider, region)))
    return specs


@pricing.command("coverage", short_help="Resource type x region: priced, partly or missing offline.")
@click.option("--provider", "providers", multiple=True, type=click.Choice(["aws", "azure", "gcp"]),
              help="Only these providers (default: all).")
@click.option("--region", "regions", multiple=True,
              help="provider:region or a region of --provider; repeat (default: common regions per provider).")
@click.option("--all-regions", is_flag=True, help="Every region the catalog holds prices for.")
@click.option("--type", "types", multiple=True, help="Only these resource types; repeat.")
@click.option("--catalog", "catalog_path", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Catalog file (default: the one lookups use).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="A table per provider, one JSON document, or CSV rows.")
@handle_errors
def coverage(providers: tuple[str, ...], regions: tuple[str, ...], all_regions: bool, types: tuple[str, ...],
             catalog_path: Path | None, fmt: str) -> None:
    """Which resource types are priced offline in which regions (priced, partly, missing), and the date of the
    oldest price used: what refresh an estimate would need before you run it.

    Each type is priced from its registry example configuration, moved to each region.
    """
    from costlib.catalog.coverage import Availability, summarize
    from costlib.estimate import estimate
    from costlib.resources import registry

    cat = _lookup_catalog(catalog_path)
    chosen = list(providers) or ["aws", "azure", "gcp"]
    wanted: dict[str, list[str]] = {p: [] for p in chosen}
    for item in regions:
        provider, sep, region = item.partition(":")
        if not sep:
            if len(chosen) != 1:
                raise InputError(f"--region {item!r}: write provider:region, or give one --provider")
            provider, region = chosen[0], item
        if provider not in wanted:
            raise InputError(f"--region {item!r}: provider {provider!r} is not among {', '.join(chosen)}")
        wanted[provider].append(region)
    for provider in chosen:
        if not wanted[provider]:
            wanted[provider] = sorted(cat.regions(provider)) if all_regions else list(COVERAGE_REGIONS[provider])
    names = list(types) or [t for t in registry.supported_types() if registry.lookup(t).provider in chosen]
    unknown = [t for t in names if not registry.registered(t)]
    if unknown:
        raise InputError(f"no cost function for {', '.join(unknown)} (see costlib.resources.registry.supported_types())",
                         where="--type")
    cells = summarize(estimate(example_specs(names, wanted), catalog=cat))
    if fmt == "json":
        echo_json({"catalog": str(cat.path), "regions": wanted, "coverage": [
            {"type": c.type, "provider": c.provider, "region": c.region, "availability": c.availability.value,
             "oldest_price": c.oldest.isoformat() if c.oldest else None, "prices_found": c.found,
             "prices_needed": c.needed, "missing": list(c.missing)} for c in cells]})
        return
    if fmt == "csv":
        import csv

        out = csv.writer(sys.stdout)
        out.writerow(["type", "provider", "region", "availability", "oldest_price", "prices_found", "prices_needed"])
        for c in cells:
            out.writerow([c.type, c.provider, c.region, c.availability.value, c.oldest or "", c.found, c.needed])
        return
    width = max(len(n) for n in names) + 3 if names else 20
    console = Console(width=max(120, width + 15 * max(len(r) for r in wanted.values())))
    style = {Availability.PRICED: "green", Availability.PARTLY: "yellow", Availability.MISSING: "red"}
    by_cell = {(c.type, c.region): c for c in cells}
    for provider in chosen:
        table = Table(title=f"{provider}: offline price coverage (oldest price used)")
        table.add_column("resource type", no_wrap=True)
        for region in wanted[provider]:
            table.add_column(region, no_wrap=True)
        for name in names:
            if registry.lookup(name).provider != provider:
                continue
            row = []
            for region in wanted[provider]:
                c = by_cell[(name, region)]
                text = c.availability.value + (f"\n{c.oldest}" if c.oldest else "")
                row.append(f"[{style[c.availability]}]{text}[/]" if c.availability in style else text)
            table.add_row(name, *row)
        console.print(table)
    counts = {a: sum(1 for c in cells if c.availability is a) for a in Availability}
    console.print(", ".join(f"{n} {a.value}" for a, n in counts.items() if n) +
                  "; fill a gap with `costlib pricing refresh --for PLAN` (or --provider/--region/--service)")
