"""Resource specs -> the typed inputs and usage of their registered types, parsed once.

Every input format (plan JSON, HCL, CloudFormation, spec files, Python objects) produces
:class:`~costlib.models.ResourceSpec` s with Terraform attribute names; :func:`parse` turns one into the frozen
inputs and usage models of its type (a provider-agnostic type into the models of its provider's types). A value
that cannot be read is an :class:`~costlib.errors.InputError` naming the resource and the attribute path.

>>> from costlib.models import ResourceSpec
>>> spec = ResourceSpec(address="aws_ebs_volume.data", type="aws_ebs_volume", provider="aws", region="us-east-1",
...                     attributes={"type": "gp3", "size": 100, "tags": {"team": "web"}})
>>> part = parse(spec).parts[0]
>>> (part.rtype.name, part.inputs.size, part.inputs.type)
('aws_ebs_volume', Decimal('100'), 'gp3')
>>> bad = ResourceSpec(address="aws_elasticache_cluster.c", type="aws_elasticache_cluster", provider="aws",
...                    region="us-east-1", attributes={"node_type": "cache.t3.micro", "num_cache_nodes": "two"})
>>> parse(bad)
Traceback (most recent call last):
...
costlib.errors.InputError: aws_elasticache_cluster.c: num_cache_nodes: 'two' is not a number
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from costlib.errors import InputError
from costlib.inputs.generic import is_generic, native_parts
from costlib.models import ResourceSpec
from costlib.resources import registry
from costlib.resources.registry import ResourceType
from costlib.resources.schema import Inputs, Model, Usage, describe_errors, input_keys, nested_model, without_nulls

__all__ = ["Parsed", "Part", "parse", "unknown_usage_keys"]


@dataclass(frozen=True, slots=True)
class Part:
    """One priced part of a resource: its registered type with its inputs and usage."""

    rtype: ResourceType
    inputs: Inputs
    usage: Usage


@dataclass(frozen=True, slots=True)
class Parsed:
    """A resource, read: its parts (one, or several for a provider-agnostic type) and what had to be assumed.

    ``defaulted`` names attributes known only after apply whose provider default was used.
    """

    spec: ResourceSpec
    parts: tuple[Part, ...]
    defaulted: tuple[str, ...] = ()


_REGION_HINT = {"aws": "set the provider region or the resource's availability_zone",
                "azure": "set the resource's location", "gcp": "set the provider region, the zone or the location"}


def _fail(spec: ResourceSpec, errors: list[Any], *, usage: bool) -> InputError:
    lines = describe_errors(errors)
    unknown = set(spec.unknown)
    out = []
    for err, line in zip(errors, lines, strict=True):
        loc = err.get("loc", ())
        head = str(loc[0]) if loc else ""
        if not usage and head == "region" and err.get("type") == "missing":
            line = f"no region: {_REGION_HINT.get(spec.provider, 'set the region')}"
        elif not usage and head in unknown:
            line += f" ({head} known only after apply)"
        out.append(("usage " if usage else "") + line)
    return InputError("; ".join(out), where=spec.address)


def _inputs(spec: ResourceSpec, rtype: ResourceType, attributes: Mapping[str, Any]) -> tuple[Inputs, tuple[str, ...]]:
    model = rtype.inputs
    data: dict[str, Any] = {}
    for key in input_keys(model):
        value = attributes.get(key)
        if value is not None:
            data[key] = value
    if spec.region:
        data["region"] = spec.region
    try:
        inputs = model.model_validate(data)
    except ValidationError as exc:
        raise _fail(spec, list(exc.errors()), usage=False) from None
    defaulted = tuple(k for k in spec.unknown if k in model.model_fields and k not in data) if spec.unknown else ()
    return inputs, defaulted


_NO_USAGE: dict[type[Usage], Usage] = {}


def _usage(spec: ResourceSpec, rtype: ResourceType) -> Usage:
    if not spec.usage:
        empty = _NO_USAGE.get(rtype.usage)
        if empty is None:
            empty = _NO_USAGE[rtype.usage] = rtype.usage()
        return empty
    try:
        return rtype.usage.model_validate(without_nulls(spec.usage))
    except ValidationError as exc:
        raise _fail(spec, list(exc.errors()), usage=True) from None


def parse(spec: ResourceSpec) -> Parsed:
    """The typed parts of ``spec``; :class:`InputError` naming the resource and attribute when one cannot be read,
    :class:`~costlib.errors.UnsupportedResourceError` when its type has no cost function."""
    if is_generic(spec.type):
        try:
            natives = native_parts(spec.type, spec.provider, spec.attributes, spec.region)
        except InputError as exc:
            raise InputError(exc.message, where=spec.address) from None
        parts = []
        for rtype_name, attrs in natives:
            rtype = registry.lookup(rtype_name)
            inputs, _ = _inputs(spec, rtype, attrs)
            parts.append(Part(rtype, inputs, _usage(spec, rtype)))
        return Parsed(spec, tuple(parts))
    rtype = registry.lookup(spec.type)
    inputs, defaulted = _inputs(spec, rtype, spec.attributes)
    return Parsed(spec, (Part(rtype, inputs, _usage(spec, rtype)),), defaulted)


def unknown_usage_keys(model: type[Model], values: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Usage keys in ``values`` that ``model`` does not read (nested sections by ``section.key``).

    >>> from costlib.resources.aws.ec2 import InstanceUsage
    >>> unknown_usage_keys(InstanceUsage, {"monthly_hrs": 100, "montly_hrs": 1, "root_block_device": {"x": 1}})
    ['montly_hrs', 'root_block_device.x']
    """
    out: list[str] = []
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    for key, value in values.items():
        info = fields.get(key)
        if info is None:
            out.append(prefix + key)
            continue
        nested = nested_model(info.annotation)
        if nested is not None and isinstance(value, Mapping):
            out += unknown_usage_keys(nested, value, f"{prefix}{key}.")
    return out
