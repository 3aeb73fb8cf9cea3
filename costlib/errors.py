"""The one error tree of costlib.

Every error costlib raises on purpose is a :class:`CostlibError`. Each names the place it is about
(a file and line, a config key path, a resource address, a source name) in its message and,
where known, in :attr:`CostlibError.where`. Which errors are worth retrying is declared here, once:
only :class:`TransientProviderError` (throttling, 5xx, network) is; everything else is permanent
until the input, config or credentials change.

::

    CostlibError
    ├── ConfigError                 a config file or option is wrong (names the key path)
    ├── InputError                  a plan, spec, usage or data file is malformed (names file/line/address)
    │   ├── UnknownRegionError      a region the provider does not have
    │   └── LimitError              over a size, nesting or expanded-resources limit (names the limit)
    ├── MoneyError
    │   ├── InvalidMoneyError       not an exact amount, or not an ISO 4217 currency
    │   ├── CurrencyMismatchError   arithmetic across currencies without conversion
    │   └── FxRateMissingError      the FX table has no rate for a currency
    ├── UnsupportedResourceError    no cost function is registered for a resource type
    ├── PriceNotFoundError          the catalog has no price for a query (names the refresh command)
    ├── CatalogError                the price catalog file is missing, corrupt or being replaced
    ├── ProviderError               a cloud API or export failed
    │   ├── AuthError               credentials missing, expired or refused (not retried)
    │   └── TransientProviderError  5xx, timeouts, dropped connections: retry with backoff
    │       └── ThrottledError      the provider throttled us (429, ThrottlingException): retry later
    ├── StateError                  the daemon's state store is unusable or locked by another daemon
    └── DeliveryError               a notification could not be delivered
        ├── EndpointGoneError       the endpoint answered 410 Gone: it is disabled until reconfigured
        └── TransientDeliveryError  retry later (5xx, 429, network)

>>> try:
...     raise PriceNotFoundError("no price for m5.large", where="aws_instance.web")
... except CostlibError as exc:
...     print(exc.where, is_transient(exc))
aws_instance.web False
"""

from __future__ import annotations

__all__ = [
    "AuthError",
    "CatalogError",
    "ConfigError",
    "CostlibError",
    "CurrencyMismatchError",
    "DeliveryError",
    "EndpointGoneError",
    "FxRateMissingError",
    "InputError",
    "InvalidMoneyError",
    "LimitError",
    "MissingExtraError",
    "MoneyError",
    "PriceNotFoundError",
    "ProviderError",
    "StateError",
    "ThrottledError",
    "TransientDeliveryError",
    "TransientProviderError",
    "UnknownRegionError",
    "UnsupportedResourceError",
    "is_transient",
    "require_extra",
]


class CostlibError(Exception):
    """Base of every error costlib raises on purpose.

    ``where`` names the place the error is about (``plan.json:12``, ``budgets[2].thresholds``,
    ``aws_instance.web``, ``source aws-ce``), and is prefixed to the message when given.
    """

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class ConfigError(CostlibError):
    """A config file, option or environment reference is wrong; ``where`` is the key path."""


class InputError(CostlibError):
    """A plan, spec, usage or data file cannot be read as what it claims to be."""


class UnknownRegionError(InputError):
    """A region name the provider does not have (typos, retired regions)."""


class LimitError(InputError):
    """An input over a size, nesting or expanded-resources limit (:class:`costlib.inputs.readers.Limits`); the
    message names the limit and how to raise it. The HTTP API answers it with 413."""


class MoneyError(CostlibError):
    """Amounts and currencies: the root of money errors."""


class InvalidMoneyError(MoneyError, ValueError):
    """An amount that is not exact (a float, NaN) or a currency that is not ISO 4217."""


class CurrencyMismatchError(MoneyError, ValueError):
    """Arithmetic or comparison across two currencies without an FX conversion."""


class FxRateMissingError(MoneyError):
    """The FX table in use has no rate for a currency."""


class UnsupportedResourceError(CostlibError):
    """No cost function is registered for a resource type.

    Estimates do not raise this for a single resource: they record the resource with status
    ``unsupported``. It is raised where a caller asks for a cost function directly.
    """


class PriceNotFoundError(CostlibError):
    """The catalog holds no price for a query; the message names the refresh command that fills it."""


class CatalogError(CostlibError):
    """The price catalog file is missing, corrupt, or of a schema this version cannot read."""


class ProviderError(CostlibError):
    """A cloud API, export or price source failed. Not retried unless it is a :class:`TransientProviderError`."""


class AuthError(ProviderError):
    """Credentials are missing, expired or refused. Retrying does not help until they are fixed."""


class TransientProviderError(ProviderError):
    """Throttling (429), server errors (5xx), timeouts and dropped connections: retry with backoff.

    ``retry_after`` carries the provider's own hint in seconds when it sent one.
    """

    def __init__(self, message: str, *, where: str | None = None, retry_after: float | None = None) -> None:
        super().__init__(message, where=where)
        self.retry_after = retry_after

    def after_attempts(self, attempts: int) -> TransientProviderError:
        """The same error, saying how many attempts were made (raised when the last one failed too)."""
        return type(self)(f"{self.message} after {attempts} attempts", where=self.where, retry_after=self.retry_after)


class ThrottledError(TransientProviderError):
    """The provider throttled the caller (429, ``ThrottlingException``, ``LimitExceededException``): the same
    request later will do; a source's health says ``throttled``."""


class StateError(CostlibError):
    """The daemon's state store is unusable, or already held by another running daemon."""


class DeliveryError(CostlibError):
    """A notification could not be delivered and will not succeed on retry (4xx, bad address, 410 Gone)."""


class EndpointGoneError(DeliveryError):
    """The endpoint answered 410 Gone: the channel is disabled and its messages are dead-lettered."""


class TransientDeliveryError(DeliveryError):
    """A notification failed for a reason that may pass (5xx, 429, network); ``retry_after`` in seconds."""

    def __init__(self, message: str, *, where: str | None = None, retry_after: float | None = None) -> None:
        super().__init__(message, where=where)
        self.retry_after = retry_after

    def after_attempts(self, attempts: int) -> TransientDeliveryError:
        """The same error, saying how many attempts were made."""
        return type(self)(f"{self.message} after {attempts} attempts", where=self.where, retry_after=self.retry_after)


class MissingExtraError(CostlibError, ImportError):
    """An optional dependency is not installed; the message names the extra (``pip install 'costlib[aws]'``)."""


def is_transient(exc: BaseException) -> bool:
    """True where retrying the same call later may succeed.

    >>> is_transient(TransientProviderError("429 Too Many Requests"))
    True
    >>> is_transient(AuthError("token expired"))
    False
    """
    return isinstance(exc, TransientProviderError | TransientDeliveryError)


def require_extra(module: str, extra: str) -> None:
    """Raise :class:`MissingExtraError` naming ``extra`` unless ``module`` can be imported.

    >>> require_extra("json", "core")
    """
    import importlib.util

    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise MissingExtraError(
            f"{module} is not installed; install it with: pip install 'costlib[{extra}]'"
        )
