"""Terraform plan JSON (``terraform show -json plan.out``) -> resource specs.

Reads ``planned_values`` (root and child modules, ``count``/``for_each`` addresses), resolves each resource's
region from its provider configuration (aliases via ``provider_config_key``, modules included), and keeps the
planned action from ``resource_changes`` (create, update, delete, no-op, replace). Data sources are skipped.

>>> plan = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
...     {"address": "aws_instance.web[0]", "mode": "managed", "type": "aws_instance", "name": "web",
...      "index": 0, "provider_name": "registry.terraform.io/hashicorp/aws",
...      "values": {"instance_type": "t3.micro"}}]}},
...     "configuration": {"provider_config": {"aws": {"name": "aws",
...         "expressions": {"region": {"constant_value": "eu-west-1"}}}}}}
>>> [(s.address, s.region) for s in plan_specs(plan)]
[('aws_instance.web[0]', 'eu-west-1')]
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from costlib.errors import InputError
from costlib.inputs._files import read_input
from costlib.models import ResourceSpec

__all__ = ["STATE_IS_NOT_A_CHANGE", "STATE_NOTE", "is_state", "load_plan", "plan_changes", "plan_specs", "provider_of"]

#: providers whose resources cost money on a cloud costlib prices (awscc and azapi resources are listed as
#: unsupported rather than dropped: they create billable resources through other APIs)
_PROVIDERS = {"aws": "aws", "awscc": "aws", "azurerm": "azure", "azapi": "azure", "google": "gcp",
              "google-beta": "gcp"}
_INDEX = re.compile(r"\[[^\]]*\]")


def provider_of(provider_name: str, rtype: str) -> str | None:
    """``registry.terraform.io/hashicorp/aws`` -> ``aws``; unknown providers -> None."""
    short = provider_name.rsplit("/", 1)[-1] if provider_name else rtype.split("_", 1)[0]
    return _PROVIDERS.get(short)


def load_plan(path: str | Path) -> dict[str, Any]:
    """Read and check a plan JSON file; errors name the file (and line for bad JSON)."""
    path = Path(path)
    try:
        doc = json.loads(read_input(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", where=f"{path}:{exc.lineno}:{exc.colno}") from None
    check_plan(doc, str(path))
    return dict(doc)


def check_plan(doc: Any, where: str) -> None:
    if not isinstance(doc, dict):
        raise InputError("a Terraform plan is a JSON object", where=where)
    version = doc.get("format_version")
    if version is None:
        raise InputError("not a Terraform plan: no format_version (use `terraform show -json plan.out`)",
                         where=where)
    major = str(version).split(".", 1)[0]
    if major not in ("0", "1"):
        raise InputError(f"plan format_version {version} is not supported (this costlib reads 0.x and 1.x)",
                         where=where)
    if "planned_values" not in doc and "resource_changes" not in doc and "values" not in doc:
        raise InputError("neither planned_values nor resource_changes (a plan) nor values (a state): not the output "
                         "of `terraform show -json plan.out`, or the JSON of an empty state (nothing to estimate)",
                         where=where)


def is_state(doc: Any) -> bool:
    """True for the JSON of a Terraform state (``terraform show -json`` without a plan file): ``values``, no
    ``planned_values`` or ``resource_changes``.

    >>> is_state({"format_version": "1.0", "values": {"root_module": {}}}), is_state({"planned_values": {}})
    (True, False)
    """
    return isinstance(doc, dict) and "values" in doc and "planned_values" not in doc and "resource_changes" not in doc


#: why a service that prices a change (``POST /v1/estimate``, ``/cost estimate``) refuses the JSON of a state
STATE_IS_NOT_A_CHANGE = ("this is the JSON of a Terraform state (`terraform show -json` without a plan file): it "
                         "prices a change; send `terraform show -json plan.out` (`costlib estimate state.json` "
                         "prices what runs now)")

#: the note every resource read from a state carries (the estimate's warnings say it once, with the addresses)
STATE_NOTE = ("read from a Terraform state (`terraform show -json` without a plan file): the cost of what runs now, "
              "not of a change; for a change, estimate `terraform show -json plan.out`")


def _mapping(value: Any, what: str, where: str) -> Mapping[str, Any]:
    """``value`` (None -> empty) as a JSON object, or an InputError naming ``what`` in the plan."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{what} is not an object", where=where)
    return value


