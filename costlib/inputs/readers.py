"""The guarded readers: one per format, the same limits for every input costlib reads.

Plan and state JSON, spec and usage files, CloudFormation templates, the files of a Terraform directory, the
daemon's config and inventory, and request bodies sent to the HTTP API or Slack are all read here, so a hostile
or broken file gets the same clean answer wherever it comes in: an :class:`~costlib.errors.InputError` (or the
``error`` class the caller names, :class:`~costlib.errors.ConfigError` for the daemon's files) that names the
file, and the line or key path where there is one. Never a ``RecursionError``, a ``UnicodeDecodeError``, a NaN
taken as a number or a count that eats the machine.

What is refused, and the :class:`Limits` that bound it (defaults in brackets; each can be given to the library
call, and is read from an environment variable when it is not):

- a file or body over ``max_bytes`` [50 MiB, ``COSTLIB_MAX_INPUT_BYTES``], before it is parsed;
- nesting deeper than ``max_depth`` [64 levels, ``COSTLIB_MAX_DEPTH``] (JSON and YAML: ``[[[[...`` and deeply
  nested mappings), and YAML aliases that refer to their own anchor (a recursive structure) or that would expand
  the document to more than ten times its own size plus 100,000 nodes (the "billion laughs");
- text that is not UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark, as
  ``terraform show -json > plan.json`` writes it in Windows PowerShell 5; a binary plan (a zip archive) is named
  as such, with the command that makes its JSON;
- ``NaN``, ``Infinity`` and numbers too large for a float (``1e999``) in JSON, ``.nan`` and ``.inf`` in YAML,
  integers of more than 4,300 digits, and dates YAML cannot read (``2024-13-45``), each naming the line;
- more than ``max_resources`` resources [100,000, ``COSTLIB_MAX_RESOURCES``, ``costlib estimate
  --max-resources``] from one input, counted before they are expanded (a spec's ``count``, a plan's resources,
  ``count``/``for_each`` in a Terraform directory, a template's resources): a 150-byte spec with
  ``count: 100000000`` is refused at once.

Input YAML (spec and usage files) is read as JSON types: a key is a name (``1:`` or ``on:`` is refused: quote
it), a key given twice is an error rather than the last one silently winning, and dates stay text (as in a plan).

>>> read_document(b'{"a": [1, 2]}', where="request body")
{'a': [1, 2]}
>>> try:
...     read_document(b'{"size": NaN}', where="request body")
... except InputError as exc:
...     print(exc)
request body:1:10: NaN is not a number costlib reads (a finite decimal, please)
>>> try:
...     read_document(b"[" * 100 + b"]" * 100, where="plan.json")
... except InputError as exc:
...     print(exc)
plan.json:1:65: nested deeper than 64 levels (Limits.max_depth; COSTLIB_MAX_DEPTH raises it)
>>> read_document(b"size: 10\\nwhen: 2024-10-01\\n", where="spec.yaml", format="yaml")
{'size': 10, 'when': '2024-10-01'}
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NoReturn

from costlib.errors import ConfigError, CostlibError, InputError, LimitError

__all__ = ["ALIAS_ALLOWANCE", "BINARY_PLAN", "DEFAULT_LIMITS", "ENV_VARS", "Limits", "check_document",
           "check_resource_count", "check_yaml", "decode_text", "parse_json", "parse_yaml", "read_bytes", "read_document",
           "read_json", "read_text", "read_yaml", "resolve_limits"]

ErrorType = type[CostlibError]


def _limit(error: ErrorType) -> ErrorType:
    """The class a limit stops with: :class:`LimitError` for an input (the API's 413), else ``error`` (a config)."""
    return LimitError if error is InputError else error

#: what to say about a binary plan (the API and Slack say it too)
BINARY_PLAN = ("this is a binary Terraform plan (a zip archive), not its JSON: run `terraform show -json {name} > "
               "plan.json` and estimate plan.json")

#: the environment variable each limit is read from when the call does not give it
ENV_VARS: Mapping[str, str] = {"max_bytes": "COSTLIB_MAX_INPUT_BYTES", "max_depth": "COSTLIB_MAX_DEPTH",
                               "max_resources": "COSTLIB_MAX_RESOURCES"}
_FLAGS = {"max_resources": "--max-resources"}
_UNITS = {"max_bytes": "bytes", "max_depth": "levels", "max_resources": "resources"}


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one input may hold. Every reader of :mod:`costlib.inputs` takes one (``limits=``); where none is
    given, :func:`resolve_limits` reads :data:`ENV_VARS` and falls back to these defaults.

    ``max_bytes``: the size of one file or request body (50 MiB). ``max_depth``: how deeply JSON or YAML may
    nest (64 levels: a Terraform plan of modules five deep with nested blocks uses about 25). ``max_resources``:
    how many resources one input may expand to (100,000: ``count``, ``for_each``, the resources of a plan).

    >>> Limits().max_resources, Limits(max_resources=10).describe("max_resources")
    (100000, 'the limit of 10 resources (Limits.max_resources; --max-resources or COSTLIB_MAX_RESOURCES raises it)')
    >>> Limits(max_depth=0)
    Traceback (most recent call last):
    ...
    costlib.errors.ConfigError: Limits.max_depth: 0 is not a whole number of 1 or more
    """

    max_bytes: int = 50 * 1024 * 1024
    max_depth: int = 64
    max_resources: int = 100_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{value!r} is not a whole number of 1 or more", where=f"Limits.{f.name}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The limits :data:`ENV_VARS` set in ``env`` (default: the process environment), defaults for the rest.

        >>> Limits.from_env({"COSTLIB_MAX_RESOURCES": "500"}).max_resources
        500
        >>> Limits.from_env({"COSTLIB_MAX_DEPTH": "deep"})
        Traceback (most recent call last):
        ...
        costlib.errors.ConfigError: COSTLIB_MAX_DEPTH: 'deep' is not a whole number of 1 or more
        """
        environ = os.environ if env is None else env
        given: dict[str, int] = {}
        for name, var in ENV_VARS.items():
            text = environ.get(var)
            if text is None or not text.strip():
                continue
            raw = text.strip().replace("_", "")
            if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
                raise ConfigError(f"{text!r} is not a whole number of 1 or more", where=var)
            given[name] = int(raw)
        return cls(**given)

    def describe(self, name: str) -> str:
        """``the limit of 100,000 resources (...how to raise it)``, said in every error that a limit stops."""
        flag = _FLAGS.get(name)
        how = f"{flag} or {ENV_VARS[name]}" if flag else ENV_VARS[name]
        return f"the limit of {getattr(self, name):,} {_UNITS[name]} (Limits.{name}; {how} raises it)"


#: the limits with every default (what :func:`resolve_limits` gives where no variable is set)
DEFAULT_LIMITS = Limits()


def resolve_limits(limits: Limits | None) -> Limits:
    """``limits``, or when None the limits the environment sets (:meth:`Limits.from_env`).

    >>> resolve_limits(Limits(max_depth=8)).max_depth
    8
    """
    return limits if limits is not None else Limits.from_env()


def check_resource_count(count: int, *, where: str, limits: Limits | None = None, error: ErrorType = InputError,
                         what: str = "") -> None:
    """Refuse ``count`` resources from one input when it is over ``max_resources``; ``what`` says where they come
    from (``count: 100000000 expands to``, ``the plan holds``).

    >>> check_resource_count(5, where="spec.yaml")
    >>> check_resource_count(100_000_000, where="spec.yaml:3", what="count: 100000000 expands to")
    Traceback (most recent call last):
    ...
    costlib.errors.LimitError: spec.yaml:3: count: 100000000 expands to 100,000,000 resources, over the limit of \
100,000 resources (Limits.max_resources; --max-resources or COSTLIB_MAX_RESOURCES raises it)
    """
    lim = resolve_limits(limits)
    if count > lim.max_resources:
        raise _limit(error)(f"{what + ' ' if what else ''}{count:,} resources, over {lim.describe('max_resources')}",
                    where=where)


# -- bytes and text ---------------------------------------------------------------------------------------------

_ZIP = b"PK\x03\x04"
_GZIP = b"\x1f\x8b"


def read_bytes(path: str | Path, *, limits: Limits | None = None, error: ErrorType = InputError,
               where: str | None = None) -> bytes:
    """The bytes of a file, refused before reading when it is over ``max_bytes``; errors name the file (or
    ``where``, how the caller shows it).

    >>> read_bytes("/nonexistent/plan.json")
    Traceback (most recent call last):
    ...
    costlib.errors.InputError: /nonexistent/plan.json: file not found
    """
    lim = resolve_limits(limits)
    p = Path(path)
    shown = str(p) if where is None else where
    try:
        with p.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > lim.max_bytes:
                raise _limit(error)(f"the file is {size:,} bytes, over {lim.describe('max_bytes')}", where=shown)
            if size:  # a regular file: its size (read(n) would set aside n bytes first), and one byte more
                data = fh.read(size + 1)
            else:  # a pipe, /dev/stdin: no size; read in chunks until the end or one byte past the limit
                parts, total = [], 0
                while total <= lim.max_bytes and (chunk := fh.read(min(1 << 20, lim.max_bytes + 1 - total))):
                    parts.append(chunk)
                    total += len(chunk)
                data = b"".join(parts)
    except FileNotFoundError:
        raise error("file not found", where=shown) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", where=shown) from None
    except OSError as exc:
        raise _limit(error)(f"cannot read: {exc.strerror or exc}", where=shown) from None
    if len(data) > lim.max_bytes:
        raise _limit(error)(f"the file is over {lim.describe('max_bytes')}", where=shown)
    return data


def decode_text(data: bytes, *, where: str, error: ErrorType = InputError) -> str:
    """Text from bytes: UTF-8 with or without a byte-order mark, or UTF-16 with one; anything else is an error
    naming ``where`` (a binary plan and a gzip file are said to be what they are).

    >>> decode_text(codecs.BOM_UTF8 + b"{}", where="plan.json"), decode_text("{}".encode("utf-16"), where="p")
    ('{}', '{}')
    >>> decode_text("café".encode("latin-1"), where="spec.yaml")
    Traceback (most recent call last):
    ...
    costlib.errors.InputError: spec.yaml: not UTF-8 text (byte 3 is 0xe9): save it as UTF-8 (with or without a \
byte-order mark) or UTF-16 with one
    """
    if data.startswith(_ZIP):
        raise error(BINARY_PLAN.format(name=Path(where.split(":", 1)[0]).name or "plan.out"), where=where)
    if data.startswith(_GZIP):
        raise error("this is a gzip archive, not text: decompress it first (gunzip)", where=where)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise error("this is UTF-32 text: save it as UTF-8 (with or without a byte-order mark) or UTF-16", where=where)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise error(f"not {encoding.upper().removesuffix('-SIG')} text after its byte-order mark (byte "
                            f"{exc.start} cannot be read)", where=where) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x}): save it as UTF-8 (with or without "
                    "a byte-order mark) or UTF-16 with one", where=where) from None


