"""costlib: FinOps cost intelligence.

Estimate the monthly cost of proposed cloud resources offline, track actual spend per team, and
warn the owning team before money is wasted.

>>> from costlib import Money, HOURS_PER_MONTH
>>> (Money("0.0416", "USD") * HOURS_PER_MONTH).display()
'$30.37'
"""


__version__ = "0.1.0"

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
