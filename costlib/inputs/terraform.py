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

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from costlib.errors import InputError
from costlib.models import ResourceSpec

__all__ = ["load_plan", "plan_changes", "plan_specs", "provider_of"]

_PROVIDERS = {"aws": "aws", "azurerm": "azure", "google": "gcp", "google-beta": "gcp"}
_INDEX = re.compile(r"\[[^\]]*\]")


def provider_of(provider_name: str, rtype: str) -> str | None:
    """``registry.terraform.io/hashicorp/aws`` -> ``aws``; unknown providers -> None."""
    short = provider_name.rsplit("/", 1)[-1] if provider_name else rtype.split("_", 1)[0]
    return _PROVIDERS.get(short)


def load_plan(path: str | Path) -> dict[str, Any]:
    """Read and check a plan JSON file; errors name the file (and line for bad JSON)."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("file not found", where=str(path)) from None
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
    if "planned_values" not in doc and "resource_changes" not in doc:
        raise InputError("plan has neither planned_values nor resource_changes", where=where)


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


def _regions(doc: Mapping[str, Any], where: str) -> tuple[dict[str, str], dict[str, str]]:
    """(provider config key -> region, resource config address -> provider config key)."""
    config = _mapping(doc.get("configuration"), "configuration", where)
    regions: dict[str, str] = {}
    for key, prov in _mapping(config.get("provider_config"), "configuration.provider_config", where).items():
        prov = _mapping(prov, f"configuration.provider_config.{key}", where)
        expr = _mapping(_mapping(prov.get("expressions"), f"provider_config.{key}.expressions", where).get("region"),
                        f"provider_config.{key}.expressions.region", where)
        if "constant_value" in expr:
            regions[key] = str(expr["constant_value"])
    keys: dict[str, str] = {}
    root = _mapping(config.get("root_module"), "configuration.root_module", where)
    for prefix, module in _module_calls(root, "", where):
        for res in _objects(module.get("resources"), f"configuration {prefix or 'root module'} resources", where):
            keys[prefix + str(res.get("address", ""))] = str(res.get("provider_config_key", ""))
    return regions, keys


def _region_for(address: str, provider: str, values: Mapping[str, Any], regions: Mapping[str, str],
                keys: Mapping[str, str]) -> str | None:
    if provider == "azure":
        loc = values.get("location")
        return str(loc).replace(" ", "").lower() if loc else None
    if provider == "gcp":
        for field in ("region", "zone", "location"):
            if values.get(field):
                return str(values[field])
    config_address = _INDEX.sub("", address)
    key = keys.get(config_address, "")
    candidates = [key, key.split(":")[-1] if key else "", key.rsplit(".", 1)[-1] if key else "",
                  {"aws": "aws", "azure": "azurerm", "gcp": "google"}[provider]]
    for cand in candidates:
        if cand and cand in regions:
            return regions[cand]
    if provider == "aws" and values.get("availability_zone"):
        return str(values["availability_zone"])[:-1]
    return None


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
        out[str(change.get("address"))] = action
    return out


def plan_specs(doc: Mapping[str, Any], *, where: str = "plan", default_aws_region: str = "us-east-1"
               ) -> list[ResourceSpec]:
    """Every managed resource the plan will leave in place (planned values), as specs."""
    check_plan(doc, where)
    regions, keys = _regions(doc, where)
    actions = _actions(doc, where)
    specs: list[ResourceSpec] = []
    planned = _mapping(doc.get("planned_values"), "planned_values", where)
    for res in _walk(_mapping(planned.get("root_module"), "planned_values.root_module", where), where):
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
        if region is None and provider == "aws":
            region = default_aws_region
        specs.append(ResourceSpec(address=address, type=rtype, provider=provider, region=region, attributes=values,
                                  action=actions.get(address, "create"), location=where))
    return specs


def plan_changes(doc: Mapping[str, Any], *, where: str = "plan", default_aws_region: str = "us-east-1"
                 ) -> list[tuple[ResourceSpec | None, ResourceSpec | None]]:
    """(before, after) spec pairs from ``resource_changes``; None where the resource does not exist. Both sides
    carry the plan's action (create, update, replace, delete, no-op)."""
    check_plan(doc, where)
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
        sides: list[ResourceSpec | None] = []
        for side in ("before", "after"):
            values = body.get(side)
            if not isinstance(values, dict):
                sides.append(None)
                continue
            region = _region_for(address, provider, values, regions, keys) or (
                default_aws_region if provider == "aws" else None)
            sides.append(ResourceSpec(address=address, type=rtype, provider=provider, region=region,
                                      attributes=values, location=where, action=actions.get(address, "no-op")))
        pairs.append((sides[0], sides[1]))
    return pairs
