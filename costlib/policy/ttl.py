"""TTL and idle rules for ephemeral environments. Pure: environments, ``now`` and state in; decisions out.

- An environment's expiry is its ``expires-at`` tag, else its creation + ``ttl`` tag (``7d``, ``36h``,
  ``forever``), else creation + the configured default TTL for its kind; an extension (tag, CLI or API)
  moves the expiry; a snooze silences warnings until it ends.
- Staged warnings (for example 3 days and 1 day before expiry, then ``expired``), each sent once per
  expiry: extending an environment re-arms them (the expiry is part of the alert key).
- Idle: no activity for ``idle_days`` gives one warning. Activity is the ``last-activity`` tag, or the last
  day with spend for environments found in spend records (a VM that runs bills every day, so this finds
  environments whose spend stopped, not idle VMs: tag those from your monitoring).
- Shutdown only where the team opted in, only once the ``expired`` warning has gone out (in an earlier
  cycle) and ``grace`` has passed since it (or since a snooze ended), never on a protected environment (the
  protection tag always wins, whatever its case; any value but false/no/0/off protects), never on an
  environment whose resources disagree (``conflicts``), and dry-run unless configured otherwise: the
  decision says what would be done.
- A tag that cannot be read (``ttl: 2 weeks``) is a warning for that environment, which is then never shut
  down; the other environments are decided as usual.

>>> env = Environment(name="pr-42", team="web", created_at=datetime(2026, 11, 1, tzinfo=UTC), tags={"ttl": "7d"})
>>> [d.stage for d in evaluate_environments([env], now=datetime(2026, 11, 6, 12, tzinfo=UTC), rules=TtlRules())]
['3d']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from costlib.duration import Duration
from costlib.errors import InputError
from costlib.money import Money
from costlib.policy.alerts import Alert, AlertKind, IdleKey, Severity, TtlKey, TtlTagKey

__all__ = ["Decision", "EnvState", "Environment", "TtlRules", "evaluate_environments", "expiry_of", "format_remaining",
           "is_protected", "parse_duration"]

def parse_duration(text: str) -> timedelta | None:
    """``7d`` -> 7 days; ``forever``/``never`` -> None (no expiry); the one parser is :class:`costlib.duration.Duration`.

    >>> parse_duration("36h"), parse_duration("forever")
    (datetime.timedelta(days=1, seconds=43200), None)
    """
    return Duration.parse(text).delta


def _parse_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(text.strip()), datetime.min.time())
        except ValueError:
            raise InputError(f"expires-at {text!r} is not an ISO date or time") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Environment:
    """An ephemeral environment: a named group of resources with an owner, a team and tags."""

    name: str
    team: str
    owner: str | None = None
    provider: str | None = None
    kind: str | None = None
    created_at: datetime | None = None
    last_activity: datetime | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    resources: tuple[str, ...] = ()
    monthly_cost: Money | None = None
    cost_basis: str | None = None
    conflicts: tuple[str, ...] = ()
    """Why its resources disagree (two teams, two TTLs, a resource in two environments): never shut down."""

    def tag(self, key: str) -> str | None:
        """A tag by name, whatever its case (Azure tag names are case-insensitive)."""
        if key in self.tags:
            return self.tags[key]
        lower = key.lower()
        return next((v for k, v in self.tags.items() if k.lower() == lower), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class EnvState:
    """What the daemon remembers about an environment: extension, snooze."""

    extended_until: datetime | None = None
    snoozed_until: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TtlRules:
    warn_before: tuple[timedelta, ...] = (timedelta(days=3), timedelta(days=1))
    default_ttl: Mapping[str, timedelta | None] = field(default_factory=dict)
    idle_after: timedelta | None = timedelta(days=5)
    grace: timedelta = timedelta(days=1)
    shutdown_teams: frozenset[str] = frozenset()
    dry_run: bool = True
    protect_tag: str = "do-not-delete"
    ttl_tag: str = "ttl"
    expires_tag: str = "expires-at"
    activity_tag: str = "last-activity"
    extend_tag: str = "extend-until"


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do about one environment: a warning alert at a stage, or a shutdown (possibly dry-run)."""

    environment: Environment
    stage: str
    expires_at: datetime | None
    alert: Alert | None = None
    shutdown: bool = False
    dry_run: bool = True
    reason: str = ""


