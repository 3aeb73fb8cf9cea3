"""Notifications: a durable outbox in the daemon's state file, routing to team channels, and channel transports.

:class:`Outbox` records every message before any send (in the same transaction as the alert ledger), and
delivers pending messages with retries; the alert id is the idempotency key, so a re-delivery after a crash
carries the same id and a channel can drop the duplicate. Channels today: ``outbox_dir`` (a local folder).
"""

from costlib.daemon.notify.channels import Channel, OutboxDirChannel, build_channels
from costlib.daemon.notify.outbox import DeliveryReport, Outbox

__all__ = ["Channel", "DeliveryReport", "Outbox", "OutboxDirChannel", "build_channels"]
