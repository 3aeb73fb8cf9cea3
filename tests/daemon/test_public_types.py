"""The daemon's public signatures are typed all the way down: no ``Any`` in what a caller passes or gets back."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from typing import Any

import costlib.daemon


def _has_any(tp: object, seen: set[int] | None = None) -> bool:
    seen = seen if seen is not None else set()
    if tp is Any:
        return True
    if id(tp) in seen:
        return False
    seen.add(id(tp))
    value = getattr(tp, "__value__", None)  # a type alias
    if value is not None and _has_any(value, seen):
        return True
    return any(_has_any(arg, seen) for arg in typing.get_args(tp))


def _public(module: object) -> list[tuple[str, object]]:
    names = getattr(module, "__all__", [])
    found = []
    for name in names:
        obj = getattr(module, name)
        if getattr(obj, "__module__", None) != module.__name__:  # type: ignore[attr-defined]
            continue
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_") and attr not in ("__init__", "__call__"):
                    continue
                fn = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
                if inspect.isfunction(fn):
                    found.append((f"{name}.{attr}", fn))
        elif inspect.isfunction(obj):
            found.append((name, obj))
    return found


def _namespace() -> dict[str, object]:
    """Names the annotations use that their modules import for type checking only."""
    import threading

    import uvicorn

    from costlib.daemon import service, snapshot, state
    from costlib.daemon.notify import routing

    return {**vars(snapshot), "Daemon": service.Daemon, "StateStore": state.StateStore, "Payload": routing.Payload,
            "uvicorn": uvicorn, "threading": threading}


def test_no_any_in_the_daemons_public_signatures() -> None:
    offenders = []
    extra = _namespace()
    for info in pkgutil.walk_packages(costlib.daemon.__path__, "costlib.daemon."):
        module = importlib.import_module(info.name)
        for name, fn in _public(module):
            hints = typing.get_type_hints(fn, globalns={**extra, **vars(module)})
            bad = [k for k, v in hints.items() if _has_any(v)]
            if bad:
                offenders.append(f"{info.name}.{name}: {', '.join(bad)}")
    assert offenders == []
