"""The cloud SDKs' errors as costlib's, decided once per SDK: refused credentials are :class:`AuthError`, throttling
:class:`ThrottledError`, server errors and dropped connections :class:`TransientProviderError` (retried), the rest
:class:`ProviderError`. Every spend source and inventory that calls an SDK maps its errors here; the messages name
the place (``where``) and never carry a credential.

>>> aws_error({"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"},
...            "ResponseMetadata": {"HTTPStatusCode": 400}}, where="source cur").__class__.__name__
'ThrottledError'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from costlib.errors import AuthError, ProviderError, ThrottledError, TransientProviderError
from costlib.retry import retry_after_from

__all__ = ["AWS_AUTH", "AWS_THROTTLE", "aws_error", "azure_error", "google_error"]

#: AWS error codes of missing, expired or refused credentials.
AWS_AUTH = frozenset({"ExpiredTokenException", "UnrecognizedClientException", "AccessDeniedException",
                      "InvalidClientTokenId", "AuthFailure", "SignatureDoesNotMatch", "ExpiredToken"})
#: AWS error codes of throttling.
AWS_THROTTLE = frozenset({"LimitExceededException", "ThrottlingException", "TooManyRequestsException",
                          "RequestLimitExceeded", "Throttling", "ThrottledException"})


def aws_error(response: Mapping[str, Any], *, where: str, op: str = "") -> ProviderError:
    """A botocore ``ClientError``'s response as the error it is."""
    error = response.get("Error", {})
    code, message = str(error.get("Code", "")), str(error.get("Message", ""))
    said = f"{code}: {message}" if message else code
    if code in AWS_AUTH:
        return AuthError(said, where=where)
    if code in AWS_THROTTLE:
        return ThrottledError(said, where=where)
    failed = f"{op} failed: {said}" if op else said
    if int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0) >= 500:
        return TransientProviderError(failed, where=where)
    return ProviderError(failed, where=where)


def azure_error(exc: BaseException, *, where: str, what: str, retry_headers: tuple[str, ...] = ("retry-after",)
                ) -> ProviderError:
    """An azure-core error (``ClientAuthenticationError``, ``HttpResponseError``, ``ServiceRequestError`` ...)."""
    from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ServiceRequestError

    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, ClientAuthenticationError):
        return AuthError(f"{what} refused the credentials: {message}", where=where)
    if isinstance(exc, HttpResponseError):
        status = exc.status_code or 0
        if status in (401, 403):
            return AuthError(f"{what}: HTTP {status}: {message}", where=where)
        if status == 429 or status >= 500:
            wait = retry_after_from(dict(getattr(exc.response, "headers", None) or {}), retry_headers)
            return (ThrottledError if status == 429 else TransientProviderError)(f"{what}: HTTP {status}",
                                                                                 where=where, retry_after=wait)
        return ProviderError(f"{what}: HTTP {status}: {message}", where=where)
    if isinstance(exc, ServiceRequestError):
        return TransientProviderError(f"{what}: network error: {message}", where=where)
    return ProviderError(f"{what} failed: {message}", where=where)


def google_error(exc: BaseException, *, where: str, what: str) -> ProviderError:
    """A ``google.api_core`` error, or a ``google.auth`` one (credentials that cannot be refreshed: expired)."""
    from google.api_core import exceptions as gexc
    from google.auth.exceptions import GoogleAuthError

    if isinstance(exc, GoogleAuthError):
        return AuthError(f"{what}: the credentials cannot be used or refreshed: {exc}", where=where)
    if isinstance(exc, gexc.RetryError) and isinstance(exc.cause, gexc.GoogleAPIError):
        return google_error(exc.cause, where=where, what=what)  # the client's retries ran out: what they met last
    if isinstance(exc, gexc.Unauthenticated | gexc.PermissionDenied | gexc.Unauthorized | gexc.Forbidden):
        return AuthError(f"{what} refused the credentials: {getattr(exc, 'message', exc)}", where=where)
    if isinstance(exc, gexc.TooManyRequests | gexc.ResourceExhausted):
        return ThrottledError(f"{what}: {exc}", where=where)
    if isinstance(exc, gexc.ServerError | gexc.ServiceUnavailable | gexc.DeadlineExceeded):
        return TransientProviderError(f"{what}: {exc}", where=where)
    return ProviderError(f"{what} failed: {exc}", where=where)
