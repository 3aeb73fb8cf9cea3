"""Terraform and OpenTofu directories (no plan, no credentials) -> resource specs, through tfparse.

tfparse (the Cloud Custodian team's HCL evaluator, Go underneath) evaluates the configuration: variables, locals,
``count`` and ``for_each``, ``dynamic`` blocks, local modules and the modules ``terraform init`` installed under
``.terraform/modules``. This module drives it and shapes what it returns into the specs the plan reader
(:mod:`costlib.inputs.terraform`) makes from ``terraform show -json``: the same addresses, blocks as lists of
objects, the region from the resource or its provider configuration (aliases and module ``providers`` maps
followed), so the same cost functions price both. Each spec's ``location`` is ``file:line``.

What a plan would know only after apply is said, never guessed: a reference to another resource's attribute
(``aws_eip.ip.id``), a data source, a variable without a value. Such an attribute is left out and named in
``ResourceSpec.unknown`` (top-level names, as a plan's ``after_unknown``; a part of a block or map is named by
its dotted path, ``root_block_device.0.volume_size``). Where tfparse cannot follow something it is said too:

- a resource or module whose ``count``/``for_each`` depends on such a value: listed as ``unresolved:<type>`` (it
  cannot be priced; ``terraform plan`` refuses it as well);
- a module that is not installed: listed as ``module:<source>`` with ``terraform init`` / ``tofu init``;
- tfparse evaluates at most 32 module calls per module (its ``maxContextIterations``); the calls after that are
  evaluated here, each on its own, with the inputs tfparse evaluated for them.

Variables, lowest precedence first as Terraform has it: defaults, ``TF_VAR_*`` in ``env``, ``terraform.tfvars``,
``terraform.tfvars.json``, ``*.auto.tfvars`` and ``*.auto.tfvars.json`` in name order, ``var_files`` in order, then
``variables`` (``--var k=v``; Terraform takes ``-var`` and ``-var-file`` in command-line order: here every
``--var`` comes after every ``--var-file``).

>>> is_terraform_dir("costlib")
False
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from costlib.errors import InputError, require_extra
from costlib.inputs.readers import (
    Limits,
    check_resource_count,
    parse_json,
    read_bytes,
    read_json,
    read_text,
    resolve_limits,
)
from costlib.inputs.terraform import _PROVIDERS, PROVIDER_UNREADABLE, _region_for
from costlib.models import ResourceSpec

__all__ = ["UNKNOWN_SENTINEL", "evaluate_outputs", "hcl_literal", "is_terraform_dir", "load_directory",
           "var_file_order"]

#: what an input known only after apply is passed to a module as when costlib evaluates the module itself
UNKNOWN_SENTINEL = "__costlib_unknown__"

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SEGMENT = re.compile(r'module\.([A-Za-z0-9_-]+)((?:\["(?:[^"\\]|\\.)*"\]|\[\d+\])?)\.')
_DECLARED = re.compile(r'^[ \t]*(resource|module)[ \t]+"([^"]+)"(?:[ \t]+"([^"]+)")?[ \t]*\{', re.M)
#: a reference to a resource, data source or module output in an expression's text (not var., local., each.)
_REFERENCE = re.compile(r"(?<![\w.\"])(?:data\.[A-Za-z][\w-]*\.[\w-]+|module\.[\w-]+|[a-z][a-z0-9]*_[\w-]+\.[\w-]+)")
_ERROR_PLACE = re.compile(r"(?P<file>[^\s:]+):(?P<line>\d+),\d+(?:-\d+)?(?:,\d+)?: (?P<msg>.*)", re.S)
_META_ARGS = frozenset({"__tfmeta", "count", "for_each", "provider", "depends_on", "lifecycle", "provisioner",
                        "connection"})
_SINGLE_BLOCKS = frozenset({"timeouts"})  # nested blocks Terraform shows as one object, not a list
#: leaf attributes that name another resource (a reference there is common and never changes a price by itself)
_ID_LIKE = re.compile(r"(^|_)(ids?|arns?|names?|keys?|tags(_all)?|network|subnetwork|subnet|vpc|role|policy|self_link)$")
_DEFAULT_WORKER_TIMEOUT = 600.0


def is_terraform_dir(path: str | Path) -> bool:
    """True for a directory holding ``*.tf`` (or ``*.tf.json``) files, or a ``terragrunt.hcl``."""
    p = Path(path)
    if not p.is_dir():
        return False
    return any(p.glob("*.tf")) or any(p.glob("*.tf.json")) or (p / "terragrunt.hcl").is_file()


def hcl_literal(text: str) -> str:
    """A ``-var`` / ``TF_VAR_`` value as HCL: numbers, booleans, lists and objects are parsed as HCL (as Terraform
    does for variables that are not strings); anything else is a string, taken literally.

    >>> hcl_literal("3"), hcl_literal('["a", "b"]'), hcl_literal("t3.micro"), hcl_literal("${x}")
    ('3', '["a", "b"]', '"t3.micro"', '"$${x}"')
    """
    s = text.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false", s) or (s[:1], s[-1:]) in (("[", "]"), ("{", "}")):
        return s
    return json.dumps(text).replace("${", "$${").replace("%{", "%%{")


def var_file_order(directory: Path, var_files: Sequence[Path] = ()) -> list[Path]:
    """The variable files Terraform reads for ``directory``, lowest precedence first (``TF_VAR_`` and ``-var``
    values, which are not files, go before and after these).

    >>> var_file_order(Path("/nonexistent"))
    []
    """
    out = [directory / name for name in ("terraform.tfvars", "terraform.tfvars.json") if (directory / name).is_file()]
    autos = [p for p in directory.iterdir() if p.is_file() and p.name.endswith((".auto.tfvars", ".auto.tfvars.json"))
             ] if directory.is_dir() else []
    out += sorted(autos, key=lambda p: p.name)
    return out + [Path(p) for p in var_files]


class _Worker:
    """The tfparse child process (see :mod:`costlib.inputs._tfparse_worker`)."""

    def __init__(self, timeout: float, max_answer: int = 4 * Limits().max_bytes, max_depth: int = 64) -> None:
        require_extra("tfparse", "hcl")
        self.max_answer = max_answer
        self.max_depth = max_depth + 8  # tfparse wraps each block in its type's list and a __tfmeta object
        env = {k: v for k, v in os.environ.items() if not k.startswith("TF_VAR_")}
        root = str(Path(__file__).resolve().parent.parent.parent)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.timeout = timeout
        self.proc = subprocess.Popen([sys.executable, "-m", "costlib.inputs._tfparse_worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    def parse(self, directory: Path, vars_paths: list[str], workspace: str) -> dict[str, Any]:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        request = json.dumps({"dir": str(directory), "vars_paths": vars_paths, "workspace": workspace})
        try:
            self.proc.stdin.write(request + "\n")
            self.proc.stdin.flush()
            timer = threading.Timer(self.timeout, self.proc.kill)
            timer.start()
            try:
                line = self.proc.stdout.readline(self.max_answer + 1)
            finally:
                timer.cancel()
        except (BrokenPipeError, OSError):
            line = ""
        if len(line) > self.max_answer:
            self.proc.kill()
            raise InputError(f"tfparse's evaluation of the configuration is over {self.max_answer:,} characters (four "
                             "times Limits.max_bytes): a count or for_each expands to more than costlib reads",
                             where=str(directory))
        if not line:
            self.proc.kill()
            err = (self.proc.stderr.read() if self.proc.stderr else "").strip().splitlines()
            raise InputError("tfparse stopped while reading the configuration"
                             + (f" (no answer in {self.timeout:g} s)" if self.proc.returncode == -9 else "")
                             + (f": {err[-1]}" if err else ""), where=str(directory))
        answer = parse_json(line, where=f"tfparse's answer for {directory}",
                            limits=Limits(max_bytes=self.max_answer, max_depth=self.max_depth))
        if not isinstance(answer, dict):
            raise InputError("tfparse gave no answer costlib can read", where=str(directory))
        if "error" in answer:
            raise _TfparseError(str(answer["error"]))
        out = answer["ok"]
        return out if isinstance(out, dict) else {}

    def close(self) -> None:
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):  # the child is gone already
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung child
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


class _TfparseError(Exception):
    pass


@dataclass
class _Call:
    """One module call instance (``module.apps["a"]``) as tfparse evaluated it."""

    path: str
    name: str
    source: str
    version: str | None
    args: dict[str, Any]
    file: Path
    line: int
    providers: dict[str, str] = field(default_factory=dict)
    has_providers: bool = False
    dir: Path | None = None
    key: str = ""


@dataclass
class _Instance:
    address: str
    rtype: str
    module: str
    obj: dict[str, Any]
    file: Path
    line: int
    end: int


def _segments(path: str) -> tuple[str, str]:
    """``module.a.module.b["x"].aws_instance.web[0]`` -> (``module.a.module.b["x"]``, ``aws_instance.web[0]``)."""
    pos = 0
    while m := _SEGMENT.match(path, pos):
        pos = m.end()
    return path[:pos].rstrip("."), path[pos:]


def _module_prefixes(path: str) -> Iterator[str]:
    pos = 0
    while m := _SEGMENT.match(path, pos):
        pos = m.end()
        yield path[:pos].rstrip(".")


def _parent(module: str) -> str:
    prefixes = list(_module_prefixes(module + "."))
    return prefixes[-2] if len(prefixes) > 1 else ""


def _module_key(module: str) -> str:
    """``module.a["x"].module.b`` -> ``a.b`` (the key ``.terraform/modules/modules.json`` uses)."""
    return ".".join(m.group(1) for m in _SEGMENT.finditer(module + "."))


def _strip_index(address: str) -> str:
    return re.sub(r'\[(?:"(?:[^"\\]|\\.)*"|\d+)\]', "", address)


def _unquote(value: Any) -> Any:
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


class _Raw:
    """The configuration's own text, parsed by python-hcl2 only where tfparse's answer needs checking: what an
    expression referred to (a null that stands for a value known only after apply, a ``count``/``for_each`` that
    cannot be known, a ``dynamic`` block over an unknown collection) and module ``providers`` maps."""

    def __init__(self, limits: Limits | None = None, where: Any = str) -> None:
        self._docs: dict[Path, dict[str, Any]] = {}
        self._texts: dict[Path, str] = {}
        self.limits = resolve_limits(limits)
        self.where = where

    def text(self, file: Path) -> str:
        """The file's text, read by the guarded reader (a file that is not UTF-8 or too large is an error naming
        it); a file that is gone reads as empty."""
        if file not in self._texts:
            if not file.is_file():
                self._texts[file] = ""
            else:
                self._texts[file] = read_text(file, limits=self.limits, where=self.where(file))
        return self._texts[file]

    def doc(self, file: Path) -> dict[str, Any]:
        if file not in self._docs:
            import hcl2

            try:
                self._docs[file] = hcl2.loads(self.text(file))
            except Exception:
                self._docs[file] = {}
        return self._docs[file]

    def resource(self, file: Path, rtype: str, name: str) -> dict[str, Any]:
        for item in self.doc(file).get("resource", []):
            for t, named in item.items():
                if _unquote(t) == rtype and isinstance(named, dict):
                    for n, body in named.items():
                        if _unquote(n) == name and isinstance(body, dict):
                            return body
        return {}

    def module(self, file: Path, name: str) -> dict[str, Any]:
        for item in self.doc(file).get("module", []):
            for n, body in item.items():
                if _unquote(n) == name and isinstance(body, dict):
                    return body
        return {}


_HEADER = re.compile(r'^\s*(?:dynamic\s+"(?P<dyn>[^"]+)"|(?P<block>[A-Za-z_][\w-]*))\s*\{')
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _children(lines: list[str]) -> list[tuple[str, str, str | None]]:
    """The blocks written directly inside a resource (its lines, header first), in source order:
    (``dynamic`` or ``block``, name, a dynamic block's ``for_each`` text). A line scan, not a parser: it only
    places blocks, which HCL writes one header to a line.

    >>> _children(['resource "a" "b" {', '  dynamic "d" {', '    for_each = x.y', '    content {}', '  }',
    ...            '  root {', '    v = "{"', '  }', '}'])
    [('dynamic', 'd', 'x.y'), ('block', 'root', None)]
    """
    out: list[tuple[str, str, str | None]] = []
    depth = 0
    for line in lines[1:]:
        code = re.split(r"#|//", _STRING.sub('""', line), maxsplit=1)[0]
        if depth == 0 and (m := _HEADER.match(line)):
            out.append(("dynamic", m.group("dyn"), None) if m.group("dyn") else ("block", m.group("block"), None))
        elif (depth == 1 and out and out[-1][0] == "dynamic" and out[-1][2] is None
              and (fe := re.match(r"\s*for_each\s*=\s*(.*)$", code))):
            out[-1] = ("dynamic", out[-1][1], fe.group(1).strip())
        depth += code.count("{") - code.count("}")
        if depth < 0:
            break
    return out


def _bare(text: Any) -> str:
    """A provider reference as python-hcl2 gives it (``${aws.west}``, ``"aws"``) -> ``aws.west``."""
    return str(_unquote(text)).strip().removeprefix("${").removesuffix("}").strip()


def _references(expr: Any) -> list[str]:
    """The resources, data sources and module outputs an expression's text refers to."""
    text = expr if isinstance(expr, str) else json.dumps(expr, default=str)
    return [r for r in _REFERENCE.findall(text) if not r.startswith(("var.", "local.", "each.", "count.", "path."))]


def _raw_candidates(body: dict[str, Any], path: Sequence[str | int]) -> list[Any]:
    """The raw expressions at ``path`` (indexes ignored) in a raw resource body, static or ``dynamic`` blocks."""
    nodes: list[Any] = [body]
    for step in path:
        if isinstance(step, int):
            continue
        found: list[Any] = []
        for node in nodes:
            if not isinstance(node, dict):
                continue
            value = node.get(step)
            found.extend(value if isinstance(value, list) else [value] if value is not None else [])
            for dyn in node.get("dynamic", []) if isinstance(node.get("dynamic"), list) else []:
                for label, spec in dyn.items() if isinstance(dyn, dict) else []:
                    if _unquote(label) == step and isinstance(spec, dict):
                        content = spec.get("content")
                        found.extend(content if isinstance(content, list) else [content])
        nodes = found
    return nodes


@dataclass
class _Shaped:
    attributes: dict[str, Any]
    unknown: list[str]
    notes: list[str]


class _Loader:
    def __init__(self, root: Path, display: str, *, workspace: str, env: Mapping[str, str], tmp: Path,
                 worker: _Worker, limits: Limits | None = None) -> None:
        self.root, self.display, self.workspace, self.env, self.tmp, self.worker = root, display, workspace, env, tmp, worker
        self.limits = resolve_limits(limits)
        self.instances: list[_Instance] = []
        self.calls: dict[str, _Call] = {}
        self.providers: dict[tuple[str, str, str | None], tuple[Any, Path, int]] = {}
        self.module_dirs: dict[str, Path] = {"": root}
        self.ids: dict[str, str] = {}
        self.placeholders: list[ResourceSpec] = []
        self.placeholder_files: dict[str, Path] = {}
        self.raw = _Raw(self.limits, self.where)
        self._modules_json: dict[str, Path] | None = None
        self._files = 0

    # -- places ---------------------------------------------------------------------------------------------
    def where(self, file: Path, line: int | None = None) -> str:
        try:
            rel = os.path.relpath(file, self.root)
        except ValueError:  # pragma: no cover - another drive on Windows
            rel = str(file)
        shown = os.path.normpath(os.path.join(self.display, rel)) if self.display not in ("", ".") else rel
        return f"{shown}:{line}" if line else shown

    def modules_json(self) -> dict[str, Path]:
        if self._modules_json is None:
            self._modules_json = {}
            path = self.root / ".terraform" / "modules" / "modules.json"
            if path.is_file():
                doc = read_json(path, limits=self.limits, where=self.where(path))
                if not isinstance(doc, dict) or not isinstance(doc.get("Modules") or [], list):
                    raise InputError("the installed modules' index is not terraform init's modules.json",
                                     where=self.where(path))
                for entry in doc.get("Modules") or []:
                    if isinstance(entry, dict) and entry.get("Key") and entry.get("Dir"):
                        self._modules_json[str(entry["Key"])] = self.root / str(entry["Dir"])
        return self._modules_json

    # -- running tfparse ------------------------------------------------------------------------------------
    def run(self, directory: Path, var_files: list[Path], prefix: str, key_prefix: str) -> None:
        """Evaluate the module in ``directory`` (its instance path is ``prefix``), then what tfparse skipped."""
        rel = [os.path.relpath(p, directory) for p in var_files]
        self.check_files(directory, var_files)
        if not prefix:
            self.prescan(directory, var_files)
        try:
            out = self.worker.parse(directory, rel, self.workspace)
        except _TfparseError as exc:
            raise self._error(str(exc), directory) from None
        seen: set[str] = set()
        calls: list[_Call] = []
        for rtype, objs in out.items():
            for obj in objs if isinstance(objs, list) else []:
                meta = obj.get("__tfmeta") or {}
                path = str(meta.get("path") or "")
                if isinstance(obj.get("id"), str):
                    self.ids[obj["id"]] = prefix + path
                seen.update(_module_prefixes(path))
                file = directory / str(meta.get("filename") or "")
                line = int(meta.get("line_start") or 0)
                if meta.get("type") == "resource":
                    module, _ = _segments(prefix + path)
                    self.instances.append(_Instance(prefix + path, rtype, module, obj, file, line,
                                                    int(meta.get("line_end") or line)))
                elif rtype == "provider":
                    module, _ = _segments(prefix + path)
                    alias = obj.get("alias")
                    self.providers[(module, str(meta.get("label")), alias if isinstance(alias, str) else None)] = (
                        obj, file, line)
                elif rtype == "module" and path:
                    calls.append(self._call(prefix + path, obj, file, line, key_prefix, path))
        check_resource_count(len(self.instances), where=self.where(self.root), limits=self.limits,
                             what="its count and for_each expand to")
        for call in calls:
            self.calls[call.path] = call
            relative = call.path[len(prefix):]
            if call.dir is not None:
                self.module_dirs[call.path] = call.dir
            if relative in seen:
                continue  # tfparse evaluated it
            if call.dir is None:
                self.placeholders.append(self._missing_module(call))
                continue
            inputs = self.tmp / f"module-{len(self.calls)}-{self._files}.tfvars.json"
            self._files += 1
            inputs.write_text(json.dumps({k: self._as_input(v) for k, v in call.args.items()}), encoding="utf-8")
            self.run(call.dir, [inputs], call.path + ".", call.key)

    def check_files(self, directory: Path, var_files: Sequence[Path]) -> None:
        """Every file tfparse reads for ``directory`` within ``max_bytes``, before it reads them (tfparse reads
        them whole, in the Go runtime)."""
        names = [p for p in directory.iterdir() if p.is_file() and p.name.endswith((".tf", ".tf.json"))]
        for file in [*names, *var_files]:
            try:
                size = file.stat().st_size
            except OSError:
                continue
            if size > self.limits.max_bytes:
                raise InputError(f"the file is {size:,} bytes, over {self.limits.describe('max_bytes')}",
                                 where=self.where(file))

    def prescan(self, directory: Path, var_files: Sequence[Path]) -> None:
        """Refuse a ``count`` or ``for_each`` whose size can be read from the text (a number, a literal list or
        map, ``var.x`` with its value from the variable files or defaults, ``length()``/``toset()``/``range()`` of
        those) when it expands the configuration past ``max_resources``, before tfparse expands it; local and
        installed modules are followed with their calls' counts multiplied in. What cannot be read this way is
        counted after tfparse evaluates it."""
        variables = _variables(directory, var_files, self.raw, self.limits, self.where)
        total = self._prescan(directory, variables, 1, 0, "")
        check_resource_count(total, where=self.where(directory), limits=self.limits,
                             what="its count and for_each expand to at least")

    def _prescan(self, directory: Path, variables: Mapping[str, Any], times: int, depth: int, key: str) -> int:
        if depth > 16:
            return 0
        total = 0
        for kind, first, second, file, line in self._declared(directory):
            body = self.raw.resource(file, first, second) if kind == "resource" and second else (
                self.raw.module(file, first) if kind == "module" else {})
            bounds = [_bound(body[k], variables) for k in ("count", "for_each") if k in body]
            n = max((b for b in bounds if b is not None), default=1)
            if kind == "resource":
                total += times * n
                if times * n > self.limits.max_resources:
                    what = "for_each" if "for_each" in body else "count"
                    calls = f" ({n:,}) times its module calls' ({times:,})" if times > 1 else ""
                    check_resource_count(times * n, where=self.where(file, line), limits=self.limits,
                                         what=f"{first}.{second}: its {what}{calls} expands to")
            elif kind == "module":
                source = str(_unquote(body.get("source") or ""))
                child_key = f"{key}.{first}" if key else first
                child = ((file.parent / source).resolve() if source.startswith(("./", "../"))
                         else self.modules_json().get(child_key))
                if child is not None and child.is_dir() and times * n > 0:
                    args = {k: _literal(v, variables) for k, v in body.items() if not k.startswith("__")}
                    total += self._prescan(child, {**_variables(child, [], self.raw, self.limits, self.where),
                                                   **{k: v for k, v in args.items() if v is not None}},
                                           times * n, depth + 1, child_key)
            if total > self.limits.max_resources:
                check_resource_count(total, where=self.where(file, line), limits=self.limits,
                                     what="with this block, count and for_each expand to at least")
        return total

    def _error(self, message: str, directory: Path) -> InputError:
        text = message.removeprefix("unable to create TerraformConverter: ")
        text = re.sub(r"^failed to load tfvars from [^:]+: ", "", text)
        m = _ERROR_PLACE.match(text)
        if m:
            return InputError(m.group("msg").strip(), where=self.where(directory / m.group("file"), int(m.group("line"))))
        return InputError(text, where=self.where(directory))

    def _call(self, path: str, obj: dict[str, Any], file: Path, line: int, key_prefix: str, relative: str) -> _Call:
        name = _SEGMENT.findall(path + ".")[-1][0]
        source = str(obj.get("source") or "")
        version = obj.get("version")
        args = {k: v for k, v in obj.items() if k not in (*_META_ARGS, "id", "source", "version", "providers")}
        key = (key_prefix + "." if key_prefix else "") + _module_key(relative)
        call = _Call(path=path, name=name, source=source, version=str(version) if version else None, args=args,
                     file=file, line=line, key=key, has_providers="providers" in obj)
        if call.has_providers:
            raw = self.raw.module(file, name).get("providers")
            if isinstance(raw, dict):
                call.providers = {_bare(k): _bare(v) for k, v in raw.items() if not str(k).startswith("__")}
        if source.startswith(("./", "../", ".\\", "..\\")):
            local = (file.parent / source).resolve()
            call.dir = local if local.is_dir() else None
        else:
            installed = self.modules_json().get(key)
            call.dir = installed if installed is not None and installed.is_dir() else None
        return call

    def _as_input(self, value: Any) -> Any:
        """An evaluated module argument as a tfvars.json value; what is known only after apply becomes
        :data:`UNKNOWN_SENTINEL`, which the module's own resources then show as unknown."""
        if isinstance(value, dict):
            if "__attribute__" in value:
                return UNKNOWN_SENTINEL
            return {k: self._as_input(v) for k, v in value.items() if k not in ("__tfmeta",)}
        if isinstance(value, list):
            return [self._as_input(v) for v in value]
        if isinstance(value, str) and self._unknown_string(value):
            return UNKNOWN_SENTINEL
        return value

    def _missing_module(self, call: _Call) -> ResourceSpec:
        local = call.source.startswith(("./", "../", ".\\", "..\\"))
        parts = call.source.split("//", 1)[0].split("/")
        cloud = _PROVIDERS.get(parts[-1]) if len(parts) == 3 else None
        if local:
            note = (f"module {call.path}: its source {call.source} is not a directory (from "
                    f"{self.where(call.file, call.line)}); its resources are not estimated")
        else:
            note = (f"module {call.path} ({call.source}{' ' + call.version if call.version else ''}) is not "
                    f"installed: run `terraform init -backend=false` (or `tofu init -backend=false`) in "
                    f"{self.display or '.'} and estimate again; its resources are not estimated")
        return ResourceSpec(address=call.path, type=f"module:{call.source}", provider=cloud or self._main_cloud(),
                            location=self.where(call.file, call.line), notes=(note,))

    def _main_cloud(self) -> str:
        clouds = [_PROVIDERS.get(i.rtype.split("_", 1)[0]) for i in self.instances]
        known = [c for c in clouds if c]
        return max(sorted(set(known)), key=known.count) if known else "aws"

    # -- what tfparse could not expand ---------------------------------------------------------------------
    def unexpanded(self) -> None:
        """Resources and module calls declared in an evaluated module that have no instance: fine where their
        ``count``/``for_each`` is 0 or empty; said where it cannot be known without a plan."""
        have = {(i.module + "." if i.module else "") + _strip_index(_segments(i.address)[1]) for i in self.instances}
        have_calls = {_parent(c) + _strip_index(c[len(_parent(c)):]) for c in self.calls}
        declared_cache: dict[Path, list[tuple[str, str, str | None, Path, int]]] = {}
        for module, directory in list(self.module_dirs.items()):
            if module and module not in self.calls:
                continue
            if directory not in declared_cache:
                declared_cache[directory] = list(self._declared(directory))
            prefix = module + "." if module else ""
            for kind, first, second, file, line in declared_cache[directory]:
                if kind == "resource" and second is not None:
                    config = f"{prefix}{first}.{second}"
                    if config in have or config in {p.address for p in self.placeholders}:
                        continue
                    body = self.raw.resource(file, first, second)
                    rtype = first
                else:
                    config = f"{prefix}module.{first}"
                    if config in have_calls:
                        continue
                    body = self.raw.module(file, first)
                    rtype = "module"
                expr = body.get("for_each", body.get("count"))
                refs = _references(expr) if expr is not None else []
                if expr is not None and not refs:
                    continue  # count = 0, for_each over an empty collection: nothing is created
                what = "for_each" if "for_each" in body else "count"
                note = (f"{config}: its {what} depends on {', '.join(sorted(set(refs)))}, known only after apply "
                        f"(`terraform plan` refuses it too); how many there are, and what they are, is not known"
                        if refs else f"{config}: tfparse did not evaluate it; it is not estimated")
                cloud = _PROVIDERS.get(first.split("_", 1)[0]) if kind == "resource" else None
                self.placeholder_files[config] = file
                self.placeholders.append(ResourceSpec(
                    address=config, type=f"unresolved:{rtype}", provider=cloud or self._main_cloud(),
                    location=self.where(file, line), notes=(note,)))

    def _declared(self, directory: Path) -> Iterator[tuple[str, str, str | None, Path, int]]:
        for file in sorted(directory.glob("*.tf")):
            text = self.raw.text(file)
            for m in _DECLARED.finditer(text):
                yield m.group(1), m.group(2), m.group(3), file, text.count("\n", 0, m.start()) + 1

    # -- shaping one instance --------------------------------------------------------------------------------
    def _unknown_string(self, value: str) -> str | None:
        """Why a string is known only after apply (tfparse leaves a reference as the referenced block's id or
        as template text), or None."""
        if UNKNOWN_SENTINEL in value:
            return "a module input known only after apply"
        if "${" in value:
            return "an expression tfparse could not evaluate"
        if len(value) >= 36:
            for m in _UUID.finditer(value):
                if m.group(0) in self.ids:
                    return self.ids[m.group(0)]
        return None

    def shape(self, inst: _Instance) -> _Shaped:
        unknown: list[str] = []
        attributes: dict[str, Any] = {}
        body: dict[str, Any] | None = None

        def raw_body() -> dict[str, Any]:
            nonlocal body
            if body is None:
                _, local = _segments(inst.address)
                rtype, name = _strip_index(local).split(".", 1)
                body = self.raw.resource(inst.file, rtype, name)
            return body

        def leaf_unknown(value: Any, path: list[str | int]) -> bool:
            if isinstance(value, dict) and "__attribute__" in value:
                return True
            if isinstance(value, str):
                return self._unknown_string(value) is not None
            if value is None:  # null: written so, or what tfparse makes of a function of an unknown value
                return any(_references(c) for c in _raw_candidates(raw_body(), path))
            return False

        def walk(value: Any, path: list[str | int]) -> Any:
            if isinstance(value, dict) and "__attribute__" not in value:
                block = "__tfmeta" in value
                out: dict[str, Any] = {}
                for k, v in value.items():
                    if k == "__tfmeta" or (block and k == "id" and isinstance(v, str) and _UUID.fullmatch(v)):
                        continue
                    if block and isinstance(v, dict) and "__tfmeta" in v and k not in _SINGLE_BLOCKS:
                        out[k] = [walk(v, [*path, k, 0])]  # a nested block inside a block: a list, as in a plan
                    else:
                        out[k] = walk(v, [*path, k])
                return out
            if isinstance(value, list):
                return [walk(v, [*path, i]) for i, v in enumerate(value)]
            if leaf_unknown(value, path):
                dotted = ".".join(str(p) for p in path)
                unknown.append(dotted)
                if not _ID_LIKE.search(str(next((p for p in reversed(path) if isinstance(p, str)), ""))):
                    unknown.append(str(path[0]))
                return None
            return value

        for key, value in inst.obj.items():
            if key in _META_ARGS or (key == "id" and isinstance(value, str) and _UUID.fullmatch(value)):
                continue
            if isinstance(value, dict) and "__tfmeta" in value:  # one nested block
                shaped: Any = walk(value, [key, 0])
                attributes[key] = shaped if key in _SINGLE_BLOCKS else [shaped]
            elif isinstance(value, list) and value and all(isinstance(v, dict) and "__tfmeta" in v for v in value):
                attributes[key] = [walk(v, [key, i]) for i, v in enumerate(value)]
            elif leaf_unknown(value, [key]):
                unknown.append(key)
            else:
                attributes[key] = walk(value, [key])
        notes: list[str] = []
        children = _children(self.raw.text(inst.file).splitlines()[inst.line - 1:inst.end]) if (
            "dynamic" in self.raw.text(inst.file)) else []
        for kind, name, for_each in children:
            if kind == "dynamic" and name not in attributes and _references(for_each):
                unknown.append(name)  # a dynamic block over a collection known only after apply
        kinds = [k for k, _, _ in children]
        if "dynamic" in kinds:
            after = [n for k, n, _ in children[kinds.index("dynamic") + 1:] if k == "block"]
            if after:  # tfparse's block counting (getChildBlocks) then leaves out the last dynamic block
                names = sorted({n for k, n, _ in children if k == "dynamic"})
                notes.append(f"tfparse may leave out the last {'/'.join(names)} block made by `dynamic` when a "
                             f"nested block ({', '.join(after)}) follows the dynamic block: the estimate may be one "
                             "block short (write the dynamic block after the other nested blocks for an exact count)")
        if "count" in inst.obj and inst.obj["count"] is None:
            refs = sorted(set(_references(raw_body().get("count"))))
            notes.append(f"count depends on {', '.join(refs) or 'a value'} known only from a plan; one instance "
                         "estimated (the plan may have more, or none)")
        return _Shaped(attributes, list(dict.fromkeys(unknown)), notes)

    # -- regions ----------------------------------------------------------------------------------------------
    def provider_ref(self, inst: _Instance) -> tuple[str, str | None]:
        value = inst.obj.get("provider")
        default = inst.rtype.split("_", 1)[0]
        if isinstance(value, dict) and isinstance(value.get("__attribute__"), str):
            name, _, alias = value["__attribute__"].partition(".")
            return name, alias or None
        if isinstance(value, str) and value in self.ids:
            for (module, name, alias), (obj, _, _) in self.providers.items():
                if obj.get("id") == value and module == inst.module:
                    return name, alias
        return default, None

    def provider_config(self, module: str, name: str, alias: str | None) -> tuple[bool, dict[str, Any] | None]:
        """(found, the provider block's evaluated arguments) for ``name[.alias]`` as seen from ``module``."""
        for _ in range(64):
            found = self.providers.get((module, name, alias))
            if found is not None:
                return True, found[0]
            if not module:
                return alias is None, None  # a default provider without a block: its settings are its defaults
            call = self.calls.get(module)
            local = name if alias is None else f"{name}.{alias}"
            if call is not None and local in call.providers:
                target = call.providers[local]
                name, _, rest = target.partition(".")
                alias = rest or None
            elif (call is not None and call.has_providers) or alias is not None:
                return False, None
            module = _parent(module)
        return False, None  # pragma: no cover - a cycle cannot be written in Terraform


def _provider_region(cloud: str, config: dict[str, Any] | None, loader: _Loader) -> tuple[str | None, str | None]:
    """(region, why not) from a provider block's evaluated arguments."""
    if config is None:
        return None, None
    for key in ("region", "zone") if cloud == "gcp" else ("region",):
        value = config.get(key)
        if value is None:
            continue
        if isinstance(value, str) and not loader._unknown_string(value):
            return value, None
        return None, f"its provider's {key} is not known without a plan"
    return None, None


def load_directory(path: str | Path, *, var_files: Sequence[str | Path] = (), variables: Mapping[str, str] | None = None,
                   env: Mapping[str, str] | None = None, workspace: str | None = None, display: str | None = None,
                   default_aws_region: str = "us-east-1", timeout: float = _DEFAULT_WORKER_TIMEOUT,
                   only_file: str | Path | None = None, limits: Limits | None = None) -> list[ResourceSpec]:
    """Every managed resource a Terraform / OpenTofu directory declares, as specs (see the module docstring).

    ``env`` (default ``os.environ``) gives ``TF_VAR_*``, ``TF_WORKSPACE`` and ``AWS_REGION`` /
    ``AWS_DEFAULT_REGION``; ``display`` is how the directory is named in locations (default: ``path`` as given).
    ``only_file``: keep what one ``.tf`` file of the directory declares (its resources and the modules it calls);
    the whole directory is still evaluated, as Terraform does, so its variables and locals apply.
    ``limits`` (:class:`~costlib.inputs.readers.Limits`): each file within ``max_bytes``; ``count``/``for_each``
    that expand past ``max_resources`` are refused, before tfparse expands them where their size can be read.

    >>> load_directory("/nonexistent")
    Traceback (most recent call last):
    ...
    costlib.errors.InputError: /nonexistent: no Terraform files (*.tf) in this directory
    """
    root = Path(path)
    if not root.is_dir() or not (any(root.glob("*.tf")) or any(root.glob("*.tf.json"))):
        raise InputError("no Terraform files (*.tf) in this directory", where=str(path))
    root = root.resolve()
    environ = dict(os.environ if env is None else env)
    shown = str(path) if display is None else display
    shown = os.path.normpath(shown) if shown not in ("", ".") else shown
    lim = resolve_limits(limits)
    for f in var_files:
        if not Path(f).is_file():
            raise InputError("variable file not found", where=str(f))
        read_bytes(f, limits=lim)  # its size, before tfparse reads it
    with tempfile.TemporaryDirectory(prefix="costlib-hcl-") as tmpdir:
        tmp = Path(tmpdir)
        files: list[Path] = []
        from_env = {k[len("TF_VAR_"):]: v for k, v in environ.items() if k.startswith("TF_VAR_") and len(k) > 7}
        if from_env:
            files.append(tmp / "environment.tfvars")
            files[-1].write_text("".join(f"{k} = {hcl_literal(v)}\n" for k, v in sorted(from_env.items())
                                         if re.fullmatch(r"[A-Za-z_][\w-]*", k)), encoding="utf-8")
        files += [Path(f).resolve() for f in var_file_order(root, [Path(v) for v in var_files])]
        if variables:
            for k in variables:
                if not re.fullmatch(r"[A-Za-z_][\w-]*", k):
                    raise InputError(f"--var {k!r}: not a variable name", where=shown)
            files.append(tmp / "command-line.tfvars")
            files[-1].write_text("".join(f"{k} = {hcl_literal(v)}\n" for k, v in variables.items()), encoding="utf-8")
        worker = _Worker(timeout, 4 * lim.max_bytes, lim.max_depth)
        try:
            loader = _Loader(root, shown, workspace=workspace or environ.get("TF_WORKSPACE") or "default",
                             env=environ, tmp=tmp, worker=worker, limits=lim)
            loader.run(root, files, "", "")
        finally:
            worker.close()
        loader.unexpanded()
        specs = _specs(loader, environ, default_aws_region)
    if only_file is None:
        return specs
    wanted = Path(only_file).resolve()
    declared = {i.address: i.file for i in loader.instances} | loader.placeholder_files
    declared |= {path: call.file for path, call in loader.calls.items() if _parent(path) == ""}
    return [s for s in specs if declared.get(next(_module_prefixes(s.address + "."), s.address)) == wanted]


def evaluate_outputs(directory: Path, *, timeout: float = _DEFAULT_WORKER_TIMEOUT) -> dict[str, Any]:
    """The ``output`` values tfparse evaluates for the configuration in ``directory`` (no variables given), as
    tfparse gives them: a value it cannot know is null or a ``{"__attribute__": ...}`` reference."""
    worker = _Worker(timeout)
    try:
        out = worker.parse(directory.resolve(), [], "default")
    except _TfparseError as exc:
        raise InputError(str(exc), where=str(directory)) from None
    finally:
        worker.close()
    return {str((o.get("__tfmeta") or {}).get("label")): o.get("value") for o in out.get("output") or []
            if isinstance(o, dict)}


_WRAPPERS = re.compile(r"(?:toset|tolist|tomap|length|keys|values|distinct|compact|sort|nonsensitive)\((.*)\)", re.S)


def _size_of(value: Any) -> int | None:
    """How many instances a ``count``/``for_each`` value makes, where it is plain: a number, a list, a map."""
    value = _unquote(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, float):
        return int(value) if value == value and abs(value) < 1e18 else None
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        return len([k for k in value if not str(k).startswith("__")])
    if isinstance(value, str) and re.fullmatch(r"\d{1,18}", value.strip()):
        return int(value.strip())
    return None


def _bound(expr: Any, variables: Mapping[str, Any]) -> int | None:
    """The size of a ``count``/``for_each`` as python-hcl2 gives it, where the text says it (see
    :meth:`_Loader.prescan`), else None.

    >>> _bound(5, {}), _bound("${var.n}", {"n": 100000000}), _bound("${toset(var.names)}", {"names": ["a", "b"]})
    (5, 100000000, 2)
    >>> _bound("${range(7)}", {}), _bound("${length(var.x) * 2}", {"x": [1]})
    (7, None)
    >>> _bound("${toset([for i in range(var.n) : tostring(i)])}", {"n": 500000})
    500000
    >>> _bound("${{for k, v in var.m : k => v if v > 1}}", {"m": {"a": 1}}) is None
    True
    """
    if not isinstance(expr, str):
        return _size_of(expr)
    m = re.fullmatch(r"\$\{(.*)\}", expr.strip(), re.S)
    if not m:
        return _size_of(expr)
    return _inner_bound(m.group(1).strip(), variables, 0)


_FOR = re.compile(r"[\[{]\s*for\s+\w+(?:\s*,\s*\w+)?\s+in\s+(?P<coll>.+?)\s*:\s*(?P<body>.+)[\]}]", re.S)


def _inner_bound(inner: str, variables: Mapping[str, Any], depth: int) -> int | None:
    if depth > 8:
        return None
    while (w := _WRAPPERS.fullmatch(inner)) is not None:
        inner = w.group(1).strip()
    if (v := re.fullmatch(r"var\.([A-Za-z_][\w-]*)", inner)) is not None:
        return _size_of(variables.get(v.group(1)))
    if (r := re.fullmatch(r"range\((.+)\)", inner, re.S)) is not None:
        return _inner_bound(r.group(1).strip(), variables, depth + 1)
    if (f := _FOR.fullmatch(inner)) is not None and not re.search(r"\bif\b", f.group("body")):
        return _inner_bound(f.group("coll").strip(), variables, depth + 1)  # one element per item, none filtered out
    return _size_of(inner)


def _literal(value: Any, variables: Mapping[str, Any]) -> Any:
    """A module argument as python-hcl2 gives it, where it is plain or one ``var.x`` (for the prescan)."""
    if isinstance(value, str):
        m = re.fullmatch(r"\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}", value.strip())
        if m:
            return variables.get(m.group(1))
        if "${" in value:
            return None
    return value


def _variables(directory: Path, var_files: Sequence[Path], raw: _Raw, limits: Limits, where: Any
               ) -> dict[str, Any]:
    """Variable values as the prescan reads them: declared defaults, then each variable file in order."""
    import hcl2

    out: dict[str, Any] = {}
    for file in sorted(directory.glob("*.tf")):
        for block in raw.doc(file).get("variable", []) if isinstance(raw.doc(file).get("variable"), list) else []:
            for name, body in block.items() if isinstance(block, dict) else []:
                if isinstance(body, dict) and "default" in body:
                    out[str(_unquote(name))] = body["default"]
    for file in var_files:
        if not Path(file).is_file():
            continue
        if str(file).endswith(".json"):
            doc = read_json(file, limits=limits, where=where(Path(file)))
        else:
            try:
                doc = hcl2.loads(read_text(file, limits=limits, where=where(Path(file))))
            except InputError:
                raise
            except Exception:  # tfparse names a variable file it cannot read
                continue
        if isinstance(doc, dict):
            out.update({str(k): v for k, v in doc.items()})
    return out


def _specs(loader: _Loader, env: Mapping[str, str], default_aws_region: str) -> list[ResourceSpec]:
    specs: list[ResourceSpec] = []
    located: dict[str, str] = {}  # Azure config address -> its location, for child resources without one
    pending: list[tuple[int, _Instance]] = []
    env_region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
    for inst in sorted(loader.instances, key=lambda i: (str(i.file), i.line)):
        if inst.address.startswith("data.") or ".data." in inst.address:
            continue
        name, alias = loader.provider_ref(inst)
        cloud = _PROVIDERS.get(name)
        problem = None
        if cloud is None:
            cloud = _PROVIDERS.get(inst.rtype.split("_", 1)[0])
            if cloud is None:
                continue  # not a cloud costlib prices (random, null, kubernetes ...), as in the plan reader
            problem = (f"{PROVIDER_UNREADABLE}its type is {inst.rtype} but its provider is {name!r}, not one costlib "
                       "prices: listed and not priced")
        shaped = loader.shape(inst)
        found, config = loader.provider_config(inst.module, name, alias)
        region, why = _provider_region(cloud, config, loader)
        notes = list(shaped.notes)
        if not found:
            why = f"provider {name}{'.' + alias if alias else ''} is not configured for {inst.module or 'the root'}"
        region = _region_for(inst.address, cloud, shaped.attributes,
                             {"k": region, "aws": region, "azurerm": region, "google": region}, {})
        if region is None and cloud == "aws":
            if why is None and env_region:
                region = env_region
            else:
                region = default_aws_region
                notes.append(f"{why}; {default_aws_region} assumed" if why else
                             f"the configuration does not set an AWS region (provider region, AWS_REGION or "
                             f"AWS_DEFAULT_REGION); {default_aws_region} assumed")
        if problem is not None:
            notes.append(problem)
        spec = ResourceSpec(address=inst.address, type=inst.rtype, provider=cloud, region=region,
                            attributes=shaped.attributes, location=loader.where(inst.file, inst.line),
                            notes=tuple(notes), unknown=tuple(shaped.unknown))
        if cloud == "azure":
            if region is not None:
                located.setdefault(_strip_index(inst.address), region)
            else:
                pending.append((len(specs), inst))
        specs.append(spec)
    for i, inst in pending:  # an Azure child resource (a SQL database) lives where its parent does
        for ref in (inst.obj.get("__tfmeta") or {}).get("references") or []:
            parent = f"{inst.module + '.' if inst.module else ''}{ref.get('label')}.{_strip_index(str(ref.get('name')))}"
            if parent in located:
                import dataclasses

                specs[i] = dataclasses.replace(specs[i], region=located[parent])
                break
    return specs + loader.placeholders
