"""``--daemon URL`` for ``costlib estimate`` and ``costlib diff``: the daemon's attribution rules and budgets
fetched over its API (``GET /v1/attribution``, ``GET /v1/budgets``), the budget impact worked out by the same pure
function the daemon uses (:func:`costlib.policy.impact.budget_impact`), and a confirmed estimate recorded
(``POST /v1/acknowledgements``). httpx is imported only when a daemon is asked.

The bearer token (for recording) is ``$COSTLIB_API_TOKEN``, else the config's ``server.token`` (a SecretRef).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from costlib.cli._util import daemon_config_file
from costlib.errors import ProviderError
from costlib.models import Estimate
from costlib.policy.impact import Attribution, BudgetImpact, EnvironmentShare, TeamSplit

if TYPE_CHECKING:
    from costlib.diff import ResourceChange

__all__ = ["DaemonClient", "ImpactResult", "daemon_client", "diff_impact", "estimate_impact", "paths_digest"]

TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class DaemonClient:
    """The daemon's API at ``url``, with the bearer token for writes (None: reads only)."""

    url: str
    token: str | None = None

    def _get(self, path: str, **params: str) -> Any:
        return self._call("GET", path, params=params)

    def _call(self, method: str, path: str, *, params: dict[str, str] | None = None, body: Any = None) -> Any:
        import httpx

        where = f"{self.url}{path}"
        headers = {"accept": "application/json"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        try:
            resp = httpx.request(method, where, params=params, json=body, headers=headers, timeout=TIMEOUT,
                                 follow_redirects=False)
        except httpx.HTTPError as exc:
            raise ProviderError(f"the daemon did not answer ({type(exc).__name__}); is it running at {self.url}?",
                                where=where) from None
        if resp.status_code in (401, 403):
            hint = ("set $COSTLIB_API_TOKEN (or server.token in the config given by --config) to the daemon's "
                    "server.token" if resp.status_code == 401 else "the daemon has no server.token: writes are off")
            raise ProviderError(f"the daemon refused the request (HTTP {resp.status_code}): {hint}", where=where)
        if resp.status_code >= 400:
            raise ProviderError(f"the daemon answered HTTP {resp.status_code}: {_detail(resp.text)}", where=where)
        try:
            return resp.json()
        except ValueError:
            raise ProviderError("the daemon's answer is not JSON (is this costlib's API?)", where=where) from None

    def attribution(self) -> Attribution:
        """``GET /v1/attribution``: the daemon's rules, parsed by the config's own model."""
        from costlib.spend.config import AttributionSettings

        doc = self._get("/v1/attribution")
        try:
            settings = AttributionSettings.model_validate(doc["attribution"])
            weights = {str(t): _decimal(w) for t, w in dict(doc.get("weights") or {}).items()}
            env_tags = tuple(str(t) for t in doc["environment_tags"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ProviderError(f"unexpected attribution document: {exc}", where=f"{self.url}/v1/attribution") from None
        return Attribution(rules=tuple(settings.team_rules()), shared=tuple(settings.shared_rules()),
                           team_tags=tuple(settings.team_tags), environment_tags=env_tags, weights=weights)

    def impact(self, split: TeamSplit) -> BudgetImpact:
        """``GET /v1/budgets`` and the budget impact of ``split`` on them."""
        from costlib.daemon.snapshot import BudgetRow, mapping
        from costlib.policy.impact import budget_impact

        where = f"{self.url}/v1/budgets"
        doc = self._get("/v1/budgets")
        try:
            as_of = datetime.fromisoformat(str(doc["as_of"])).date()
            rows = [BudgetRow.from_json(mapping(b)) for b in doc["budgets"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ProviderError(f"unexpected budgets document: {exc}", where=where) from None
        return budget_impact([r.figures() for r in rows], split, as_of=as_of, source=self.url)

    def require_token(self) -> None:
        """Refuse before ``--confirm`` asks, not after a yes, when a confirmation could not be recorded."""
        if not self.token:
            raise ProviderError("recording the confirmation needs the daemon's bearer token: set $COSTLIB_API_TOKEN "
                                "(or server.token in the config given by --config)", where=f"{self.url}/v1/acknowledgements")

    def acknowledge(self, body: dict[str, Any]) -> dict[str, Any]:
        """``POST /v1/acknowledgements``: the record the daemon kept."""
        self.require_token()
        doc = self._call("POST", "/v1/acknowledgements", body=body)
        if not isinstance(doc, dict) or "id" not in doc:
            raise ProviderError("unexpected answer to the acknowledgement", where=f"{self.url}/v1/acknowledgements")
        return doc


def _detail(raw: str) -> str:
    try:
        doc = json.loads(raw)
    except ValueError:
        return raw[:200]
    return str(doc.get("detail", doc))[:300] if isinstance(doc, dict) else raw[:200]


def _decimal(value: object) -> Any:
    from decimal import Decimal

    return Decimal(str(value))


def daemon_client(url: str | None, config_file: str | None) -> DaemonClient | None:
    """The daemon to ask: ``--daemon URL``, else the server address of the config given by ``--config`` or
    ``$COSTLIB_CONFIG`` when one is set (never required); None when neither is given."""
    token = os.environ.get("COSTLIB_API_TOKEN") or None
    path = daemon_config_file(config_file)
    if url is None and path is None:
        return None
    if path is not None:
        from costlib.daemon.config import load_config

        config = load_config(path)
        if url is None:
            host = config.server.host
            url = f"http://{'[' + host + ']' if ':' in host else host}:{config.server.port}"
        if token is None and config.server.token is not None:
            token = config.server.token.resolve("server.token", base=config.path(".")).get_secret_value()
    if url is None:  # pragma: no cover - set above whenever a config was given
        return None
    return DaemonClient(url.rstrip("/"), token)


def paths_digest(paths: Sequence[Path]) -> str:
    """sha256 of the canonical bytes of what was estimated: a JSON file's canonical JSON (the daemon digests a
    posted plan the same way), another file's bytes, a folder's files (sorted, each with its relative path)."""
    from costlib.policy.acknowledged import canonical_digest

    digests = []
    for path in paths:
        if path.is_dir():
            h = hashlib.sha256()
            for f in sorted(p for p in path.rglob("*") if p.is_file() and ".terraform" not in p.parts):
                h.update(str(f.relative_to(path)).encode() + b"\0" + f.read_bytes() + b"\0")
            digests.append(h.hexdigest())
            continue
        raw = path.read_bytes()
        try:
            digests.append(canonical_digest(json.loads(raw)) if path.suffix == ".json" else hashlib.sha256(raw).hexdigest())
        except ValueError:
            digests.append(hashlib.sha256(raw).hexdigest())
    return digests[0] if len(digests) == 1 else hashlib.sha256("\n".join(digests).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ImpactResult:
    """The budget impact of an estimate (or why there is none), and what a confirmation would record."""

    client: DaemonClient
    impact: BudgetImpact | None
    error: str | None
    split: TeamSplit | None
    environments: tuple[EnvironmentShare, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return self.impact.to_json() if self.impact is not None else {"error": self.error, "source": self.client.url}

    def lines(self) -> list[str]:
        if self.impact is None:
            return [f"budget impact unavailable: {self.error}"]
        return [f"budget impact (daemon {self.client.url}, as of {self.impact.as_of.isoformat()}):",
                *(f"  {line}" for line in self.impact.lines())]

    def markdown(self) -> str:
        """The ``### Budget impact`` section of a Markdown estimate or diff."""
        items = [line.strip() for line in self.lines()[1:]] if self.impact is not None else [str(self.error)]
        return "\n### Budget impact\n\n" + "\n".join(f"- {line}" for line in items) + "\n"

    def acknowledgement(self, est: Estimate, digest: str, source: str, monthly: str, complete: bool
                        ) -> dict[str, Any]:
        """The body of ``POST /v1/acknowledgements`` for a confirmed estimate."""
        return self.acknowledgement_of([r.address for r in est.resources], est.currency, digest, source, monthly,
                                       complete)

    def acknowledgement_of(self, resources: Sequence[str], currency: str, digest: str, source: str, monthly: str,
                           complete: bool) -> dict[str, Any]:
        """The body of ``POST /v1/acknowledgements``: the resources confirmed, their monthly figure, the teams and
        environments they belong to and the budget impact shown."""
        from costlib.money import plain

        teams = list(self.impact.teams_named()) if self.impact is not None else \
            sorted(self.split.monthly) if self.split is not None else []
        return {"plan_digest": digest, "source": source, "resources": list(resources),
                "teams": teams, "monthly_cost": monthly, "currency": currency, "fully_priced": complete,
                "environments": [{"name": e.name, "team": e.team, "monthly_cost": plain(e.monthly.amount)}
                                 for e in self.environments],
                "budget_impact": self.to_json() if self.impact is not None else None,
                "user": _user(), "via": "cli"}


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


def estimate_impact(client: DaemonClient, est: Estimate) -> ImpactResult:
    """Ask the daemon; a daemon that is down, refuses or answers nonsense is an error said, never a crash: the
    estimate is shown all the same."""
    from costlib.errors import CostlibError
    from costlib.policy.impact import environment_shares, team_shares

    try:
        attribution = client.attribution()
        split = team_shares(est.resources, attribution, est.currency)
        return ImpactResult(client, client.impact(split), None, split, environment_shares(est.resources, attribution))
    except CostlibError as exc:
        return ImpactResult(client, None, str(exc), None)


def diff_impact(client: DaemonClient, changes: Sequence[ResourceChange], currency: str) -> ImpactResult:
    """The budget impact of a diff: each resource's delta (after - before; a decrease lowers the forecast) given to
    a team by the tags of its after side (of its before side when deleted); the environments as they are after
    the change (what an acknowledgement of it records). Errors are said, as for :func:`estimate_impact`."""
    from costlib.errors import CostlibError
    from costlib.policy.impact import deltas, environment_shares, team_shares

    try:
        attribution = client.attribution()
        split = team_shares(deltas(((c.before, c.after) for c in changes), currency), attribution, currency)
        after = [c.after for c in changes if c.after is not None]
        return ImpactResult(client, client.impact(split), None, split, environment_shares(after, attribution))
    except CostlibError as exc:
        return ImpactResult(client, None, str(exc), None)
