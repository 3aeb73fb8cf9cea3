"""Amazon EventBridge: event buses, rule targets (API destinations), Pipes and Scheduler schedules.

Pricing: https://aws.amazon.com/eventbridge/pricing/ — events published to a bus are billed per million, each
64 KB chunk of a payload as one event: custom events (``PutEvents``), third-party (SaaS partner) events, and
cross-account or cross-region deliveries; events from AWS services to the default bus have no charge.
Archives bill event processing per GB and storage per GB-month; schema discovery bills ingested events per
8 KB chunk. Invoking an API destination is billed per million invocations; delivering to other AWS targets has
no EventBridge charge (the target bills its own requests). Pipes bill requests after filtering, per 64 KB
chunk. Scheduler bills invocations per million (the 14 million free a month are per account, not applied).
Usage types (AWSEvents, family EventBridge): ``Event-64K-Chunks`` with ``operation`` (PutEvents and the partner
and cross-account variants), ``Event-8K-Chunks`` (DiscoveryEvent), ``Request-64K-Chunks`` (PipeRequest).
"""

from __future__ import annotations

import re
from decimal import Decimal

from costlib.models import CostComponent, PriceQuery
from costlib.resources._q import aws, usage_based
from costlib.resources.aws._billing import EventKB, increments, no_charge, scaled
from costlib.resources.registry import resource
from costlib.resources.schema import GB, AwsInputs, Block, Model, Quantity, Usage, usage_key

__all__ = ["aws_cloudwatch_event_bus", "aws_cloudwatch_event_target", "aws_pipes_pipe", "aws_scheduler_schedule",
           "monthly_invocations"]

_SERVICE = "AWSEvents"
_FAMILY = "EventBridge"


def _events(region: str, operation: str, usagetype: str = "Event-64K-Chunks") -> PriceQuery:
    return aws(_SERVICE, region, _FAMILY, usagetype=usagetype, operation=operation)


class EventBus(AwsInputs):
    name: str = "default"
    event_source_name: str | None = None


class EventBusUsage(Usage):
    monthly_custom_events: Quantity | None = usage_key("Custom events published a month (64 KB chunks)",
                                                       unit="events")
    monthly_third_party_events: Quantity | None = usage_key(
        "Third-party (SaaS partner) events a month (64 KB chunks)", unit="events")
    monthly_cross_account_events: Quantity | None = usage_key(
        "Events delivered to another account's or region's bus a month (64 KB chunks)", unit="events")
    monthly_archive_processing_gb: GB | None = usage_key("Events archived a month", unit="GB")
    archive_storage_gb: GB | None = usage_key("Archive storage for replay", unit="GB")
    monthly_schema_discovery_events: Quantity | None = usage_key(
        "Events ingested for schema discovery a month (8 KB chunks)", unit="events")


@resource("aws_cloudwatch_event_bus", example={"name": "orders"})
def aws_cloudwatch_event_bus(i: EventBus, u: EventBusUsage) -> list[CostComponent]:
    """An event bus: custom events (usage ``monthly_custom_events``), third-party events (a partner bus, with
    ``event_source_name``: ``monthly_third_party_events``), cross-account deliveries, archive processing and
    storage, schema discovery. Pricing: https://aws.amazon.com/eventbridge/pricing/
    """
    partner = i.event_source_name is not None
    out: list[CostComponent] = []
    if partner or u.monthly_third_party_events is not None:
        out.append(usage_based("Third-party events", _events(i.region, "PutPartnerEvents"),
                               u.monthly_third_party_events, unit="events", usage_key="monthly_third_party_events"))
    if not partner or u.monthly_custom_events is not None:
        out.append(usage_based("Custom events", _events(i.region, "PutEvents"),
                               u.monthly_custom_events, unit="events", usage_key="monthly_custom_events"))
    if u.monthly_cross_account_events is not None:
        out.append(usage_based("Cross-account and cross-region events", _events(i.region, "CrossAccountEvent"),
                               u.monthly_cross_account_events, unit="events", usage_key="monthly_cross_account_events"))
    if u.monthly_archive_processing_gb is not None:
        out.append(usage_based("Archive event processing", aws(_SERVICE, i.region, _FAMILY,
                                                               usagetype="ArchivedEvents-Bytes"),
                               u.monthly_archive_processing_gb, unit="GB", usage_key="monthly_archive_processing_gb"))
    if u.archive_storage_gb is not None:
        out.append(usage_based("Archive storage", aws(_SERVICE, i.region, _FAMILY, usagetype="TimedStorage-ByteHrs"),
                               u.archive_storage_gb, unit="GB", usage_key="archive_storage_gb"))
    if u.monthly_schema_discovery_events is not None:
        out.append(usage_based("Schema discovery events", _events(i.region, "DiscoveryEvent",
                                                                  "Event-8K-Chunks"),
                               u.monthly_schema_discovery_events, unit="events",
                               usage_key="monthly_schema_discovery_events"))
    return out