def _objects(value: Any, what: str, where: str) -> list[Mapping[str, Any]]:
    """``value`` (None -> empty) as a list of JSON objects, or an InputError naming ``what`` in the plan."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError(f"{what} is not a list of objects", where=where)
    return value


def _module_calls(module: Mapping[str, Any], prefix: str, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    yield prefix, module
    for name, call in _mapping(module.get("module_calls"), f"{prefix}module_calls", where).items():
        call = _mapping(call, f"{prefix}module_calls.{name}", where)
        yield from _module_calls(_mapping(call.get("module"), f"module.{name}", where), f"{prefix}module.{name}.", where)


def _regions(doc: Mapping[str, Any], where: str) -> tuple[dict[str, str | None], dict[str, str]]:
    """(provider config key -> region, or None when it is set but cannot be read from the plan; resource config
    address -> provider config key). A root provider's ``region = var.x`` is read from the plan's variables."""
    config = _mapping(doc.get("configuration"), "configuration", where)
    variables = _mapping(doc.get("variables"), "variables", where)
    regions: dict[str, str | None] = {}
    for key, prov in _mapping(config.get("provider_config"), "configuration.provider_config", where).items():
        prov = _mapping(prov, f"configuration.provider_config.{key}", where)
        exprs = _mapping(prov.get("expressions"), f"provider_config.{key}.expressions", where)
        expr = _mapping(exprs.get("region") or exprs.get("zone"), f"provider_config.{key}.expressions.region", where)
        value: Any = expr.get("constant_value")
        refs = expr.get("references") or []
        if value is None and ":" not in key and isinstance(refs, list) and refs and str(refs[0]).startswith("var."):
            var = variables.get(str(refs[0])[4:])
            value = var.get("value") if isinstance(var, dict) else None
        regions[key] = str(value) if isinstance(value, str) and value else None
    keys: dict[str, str] = {}
    root = _mapping(config.get("root_module"), "configuration.root_module", where)
    for prefix, module in _module_calls(root, "", where):
        for res in _objects(module.get("resources"), f"configuration {prefix or 'root module'} resources", where):
            keys[prefix + str(res.get("address", ""))] = str(res.get("provider_config_key", ""))
    return regions, keys


def _references(doc: Mapping[str, Any], where: str) -> dict[str, list[str]]:
    """Resource config address -> the resource addresses its expressions refer to (``server_id`` first)."""
    config = _mapping(doc.get("configuration"), "configuration", where)
    root = _mapping(config.get("root_module"), "configuration.root_module", where)
    out: dict[str, list[str]] = {}
    for prefix, module in _module_calls(root, "", where):
        for res in _objects(module.get("resources"), f"configuration {prefix or 'root module'} resources", where):
            raw = res.get("expressions")
            exprs: Mapping[str, Any] = raw if isinstance(raw, dict) else {}
            refs: list[str] = []
            for name in sorted(exprs, key=lambda n: (n != "server_id", n)):
                expr = exprs[name]
                for ref in (expr.get("references") or []) if isinstance(expr, dict) else []:
                    parts = str(ref).split(".")
                    if len(parts) >= 2 and parts[0] not in ("var", "local", "module", "data", "each", "count"):
                        refs.append(prefix + ".".join(parts[:2]))
            out[prefix + str(res.get("address", ""))] = refs
    return out


def _region_for(address: str, provider: str, values: Mapping[str, Any], regions: Mapping[str, str | None],
                keys: Mapping[str, str]) -> str | None:
    """The resource's own location first (``location``; GCP ``region``/``zone``; AWS ``region`` (provider v6)
    or ``availability_zone``), then its provider configuration: its own key, else, when its module inherits
    the provider, the parent's configuration of the same name and alias. Never another alias's region."""
    if provider == "azure":
        loc = values.get("location")
        return str(loc).replace(" ", "").lower() if loc else None
    if provider == "gcp":
        for field in ("region", "zone", "location"):
            if values.get(field):
                return str(values[field])
    if provider == "aws":
        if values.get("region"):
            return str(values["region"])
        if values.get("availability_zone"):
            return str(values["availability_zone"])[:-1]
        arn = str(values.get("arn") or "").split(":")
        if len(arn) > 3 and arn[0] == "arn" and arn[3]:  # arn:aws:rds:eu-west-1:123456789012:db:x (known in a state)
            return arn[3]
    config_address = _INDEX.sub("", address)
    key = keys.get(config_address, "") or {"aws": "aws", "azure": "azurerm", "gcp": "google"}[provider]
    while True:
        if key in regions:
            return regions[key]  # None: set, but not readable from the plan (a module variable, an expression)
        if ":" not in key:
            return None
        module, name = key.rsplit(":", 1)  # up one module: module.a.module.b:aws -> module.a:aws -> aws
        key = f"{module.rsplit('.module.', 1)[0]}:{name}" if ".module." in module else name


def _walk(module: Mapping[str, Any], where: str) -> Iterator[Mapping[str, Any]]:
    name = str(module.get("address") or "root module")
    yield from _objects(module.get("resources"), f"{name} resources", where)
    for child in _objects(module.get("child_modules"), f"{name} child_modules", where):
        yield from _walk(child, where)


def _changes(doc: Mapping[str, Any], where: str) -> list[Mapping[str, Any]]:
    return _objects(doc.get("resource_changes"), "resource_changes", where)


def _actions(doc: Mapping[str, Any], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for change in _changes(doc, where):
        acts = _mapping(change.get("change"), f"{change.get('address')}: change", where).get("actions") or []
        if not isinstance(acts, list):
            raise InputError("change.actions is not a list", where=f"{where}: {change.get('address')}")
        action = "replace" if sorted(acts) == ["create", "delete"] else (acts[0] if acts else "no-op")
        if change.get("deposed"):
            continue  # a deposed object (create_before_destroy) is not the resource at this address
        out[str(change.get("address"))] = action
    return out


def plan_specs(doc: Mapping[str, Any], *, where: str = "plan", default_aws_region: str = "us-east-1"
               ) -> list[ResourceSpec]:
    """Every managed resource the plan will leave in place (planned values), as specs; for the JSON of a state
    (:func:`is_state`), every managed resource it holds, each with the action ``no-op`` and :data:`STATE_NOTE`."""
    check_plan(doc, where)
    state = is_state(doc)
    regions, keys = _regions(doc, where)
    actions = _actions(doc, where)
    unknown = _unknown(doc, where)
    refs = _references(doc, where)
    planned_locations: dict[str, str] = {}  # config address -> an Azure location its resource has
    specs: list[ResourceSpec] = []
    top = "values" if state else "planned_values"
    planned = _mapping(doc.get(top), top, where)
    for res in _walk(_mapping(planned.get("root_module"), f"{top}.root_module", where), where):
        if res.get("mode", "managed") != "managed":
            continue
        address, rtype = str(res.get("address", "")), str(res.get("type", ""))
        provider = provider_of(str(res.get("provider_name", "")), rtype)
        if provider is None:
            continue  # not a cloud we price (random, null, kubernetes ...): nothing to say about cost
        values = res.get("values") or {}
        if not isinstance(values, dict):
            raise InputError("values is not an object", where=f"{where}: {address}")
        region = _region_for(address, provider, values, regions, keys)
        notes: tuple[str, ...] = (STATE_NOTE,) if state else ()
        if region is None and provider == "aws":
            region, notes = default_aws_region, (*notes, _assumed(default_aws_region))
        if provider == "azure" and region is not None:
            planned_locations.setdefault(_INDEX.sub("", address), region)
        specs.append(ResourceSpec(address=address, type=rtype, provider=provider, region=region,
                                  attributes=MappingProxyType(values),  # the plan's own object: no copy
                                  action="no-op" if state else actions.get(address, "create"), location=where,
                                  notes=notes,
                                  unknown=unknown.get(address, ())))
    for i, spec in enumerate(specs):  # an Azure child resource (a SQL database) lives where its parent does
        if spec.provider == "azure" and spec.region is None:
            parent = next((planned_locations[r] for r in refs.get(_INDEX.sub("", spec.address), [])
                           if r in planned_locations), None)
            if parent is not None:
                specs[i] = dataclasses.replace(spec, region=parent)
    if not specs and "planned_values" not in doc and _changes(doc, where):
        raise InputError("the plan has resource_changes but no planned_values: use `terraform show -json` of a "
                         "saved plan (it has both)", where=where)
    return specs


def _unknown(doc: Mapping[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    """address -> top-level attributes whose value is known only after apply (``change.after_unknown``)."""
    out: dict[str, tuple[str, ...]] = {}
    for change in _changes(doc, where):
        if change.get("deposed"):
            continue
        body = change.get("change")
        flags = body.get("after_unknown") if isinstance(body, dict) else None
        if isinstance(flags, dict):
            out[str(change.get("address"))] = tuple(sorted(k for k, v in flags.items() if v is True))
    return out


def _assumed(region: str) -> str:
    return (f"the plan does not say its AWS region (a provider region from the environment or an unreadable "
            f"expression); {region} assumed")


def plan_changes(doc: Mapping[str, Any], *, where: str = "plan", default_aws_region: str = "us-east-1"
                 ) -> list[tuple[ResourceSpec | None, ResourceSpec | None]]:
    """(before, after) spec pairs from ``resource_changes``; None where the resource does not exist. Both sides
    carry the plan's action (create, update, replace, delete, no-op)."""
    check_plan(doc, where)
    if is_state(doc):
        raise InputError("this is the JSON of a Terraform state (`terraform show -json` without a plan file): it has "
                         "no changes; diff a plan (`terraform show -json plan.out`) or two plans or states", where=where)
    regions, keys = _regions(doc, where)
    actions = _actions(doc, where)
    pairs: list[tuple[ResourceSpec | None, ResourceSpec | None]] = []
    for change in _changes(doc, where):
        if change.get("mode", "managed") != "managed":
            continue
        address, rtype = str(change.get("address", "")), str(change.get("type", ""))
        provider = provider_of(str(change.get("provider_name", "")), rtype)
        if provider is None:
            continue
        body = _mapping(change.get("change"), f"{address}: change", where)
        deposed = change.get("deposed")
        action = actions.get(address, "no-op")
        located = address  # where its configuration (and so its provider) is found
        if deposed:  # an old object kept by create_before_destroy: its own row, going away
            address, action = f"{address} (deposed {deposed})", "delete"
        sides: list[ResourceSpec | None] = []
        for side in ("before", "after"):
            values = body.get(side)
            if not isinstance(values, dict):
                sides.append(None)
                continue
            region = _region_for(located, provider, values, regions, keys)
            notes: tuple[str, ...] = ()
            if region is None and provider == "aws":
                region, notes = default_aws_region, (_assumed(default_aws_region),)
            sides.append(ResourceSpec(address=address, type=rtype, provider=provider, region=region,
                                      attributes=values, location=where, action=action, notes=notes))
        pairs.append((sides[0], sides[1]))
    return pairs
