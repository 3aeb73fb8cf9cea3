"""Table tests: costlib.resources.aws.cloudtrail (https://aws.amazon.com/cloudtrail/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a trail recording the region's first copy of management events costs nothing", "aws_cloudtrail", {}, [
        ("Management events (first copy)", "1 months", "fixed 0 USD"),
    ]),
    Case("a second trail, data events on S3 objects, Insights", "aws_cloudtrail", {
        "event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}],
        "insight_selector": [{"insight_type": "ApiCallRateInsight"}]}, [
        ("Additional copies of management events", "100000 events", "AWSCloudTrail usagetype=PaidEventsRecorded"),
        ("Data events", "200000 events", "AWSCloudTrail usagetype=DataEventsRecorded"),
        ("Insights events analyzed", "? events", "AWSCloudTrail usagetype=InsightsEvents"),
    ], usage={"monthly_additional_management_events": 100000, "monthly_data_events": 200000}),
    Case("advanced selectors for data events", "aws_cloudtrail", {"advanced_event_selector": [
        {"field_selector": [{"field": "eventCategory", "equals": ["Data"]}]}]}, [
        ("Management events (first copy)", "1 months", "fixed 0 USD"),
        ("Data events", "? events", "AWSCloudTrail usagetype=DataEventsRecorded"),
    ]),
]

test_table = table_test(CASES)
