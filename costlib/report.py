"""Render estimates and diffs: JSON (one document, amounts as decimal strings), a terminal table, Markdown, HTML.

>>> from costlib.models import Estimate
>>> estimate_json(Estimate.of([], "GBP"))["total_monthly_cost"]
'0'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, localcontext
from typing import Any

from costlib.models import Estimate, Finding, PricedComponent, ResourceEstimate, Status, Violation
from costlib.money import Money, plain

__all__ = [
    "Gap",
    "box_table",
    "diff_delta",
    "diff_json",
    "diff_lines",
    "diff_markdown",
    "diff_side",
    "doc_findings",
    "doc_violations",
    "estimate_gaps",
    "estimate_html",
    "estimate_json",
    "estimate_markdown",
    "estimate_table",
    "finding_json",
    "findings_lines",
    "findings_markdown",
    "markdown_code",
    "markdown_link",
    "one_line",
    "provider_totals",
    "resource_gap",
    "resource_message",
    "source_line",
    "violation_json",
    "violations_lines",
    "violations_markdown",
]

_STATUS_NOTE = {Status.FREE: "free", Status.USAGE_BASED: "depends on usage", Status.UNSUPPORTED: "not supported",
                Status.PRICE_NOT_FOUND: "price not found"}


_UNBOUNDED = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)
_CONTROL = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7f)} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def one_line(text: str) -> str:
    """Text for one line of a table or a list: control characters (a newline in a resource name) shown escaped.

    >>> one_line("web\\nprod\\x00"), one_line("plain")
    ('web\\\\nprod\\\\x00', 'plain')
    """
    return text.translate(_CONTROL) if any(ord(c) < 0x20 or c == "\x7f" for c in text) else text


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span that stays one table cell: a fence longer than any run of backticks in it,
    pipes escaped (GitHub tables split cells at ``|`` even in code), control characters escaped.

    >>> markdown_code("aws_instance.web"), markdown_code("a`b|c")
    ('`aws_instance.web`', '`` a`b\\\\|c ``')
    """
    body = one_line(text).replace("|", "\\|")
    longest, run = 0, 0
    for c in body:
        run = run + 1 if c == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if longest or body.startswith(" ") or body.endswith(" ") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def source_line(location: str | None) -> tuple[str, int] | None:
    """``main.tf:12`` -> (``main.tf``, 12): where a resource is written, when its location has a line (a plan
    JSON's resources have the file only, and are not shown with one).

    >>> source_line("infra/main.tf:12"), source_line("plan.json"), source_line("main.tf:\u00b2")
    (('infra/main.tf', 12), None, None)
    """
    if not location or ":" not in location:
        return None
    file, _, line = location.rpartition(":")
    return (file, int(line)) if line.isascii() and line.isdigit() and file else None  # not '²'


def markdown_link(location: str | None, link_base: str | None = None) -> str:
    """A resource's source line for Markdown: ``path#Lline``, a link under ``link_base`` (a repository's blob URL
    at the commit, ``https://github.com/org/repo/blob/<sha>``) when given; empty without a line.

    >>> markdown_link("infra/main.tf:12"), markdown_link("main.tf:3", "https://github.com/o/r/blob/abc")
    ('`infra/main.tf#L12`', '[main.tf#L3](https://github.com/o/r/blob/abc/main.tf#L3)')
    """
    where = source_line(location)
    if where is None:
        return ""
    text = f"{where[0]}#L{where[1]}"
    if not link_base:
        return f"`{text}`"
    from urllib.parse import quote

    return f"[{text}]({link_base.rstrip('/')}/{quote(where[0].removeprefix('./'))}#L{where[1]})"


@dataclass(frozen=True, slots=True)
class Gap:
    """A resource whose cost is not (fully) in a total: its address, what is missing (``unsupported``,
    ``price_not_found``, ``usage_based``) and why, said so that the reader knows what would fill it."""

    address: str
    status: str
    reason: str

    def line(self) -> str:
        """``aws_s3_bucket.assets: usage_based: costs depend on usage: storage_gb``."""
        return f"{self.address}: {self.status}: {self.reason}"


