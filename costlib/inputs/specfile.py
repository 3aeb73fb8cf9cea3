"""Resource spec files (YAML or JSON) for people who do not write Terraform.

::

    resources:
      - name: web                      # address (unique)
        type: compute.instance         # a generic type or a Terraform type (aws_instance ...)
        provider: aws
        region: us-east-1
        size: m5.large                 # or vcpu: 4 and memory_gb: 16
        count: 2                       # optional: expands to web[0], web[1]
        attributes: {...}              # optional: anything else the cost function reads
        usage: {monthly_requests: 1e6} # optional

Errors name the file and the line of the offending resource.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from costlib.errors import InputError
from costlib.inputs._files import read_input
from costlib.models import ResourceSpec

__all__ = ["load_spec_file", "parse_spec_document"]

_TOP = {"name", "address", "type", "provider", "region", "size", "count", "attributes", "usage", "vcpu", "memory_gb"}


def _lines(text: str) -> list[int]:
    """Line (1-based) of each item of the ``resources`` list in a YAML/JSON document."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "resources" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def parse_spec_document(doc: Any, *, where: str, lines: list[int] | None = None) -> list[ResourceSpec]:
    """Specs from an already-parsed document (``{"resources": [...]}``)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        raise InputError("a spec file needs a top-level 'resources' list", where=where)
    lines = lines or []
    specs: list[ResourceSpec] = []
    seen: set[str] = set()
    for i, item in enumerate(doc["resources"]):
        here = f"{where}:{lines[i]}" if i < len(lines) else f"{where}: resources[{i}]"
        if not isinstance(item, dict):
            raise InputError("each resource is a mapping", where=here)
        unknown = set(item) - _TOP
        if unknown:
            raise InputError(f"unknown keys {sorted(unknown)} (put resource arguments under 'attributes')", where=here)
        for key in ("type", "provider"):
            if not item.get(key):
                raise InputError(f"'{key}' is required", where=here)
        name = str(item.get("name") or item.get("address") or f"{item['type']}.{i}")
        if not isinstance(item.get("attributes") or {}, dict):
            raise InputError("'attributes' is a mapping", where=here)
        attrs = dict(item.get("attributes") or {})
        for key in ("size", "vcpu", "memory_gb"):
            if key in item:
                attrs[key] = item[key]
        usage = item.get("usage") or {}
        if not isinstance(usage, dict):
            raise InputError("'usage' is a mapping", where=here)
        count = item.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise InputError(f"count must be a whole number, got {count!r}", where=here)
        addresses = [name] if count == 1 and "count" not in item else [f"{name}[{n}]" for n in range(count)]
        for address in addresses:
            if address in seen:
                raise InputError(f"duplicate resource name {address!r}", where=here)
            seen.add(address)
            specs.append(ResourceSpec(address=address, type=str(item["type"]), provider=str(item["provider"]),
                                      region=str(item["region"]) if item.get("region") else None, attributes=attrs,
                                      usage=usage, location=here))
    return specs


def load_spec_file(path: str | Path) -> list[ResourceSpec]:
    """Read a YAML or JSON spec file."""
    path = Path(path)
    text = read_input(path)
    try:
        doc = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", where=f"{path}:{exc.lineno}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", where=f"{path}{line}") from None
    return parse_spec_document(doc, where=str(path), lines=_lines(text))