class EventTarget(AwsInputs):
    arn: str


class EventTargetUsage(Usage):
    monthly_invocations: Quantity | None = usage_key("Invocations of the target a month", unit="invocations")


@resource("aws_cloudwatch_event_target", example={"rule": "nightly", "arn": "arn:aws:lambda:us-east-1:1:function:x"})
def aws_cloudwatch_event_target(i: EventTarget, u: EventTargetUsage) -> list[CostComponent]:
    """A rule target: an API destination (``arn`` of ``...:api-destination/...``) is billed per invocation
    (usage ``monthly_invocations``); another account's or region's event bus per event delivered; other AWS
    targets (Lambda, SQS, SNS, Step Functions ...) have no EventBridge charge.

    Pricing: https://aws.amazon.com/eventbridge/pricing/
    """
    if ":api-destination/" in i.arn:
        return [usage_based("API destination invocations", aws(_SERVICE, i.region, _FAMILY,
                                                               usagetype="ApiDestination-Invocations"),
                            u.monthly_invocations, unit="invocations", usage_key="monthly_invocations")]
    if ":event-bus/" in i.arn:
        return [usage_based("Events delivered to another event bus",
                            _events(i.region, "CrossAccountEvent"),
                            u.monthly_invocations, unit="events", usage_key="monthly_invocations")]
    return [no_charge("Target deliveries", "EventBridge does not bill deliveries to AWS service targets; the target "
                      "bills its own requests", unit="targets")]


class Pipe(AwsInputs):
    enrichment: str | None = None


class PipeUsage(Usage):
    monthly_requests: Quantity | None = usage_key("Events the pipe processes a month, after filtering",
                                                  unit="requests")
    request_size_kb: EventKB | None = usage_key("Average event size; each 64 KB chunk is billed as one request",
                                                  unit="KB")


@resource("aws_pipes_pipe", example={"source": "arn:aws:sqs:us-east-1:1:in", "target": "arn:aws:sqs:us-east-1:1:out",
                                     "role_arn": "arn:aws:iam::1:role/pipe"})
def aws_pipes_pipe(i: Pipe, u: PipeUsage) -> list[CostComponent]:
    """A pipe: requests after filtering (usage ``monthly_requests``), each 64 KB chunk of ``request_size_kb`` one
    request; an ``enrichment`` is billed by its own service. Pricing: https://aws.amazon.com/eventbridge/pricing/
    """
    requests = scaled(u.monthly_requests, increments(u.request_size_kb, Decimal(64)))
    return [usage_based("Pipe requests", _events(i.region, "PipeRequest", "Request-64K-Chunks"),
                        requests, unit="requests", usage_key="monthly_requests")]


class FlexibleWindow(Model):
    mode: str | None = None


class Schedule(AwsInputs):
    schedule_expression: str
    state: str = "ENABLED"
    flexible_time_window: Block[FlexibleWindow] = None


class ScheduleUsage(Usage):
    monthly_invocations: Quantity | None = usage_key("Invocations a month (a rate() schedule is counted from its "
                                                     "rate)", unit="invocations")


_RATE = re.compile(r"^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$", re.IGNORECASE)
_MINUTES = {"minute": 1, "hour": 60, "day": 1440}


def monthly_invocations(expression: str) -> Decimal | None:
    """Invocations a month of a schedule expression: ``rate(...)`` over 730 hours, ``at(...)`` once, ``cron``
    unknown (None).

    >>> monthly_invocations("rate(5 minutes)"), monthly_invocations("at(2026-12-24T20:00:00)")
    (Decimal('8760'), Decimal('1'))
    >>> monthly_invocations("cron(0 8 * * ? *)") is None
    True
    """
    text = expression.strip()
    if text.lower().startswith("at("):
        return Decimal(1)
    m = _RATE.match(text)
    if m is None or int(m.group(1)) == 0:
        return None
    every = int(m.group(1)) * _MINUTES[m.group(2).lower().rstrip("s")]
    return Decimal(730 * 60) / Decimal(every)


@resource("aws_scheduler_schedule", example={"schedule_expression": "rate(5 minutes)",
                                             "flexible_time_window": [{"mode": "OFF"}]})
def aws_scheduler_schedule(i: Schedule, u: ScheduleUsage) -> list[CostComponent]:
    """A Scheduler schedule: invocations a month, counted from a ``rate(...)`` expression (an ``at(...)`` runs
    once; a ``cron(...)`` needs usage ``monthly_invocations``); a DISABLED schedule invokes nothing.

    Pricing: https://aws.amazon.com/eventbridge/pricing/ (Scheduler)
    """
    count = u.monthly_invocations
    if count is None:
        count = Decimal(0) if i.state.upper() == "DISABLED" else monthly_invocations(i.schedule_expression)
    return [usage_based("Scheduler invocations", aws(_SERVICE, i.region, _FAMILY, usagetype="Scheduler-Invocations"),
                        count, unit="invocations", usage_key="monthly_invocations")]