def resource_message(r: ResourceEstimate) -> str | None:
    """What a resource's status says, as shown everywhere: for a resource type costlib does not know, with the
    nearest registered types (a typo such as ``aws_instanc`` or ``compute.instanse``).

    >>> from costlib.models import ResourceSpec
    >>> spec = ResourceSpec(address="x", type="aws_instanc", provider="aws", region="us-east-1")
    >>> resource_message(ResourceEstimate(spec=spec, status=Status.UNSUPPORTED, message="aws_instanc is not supported yet"))
    'aws_instanc is not supported yet (did you mean aws_instance?)'
    """
    if r.status is not Status.UNSUPPORTED:
        return r.message
    from costlib.inputs.generic import GENERIC_TYPES
    from costlib.resources.registry import supported_types

    known = [*supported_types(), *GENERIC_TYPES]
    import difflib  # the modules of messages and other formats are imported where used (cold start)

    near = [] if r.type in known else difflib.get_close_matches(r.type, known, n=3, cutoff=0.88)
    if not near:
        return r.message
    hint = f"did you mean {near[0] if len(near) == 1 else ', '.join(near[:-1]) + ' or ' + near[-1]}?"
    return f"{r.message} ({hint})" if r.message else hint


def resource_gap(r: ResourceEstimate) -> Gap | None:
    """What of ``r`` is left out of its monthly cost, or None when all of it is in (priced or free).

    A priced resource with a usage-based component whose usage was not given (a NAT gateway's data processed,
    a load balancer's capacity units) is a gap too: its figure is a lower bound.

    >>> from costlib.models import ResourceSpec
    >>> spec = ResourceSpec(address="x", type="aws_made_up", provider="aws", region="us-east-1")
    >>> resource_gap(ResourceEstimate(spec=spec, status=Status.UNSUPPORTED, message="aws_made_up is not supported"))
    Gap(address='x', status='unsupported', reason='aws_made_up is not supported')
    """
    if r.status is Status.FREE:
        return None
    if r.status is Status.PRICED:
        open_ = [c for c in r.components if c.status is not Status.PRICED]
        if not open_:
            return None
        keys = sorted({c.component.usage_key for c in open_ if c.component.usage_key})
        names = ", ".join(c.name for c in open_)
        give = f"give {', '.join(keys)} in a usage file" if keys else "give its usage in a usage file"
        return Gap(r.address, Status.USAGE_BASED.value, f"{names} not in its figure: {give} (0 where there is none)")
    default = {Status.USAGE_BASED: "costs depend on usage", Status.UNSUPPORTED: f"{r.type} is not supported",
               Status.PRICE_NOT_FOUND: "price not found"}.get(r.status, r.status.value)
    return Gap(r.address, r.status.value, resource_message(r) or default)


def estimate_gaps(est: Estimate | Iterable[ResourceEstimate]) -> list[Gap]:
    """Every resource of ``est`` whose cost is not (fully) in the total, in the estimate's order.

    >>> estimate_gaps(Estimate.of([], "USD"))
    []
    """
    resources = est.resources if isinstance(est, Estimate) else est
    return [g for g in (resource_gap(r) for r in resources) if g is not None]


def _amount(m: Money | None) -> str | None:
    return None if m is None else plain(m.amount)


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
            "location": r.spec.location, "action": r.spec.action, "status": r.status.value,
            "message": resource_message(r),
            "hourly_cost": None if hourly is None else plain(hourly.amount),
            "monthly_cost": _amount(r.monthly_cost),
            "components": [_component_json(c) for c in r.components]}


def finding_json(f: Finding) -> dict[str, Any]:
    """One savings finding as JSON (amounts as strings).

    >>> from costlib.models import AttributeChange
    >>> f = Finding(rule="ebs-gp2-to-gp3", address="v", summary="gp2 -> gp3", monthly_cost=Money("10", "USD"),
    ...             monthly_cost_after=Money("8", "USD"), changes=(AttributeChange(path="type", before="gp2",
    ...             after="gp3"),))
    >>> finding_json(f)["monthly_saving"], finding_json(f)["changes"]
    ('2', [{'attribute': 'type', 'from': 'gp2', 'to': 'gp3'}])
    """
    return {"rule": f.rule, "address": f.address, "location": f.location, "summary": f.summary,
            "changes": [{"attribute": c.path, "from": c.before, "to": c.after} for c in f.changes],
            "monthly_cost": plain(f.monthly_cost.amount), "monthly_cost_after": plain(f.monthly_cost_after.amount),
            "monthly_saving": plain(f.monthly_saving.amount), "condition": f.condition}


