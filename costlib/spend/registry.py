"""Spend sources found by the type of their settings: one builder per settings class, no chain of ``if type ==``.

A new source adds its settings class to :data:`costlib.spend.config.SourceSettings` and registers its builder
here with :func:`source_for`; the daemon, ``costlib spend`` and the contract suite find it from then on.

>>> from costlib.spend.config import FocusFileSettings
>>> FocusFileSettings in builders()
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from costlib.registry import TypeRegistry
from costlib.secret import SecretRef
from costlib.spend.base import SpendSource
from costlib.spend.config import (
    AthenaSettings,
    AzureCostManagementSettings,
    CostExplorerSettings,
    FocusFileSettings,
    GcpBigQuerySettings,
)

__all__ = ["SOURCES", "build_source", "builders", "source_for"]

SOURCES: TypeRegistry[SpendSource] = TypeRegistry("spend source")
#: Register the builder ``(settings, base folder, overrides) -> SpendSource`` of a settings type.
source_for = SOURCES.register


def builders() -> Mapping[type, Callable[..., SpendSource]]:
    """Every registered settings type and its builder."""
    return SOURCES.types()


def build_source(settings: BaseModel, *, base: Path | None = None, **overrides: Any) -> SpendSource:
    """A spend source from its settings (one item of ``sources:``); ``overrides`` inject clients in tests.
    Secret fields are resolved here, ``file:`` references relative to ``base`` (the config's folder)."""
    return SOURCES.build(settings, base or Path.cwd(), dict(overrides),
                         where=f"sources.{getattr(settings, 'name', '?')}")


def _secret(settings: Any, key: str, base: Path) -> str:
    """A secret field of a source's settings, read now (its reference is checked at load, read at use)."""
    ref: SecretRef = getattr(settings, key)
    return ref.resolve(f"source {settings.name}: {key}", base=base).get_secret_value()


@source_for(FocusFileSettings)
def _focus(settings: FocusFileSettings, base: Path, overrides: dict[str, Any]) -> SpendSource:
    from costlib.spend.focus import FocusFileSource

    return FocusFileSource(settings.name, settings.resolved_paths(base), null_string=settings.null_string,
                           on_bad_rows=settings.on_bad_rows, memory_mb=settings.duckdb_memory_mb,
                           threads=settings.duckdb_threads)


@source_for(CostExplorerSettings)
def _cost_explorer(settings: CostExplorerSettings, base: Path, overrides: dict[str, Any]) -> SpendSource:
    from costlib.spend.aws_ce import CostExplorerSource

    session: dict[str, Any] = {}
    if settings.profile:
        session["profile_name"] = settings.profile
    if settings.access_key_id and settings.secret_access_key:
        session["aws_access_key_id"] = _secret(settings, "access_key_id", base)
        session["aws_secret_access_key"] = _secret(settings, "secret_access_key", base)
    return CostExplorerSource(settings.name, region=settings.region, metric=settings.metric, session_kwargs=session,
                              **overrides)


@source_for(AzureCostManagementSettings)
def _cost_management(settings: AzureCostManagementSettings, base: Path, overrides: dict[str, Any]) -> SpendSource:
    from costlib.spend.azure_cm import AzureCostManagementSource

    credential = overrides.pop("credential", None)
    if credential is None and settings.client_id and settings.client_secret and settings.tenant_id:
        from azure.identity import ClientSecretCredential

        credential = ClientSecretCredential(settings.tenant_id, settings.client_id,
                                            _secret(settings, "client_secret", base))
    return AzureCostManagementSource(settings.name, settings.scope, cost_type=settings.cost_type,
                                     credential=credential, **overrides)


@source_for(GcpBigQuerySettings)
def _bigquery(settings: GcpBigQuerySettings, base: Path, overrides: dict[str, Any]) -> SpendSource:
    from costlib.spend.gcp_bq import BigQueryExportSource

    return BigQueryExportSource(settings.name, settings.table, project=settings.project, **overrides)


@source_for(AthenaSettings)
def _athena(settings: AthenaSettings, base: Path, overrides: dict[str, Any]) -> SpendSource:
    from costlib.spend.athena import AthenaFocusSource

    return AthenaFocusSource(settings.name, settings.database, settings.table, workgroup=settings.workgroup,
                             output_location=settings.output_location, region=settings.region, **overrides)
