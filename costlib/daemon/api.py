"""The daemon's HTTP API (FastAPI): the same control plane as the CLI, for portals, CI and chat bots.

=========================================  ====================================================================
``GET  /healthz``                          the process is up
``GET  /readyz``                           an evaluation exists (503 before the first); failing sources listed
``GET  /metrics``                          Prometheus metrics from the latest view
``GET  /v1/budgets``                       budgets: amount, to date, forecast, utilisation, thresholds crossed,
                                           and the failed or stale sources each one's figures come from
``GET  /v1/teams``                         month-to-date spend per team and provider
``GET  /v1/environments``                  environments with owner, age, TTL left and monthly cost
``POST /v1/environments/{name}/extend``    extend an environment's TTL (bearer token)
``POST /v1/environments/{name}/snooze``    silence an environment's warnings (bearer token)
``GET  /v1/alerts``                        alerts decided (newest ``limit``; by ``team`` and ``kind``)
``GET  /v1/sources``                       poll health per spend source
``POST /v1/estimate``                      estimate a Terraform plan or a resource spec, with its ``budget_impact``
                                           (``"acknowledge": true``, bearer token: recorded as confirmed)
``GET  /v1/attribution``                   the attribution rules and environment tags estimates are attributed by
``GET  /v1/acknowledgements``              confirmed estimates (by ``team``; ``format=csv`` for the CSV export)
``POST /v1/acknowledgements``              record a confirmed estimate (bearer token; ``costlib estimate --confirm``)
``POST /slack/commands``                   the ``/cost`` slash command (Slack-signed): ``env list``, ``budgets``,
                                           ``estimate <url>`` (with its budget impact) and ``estimate confirm
                                           <url>`` (recorded as confirmed by the Slack user)
=========================================  ====================================================================

Writes need ``Authorization: Bearer <server.token>`` and are refused when no token is configured. Bodies over
``server.max_body_bytes`` get 413 before they are read in full.
"""


import asyncio
import hmac
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Protocol
from urllib.parse import parse_qs

from pydantic import BaseModel, ConfigDict, Field

from costlib import __version__
from costlib.errors import CostlibError, InputError, LimitError, require_extra
from costlib.money import Money
from costlib.policy.acknowledged import AcknowledgedEnvironment, Acknowledgement, acknowledgements_csv
from costlib.policy.impact import Attribution, TeamSplit

require_extra("fastapi", "daemon")
require_extra("prometheus_client", "daemon")

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request  # noqa: E402
from fastapi.responses import JSONResponse, Response  # noqa: E402
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer  # noqa: E402
from prometheus_client import CONTENT_TYPE_LATEST  # noqa: E402
from starlette.background import BackgroundTask  # noqa: E402

from costlib.daemon import slack  # noqa: E402
from costlib.daemon.health import Marking  # noqa: E402
from costlib.daemon.metrics import render  # noqa: E402
from costlib.daemon.snapshot import JSON, View, mapping  # noqa: E402
from costlib.daemon.workers import Budget, BudgetExceeded, run_within  # noqa: E402

if TYPE_CHECKING:
    import uvicorn

    from costlib.daemon.service import Daemon

__all__ = ["BodyLimit", "DaemonLike", "create_app", "serve"]

#: ASGI's scope and messages: mappings of plain values (the keys this middleware reads are checked where read)
Scope = MutableMapping[str, object]
Message = MutableMapping[str, object]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: 413 for bodies over ``limit`` bytes, by Content-Length or while streaming."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_headers = scope.get("headers")
        headers = {k: v for k, v in raw_headers if isinstance(k, bytes) and isinstance(v, bytes)} \
            if isinstance(raw_headers, list | tuple) else {}
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _reject(send, self.limit)
            return
        seen = 0
        rejected = False

        async def limited() -> Message:
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            body = message.get("body", b"")
            if message["type"] == "http.request" and isinstance(body, bytes):
                seen += len(body)
                if seen > self.limit:
                    rejected = True
                    await _reject(send, self.limit)
                    return {"type": "http.disconnect"}  # the app sees a client that went away
            return message

        async def guarded_send(message: Message) -> None:
            if not rejected:  # once the 413 is out, whatever the app answers is dropped
                await send(message)

        try:
            await self.app(scope, limited, guarded_send)
        except Exception:
            if not rejected:
                raise
            # The 413 is out; the app only tripped over the body it was refused (ClientDisconnect): not an error.