def violation_json(v: Violation) -> dict[str, Any]:
    """One policy violation as JSON.

    >>> violation_json(Violation(rule="owner", check="required_tags", severity="block", message="tag owner is "
    ...                          "missing", address="web"))["severity"]
    'block'
    """
    return {"rule": v.rule, "check": v.check, "severity": v.severity, "address": v.address,
            "location": v.location, "environment": v.environment, "resources": list(v.resources),
            "message": v.message}


def estimate_json(est: Estimate) -> dict[str, Any]:
    """The JSON document of an estimate; ``total_is_complete`` is false while a resource is not (fully) priced
    (:func:`estimate_gaps`: unsupported, price not found, or usage-based without usage, in part or in whole).
    ``findings`` are the savings the catalog prices on both sides (``total_monthly_saving`` their sum);
    ``violations`` the rules of ``policy`` (the file, or null when none was evaluated) that are broken."""
    return {"currency": est.currency, "total_monthly_cost": plain(est.total_monthly_cost.amount),
            "total_is_complete": not estimate_gaps(est),
            "total_hourly_cost": plain(est.total_hourly_cost.amount),
            "price_date": est.price_date.isoformat() if est.price_date else None,
            "catalog_date": est.catalog_date.isoformat() if est.catalog_date else None,
            "fx": est.fx_note, "summary": dict(est.summary), "warnings": list(est.warnings),
            "resources": [_resource_json(r) for r in est.resources],
            "findings": [finding_json(f) for f in est.findings],
            "total_monthly_saving": plain(est.total_monthly_saving.amount),
            "policy": est.policy, "violations": [violation_json(v) for v in est.violations]}


def _where(location: str | None) -> str:
    where = source_line(location)
    return f" {where[0]}:{where[1]}" if where else ""


def findings_lines(findings: Sequence[Finding], currency: str, *, width: int = 140) -> list[str]:
    """The savings section of a table: rule, resource, change and saving per finding, then the total.

    >>> findings_lines([], "USD")
    []
    """
    if not findings:
        return []
    rows: list[list[str]] = []
    notes: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        rows.append([f"{f.address}{_where(f.location)}", f.rule,
                     f"{f.monthly_cost.display()} -> {f.monthly_cost_after.display()}", f.monthly_saving.display()])
        rows += [[f"  {c.line()}", "", "", ""] for c in f.changes]
        if f.condition:
            rows[-1][0] += " (*)"
            notes.setdefault((f.rule, f.condition), []).append(f.address)
    total = Money.sum((f.monthly_saving for f in findings), currency)
    return ["", f"Savings ({len(findings)} finding{'s' if len(findings) != 1 else ''}, priced from the catalog):",
            *box_table(["Resource / change", "Rule", "Monthly cost", "Saving/month"], [False, False, True, True],
                       rows, width),
            f"Total monthly saving: {total.display()} if every change is made",
            *(f"(*) {rule} ({_some(addresses)}): {condition}" for (rule, condition), addresses in notes.items())]


def violations_lines(violations: Sequence[Violation], policy: str | None) -> list[str]:
    """The policy section of a table: one line per violation (blocking ones first), with the file and line.

    >>> violations_lines([], "costlib.yml")
    ['', 'Policy costlib.yml: no violations']
    """
    if policy is None and not violations:
        return []
    if not violations:
        return ["", f"Policy {policy}: no violations"]
    blocking = sum(1 for v in violations if v.blocking)
    head = (f"Policy {policy or ''}: {len(violations)} violation{'s' if len(violations) != 1 else ''}"
            f" ({blocking} blocking)").replace("Policy :", "Policy:")
    ordered = sorted(violations, key=lambda v: not v.blocking)
    return ["", head, *(f"  {v.line()}{_where(v.location)}" for v in ordered)]


def _fmt(m: Money | None) -> str:
    return "-" if m is None else m.display()


def _quantity(qty: Decimal | None) -> str:
    """A monthly quantity: ``1,460``; past 10^60 (no real quantity) in exponent notation."""
    if qty is None:
        return "-"
    if not qty.is_zero() and abs(qty.adjusted()) >= 60:
        with localcontext(_UNBOUNDED):
            return f"{qty:.3E}"
    with localcontext(Context(prec=max(28, qty.adjusted() + 30))):
        return f"{qty.normalize():,f}"


