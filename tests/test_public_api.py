"""The public API is small and deliberate: every name in ``costlib.__all__`` is checked here."""

from __future__ import annotations

import costlib

EXPECTED = {
    "DEFAULT_FX", "HOURS_PER_MONTH",
    "AuthError", "CatalogError", "ConfigError", "CostComponent", "CostlibError",
    "CurrencyMismatchError", "DeliveryError", "Estimate", "FxRateMissingError", "FxTable", "InMemoryCatalog",
    "InputError", "InvalidMoneyError", "MissingExtraError", "Money", "MoneyError", "Price", "PriceCatalog",
    "PriceNotFoundError", "PriceQuery", "PriceTier", "PricedComponent", "ProviderError", "PurchaseOption",
    "ResourceEstimate", "ResourceSpec", "StateError", "Status", "TransientDeliveryError",
    "TransientProviderError", "UnknownRegionError", "UnsupportedResourceError", "Usage", "__version__",
    "diff", "estimate",
}


def test_all_is_exactly_the_curated_surface() -> None:
    assert set(costlib.__all__) == EXPECTED
    assert len(costlib.__all__) == len(set(costlib.__all__))


def test_public_names_resolve_and_are_documented() -> None:
    for name in costlib.__all__:
        obj = getattr(costlib, name)
        if isinstance(obj, type) or callable(obj):
            assert obj.__doc__, f"{name} has no docstring"


def test_no_private_leak() -> None:
    public = {n for n in dir(costlib) if not n.startswith("_")}
    submodules = {"catalog", "errors", "models", "money", "cli", "resources", "inputs", "spend", "policy",
                  "daemon", "estimate", "diff", "report", "secret", "guard", "retry", "duration", "registry", "lazy"}
    assert public - set(costlib.__all__) - submodules == set()
