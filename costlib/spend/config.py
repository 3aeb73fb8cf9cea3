"""Settings of spend sources and team attribution (pydantic), shared by ``costlib spend`` and the daemon config.

Secret fields are :class:`~costlib.secret.SecretRef` (``env:NAME`` or ``file:/path``): checked when the config is
loaded, read when a source is built, never printed.

>>> s = SpendSettings.model_validate({"sources": [{"name": "focus", "type": "focus_file",
...                                                "paths": ["exports/*.parquet"]}],
...                                   "attribution": {"team_tags": ["team"]}})
>>> s.sources[0].type
'focus_file'
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from costlib.duration import Duration
from costlib.errors import InputError
from costlib.secret import SecretRef
from costlib.spend.attribution import SharedCostRule, TeamRule

__all__ = ["AthenaSettings", "AttributionSettings", "AzureCostManagementSettings", "CostExplorerSettings",
           "FocusFileSettings", "GcpBigQuerySettings", "SourceSettings", "SpendSettings"]


def _interval(value: Any) -> Duration:
    """A poll interval: a positive, finite duration (parsed once, here)."""
    try:
        interval = value if isinstance(value, Duration) else Duration.parse(value, forever=False)
    except InputError:
        interval = None
    if interval is None or interval.delta is None or not interval.delta:
        raise ValueError(f"poll_interval {str(value)!r} is not a positive duration like 30m, 6h, 1d or 1w")
    return interval


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Source(_Base):
    name: str = Field(min_length=1, description="unique source name (used in metrics, health and state)")
    poll_interval: Annotated[Duration, BeforeValidator(_interval)] = Field(
        Duration.parse("6h"), description="how often the daemon polls this source (e.g. 30m, 6h, 1d)")
    group_by: list[str] = Field(default_factory=lambda: ["ServiceName", "SubAccountId", "RegionId"])
    tag_keys: list[str] = Field(default_factory=lambda: ["team"])


class FocusFileSettings(_Source):
    type: Literal["focus_file"]
    paths: list[str] = Field(min_length=1, description="CSV/Parquet paths, globs, folders or s3:// URLs")
    null_string: str = "NULL"
    on_bad_rows: Literal["error", "warn"] = Field(
        "error", description="a row with a blank BilledCost or ChargePeriodStart, or a cost with more than 12 "
        "decimal places: 'error' stops the fetch naming file and row; 'warn' counts it (cost 0, row left out, "
        "cost rounded) with a warning in `costlib spend show` and the source's health")
    duckdb_memory_mb: int | None = Field(
        140, ge=64, le=1_048_576, description="DuckDB's memory for the aggregation (its memory_limit, spilling to a "
        "private temporary folder beyond it); null: DuckDB's own, 80% of RAM, a little faster on CSV")
    duckdb_threads: int | None = Field(None, ge=1, le=256, description="DuckDB's threads for the aggregation "
                                       "(default: one per core); fewer threads hold fewer CSV buffers")

    def resolved_paths(self, base: Path) -> list[str]:
        """Relative paths are taken from the config file's folder."""
        out = []
        for p in self.paths:
            out.append(p if p.startswith(("s3://", "gs://", "https://", "/")) else str(base / p))
        return out


class CostExplorerSettings(_Source):
    type: Literal["aws_cost_explorer"]
    region: str = "us-east-1"
    profile: str | None = None
    metric: Literal["UnblendedCost", "AmortizedCost", "BlendedCost", "NetUnblendedCost"] = "UnblendedCost"
    access_key_id: SecretRef | None = Field(None, description="with secret_access_key: env:NAME or file:/path")
    secret_access_key: SecretRef | None = Field(None, description="env:NAME or file:/path")

    @model_validator(mode="after")
    def both_keys(self) -> CostExplorerSettings:
        if (self.access_key_id is None) != (self.secret_access_key is None):
            raise ValueError("give both access_key_id and secret_access_key, or neither (the default AWS "
                             "credential chain, or profile)")
        return self


class AzureCostManagementSettings(_Source):
    type: Literal["azure_cost_management"]
    scope: str = Field(description="/subscriptions/<id>, a resource group or billing account scope")
    cost_type: Literal["ActualCost", "AmortizedCost"] = "ActualCost"
    tenant_id: str | None = None
    client_id: str | None = None
    client_secret: SecretRef | None = Field(None, description="with tenant_id and client_id: env:NAME or file:/path")

    @model_validator(mode="after")
    def service_principal(self) -> AzureCostManagementSettings:
        if self.client_secret is not None and not (self.tenant_id and self.client_id):
            raise ValueError("client_secret needs tenant_id and client_id (without all three the default Azure "
                             "credential is used)")
        return self


class GcpBigQuerySettings(_Source):
    type: Literal["gcp_bigquery_export"]
    table: str = Field(description="project.dataset.gcp_billing_export_v1_XXXX (standard or resource table)")
    project: str | None = None
    focus_view: bool = False


class AthenaSettings(_Source):
    type: Literal["athena"]
    database: str
    table: str
    workgroup: str = "primary"
    output_location: str | None = None
    region: str = "us-east-1"


SourceSettings = Annotated[FocusFileSettings | CostExplorerSettings | AzureCostManagementSettings
                           | GcpBigQuerySettings | AthenaSettings, Field(discriminator="type")]


class _RuleSettings(_Base):
    team: str
    tags: dict[str, str] = Field(default_factory=dict)
    accounts: list[str] = Field(default_factory=list)
    resource_groups: list[str] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)
    providers: list[str] = Field(default_factory=list)

    def rule(self) -> TeamRule:
        return TeamRule(team=self.team, tags=self.tags, accounts=self.accounts, resource_groups=self.resource_groups,
                        services=self.services, providers=self.providers)


class _SharedSettings(_Base):
    match: dict[str, Any]
    teams: list[str] = Field(min_length=1)
    split: Literal["even", "proportional"] = "even"

    def rule(self) -> SharedCostRule:
        return SharedCostRule(match=_RuleSettings.model_validate({"team": "-", **self.match}).rule(),
                              teams=self.teams, split=self.split)


class AttributionSettings(_Base):
    """First matching rule wins; else the first team tag present; else ``unallocated``."""

    team_tags: list[str] = Field(default_factory=lambda: ["team"])
    rules: list[_RuleSettings] = Field(default_factory=list)
    shared: list[_SharedSettings] = Field(default_factory=list)

    def team_rules(self) -> list[TeamRule]:
        return [r.rule() for r in self.rules]

    def shared_rules(self) -> list[SharedCostRule]:
        return [s.rule() for s in self.shared]


class SpendSettings(_Base):
    model_config = ConfigDict(extra="ignore", frozen=True)
    sources: list[SourceSettings] = Field(default_factory=list)
    attribution: AttributionSettings = Field(default_factory=AttributionSettings)