def _unit_price(c: PricedComponent) -> str:
    if c.unit_price is None:
        return "-"
    exponent = c.unit_price.amount.normalize(_UNBOUNDED).as_tuple().exponent
    digits = max(2, -exponent) if isinstance(exponent, int) else 2  # places the price is given to, 2 to 10 shown
    unit = one_line(c.component.unit.rstrip("s") or c.component.unit)
    return f"{c.unit_price.display(min(int(digits), 10))} / {unit}"


def provider_totals(est: Estimate) -> dict[str, tuple[Money, bool]]:
    """Monthly cost per cloud, and whether every resource of that cloud is fully priced (for a comparison of
    the same resources on each cloud, where one total over all of them means nothing).

    >>> from costlib.models import Estimate
    >>> provider_totals(Estimate.of([], "USD"))
    {}
    """
    out: dict[str, tuple[Money, bool]] = {}
    for r in est.resources:
        total, complete = out.get(r.provider, (Money.zero(est.currency), True))
        out[r.provider] = (total + r.monthly_cost if r.monthly_cost is not None else total,
                           complete and r.status in (Status.PRICED, Status.FREE))
    return dict(sorted(out.items()))


def box_table(headers: Sequence[str], right: Sequence[bool], rows: Sequence[Sequence[str]], width: int = 140
              ) -> list[str]:
    """Rows drawn as a boxed text table in one pass (linear in the rows; no markup is read from the cells, so a
    resource name like ``x[0]`` or ``[/]`` prints as it is). The first column wraps to fit ``width``.

    >>> print("\\n".join(box_table(["Resource", "Cost"], [False, True], [["web", "$1.00"]], width=30)))
    ┏━━━━━━━━┳━━━━━━┓
    ┃Resource┃  Cost┃
    ┡━━━━━━━━╇━━━━━━┩
    │web     │ $1.00│
    └────────┴──────┘
    """
    cols = len(headers)
    widths = [len(h) for h in headers]
    for row in rows:
        for i, text in enumerate(row):
            if len(text) > widths[i]:
                widths[i] = len(text)
    # the first cell has no padding, the middle ones a space either side, the last one a space before it
    extra = [0] + [2] * (cols - 2) + [1] if cols > 1 else [0]
    rest = sum(widths[1:]) + sum(extra) + cols + 1
    widths[0] = max(len(headers[0]), min(widths[0], width - rest))

    def cell(i: int, text: str) -> str:
        body = text.rjust(widths[i]) if right[i] else text.ljust(widths[i])
        return body if i == 0 else f" {body}" if i == cols - 1 else f" {body} "

    def line(cells: Sequence[str], edge: str) -> str:
        return edge + edge.join(cell(i, c) for i, c in enumerate(cells)) + edge

    def rule(left: str, fill: str, mid: str, end: str) -> str:
        return left + mid.join(fill * (widths[i] + extra[i]) for i in range(cols)) + end

    out = [rule("┏", "━", "┳", "┓"), line(headers, "┃"), rule("┡", "━", "╇", "┩")]
    blank = [""] * (cols - 1)
    for row in rows:
        label = row[0]
        if len(label) <= widths[0]:
            out.append(line(row, "│"))
            continue
        indent = " " * (len(label) - len(label.lstrip(" ")))
        import textwrap

        parts = textwrap.wrap(label, widths[0], initial_indent=indent, subsequent_indent=indent,
                              break_long_words=True) or [label[: widths[0]]]
        out.append(line([parts[0], *row[1:]], "│"))
        out += [line([part, *blank], "│") for part in parts[1:]]
    out.append(rule("└", "─", "┴", "┘"))
    return out