async def _reject(send: Send, limit: int) -> None:
    body = f'{{"detail":"request body over {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class DurationBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    duration: str = Field(examples=["7d"], max_length=32, description="like 30m, 12h, 7d, 2w")


class EstimateRequest(BaseModel):
    """The wrapped form: a plan or spec entries, with an optional usage document and currency."""

    model_config = ConfigDict(extra="forbid")
    plan: dict[str, Any] | None = Field(None, description="`terraform show -json plan.out` output")
    resources: list[dict[str, Any]] | None = Field(None, description="resource spec entries (as in a spec file)")
    usage: dict[str, Any] | None = Field(None, description="a usage document (resource_type_default_usage ...)")
    currency: str = Field("USD", min_length=3, max_length=3)
    acknowledge: bool = Field(False, description="record the estimate as confirmed (needs the bearer token)")
    user: str | None = Field(None, min_length=1, max_length=200, description="who confirms (else the token's name)")


class TerraformPlan(BaseModel):
    """The raw form: the output of `terraform show -json plan.out` posted as it is (``?currency=`` sets the
    currency). The JSON of a state (``values``, no ``planned_values``) is refused: this endpoint prices a change."""

    model_config = ConfigDict(extra="allow")
    format_version: str = Field(examples=["1.2"], description="present in every `terraform show -json` document")
    terraform_version: str | None = None
    planned_values: dict[str, Any] | None = None
    resource_changes: list[dict[str, Any]] | None = None
    configuration: dict[str, Any] | None = None
    variables: dict[str, Any] | None = None