def is_protected(env: Environment, rules: TtlRules) -> bool:
    """The protection tag is present (any case) with any value but an explicit false/no/0/off: fail safe."""
    value = env.tag(rules.protect_tag)
    return value is not None and value.strip().lower() not in ("false", "no", "0", "off")


def expiry_of(env: Environment, rules: TtlRules, state: EnvState | None = None) -> tuple[datetime | None, str]:
    """The environment's expiry (or None: no TTL) and where it came from."""
    expiry: datetime | None = None
    source = "no TTL"
    expires, ttl_text, extend = env.tag(rules.expires_tag), env.tag(rules.ttl_tag), env.tag(rules.extend_tag)
    if expires:
        expiry, source = _parse_time(expires), f"{rules.expires_tag} tag"
    elif env.created_at is not None and ttl_text:
        ttl = parse_duration(ttl_text)
        if ttl is not None:
            expiry, source = env.created_at + ttl, f"{rules.ttl_tag} tag"
    elif env.created_at is not None and env.kind is not None and env.kind in rules.default_ttl:
        ttl = rules.default_ttl[env.kind]
        if ttl is not None:
            expiry, source = env.created_at + ttl, f"default TTL for {env.kind}"
    extensions = [e for e in ((state.extended_until if state else None), _parse_time(extend) if extend else None)
                  if e is not None]
    if expiry is not None and extensions and max(extensions) > expiry:
        expiry, source = max(extensions), "extended"
    return expiry, source


def format_remaining(left: timedelta) -> str:
    """Time left before an expiry, as every interface shows it (the TTL alert's title, ``costlib env list``,
    Slack): rounded down to the smallest unit shown, so it never promises more time than there is.

    >>> [format_remaining(timedelta(**kw)) for kw in ({"days": 3, "hours": 5, "minutes": 59}, {"days": 2},
    ...                                               {"hours": 23, "minutes": 59}, {"minutes": 30}, {"seconds": 20})]
    ['3d 5h', '2d', '23h 59m', '30m', 'under 1m']
    >>> format_remaining(timedelta(0)), format_remaining(timedelta(hours=-3))
    ('expired', 'expired')
    """
    seconds = int(left.total_seconds())
    if seconds <= 0:
        return "expired"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}d" + (f" {hours}h" if hours else "")
    if hours:
        return f"{hours}h" + (f" {minutes}m" if minutes else "")
    return f"{minutes}m" if minutes else "under 1m"


def _fmt(delta: timedelta) -> str:
    """``3d``, ``36h``, ``30m``: exact, so two warning stages never share a label (and an alert key)."""
    if delta.days >= 1 and delta % timedelta(days=1) == timedelta(0):
        return f"{delta.days}d"
    if delta % timedelta(hours=1) == timedelta(0):
        return f"{int(delta.total_seconds() // 3600)}h"
    return f"{max(1, int(delta.total_seconds() // 60))}m"


def evaluate_environments(envs: Sequence[Environment], *, now: datetime, rules: TtlRules,
                          states: Mapping[str, EnvState] | None = None,
                          notices: Mapping[str, datetime] | None = None) -> list[Decision]:
    """The decisions due at ``now``; the caller dedups by alert key (one per stage per expiry).

    ``notices`` maps an ``expired`` alert's id (its :class:`~costlib.policy.alerts.TtlKey`'s text, as the ledger keeps
    it) to when it was first recorded: a shutdown needs one from an
    earlier cycle, ``grace`` ago (never a stop without a warning first)."""
    out: list[Decision] = []
    for env in envs:
        try:
            out += _decide(env, now, rules, (states or {}).get(env.name), notices or {})
        except InputError as exc:
            out.append(Decision(env, "bad_tag", None, _bad_tag_alert(env, str(exc), now), reason=str(exc)))
    return out


