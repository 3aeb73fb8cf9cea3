"""A usage file template for a set of resources: every usage key their types read, documented, with defaults.

Keys with a default the estimate already assumes are written with it; keys without one (the figures a
usage-based component waits for) are written commented out, so the template changes no estimate until a
figure is filled in. Nested sections (a volume of an instance, a storage class of a bucket) are nested.

>>> from costlib.models import ResourceSpec
>>> print(usage_template([ResourceSpec(address="aws_nat_gateway.main", type="aws_nat_gateway", provider="aws",
...                                    region="us-east-1")]), end="")
# costlib usage file: costlib estimate PLAN --usage THIS_FILE
# Commented keys are figures the estimate waits for: uncomment them and set what you expect.
version: 0.1
resource_usage:
  aws_nat_gateway.main:
    # monthly_data_processed_gb: 0  # GB: Data processed by the gateway a month
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from costlib.errors import CostlibError
from costlib.inputs.generic import is_generic, native_parts
from costlib.models import ResourceSpec
from costlib.resources import registry
from costlib.resources.schema import Model, nested_model

__all__ = ["usage_template"]

HEADER = ("# costlib usage file: costlib estimate PLAN --usage THIS_FILE\n"
          "# Commented keys are figures the estimate waits for: uncomment them and set what you expect.")


def _lines(model: type[Model], indent: int, seen: set[str] | None = None, commented: bool = False) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        if seen is not None:
            if key in seen:
                continue
            seen.add(key)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        unit = str(extra.get("unit", ""))
        doc = info.description or ""
        note = f"  # {unit + ': ' if unit else ''}{doc}" if doc or unit else ""
        nested = nested_model(info.annotation)
        if nested is not None and nested.model_fields:
            out.append(f"{pad}# {key}:{note}")
            out += _lines(nested, indent + 2, commented=True)
        elif info.default is not None and not commented:
            out.append(f"{pad}{key}: {_shown(info.default)}{note}")
        else:
            value = _shown(info.default) if info.default is not None else ("0" if _numeric(info.annotation) else "~")
            out.append(f"{pad}# {key}: {value}{note}")
    return out


def _numeric(annotation: Any) -> bool:
    """Whether a usage field holds a number (its placeholder is 0) rather than a word or a flag (``~``)."""
    stack = [annotation]
    while stack:
        ann = stack.pop()
        if ann is bool:
            return False
        if ann in (int, Decimal, float):
            return True
        stack.extend(getattr(ann, "__args__", ()) or ())
    return False


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _usage_models(spec: ResourceSpec) -> list[type[Model]]:
    """The usage models of a resource's types (none when the resource cannot be read: it has no entry)."""
    try:
        if is_generic(spec.type):
            natives = native_parts(spec.type, spec.provider, spec.attributes, spec.region)
            return [registry.lookup(t).usage for t, _ in natives]
        if registry.registered(spec.type):
            return [registry.lookup(spec.type).usage]
    except CostlibError:
        return []
    return []


_INDEX = re.compile(r"\[[^\]]*\]$")


def usage_template(specs: Iterable[ResourceSpec]) -> str:
    """The text of a usage file with an entry per resource that reads usage (in the order given); the instances
    of one ``count``/``for_each`` resource share one ``name[*]`` entry."""
    body: list[str] = []
    entries: dict[str, ResourceSpec] = {}
    for spec in specs:
        base = _INDEX.sub("", spec.address)
        key = f"{base}[*]" if base != spec.address else spec.address
        entries.setdefault(key, spec)
    for address, spec in entries.items():
        models = [m for m in _usage_models(spec) if m.model_fields]
        if not models:
            continue
        body.append(f'  "{address}":' if "[" in address or '"' in address else f"  {address}:")
        seen: set[str] = set()
        for model in models:
            body += _lines(model, 4, seen)
    return "\n".join([HEADER, "version: 0.1", "resource_usage:" if body else "resource_usage: {}", *body]) + "\n"