_ESTIMATE_EXAMPLES = {
    "raw plan": {"summary": "`terraform show -json plan.out`, as it is", "value": {
        "format_version": "1.2", "planned_values": {"root_module": {"resources": [{
            "address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
            "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"instance_type": "m5.large"}}]}}}},
    "wrapped plan": {"summary": "a plan with a usage document and a currency", "value": {
        "plan": {"format_version": "1.2", "planned_values": {"root_module": {"resources": []}}},
        "usage": {"resource_type_default_usage": {"aws_s3_bucket": {"storage_gb": 100}}}, "currency": "EUR"}},
    "resources": {"summary": "resource spec entries", "value": {"resources": [
        {"name": "web", "type": "compute.instance", "provider": "aws", "region": "us-east-1", "size": "m5.large"}]}},
}


class AcknowledgedEnvironmentBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=500)
    team: str | None = Field(None, max_length=500)
    monthly_cost: str = Field(pattern=r"^-?[0-9]{1,15}(\.[0-9]{1,20})?$")


class AcknowledgementBody(BaseModel):
    """A confirmed estimate, as ``costlib estimate --confirm --daemon URL`` sends it."""

    model_config = ConfigDict(extra="forbid")
    plan_digest: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the canonical plan or spec bytes")
    source: str = Field(min_length=1, max_length=2000, description="the file or URL estimated")
    resources: list[str] = Field(max_length=200_000)
    teams: list[str] = Field(default_factory=list, max_length=10_000)
    environments: list[AcknowledgedEnvironmentBody] = Field(default_factory=list, max_length=10_000)
    monthly_cost: str = Field(pattern=r"^-?[0-9]{1,15}(\.[0-9]{1,20})?$", description="a decimal string")
    currency: str = Field(min_length=3, max_length=3)
    fully_priced: bool = True
    budget_impact: dict[str, Any] | None = None
    user: str | None = Field(None, min_length=1, max_length=200, description="who confirmed (else the token's name)")
    via: str = Field("api", pattern=r"^(cli|api|slack)$")


class Until(BaseModel):
    name: str
    until: str


class DaemonLike(Protocol):
    """What the API reads and writes: :class:`~costlib.daemon.service.Daemon` (benchmarks pass a stand-in)."""

    poll_intervals: dict[str, timedelta | None]

    def view(self) -> View | None: ...

    def refresh_view(self) -> View | None: ...

    def add_view_listener(self, listener: Callable[[View], object]) -> None: ...

    def extend(self, name: str, duration: str, actor: str = ...) -> datetime: ...

    def snooze(self, name: str, duration: str, actor: str = ...) -> datetime: ...

    def alerts(self, *, team: str | None, kind: str | None, limit: int) -> list[JSON]: ...

    def attribution(self) -> Attribution: ...

    def acknowledge(self, ack: Acknowledgement) -> Acknowledgement: ...

    def acknowledgements(self, *, team: str | None = ..., limit: int | None = ...) -> list[Acknowledgement]: ...


def create_app(daemon: DaemonLike, *, token: Callable[[], str | None] | None = None,
               slack_secret: Callable[[], str | None] | None = None, max_body_bytes: int = 5 * 1024 * 1024,
               slack_estimate: slack.EstimateCommand | None = None, estimate_budget: Budget | None = None
               ) -> BodyLimit:
    """The ASGI app over ``daemon`` (a :class:`~costlib.daemon.service.Daemon`), wrapped in the body limit;
    the FastAPI app itself is ``.app``. ``slack_estimate`` turns on ``/cost estimate <plan URL>``; each estimate runs
    within ``estimate_budget`` (time and memory, in a child process)."""
    estimate_budget = estimate_budget or Budget()
    app = FastAPI(title="costlib", version=__version__, description="Cloud cost estimates, spend per team, budgets and "
                  "environment TTLs.", docs_url="/docs", redoc_url=None)
    bearer = HTTPBearer(auto_error=False)

    def view() -> View:
        v = daemon.view()
        if v is None:
            raise HTTPException(503, "the daemon has not evaluated anything yet")
        return v

    def writer(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
        return check_writer(creds)

    def check_writer(creds: HTTPAuthorizationCredentials | None) -> str:
        expected = token() if token else None
        if not expected:
            raise HTTPException(403, "writes are disabled: set server.token in the daemon's config")
        if creds is None or not hmac.compare_digest(creds.credentials.encode(), expected.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
        return "api"

    @app.exception_handler(CostlibError)
    async def costlib_error(request: Request, exc: CostlibError) -> JSONResponse:
        status = (413 if isinstance(exc, LimitError) else 422 if isinstance(exc, BudgetExceeded)
                  or not isinstance(exc, InputError) else 400)
        return JSONResponse({"detail": str(exc), "where": exc.where}, status_code=status)

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.get("/readyz", tags=["ops"], responses={503: {"description": "not ready"}})
    def readyz() -> JSONResponse:
        # Ready = there is data to serve. A failing spend source makes the daemon degraded, not unready: taking
        # the only replica out of its Service would cut off the API, Slack and the scrape that alerts on the
        # stale source. Failing = its last poll failed (its data is from its last success, if any).
        v = daemon.view()
        failing = v.failing_sources if v is not None else []
        return JSONResponse({"ready": v is not None, "degraded": bool(failing),
                             "as_of": v.as_of.isoformat() if v is not None else None,
                             "failing_sources": failing}, status_code=200 if v is not None else 503)

    rendered: list[Any] = [None, b""]  # (the view it was rendered from, the exposition)
    render_lock = threading.Lock()

    def exposition(current: View | None) -> bytes:
        # The view is immutable and replaced whole, so its exposition is rendered once per view (metrics.render,
        # the same families the collector yields): when the daemon swaps a new view in (off the scrape path), or at
        # the first scrape of it.
        with render_lock:
            if current is None or rendered[0] is not current:
                rendered[1] = render(current, _price_date())
                rendered[0] = current
            return bytes(rendered[1])

    daemon.add_view_listener(exposition)

    @app.get("/metrics", tags=["ops"], response_class=Response)
    def metrics() -> Response:
        return Response(exposition(daemon.view()), media_type=CONTENT_TYPE_LATEST)

    def marking() -> tuple[View, Marking]:
        # each row says which of its sources failed or went stale, as of this request (staleness grows with time)
        v = view()
        return v, Marking.of(v.snapshot, v.sources, daemon.poll_intervals, datetime.now(UTC))

    @app.get("/v1/budgets", tags=["spend"])
    def budgets(team: str | None = None) -> dict[str, object]:
        v, m = marking()
        return {"as_of": v.as_of.isoformat(), "source_problems": m.all(),
                "budgets": [m.marked(b.to_json(), b.sources) for b in v.snapshot.budgets if team in (None, b.team)]}

    @app.get("/v1/teams", tags=["spend"])
    def teams() -> dict[str, object]:
        v, m = marking()
        return {"as_of": v.as_of.isoformat(), "currency": v.snapshot.currency, "source_problems": m.all(),
                "teams": [m.marked(t.to_json(), t.sources) for t in v.snapshot.teams]}

    @app.get("/v1/environments", tags=["environments"])
    def environments(team: str | None = None) -> dict[str, object]:
        v, m = marking()
        return {"as_of": v.as_of.isoformat(), "source_problems": m.all(),
                "environments": [m.marked(e.to_json(v.as_of), e.sources) for e in v.snapshot.environments
                                 if team in (None, e.team)]}

    @app.post("/v1/environments/{name}/extend", tags=["environments"], responses={401: {}, 403: {}, 404: {}})
    def extend(name: str, body: DurationBody, actor: Annotated[str, Depends(writer)]) -> Until:
        _known(view(), name)
        until = daemon.extend(name, body.duration, actor=actor)
        return Until(name=name, until=until.isoformat())

    @app.post("/v1/environments/{name}/snooze", tags=["environments"], responses={401: {}, 403: {}, 404: {}})
    def snooze(name: str, body: DurationBody, actor: Annotated[str, Depends(writer)]) -> Until:
        _known(view(), name)
        until = daemon.snooze(name, body.duration, actor=actor)
        return Until(name=name, until=until.isoformat())

    @app.get("/v1/alerts", tags=["alerts"])
    def alerts(team: str | None = None, kind: str | None = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, object]:
        return {"alerts": daemon.alerts(team=team, kind=kind, limit=limit)}

    @app.get("/v1/sources", tags=["ops"])
    def sources() -> dict[str, object]:
        v = daemon.view()
        return {"sources": [s.to_json() for s in v.sources] if v is not None else []}

    @app.post("/v1/estimate", tags=["estimate"],
              responses={400: {"description": "the body is not an estimable plan or spec (a state, a bad plan, "
                                              "resources without a provider ...): `detail` says what and where"},
                         422: {"description": "the body is neither form"}})
    def estimate(body: Annotated[EstimateRequest | TerraformPlan, Body(openapi_examples=_ESTIMATE_EXAMPLES)],
                 creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
                 currency: Annotated[str | None, Query(min_length=3, max_length=3,
                                                       description="for a raw plan body: the ISO 4217 code to "
                                                                   "show amounts in (default USD)")] = None
                 ) -> dict[str, Any]:
        """Estimate a Terraform plan or resource specs: either the raw `terraform show -json plan.out` document,
        or the wrapped form ``{"plan": ...}`` / ``{"resources": [...]}`` with ``usage`` and ``currency``.

        ``budget_impact`` is what the change does to its teams' budgets (as ``costlib estimate --daemon`` shows it);
        the wrapped form's ``"acknowledge": true`` (with the bearer token) records it as confirmed
        (``acknowledgement`` in the answer)."""
        from costlib.daemon.estimating import acknowledgement_of, impact_of

        acknowledge = isinstance(body, EstimateRequest) and body.acknowledge
        actor = check_writer(creds) if acknowledge else None
        attributed = _estimate(body, currency, estimate_budget, daemon.attribution())
        doc: dict[str, Any] = dict(mapping(attributed["estimate"]))
        impact = impact_of(daemon.view(), TeamSplit.from_json(mapping(attributed["split"])), "daemon")
        doc["budget_impact"] = impact.to_json() if impact is not None else None
        if acknowledge and isinstance(body, EstimateRequest):
            ack = daemon.acknowledge(acknowledgement_of(attributed, impact, source="POST /v1/estimate",
                                                        by=body.user or actor or "api", via="api"))
            doc["acknowledgement"] = ack.to_json()
        return doc

    @app.get("/v1/attribution", tags=["estimate"])
    def attribution() -> dict[str, object]:
        """How estimated resources are given to teams: the daemon's attribution rules (``attribution`` in its
        config), the tags environments are named by, and each team's spend this month (proportional shares)."""
        a = daemon.attribution()
        return {"attribution": _attribution_settings(daemon), "environment_tags": list(a.environment_tags),
                "weights": {t: str(w) for t, w in a.weights.items()}}

    @app.get("/v1/acknowledgements", tags=["estimate"], response_model=None)
    def acknowledgements(team: str | None = None, limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
                         format: Annotated[str, Query(pattern="^(json|csv)$")] = "json"
                         ) -> dict[str, object] | Response:
        """Confirmed estimates, oldest first (``format=csv``: the FOCUS-adjacent CSV export)."""
        acks = daemon.acknowledgements(team=team, limit=limit)
        if format == "csv":
            return Response(acknowledgements_csv(acks), media_type="text/csv")
        return {"acknowledgements": [a.to_json() for a in acks]}

    @app.post("/v1/acknowledgements", tags=["estimate"], status_code=201, responses={401: {}, 403: {}})
    def acknowledge(body: AcknowledgementBody, actor: Annotated[str, Depends(writer)]) -> dict[str, object]:
        """Record a confirmed estimate: who (``user``, else the token's name), what and when (now)."""
        return daemon.acknowledge(_acknowledgement(body, actor)).to_json()

    estimate_command = slack_estimate or slack.EstimateCommand(plan_urls=(), max_concurrent=1)  # answers "off"
    replays = slack.ReplayGuard()

    @app.post("/slack/commands", tags=["chat"], include_in_schema=False)
    async def slack_commands(request: Request) -> JSONResponse:
        secret = await asyncio.to_thread(slack_secret) if slack_secret else None  # may read a file
        if not secret:
            raise HTTPException(404, "the Slack command is not configured (server.slack_signing_secret)")
        raw = await request.body()
        stamp, signature = request.headers.get("x-slack-request-timestamp"), request.headers.get("x-slack-signature")
        now = time.time()
        if not slack.verify(secret, stamp, signature, raw, now=now) or stamp is None or signature is None:
            raise HTTPException(401, "invalid Slack signature")
        if not replays.first_time(stamp, signature, now=now):
            raise HTTPException(401, "this Slack request was received before (a replay)")
        form = parse_qs(raw.decode("utf-8", errors="replace"))
        text = (form.get("text") or [""])[0]
        if text.split()[:1] == ["estimate"]:
            command = estimate_command
            response_url = next(iter(form.get("response_url") or []), None)
            user = slack.slack_actor(next(iter(form.get("user_id") or []), None),
                                     next(iter(form.get("user_name") or []), None))
            reply, job = command.accept(text, response_url, user=user)
            # Slack wants an answer within 3 s: acknowledge now, post the estimate to response_url after.
            background = (BackgroundTask(command.run_async, job, response_url, daemon)
                          if job is not None and response_url else None)
            return JSONResponse(reply, background=background)
        return JSONResponse(await asyncio.to_thread(lambda: slack.answer(text, daemon.view())))

    return BodyLimit(app, max_body_bytes)


def _attribution_settings(daemon: DaemonLike) -> JSON:
    config = getattr(daemon, "config", None)
    attr = getattr(config, "attribution", None)
    return mapping(attr.model_dump(mode="json")) if attr is not None else {}


def _acknowledgement(body: AcknowledgementBody, actor: str) -> Acknowledgement:
    """The record of a confirmed estimate: parsed and checked here, stamped with a new id and the time now."""
    try:
        cur = body.currency.upper()
        monthly = Money(body.monthly_cost, cur)
        envs = tuple(AcknowledgedEnvironment(name=e.name, team=e.team, monthly=Money(e.monthly_cost, cur))
                     for e in body.environments)
    except ValueError as exc:
        raise InputError(str(exc), where="request body") from None
    return Acknowledgement(id=uuid.uuid4().hex, acknowledged_at=datetime.now(UTC), acknowledged_by=body.user or actor,
                           via=body.via, plan_digest=body.plan_digest, source=body.source,
                           resources=tuple(body.resources), teams=tuple(body.teams), monthly=monthly,
                           environments=envs, budget_impact=body.budget_impact, fully_priced=body.fully_priced)


def _known(v: View, name: str) -> None:
    if v.snapshot.environment(name) is None:
        raise HTTPException(404, f"no environment named {name!r}")


def _price_date() -> Any:
    from costlib.catalog.default import default_catalog

    try:
        return default_catalog().price_date()
    except CostlibError:
        return None


def _estimate(body: EstimateRequest | TerraformPlan, currency: str | None, budget: Budget, attribution: Attribution
              ) -> JSON:
    from costlib.daemon.estimating import estimate_attributed

    if isinstance(body, TerraformPlan):
        return run_within(budget, estimate_attributed, body.model_dump(exclude_unset=True), None, None,
                          currency or "USD", "request body", attribution)
    if currency is not None:
        raise InputError("the wrapped form gives its currency in the body, not as ?currency=", where="request")
    if (body.plan is None) == (body.resources is None):
        raise InputError("give exactly one of plan or resources", where="request body")
    return run_within(budget, estimate_attributed, body.plan, body.resources, body.usage, body.currency,
                      "request body: plan" if body.plan is not None else "request body", attribution)


def serve(daemon: "Daemon") -> "tuple[uvicorn.Server, threading.Thread]":
    """Start the HTTP server for ``daemon`` in a background thread; returns (uvicorn server, thread)."""
    import uvicorn

    from costlib.secret import SecretRef

    settings = daemon.config.server
    base = daemon.config.path(".")

    def ref(value: SecretRef | None, key: str) -> Callable[[], str | None]:
        return lambda: value.resolve(f"server.{key}", base=base).get_secret_value() if value else None

    budget = Budget(seconds=settings.estimate_seconds, memory_mb=settings.estimate_memory_mb)
    estimate_command = slack.EstimateCommand(
        plan_urls=tuple(settings.slack_plan_urls), response_urls=tuple(settings.slack_response_urls),
        token=ref(settings.slack_plan_token, "slack_plan_token"), max_bytes=settings.max_body_bytes, budget=budget)
    asgi = create_app(daemon, token=ref(settings.token, "token"),
                      slack_secret=ref(settings.slack_signing_secret, "slack_signing_secret"),
                      max_body_bytes=settings.max_body_bytes, slack_estimate=estimate_command, estimate_budget=budget)
    server = uvicorn.Server(uvicorn.Config(asgi, host=settings.host, port=settings.port, log_level="warning",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, name="costlib-http", daemon=True)
    thread.start()
    return server, thread
