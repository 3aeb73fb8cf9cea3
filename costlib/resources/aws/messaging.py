"""Amazon SNS topics and subscriptions: publish requests and deliveries by protocol.

Pricing: https://aws.amazon.com/sns/pricing/ — a standard topic bills publish (API) requests per million, each
64 KB chunk of a payload counting as one request (256 KB at most), and each delivery by its endpoint's protocol:
HTTP/S, email/email-JSON and mobile push per million (per 100,000 for email at its own rate), Kinesis Data
Firehose per million; deliveries to SQS queues and Lambda functions have no charge (those services bill their
own requests). SMS messages are priced per destination country by AWS End User Messaging: a usage file's
``sms_notification_price`` is used when given, otherwise they are named as not modelled. FIFO topics bill
publish requests and payload GB at other rates, not modelled yet. The first million requests of an account are
free; not applied. Usage types (AmazonSNS): ``Requests-Tier1``, ``DeliveryAttempts-HTTP``,
``DeliveryAttempts-SMTP``, ``DeliveryAttempts-APNS`` (mobile push, one rate for every platform),
``DeliveryAttempts-FIREHOSE``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from costlib.models import CostComponent
from costlib.money import Money
from costlib.resources._q import aws, unmodelled, usage_based
from costlib.resources.aws._billing import NotificationKB, Publishes, SmsPrice, increments, no_charge, scaled
from costlib.resources.registry import resource
from costlib.resources.schema import AwsInputs, Count, Usage, choice, usage_key

__all__ = ["aws_sns_topic", "aws_sns_topic_subscription", "deliveries"]

#: protocol -> (label, usage type); None: no charge
_PROTOCOLS: dict[str, tuple[str, str | None]] = {
    "http": ("HTTP/S notifications", "DeliveryAttempts-HTTP"),
    "https": ("HTTP/S notifications", "DeliveryAttempts-HTTP"),
    "email": ("Email notifications", "DeliveryAttempts-SMTP"),
    "email-json": ("Email notifications", "DeliveryAttempts-SMTP"),
    "application": ("Mobile push notifications", "DeliveryAttempts-APNS"),
    "firehose": ("Kinesis Data Firehose notifications", "DeliveryAttempts-FIREHOSE"),
    "sqs": ("SQS deliveries", None),
    "lambda": ("Lambda deliveries", None),
    "sms": ("SMS messages", None),
}


def deliveries(region: str, protocol: str, count: Decimal | None, *, key: str) -> CostComponent:
    """The delivery component of one protocol (``count`` deliveries a month, None: usage-based)."""
    label, usagetype = _PROTOCOLS[protocol]
    if protocol == "sms":
        return unmodelled(label, "SMS is priced per destination country by AWS End User Messaging")
    if usagetype is None:
        return no_charge(label, f"SNS deliveries to {protocol.upper()} have no charge", unit="deliveries",
                         quantity=count if count is not None else Decimal(0))
    return usage_based(label, aws("AmazonSNS", region, usagetype=usagetype), count, unit="notifications",
                       usage_key=key)


class Topic(AwsInputs):
    fifo_topic: bool = False


class TopicUsage(Usage):
    monthly_requests: Publishes | None = usage_key("Messages published a month", unit="requests")
    request_size_kb: NotificationKB | None = usage_key("Average payload; each 64 KB chunk is billed as one request",
                                                  unit="KB")
    http_subscriptions: Count | None = usage_key("HTTP/HTTPS subscriptions (each receives every message)",
                                                 unit="subscriptions")
    email_subscriptions: Count | None = usage_key("Email/Email-JSON subscriptions", unit="subscriptions")
    kinesis_subscriptions: Count | None = usage_key("Kinesis Data Firehose subscriptions", unit="subscriptions")
    mobile_push_subscriptions: Count | None = usage_key("Mobile push subscriptions", unit="subscriptions")
    macos_subscriptions: Count | None = usage_key("macOS push subscriptions (mobile push rate)", unit="subscriptions")
    sms_subscriptions: Count | None = usage_key("SMS subscriptions", unit="subscriptions")
    sms_notification_price: SmsPrice | None = usage_key(
        "Average price of one SMS in USD (by destination country, from AWS End User Messaging)", unit="USD")


@resource("aws_sns_topic", example={"name": "events"})
def aws_sns_topic(i: Topic, u: TopicUsage) -> list[CostComponent]:
    """A topic: publish requests (usage ``monthly_requests``, 64 KB chunks of ``request_size_kb``) and the
    deliveries to its subscriptions by protocol (usage ``http_subscriptions``, ``email_subscriptions`` ...).

    Pricing: https://aws.amazon.com/sns/pricing/
    """
    if i.fifo_topic:
        return [unmodelled("FIFO topic requests and payload", "FIFO topics' request, payload and delivery rates are "
                           "not priced yet")]
    chunks = increments(u.request_size_kb, Decimal(64))
    published = scaled(u.monthly_requests, chunks)
    out = [usage_based("Requests", aws("AmazonSNS", i.region, usagetype="Requests-Tier1"), published, unit="requests",
                       usage_key="monthly_requests")]
    push = None if u.mobile_push_subscriptions is None and u.macos_subscriptions is None else \
        (u.mobile_push_subscriptions or 0) + (u.macos_subscriptions or 0)
    for protocol, subs, key in (("http", u.http_subscriptions, "http_subscriptions"),
                                ("email", u.email_subscriptions, "email_subscriptions"),
                                ("firehose", u.kinesis_subscriptions, "kinesis_subscriptions"),
                                ("application", push, "mobile_push_subscriptions")):
        if subs:
            out.append(deliveries(i.region, protocol, scaled(published, Decimal(subs)), key=key))
    if u.sms_subscriptions:
        if u.sms_notification_price is None or u.monthly_requests is None:
            out.append(deliveries(i.region, "sms", None, key="sms_subscriptions"))
        else:
            out.append(CostComponent(name="SMS messages (at the usage file's price)", unit="messages", query=None,
                                     monthly_quantity=u.monthly_requests * u.sms_subscriptions,
                                     fixed_price=Money(u.sms_notification_price, "USD"),
                                     note="priced at usage sms_notification_price"))
    return out


class Subscription(AwsInputs):
    protocol: Annotated[str, choice(*_PROTOCOLS, what="SNS protocol")]


class SubscriptionUsage(Usage):
    monthly_requests: Publishes | None = usage_key("Messages delivered to this subscription a month",
                                                  unit="notifications")
    request_size_kb: NotificationKB | None = usage_key("Average payload; each 64 KB chunk is billed as one notification",
                                                  unit="KB")


@resource("aws_sns_topic_subscription", example={"protocol": "https", "endpoint": "https://example.com/hook",
                                                 "topic_arn": "arn:aws:sns:us-east-1:1:events"})
def aws_sns_topic_subscription(i: Subscription, u: SubscriptionUsage) -> list[CostComponent]:
    """A subscription: its deliveries at the rate of its ``protocol`` (usage ``monthly_requests``); SQS and
    Lambda deliveries have no charge. Publishing is billed on the topic. Pricing: https://aws.amazon.com/sns/pricing/
    """
    count = scaled(u.monthly_requests, increments(u.request_size_kb, Decimal(64)))
    return [deliveries(i.region, i.protocol, count, key="monthly_requests")]
