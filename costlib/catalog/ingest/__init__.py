"""Ingesters: one per real price source, each streaming (bounded memory) into :class:`~costlib.catalog.rows.PriceRow`.

- :mod:`.aws` — Price List bulk offer files (JSON and CSV; offer index -> region index -> regional file;
  OnDemand and Reserved terms), Savings Plans files, the Query API (``pricing.get_products``).
- :mod:`.azure` — Retail Prices API pages (``NextPageLink``), and the reduced retail-item tables.
- :mod:`.gcp` — Cloud Billing Catalog SKUs (``list_skus``; units + nanos, tiers, conversion rate; machine
  types composed from core and RAM SKUs) and the per-machine-type price table.
- :mod:`.tables` — compact third-party tables built from the providers' price APIs (Karpenter, ec2instances.info,
  terracost), and :mod:`.curated` — list prices read from the providers' public pricing pages.
"""
