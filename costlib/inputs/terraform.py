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
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from costlib.errors import InputError
from costlib.inputs.readers import Limits, check_document, check_resource_count, read_json, resolve_limits
from costlib.models import ResourceSpec

__all__ = ["PROVIDER_UNREADABLE", "STATE_IS_NOT_A_CHANGE", "STATE_NOTE", "is_state", "load_plan", "load_plan_document",
           "plan_changes", "plan_specs", "provider_of", "provider_problem", "read_provider"]

#: providers whose resources cost money on a cloud costlib prices (awscc and azapi resources are listed as
#: unsupported rather than dropped: they create billable resources through other APIs)
_PROVIDERS = {"aws": "aws", "awscc": "aws", "azurerm": "azure", "azapi": "azure", "google": "gcp",
              "google-beta": "gcp"}
#: the registry namespaces of those providers (``-``: a legacy address from a Terraform 0.12 state upgraded by
#: 0.13, which Terraform reads as the default provider of that name)
_NAMESPACES = {"aws": "hashicorp", "awscc": "hashicorp", "azurerm": "hashicorp", "azapi": "azure",
               "google": "hashicorp", "google-beta": "hashicorp"}
_PART = re.compile(r"[a-z0-9](?:[a-z0-9_.-]*[a-z0-9])?")
_INDEX = re.compile(r"\[[^\]]*\]")
_CLOUD_NAMES = {"aws": "AWS", "azure": "Azure", "gcp": "Google Cloud"}

#: how the note of a resource whose provider cannot be read starts: the estimate lists such a resource as
#: ``unsupported`` with this note as its reason (it is never priced as if its provider were known, nor dropped)
PROVIDER_UNREADABLE = "provider not read: "


def read_provider(provider_name: Any, rtype: str) -> tuple[str | None, str | None]:
    """(cloud, problem) for a plan resource's ``provider_name`` and type.

    A provider costlib prices gives its cloud and no problem: the full address in any letter case (Terraform
    normalises provider addresses to lower case) on any registry host (OpenTofu's, a private mirror), the short
    name of a Terraform 0.12 plan (``aws``), or no provider at all (Terraform's implied provider is the first
    word of the type). A provider that cannot be read as one of those (not an address, an unknown namespace such as
    ``acme/aws``, a stray space) gives the cloud its type or name belongs to and the problem: such a resource is
    listed, not priced and never dropped. Anything else (``random``, ``kubernetes``, ``helm``) is not a cloud
    costlib prices: (None, None).

    >>> read_provider("registry.terraform.io/hashicorp/aws", "aws_instance"), read_provider(None, "aws_instance")
    (('aws', None), ('aws', None))
    >>> read_provider("registry.opentofu.org/hashicorp/AWS", "aws_instance"), read_provider("hashicorp/random", "random_id")
    (('aws', None), (None, None))
    >>> read_provider("registry.terraform.io/acme/aws", "aws_instance")[1]
    "its provider 'registry.terraform.io/acme/aws' is not hashicorp/aws, the AWS provider costlib prices"
    """
    by_type = _PROVIDERS.get(rtype.split("_", 1)[0]) if isinstance(rtype, str) else None
    if provider_name is None or provider_name == "":
        return by_type, None
    if not isinstance(provider_name, str):
        return (by_type, f"its provider_name {provider_name!r} is not a provider address") if by_type else (None, None)
    parts = provider_name.lower().split("/")
    name = parts[-1]
    cloud = _PROVIDERS.get(name.strip())
    readable = len(parts) <= 3 and all(_PART.fullmatch(part) or (part == "-" and i == len(parts) - 2)
                                       for i, part in enumerate(parts))
    if cloud is not None and readable and (len(parts) == 1 or parts[-2] in (_NAMESPACES[name], "-")):
        return cloud, None
    if cloud is None and by_type is None:
        return None, None  # a provider costlib does not price, for a type that is no cloud's
    if cloud is not None and readable:
        return cloud, (f"its provider {provider_name!r} is not {_NAMESPACES[name]}/{name}, the "
                       f"{_CLOUD_NAMES[cloud]} provider costlib prices")
    if cloud is not None:
        return cloud, f"its provider {provider_name!r} is not a provider address Terraform writes"
    assert by_type is not None
    return by_type, (f"its type is {_CLOUD_NAMES[by_type]}'s, but its provider {provider_name!r} is not the "
                     f"{_CLOUD_NAMES[by_type]} provider costlib prices")


