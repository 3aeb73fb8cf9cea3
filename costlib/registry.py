"""A registry of builders keyed by the type of a settings object: how sources, inventories and channels are found
(the settings class a config item parsed into picks its builder; no chain of ``if type == ...``).

>>> from dataclasses import dataclass
>>> @dataclass
... class Files:
...     path: str
>>> shapes: TypeRegistry[str] = TypeRegistry("a shape")
>>> @shapes.register(Files)
... def _files(settings: Files, *args: object) -> str:
...     return f"files at {settings.path}"
>>> shapes.build(Files("/srv"))
'files at /srv'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from costlib.errors import ConfigError

__all__ = ["TypeRegistry"]

T = TypeVar("T")
S = TypeVar("S")


class TypeRegistry(Generic[T]):
    """Builders of ``T`` by settings type; ``what`` names a ``T`` in the error for an unregistered type."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._builders: dict[type, Callable[..., T]] = {}

    def register(self, settings_type: type[S]) -> Callable[[Callable[..., T]], Callable[..., T]]:
        """A decorator: the decorated function builds the ``T`` of settings of ``settings_type``."""
        def add(builder: Callable[..., T]) -> Callable[..., T]:
            self._builders[settings_type] = builder
            return builder
        return add

    def types(self) -> Mapping[type, Callable[..., T]]:
        """Every registered settings type and its builder."""
        return dict(self._builders)

    def build(self, settings: Any, *args: Any, where: str | None = None, **kwargs: Any) -> T:
        """The ``T`` of ``settings``: its type's builder called with ``settings`` and the other arguments."""
        builder = self._builders.get(type(settings))
        if builder is None:
            raise ConfigError(f"no {self.what} is registered for {type(settings).__name__}", where=where)
        return builder(settings, *args, **kwargs)
