"""Render estimates and diffs: JSON (one document, amounts as decimal strings), a terminal table, Markdown, HTML.

>>> from costlib.models import Estimate
>>> estimate_json(Estimate.of([], "GBP"))["total_monthly_cost"]
'0'
"""

from __future__ import annotations

import html
import io
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from costlib.models import Estimate, PricedComponent, ResourceEstimate, Status
from costlib.money import Money

__all__ = ["diff_json", "diff_markdown", "estimate_html", "estimate_json", "estimate_markdown", "estimate_table"]

_STATUS_NOTE = {Status.FREE: "free", Status.USAGE_BASED: "depends on usage", Status.UNSUPPORTED: "not supported",
                Status.PRICE_NOT_FOUND: "price not found"}


def _amount(m: Money | None) -> str | None:
    return None if m is None else str(m.amount)


def _component_json(c: PricedComponent) -> dict[str, Any]:
    comp = c.component
    return {"name": comp.name, "unit": comp.unit, "status": c.status.value,
            "unit_price": _amount(c.unit_price),
            "hourly_quantity": None if comp.hourly_quantity is None else str(comp.hourly_quantity),
            "monthly_quantity": None if comp.monthly_quantity is None else str(comp.monthly_quantity),
            "monthly_cost": _amount(c.monthly_cost),
            "price_unit": c.price.unit if c.price else None,
            "price_source": c.price.source if c.price else None,
            "price_date": c.price.effective_date.isoformat() if c.price else None,
            "usage_key": comp.usage_key, "discount": str(comp.discount) if comp.discount else None,
            "note": comp.note, "message": c.message}


def _resource_json(r: ResourceEstimate) -> dict[str, Any]:
    hourly = r.hourly_cost
    return {"address": r.address, "type": r.type, "provider": r.provider, "region": r.region,
            "action": r.spec.action, "status": r.status.value, "message": r.message,
            "hourly_cost": None if hourly is None else str(hourly.amount),
            "monthly_cost": _amount(r.monthly_cost),
            "components": [_component_json(c) for c in r.components]}


def estimate_json(est: Estimate) -> dict[str, Any]:
    """The JSON document of an estimate."""
    return {"currency": est.currency, "total_monthly_cost": str(est.total_monthly_cost.amount),
            "total_hourly_cost": str(est.total_hourly_cost.amount),
            "price_date": est.price_date.isoformat() if est.price_date else None,
            "catalog_date": est.catalog_date.isoformat() if est.catalog_date else None,
            "fx": est.fx_note, "summary": dict(est.summary), "resources": [_resource_json(r) for r in est.resources]}


def _fmt(m: Money | None) -> str:
    return "-" if m is None else m.display()


def _unit_price(c: PricedComponent) -> str:
    if c.unit_price is None:
        return "-"
    digits = max(2, -c.unit_price.amount.normalize().as_tuple().exponent)  # type: ignore[operator]
    return f"{c.unit_price.display(min(int(digits), 10))} / {c.component.unit.rstrip('s') or c.component.unit}"


