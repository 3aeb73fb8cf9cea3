"""Amazon CloudWatch: metric alarms, composite alarms, dashboards and metric streams.

Pricing: https://aws.amazon.com/cloudwatch/pricing/ — an alarm is billed per alarm metric per month: one for
an alarm on one metric, one per metric an alarm's ``metric_query`` reads (metric math), at the standard rate or,
for a period under 60 seconds, the high-resolution rate; an anomaly detection alarm counts three alarm metrics
(the metric and the band's two bounds); a Metrics Insights query alarm is billed per metric it analyzes.
A composite alarm is billed per alarm. A dashboard is billed per month (billed by the hour); the first 3
dashboards and 10 alarm metrics of an account are free, which one resource's estimate does not apply. Metric
streams bill each metric update. Usage types (AmazonCloudWatch): ``CW:AlarmMonitorUsage``,
``CW:HighResAlarmMonitorUsage``, ``CW:MetricInsightAlarmUsage``, ``CW:CompositeAlarmMonitorUsage``,
``DashboardsUsageHour``, ``CW:MetricStreamUsage``.
"""

from __future__ import annotations

from decimal import Decimal

from costlib.models import CostComponent
from costlib.resources._q import aws, hourly, monthly, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Block, Blocks, Count, Model, Quantity, Rate, Usage, usage_key

__all__ = ["alarm_metrics", "aws_cloudwatch_composite_alarm", "aws_cloudwatch_dashboard",
           "aws_cloudwatch_metric_alarm", "aws_cloudwatch_metric_stream"]


class QueryMetric(Model):
    metric_name: str | None = None
    period: Rate | None = None


class MetricQuery(Model):
    id: str | None = None
    expression: str | None = None
    metric: Block[QueryMetric] = None


class MetricAlarm(AwsInputs):
    metric_name: str | None = None
    period: Rate | None = None
    metric_query: Blocks[MetricQuery] = ()
    threshold_metric_id: str | None = None


class MetricAlarmUsage(Usage):
    metrics_analyzed: Count | None = usage_key("Metrics a Metrics Insights query alarm analyzes (default 1)",
                                               unit="metrics")


def alarm_metrics(i: MetricAlarm) -> tuple[str, Decimal]:
    """(kind, alarm metrics) of an alarm: ``standard``, ``high resolution``, ``anomaly detection`` or
    ``metrics insights``, and how many alarm metrics it bills.

    >>> alarm_metrics(MetricAlarm(region="us-east-1", metric_name="CPUUtilization", period=Decimal(10)))
    ('high resolution', Decimal('1'))
    """
    if any(q.expression and "SELECT" in q.expression.upper() for q in i.metric_query):
        return "metrics insights", Decimal(1)
    periods = [q.metric.period for q in i.metric_query if q.metric is not None and q.metric.period is not None]
    if i.period is not None:
        periods.append(i.period)
    high = any(p < 60 for p in periods)
    metrics = Decimal(max(1, sum(1 for q in i.metric_query if q.metric is not None)))
    anomaly = i.threshold_metric_id is not None or any(
        q.expression and "ANOMALY_DETECTION_BAND" in q.expression.upper() for q in i.metric_query)
    if anomaly:
        return ("anomaly detection, high resolution" if high else "anomaly detection"), metrics * 3
    return ("high resolution" if high else "standard"), metrics


@resource("aws_cloudwatch_metric_alarm", example={"alarm_name": "cpu", "metric_name": "CPUUtilization",
                                                  "namespace": "AWS/EC2", "period": 300, "statistic": "Average",
                                                  "comparison_operator": "GreaterThanThreshold", "threshold": 80,
                                                  "evaluation_periods": 2})
def aws_cloudwatch_metric_alarm(i: MetricAlarm, u: MetricAlarmUsage) -> list[CostComponent]:
    """A metric alarm: alarm metrics a month (one per metric it reads; three for anomaly detection), at the
    standard rate or the high-resolution rate (a period under 60 s). Pricing: https://aws.amazon.com/cloudwatch/pricing/
    """
    kind, metrics = alarm_metrics(i)
    if kind == "metrics insights":
        analyzed = Decimal(u.metrics_analyzed if u.metrics_analyzed is not None else 1)
        return [monthly("Metrics Insights query alarm", aws("AmazonCloudWatch", i.region, "Alarm",
                                                            usagetype="CW:MetricInsightAlarmUsage"),
                        analyzed, unit="metrics analyzed")]
    usagetype = "CW:HighResAlarmMonitorUsage" if "high resolution" in kind else "CW:AlarmMonitorUsage"
    return [monthly(f"Alarm metrics ({kind})", aws("AmazonCloudWatch", i.region, "Alarm", usagetype=usagetype),
                    metrics, unit="alarm metrics")]


class CompositeAlarm(AwsInputs):
    pass


@resource("aws_cloudwatch_composite_alarm", example={"alarm_name": "service-down",
                                                     "alarm_rule": "ALARM(cpu) OR ALARM(errors)"})
def aws_cloudwatch_composite_alarm(i: CompositeAlarm) -> list[CostComponent]:
    """A composite alarm: billed per alarm per month. Pricing: https://aws.amazon.com/cloudwatch/pricing/"""
    return [monthly("Composite alarm", aws("AmazonCloudWatch", i.region, "Alarm",
                                           usagetype="CW:CompositeAlarmMonitorUsage"), Decimal(1), unit="alarms")]


class Dashboard(AwsInputs):
    pass


@resource("aws_cloudwatch_dashboard", example={"dashboard_name": "service", "dashboard_body": "{}"})
def aws_cloudwatch_dashboard(i: Dashboard) -> list[CostComponent]:
    """A dashboard, billed by the hour it exists (a monthly price). The first 3 dashboards of an account are free:
    not applied to one dashboard. Pricing: https://aws.amazon.com/cloudwatch/pricing/ (Dashboards)
    """
    return [hourly("Dashboard", aws("AmazonCloudWatch", i.region, usagetype="DashboardsUsageHour"),
                   note="the first 3 dashboards of an account are free; not applied per dashboard")]


class MetricStream(AwsInputs):
    pass


class MetricStreamUsage(Usage):
    monthly_metric_updates: Quantity | None = usage_key("Metric updates the stream sends a month", unit="updates")


@resource("aws_cloudwatch_metric_stream", example={"name": "all", "output_format": "json",
                                                   "firehose_arn": "arn:aws:firehose:us-east-1:1:deliverystream/x",
                                                   "role_arn": "arn:aws:iam::1:role/x"})
def aws_cloudwatch_metric_stream(i: MetricStream, u: MetricStreamUsage) -> list[CostComponent]:
    """A metric stream: metric updates a month (usage ``monthly_metric_updates``); the Firehose stream it feeds
    is billed on its own. Pricing: https://aws.amazon.com/cloudwatch/pricing/ (Metric streams)
    """
    return [usage_based("Metric updates", aws("AmazonCloudWatch", i.region, "Metric Streams",
                                              usagetype="CW:MetricStreamUsage"),
                        u.monthly_metric_updates, unit="updates", usage_key="monthly_metric_updates")]
