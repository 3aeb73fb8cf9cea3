"""costlib: FinOps cost intelligence.

Estimate the monthly cost of proposed cloud resources offline, track actual spend per team, and
warn the owning team before money is wasted.

>>> from costlib import Money, HOURS_PER_MONTH
>>> (Money("0.0416", "USD") * HOURS_PER_MONTH).display()
'$30.37'
"""


import sys as _sys
import types as _types
from typing import TYPE_CHECKING
from typing import Any as _Any

from costlib.lazy import lazy_names as _lazy_names

__version__ = "0.1.0"

if TYPE_CHECKING:  # the names are imported on first use (PEP 562 ``__getattr__`` below): ``costlib estimate``
    # starts without the modules it does not need; type checkers and ``from costlib import X`` see them as usual
    from costlib.catalog import InMemoryCatalog, PriceCatalog
    from costlib.diff import diff
    from costlib.errors import (
        AuthError,
        CatalogError,
        ConfigError,
        CostlibError,
        CurrencyMismatchError,
        DeliveryError,
        FxRateMissingError,
        InputError,
        InvalidMoneyError,
        MissingExtraError,
        MoneyError,
        PriceNotFoundError,
        ProviderError,
        StateError,
        TransientDeliveryError,
        TransientProviderError,
        UnknownRegionError,
        UnsupportedResourceError,
    )
    from costlib.estimate import estimate
    from costlib.inputs import Usage
    from costlib.models import (
        CostComponent,
        Estimate,
        Price,
        PricedComponent,
        PriceQuery,
        PriceTier,
        PurchaseOption,
        ResourceEstimate,
        ResourceSpec,
        Status,
    )
    from costlib.money import DEFAULT_FX, HOURS_PER_MONTH, FxTable, Money

__all__ = [
    "DEFAULT_FX",
    "HOURS_PER_MONTH",
    "AuthError",
    "CatalogError",
    "ConfigError",
    "CostComponent",
    "CostlibError",
    "CurrencyMismatchError",
    "DeliveryError",
    "Estimate",
    "FxRateMissingError",
    "FxTable",
    "InMemoryCatalog",
    "InputError",
    "InvalidMoneyError",
    "MissingExtraError",
    "Money",
    "MoneyError",
    "Price",
    "PriceCatalog",
    "PriceNotFoundError",
    "PriceQuery",
    "PriceTier",
    "PricedComponent",
    "ProviderError",
    "PurchaseOption",
    "ResourceEstimate",
    "ResourceSpec",
    "StateError",
    "Status",
    "TransientDeliveryError",
    "TransientProviderError",
    "UnknownRegionError",
    "UnsupportedResourceError",
    "Usage",
    "__version__",
    "diff",
    "estimate",
]

#: public name -> the module it lives in, imported on first use of the name.
_LAZY: dict[str, str] = {
    **{name: "costlib.errors" for name in __all__ if name.endswith("Error")},
    **dict.fromkeys(("CostComponent", "Estimate", "Price", "PricedComponent", "PriceQuery", "PriceTier",
                     "PurchaseOption", "ResourceEstimate", "ResourceSpec", "Status"), "costlib.models"),
    **dict.fromkeys(("DEFAULT_FX", "HOURS_PER_MONTH", "FxTable", "Money"), "costlib.money"),
    "InMemoryCatalog": "costlib.catalog", "PriceCatalog": "costlib.catalog", "Usage": "costlib.inputs",
    "diff": "costlib.diff", "estimate": "costlib.estimate",
}


__getattr__, _ = _lazy_names("costlib", _LAZY, globals())  # a public name, imported on first use (PEP 562)


def __dir__() -> list[str]:
    here = {n for n, v in globals().items() if isinstance(v, _types.ModuleType) and not n.startswith("_")}
    return sorted({*__all__, *here, *(n for n in globals() if n.startswith("__"))})


class _Package(_types.ModuleType):
    """``costlib.estimate`` and ``costlib.diff`` are the functions, as before imports became lazy: importing the
    submodules of the same names (which the import system then sets on the package) does not replace them."""

    def __setattr__(self, name: str, value: _Any) -> None:
        if name in ("estimate", "diff") and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
