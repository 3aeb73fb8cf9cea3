"""``costlib estimate`` and ``costlib diff``: cost at the point of provisioning, in the terminal and in CI."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from costlib.cli._util import daemon_config_file, echo_json, handle_errors

if TYPE_CHECKING:
    from costlib.cli.budget import ImpactResult
from costlib.cli.main import EXIT_DECLINED, EXIT_INCOMPLETE, EXIT_OVER_LIMIT, EXIT_POLICY
from costlib.errors import InputError
from costlib.models import Estimate, ResourceSpec, Violation
from costlib.money import DEFAULT_FX, Money, plain
from costlib.report import Gap

__all__ = ["diff_cmd", "estimate_cmd"]


def _asks_daemon(daemon_url: str | None, config_file: str | None) -> bool:
    """Whether a daemon is named (``--daemon``, ``--config`` or ``$COSTLIB_CONFIG``): only then is the budget
    client imported, so a plain estimate starts without it."""
    return bool(daemon_url) or daemon_config_file(config_file) is not None

_FORMATS = ["table", "json", "markdown", "html"]


_LIMIT_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}


def _limit(text: str | None, currency: str) -> Money | None:
    """``--fail-above``: ``250``, ``$250``, ``€250`` or ``250 EUR``; a limit in another currency than the
    estimate's is refused rather than compared as if it were the same, and so is a negative one."""
    if text is None:
        return None
    raw, code = text.strip(), None
    if raw[:1] in _LIMIT_SYMBOLS:
        code, raw = _LIMIT_SYMBOLS[raw[0]], raw[1:].strip()
    words = raw.split()
    if len(words) == 2 and words[1].isalpha():
        raw, code = words[0], words[1].upper()
    try:
        limit = Money(Decimal(raw), code or currency)
    except (InvalidOperation, ValueError):
        raise InputError(f"--fail-above {text!r} is not an amount like 250, $250 or 250 EUR") from None
    if limit.amount < 0:
        raise InputError(f"--fail-above {text!r} is negative: the limit is a monthly amount of 0 or more")
    if limit.currency != currency.upper():
        raise InputError(f"--fail-above {text!r} is in {limit.currency} and the estimate in {currency.upper()}; "
                         f"give the limit in {currency.upper()} or pass --currency {limit.currency}")
    return limit


def _gate(monthly: Money, gaps: list[Gap], *, fail_above: Money | None, allow_incomplete: bool, confirm: bool,
          what: str = "total", before_confirm: Sequence[str] = (), confirmed: Callable[[], None] | None = None) -> None:
    """The CI gate and the prompt. Fails closed: a total that leaves resources out cannot show that the real
    cost is within the limit, so it exits 5 naming them unless --allow-incomplete says to compare the priced
    part only. Above the limit is exit 4 whatever is left out (the priced part is a lower bound)."""
    left_out = f"{len(gaps)} resource{'s' if len(gaps) != 1 else ''} not (fully) priced"
    if fail_above is not None:
        if monthly > fail_above:
            click.echo(f"costlib: {monthly.display()}/month is above the limit of {fail_above.display()}"
                       + (f" (and {left_out} would add to it)" if gaps else ""), err=True)
            sys.exit(EXIT_OVER_LIMIT)
        if gaps and not allow_incomplete:
            click.echo(f"costlib: cannot tell whether the monthly {what} is within --fail-above "
                       f"{fail_above.display()}: {monthly.display()}/month leaves out {left_out}:", err=True)
            for gap in gaps:
                click.echo(f"  {gap.line()}", err=True)
            click.echo("costlib: price them (a usage file for usage-based ones), or pass --allow-incomplete to "
                       "compare the priced part only", err=True)
            sys.exit(EXIT_INCOMPLETE)
        if gaps:
            click.echo(f"costlib: warning: --allow-incomplete: compared the priced part only; {left_out}: "
                       + ", ".join(g.address for g in gaps), err=True)
    if confirm:
        for line in before_confirm:  # the budget line: what the change does to its teams' budgets
            click.echo(line, err=True)
        prompt = (f"This change will cost about {monthly.display()}/month"
                  + (f" ({left_out}: see above)" if gaps else "") + ". Continue?")
        if not click.confirm(prompt, default=False, err=True):
            click.echo("Declined.", err=True)
            sys.exit(EXIT_DECLINED)
        if confirmed is not None:
            confirmed()