def estimate_table(est: Estimate, *, width: int | None = None, compare: bool = False) -> str:
    """A readable table: resource, component, quantity, unit price, monthly cost; statuses said out loud.
    ``compare``: the resources are one design on several clouds, so each cloud gets its own total."""
    rows: list[list[str]] = []
    for r in est.resources:
        where = source_line(r.spec.location)
        label = one_line(f"{r.address} ({r.type}, {r.provider} {r.region or ''})" + (
            f" {where[0]}:{where[1]}" if where else ""))
        note = _STATUS_NOTE.get(r.status)
        shown = _fmt(r.monthly_cost) if r.status is Status.PRICED else (
            f"{_fmt(r.monthly_cost)} + {note}" if r.monthly_cost is not None else (note or ""))  # partly priced
        rows.append([label, "", "", "", shown])
        for c in r.components:
            qty = c.component.monthly_quantity
            cost = _fmt(c.monthly_cost) if c.monthly_cost is not None else (
                "needs usage" if c.status is Status.USAGE_BASED else
                "not priced yet" if c.status is Status.UNSUPPORTED else "price not found")
            rows.append([one_line(f"  {c.name}"), _quantity(qty), one_line(c.component.unit), _unit_price(c), cost])
        if r.status in (Status.UNSUPPORTED, Status.PRICE_NOT_FOUND) and r.message:
            rows.append([one_line(f"  {resource_message(r)}"), "", "", "", ""])
    lines = box_table(["Resource / component", "Monthly qty", "Unit", "Unit price", "Monthly cost"],
                      [False, True, False, True, True], rows, width or 140)
    s = est.summary
    if compare:
        for provider, (total, complete) in provider_totals(est).items():
            lines.append(f"{provider}: {total.display()}/month" + ("" if complete else " (not fully priced: see above)"))
    else:
        lines.append(f"Total monthly cost: {est.total_monthly_cost.display()} "
                     f"(hourly {est.total_hourly_cost.display(4)})")
    lines.append(f"{len(est.resources)} resources: {s['priced']} priced, {s['free']} free, "
                 f"{s['usage_based']} usage-based (not in the total until usage is given), "
                 f"{s['unsupported']} unsupported, {s['price_not_found']} without a price")
    partial = [r.address for r in est.resources if r.status is Status.PRICED and resource_gap(r) is not None]
    if partial:
        lines.append(f"{len(partial)} priced resource(s) leave a usage-based part out of their figure: "
                     f"{_some(partial)}")
    if est.price_date:
        lines.append(f"Prices as of {est.price_date.isoformat()} (oldest price used)"
                     + (f"; catalog built {est.catalog_date.isoformat()}" if est.catalog_date else ""))
    if est.fx_note:
        lines.append(one_line(f"Amounts {est.fx_note}"))
    lines += [one_line(f"Warning: {warning}") for warning in est.warnings]
    lines += findings_lines(est.findings, est.currency, width=width or 140)
    lines += violations_lines(est.violations, est.policy)
    return "\n".join(lines) + "\n"


def findings_markdown(findings: Sequence[Finding], currency: str, link_base: str | None = None) -> list[str]:
    """The "Savings" section of a PR comment (each resource links the line it is written at).

    >>> findings_markdown([], "USD")
    []
    """
    if not findings:
        return []
    total = Money.sum((f.monthly_saving for f in findings), currency)
    lines = ["", f"#### Savings: {total.display()} / month", "",
             "| Resource | Rule | Change | Saving / month |", "| --- | --- | --- | ---: |"]
    for f in findings:
        link = markdown_link(f.location, link_base)
        cond = f"<br>_condition: {_md(f.condition)}_" if f.condition else ""
        lines.append(f"| `{f.address}`{' ' + link if link else ''} | {f.rule} | {_md(f.change_text())}{cond} | "
                     f"{f.monthly_saving.display()} |")
    return lines


def violations_markdown(violations: Sequence[Violation], policy: str | None, link_base: str | None = None
                        ) -> list[str]:
    """The "Policy" section of a PR comment: each violation with its severity and the line it is about.

    >>> violations_markdown([], None)
    []
    """
    if not violations:
        return [] if policy is None else ["", f"#### Policy: no violations ({_md(policy)})"]
    blocking = sum(1 for v in violations if v.blocking)
    lines = ["", f"#### Policy: {len(violations)} violation{'s' if len(violations) != 1 else ''}, "
                 f"{blocking} blocking" + (f" ({_md(policy)})" if policy else ""), ""]
    for v in sorted(violations, key=lambda v: not v.blocking):
        link = markdown_link(v.location, link_base)
        where = f"`{v.address}`" if v.address else f"environment `{v.environment}`" if v.environment else ""
        mark = "⛔ block" if v.blocking else "⚠ warn"
        lines.append(f"- {mark} **{_md(v.rule)}**: {where}{' ' + link if link else ''}"
                     f"{': ' if where else ''}{_md(v.message)}")
    return lines


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def estimate_markdown(est: Estimate, *, link_base: str | None = None) -> str:
    """A Markdown summary (one row per resource, with the file and line it is written at: see
    :func:`markdown_link`)."""
    lines = ["| Resource | Type | Status | Monthly cost |", "| --- | --- | --- | ---: |"]
    for r in est.resources:
        link = markdown_link(r.spec.location, link_base)
        lines.append(f"| {markdown_code(r.address)}{' ' + link if link else ''} | {markdown_code(r.type)} | "
                     f"{r.status.value.replace('_', ' ')} | {_fmt(r.monthly_cost)} |")
    s = est.summary
    lines += ["", f"**Total: {est.total_monthly_cost.display()} / month** — {s['priced']} priced, {s['free']} free, "
              f"{s['usage_based']} usage-based, {s['unsupported']} unsupported, {s['price_not_found']} without a price"
              + (f"; prices as of {est.price_date.isoformat()}" if est.price_date else "")]
    partial = [r.address for r in est.resources if r.status is Status.PRICED and resource_gap(r) is not None]
    if partial:
        lines.append(f"- ⚠ priced, with a usage-based part left out of the figure: {_some(partial)}")
    lines += [f"- ⚠ {one_line(w)}" for w in est.warnings]
    lines += findings_markdown(est.findings, est.currency, link_base)
    lines += violations_markdown(est.violations, est.policy, link_base)
    return "\n".join(lines) + "\n"