def provider_of(provider_name: str, rtype: str) -> str | None:
    """``registry.terraform.io/hashicorp/aws`` -> ``aws``; providers costlib does not price -> None
    (:func:`read_provider` says whether the provider could be read).

    >>> provider_of("registry.terraform.io/hashicorp/aws", "aws_instance"), provider_of("", "random_id")
    ('aws', None)
    """
    return read_provider(provider_name, rtype)[0]


def provider_problem(spec: ResourceSpec) -> str | None:
    """Why ``spec``'s provider could not be read (its :data:`PROVIDER_UNREADABLE` note), or None.

    >>> spec = ResourceSpec(address="a", type="aws_instance", provider="aws", notes=(PROVIDER_UNREADABLE + "x",))
    >>> provider_problem(spec)
    'provider not read: x'
    """
    return next((n for n in spec.notes if n.startswith(PROVIDER_UNREADABLE)), None)


def _unreadable_note(problem: str) -> str:
    return (f"{PROVIDER_UNREADABLE}{problem}: listed and not priced (a provider costlib does not know may bill "
            "differently); fix the plan's provider_name or use the provider costlib prices")


def load_plan(path: str | Path, *, limits: Limits | None = None) -> dict[str, Any]:
    """Read and check a plan JSON file, guarded (:mod:`costlib.inputs.readers`); errors name the file (and line
    for bad JSON)."""
    path = Path(path)
    doc = read_json(path, limits=limits)
    check_plan(doc, str(path))
    return dict(doc)


def load_plan_document(doc: Any, *, where: str = "request body", limits: Limits | None = None,
                       default_aws_region: str = "us-east-1") -> list[ResourceSpec]:
    """Specs from a plan something else parsed (the body of ``POST /v1/estimate``, a plan Slack fetched, a Python
    caller's dict): nesting, numbers and the number of resources checked first (:func:`check_document`), then
    :func:`plan_specs`. ``where`` names the document in errors.

    >>> load_plan_document({"format_version": "1.2", "planned_values": {"root_module": {"resources": [
    ...     {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "values": {"size": float("inf")}}]}}})
    Traceback (most recent call last):
    ...
    costlib.errors.InputError: request body: planned_values.root_module.resources[0].values.size: inf is not a \
number costlib reads (a finite decimal, please)
    """
    lim = resolve_limits(limits)
    check_document(doc, where=where, limits=lim)
    return plan_specs(doc, where=where, default_aws_region=default_aws_region, limits=lim)


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


def _is_data(res: Mapping[str, Any], address: str) -> bool:
    """A data source (not a resource): ``mode`` ``data``, or no mode and a ``data.`` address. Any other mode is
    read as managed: a resource is never dropped for a mode costlib does not know."""
    mode = res.get("mode")
    if isinstance(mode, str) and mode.strip().lower() == "data":
        return True
    return mode is None and (address.startswith("data.") or ".data." in address)


def _address_and_type(res: Mapping[str, Any], where: str, index: int, what: str) -> tuple[str, str]:
    address, rtype = res.get("address"), res.get("type")
    if not isinstance(address, str) or not address.strip():
        raise InputError(f"a resource without an address ({what}[{index}]: {address!r})", where=where)
    if not isinstance(rtype, str) or not rtype.strip():
        raise InputError(f"no resource type ({rtype!r})", where=f"{where}: {address}")
    return address, rtype


