"""Terragrunt: a ``terragrunt.hcl`` whose ``terraform { source = ... }`` is a local module, with ``inputs = {...}``.

The module is estimated as :func:`costlib.inputs.hcl.load_directory` does it, with the inputs passed the way
Terragrunt passes them (as ``TF_VAR_*``, so the module's own ``*.tfvars`` still win). ``terragrunt.hcl`` is read
with python-hcl2 and its ``locals`` and ``inputs`` are evaluated by tfparse. What this cannot follow is said on
every resource it concerns, never dropped silently:

- a remote ``source`` (``git::``, ``tfr://``, a registry or URL): listed as ``terragrunt:<source>``, not estimated;
- ``include`` (inputs merged from a parent file), ``dependency`` / ``dependencies`` (their outputs are known only
  after the other unit is applied: inputs taken from them are unknown), Terragrunt functions
  (``get_env``, ``find_in_parent_folders`` ...): the inputs they give are unknown.

>>> load_terragrunt("/nonexistent")
Traceback (most recent call last):
...
costlib.errors.InputError: /nonexistent/terragrunt.hcl: file not found
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from costlib.errors import InputError, require_extra
from costlib.inputs.hcl import UNKNOWN_SENTINEL, _references, _unquote, evaluate_outputs, load_directory
from costlib.inputs.readers import Limits, read_text, resolve_limits
from costlib.models import ResourceSpec

__all__ = ["load_terragrunt"]

_NOT_FOLLOWED = {
    "include": "include blocks are not followed: inputs merged from the included file are not applied",
    "dependency": "dependency outputs are known only after the other unit is applied: inputs from them are unknown",
    "dependencies": "dependencies blocks are not followed",
    "generate": "generate blocks are not followed: files Terragrunt would write into the module are not read",
}


def _source(doc: Mapping[str, Any], where: str) -> str | None:
    blocks = doc.get("terraform") or []
    for block in blocks if isinstance(blocks, list) else [blocks]:
        if isinstance(block, dict) and "source" in block:
            raw = block["source"]
            value = _unquote(raw)
            if not isinstance(value, str) or "${" in value:
                raise InputError(f"terraform.source {raw!r} is an expression; costlib follows a literal local path",
                                 where=where)
            return value
    return None


def _is_remote(source: str) -> bool:
    return "::" in source or source.startswith(("tfr:", "http://", "https://", "github.com/", "bitbucket.org/",
                                                 "git@")) or not source.startswith((".", "/"))


def _hcl_text(doc: Mapping[str, Any]) -> str:
    import hcl2

    inputs = doc.get("inputs")
    body: dict[str, Any] = {}
    if doc.get("locals"):
        body["locals"] = doc["locals"]
    body["output"] = [{'"costlib_inputs"': {"value": inputs if isinstance(inputs, dict) else {}, "__is_block__": True}}]
    return str(hcl2.dumps(body))


def load_terragrunt(path: str | Path, *, var_files: Sequence[str | Path] = (), variables: Mapping[str, str] | None = None,
                    env: Mapping[str, str] | None = None, display: str | None = None, limits: Limits | None = None
                    ) -> list[ResourceSpec]:
    """Specs of the module a ``terragrunt.hcl`` (or its directory) points at, estimated with its inputs, within
    ``limits`` (the file read by the guarded reader; the module as :func:`~costlib.inputs.hcl.load_directory`)."""
    given = Path(path)
    file = given if given.name == "terragrunt.hcl" else given / "terragrunt.hcl"
    shown = display if display is not None else str(file.parent)
    where = os.path.normpath(os.path.join(shown, "terragrunt.hcl"))
    lim = resolve_limits(limits)
    text = read_text(file, limits=lim, where=str(file) if not file.is_file() else where)
    require_extra("hcl2", "hcl")
    import hcl2

    try:
        doc = hcl2.loads(text)
    except Exception as exc:
        raise InputError(f"not valid HCL: {str(exc).splitlines()[0]}", where=where) from None
    notes = [f"terragrunt: {why}" for key, why in _NOT_FOLLOWED.items() if doc.get(key)]
    source = _source(doc, where)
    if source is not None and _is_remote(source):
        return [ResourceSpec(address=f"terragrunt.{file.parent.name}", type=f"terragrunt:{source}", provider="aws",
                             location=where, notes=(f"terragrunt source {source} is remote; costlib follows local "
                                                    f"module paths only: nothing in it is estimated", *notes))]
    module = file.parent if source is None else (file.parent / source.replace("//", "/")).resolve()
    if not module.is_dir():
        raise InputError(f"terraform.source {source} is not a directory", where=where)
    raw_inputs = doc.get("inputs") if isinstance(doc.get("inputs"), dict) else {}
    environ = dict(os.environ if env is None else env)
    if raw_inputs:
        with tempfile.TemporaryDirectory(prefix="costlib-terragrunt-") as tmp:
            (Path(tmp) / "main.tf").write_text(_hcl_text(doc), encoding="utf-8")
            outputs = evaluate_outputs(Path(tmp))
        values = outputs.get("costlib_inputs")
        values = values if isinstance(values, dict) else {}
        for key, raw in raw_inputs.items():
            value = values.get(key)
            if (value is None and raw is not None) or _references_unknown(value):
                refs = sorted(set(_references(raw)) | ({"a Terragrunt function"} if "(" in str(raw) else set()))
                shown_raw = str(raw).removeprefix("${").removesuffix("}")
                notes.append(f"terragrunt input {key} is not known without applying ({', '.join(refs) or shown_raw})"
                             ": unknown")
                value = UNKNOWN_SENTINEL
            if value is not None:
                environ[f"TF_VAR_{key}"] = value if isinstance(value, str) else json.dumps(value)
    module_display = os.path.normpath(os.path.join(shown, os.path.relpath(module, file.parent)))
    specs = load_directory(module, var_files=var_files, variables=variables, env=environ, display=module_display,
                           limits=lim)
    if not notes:
        return specs
    import dataclasses

    return [dataclasses.replace(s, notes=(*s.notes, *notes)) for s in specs]


def _references_unknown(value: Any) -> bool:
    if isinstance(value, dict):
        return "__attribute__" in value or any(_references_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_references_unknown(v) for v in value)
    return isinstance(value, str) and "${" in value