def _some(names: list[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def estimate_html(est: Estimate) -> str:
    """A self-contained HTML page."""
    import html

    rows = "".join(
        f"<tr><td><code>{html.escape(r.address)}</code></td><td>{html.escape(r.type)}</td>"
        f"<td>{r.status.value}</td><td style='text-align:right'>{html.escape(_fmt(r.monthly_cost))}</td></tr>"
        for r in est.resources)
    return ("<!doctype html><html><head><meta charset='utf-8'><title>costlib estimate</title></head><body>"
            f"<h1>Estimated monthly cost: {html.escape(est.total_monthly_cost.display())}</h1>"
            "<table><thead><tr><th>Resource</th><th>Type</th><th>Status</th><th>Monthly cost</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            f"<p>Prices as of {est.price_date.isoformat() if est.price_date else 'unknown'}.</p></body></html>\n")


_DIFF_NOTE = {"usage_based": "needs usage", "unsupported": "not supported", "price_not_found": "price not found"}


def diff_json(rows: list[tuple[str, ResourceEstimate | None, ResourceEstimate | None, str]],
              currency: str) -> dict[str, Any]:
    """``rows`` are (address, before, after, change). Each side keeps its status; every side that is not fully
    priced (:func:`resource_gap`: usage-based, unsupported, price not found, or priced with a usage-based part
    left open) is listed in ``not_fully_priced``, because the totals and deltas leave out what it could not
    price."""
    zero = Money.zero(currency)
    total_before = Money.sum((b.monthly_cost for _, b, _, _ in rows if b is not None and b.monthly_cost is not None),
                             currency)
    total_after = Money.sum((a.monthly_cost for _, _, a, _ in rows if a is not None and a.monthly_cost is not None),
                            currency)
    resources, unpriced = [], []
    for addr, b, a, change in rows:
        before, after = (b.monthly_cost if b else None), (a.monthly_cost if a else None)
        current = a if a is not None else b
        resources.append({"address": addr, "change": change,
                          "location": current.spec.location if current is not None else None,
                          "monthly_before": _amount(before),
                          "monthly_after": _amount(after), "monthly_delta": plain(((after or zero) - (before or zero)).amount),
                          "status_before": b.status.value if b else None, "status_after": a.status.value if a else None})
        for side, r in (("before", b), ("after", a)):
            gap = resource_gap(r) if r is not None else None
            if r is not None and gap is not None:
                unpriced.append({"address": addr, "side": side, "status": gap.status,
                                 "message": resource_message(r) if r.status.value in _DIFF_NOTE else gap.reason,
                                 "priced_part": _amount(r.monthly_cost)})
    return {"currency": currency, "total_monthly_before": plain(total_before.amount),
            "total_monthly_after": plain(total_after.amount),
            "total_monthly_delta": plain((total_after - total_before).amount),
            "resources": resources, "not_fully_priced": unpriced}


def diff_side(amount: str | None, status: str | None, cur: str) -> str:
    """One side of a diff row: the money, or what stands in for it (a partly priced side is marked ``*``)."""
    if status is None:
        return "-"
    if status == "free":
        return "free"
    note = _DIFF_NOTE.get(status)
    if amount is None:
        return note or "-"
    shown = Money(amount, cur).display()
    return f"{shown}*" if note else shown


def diff_lines(doc: dict[str, Any]) -> list[str]:
    """The notes under a diff: what its figures leave out (empty when everything is priced)."""
    items = doc.get("not_fully_priced", [])
    if not items:
        return []
    merged: dict[tuple[str, str, str | None], list[str]] = {}
    for u in items:  # the same gap before and after is said once
        merged.setdefault((u["address"], u["status"], u["message"]), []).append(u["side"])
    lines = [f"{len(merged)} resource(s) not fully priced; the figures leave out (* = partly priced):"]
    for (address, status, message), sides in merged.items():
        lines.append(f"{address} ({' and '.join(sides)}): {_DIFF_NOTE[status]}" + (f": {message}" if message else ""))
    return lines


def diff_delta(row: dict[str, Any], cur: str) -> str:
    """A row's delta: ``?`` when neither side has a figure for what is missing, ``*`` when a side is partial."""
    partial = any(row.get(k) in _DIFF_NOTE for k in ("status_before", "status_after"))
    if partial and row["monthly_before"] is None and row["monthly_after"] is None:
        return "?"
    value = Money(row["monthly_delta"], cur)
    return ("+" if value.amount > 0 else "") + value.display() + ("*" if partial else "")


def diff_markdown(doc: dict[str, Any], *, link_base: str | None = None) -> str:
    """A pull-request comment for a diff document; each resource links the line it is written at (see
    :func:`markdown_link`); what could not be priced is listed under the table."""
    cur = doc["currency"]

    def show(text: str) -> str:
        return Money(text, cur).display()

    delta = Money(doc["total_monthly_delta"], cur)
    arrow = "increase" if delta.amount > 0 else "decrease" if delta.amount < 0 else "no change"
    notes = diff_lines(doc)
    caveat = " (not everything could be priced: see below)" if notes else ""
    lines = [f"### costlib: monthly cost will {arrow if arrow == 'no change' else arrow + ' by'} "
             f"{abs(delta).display() if delta.amount else ''}".rstrip() + caveat,
             "", f"{show(doc['total_monthly_before'])} → **{show(doc['total_monthly_after'])}** per month", "",
             "| Resource | Change | Before | After | Delta |", "| --- | --- | ---: | ---: | ---: |"]
    for r in doc["resources"]:
        if Decimal(r["monthly_delta"]) == 0 and r["change"] == "no-op":
            continue
        link = markdown_link(r.get("location"), link_base)
        lines.append(f"| {markdown_code(r['address'])}{' ' + link if link else ''} | {r['change']} | "
                     f"{diff_side(r['monthly_before'], r.get('status_before'), cur)}"
                     f" | {diff_side(r['monthly_after'], r.get('status_after'), cur)} | {diff_delta(r, cur)} |")
    if notes:
        lines += ["", f"**{notes[0]}**", "", *(f"- `{line.split(' ', 1)[0]}` {line.split(' ', 1)[1]}"
                                               for line in notes[1:])]
    lines += findings_markdown(doc_findings(doc), cur, link_base)
    lines += violations_markdown(doc_violations(doc), doc.get("policy"), link_base)
    return "\n".join(lines) + "\n"


def doc_findings(doc: dict[str, Any]) -> list[Finding]:
    """The findings of a diff (or estimate) document, read back for rendering.

    >>> doc_findings({"currency": "USD"})
    []
    """
    from costlib.models import AttributeChange

    cur = doc["currency"]
    return [Finding(rule=f["rule"], address=f["address"], location=f.get("location"), summary=f["summary"],
                    changes=tuple(AttributeChange(path=c["attribute"], before=c["from"], after=c["to"])
                                  for c in f["changes"]),
                    monthly_cost=Money(f["monthly_cost"], cur), monthly_cost_after=Money(f["monthly_cost_after"], cur),
                    condition=f.get("condition")) for f in doc.get("findings", [])]


def doc_violations(doc: dict[str, Any]) -> list[Violation]:
    """The violations of a diff (or estimate) document, read back for rendering.

    >>> doc_violations({})
    []
    """
    return [Violation(rule=v["rule"], check=v["check"], severity=v["severity"], message=v["message"],
                      address=v.get("address"), location=v.get("location"), environment=v.get("environment"),
                      resources=tuple(v.get("resources", ()))) for v in doc.get("violations", [])]
