"""Actual spend, normalised to FOCUS-shaped records.

Public entry points:

- :class:`~costlib.spend.base.SpendSource` (protocol), :class:`SpendRecord`, :class:`SpendWindow`,
  :class:`SourceHealth` / :class:`HealthStatus` (health as data), :class:`SpendResult`.
- Sources: :class:`~costlib.spend.focus.FocusFileSource` (CSV/Parquet/globs/s3 via DuckDB),
  :class:`~costlib.spend.aws_ce.CostExplorerSource`, :class:`~costlib.spend.azure_cm.AzureCostManagementSource`;
  :func:`build_source` makes one from its settings (:mod:`costlib.spend.config`), found by the settings' type
  (:mod:`costlib.spend.registry`); :class:`HealthTracker` keeps every source's health.
- Attribution: :func:`~costlib.spend.attribution.attribute` (rules, team tags, shared-cost splits) and
  :func:`~costlib.spend.attribution.team_series` (daily series per team, credits kept apart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from costlib.lazy import lazy_names

if TYPE_CHECKING:  # imported on first use (``__getattr__`` below): DuckDB, pydantic settings only where needed
    from costlib.spend.attribution import (
        UNALLOCATED,
        Attributed,
        SharedCostRule,
        TeamRule,
        TeamSeries,
        attribute,
        team_series,
    )
    from costlib.spend.base import (
        ChargeCategory,
        Granularity,
        HealthStatus,
        SourceHealth,
        SpendRecord,
        SpendResult,
        SpendSource,
        SpendWindow,
    )
    from costlib.spend.config import SpendSettings
    from costlib.spend.focus import FocusFileSource
    from costlib.spend.health import HealthTracker
    from costlib.spend.registry import build_source, source_for

__all__ = ["UNALLOCATED", "Attributed", "ChargeCategory", "FocusFileSource", "Granularity", "HealthStatus", "HealthTracker",
           "SharedCostRule", "SourceHealth", "SpendRecord", "SpendResult", "SpendSettings", "SpendSource",
           "SpendWindow", "TeamRule", "TeamSeries", "attribute", "build_source", "source_for", "team_series"]

_MODULES = {**dict.fromkeys(("UNALLOCATED", "Attributed", "SharedCostRule", "TeamRule", "TeamSeries", "attribute",
                             "team_series"), "attribution"),
            **dict.fromkeys(("ChargeCategory", "Granularity", "HealthStatus", "SourceHealth", "SpendRecord",
                             "SpendResult", "SpendSource", "SpendWindow"), "base"),
            "SpendSettings": "config", "FocusFileSource": "focus", "HealthTracker": "health",
            "build_source": "registry", "source_for": "registry"}


__getattr__, __dir__ = lazy_names(__name__, {name: f".{module}" for name, module in _MODULES.items()}, globals())
