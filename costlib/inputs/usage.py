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

Values must be numbers (``storage_class`` and ``operating_system`` may be words); a wrong value names its
key path. Per-address values override per-type defaults; the most specific pattern wins.

>>> u = Usage.from_document({"resource_type_default_usage": {"aws_s3_bucket": {"storage_gb": 10}},
...                          "resource_usage": {"aws_s3_bucket.logs": {"storage_gb": 500}}}, where="usage.yml")
>>> u.for_resource("aws_s3_bucket.logs", "aws_s3_bucket")["storage_gb"]
500
>>> u.for_resource("aws_s3_bucket.x", "aws_s3_bucket")
{'storage_gb': 10}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from costlib.errors import InputError

__all__ = ["Usage", "load_usage"]

_WORDS = {"storage_class", "operating_system"}


def _check(values: Any, where: str) -> dict[str, Any]:
    if not isinstance(values, dict):
        raise InputError("expected a mapping of usage keys to numbers", where=where)
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in _WORDS:
            out[key] = str(value)
            continue
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InputError(f"{value!r} is not a number", where=f"{where}.{key}")
        try:
            dec = Decimal(str(value))
        except InvalidOperation:
            raise InputError(f"{value!r} is not a number", where=f"{where}.{key}") from None
        if not dec.is_finite() or dec < 0:
            raise InputError(f"{value!r} must be a finite, non-negative number", where=f"{where}.{key}")
        out[key] = value if isinstance(value, int) else dec
    return out


@dataclass(frozen=True, slots=True)
class Usage:
    """Usage figures by resource type and by address pattern."""

    by_type: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    by_address: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, doc: Any, *, where: str) -> Usage:
        if doc is None:
            return cls()
        if not isinstance(doc, dict):
            raise InputError("a usage file is a mapping", where=where)
        known = {"version", "resource_type_default_usage", "resource_usage"}
        if set(doc) - known:
            raise InputError(f"unknown top-level keys {sorted(set(doc) - known)}", where=where)
        for section in ("resource_type_default_usage", "resource_usage"):
            if not isinstance(doc.get(section) or {}, dict):
                raise InputError(f"{section} is a mapping", where=f"{where}: {section}")
        by_type = {t: _check(v, f"{where}: resource_type_default_usage.{t}")
                   for t, v in (doc.get("resource_type_default_usage") or {}).items()}
        by_address = {a: _check(v, f"{where}: resource_usage.{a}")
                      for a, v in (doc.get("resource_usage") or {}).items()}
        return cls(by_type, by_address)

    def for_resource(self, address: str, rtype: str) -> dict[str, Any]:
        """The merged usage of one resource: type defaults, then patterns (least to most specific), then exact."""
        merged: dict[str, Any] = dict(self.by_type.get(rtype, {}))
        patterns = [p for p in self.by_address if p != address and address_matches(p, address)]
        for pattern in sorted(patterns, key=len):
            merged.update(self.by_address[pattern])
        if address in self.by_address:
            merged.update(self.by_address[address])
        return merged


def load_usage(path: str | Path) -> Usage:
    """Read a usage file (YAML or JSON)."""
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("usage file not found", where=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {exc}", where=f"{path}:{mark.line + 1}" if mark else str(path)) from None
    return Usage.from_document(doc, where=str(path))


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
