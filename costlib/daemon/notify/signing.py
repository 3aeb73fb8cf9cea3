"""Standard Webhooks signatures (https://www.standardwebhooks.com), made by the ``standardwebhooks`` library:
``webhook-id``, ``webhook-timestamp`` and ``webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`` under
a ``whsec_``-prefixed base64 secret. The secret's shape is checked strictly at load (the library itself decodes
leniently, dropping what is not base64).

>>> h = sign_headers("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
...                  b'{"test": 2432232314}')
>>> h["webhook-signature"]
'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from costlib.errors import ConfigError, require_extra

__all__ = ["check_secret", "sign_headers"]


def _key(secret: str) -> bytes:
    raw = secret.removeprefix("whsec_")
    try:
        return base64.b64decode(raw, validate=True)
    except ValueError:
        raise ValueError("a Standard Webhooks secret is base64, optionally prefixed whsec_") from None


def check_secret(secret: str, where: str) -> None:
    """A ConfigError naming ``where`` unless ``secret`` is a usable Standard Webhooks secret (checked at load)."""
    try:
        _key(secret)
    except ValueError as exc:
        raise ConfigError(str(exc), where=where) from None


def sign_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers for ``body`` (UTF-8 JSON)."""
    require_extra("standardwebhooks", "daemon")
    import standardwebhooks

    signature = standardwebhooks.Webhook(_key(secret)).sign(message_id, datetime.fromtimestamp(timestamp, UTC),
                                                            body.decode("utf-8"))
    return {"webhook-id": message_id, "webhook-timestamp": str(timestamp), "webhook-signature": signature}
