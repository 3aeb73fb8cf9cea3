"""The registry of resource types: one entry per Terraform type, discovered from the modules, imported on use.

An entry (:class:`ResourceType`) is a frozen **inputs model**, a **usage model** and a pure **cost function**
``cost(inputs, usage) -> list[CostComponent]``, declared in one place with :func:`resource`::

    class NatGateway(AwsInputs):
        pass

    class NatGatewayUsage(Usage):
        monthly_data_processed_gb: GB | None = usage_key("Data processed a month", unit="GB")

    @resource("aws_nat_gateway")
    def aws_nat_gateway(i: NatGateway, u: NatGatewayUsage) -> list[CostComponent]:
        ...

Modules under ``costlib/resources/<cloud>/`` are found by reading their ``@resource(...)`` lines, not by a
hand-kept list, and a module is imported only when one of its types is looked up (an estimate of a plan with
ten types imports the few modules it needs). Types that cost nothing by themselves are listed with a reason
in ``costlib/resources/<cloud>/free.py`` (:func:`free`); types known but not priced yet are listed with the
reason in ``costlib/resources/<cloud>/unsupported.py`` (:func:`not_yet`), so an estimate says why.

>>> rt = lookup("aws_nat_gateway")
>>> (rt.name, rt.provider, rt.inputs.__name__, sorted(rt.usage_keys()))
('aws_nat_gateway', 'aws', 'NatGateway', ['monthly_data_processed_gb'])
>>> free_reason("aws_iam_role")
'IAM identities and policies are free'
"""

from __future__ import annotations

import importlib
import inspect
import re
import threading
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from costlib.errors import UnsupportedResourceError
from costlib.models import CostComponent
from costlib.resources.schema import Inputs, NoUsage, Usage, usage_keys

__all__ = [
    "PROVIDER_PREFIXES",
    "ResourceType",
    "all_types",
    "family_of",
    "free",
    "free_reason",
    "free_types",
    "is_free",
    "lookup",
    "not_yet",
    "not_yet_reason",
    "provider_of_type",
    "registered",
    "resource",
    "supported_types",
    "type_table",
]

#: Terraform type prefix -> costlib provider.
PROVIDER_PREFIXES: Mapping[str, str] = MappingProxyType({"aws_": "aws", "azurerm_": "azure", "google_": "gcp"})

F = TypeVar("F", bound=Callable[..., list[CostComponent]])


@dataclass(frozen=True, slots=True)
class ResourceType:
    """One registered resource type.

    ``example`` is a typical configuration (attributes without the region), used to show which prices a type
    needs (``costlib pricing coverage``) and as the baseline of the property tests.
    """

    name: str
    provider: str
    inputs: type[Inputs]
    usage: type[Usage]
    cost: Callable[[Any, Any], list[CostComponent]]
    example: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""

    def usage_keys(self) -> dict[str, tuple[str, str, Any]]:
        """Usage key -> (documentation, unit, default)."""
        return usage_keys(self.usage)

    def price(self, inputs: Inputs, usage: Usage) -> list[CostComponent]:
        """The cost components of one resource (pure)."""
        return self.cost(inputs, usage)


_REGISTRY: dict[str, ResourceType] = {}
_FREE: dict[str, str] = {}
_NOT_YET: dict[str, str] = {}
_LOCK = threading.RLock()


def provider_of_type(name: str) -> str | None:
    """``aws_instance`` -> ``aws``; a type of no priced cloud -> None.

    >>> provider_of_type("azurerm_linux_virtual_machine"), provider_of_type("random_id")
    ('azure', None)
    """
    for prefix, provider in PROVIDER_PREFIXES.items():
        if name.startswith(prefix):
            return provider
    return None


def resource(*names: str, example: Mapping[str, Any] | None = None) -> Callable[[F], F]:
    """Register ``cost(inputs, usage)`` for one or more Terraform types; the models are its annotations."""

    def decorate(fn: F) -> F:
        hints = typing.get_type_hints(fn)
        params = list(inspect.signature(fn).parameters)
        if not params or params[0] not in hints:
            raise TypeError(f"{fn.__name__}: the first parameter must be annotated with its inputs model")
        inputs = hints[params[0]]
        usage = hints[params[1]] if len(params) > 1 else NoUsage
        if not (isinstance(inputs, type) and issubclass(inputs, Inputs)):
            raise TypeError(f"{fn.__name__}: {inputs!r} is not an Inputs model")
        if not (isinstance(usage, type) and issubclass(usage, Usage)):
            raise TypeError(f"{fn.__name__}: {usage!r} is not a Usage model")
        cost = fn if len(params) > 1 else (lambda i, _u, _fn=fn: _fn(i))
        doc = inspect.getdoc(fn) or ""
        for name in names:
            provider = provider_of_type(name)
            if provider is None:
                raise ValueError(f"{name}: not a Terraform type of a priced provider")
            with _LOCK:
                old = _REGISTRY.get(name)
                if old is not None and old.cost is not cost and getattr(old.cost, "__qualname__", "") != fn.__qualname__:
                    raise ValueError(f"{name} is registered twice ({old.cost.__name__}, {fn.__name__})")
                _REGISTRY[name] = ResourceType(name, provider, inputs, usage, cost, MappingProxyType(dict(example or {})),
                                               doc)
        return fn

    return decorate