def read_text(path: str | Path, *, limits: Limits | None = None, error: ErrorType = InputError,
              where: str | None = None) -> str:
    """The text of a file (:func:`read_bytes`, then :func:`decode_text`); errors name ``where`` (default: the
    path)."""
    shown = str(path) if where is None else where
    return decode_text(read_bytes(path, limits=limits, error=error, where=shown), where=shown, error=error)


# -- JSON -------------------------------------------------------------------------------------------------------

class _Refused(Exception):
    def __init__(self, token: str, message: str) -> None:
        super().__init__(message)
        self.token, self.message = token, message


def _constant(token: str) -> NoReturn:
    raise _Refused(token, f"{token} is not a number costlib reads (a finite decimal, please)")


def _float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _Refused(token, f"{token[:40]} is too large for a number (over 1.8e308)")
    return value


def _int(token: str) -> int:
    try:
        return int(token)
    except ValueError:  # more digits than Python converts (4,300 by default)
        raise _Refused(token, f"a whole number of {len(token):,} digits is not a figure costlib reads") from None


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(json.dumps(key), f"the key {key!r} is given twice (the second would silently replace "
                                            "the first)")
        out[key] = value
    return out


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _place(text: str, offset: int, where: str) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{where}:{line}:{offset - text.rfind(chr(10), 0, offset)}"


