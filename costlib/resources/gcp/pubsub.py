"""GCP Pub/Sub topics and subscriptions.

Pricing: https://cloud.google.com/pubsub/pricing - message throughput per TiB (published to a topic, and delivered
to each subscription; the first 10 GiB a month are free per billing account: not subtracted; each request is
billed at least 1,000 bytes, not modelled); storage of retained messages (a topic's ``message_retention_duration``,
a subscription's retained acknowledged messages) and snapshots per GiB-month.
"""

from __future__ import annotations

from costlib.models import CostComponent
from costlib.resources._q import gcp, usage_based
from costlib.resources.registry import resource
from costlib.resources.schema import GB, GcpInputs, Usage, usage_key

__all__ = ["google_pubsub_subscription", "google_pubsub_topic"]


class Topic(GcpInputs):
    message_retention_duration: str | None = None


class TopicUsage(Usage):
    monthly_message_data_tb: GB | None = usage_key("Message data published a month", unit="TB")
    storage_gb: GB | None = usage_key("Retained message storage (message_retention_duration)", unit="GB")


@resource("google_pubsub_topic", example={})
def google_pubsub_topic(i: Topic, u: TopicUsage) -> list[CostComponent]:
    """A topic: publish throughput per TiB (usage ``monthly_message_data_tb``); with ``message_retention_duration``
    its retained messages per GiB-month (usage ``storage_gb``).

    Pricing: https://cloud.google.com/pubsub/pricing
    """
    out = [usage_based("Message publishing", gcp("Cloud Pub/Sub", i.region, resource="throughput"),
                       u.monthly_message_data_tb, unit="TB", usage_key="monthly_message_data_tb")]
    if i.message_retention_duration or u.storage_gb is not None:
        out.append(usage_based("Retained messages", gcp("Cloud Pub/Sub", i.region, resource="storage"),
                               u.storage_gb, unit="GB", usage_key="storage_gb"))
    return out


class Subscription(GcpInputs):
    retain_acked_messages: bool = False


class SubscriptionUsage(Usage):
    monthly_message_data_tb: GB | None = usage_key("Message data delivered a month", unit="TB")
    storage_gb: GB | None = usage_key("Retained acknowledged messages", unit="GB")
    snapshot_storage_gb: GB | None = usage_key("Snapshot storage of unacknowledged messages", unit="GB")


@resource("google_pubsub_subscription", example={"retain_acked_messages": False})
def google_pubsub_subscription(i: Subscription, u: SubscriptionUsage) -> list[CostComponent]:
    """A subscription: delivery throughput per TiB (usage ``monthly_message_data_tb``); retained acknowledged
    messages (``retain_acked_messages``) and snapshots per GiB-month.

    Pricing: https://cloud.google.com/pubsub/pricing
    """
    out = [usage_based("Message delivery", gcp("Cloud Pub/Sub", i.region, resource="throughput"),
                       u.monthly_message_data_tb, unit="TB", usage_key="monthly_message_data_tb")]
    if i.retain_acked_messages or u.storage_gb is not None:
        out.append(usage_based("Retained acknowledged messages", gcp("Cloud Pub/Sub", i.region, resource="storage"),
                               u.storage_gb, unit="GB", usage_key="storage_gb"))
    if u.snapshot_storage_gb is not None:
        out.append(usage_based("Snapshots", gcp("Cloud Pub/Sub", i.region, resource="storage"),
                               u.snapshot_storage_gb, unit="GB", usage_key="snapshot_storage_gb"))
    return out