def plan_specs(doc: Mapping[str, Any], *, where: str = "plan", default_aws_region: str = "us-east-1",
               limits: Limits | None = None) -> list[ResourceSpec]:
    """Every managed resource the plan will leave in place (planned values), as specs; for the JSON of a state
    (:func:`is_state`), every managed resource it holds, each with the action ``no-op`` and :data:`STATE_NOTE`.

    A resource whose provider cannot be read (:func:`read_provider`) is listed with a
    :data:`PROVIDER_UNREADABLE` note, which the estimate shows as its reason for not pricing it. More resources
    than ``limits.max_resources`` are refused before any is read."""
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
    found = list(_walk(_mapping(planned.get("root_module"), f"{top}.root_module", where), where))
    check_resource_count(len(found), where=where, limits=limits, what=f"its {top} hold")
    providers: dict[tuple[str | None, str], tuple[str | None, str | None]] = {}  # read once per name and type
    for i, res in enumerate(found):
        address, rtype = _address_and_type(res, where, i, f"{top} resources")
        if _is_data(res, address):
            continue
        name = res.get("provider_name")
        if name is None or isinstance(name, str):
            read = providers.get((name, rtype))
            if read is None:
                read = providers[(name, rtype)] = read_provider(name, rtype)
            provider, problem = read
        else:
            provider, problem = read_provider(name, rtype)
        if provider is None:
            continue  # not a cloud we price (random, null, kubernetes ...): nothing to say about cost
        values = res.get("values") or {}
        if not isinstance(values, dict):
            raise InputError("values is not an object", where=f"{where}: {address}")
        region = _region_for(address, provider, values, regions, keys)
        notes: tuple[str, ...] = (STATE_NOTE,) if state else ()
        if problem is not None:
            notes = (*notes, _unreadable_note(problem))
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


def plan_changes(doc: Mapping[str, Any], *, where: str = "plan", default_aws_region: str = "us-east-1",
                 limits: Limits | None = None) -> list[tuple[ResourceSpec | None, ResourceSpec | None]]:
    """(before, after) spec pairs from ``resource_changes``; None where the resource does not exist. Both sides
    carry the plan's action (create, update, replace, delete, no-op)."""
    check_plan(doc, where)
    if is_state(doc):
        raise InputError("this is the JSON of a Terraform state (`terraform show -json` without a plan file): it has "
                         "no changes; diff a plan (`terraform show -json plan.out`) or two plans or states", where=where)
    regions, keys = _regions(doc, where)
    actions = _actions(doc, where)
    pairs: list[tuple[ResourceSpec | None, ResourceSpec | None]] = []
    changes = _changes(doc, where)
    check_resource_count(len(changes), where=where, limits=limits, what="its resource_changes hold")
    for i, change in enumerate(changes):
        address, rtype = _address_and_type(change, where, i, "resource_changes")
        if _is_data(change, address):
            continue
        provider, problem = read_provider(change.get("provider_name"), rtype)
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
            if body.get(side) is not None and not isinstance(body.get(side), dict):
                raise InputError(f"change.{side} is not an object", where=f"{where}: {address}")
        if body.get("before") is None and body.get("after") is None:
            raise InputError("neither change.before nor change.after is an object: nothing says what the resource "
                             "is (a resource is never left out of a diff unsaid)", where=f"{where}: {address}")
        for side in ("before", "after"):
            values = body.get(side)
            if values is None:
                sides.append(None)
                continue
            region = _region_for(located, provider, values, regions, keys)
            notes: tuple[str, ...] = () if problem is None else (_unreadable_note(problem),)
            if region is None and provider == "aws":
                region, notes = default_aws_region, (*notes, _assumed(default_aws_region))
            sides.append(ResourceSpec(address=address, type=rtype, provider=provider, region=region,
                                      attributes=values, location=where, action=action, notes=notes))
        pairs.append((sides[0], sides[1]))
    return pairs