def free(reason: str, *names: str) -> None:
    """List types that cost nothing by themselves, with the reason (their cost, if any, is elsewhere)."""
    for name in names:
        _FREE[name] = reason


def not_yet(reason: str, *names: str) -> None:
    """List types known to cost money that costlib does not price yet, with the reason (said in estimates)."""
    for name in names:
        _NOT_YET[name] = reason


# --- discovery -------------------------------------------------------------------------------------------
_ROOT = Path(__file__).resolve().parent
_DECORATOR = re.compile(r"\n@resource\(")  # a literal prefix: searched 5x faster than ^ in MULTILINE mode
_NAME = re.compile(r'\s*"([a-z][a-z0-9_]*)"\s*,?')
_index: dict[str, str] | None = None
_free_loaded = False


def _scan() -> dict[str, str]:
    """Type -> module, read from the ``@resource("...")`` lines of every module (nothing imported)."""
    index: dict[str, str] = {}
    for cloud in ("aws", "azure", "gcp"):
        for path in sorted((_ROOT / cloud).glob("*.py")):
            if path.name.startswith("_") or path.name in ("free.py", "unsupported.py"):
                continue
            text = "\n" + path.read_bytes().decode("utf-8")  # a decorator on the first line too
            module = f"costlib.resources.{cloud}.{path.stem}"
            for m in _DECORATOR.finditer(text):
                pos = m.end()
                while (n := _NAME.match(text, pos)) is not None:
                    if n.group(1) in index and index[n.group(1)] != module:
                        raise ValueError(f"{n.group(1)} is declared in {index[n.group(1)]} and {module}")
                    index[n.group(1)] = module
                    pos = n.end()
    return index


def _types_index() -> dict[str, str]:
    global _index
    if _index is None:
        with _LOCK:
            if _index is None:
                _index = _scan()
    return _index


def _load_free() -> None:
    global _free_loaded
    if not _free_loaded:
        with _LOCK:
            for cloud in ("aws", "azure", "gcp"):
                importlib.import_module(f"costlib.resources.{cloud}.free")
                importlib.import_module(f"costlib.resources.{cloud}.unsupported")
            _free_loaded = True


def lookup(name: str) -> ResourceType:
    """The entry of a type (its module imported on first use); :class:`UnsupportedResourceError` if none."""
    found = _REGISTRY.get(name)
    if found is not None:
        return found
    module = _types_index().get(name)
    if module is None:
        raise UnsupportedResourceError(f"no cost function for resource type {name!r}")
    importlib.import_module(module)
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnsupportedResourceError(f"{module} declares {name!r} but registers no cost function") from None


def registered(name: str) -> bool:
    """Whether a type has a cost function (no import needed)."""
    return name in _REGISTRY or name in _types_index()


def supported_types() -> list[str]:
    """Every type with a cost function, sorted.

    >>> "aws_instance" in supported_types()
    True
    """
    return sorted(_types_index())


def family_of(name: str) -> str | None:
    """The module (family) a type is declared in, without importing it.

    >>> family_of("aws_instance")
    'costlib.resources.aws.ec2'
    """
    return _types_index().get(name)


def all_types() -> list[ResourceType]:
    """Every entry, with every module imported (for tools and tests)."""
    return [lookup(name) for name in supported_types()]


def is_free(name: str) -> bool:
    """Whether a type is known to cost nothing by itself."""
    _load_free()
    return name in _FREE


def free_reason(name: str) -> str | None:
    """Why a type is free (None where it is not listed as free)."""
    _load_free()
    return _FREE.get(name)


def free_types() -> dict[str, str]:
    """Every free type -> the reason it is free."""
    _load_free()
    return dict(sorted(_FREE.items()))


def not_yet_reason(name: str) -> str | None:
    """Why a known billable type is not priced yet (None where it is not listed)."""
    _load_free()
    return _NOT_YET.get(name)


def type_table() -> list[tuple[str, str, str]]:
    """Every type costlib knows: (type, ``priced`` / ``free`` / ``not yet``, note), by provider then name."""
    _load_free()
    rows = [(name, "priced", "") for name in supported_types()]
    rows += [(name, "free", reason) for name, reason in _FREE.items()]
    rows += [(name, "not yet", reason) for name, reason in _NOT_YET.items() if name not in _types_index()]
    order = {"aws": 0, "azure": 1, "gcp": 2}
    return sorted(rows, key=lambda r: (order.get(provider_of_type(r[0]) or "", 3), r[0]))