def _policy_gate(violations: list[Violation], policy: str | None) -> None:
    """Exit 6 when a blocking rule of the policy is broken (before --confirm asks and before --fail-above)."""
    blocking = [v for v in violations if v.blocking]
    if not blocking:
        return
    click.echo(f"costlib: {len(blocking)} blocking policy violation{'s' if len(blocking) != 1 else ''}"
               + (f" ({policy})" if policy else "") + ":", err=True)
    for v in blocking:
        click.echo(f"  {v.line()}", err=True)
    sys.exit(EXIT_POLICY)


def _daemon_options(f: Any) -> Any:
    """--daemon and --config: budget-aware estimates."""
    for option in reversed([
        click.option("--daemon", "daemon_url", default=None, metavar="URL",
                     help="The costlib daemon's API (http://host:9847): show each team's budget after the change, "
                          "and record a --confirm (token: $COSTLIB_API_TOKEN). Default: the server of --config."),
        click.option("--config", "config_file", default=None, metavar="FILE",
                     help="Daemon config whose server --daemon defaults to (default: $COSTLIB_CONFIG when set)."),
    ]):
        f = option(f)
    return f


def _guard_options(f: Any) -> Any:
    """--policy and --no-findings, shared by estimate and diff."""
    for option in reversed([
        click.option("--policy", "policy_opt", default=None, metavar="FILE|none",
                     help="Policy file to evaluate (default: costlib.yml in the input's folder or above it, up to "
                          "the git root); `none` turns policy off. A blocking violation exits 6."),
        click.option("--no-findings", is_flag=True, help="Do not look for savings (findings are on by default)."),
    ]):
        f = option(f)
    return f


def _compare(specs: list[ResourceSpec]) -> list[ResourceSpec]:
    """The same generic resources on every cloud: address ``<name>@<provider>``; the region from
    ``regions`` in attributes (``{aws: us-east-1, azure: eastus, gcp: us-central1}`` by default)."""
    defaults = {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}
    out: list[ResourceSpec] = []
    for spec in specs:
        if "." not in spec.type or spec.type.startswith(("aws_", "azurerm_", "google_")):
            raise InputError("--compare-clouds needs provider-agnostic types (compute.instance, ...)",
                             where=spec.address)
        regions = {**defaults, **dict(spec.attributes.get("regions") or {})}
        for provider in ("aws", "azure", "gcp"):
            attrs = {k: v for k, v in spec.attributes.items() if k != "regions"}
            if provider != spec.provider and "vcpu" in attrs:
                attrs.pop("size", None)
            elif provider != spec.provider:
                raise InputError("--compare-clouds needs vcpu and memory_gb (a size name belongs to one cloud)",
                                 where=spec.address)
            out.append(dataclasses.replace(spec, address=f"{spec.address}@{provider}", provider=provider,
                                           region=regions[provider], attributes=attrs))
    return out


