"""Secret references: a config never holds a secret, only where to read it (``env:NAME`` or ``file:/path``).

:class:`SecretRef` is the one type every secret field of every config model uses (spend sources, notify
channels, the HTTP server), and :meth:`SecretRef.resolve` the one place a secret is read. A reference is
checked when its config is loaded (:func:`check_secrets`: a variable that is not set or a file that cannot be
read is a :class:`~costlib.errors.ConfigError` naming the key path) and read again each time it is used, so
a rotated secret is picked up without a restart. The resolved value is a :class:`pydantic.SecretStr`: its
``repr`` and ``str`` are ``**********``; the reference itself (``env:AZURE_CLIENT_SECRET``) says where the
secret is, never what it is, and is all a ``repr``, a log line or an error shows.

>>> import os
>>> os.environ["COSTLIB_DOCTEST_SECRET"] = "hunter2"
>>> ref = SecretRef.parse("env:COSTLIB_DOCTEST_SECRET")
>>> ref, str(ref)
(SecretRef('env:COSTLIB_DOCTEST_SECRET'), 'env:COSTLIB_DOCTEST_SECRET')
>>> ref.resolve("notify.channels[0].password")
SecretStr('**********')
>>> ref.resolve("notify.channels[0].password").get_secret_value()
'hunter2'
>>> SecretRef.parse("hunter2")
Traceback (most recent call last):
...
ValueError: secrets are references: env:NAME or file:/path (never the secret itself)
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, GetCoreSchemaHandler, GetJsonSchemaHandler, SecretStr
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from costlib.errors import ConfigError

__all__ = ["SecretRef", "check_secrets", "key_path", "secret_refs"]

_SCHEMES = ("env", "file")
_NOT_A_REFERENCE = "secrets are references: env:NAME or file:/path (never the secret itself)"


@dataclass(frozen=True, slots=True)
class SecretRef:
    """Where a secret is: ``env:NAME`` (an environment variable) or ``file:/path`` (a file's content).

    Leading and trailing whitespace of the value is dropped (``export X=$(cat f)`` and files end in a
    newline). A relative ``file:`` path is taken from the current directory unless ``base`` is given.
    """

    scheme: Literal["env", "file"]
    target: str

    def __post_init__(self) -> None:
        if self.scheme not in _SCHEMES or not self.target.strip():
            raise ValueError(_NOT_A_REFERENCE)

    @classmethod
    def parse(cls, text: str) -> SecretRef:
        """``env:NAME`` or ``file:/path`` -> a reference; anything else is a ValueError that does not repeat it."""
        scheme, sep, target = text.partition(":") if isinstance(text, str) else ("", "", "")
        if not sep or scheme not in _SCHEMES or not target.strip():
            raise ValueError(_NOT_A_REFERENCE)
        return cls(scheme, target.strip())  # type: ignore[arg-type]

    @property
    def reference(self) -> str:
        """The reference as written in a config: ``env:NAME`` or ``file:/path``."""
        return f"{self.scheme}:{self.target}"

    def __str__(self) -> str:
        return self.reference

    def __repr__(self) -> str:
        return f"SecretRef({self.reference!r})"

    def resolve(self, where: str, *, base: Path | None = None) -> SecretStr:
        """Read the secret now; a variable that is not set or a file that cannot be read is a
        :class:`~costlib.errors.ConfigError` naming ``where`` (the key path) and the reference, never a value."""
        if self.scheme == "env":
            value = os.environ.get(self.target)
            if value is None:
                raise ConfigError(f"environment variable {self.target} is not set", where=where)
            return SecretStr(value.strip())
        path = Path(self.target)
        if base is not None and not path.is_absolute():
            path = base / path
        try:
            return SecretStr(path.read_text(encoding="utf-8").strip())
        except OSError as exc:
            raise ConfigError(f"cannot read secret file {path}: {exc.strerror or exc}", where=where) from None
        except UnicodeDecodeError:
            raise ConfigError(f"secret file {path} is not UTF-8 text", where=where) from None

    # pydantic: a str in a config validates to a SecretRef; a SecretRef serializes back to its reference.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.no_info_after_validator_function(cls.parse, core_schema.str_schema()),
            python_schema=core_schema.no_info_plain_validator_function(cls._validate),
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"))

    @classmethod
    def _validate(cls, value: Any) -> SecretRef:
        if isinstance(value, SecretRef):
            return value
        if not isinstance(value, str):
            raise ValueError(_NOT_A_REFERENCE)
        return cls.parse(value)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
                                     ) -> JsonSchemaValue:
        return {"type": "string", "pattern": "^(env|file):.+", "description": "a secret reference: env:NAME or "
                "file:/path"}


Loc = tuple[str | int, ...]


def secret_refs(model: BaseModel) -> Iterator[tuple[Loc, SecretRef]]:
    """Every :class:`SecretRef` held anywhere in ``model`` (nested models, lists, mappings), with its location
    as config keys (a field's alias where it has one).

    >>> class Channel(BaseModel):
    ...     password: SecretRef | None = None
    >>> class Notify(BaseModel):
    ...     channels: list[Channel] = []
    >>> list(secret_refs(Notify(channels=[Channel(), Channel(password="env:SMTP_PASSWORD")])))
    [(('channels', 1, 'password'), SecretRef('env:SMTP_PASSWORD'))]
    """
    yield from _walk(model, ())


def _walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, SecretRef]]:
    if isinstance(value, SecretRef):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _walk(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, (*loc, str(key)))


def key_path(loc: Loc) -> str:
    """``("notify", "channels", 0, "password")`` -> ``notify.channels[0].password``.

    >>> key_path(("sources", 2, "client_secret"))
    'sources[2].client_secret'
    """
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def check_secrets(model: BaseModel, *, where: str = "", base: Path | None = None) -> None:
    """Resolve every reference in ``model`` once, so a missing one fails at load; the error names the file
    (``where``) and the key path. Nothing resolved is kept.

    >>> class Server(BaseModel):
    ...     token: SecretRef
    >>> check_secrets(Server(token="env:COSTLIB_DOCTEST_UNSET"), where="config.yaml")
    Traceback (most recent call last):
    ...
    costlib.errors.ConfigError: config.yaml: token: environment variable COSTLIB_DOCTEST_UNSET is not set
    """
    for loc, ref in secret_refs(model):
        ref.resolve(f"{where}: {key_path(loc)}" if where else key_path(loc), base=base)
