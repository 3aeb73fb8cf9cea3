"""Notifications: routing to team channels, a durable outbox in the daemon's state file, channel transports.

:class:`Outbox` records every message before any send (in the same transaction as the alert ledger), and
delivers pending messages with retries; the message id is the idempotency key, so a re-delivery after a crash
carries the same id and a receiver can drop the duplicate. Channels: ``outbox_dir``, ``email``, ``webhook``
(Standard Webhooks), ``slack``, ``teams``, ``alertmanager``, ``pagerduty``.
"""

from costlib.daemon.notify.channels import Channel, EmailChannel, OutboxDirChannel, WebhookChannel
from costlib.daemon.notify.factory import build_channels
from costlib.daemon.notify.outbox import DeliveryReport, Outbox
from costlib.daemon.notify.routing import Message, QuietHours, compose

__all__ = ["Channel", "DeliveryReport", "EmailChannel", "Message", "Outbox", "OutboxDirChannel", "QuietHours",
           "WebhookChannel", "build_channels", "compose"]
