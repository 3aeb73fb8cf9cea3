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

from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use (PEP 562)."""
    if name not in _MODULES:
        raise AttributeError(f"module 'costlib.spend' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"costlib.spend.{_MODULES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
