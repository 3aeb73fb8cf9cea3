"""Ingesters: one per real price source, each streaming (bounded memory) into :class:`~costlib.catalog.rows.PriceRow`.

- :mod:`.aws` — Price List bulk offer files of any service (JSON and CSV; offer index -> region index -> regional
  file; OnDemand and Reserved terms), Savings Plans files, the Query API (``pricing.get_products``).
- :mod:`.azure` — Retail Prices API pages (``NextPageLink``; Consumption, Reservation, DevTest, savings plans),
  and the reduced retail-item tables.
- :mod:`.gcp` — Cloud Billing Catalog SKUs (units + nanos, tiers, conversion rate; SKU -> region by
  serviceRegions/geoTaxonomy; an explicit description-pattern table per SKU family; machine types composed from
  core and RAM SKUs) and the per-machine-type price table.
- :mod:`.tables` — compact third-party tables built from the providers' price APIs (Karpenter, ec2instances.info,
  terracost, Cyclenerd, SkyPilot), :mod:`.focus` — list unit prices of a FOCUS billing export's usage rows, and
  :mod:`.curated` — list prices read from the providers' public pricing pages.

:data:`SHAPES` and :func:`produces` say which query shapes (vendor, service, family, attribute keys, purchase
option) the ingesters produce, so every query a cost function emits can be checked against them.
"""

from typing import TYPE_CHECKING

from costlib.lazy import lazy_names

if TYPE_CHECKING:  # imported on first use (``__getattr__`` below): an estimate reads one table of .aws, not these
    from costlib.catalog.ingest.shapes import SHAPES, Shape, produces, shapes_for

__all__ = ["SHAPES", "Shape", "produces", "shapes_for"]

__getattr__, __dir__ = lazy_names(__name__, dict.fromkeys(__all__, ".shapes"), globals())
