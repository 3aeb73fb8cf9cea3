"""Table tests: costlib.resources.aws.events (https://aws.amazon.com/eventbridge/pricing/)."""

from tests.resources.table import Case, table_test

EB = "AWSEvents [EventBridge]"

CASES = [
    Case("a custom bus: custom events, archive, schema discovery", "aws_cloudwatch_event_bus", {"name": "orders"}, [
        ("Custom events", "1000000 events", f"{EB} operation=PutEvents usagetype=Event-64K-Chunks"),
        ("Archive event processing", "100 GB", f"{EB} usagetype=ArchivedEvents-Bytes"),
        ("Archive storage", "200 GB", f"{EB} usagetype=TimedStorage-ByteHrs"),
        ("Schema discovery events", "1000000 events", f"{EB} operation=DiscoveryEvent usagetype=Event-8K-Chunks"),
    ], usage={"monthly_custom_events": 1_000_000, "monthly_archive_processing_gb": 100, "archive_storage_gb": 200,
              "monthly_schema_discovery_events": 1_000_000}),
    Case("a bus without usage: custom events per unit", "aws_cloudwatch_event_bus", {}, [
        ("Custom events", "? events", f"{EB} operation=PutEvents usagetype=Event-64K-Chunks"),
    ]),
    Case("a partner event bus bills third-party events", "aws_cloudwatch_event_bus",
         {"name": "aws.partner/saas/x", "event_source_name": "aws.partner/saas/x"}, [
             ("Third-party events", "2000000 events", f"{EB} operation=PutPartnerEvents usagetype=Event-64K-Chunks"),
         ], usage={"monthly_third_party_events": 2_000_000}),
    Case("a Lambda target: no EventBridge charge", "aws_cloudwatch_event_target",
         {"arn": "arn:aws:lambda:us-east-1:1:function:x"}, [
             ("Target deliveries", "1 targets", "fixed 0 USD"),
         ]),
    Case("an API destination target: invocations", "aws_cloudwatch_event_target",
         {"arn": "arn:aws:events:us-east-1:1:api-destination/hook/abc"}, [
             ("API destination invocations", "300000 invocations", f"{EB} usagetype=ApiDestination-Invocations"),
         ], usage={"monthly_invocations": 300_000}),
    Case("another account's bus as target: events delivered", "aws_cloudwatch_event_target",
         {"arn": "arn:aws:events:eu-west-1:2:event-bus/central"}, [
             ("Events delivered to another event bus", "? events",
              f"{EB} operation=CrossAccountEvent usagetype=Event-64K-Chunks"),
         ]),
    Case("a pipe: 100 KB events count twice", "aws_pipes_pipe", {}, [
        ("Pipe requests", "2000000 requests", f"{EB} operation=PipeRequest usagetype=Request-64K-Chunks"),
    ], usage={"monthly_requests": 1_000_000, "request_size_kb": 100}),
    Case("a schedule every 5 minutes: 8,760 invocations in 730 hours", "aws_scheduler_schedule",
         {"schedule_expression": "rate(5 minutes)"}, [
             ("Scheduler invocations", "8760 invocations", f"{EB} usagetype=Scheduler-Invocations"),
         ]),
    Case("an hourly schedule", "aws_scheduler_schedule", {"schedule_expression": "rate(1 hour)"}, [
        ("Scheduler invocations", "730 invocations", f"{EB} usagetype=Scheduler-Invocations"),
    ]),
    Case("a cron schedule needs usage", "aws_scheduler_schedule", {"schedule_expression": "cron(0 8 * * ? *)"}, [
        ("Scheduler invocations", "? invocations", f"{EB} usagetype=Scheduler-Invocations"),
    ]),
    Case("a disabled schedule invokes nothing", "aws_scheduler_schedule",
         {"schedule_expression": "rate(1 minute)", "state": "DISABLED"}, [
             ("Scheduler invocations", "0 invocations", f"{EB} usagetype=Scheduler-Invocations"),
         ]),
]

test_table = table_test(CASES)
