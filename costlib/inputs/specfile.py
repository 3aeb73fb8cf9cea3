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

Errors name the file and the line of the offending resource (``where: resources[3]`` where the document has no
lines). Every value of the top-level keys is checked here: ``name``, ``type`` and ``provider`` are words (a
``region`` that is not one of the provider's is that resource's ``price_not_found``), ``count`` a whole number,
and what ``count`` expands to across the file is refused, before anything is expanded, when it is over
:class:`~costlib.inputs.readers.Limits` ``max_resources`` (100,000 by default). ``size``, ``vcpu`` and
``memory_gb`` go to the resource's typed inputs, which bound them. YAML dates stay text (as in a plan).

>>> parse_spec_document({"resources": [{"type": "compute.instance", "provider": "aws", "count": 100000000}]},
...                     where="request body")
Traceback (most recent call last):
...
costlib.errors.LimitError: request body: resources[0]: count: 100000000 expands to 100,000,000 resources, over the \
limit of 100,000 resources (Limits.max_resources; --max-resources or COSTLIB_MAX_RESOURCES raises it)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from costlib.errors import InputError
from costlib.inputs.readers import (
    Limits,
    check_document,
    check_resource_count,
    parse_json,
    parse_yaml,
    read_text,
    resolve_limits,
)
from costlib.models import ResourceSpec

__all__ = ["load_spec_document", "load_spec_file", "parse_spec_document", "parse_spec_text", "spec_resource_count"]

_TOP = {"name", "address", "type", "provider", "region", "size", "count", "attributes", "usage", "vcpu", "memory_gb"}
_WORDS = ("name", "address", "type", "provider")


def _lines(text: str) -> list[int]:
    """Line (1-based) of each item of the top-level ``resources`` list in a YAML/JSON document, from the parser's
    events (no document is built: the text was read by the guarded reader already)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    depth, lines, key, in_resources = 0, [], None, False
    mark: Any
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            mark = event.start_mark
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if in_resources and depth == 2:
                    lines.append(mark.line + 1)
                depth += 1
                if depth == 2 and key == "resources" and isinstance(event, yaml.SequenceStartEvent):
                    in_resources = True
                key = None
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
                if in_resources and depth == 1:
                    return lines
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if in_resources and depth == 2:
                    lines.append(mark.line + 1)
                key = event.value if depth == 1 and key is None and isinstance(event, yaml.ScalarEvent) else None
    except yaml.YAMLError:
        return []
    finally:
        loader.dispose()
    return lines


def _count(item: Any, here: str) -> int:
    count = item.get("count", 1) if isinstance(item, dict) else 1
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise InputError(f"count must be a whole number, got {count!r}", where=here)
    return count


def spec_resource_count(doc: Any, *, where: str = "spec", lines: list[int] | None = None) -> int:
    """How many resources a spec document expands to (each item's ``count``, default 1), without expanding it:
    the check a service runs on a request body before any other work.

    >>> spec_resource_count({"resources": [{"count": 3}, {}, {"count": 0}]})
    4
    """
    items = doc.get("resources") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise InputError("a spec file needs a top-level 'resources' list", where=where)
    lines = lines or []
    return sum(_count(item, f"{where}:{lines[i]}" if i < len(lines) else f"{where}: resources[{i}]")
               for i, item in enumerate(items))


def parse_spec_document(doc: Any, *, where: str, lines: list[int] | None = None, limits: Limits | None = None
                        ) -> list[ResourceSpec]:
    """Specs from an already-parsed document (``{"resources": [...]}``); the number of resources it expands to is
    checked against ``limits`` first."""
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        raise InputError("a spec file needs a top-level 'resources' list", where=where)
    lim = resolve_limits(limits)
    lines = lines or []

    def place(i: int) -> str:
        return f"{where}:{lines[i]}" if i < len(lines) else f"{where}: resources[{i}]"

    total = 0
    for i, item in enumerate(doc["resources"]):
        count = _count(item, place(i))
        total += count
        if count > lim.max_resources:
            check_resource_count(count, where=place(i), limits=lim, what=f"count: {count} expands to")
    check_resource_count(total, where=where, limits=lim, what="its resources and counts expand to")
    specs: list[ResourceSpec] = []
    seen: set[str] = set()
    for i, item in enumerate(doc["resources"]):
        here = place(i)
        if not isinstance(item, dict):
            raise InputError("each resource is a mapping", where=here)
        unknown = set(item) - _TOP
        if unknown:
            raise InputError(f"unknown keys {sorted(map(str, unknown))} (put resource arguments under 'attributes')",
                             where=here)
        for key in ("type", "provider"):
            if not item.get(key):
                raise InputError(f"'{key}' is required", where=here)
        for key in _WORDS:
            value = item.get(key)
            if value is not None and not isinstance(value, str):
                raise InputError(f"'{key}' is a word, not {type(value).__name__} {value!r}", where=here)
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
        count = _count(item, here)
        addresses = [name] if count == 1 and "count" not in item else [f"{name}[{n}]" for n in range(count)]
        for address in addresses:
            if address in seen:
                raise InputError(f"duplicate resource name {address!r}", where=here)
            seen.add(address)
            try:
                specs.append(ResourceSpec(address=address, type=str(item["type"]), provider=str(item["provider"]),
                                          region=str(item["region"]) if item.get("region") else None,
                                          attributes=attrs, usage=usage, location=here))
            except InputError as exc:  # an unknown provider: named with the file and line, not the address alone
                raise InputError(f"{address}: {exc.message}", where=here) from None
    return specs


def load_spec_document(doc: Any, *, where: str = "request body", limits: Limits | None = None) -> list[ResourceSpec]:
    """Specs from a spec document something else parsed (a request body): nesting and numbers checked
    (:func:`~costlib.inputs.readers.check_document`) and the count checked before anything is expanded.

    >>> [s.address for s in load_spec_document({"resources": [{"name": "w", "type": "compute.instance",
    ...                                                         "provider": "aws", "count": 2}]})]
    ['w[0]', 'w[1]']
    """
    lim = resolve_limits(limits)
    check_document(doc, where=where, limits=lim)
    return parse_spec_document(doc, where=where, limits=lim)


def parse_spec_text(text: str, *, where: str, limits: Limits | None = None,
                    format: Literal["json", "yaml"] = "yaml") -> list[ResourceSpec]:
    """Specs from the text of a spec file, read by the guarded JSON or YAML reader (a key given twice is an error);
    errors name ``where`` and the line of the resource."""
    lim = resolve_limits(limits)
    doc = (parse_json(text, where=where, limits=lim, unique_keys=True) if format == "json"
           else parse_yaml(text, where=where, limits=lim))
    return parse_spec_document(doc, where=where, lines=_lines(text), limits=lim)


def load_spec_file(path: str | Path, *, limits: Limits | None = None) -> list[ResourceSpec]:
    """Read a YAML or JSON spec file, guarded (:mod:`costlib.inputs.readers`)."""
    path = Path(path)
    return parse_spec_text(read_text(path, limits=limits), where=str(path), limits=limits,
                           format="json" if path.suffix == ".json" else "yaml")
