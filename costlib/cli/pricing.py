"""``costlib pricing``: what the price catalog holds, look a price up, refresh it from the providers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from costlib.catalog.default import default_catalog_path, embedded_catalog_path, refreshed_catalog_path
from costlib.catalog.store import LookupOutcome, SQLiteCatalog
from costlib.cli._util import echo_json, handle_errors
from costlib.errors import InputError
from costlib.models import PriceQuery
from costlib.money import plain

__all__ = ["pricing"]

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


@click.group()
def pricing() -> None:
    """The offline price catalog: info, lookup, refresh."""


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


@pricing.command("refresh", short_help="Fetch current prices from the providers into the catalog.")
@click.option("--provider", required=True, type=click.Choice(["aws", "azure", "gcp"]),
              help="The cloud whose prices to fetch.")
@click.option("--region", "regions", multiple=True, help="Region code; repeat (AWS and Azure need one).")
@click.option("--service", "services", multiple=True, help="Offer code / service name; repeat.")
@click.option("--catalog", "catalog_path", default=None,
              help="Catalog file to update (default: the refreshed catalog in the cache folder).")
@click.option("--aws-base", default=None, hidden=True)
@click.option("--azure-base", default=None, hidden=True)
@handle_errors
def refresh(provider: str, regions: tuple[str, ...], services: tuple[str, ...], catalog_path: str | None,
            aws_base: str | None, azure_base: str | None) -> None:
    """Fetch current prices from the provider's real endpoints into the catalog (atomic, resumable)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from costlib.catalog.refresh import RefreshSettings, refresh_catalog

    target = Path(catalog_path) if catalog_path else refreshed_catalog_path()
    seeded = not target.exists()
    if seeded:  # start from the embedded catalog; removed again if the refresh fails (lookups keep the embedded one)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(embedded_catalog_path(), target)
    known = SQLiteCatalog(target)
    svc = [_service(known, provider, s) for s in services] or [_DEFAULT_SERVICES[provider]]
    known.close()
    regs = list(regions) or ([_DEFAULT_REGIONS[provider]] if _DEFAULT_REGIONS[provider] else [])
    if provider in ("aws", "azure") and not regs:
        raise InputError("--region is required for aws and azure")
    kwargs = {}
    if aws_base:
        kwargs["aws_base"] = aws_base
    if azure_base:
        kwargs["azure_base"] = azure_base
    settings = RefreshSettings(**kwargs)  # type: ignore[arg-type]
    total = 0
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True,
                  console=Console(stderr=True)) as bar:
        task = bar.add_task(f"refreshing {provider}", total=None)

        def step(message: str, rows: int) -> None:
            nonlocal total
            total += rows
            bar.update(task, description=f"{message} ({total} rows)")

        try:
            report = refresh_catalog(target, provider=provider, regions=regs, services=svc, settings=settings,
                                     progress=step)
        except BaseException:
            if seeded:
                target.unlink(missing_ok=True)
            raise
    for part, n in sorted(report.parts.items()):
        click.echo(f"{part}: {n} rows{' (resumed)' if part in report.resumed else ''}")
    click.echo(f"catalog updated: {report.catalog}")
