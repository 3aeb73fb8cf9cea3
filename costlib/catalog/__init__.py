"""The price-catalog seam: :class:`PriceCatalog` answers :class:`~costlib.models.PriceQuery` with a Price."""

from costlib.catalog.base import PriceCatalog
from costlib.catalog.memory import InMemoryCatalog

__all__ = ["InMemoryCatalog", "PriceCatalog"]
