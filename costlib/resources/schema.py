"""The typed vocabulary of resource types: inputs models, usage schemas and the field types they are made of.

Every registered resource type has a frozen **inputs model** (its Terraform attributes, parsed and validated
once) and a frozen **usage model** (the usage figures a usage file can give it). Both are pydantic models
built from the field types below, which carry their bounds: a disk of 10^30 GB, a NaN, ``"two"`` nodes or a
negative request count is refused when the resource is read, naming the attribute, never a $10^29 total.

>>> class Volume(AwsInputs):
...     size: GB = Decimal(8)
...     type: Annotated[str, choice("gp2", "gp3")] = "gp2"
>>> v = Volume.model_validate({"region": "us-east-1", "size": "100", "type": "GP3"})
>>> (v.size, v.type)
(Decimal('100'), 'gp3')
>>> describe_errors(_errors(Volume, {"region": "us-east-1", "size": "huge"}))
["size: 'huge' is not a number"]

Conventions (kept by tests): attribute names are Terraform's; nested blocks are :data:`Block` (one) or
:data:`Blocks` (a list) of a :class:`Model`; an absent or null attribute takes the model's default, which is
the default the provider applies; usage keys carry a unit and one line of documentation (:func:`usage_key`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "GB",
    "GIB",
    "HOURS_IN_MONTH",
    "MB",
    "Amount",
    "AwsInputs",
    "AzureInputs",
    "Block",
    "Blocks",
    "Count",
    "GcpInputs",
    "Hours",
    "Inputs",
    "Milliseconds",
    "Model",
    "NoUsage",
    "Percent",
    "Quantity",
    "Rate",
    "Usage",
    "as_list",
    "choice",
    "describe_errors",
    "gcp_region_of_zone",
    "input_keys",
    "nested_model",
    "usage_key",
    "usage_keys",
    "without_nulls",
]

T = TypeVar("T")


# --- base models -----------------------------------------------------------------------------------------
class Model(BaseModel):
    """A frozen block of attributes (also the base of nested blocks such as ``root_block_device``).

    Null values are dropped before validation (by :func:`without_nulls` at the top level and by :data:`Block`
    and :data:`Blocks` inside), so an attribute a plan writes as ``null`` takes its default. Numbers given where
    a word is expected are read as text (``size: 100`` in a spec file).
    """

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True, coerce_numbers_to_str=True,
                              populate_by_name=True, protected_namespaces=(), validate_default=False)


class Inputs(Model):
    """The inputs of one resource: its attributes plus the region the input layer resolved."""

    region: str


class AwsInputs(Inputs):
    """AWS: the region code (``us-east-1``); an availability zone (``us-east-1a``) gives its region."""

    @model_validator(mode="before")
    @classmethod
    def _region_from_zone(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and not data.get("region"):
            zone = data.get("availability_zone")
            if isinstance(zone, str) and len(zone) > 1 and zone[-1].isalpha():
                return {**data, "region": zone[:-1]}
        return data


class AzureInputs(Inputs):
    """Azure: the ARM region name (``West Europe`` -> ``westeurope``), from the resource's ``location``."""

    @model_validator(mode="before")
    @classmethod
    def _region_from_location(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            loc = data.get("region") or data.get("location")
            if isinstance(loc, str) and loc:
                norm = loc.replace(" ", "").lower()
                if norm != data.get("region"):
                    return {**data, "region": norm}
        return data


def gcp_region_of_zone(zone: str) -> str:
    """``us-central1-a`` -> ``us-central1`` (a region stays as it is).

    >>> gcp_region_of_zone("europe-west4-b"), gcp_region_of_zone("us-east1")
    ('europe-west4', 'us-east1')
    """
    head, sep, tail = zone.rpartition("-")
    if sep and len(tail) == 1 and tail.isalpha() and head[-1:].isdigit():
        return head
    return zone


class GcpInputs(Inputs):
    """GCP: the region (``us-central1``), from the provider, ``region``, ``zone`` or ``location``."""

    @model_validator(mode="before")
    @classmethod
    def _region_from_zone(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            loc = data.get("region") or data.get("zone") or data.get("location")
            if isinstance(loc, str) and loc:
                norm = gcp_region_of_zone(loc.lower())
                if norm != data.get("region"):
                    return {**data, "region": norm}
        return data


class Usage(Model):
    """The usage figures of one resource (a usage file's entry for it). Every field is a :func:`usage_key`."""


class NoUsage(Usage):
    """A resource type that reads no usage."""


# --- field types -----------------------------------------------------------------------------------------
def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    return value


def Amount(lo: Decimal | int, hi: Decimal | int) -> Any:
    """A decimal quantity within ``[lo, hi]`` (finite; booleans refused)."""
    return Annotated[Decimal, BeforeValidator(_no_bool), Field(ge=Decimal(lo), le=Decimal(hi), allow_inf_nan=False)]


#: Sizes in GB / GiB: a disk, a bucket, a database (up to an exabyte).
GB = Amount(0, 10**9)
GIB = GB
#: Memory or payloads in MB (up to a petabyte, far above any instance).
MB = Amount(0, 10**9)
#: Monthly quantities of things counted (requests, messages, queries): up to 10^15 a month.
Quantity = Amount(0, 10**15)
#: Hours in a month a thing runs (at most 744, the longest month).
HOURS_IN_MONTH = Amount(0, 744)
#: Hours accumulated over a month by many units (capacity-unit hours, node hours): up to 10^9.
Hours = Amount(0, 10**9)
#: Durations in milliseconds (up to a day).
Milliseconds = Amount(0, 86_400_000)
#: A percentage.
Percent = Amount(0, 100)
#: A rate per second (IOPS, throughput in MB/s, requests per second): up to 10^9.
Rate = Amount(0, 10**9)
#: A whole number of things that exist at once (nodes, instances, shards, replicas): up to a million.
Count = Annotated[int, BeforeValidator(_no_bool), Field(ge=0, le=1_000_000)]


def without_nulls(value: Any) -> Any:
    """A mapping without its null values (anything else as it is)."""
    if isinstance(value, Mapping):
        return {k: v for k, v in value.items() if v is not None}
    return value


def _first_block(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return without_nulls(value)


def _block_list(value: Any) -> Any:
    if isinstance(value, Mapping):
        return [without_nulls(value)]
    if isinstance(value, list | tuple):
        return [without_nulls(v) for v in value]
    return value


#: One nested block: Terraform writes blocks as a list of objects; a spec file may give one object.
Block = Annotated[T | None, BeforeValidator(_first_block)]
#: A list of nested blocks (one object is read as a list of one).
Blocks = Annotated[tuple[T, ...], BeforeValidator(_block_list)]


def as_list(value: Any) -> Any:
    """A word or a list of words, read as a list (``architectures: arm64``)."""
    if isinstance(value, str):
        return [value]
    return value


def choice(*values: str, aliases: Mapping[str, str] | None = None, case: bool = False,
           what: str | None = None) -> BeforeValidator:
    """A validator for one of ``values`` (case-insensitive unless ``case``), returning the canonical spelling;
    ``what`` names the thing in the error (``unknown EBS volume type 'gp9'; expected one of ...``).

    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(Annotated[str, choice("Standard", "Premium")]).validate_python("premium")
    'Premium'
    """
    canon = {(v if case else v.lower()): v for v in values}
    for alias, target in (aliases or {}).items():
        canon[alias if case else alias.lower()] = target
    listed = ", ".join(values)

    def refuse(value: Any) -> ValueError:
        shown = _shown(value)
        return ValueError(f"unknown {what} {shown}; expected one of {listed}" if what else
                          f"{shown} is not one of {listed}")

    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise refuse(value)
        key = str(value).strip()
        found = canon.get(key if case else key.lower())
        if found is None:
            raise refuse(value)
        return found

    return BeforeValidator(check)


def usage_key(doc: str, *, unit: str, default: Any = None) -> Any:
    """A usage field: its one-line documentation, its unit and its default (None: usage-based until given).

    >>> class LambdaUsage(Usage):
    ...     monthly_requests: Quantity | None = usage_key("Requests a month", unit="requests")
    >>> usage_keys(LambdaUsage)["monthly_requests"]
    ('Requests a month', 'requests', None)
    """
    return Field(default, description=doc, json_schema_extra={"unit": unit})


def usage_keys(model: type[Usage]) -> dict[str, tuple[str, str, Any]]:
    """The usage keys of a usage model: key -> (documentation, unit, default); nested models by their key."""
    out: dict[str, tuple[str, str, Any]] = {}
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        out[info.alias or name] = (info.description or "", str(extra.get("unit", "")), info.default)
    return out


def nested_model(annotation: Any) -> type[Model] | None:
    """The :class:`Model` inside an annotation such as ``Block[VolumeUsage]`` (``Annotated[X | None, ...]``)."""
    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and issubclass(ann, Model):
            return ann
        stack.extend(getattr(ann, "__args__", ()) or ())
        origin = getattr(ann, "__origin__", None)
        if origin is not None and origin is not ann:
            stack.append(origin)
    return None


def input_keys(model: type[Model]) -> tuple[str, ...]:
    """The attribute names a model reads (aliases where set), so the input layer hands it only those."""
    cached: tuple[str, ...] | None = model.__dict__.get("_costlib_keys")
    if cached is None:
        cached = tuple(info.alias or name for name, info in model.model_fields.items())
        type.__setattr__(model, "_costlib_keys", cached)
    return cached


# --- errors ----------------------------------------------------------------------------------------------
def _loc(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_NOT_A_NUMBER = {"decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "float_type"}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_errors(errors: Iterable[Mapping[str, Any]]) -> list[str]:
    """pydantic's errors as short sentences naming the attribute path: ``size: 'huge' is not a number``."""
    out: list[str] = []
    for err in errors:
        loc = tuple(p for p in err.get("loc", ()) if not (isinstance(p, str) and p.startswith("function-")))
        # drop the union/annotated branches pydantic inserts into the path
        loc = tuple(p for p in loc if p not in ("tuple[...]",) and not str(p).startswith(("function-", "json-")))
        where = _loc(loc) or "value"
        kind, value = err.get("type", ""), err.get("input")
        ctx = err.get("ctx") or {}
        if kind in _NOT_A_NUMBER:
            text = f"{_shown(value)} is not a number"
        elif kind == "int_from_float":
            text = f"{_shown(value)} is not a whole number"
        elif kind == "finite_number":
            text = f"{_shown(value)} is not a finite number"
        elif kind in ("greater_than_equal", "greater_than"):
            text = f"{_shown(value)} is below the minimum {ctx.get('ge', ctx.get('gt'))}"
        elif kind in ("less_than_equal", "less_than"):
            text = f"{_shown(value)} is above the maximum {ctx.get('le', ctx.get('lt'))}"
        elif kind == "missing":
            text = "is required"
        elif kind in ("bool_parsing", "bool_type"):
            text = f"{_shown(value)} is not true or false"
        elif kind == "string_type":
            text = f"{_shown(value)} is not text"
        elif kind in ("list_type", "tuple_type"):
            text = f"{_shown(value)} is not a list"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            text = f"{_shown(value)} is not a block of attributes"
        elif kind == "value_error":
            text = str(err.get("msg", "")).removeprefix("Value error, ")
        else:
            text = str(err.get("msg", kind))
        out.append(f"{where}: {text}")
    return out


def _errors(model: type[BaseModel], data: Any) -> list[Any]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return list(exc.errors())
    return []

