"""Table tests: costlib.resources.aws.monitoring (https://aws.amazon.com/cloudwatch/pricing/)."""

from tests.resources.table import Case, table_test

ALARM = "AmazonCloudWatch [Alarm] usagetype=CW:AlarmMonitorUsage"

CASES = [
    Case("a standard alarm on one metric", "aws_cloudwatch_metric_alarm", {"metric_name": "CPUUtilization",
                                                                          "period": 300}, [
        ("Alarm metrics (standard)", "1 alarm metrics", ALARM),
    ]),
    Case("a 10-second period is high resolution", "aws_cloudwatch_metric_alarm", {"metric_name": "x", "period": 10}, [
        ("Alarm metrics (high resolution)", "1 alarm metrics",
         "AmazonCloudWatch [Alarm] usagetype=CW:HighResAlarmMonitorUsage"),
    ]),
    Case("metric math over three metrics bills three alarm metrics", "aws_cloudwatch_metric_alarm", {"metric_query": [
        {"id": "e1", "expression": "m1 + m2 + m3"},
        {"id": "m1", "metric": [{"metric_name": "a", "period": 60}]},
        {"id": "m2", "metric": [{"metric_name": "b", "period": 60}]},
        {"id": "m3", "metric": [{"metric_name": "c", "period": 60}]}]}, [
        ("Alarm metrics (standard)", "3 alarm metrics", ALARM),
    ]),
    Case("an anomaly detection alarm counts three alarm metrics", "aws_cloudwatch_metric_alarm", {
        "threshold_metric_id": "ad1", "metric_query": [
            {"id": "ad1", "expression": "ANOMALY_DETECTION_BAND(m1, 2)"},
            {"id": "m1", "metric": [{"metric_name": "a", "period": 300}]}]}, [
        ("Alarm metrics (anomaly detection)", "3 alarm metrics", ALARM),
    ]),
    Case("a Metrics Insights query alarm, billed per metric analyzed", "aws_cloudwatch_metric_alarm", {"metric_query": [
        {"id": "q1", "expression": "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\", InstanceId)"}]}, [
        ("Metrics Insights query alarm", "40 metrics analyzed",
         "AmazonCloudWatch [Alarm] usagetype=CW:MetricInsightAlarmUsage"),
    ], usage={"metrics_analyzed": 40}),
    Case("a composite alarm", "aws_cloudwatch_composite_alarm", {"alarm_rule": "ALARM(a)"}, [
        ("Composite alarm", "1 alarms", "AmazonCloudWatch [Alarm] usagetype=CW:CompositeAlarmMonitorUsage"),
    ]),
    Case("a dashboard, billed by the hour", "aws_cloudwatch_dashboard", {"dashboard_name": "d"}, [
        ("Dashboard", "730 hours", "AmazonCloudWatch usagetype=DashboardsUsageHour"),
    ]),
    Case("a metric stream without usage", "aws_cloudwatch_metric_stream", {}, [
        ("Metric updates", "? updates", "AmazonCloudWatch [Metric Streams] usagetype=CW:MetricStreamUsage"),
    ]),
]

test_table = table_test(CASES)