def _json_offset_of(text: str, token: str) -> int | None:
    """Where ``token`` first stands outside a JSON string."""
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|' + re.escape(token), text):
        if m.group(0) == token:
            return m.start()
    return None


def _json_too_deep_at(text: str, max_depth: int) -> int | None:
    """The offset of the first bracket that nests deeper than ``max_depth`` (only read when it does)."""
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        c = m.group(0)
        if c in "[{":
            depth += 1
            if depth > max_depth:
                return m.start()
        elif c in "]}":
            depth -= 1
    return None


def _too_deep(doc: Any, max_depth: int) -> bool:
    """Whether an already-parsed document nests containers deeper than ``max_depth`` (one pass, no paths)."""
    if not isinstance(doc, dict | list):
        return False
    level: list[Any] = [doc]
    depth = 1
    while level:
        if depth > max_depth:
            return True
        below: list[Any] = []
        for node in level:
            for value in node.values() if isinstance(node, dict) else node:
                if isinstance(value, dict | list):
                    below.append(value)
        level, depth = below, depth + 1
    return False


def _deep_path(doc: Any, max_depth: int) -> list[str | int]:
    """The key path of the first container nested deeper than ``max_depth`` (read only once it is known to be)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if len(path) >= max_depth:
            return list(path)
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((value, (*path, key)) for key, value in items if isinstance(value, dict | list))
    return []  # pragma: no cover - only called for a document that is too deep


def parse_json(text: str, *, where: str, limits: Limits | None = None, error: ErrorType = InputError,
               unique_keys: bool = False) -> Any:
    """A JSON document from text, guarded (see the module docstring); ``unique_keys``: a key given twice in an
    object is an error (spec and usage files; a Terraform plan never repeats one)."""
    lim = resolve_limits(limits)
    if len(text) > lim.max_bytes:
        raise _limit(error)(f"the text is over {lim.describe('max_bytes')}", where=where)
    try:
        doc = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int,
                         object_pairs_hook=_unique_pairs if unique_keys else None)
    except json.JSONDecodeError as exc:
        raise error(f"not valid JSON: {exc.msg}", where=f"{where}:{exc.lineno}:{exc.colno}") from None
    except RecursionError:
        at = _json_too_deep_at(text, lim.max_depth)
        raise _limit(error)(f"nested deeper than {lim.describe('max_depth').removeprefix('the limit of ')}",
                    where=_place(text, at, where) if at is not None else where) from None
    except _Refused as exc:
        at = _json_offset_of(text, exc.token)
        raise error(exc.message, where=_place(text, at, where) if at is not None else where) from None
    if _too_deep(doc, lim.max_depth):
        at = _json_too_deep_at(text, lim.max_depth)
        raise _limit(error)(f"nested deeper than {lim.describe('max_depth').removeprefix('the limit of ')}",
                    where=_place(text, at, where) if at is not None else where)
    return doc


def read_json(path: str | Path, *, limits: Limits | None = None, error: ErrorType = InputError,
              unique_keys: bool = False, where: str | None = None) -> Any:
    """A JSON file, guarded: size, encoding, nesting, NaN and huge numbers; errors name the file (or ``where``)
    and line."""
    shown = str(path) if where is None else where
    return parse_json(read_text(path, limits=limits, error=error, where=shown), where=shown, limits=limits,
                      error=error, unique_keys=unique_keys)


# -- YAML -------------------------------------------------------------------------------------------------------

#: aliases may make a YAML document at most this many nodes larger than ten times its own (the "billion laughs")
ALIAS_ALLOWANCE = 100_000


class _Bad(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark, self.message = mark, message


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most] + "..."


def _loader_classes() -> tuple[type[Any], type[Any]]:
    """(input loader, config loader): SafeLoader (libyaml's where installed) with costlib's guards."""
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Guarded(base):  # type: ignore[misc]
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, OverflowError) as exc:  # a date YAML cannot make, a number Python cannot
                shown = repr(_short(node.value)) if isinstance(node.value, str) else node.tag
                raise _Bad(node.start_mark, f"{shown} cannot be read: {exc}") from None

        def construct_yaml_float(self, node: Any) -> float:
            value = float(super().construct_yaml_float(node))
            if not math.isfinite(value):
                raise _Bad(node.start_mark, f"{_short(node.value)} is not a number costlib reads (a finite decimal, please)")
            return value

    _Guarded.add_constructor("tag:yaml.org,2002:float", _Guarded.construct_yaml_float)

    class _Input(_Guarded):
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[tuple[str, str]] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node.value, str):
                    continue
                if (key_node.tag, key_node.value) in seen:
                    raise _Bad(key_node.start_mark, f"the key {key_node.value!r} is given twice (the second would "
                                                    "silently replace the first)")
                seen.add((key_node.tag, key_node.value))
            self.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, str):
                    raise _Bad(key_node.start_mark, f"the key {key_node.value!r} is read as {type(key).__name__}, "
                                                    "not a name: quote it")
                out[key] = self.construct_object(value_node, deep=deep)
            return out

        def construct_text(self, node: Any) -> str:
            return str(self.construct_scalar(node))

        def refuse(self, node: Any) -> NoReturn:
            raise _Bad(node.start_mark, f"YAML type {node.tag.rsplit(':', 1)[-1]} is not read here: numbers, "
                                        "words, booleans, lists and mappings are")

    _Input.add_constructor("tag:yaml.org,2002:timestamp", _Input.construct_text)  # dates stay text, as in a plan
    for tag in ("binary", "set", "omap", "pairs"):
        _Input.add_constructor(f"tag:yaml.org,2002:{tag}", _Input.refuse)
    return _Input, _Guarded


_LOADERS: tuple[type[Any], type[Any]] | None = None
_FLOAT = "tag:yaml.org,2002:float"


def _finite(value: str) -> bool:
    """Whether a YAML float scalar is a finite number (``.inf``, ``.nan`` and ``1e999`` are not)."""
    text = value.replace("_", "").lower().lstrip("+-")
    if text in (".inf", ".nan"):
        return False
    try:
        return math.isfinite(float(text))
    except ValueError:  # sexagesimal (1:30.5) and other YAML 1.1 forms: finite
        return True


def _compose(loader: Any, where: str, lim: Limits, error: ErrorType) -> Any:
    """The node graph of the one document in the stream, built without recursion, with the nesting and the
    alias expansion checked as it is built (PyYAML's composer recurses per level and follows aliases as
    shared nodes that later walks expand)."""
    from yaml import events, nodes

    def fail(message: str, mark: Any) -> NoReturn:
        raise error(message, where=f"{where}:{mark.line + 1}" if mark is not None else where)

    loader.get_event()  # stream start
    if loader.check_event(events.StreamEndEvent):
        loader.get_event()
        return None
    loader.get_event()  # document start
    anchors: dict[str, tuple[Any, int, int]] = {}  # anchor -> (node, expanded size, height)
    open_anchors: set[str] = set()
    stack: list[list[Any]] = []  # [node, anchor, pending key node]
    sizes: list[list[int]] = []  # [expanded size, height] of each open collection
    literal = expanded = 0
    deep = f"nested deeper than {lim.describe('max_depth').removeprefix('the limit of ')}"
    while True:
        event = loader.get_event()
        if isinstance(event, events.SequenceEndEvent | events.MappingEndEvent):
            node, anchor, _ = stack.pop()
            size, height = sizes.pop()
            node.end_mark = event.end_mark
            done = (node, size + 1, height + 1)
            if anchor is not None:
                anchors[anchor] = done
                open_anchors.discard(anchor)
        elif isinstance(event, events.AliasEvent):
            if event.anchor in open_anchors:
                fail(f"the alias *{event.anchor} refers to a node that contains it (a recursive structure)",
                     event.start_mark)
            if event.anchor not in anchors:
                fail(f"the alias *{event.anchor} refers to no anchor before it", event.start_mark)
            done = anchors[event.anchor]
            expanded += done[1]
            if expanded > 10 * literal + ALIAS_ALLOWANCE:
                fail(f"aliases expand this document to over {expanded:,} nodes from {literal:,} (a 'billion "
                     "laughs'): write the values out", event.start_mark)
            if len(stack) + done[2] > lim.max_depth:
                fail(deep, event.start_mark)
        elif isinstance(event, events.ScalarEvent | events.SequenceStartEvent | events.MappingStartEvent):
            anchor = event.anchor
            if anchor is not None and (anchor in anchors or anchor in open_anchors):
                fail(f"the anchor &{anchor} is defined twice", event.start_mark)
            tag = event.tag
            literal += 1
            expanded += 1
            if isinstance(event, events.ScalarEvent):
                if tag is None or tag == "!":
                    tag = loader.resolve(nodes.ScalarNode, event.value, event.implicit)
                if tag == _FLOAT and not _finite(event.value):
                    fail(f"{_short(event.value)} is not a number costlib reads (a finite decimal, please)",
                         event.start_mark)
                start: Any = event.start_mark
                end: Any = event.end_mark
                node = nodes.ScalarNode(tag, event.value, start, end, style=event.style)
                done = (node, 1, 0)
                if anchor is not None:
                    anchors[anchor] = done
            else:
                if len(stack) + 1 > lim.max_depth:
                    fail(deep, event.start_mark)
                kind = nodes.SequenceNode if isinstance(event, events.SequenceStartEvent) else nodes.MappingNode
                if tag is None or tag == "!":
                    tag = loader.resolve(kind, None, event.implicit)
                begin: Any = event.start_mark
                node = kind(tag, [], begin, None, flow_style=event.flow_style)
                if anchor is not None:
                    open_anchors.add(anchor)
                stack.append([node, anchor, None])
                sizes.append([0, 0])
                continue
        else:  # pragma: no cover - the parser gives no other event inside a document
            fail(f"unexpected YAML {type(event).__name__}", getattr(event, "start_mark", None))
        node, size, height = done
        if not stack:
            break
        frame, counted = stack[-1], sizes[-1]
        counted[0] += size
        counted[1] = max(counted[1], height)
        parent = frame[0]
        if isinstance(parent, nodes.SequenceNode):
            parent.value.append(node)
        elif frame[2] is None:
            frame[2] = node
        else:
            parent.value.append((frame[2], node))
            frame[2] = None
    end = loader.get_event()  # document end
    if not loader.check_event(events.StreamEndEvent):
        fail("expected one YAML document, found another (a second '---')", getattr(loader.peek_event(), "start_mark",
                                                                                     end.end_mark))
    return node


def _yaml_error(exc: Any, where: str, lim: Limits, error: ErrorType) -> CostlibError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "cannot be read"
    if "maximum nesting depth" in problem:  # libyaml's own bound (1,000), met while it reads ahead in [[[...
        problem = f"nested deeper than {lim.describe('max_depth').removeprefix('the limit of ')}"
    else:
        problem = f"not valid YAML: {problem}"
    return error(problem, where=f"{where}:{mark.line + 1}" if mark else where)


def parse_yaml(text: str, *, where: str, limits: Limits | None = None, error: ErrorType = InputError,
               mode: Literal["input", "config"] = "input") -> Any:
    """A YAML document from text, guarded (see the module docstring). ``mode="input"`` (spec and usage files, request
    bodies): keys are names, given once, values are JSON's types and dates stay text. ``mode="config"`` (the
    daemon's config and inventory): YAML's own types, dates as ``date`` objects, as ``yaml.safe_load`` reads them."""
    import yaml

    global _LOADERS
    lim = resolve_limits(limits)
    if len(text) > lim.max_bytes:
        raise _limit(error)(f"the text is over {lim.describe('max_bytes')}", where=where)
    if _LOADERS is None:
        _LOADERS = _loader_classes()
    strict, lenient = _LOADERS
    loader = (strict if mode == "input" else lenient)(text)
    try:
        root = _compose(loader, where, lim, error)
        return None if root is None else loader.construct_document(root)
    except _Bad as exc:
        raise error(exc.message, where=f"{where}:{exc.mark.line + 1}") from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, where, lim, error) from None
    except yaml.YAMLError as exc:  # the reader's "unacceptable character"
        raise error(f"not valid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                    where=where) from None
    finally:
        loader.dispose()


def read_yaml(path: str | Path, *, limits: Limits | None = None, error: ErrorType = InputError,
              mode: Literal["input", "config"] = "input", where: str | None = None) -> Any:
    """A YAML (or JSON) file, guarded: size, encoding, nesting, aliases, NaN, bad dates; errors name file and line.
    The daemon reads its config with ``error=ConfigError, mode="config"``."""
    shown = str(path) if where is None else where
    return parse_yaml(read_text(path, limits=limits, error=error, where=shown), where=shown, limits=limits,
                      error=error, mode=mode)


def check_yaml(text: str, *, where: str, limits: Limits | None = None, error: ErrorType = InputError) -> None:
    """Check YAML that another reader will build (a CloudFormation template, read by cfn-lint with its ``!Ref``
    tags): size, nesting, aliases, NaN and infinities, without building anything.

    >>> check_yaml("Resources:\\n  A: {Type: !Ref X, Size: .nan}\\n", where="t.yaml")
    Traceback (most recent call last):
    ...
    costlib.errors.InputError: t.yaml:2: .nan is not a number costlib reads (a finite decimal, please)
    """
    import yaml

    global _LOADERS
    lim = resolve_limits(limits)
    if len(text) > lim.max_bytes:
        raise _limit(error)(f"the text is over {lim.describe('max_bytes')}", where=where)
    if _LOADERS is None:
        _LOADERS = _loader_classes()
    loader = _LOADERS[1](text)
    try:
        _compose(loader, where, lim, error)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, where, lim, error) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                    where=where) from None
    finally:
        loader.dispose()


# -- already-parsed documents and request bodies --------------------------------------------------------------

def read_document(data: bytes, *, where: str, limits: Limits | None = None, format: Literal["json", "yaml"] = "json",
                  error: ErrorType = InputError) -> Any:
    """A request body (or any bytes) as a document, with the same guards as a file: the HTTP API and Slack read
    what they are sent with this, before any other work. ``where`` names it in errors (``request body``)."""
    lim = resolve_limits(limits)
    if len(data) > lim.max_bytes:
        raise _limit(error)(f"{len(data):,} bytes, over {lim.describe('max_bytes')}", where=where)
    text = decode_text(data, where=where, error=error)
    if format == "yaml":
        return parse_yaml(text, where=where, limits=lim, error=error)
    return parse_json(text, where=where, limits=lim, error=error)


def _path_text(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check_document(doc: Any, *, where: str, limits: Limits | None = None, error: ErrorType = InputError) -> None:
    """Check a document something else parsed (a web framework's JSON body, a Python caller's dict): nesting
    within ``max_depth``, numbers finite, keys names. Errors name the key path.

    >>> check_document({"resources": [{"size": float("nan")}]}, where="request body")
    Traceback (most recent call last):
    ...
    costlib.errors.InputError: request body: resources[0].size: nan is not a number costlib reads (a finite decimal, please)
    """
    lim = resolve_limits(limits)
    if _too_deep(doc, lim.max_depth):
        too_deep = _deep_path(doc, lim.max_depth)
        shown = _path_text(too_deep[:6]) + (" ..." if len(too_deep) > 6 else "")
        raise _limit(error)(f"{shown}: nested deeper than {lim.describe('max_depth').removeprefix('the limit of ')}",
                    where=where)
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise error(f"{_path_text(list(path)) or 'the document'}: the key {key!r} is not a name",
                                where=where)
                stack.append((value, (*path, key)))
        elif isinstance(node, list):
            stack.extend((value, (*path, i)) for i, value in enumerate(node))
        elif (isinstance(node, float) and not math.isfinite(node)) or (isinstance(node, Decimal)
                                                                      and not node.is_finite()):
            raise error(f"{_path_text(list(path)) or 'the document'}: {node} is not a number costlib reads (a finite "
                        "decimal, please)", where=where)

