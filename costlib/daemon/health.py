"""Which figures come from a spend source that failed or is stale: per source, then per team, budget and environment.

Pure: the sources' poll records (:class:`~costlib.daemon.snapshot.SourceRow`, or their JSON), their poll intervals
and ``now`` in; problems out. A source is

- ``failed`` when its last poll did not succeed (its figures are from its last success, if it had one);
- ``stale`` when its last success is older than :data:`STALE_AFTER_INTERVALS` poll intervals (the daemon that
  polls it stopped, or every retry since failed);
- ``not_polled`` when it is configured but has no poll yet (a daemon polls each source within seconds of start).

Each row of a snapshot that is built from spend (a team, a budget, an environment found in spend) lists in
``sources`` the sources its spend came from; :func:`annotate` adds ``source_problems`` to it: the problems of
those sources, and of every source that contributed no spend at all (it may hold anyone's spend: a source that
never succeeded shows every team at $0, which must not read as "nothing spent"). Rows not built from spend (an
environment priced by ``costlib.estimate``) carry ``sources: None`` and are never marked.

>>> from datetime import UTC, datetime, timedelta
>>> polls = [{"source": "focus", "last_success": None, "last_attempt": "2026-11-20T10:00:00+00:00",
...           "status": "invalid_config", "message": "no file matches 'spend/*.csv'"}]
>>> problems = source_problems(polls, {"focus": timedelta(hours=6)}, datetime(2026, 11, 20, 11, tzinfo=UTC))
>>> problems["focus"].summary
"focus: its last poll failed (invalid_config: no file matches 'spend/*.csv'); no successful poll yet"
>>> annotate([{"team": "web", "sources": []}], problems)[0]["source_problems"][0]["problem"]
'failed'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from costlib.daemon.snapshot import JSON, JSONValue, Snapshot, SourceRow, texts

__all__ = ["STALE_AFTER_INTERVALS", "Marking", "SourceProblem", "annotate", "problems_of", "source_problems"]

#: A source whose last success is older than this many poll intervals is stale (the Prometheus rule
#: ``CostlibSourceStale`` in daemon/prometheus-rules.yaml uses the same factor).
STALE_AFTER_INTERVALS = 2


@dataclass(frozen=True, slots=True)
class SourceProblem:
    source: str
    problem: Literal["failed", "stale", "not_polled"]
    last_success: str | None
    summary: str

    def to_json(self) -> JSON:
        return {"source": self.source, "problem": self.problem, "last_success": self.last_success,
                "summary": self.summary}


def _ago(then: datetime, now: datetime) -> str:
    seconds = max(0, int((now - then).total_seconds()))
    if seconds >= 2 * 86400:
        return f"{seconds // 86400}d ago"
    if seconds >= 2 * 3600:
        return f"{seconds // 3600}h ago"
    return f"{seconds // 60}m ago"


def source_problems(polls: Sequence[Mapping[str, JSONValue] | SourceRow], intervals: Mapping[str, timedelta | None],
                    now: datetime) -> dict[str, SourceProblem]:
    """The problem of each configured source (the keys of ``intervals``) that has one; a healthy source is absent.

    ``intervals`` maps each configured source to its poll interval (None: not polled on a schedule, never stale).
    """
    rows = [p if isinstance(p, SourceRow) else SourceRow.from_json(p) for p in polls]
    by_name = {r.source: r for r in rows}
    out: dict[str, SourceProblem] = {}
    for name, interval in intervals.items():
        poll = by_name.get(name)
        if poll is None or poll.last_attempt is None:
            out[name] = SourceProblem(name, "not_polled", None, f"{name}: not polled yet")
            continue
        last = poll.last_success
        success = last.isoformat() if last else None
        when = f"last success {success} ({_ago(last, now)})" if last else "no successful poll yet"
        if last != poll.last_attempt:
            why = f"{poll.status.value}: {poll.message}" if poll.message else poll.status.value
            out[name] = SourceProblem(name, "failed", success, f"{name}: its last poll failed ({why}); {when}")
        elif last is not None and interval is not None and now - last > STALE_AFTER_INTERVALS * interval:
            out[name] = SourceProblem(name, "stale", success, f"{name}: stale, {when}; it is polled every "
                                      f"{_interval(interval)}")
    return out


def _interval(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def problems_of(sources: Sequence[str] | None, problems: Mapping[str, SourceProblem], contributing: set[str]
                ) -> list[SourceProblem]:
    """The problems that touch a row built from the spend of ``sources`` (None: not built from spend): its own
    sources' and those of every source that gave no spend at all."""
    if sources is None:
        return []
    mine = set(sources)
    return [p for name, p in sorted(problems.items()) if name in mine or name not in contributing]


@dataclass(frozen=True, slots=True)
class Marking:
    """The problems of a view's sources as of one moment, and the sources that gave any spend: what marks a row."""

    problems: Mapping[str, SourceProblem]
    contributing: frozenset[str]

    @classmethod
    def of(cls, snapshot: Snapshot, polls: Sequence[SourceRow], intervals: Mapping[str, timedelta | None],
           now: datetime) -> Marking:
        return cls(source_problems(polls, intervals, now), frozenset(s for t in snapshot.teams for s in t.sources))

    def of_row(self, sources: Sequence[str] | None) -> list[SourceProblem]:
        return problems_of(sources, self.problems, set(self.contributing))

    def marked(self, row: JSON, sources: Sequence[str] | None) -> JSON:
        """``row`` (a team, budget or environment as JSON) with the ``source_problems`` that touch it."""
        return {**row, "source_problems": [p.to_json() for p in self.of_row(sources)]}

    def all(self) -> list[JSONValue]:
        return [p.to_json() for _, p in sorted(self.problems.items())]


def annotate(rows: Sequence[Mapping[str, JSONValue]], problems: Mapping[str, SourceProblem],
             contributing: set[str] | None = None) -> list[JSON]:
    """Copies of JSON ``rows`` with ``source_problems``: the problems that touch each row built from spend.

    A row's ``sources`` lists the sources of its spend (a row without the key, from an older snapshot, is
    taken as built from spend of unknown sources); ``None`` means not built from spend. ``contributing`` is
    every source that gave any spend (default: those the rows list); a problem source outside it touches
    every row built from spend."""
    if contributing is None:
        contributing = {s for r in rows for s in texts(r.get("sources"))}
    out = []
    for row in rows:
        copy = dict(row)
        if "sources" not in row:  # from an older snapshot: built from spend of unknown sources
            copy["source_problems"] = [p.to_json() for _, p in sorted(problems.items())]
        else:
            found = row["sources"]
            copy["source_problems"] = [p.to_json() for p in problems_of(None if found is None else texts(found),
                                                                         problems, contributing)]
        out.append(copy)
    return out