def _pairs(items: tuple[str, ...], flag: str) -> dict[str, str]:
    """``--var k=v`` / ``--parameter Key=Value`` values as a mapping (the first ``=`` splits)."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"{flag} {item!r}: expected NAME=VALUE")
        out[key.strip()] = value
    return out


def _code_options(f: Any) -> Any:
    """The options of code inputs (Terraform directories, CloudFormation templates), shared by estimate and diff."""
    for option in reversed([
        click.option("--var", "tf_vars", multiple=True, metavar="NAME=VALUE",
                     help="Terraform variable for a directory (after every --var-file, as the last word)."),
        click.option("--var-file", "var_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="Terraform variables file for a directory, in order (after terraform.tfvars, *.auto.tfvars)."),
        click.option("--parameter", "parameters", multiple=True, metavar="KEY=VALUE",
                     help="CloudFormation template parameter (else its Default)."),
        click.option("--region", default=None, help="AWS region of a CloudFormation template (else AWS_REGION)."),
        click.option("--link-base", default=None, metavar="URL",
                     help="Markdown: link each resource's line under this URL (https://github.com/o/r/blob/SHA)."),
    ]):
        f = option(f)
    return f


def _source_options(tf_vars: tuple[str, ...], var_files: tuple[Path, ...], parameters: tuple[str, ...],
                    region: str | None) -> Any:
    from costlib.inputs import SourceOptions

    return SourceOptions(var_files=var_files, variables=_pairs(tf_vars, "--var"),
                         parameters=_pairs(parameters, "--parameter"), region=region)


def _render(est: Estimate, fmt: str, compare: bool = False, link_base: str | None = None,
            impact: ImpactResult | None = None) -> None:
    from costlib.report import estimate_html, estimate_json, estimate_markdown, estimate_table, provider_totals

    if fmt == "json":
        doc = estimate_json(est)
        if compare:  # one design on several clouds: a total per cloud is the answer, not their sum
            doc["per_provider"] = {p: {"monthly_cost": plain(m.amount), "fully_priced": ok}
                                   for p, (m, ok) in provider_totals(est).items()}
        if impact is not None:
            doc["budget_impact"] = impact.to_json()
        echo_json(doc)
    elif fmt == "markdown":
        click.echo(estimate_markdown(est, link_base=link_base), nl=False)
        if impact is not None:
            click.echo(impact.markdown())
    elif fmt == "html":
        click.echo(estimate_html(est), nl=False)
    else:
        click.echo(estimate_table(est, compare=compare), nl=False)
        if impact is not None:
            click.echo("\n".join(impact.lines()))
    if impact is not None and impact.error is not None:
        click.echo(f"costlib: error: budget impact: {impact.error}", err=True)


_GATE_HELP = ("Exit 4 when the monthly {what} is above this amount (250, $250, 250 EUR); exit 5 when it is not "
              "but resources are left out of it (unsupported, price not found, usage-based without usage).")
_ALLOW_HELP = "With --fail-above: compare the priced part only when resources are left out (a warning names them)."


@click.command("estimate", short_help="Estimate the monthly cost of plans, spec files or code.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--usage", "usage_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Usage file (per-type defaults, per-address values, wildcards).")
@click.option("--currency", default="USD", show_default=True, help="ISO 4217 code to show amounts in.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True,
              help="Output format: a terminal table, one JSON document, Markdown or an HTML page.")
@click.option("--catalog", "catalog_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Price catalog file (default: the refreshed or embedded catalog).")
@click.option("--compare-clouds", is_flag=True, help="Price each generic resource on AWS, Azure and GCP.")
@click.option("--confirm", is_flag=True, help="Ask before going on; exit 3 on no.")
@click.option("--fail-above", default=None, help=_GATE_HELP.format(what="total"))
@click.option("--allow-incomplete", is_flag=True, help=_ALLOW_HELP)
@click.option("--fetch-missing", is_flag=True, help="Fetch the prices the estimate lacks from the providers first.")
@click.option("--max-resources", type=click.IntRange(min=1), default=None, metavar="N",
              help="Refuse inputs that expand to more than N resources (count, for_each; default 100,000 or "
                   "$COSTLIB_MAX_RESOURCES).")
@_guard_options
@_daemon_options
@_code_options
@handle_errors
def estimate_cmd(paths: tuple[Path, ...], usage_path: Path | None, currency: str, fmt: str,
                 catalog_path: Path | None, compare_clouds: bool, confirm: bool, fail_above: str | None,
                 allow_incomplete: bool, tf_vars: tuple[str, ...], var_files: tuple[Path, ...],
                 parameters: tuple[str, ...], region: str | None, link_base: str | None,
                 fetch_missing: bool = False, policy_opt: str | None = None, no_findings: bool = False,
                 max_resources: int | None = None, daemon_url: str | None = None, config_file: str | None = None
                 ) -> None:
    """Estimate the monthly cost of PATHS: Terraform plan JSON (`terraform show -json plan.out > plan.json`),
    the JSON of a Terraform state (`terraform show -json`: what runs now), resource spec files, or code without
    a plan (a Terraform/OpenTofu directory or .tf file, a terragrunt.hcl, a CloudFormation template).

    Savings findings (gp2 -> gp3, previous-generation and x86 -> Arm sizes, ...) are listed after the total
    unless --no-findings; the policy file (costlib.yml, or --policy) is evaluated and its violations listed.

    Exit codes: 0 done, 1 bad input, 2 bad command line, 3 declined at --confirm, 4 above --fail-above,
    5 not above it but not fully priced (see --allow-incomplete), 6 a blocking policy rule is broken (checked
    first: before --confirm asks and before --fail-above).
    """
    from costlib.catalog.store import SQLiteCatalog
    from costlib.estimate import estimate
    from costlib.guard import resolve_policy
    from costlib.inputs import load_resources
    from costlib.inputs.readers import Limits, check_resource_count
    from costlib.report import estimate_gaps

    Money("0", currency)  # validates the currency code up front
    limit = _limit(fail_above, currency)
    limits = Limits.from_env()
    if max_resources is not None:
        limits = dataclasses.replace(limits, max_resources=max_resources)
    catalog = SQLiteCatalog(catalog_path) if catalog_path else None
    if compare_clouds and policy_opt is not None and policy_opt.strip().lower() != "none":
        raise InputError("--compare-clouds prices one design on every cloud; --policy applies to what you "
                         "provision: estimate the chosen cloud's spec for it")
    policy = None if compare_clouds else resolve_policy(policy_opt, list(paths))
    options = _source_options(tf_vars, var_files, parameters, region)
    specs: list[ResourceSpec] = []
    for path in paths:
        specs += load_resources(path, options, limits=limits)
        check_resource_count(len(specs), where=str(path), limits=limits, what="the files given hold")
    if compare_clouds:
        if confirm or fail_above:
            raise InputError("--compare-clouds prices one design on every cloud; --confirm and --fail-above "
                             "apply to what you provision: estimate the chosen cloud's spec for those")
        specs = _compare(specs)
    est = estimate(specs, catalog=catalog, usage=usage_path, currency=currency, fx=DEFAULT_FX,
                   findings=not no_findings, policy=policy, limits=limits)
    if fetch_missing:  # what it fetched and what is still missing go to stderr; the estimate stays on stdout
        from costlib.cli.pricing import fetch_missing as fetch

        est, _ = fetch(est, lambda cat: estimate(specs, catalog=cat, usage=usage_path, currency=currency,
                                                 fx=DEFAULT_FX, findings=not no_findings, policy=policy,
                                                 limits=limits), catalog_path=catalog_path)
    impact = None
    if not compare_clouds and _asks_daemon(daemon_url, config_file):
        from costlib.cli.budget import daemon_client, estimate_impact

        client = daemon_client(daemon_url, config_file)
        impact = estimate_impact(client, est) if client is not None else None
    _render(est, fmt, compare=compare_clouds, link_base=link_base, impact=impact)
    _policy_gate(list(est.violations), est.policy)
    gaps = estimate_gaps(est)

    def record() -> None:
        from costlib.cli.budget import paths_digest

        assert impact is not None
        ack = impact.client.acknowledge(impact.acknowledgement(
            est, paths_digest(list(paths)), ", ".join(str(p) for p in paths), plain(est.total_monthly_cost.amount),
            not gaps))
        click.echo(f"Acknowledged: recorded by the daemon as {ack['id']} ({ack['acknowledged_by']}).", err=True)

    if confirm and impact is not None:
        impact.client.require_token()
    _gate(est.total_monthly_cost, gaps, fail_above=limit, allow_incomplete=allow_incomplete, confirm=confirm,
          before_confirm=impact.lines() if impact is not None else (),
          confirmed=record if impact is not None else None)


@click.command("diff", short_help="Monthly cost delta between two plans, dirs or git refs, or of one plan.")
@click.argument("before", required=False, type=click.Path(path_type=Path))
@click.argument("after", required=False, type=click.Path(path_type=Path))
@click.option("--base", "base_ref", default=None, metavar="REF",
              help="Compare the code at this git ref (a temporary worktree) with the working tree of BEFORE (default .).")
@click.option("--usage", "usage_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Usage file applied to both sides (per-type defaults, per-address values, wildcards).")
@click.option("--currency", default="USD", show_default=True, help="ISO 4217 code to show amounts in.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True, help="Output format: a terminal table, one JSON document, or a Markdown "
              "pull-request comment.")
@click.option("--catalog", "catalog_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Price catalog file (default: the refreshed or embedded catalog).")
@click.option("--confirm", is_flag=True, help="Ask before going on; exit 3 on no.")
@click.option("--fail-above", default=None, help=_GATE_HELP.format(what="increase"))
@click.option("--allow-incomplete", is_flag=True, help=_ALLOW_HELP)
@_guard_options
@_daemon_options
@_code_options
@handle_errors
def diff_cmd(before: Path | None, after: Path | None, base_ref: str | None, usage_path: Path | None, currency: str,
             fmt: str, catalog_path: Path | None, confirm: bool, fail_above: str | None, allow_incomplete: bool,
             tf_vars: tuple[str, ...], var_files: tuple[Path, ...], parameters: tuple[str, ...], region: str | None,
             link_base: str | None, policy_opt: str | None = None, no_findings: bool = False,
             daemon_url: str | None = None, config_file: str | None = None) -> None:
    """Monthly cost delta: BEFORE and AFTER (plans, spec files, code directories or templates), one plan's
    resource_changes, or --base REF [DIR]: the code at a git ref against the working tree (no plan needed).

    For --fail-above, what is left out of the AFTER side of a changed resource counts (it could make the
    increase larger); what is left out of BEFORE only makes the delta shown the larger one. The savings
    findings are those of the AFTER side; the policy is checked on what the change creates, updates or
    replaces (and the environments those are in).
    With --daemon (or --config), each team's budget after the change: the delta of each resource, given to a
    team by its AFTER side's tags (a deleted resource's BEFORE side); a decrease lowers the forecast.
    Exit codes as for `costlib estimate`.
    """
    from costlib.catalog.store import SQLiteCatalog
    from costlib.diff import ResourceChange, diff, diff_ref
    from costlib.estimate import Resources
    from costlib.guard import resolve_policy
    from costlib.inputs import load_resources
    from costlib.inputs.code import is_code
    from costlib.report import diff_lines, diff_markdown, doc_findings, doc_violations

    Money("0", currency)
    limit = _limit(fail_above, currency)
    catalog = SQLiteCatalog(catalog_path) if catalog_path else None
    options = _source_options(tf_vars, var_files, parameters, region)
    side = (before or Path(".")) if base_ref is not None else (after or before)
    policy = resolve_policy(policy_opt, [side] if side is not None else [])
    changes: list[ResourceChange] = []
    guard: dict[str, Any] = {"findings": not no_findings, "policy": policy, "changes_out": changes}
    doc: dict[str, Any]
    if base_ref is not None:
        if after is not None:
            raise InputError("--base compares one directory with itself at a git ref: give one DIR (or none for .)")
        doc = diff_ref(base_ref, before or Path("."), options=options, catalog=catalog, usage=usage_path,
                       currency=currency, **guard)
    elif before is None:
        raise InputError("diff needs BEFORE [AFTER], or --base REF [DIR]")
    elif after is None and is_code(before):
        raise InputError(f"{before} is code, not a plan with resource_changes: give AFTER, or --base REF {before}")
    elif after is not None and (is_code(before) or is_code(after)):
        old: list[Resources] = [*load_resources(before, options)]
        new: list[Resources] = [*load_resources(after, options)]
        doc = diff(old, new, catalog=catalog, usage=usage_path, currency=currency, **guard)
    else:
        doc = diff(before, after, catalog=catalog, usage=usage_path, currency=currency, **guard)
    impact = None
    client = None
    if _asks_daemon(daemon_url, config_file):
        from costlib.cli.budget import daemon_client

        client = daemon_client(daemon_url, config_file)
    if client is not None:
        from costlib.cli.budget import diff_impact

        impact = diff_impact(client, changes, currency.upper())
        doc["budget_impact"] = impact.to_json()
    if fmt == "json":
        click.echo(json.dumps(doc, indent=2))
    elif fmt == "markdown":
        click.echo(diff_markdown(doc, link_base=link_base), nl=False)
        if impact is not None:
            click.echo(impact.markdown())
    else:
        from costlib.report import diff_delta, diff_side

        def money(text: str, sign: bool = False) -> str:
            m = Money(text, currency)
            return ("+" if sign and m.amount > 0 else "") + m.display()

        from costlib.report import source_line

        for r in doc["resources"]:
            where = source_line(r.get("location"))
            click.echo(f"{r['change']:>8}  {r['address']:<50} "
                       f"{diff_side(r['monthly_before'], r['status_before'], currency):>16} -> "
                       f"{diff_side(r['monthly_after'], r['status_after'], currency):>16}  ({diff_delta(r, currency)})"
                       + (f"  {where[0]}:{where[1]}" if where else ""))
        click.echo(f"total: {money(doc['total_monthly_before'])} -> {money(doc['total_monthly_after'])} per month "
                   f"(delta {money(doc['total_monthly_delta'], sign=True)})")
        for line in diff_lines(doc):
            click.echo(line)
        from costlib.report import findings_lines, violations_lines

        for line in [*findings_lines(doc_findings(doc), currency), *violations_lines(doc_violations(doc),
                                                                                  doc.get("policy"))]:
            click.echo(line)
        if impact is not None:
            click.echo("\n".join(impact.lines()))
    if impact is not None and impact.error is not None:
        click.echo(f"costlib: error: budget impact: {impact.error}", err=True)
    _policy_gate(doc_violations(doc), doc.get("policy"))
    kinds = {r["address"]: r["change"] for r in doc["resources"]}
    gaps = [Gap(u["address"], u["status"], u["message"] or u["status"]) for u in doc["not_fully_priced"]
            if u["side"] == "after" and kinds.get(u["address"]) != "no-op"]

    def record() -> None:
        from costlib.cli.budget import paths_digest

        assert impact is not None
        inputs = [before or Path(".")] if base_ref is not None else [p for p in (before, after) if p is not None]
        source = (f"diff --base {base_ref} {inputs[0]}" if base_ref is not None
                  else "diff " + " ".join(str(p) for p in inputs))
        touched = [c.address for c in changes if c.change != "no-op"]
        ack = impact.client.acknowledge(impact.acknowledgement_of(
            touched, currency.upper(), paths_digest(inputs), source, doc["total_monthly_after"], not gaps))
        click.echo(f"Acknowledged: recorded by the daemon as {ack['id']} ({ack['acknowledged_by']}).", err=True)

    if confirm and impact is not None:
        impact.client.require_token()
    _gate(Money(doc["total_monthly_delta"], currency), gaps, fail_above=limit, allow_incomplete=allow_incomplete,
          confirm=confirm, what="increase", before_confirm=impact.lines() if impact is not None else (),
          confirmed=record if impact is not None else None)
