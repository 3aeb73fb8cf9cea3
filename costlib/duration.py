"""Durations as people write them in configs, tags, the CLI and the API: ``30m``, ``12h``, ``7d``, ``2w``, ``forever``.

A :class:`Duration` is parsed once, where the text enters (a config key, a tag, a request body), and carried typed
from there: its :attr:`~Duration.delta` is a :class:`~datetime.timedelta`, or None for ``forever``. A duration is
at most :data:`MAX_DURATION` (100 years), so adding it to any date of the daemon's range never overflows: a config
of ``10000000000000w`` or an extension by ``999999999999999d`` is an error naming the key, never an OverflowError.

>>> Duration.parse("36h").delta, Duration.parse("forever").delta is None, str(Duration.parse(" 7D "))
(datetime.timedelta(days=1, seconds=43200), True, '7d')
>>> Duration.parse("10000000000000w")
Traceback (most recent call last):
...
costlib.errors.InputError: duration '10000000000000w' is longer than 100 years
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from costlib.errors import InputError

__all__ = ["FOREVER", "MAX_DURATION", "Duration"]

#: The longest duration anything accepts (an expiry, a TTL, a poll interval, a delivery deadline).
MAX_DURATION = timedelta(days=36500)
_SHAPE = re.compile(r"^\s*(\d{1,20})\s*(m|h|d|w)\s*$")
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_FOREVER_WORDS = ("forever", "never", "none")  # "0" is not "forever": it is refused as unclear
_LIKE = "like 30m, 12h, 7d, 2w or forever"


@dataclass(frozen=True, slots=True)
class Duration:
    """A span of time, or ``forever`` (``delta`` None). Build it with :meth:`parse`; ``str()`` gives it back."""

    delta: timedelta | None
    text: str

    @classmethod
    def parse(cls, text: str, *, forever: bool = True) -> Duration:
        """``7d`` -> 7 days; ``forever``/``never`` -> no end (unless ``forever=False``); anything else, or more than
        100 years, is an :class:`~costlib.errors.InputError` that quotes the text."""
        if not isinstance(text, str):
            raise InputError(f"a duration is text {_LIKE}, not {type(text).__name__} {text!r}")
        word = text.strip().lower()
        if word in _FOREVER_WORDS:
            if not forever:
                raise InputError(f"duration {text!r} must be finite, {_LIKE.removesuffix(' or forever')}")
            return cls(None, "forever")
        m = _SHAPE.match(word)
        if not m:
            raise InputError(f"duration {text!r} is not {_LIKE}")
        count, unit = int(m.group(1)), m.group(2)
        if count * _UNIT_SECONDS[unit] > MAX_DURATION.total_seconds():
            raise InputError(f"duration {text!r} is longer than 100 years")
        return cls(timedelta(seconds=count * _UNIT_SECONDS[unit]), f"{count}{unit}")

    @classmethod
    def of(cls, delta: timedelta) -> Duration:
        """The duration of a timedelta, in its largest whole unit.

        >>> str(Duration.of(timedelta(hours=48))), str(Duration.of(timedelta(minutes=90)))
        ('2d', '90m')
        """
        seconds = int(delta.total_seconds())
        for unit in ("w", "d", "h", "m"):
            if seconds % _UNIT_SECONDS[unit] == 0:
                return cls.parse(f"{seconds // _UNIT_SECONDS[unit]}{unit}")
        return cls.parse(f"{max(1, seconds // 60)}m")

    @property
    def finite(self) -> bool:
        return self.delta is not None

    @property
    def seconds(self) -> float | None:
        """The length in seconds (None: forever)."""
        return None if self.delta is None else self.delta.total_seconds()

    def positive(self, what: str) -> timedelta:
        """The delta of a finite, positive duration, or an InputError saying ``what`` needs one.

        >>> Duration.parse("0d").positive("extend by")
        Traceback (most recent call last):
        ...
        costlib.errors.InputError: extend by a positive, finite duration like 7d, 12h or 30m (got '0d')
        """
        if self.delta is None or self.delta <= timedelta(0):
            raise InputError(f"{what} a positive, finite duration like 7d, 12h or 30m (got {self.text!r})")
        return self.delta

    def __str__(self) -> str:
        return self.text

    # pydantic: a str in a config validates to a Duration; a Duration serializes back to its text.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate, serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"))

    @classmethod
    def _validate(cls, value: Any) -> Duration:
        if isinstance(value, Duration):
            return value
        try:
            return cls.parse(value)
        except InputError as exc:
            raise ValueError(exc.message) from None

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
                                     ) -> JsonSchemaValue:
        return {"type": "string", "pattern": r"^\s*(\d+\s*[mhdw]|forever|never|none)\s*$",
                "description": f"a duration {_LIKE}"}


#: No end.
FOREVER = Duration(None, "forever")
