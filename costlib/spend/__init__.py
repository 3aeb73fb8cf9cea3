"""Actual spend, normalised to FOCUS-shaped records.

Public entry points:

- :class:`~costlib.spend.base.SpendSource` (protocol), :class:`SpendRecord`, :class:`SpendWindow`,
  :class:`SourceHealth` / :class:`HealthStatus` (health as data), :class:`SpendResult`.
- Sources: :class:`~costlib.spend.focus.FocusFileSource` (CSV/Parquet/globs/s3 via DuckDB),
  :class:`~costlib.spend.aws_ce.CostExplorerSource`, :class:`~costlib.spend.azure_cm.AzureCostManagementSource`;
  :func:`build_source` makes one from its settings (:mod:`costlib.spend.config`).
- Attribution: :func:`~costlib.spend.attribution.attribute` (rules, team tags, shared-cost splits) and
  :func:`~costlib.spend.attribution.team_series` (daily series per team, credits kept apart).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from costlib.errors import ConfigError
from costlib.secret import SecretRef
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

__all__ = ["UNALLOCATED", "Attributed", "ChargeCategory", "FocusFileSource", "Granularity", "HealthStatus",
           "SharedCostRule", "SourceHealth", "SpendRecord", "SpendResult", "SpendSettings", "SpendSource",
           "SpendWindow", "TeamRule", "TeamSeries", "attribute", "build_source", "team_series"]


def _secret(settings: Any, key: str, base: Path | None) -> str:
    """A secret field of a source's settings, read now (its reference is checked at load, read at use)."""
    ref: SecretRef = getattr(settings, key)
    return ref.resolve(f"source {settings.name}: {key}", base=base).get_secret_value()


def build_source(settings: Any, *, base: Path | None = None, **overrides: Any) -> SpendSource:
    """A spend source from its settings (one item of ``sources:``); ``overrides`` inject clients in tests.
    Secret fields are resolved here, ``file:`` references relative to ``base`` (the config's folder)."""
    kind = getattr(settings, "type", None)
    if kind == "focus_file":
        return FocusFileSource(settings.name, settings.resolved_paths(base or Path.cwd()),
                               null_string=settings.null_string, on_bad_rows=settings.on_bad_rows)
    if kind == "aws_cost_explorer":
        from costlib.spend.aws_ce import CostExplorerSource

        session: dict[str, Any] = {}
        if settings.profile:
            session["profile_name"] = settings.profile
        if settings.access_key_id and settings.secret_access_key:
            session["aws_access_key_id"] = _secret(settings, "access_key_id", base)
            session["aws_secret_access_key"] = _secret(settings, "secret_access_key", base)
        return CostExplorerSource(settings.name, region=settings.region, metric=settings.metric,
                                  session_kwargs=session, **overrides)
    if kind == "azure_cost_management":
        from costlib.spend.azure_cm import AzureCostManagementSource

        credential = overrides.pop("credential", None)
        if credential is None and settings.client_id and settings.client_secret and settings.tenant_id:
            from azure.identity import ClientSecretCredential

            credential = ClientSecretCredential(settings.tenant_id, settings.client_id,
                                                _secret(settings, "client_secret", base))
        return AzureCostManagementSource(settings.name, settings.scope, cost_type=settings.cost_type,
                                         credential=credential, **overrides)
    if kind == "gcp_bigquery_export":
        from costlib.spend.gcp_bq import BigQueryExportSource

        return BigQueryExportSource(settings.name, settings.table, project=settings.project, **overrides)
    if kind == "athena":
        from costlib.spend.athena import AthenaFocusSource

        return AthenaFocusSource(settings.name, settings.database, settings.table, workgroup=settings.workgroup,
                                 output_location=settings.output_location, region=settings.region, **overrides)
    raise ConfigError(f"unknown source type {kind!r}", where=f"sources.{getattr(settings, 'name', '?')}")
