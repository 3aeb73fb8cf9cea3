"""Table tests: costlib.resources.aws.messaging (https://aws.amazon.com/sns/pricing/)."""

from tests.resources.table import Case, table_test

CASES = [
    Case("a topic: 1 million 100 KB messages (two chunks each) to 2 HTTP and 1 email subscription",
         "aws_sns_topic", {"name": "events"}, [
             ("Requests", "2000000 requests", "AmazonSNS usagetype=Requests-Tier1"),
             ("HTTP/S notifications", "4000000 notifications", "AmazonSNS usagetype=DeliveryAttempts-HTTP"),
             ("Email notifications", "2000000 notifications", "AmazonSNS usagetype=DeliveryAttempts-SMTP"),
         ], usage={"monthly_requests": 1_000_000, "request_size_kb": 100, "http_subscriptions": 2,
                   "email_subscriptions": 1}),
    Case("a topic without usage", "aws_sns_topic", {}, [
        ("Requests", "? requests", "AmazonSNS usagetype=Requests-Tier1"),
    ]),
    Case("mobile push and macOS subscriptions share the push rate; SMS at the usage file's price",
         "aws_sns_topic", {}, [
             ("Requests", "1000 requests", "AmazonSNS usagetype=Requests-Tier1"),
             ("Mobile push notifications", "3000 notifications", "AmazonSNS usagetype=DeliveryAttempts-APNS"),
             ("SMS messages (at the usage file's price)", "1000 messages", "fixed 0.008 USD"),
         ], usage={"monthly_requests": 1000, "mobile_push_subscriptions": 2, "macos_subscriptions": 1,
                   "sms_subscriptions": 1, "sms_notification_price": 0.008}),
    Case("SMS without a price is named as not modelled", "aws_sns_topic", {}, [
        ("Requests", "1000 requests", "AmazonSNS usagetype=Requests-Tier1"),
        ("SMS messages", "?", "not modelled"),
    ], usage={"monthly_requests": 1000, "sms_subscriptions": 1}),
    Case("a FIFO topic is named as not modelled", "aws_sns_topic", {"fifo_topic": True}, [
        ("FIFO topic requests and payload", "?", "not modelled"),
    ]),
    Case("an HTTPS subscription", "aws_sns_topic_subscription", {"protocol": "https"}, [
        ("HTTP/S notifications", "500000 notifications", "AmazonSNS usagetype=DeliveryAttempts-HTTP"),
    ], usage={"monthly_requests": 500_000}),
    Case("an email subscription without usage", "aws_sns_topic_subscription", {"protocol": "email-json"}, [
        ("Email notifications", "? notifications", "AmazonSNS usagetype=DeliveryAttempts-SMTP"),
    ]),
    Case("an SQS subscription: deliveries are free", "aws_sns_topic_subscription", {"protocol": "sqs"}, [
        ("SQS deliveries", "1000000 deliveries", "fixed 0 USD"),
    ], usage={"monthly_requests": 1_000_000}),
    Case("a Lambda subscription: deliveries are free", "aws_sns_topic_subscription", {"protocol": "lambda"}, [
        ("Lambda deliveries", "0 deliveries", "fixed 0 USD"),
    ]),
    Case("a Firehose subscription, 64 KB chunks", "aws_sns_topic_subscription", {"protocol": "firehose"}, [
        ("Kinesis Data Firehose notifications", "3000 notifications", "AmazonSNS usagetype=DeliveryAttempts-FIREHOSE"),
    ], usage={"monthly_requests": 1000, "request_size_kb": 150}),
]

test_table = table_test(CASES)