def estimate_table(est: Estimate, *, width: int | None = None) -> str:
    """A readable table: resource, component, quantity, unit price, monthly cost; statuses said out loud."""
    table = Table(show_lines=False, pad_edge=False)
    for col, justify in (("Resource / component", "left"), ("Monthly qty", "right"), ("Unit", "left"),
                         ("Unit price", "right"), ("Monthly cost", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in est.resources:
        label = f"[bold]{r.address}[/] ({r.type}, {r.provider} {r.region or ''})"
        note = _STATUS_NOTE.get(r.status)
        table.add_row(label, "", "", "", _fmt(r.monthly_cost) if r.status is Status.PRICED else (note or ""))
        for c in r.components:
            qty = c.component.monthly_quantity
            cost = _fmt(c.monthly_cost) if c.monthly_cost is not None else (
                "needs usage" if c.status is Status.USAGE_BASED else "price not found")
            table.add_row(f"  {c.name}", "-" if qty is None else f"{qty.normalize():,f}", c.component.unit,
                          _unit_price(c), cost)
        if r.status in (Status.UNSUPPORTED, Status.PRICE_NOT_FOUND) and r.message:
            table.add_row(f"  [yellow]{r.message}[/]", "", "", "", "")
    buf = io.StringIO()
    console = Console(file=buf, width=width or 140, force_terminal=False, color_system=None)
    console.print(table)
    s = est.summary
    console.print(f"[bold]Total monthly cost: {est.total_monthly_cost.display()}[/] "
                  f"(hourly {est.total_hourly_cost.display(4)})")
    console.print(f"{len(est.resources)} resources: {s['priced']} priced, {s['free']} free, "
                  f"{s['usage_based']} usage-based (not in the total until usage is given), "
                  f"{s['unsupported']} unsupported, {s['price_not_found']} without a price")
    if est.price_date:
        console.print(f"Prices as of {est.price_date.isoformat()} (oldest price used)"
                      + (f"; catalog built {est.catalog_date.isoformat()}" if est.catalog_date else ""))
    if est.fx_note:
        console.print(f"Amounts {est.fx_note}")
    return buf.getvalue()


def estimate_markdown(est: Estimate) -> str:
    """A Markdown summary (one row per resource)."""
    lines = ["| Resource | Type | Status | Monthly cost |", "| --- | --- | --- | ---: |"]
    for r in est.resources:
        lines.append(f"| `{r.address}` | {r.type} | {r.status.value.replace('_', ' ')} | {_fmt(r.monthly_cost)} |")
    s = est.summary
    lines += ["", f"**Total: {est.total_monthly_cost.display()} / month** — {s['priced']} priced, {s['free']} free, "
              f"{s['usage_based']} usage-based, {s['unsupported']} unsupported, {s['price_not_found']} without a price"
              + (f"; prices as of {est.price_date.isoformat()}" if est.price_date else "")]
    return "\n".join(lines) + "\n"


def estimate_html(est: Estimate) -> str:
    """A self-contained HTML page."""
    rows = "".join(
        f"<tr><td><code>{html.escape(r.address)}</code></td><td>{html.escape(r.type)}</td>"
        f"<td>{r.status.value}</td><td style='text-align:right'>{html.escape(_fmt(r.monthly_cost))}</td></tr>"
        for r in est.resources)
    return ("<!doctype html><html><head><meta charset='utf-8'><title>costlib estimate</title></head><body>"
            f"<h1>Estimated monthly cost: {html.escape(est.total_monthly_cost.display())}</h1>"
            "<table><thead><tr><th>Resource</th><th>Type</th><th>Status</th><th>Monthly cost</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            f"<p>Prices as of {est.price_date.isoformat() if est.price_date else 'unknown'}.</p></body></html>\n")


def diff_json(rows: list[tuple[str, Money | None, Money | None, str]], currency: str) -> dict[str, Any]:
    """``rows`` are (address, before, after, change)."""
    zero = Money.zero(currency)
    total_before = Money.sum((b for _, b, _, _ in rows if b is not None), currency)
    total_after = Money.sum((a for _, _, a, _ in rows if a is not None), currency)
    return {"currency": currency, "total_monthly_before": str(total_before.amount),
            "total_monthly_after": str(total_after.amount),
            "total_monthly_delta": str((total_after - total_before).amount),
            "resources": [{"address": addr, "change": change, "monthly_before": _amount(b), "monthly_after": _amount(a),
                           "monthly_delta": str(((a or zero) - (b or zero)).amount)} for addr, b, a, change in rows]}


def diff_markdown(doc: dict[str, Any]) -> str:
    """A pull-request comment for a diff document."""
    cur = doc["currency"]

    def show(text: str | None, sign: bool = False) -> str:
        if text is None:
            return "-"
        value = Money(text, cur)
        shown = value.display()
        return f"+{shown}" if sign and value.amount > 0 else shown

    delta = Money(doc["total_monthly_delta"], cur)
    arrow = "increase" if delta.amount > 0 else "decrease" if delta.amount < 0 else "no change"
    lines = [f"### costlib: monthly cost will {arrow if arrow == 'no change' else arrow + ' by'} "
             f"{abs(delta).display() if delta.amount else ''}".rstrip(),
             "", f"{show(doc['total_monthly_before'])} → **{show(doc['total_monthly_after'])}** per month", "",
             "| Resource | Change | Before | After | Delta |", "| --- | --- | ---: | ---: | ---: |"]
    for r in doc["resources"]:
        if Decimal(r["monthly_delta"]) == 0 and r["change"] == "no-op":
            continue
        lines.append(f"| `{r['address']}` | {r['change']} | {show(r['monthly_before'])} | {show(r['monthly_after'])} | "
                     f"{show(r['monthly_delta'], sign=True)} |")
    return "\n".join(lines) + "\n"