def _decide(env: Environment, now: datetime, rules: TtlRules, state: EnvState | None,
            notices: Mapping[str, datetime]) -> list[Decision]:
    out: list[Decision] = []
    expiry, source = expiry_of(env, rules, state)
    snoozed = state is not None and state.snoozed_until is not None and state.snoozed_until > now
    if expiry is not None and not snoozed:
        left = expiry - now
        if left <= timedelta(0):
            stage = "expired"
            noticed = notices.get(_key(env, expiry, "expired").text)
            if noticed is not None and env.team in rules.shutdown_teams and not is_protected(env, rules) \
                    and not env.conflicts:
                # grace runs from the expired warning, or from the end of a snooze that came after it
                ended = state.snoozed_until if state is not None and state.snoozed_until is not None else None
                start = max(noticed, ended) if ended is not None else noticed
                if now >= start + rules.grace:
                    out.append(Decision(env, "shutdown", expiry, _alert(env, "shutdown", expiry, now, source, rules),
                                        shutdown=True, dry_run=rules.dry_run,
                                        reason=f"expired {expiry.isoformat()}, warned {noticed.isoformat()}, "
                                               f"grace {_fmt(rules.grace)} passed"))
                    return out
        else:
            due = [w for w in sorted(rules.warn_before) if left <= w]
            stage = _fmt(due[0]) if due else ""
        if stage:
            out.append(Decision(env, stage, expiry, _alert(env, stage, expiry, now, source, rules),
                                reason=f"expiry from {source}"))
    activity_tag = env.tag(rules.activity_tag)
    if rules.idle_after is not None and not snoozed:
        activity = [a for a in (env.last_activity, _parse_time(activity_tag) if activity_tag else None)
                    if a is not None]
        if activity and now - max(activity) >= rules.idle_after:
            last = max(activity)
            out.append(Decision(env, "idle", expiry, _idle_alert(env, last, now, rules), reason="no activity"))
    return out


def _key(env: Environment, expiry: datetime, stage: str) -> TtlKey:
    return TtlKey(env.name, expiry, stage)


def _bad_tag_alert(env: Environment, problem: str, now: datetime) -> Alert:
    return Alert(key=TtlTagKey(env.name, problem), kind=AlertKind.TTL_WARNING, team=env.team, subject=env.name,
                 title=f"{env.name}: a TTL tag cannot be read, so it has no expiry and is never stopped",
                 summary=f"{problem}. Fix the tag (like ttl: 7d or expires-at: 2026-12-01).", created_at=now,
                 severity=Severity.WARNING, action=f"costlib env list --team {env.team}",
                 labels={"environment": env.name, "owner": env.owner or "", "stage": "bad_tag",
                         "provider": env.provider or ""})


def _alert(env: Environment, stage: str, expiry: datetime, now: datetime, source: str, rules: TtlRules) -> Alert:
    cost = (f" It costs about {env.monthly_cost.display()}/month ({env.cost_basis})."
            if env.monthly_cost is not None else "")
    if stage == "shutdown":
        verb = "would be stopped (dry run)" if rules.dry_run else "is being stopped"
        title = f"{env.name} {verb}: it expired on {expiry.date().isoformat()}"
        kind, severity = AlertKind.SHUTDOWN, Severity.CRITICAL
    elif stage == "expired":
        title = f"{env.name} expired on {expiry.date().isoformat()} and is still running"
        kind, severity = AlertKind.TTL_EXPIRED, Severity.CRITICAL
    else:  # the time left now, said as `costlib env list` says it (the stage, like 1d, is in the key and labels)
        title = f"{env.name} expires in {format_remaining(expiry - now)} ({expiry.date().isoformat()})"
        kind, severity = AlertKind.TTL_WARNING, Severity.WARNING
    figures = {"monthly_cost": env.monthly_cost} if env.monthly_cost else {}
    return Alert(key=_key(env, expiry, stage), kind=kind, team=env.team, subject=env.name,
                 title=title, summary=f"Expiry from the {source}.{cost} Owner: {env.owner or 'unknown'}.",
                 created_at=now, severity=severity, figures=figures, action=f"costlib env extend {env.name} 7d",
                 labels={"environment": env.name, "owner": env.owner or "", "stage": stage,
                         "provider": env.provider or ""})


def _idle_alert(env: Environment, last: datetime, now: datetime, rules: TtlRules) -> Alert:
    cost = f" It costs about {env.monthly_cost.display()}/month." if env.monthly_cost is not None else ""
    days = (now - last).days
    return Alert(key=IdleKey(env.name, last.date()), kind=AlertKind.IDLE, team=env.team,
                 subject=env.name, title=f"{env.name} has been idle for {days} days",
                 summary=f"No activity since {last.date().isoformat()}.{cost}", created_at=now,
                 figures={"monthly_cost": env.monthly_cost} if env.monthly_cost else {},
                 action=f"costlib env extend {env.name} 7d", labels={"environment": env.name,
                                                                     "owner": env.owner or ""})


