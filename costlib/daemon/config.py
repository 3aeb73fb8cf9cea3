"""The daemon's configuration: YAML validated by pydantic at start-up.

Errors name the file and the key path (``config.yaml: budgets[2].thresholds[0].percent: ...``). Secrets are
references (:class:`~costlib.secret.SecretRef`: ``env:NAME`` or ``file:/path``), every one of them checked at
load (spend sources, notify channels, the server), read again at each use, and never printed
(:meth:`DaemonConfig.redacted` is the view for logs and status). Relative paths, ``file:`` secrets included, are
taken from the config file's folder. ``config.example.yaml`` documents every key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from costlib.daemon.snapshot import JSON, mapping
from costlib.duration import Duration
from costlib.errors import ConfigError
from costlib.inputs.readers import read_yaml
from costlib.money import ISO_4217, Money
from costlib.policy.budgets import Budget, Threshold
from costlib.policy.ttl import TtlRules
from costlib.secret import SecretRef, check_secrets, secret_refs
from costlib.spend.config import AttributionSettings, SourceSettings

__all__ = ["DaemonConfig", "SecretRef", "TextOrSecret", "load_config"]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThresholdSettings(_M):
    percent: Decimal | None = Field(None, gt=0, description="percent of the budget amount")
    amount: Decimal | None = Field(None, gt=0, description="absolute amount in the budget's currency")
    kind: Literal["actual", "forecast"] = "actual"

    @model_validator(mode="after")
    def one_of(self) -> ThresholdSettings:
        if (self.percent is None) == (self.amount is None):
            raise ValueError("give exactly one of percent or amount")
        return self


def _iso_currency(value: str) -> str:
    if value.upper() not in ISO_4217:
        raise ValueError(f"unknown currency {value!r} (an ISO 4217 code like USD, EUR, GBP)")
    return value.upper()


Currency = Annotated[str, AfterValidator(_iso_currency)]


class BudgetSettings(_M):
    name: str
    team: str | None = None
    environment: str | None = None
    amount: Decimal = Field(gt=0)
    currency: Currency = "USD"
    period: Literal["monthly", "quarterly", "custom"] = "monthly"
    start: InRangeDate | None = None
    end: InRangeDate | None = None
    thresholds: list[ThresholdSettings] = Field(min_length=1)
    hysteresis_percent: Decimal = Field(Decimal(5), ge=0, lt=100)

    @model_validator(mode="after")
    def environment_needs_a_team(self) -> BudgetSettings:
        if self.environment is not None and not self.team:
            raise ValueError(f"budget {self.name}: an environment budget needs the team its alerts go to")
        return self

    def budget(self) -> Budget:
        cur = self.currency
        return Budget(name=self.name, team=self.team, environment=self.environment, amount=Money(self.amount, cur),
                      period=self.period, start=self.start, end=self.end, hysteresis_percent=self.hysteresis_percent,
                      thresholds=tuple(Threshold(percent=t.percent, amount=None if t.amount is None else
                                                 Money(t.amount, cur), kind=t.kind) for t in self.thresholds))


class AnomalySettings(_M):
    enabled: bool = True
    factor: Decimal = Field(Decimal(2), gt=1)
    min_amount: Decimal = Field(Decimal(1), ge=0)
    lookback_days: int = Field(14, ge=3)


class AcknowledgementSettings(_M):
    """The alert for an environment whose spend runs far above its acknowledged estimate."""

    enabled: bool = True
    factor: Decimal = Field(Decimal("1.5"), gt=1, le=1000, description="alert when spend projected to a month is "
                            "above this many times the acknowledged monthly estimate ...")
    min_excess: Decimal = Field(Decimal(10), ge=0, description="... and above it by at least this amount (in the "
                                "config's currency), so cents never alert")


def _finite(what: str) -> Callable[[Duration], Duration]:
    def check(value: Duration) -> Duration:
        if value.delta is None:
            raise ValueError(f"{what} {value.text!r} must be a finite duration like 1d")
        return value
    return check


#: A warning stage before an expiry (``3d``): it must end.
WarningStage = Annotated[Duration, AfterValidator(_finite("warn_before"))]

#: The dates the daemon works in: an ``as_of`` of 0001-01-01 would reach before the calendar's start with its
#: look-back window, one in year 9999 past its end.
FIRST_DATE, LAST_DATE = date(1970, 1, 1), date(9000, 12, 31)


def _in_range(value: date) -> date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(f"{value.isoformat()} is outside {FIRST_DATE.isoformat()} .. {LAST_DATE.isoformat()}")
    return value


#: A date within :data:`FIRST_DATE` .. :data:`LAST_DATE`.
InRangeDate = Annotated[date, AfterValidator(_in_range)]


class _Inventory(_M):
    name_tags: list[str] = Field(default_factory=lambda: ["environment"], description="tags naming the environment "
                                 "(joined with - for spend_tags; the cloud inventories read the first)")
    team_tag: str = "team"
    owner_tag: str = "owner"


class SpendTagsInventorySettings(_Inventory):
    """Environments found in the tags of spend records."""

    type: Literal["spend_tags"]
    kind_tag: str | None = Field(None, description="the tag giving the environment's kind (dev, pr ...)")
    min_cost: Decimal = Field(Decimal(0), ge=0, description="skip environments whose spend in the window is below "
                                                            "this (noise)")


class FileInventorySettings(_Inventory):
    """Environments listed in a YAML file."""

    type: Literal["file"]
    path: str = Field(min_length=1, description="a YAML list of environments")


class AwsTaggingInventorySettings(_Inventory):
    """The AWS Resource Groups Tagging API."""

    type: Literal["aws_tagging"]
    region: str = "us-east-1"
    tag_filter: dict[str, list[str]] = Field(default_factory=dict, description="TagFilters")


class AzureResourceGraphInventorySettings(_Inventory):
    """Azure Resource Graph."""

    type: Literal["azure_resource_graph"]
    scope: str = Field(min_length=1, description="a subscription id (or several, comma-separated)")


class GcpAssetInventorySettings(_Inventory):
    """GCP Cloud Asset Inventory."""

    type: Literal["gcp_asset_inventory"]
    scope: str = Field(min_length=1, description="projects/ID, folders/N or organizations/N")


InventorySettings = Annotated[SpendTagsInventorySettings | FileInventorySettings | AwsTaggingInventorySettings
                              | AzureResourceGraphInventorySettings | GcpAssetInventorySettings,
                              Field(discriminator="type")]


class ShutdownSettings(_M):
    teams: list[str] = Field(default_factory=list, description="teams that opted in to automatic shutdown")
    grace: Duration = Duration.parse("1d")
    dry_run: bool = True

    @field_validator("grace")
    @classmethod
    def grace_is_finite(cls, value: Duration) -> Duration:
        if value.delta is None:  # "never" would mean no grace at all: stop at the moment of expiry
            raise ValueError(f"grace {value.text!r} must be a finite duration like 1d (to never stop, leave teams "
                             "empty)")
        return value


class EnvironmentSettings(_M):
    inventory: list[InventorySettings] = Field(default_factory=list)
    warn_before: list[WarningStage] = Field(default_factory=lambda: [Duration.parse("3d"), Duration.parse("1d")])
    default_ttl: dict[str, Duration] = Field(default_factory=dict, description="environment kind -> TTL (7d, forever)")
    idle_days: int | None = Field(5, ge=1)
    protect_tag: str = "do-not-delete"
    shutdown: ShutdownSettings = Field(default_factory=ShutdownSettings)

    def rules(self) -> TtlRules:
        return TtlRules(warn_before=tuple(w.delta for w in self.warn_before if w.delta is not None),
                        default_ttl={k: v.delta for k, v in self.default_ttl.items()},
                        idle_after=None if self.idle_days is None else timedelta(days=self.idle_days),
                        grace=self.shutdown.grace.delta or timedelta(days=1),
                        shutdown_teams=frozenset(self.shutdown.teams), dry_run=self.shutdown.dry_run,
                        protect_tag=self.protect_tag)


#: A literal value or a secret reference: a URL that carries its secret (Slack, Teams, many webhooks) may be given
#: as ``env:NAME`` / ``file:/path`` and is then read at each send.
TextOrSecret = Annotated[SecretRef | str, Field(union_mode="left_to_right")]


class SecretValue:
    """Marks a field whose literal value is a secret too (a Slack or Teams URL): never shown by ``redacted()``."""


#: A URL that is a secret whether it is given literally or as a reference.
SecretUrl = Annotated[SecretRef | str, Field(union_mode="left_to_right"), SecretValue()]


class _ChannelBase(_M):
    name: str = Field(min_length=1)
    timeout: float = Field(10, gt=0, le=300, description="seconds per attempt")

    def check(self, where: str, base: Path) -> None:
        """Checks at load beyond the field types (a secret's shape); ``where`` is the channel's key path."""


class OutboxDirChannelSettings(_ChannelBase):
    """A local folder: one JSON and one text file per message (the demo's channel)."""

    type: Literal["outbox_dir"]
    path: str = Field(min_length=1)


class EmailChannelSettings(_ChannelBase):
    """SMTP: STARTTLS (587), TLS (465) or none (a local relay); HTML and text parts from templates."""

    type: Literal["email"]
    host: str = Field(min_length=1)
    port: int | None = Field(None, ge=1, le=65535, description="default 587 (starttls), 465 (tls), 25 (none)")
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str | None = None
    password: SecretRef | None = Field(None, description="a reference: env:NAME or file:/path")
    sender: str = Field(alias="from", min_length=3)
    to: list[str] = Field(min_length=1)
    ca_file: str | None = Field(None, description="a CA bundle for a private SMTP server's certificate")


    @property
    def smtp_port(self) -> int:
        return self.port or {"starttls": 587, "tls": 465, "none": 25}[self.security]


class WebhookChannelSettings(_ChannelBase):
    """A generic JSON webhook signed per Standard Webhooks (secret: a whsec_... reference)."""

    type: Literal["webhook"]
    url: TextOrSecret = Field(description="https URL, or a reference env:NAME / file:/path")
    secret: SecretRef | None = Field(None, description="a reference to a Standard Webhooks secret (whsec_<base64>)")
    headers: dict[str, str] = Field(default_factory=dict)

    def check(self, where: str, base: Path) -> None:
        if self.secret is not None:
            from costlib.daemon.notify.signing import check_secret

            check_secret(self.secret.resolve(f"{where}.secret", base=base).get_secret_value(), f"{where}.secret")



class SlackChannelSettings(_ChannelBase):
    """A Slack incoming webhook; its URL is a secret, so give it as a reference."""

    type: Literal["slack"]
    url: SecretUrl


class TeamsChannelSettings(_ChannelBase):
    """A Microsoft Teams Workflows webhook URL (a secret: give it as a reference)."""

    type: Literal["teams"]
    url: SecretUrl


class AlertmanagerChannelSettings(_ChannelBase):
    """Alertmanager's base URL; alerts go to ``<url>/api/v2/alerts``."""

    type: Literal["alertmanager"]
    url: TextOrSecret


class PagerDutyChannelSettings(_ChannelBase):
    """PagerDuty Events API v2 with an integration (routing) key."""

    type: Literal["pagerduty"]
    routing_key: SecretRef = Field(description="a reference: env:NAME or file:/path")
    url: TextOrSecret = "https://events.pagerduty.com/v2/enqueue"



ChannelSettings = Annotated[OutboxDirChannelSettings | EmailChannelSettings | WebhookChannelSettings |
                            SlackChannelSettings | TeamsChannelSettings | AlertmanagerChannelSettings |
                            PagerDutyChannelSettings, Field(discriminator="type")]


class QuietHoursSettings(_M):
    start: time
    end: time
    timezone: str = "UTC"
    hold_critical: bool = Field(False, description="hold critical messages too")

    @field_validator("start", "end")
    @classmethod
    def local_time(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError(f"{value.isoformat()} has an offset: quiet hours are local times of `timezone`")
        return value

    @field_validator("timezone")
    @classmethod
    def known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value


class NotifySettings(_M):
    channels: list[ChannelSettings] = Field(default_factory=list)
    routes: dict[str, list[str]] = Field(default_factory=dict, description="team -> channel names")
    fallback: list[str] = Field(default_factory=list, description="channels for teams without a route")
    quiet_hours: dict[str, QuietHoursSettings] = Field(default_factory=dict, description="team -> quiet hours")
    digest: bool = Field(True, description="one message per team per run for TTL, idle and shutdown warnings")
    templates_dir: str | None = Field(None, description="a folder of Jinja2 templates overriding the built-in ones")
    max_attempts: int = Field(48, ge=1, description="tries before a dead letter (the deadline usually comes first)")
    deadline: Duration = Field(Duration.parse("24h"), description="dead-letter a message not delivered within this "
                               "time")

    @field_validator("deadline")
    @classmethod
    def deadline_is_finite(cls, value: Duration) -> Duration:
        if value.delta is None:
            raise ValueError("the delivery deadline must be finite")
        return value

    @property
    def deadline_delta(self) -> timedelta:
        return self.deadline.delta or timedelta(hours=24)


class ServerSettings(_M):
    enabled: bool = Field(True, description="serve the HTTP API and /metrics while the daemon runs")
    listen: str = Field("127.0.0.1:9847", description="host:port (loopback by default)")
    token: SecretRef | None = Field(None, description="bearer token for writes, as env:NAME or file:/path")
    slack_signing_secret: SecretRef | None = Field(None, description="Slack app signing secret, as env:NAME or file:/path")
    max_body_bytes: int = Field(5 * 1024 * 1024, ge=1024, description="larger request bodies get 413 (and larger "
                                "plans fetched by /cost estimate are refused)")
    slack_plan_urls: list[str] = Field(default_factory=list, description="URL prefixes (scheme://host/path/) that "
                                       "`/cost estimate <url>` may fetch a plan JSON from; empty: the command is off")
    slack_plan_token: SecretRef | None = Field(None, description="bearer token sent when fetching those plans, as "
                                               "env:NAME or file:/path")
    estimate_seconds: float = Field(30, gt=0, le=3600, description="each estimate of POST /v1/estimate or /cost "
                                    "estimate is stopped after this many seconds (422)")
    estimate_memory_mb: int = Field(1024, ge=64, le=65536, description="... and when it needs more memory than this "
                                    "(422); the daemon's own memory is never used for it")
    slack_response_urls: list[str] = Field(["https://hooks.slack.com/", "https://hooks.slack-gov.com/"],
                                           description="prefixes a Slack response_url must have for estimates "
                                           "to be posted to it")

    @field_validator("slack_plan_urls", "slack_response_urls")
    @classmethod
    def url_prefixes(cls, value: list[str]) -> list[str]:
        for prefix in value:
            parts = urlsplit(prefix)
            if parts.scheme not in ("http", "https") or not parts.hostname or not parts.path.endswith("/") \
                    or "@" in parts.netloc or parts.query or parts.fragment:
                raise ValueError(f"{prefix!r} is not a URL prefix like https://host/path/ (ending in /)")
        return value

    @field_validator("listen")
    @classmethod
    def host_port(cls, value: str) -> str:
        host, sep, port = value.rpartition(":")
        if not sep or not host or not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
            raise ValueError(f"listen is host:port, got {value!r}")
        return value

    @property
    def host(self) -> str:
        return self.listen.rpartition(":")[0].strip("[]")

    @property
    def port(self) -> int:
        return int(self.listen.rpartition(":")[2])


class FxSettings(_M):
    rates: dict[str, Decimal] = Field(default_factory=dict, description="overrides, per EUR (ECB convention)")


class PricingSettings(_M):
    refresh: bool = Field(False, description="refresh prices weekly from the providers (needs network)")
    providers: list[Literal["aws", "azure", "gcp"]] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)


class DaemonConfig(_M):
    """The root of the config file."""

    state_dir: str = "var"
    as_of: InRangeDate | None = Field(None, description="pin the evaluation date (for data that ends in the past)")
    currency: Currency = "USD"
    sources: list[SourceSettings] = Field(default_factory=list)
    attribution: AttributionSettings = Field(default_factory=AttributionSettings)
    budgets: list[BudgetSettings] = Field(default_factory=list)
    anomaly: AnomalySettings = Field(default_factory=AnomalySettings)
    acknowledgements: AcknowledgementSettings = Field(default_factory=AcknowledgementSettings)
    environments: EnvironmentSettings = Field(default_factory=EnvironmentSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    fx: FxSettings = Field(default_factory=FxSettings)
    pricing: PricingSettings = Field(default_factory=PricingSettings)
    base_dir: str = Field("", exclude=True, description="set by the loader: the config file's folder")

    @model_validator(mode="after")
    def names_unique(self) -> DaemonConfig:
        for label, items in (("sources", [s.name for s in self.sources]), ("budgets", [b.name for b in self.budgets]),
                             ("notify.channels", [c.name for c in self.notify.channels])):
            dup = {n for n in items if items.count(n) > 1}
            if dup:
                raise ValueError(f"{label}: duplicate names {sorted(dup)}")
        known = {c.name for c in self.notify.channels}
        for team, chans in self.notify.routes.items():
            if set(chans) - known:
                raise ValueError(f"notify.routes.{team}: unknown channels {sorted(set(chans) - known)}")
        if set(self.notify.fallback) - known:
            raise ValueError(f"notify.fallback: unknown channels {sorted(set(self.notify.fallback) - known)}")
        return self

    def pinned(self, as_of: date) -> DaemonConfig:
        """This config evaluated as of ``as_of`` (``--as-of``), checked as the config key is.

        >>> DaemonConfig().pinned(date(1, 1, 1))
        Traceback (most recent call last):
        ...
        costlib.errors.ConfigError: --as-of: 0001-01-01 is outside 1970-01-01 .. 9000-12-31
        """
        try:
            return self.model_copy(update={"as_of": _in_range(as_of)})
        except ValueError as exc:
            raise ConfigError(str(exc), where="--as-of") from None

    def path(self, value: str) -> Path:
        p = Path(value)
        return p if p.is_absolute() else Path(self.base_dir) / p

    @property
    def state_path(self) -> Path:
        return self.path(self.state_dir) / "state.db"

    def redacted(self) -> JSON:
        """The config as data with every secret reference, and every Slack or Teams URL, replaced by ``***``."""
        doc: Any = self.model_dump(mode="json", by_alias=True)  # nested JSON, walked by key path below
        for loc, _ in secret_refs(self):
            node: Any = doc
            for part in loc[:-1]:
                node = node[part]
            node[loc[-1]] = "***"
        for loc in _secret_values(self, ()):
            node = doc
            for part in loc[:-1]:
                node = node[part]
            node[loc[-1]] = "***"
        return mapping(doc)


def _secret_values(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    """Where the fields marked :class:`SecretValue` are, as keys of ``model_dump(by_alias=True)``."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            key = (*loc, info.alias or name)
            if any(isinstance(m, SecretValue) for m in info.metadata):
                yield key
            else:
                yield from _secret_values(getattr(value, name), key)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _secret_values(item, (*loc, i))
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _secret_values(item, (*loc, str(k)))


def _tags(union: Any) -> set[str]:
    """The ``type`` values of a discriminated union's members."""
    members = get_args(get_args(union)[0])
    return {v for m in members for v in get_args(m.model_fields["type"].annotation)}


#: the branch names pydantic puts in an error's location (noise in a key path)
_UNION_TAGS = _tags(SourceSettings) | _tags(ChannelSettings) | _tags(InventorySettings)


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    previous: Any = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(previous, int) and part in _UNION_TAGS:
            pass  # the discriminated union's branch name (after a list index) is noise in a key path
        elif isinstance(part, str) and ("[" in part or "(" in part):
            continue  # so is a union member's name (function-after[parse(), str])
        else:
            out += ("." if out else "") + str(part)
        previous = part
    return out


def load_config(path: str | Path) -> DaemonConfig:
    """Read, validate and return the config; every problem is a :class:`ConfigError` naming file and key path."""
    path = Path(path)
    try:
        doc = read_yaml(path, error=ConfigError, mode="config")  # guarded: size, encoding, nesting, aliases (issue 18)
    except FileNotFoundError:
        raise ConfigError("config file not found", where=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}",
                          where=f"{path}:{mark.line + 1}" if mark else str(path)) from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError("the config is a mapping of keys", where=str(path))
    try:
        config = DaemonConfig.model_validate({**doc, "base_dir": str(path.resolve().parent)})
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(err["msg"].removeprefix("Value error, "), where=f"{path}: {_where(err['loc'])}") from None
    base = path.resolve().parent
    check_secrets(config, where=str(path), base=base)
    for i, ch in enumerate(config.notify.channels):
        ch.check(f"{path}: notify.channels[{i}]", base)
    return config
