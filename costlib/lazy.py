"""Public names of a package imported on first use (PEP 562), so that ``import costlib`` and the estimate path
import only what they touch.

>>> import types
>>> pkg = types.ModuleType("demo")
>>> pkg.__getattr__, pkg.__dir__ = lazy_names("demo", {"sqrt": "math", "Decimal": "decimal"}, vars(pkg))
>>> pkg.sqrt(9.0), "Decimal" in dir(pkg), "sqrt" in vars(pkg)
(3.0, True, True)
>>> pkg.nope
Traceback (most recent call last):
...
AttributeError: module 'demo' has no attribute 'nope'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, names: Mapping[str, str], namespace: MutableMapping[str, Any]
               ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__``: ``names`` maps each public name to the module that defines it
    (absolute, or relative to ``package`` with a leading dot); a name is imported on its first use and kept in
    ``namespace`` (the package's globals), so the next use is a plain attribute."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__
