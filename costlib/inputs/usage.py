"""Usage files: per-type defaults and per-address values (with wildcards), as Infracost's usage file.

::

    version: 0.1
    resource_type_default_usage:
      aws_lambda_function:
        monthly_requests: 1000000
        request_duration_ms: 250
    resource_usage:
      aws_lambda_function.api:         # an exact address
        monthly_requests: 50000000
      "module.app.aws_s3_bucket.*":    # a wildcard
        storage_gb: 200

Values are numbers, words, booleans or nested sections (``root_block_device: {...}``, ``standard: {...}``);
each resource type's usage schema says which keys it reads and checks their values when the resource is
priced (a wrong value gives that resource a status naming the key; a key no schema reads is a warning).
Per-address values override per-type defaults, section by section; the most specific pattern wins.

>>> u = Usage.from_document({"resource_type_default_usage": {"aws_s3_bucket": {"storage_gb": 10}},
...                          "resource_usage": {"aws_s3_bucket.logs": {"storage_gb": 500}}}, where="usage.yml")
>>> u.for_resource("aws_s3_bucket.logs", "aws_s3_bucket")["storage_gb"]
500
>>> u.for_resource("aws_s3_bucket.x", "aws_s3_bucket")
{'storage_gb': 10}
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from costlib.errors import InputError
from costlib.inputs.readers import Limits, check_document, read_json, read_yaml, resolve_limits

__all__ = ["Usage", "load_usage", "merge_usage"]


#: no usage figure is above this (10^18 requests, GB or hours a month is beyond any real bill)
_MOST = Decimal(10) ** 18
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_TYPE_IN_ADDRESS = re.compile(r"(?:^|\.)((?:aws|azurerm|google)_[a-z0-9_]+)\.")


def _figure(value: Decimal, here: str) -> Decimal:
    if not value.is_finite() or value < 0:
        raise InputError(f"{value} must be a finite, non-negative number", where=here)
    if value > _MOST:
        raise InputError(f"{value} is beyond any real bill (usage figures are at most 10^18)", where=here)
    return value


def _check(values: Any, where: str) -> dict[str, Any]:
    """A usage entry: keys to numbers, words, booleans or nested entries (floats read exactly as decimals).
    Usage figures are never negative, infinite or beyond any real bill, whatever the key."""
    if not isinstance(values, dict):
        raise InputError("expected a mapping of usage keys to values", where=where)
    out: dict[str, Any] = {}
    for key, value in values.items():
        here = f"{where}.{key}"
        if not isinstance(key, str):
            raise InputError(f"usage key {key!r} is not a name", where=where)
        if isinstance(value, dict):
            out[key] = _check(value, here)
        elif isinstance(value, bool) or value is None:
            out[key] = value
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise InputError(f"{value!r} is not a finite number", where=here)
            out[key] = _figure(Decimal(repr(value)), here)
        elif isinstance(value, int | Decimal):
            _figure(Decimal(value), here)
            out[key] = value
        elif isinstance(value, str):
            if _NUMBER.match(value.strip()):
                _figure(Decimal(value.strip()), here)
            out[key] = value
        else:
            raise InputError(f"{value!r} is not a number, a word or a section", where=here)
    return out


def _check_schema(rtype: str, values: Mapping[str, Any], where: str) -> None:
    """Values checked against the usage schema of ``rtype`` when it has one (unknown keys are left to the
    estimate's warnings): a word where a number belongs is an error naming the file and key here."""
    from pydantic import ValidationError

    from costlib.errors import UnsupportedResourceError
    from costlib.resources import registry
    from costlib.resources.schema import describe_errors

    if not registry.registered(rtype):
        return
    try:
        model = registry.lookup(rtype).usage
    except UnsupportedResourceError:
        return
    try:
        model.model_validate(values)
    except ValidationError as exc:
        path, _, text = describe_errors(exc.errors())[0].partition(": ")  # the first bad key, as the file has it
        raise InputError(text, where=f"{where}.{path}") from None


def merge_usage(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``, section by section.

    >>> merge_usage({"a": 1, "s": {"x": 1, "y": 2}}, {"s": {"y": 3}})
    {'a': 1, 's': {'x': 1, 'y': 3}}
    """
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        out[key] = merge_usage(old, value) if isinstance(old, Mapping) and isinstance(value, Mapping) else value
    return out


@dataclass(frozen=True, slots=True)
class Usage:
    """Usage figures by resource type and by address pattern."""

    by_type: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    by_address: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, doc: Any, *, where: str, limits: Limits | None = None) -> Usage:
        """Usage from an already-parsed document (a usage file's, or a request body's ``usage``): its nesting and
        numbers are checked (:func:`~costlib.inputs.readers.check_document`), then every entry."""
        if doc is None:
            return cls()
        if not isinstance(doc, dict):
            raise InputError("a usage file is a mapping", where=where)
        check_document(doc, where=where, limits=resolve_limits(limits))
        known = {"version", "resource_type_default_usage", "resource_usage"}
        if set(doc) - known:
            raise InputError(f"unknown top-level keys {sorted(map(str, set(doc) - known))}", where=where)
        version = doc.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int | float | str)):
            raise InputError(f"version is a number like 0.1, not {version!r}", where=f"{where}: version")
        for section in ("resource_type_default_usage", "resource_usage"):
            if not isinstance(doc.get(section) or {}, dict):
                raise InputError(f"{section} is a mapping", where=f"{where}: {section}")
        # an entry whose keys are all commented out (a template) is empty, not an error
        by_type = {t: _check({} if v is None else v, f"{where}: resource_type_default_usage.{t}")
                   for t, v in (doc.get("resource_type_default_usage") or {}).items()}
        by_address = {a: _check({} if v is None else v, f"{where}: resource_usage.{a}")
                      for a, v in (doc.get("resource_usage") or {}).items()}
        for rtype, values in by_type.items():
            _check_schema(str(rtype), values, f"{where}: resource_type_default_usage.{rtype}")
        for pattern, values in by_address.items():
            found = _TYPE_IN_ADDRESS.findall(f"{pattern}.")
            if found:
                _check_schema(found[-1], values, f"{where}: resource_usage.{pattern}")
        return cls(by_type, by_address)

    def for_resource(self, address: str, rtype: str) -> dict[str, Any]:
        """The merged usage of one resource: type defaults, then patterns (least to most specific), then exact."""
        merged: dict[str, Any] = dict(self.by_type.get(rtype, {}))
        patterns = [p for p in self.by_address if p != address and address_matches(p, address)]
        for pattern in sorted(patterns, key=len):
            merged = merge_usage(merged, self.by_address[pattern])
        if address in self.by_address:
            merged = merge_usage(merged, self.by_address[address])
        return merged


def load_usage(path: str | Path, *, limits: Limits | None = None) -> Usage:
    """Read a usage file (YAML or JSON), guarded (:mod:`costlib.inputs.readers`): errors name the file and line."""
    path = Path(path)
    lim = resolve_limits(limits)
    if not path.exists() and not path.is_symlink():
        raise InputError("usage file not found", where=str(path))
    doc = (read_json(path, limits=lim, unique_keys=True) if path.suffix == ".json"
           else read_yaml(path, limits=lim))
    return Usage.from_document(doc, where=str(path), limits=lim)


def address_matches(pattern: str, address: str) -> bool:
    """Whether a usage-file address pattern covers ``address``: ``*`` and ``?`` are wildcards, everything else
    (the ``[0]`` and ``["x"]`` of count and for_each) is literal.

    >>> address_matches("aws_lambda_function.g[*]", "aws_lambda_function.g[3]")
    True
    >>> address_matches('module.a["x"].aws_lambda_function.*', 'module.a["x"].aws_lambda_function.f')
    True
    >>> address_matches("aws_lambda_function.g[0]", "aws_lambda_function.g[0]"), address_matches("a.b", "a.c")
    (True, False)
    """
    if pattern == address:
        return True
    if "*" not in pattern and "?" not in pattern:
        return False
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, address) is not None
