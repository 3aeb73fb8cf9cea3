"""AWS CloudTrail trails: management event copies, data events and Insights events.

Pricing: https://aws.amazon.com/cloudtrail/pricing/ — the first copy of management events in each region is
delivered free; a further trail recording them again bills each event (per 100,000). Data events (S3 object
access, Lambda invokes, DynamoDB item activity ...) are billed per 100,000 delivered, and CloudTrail Insights
per 100,000 events analyzed. The S3 bucket and CloudWatch Logs group the trail delivers to bill their own
storage and ingestion. Usage types (AWSCloudTrail): ``PaidEventsRecorded``, ``DataEventsRecorded``,
``InsightsEvents``.
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import aws, usage_based
from costlib.resources.aws._billing import no_charge
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Blocks, Model, Quantity, Usage, usage_key

__all__ = ["aws_cloudtrail"]


class DataResource(Model):
    type: str | None = None


class EventSelector(Model):
    include_management_events: bool = True
    data_resource: Blocks[DataResource] = ()


class FieldSelector(Model):
    field: str | None = None
    equals: tuple[str, ...] = ()


class AdvancedSelector(Model):
    field_selector: Blocks[FieldSelector] = ()


class InsightSelector(Model):
    insight_type: str | None = None


class Trail(AwsInputs):
    event_selector: Blocks[EventSelector] = ()
    advanced_event_selector: Blocks[AdvancedSelector] = ()
    insight_selector: Blocks[InsightSelector] = ()


class TrailUsage(Usage):
    monthly_additional_management_events: Quantity | None = usage_key(
        "Management events this trail records as a second (paid) copy a month; 0 if it is the region's first",
        unit="events")
    monthly_data_events: Quantity | None = usage_key("Data events delivered a month", unit="events")
    monthly_insight_events: Quantity | None = usage_key("Events analyzed by CloudTrail Insights a month",
                                                        unit="events")


def _data_events(i: Trail) -> bool:
    if any(s.data_resource for s in i.event_selector):
        return True
    return any(f.field == "eventCategory" and "Data" in f.equals
               for s in i.advanced_event_selector for f in s.field_selector)


@resource("aws_cloudtrail", example={"name": "main", "s3_bucket_name": "trail-logs", "is_multi_region_trail": True})
def aws_cloudtrail(i: Trail, u: TrailUsage) -> list[CostComponent]:
    """A trail: management events (free as the region's first copy; usage ``monthly_additional_management_events``
    for a paid copy), data events when its selectors record them (``monthly_data_events``), Insights when
    ``insight_selector`` is set (``monthly_insight_events``). Pricing: https://aws.amazon.com/cloudtrail/pricing/
    """
    out: list[CostComponent] = []
    if u.monthly_additional_management_events:
        out.append(usage_based("Additional copies of management events", aws("AWSCloudTrail", i.region,
                                                                            usagetype="PaidEventsRecorded"),
                               u.monthly_additional_management_events, unit="events",
                               usage_key="monthly_additional_management_events"))
    else:
        out.append(no_charge("Management events (first copy)", "the first copy of management events in each region "
                             "is free; give monthly_additional_management_events if another trail records them"))
    if _data_events(i) or u.monthly_data_events is not None:
        out.append(usage_based("Data events", aws("AWSCloudTrail", i.region, usagetype="DataEventsRecorded"),
                               u.monthly_data_events, unit="events", usage_key="monthly_data_events"))
    if i.insight_selector or u.monthly_insight_events is not None:
        out.append(usage_based("Insights events analyzed", aws("AWSCloudTrail", i.region, usagetype="InsightsEvents"),
                               u.monthly_insight_events, unit="events", usage_key="monthly_insight_events"))
    return out
