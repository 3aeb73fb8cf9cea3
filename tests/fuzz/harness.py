"""How the fuzz suite runs an entry point and judges what came out.

Each example is run under a watchdog (:data:`DEADLINE` seconds: an example still running then is a hang) and
judged as one of

- ``ok``: the entry point answered, and everything billable that went in came out with a status;
- ``clean``: a documented costlib error (:class:`~costlib.errors.CostlibError`, or the one class an entry point
  documents, such as :class:`~costlib.errors.ConfigError` for the config loader) that names its file (or the
  request body it was given);
- ``crash``: any other exception; ``hang``: over the deadline; ``drop``: an answer that leaves out a billable
  input resource; ``unnamed``: a clean error that does not name its file;
- ``known``: a crash in code another engineer owns, listed in :data:`KNOWN` with its owner (counted and reported,
  not failed here: their fix turns it into ``clean``, and the strict ``xfail`` seeds in ``test_corpus.py`` flip).

``COSTLIB_FUZZ_EXAMPLES`` sets the examples per entry point (CI: :data:`CI_EXAMPLES`; ``python3 dev.py fuzz``:
10,000). With ``COSTLIB_FUZZ_COUNT=1`` (what ``dev.py fuzz`` sets) every example runs and the tally is written
to ``COSTLIB_FUZZ_REPORT`` as JSON lines; otherwise the first failure stops the test and Hypothesis shrinks it.
"""

from __future__ import annotations

import json
import os
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from costlib.errors import CostlibError

#: seconds one example may take
DEADLINE = 5.0
#: examples per entry point in the default (CI) run: the whole fuzz suite stays under about a minute
CI_EXAMPLES = 100

#: crashes in code this suite does not own: (exception type name, file the exception is raised in, why, owner)
KNOWN: tuple[tuple[str, str, str, str], ...] = ()  # (exception name, file, why, owner): none open today


class Hang(BaseException):
    """Raised by the watchdog in an example that runs past :data:`DEADLINE` (a BaseException, so that no
    ``except Exception`` in the code under test swallows it)."""


@contextmanager
def watchdog(seconds: float = DEADLINE) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread after ``seconds``."""
    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Dropped(AssertionError):
    """The entry point answered but left out billable input resources."""


class Unnamed(AssertionError):
    """A clean error that does not name the file (or body) it is about."""


@dataclass
class Tally:
    """What the examples of one entry point came to."""

    entry: str
    counts: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    slowest: float = 0.0

    def record(self, outcome: str, detail: str = "") -> None:
        self.counts[outcome] += 1
        if outcome != "ok" and len(self.samples.setdefault(outcome, [])) < (20 if outcome == "clean" else 5):
            self.samples[outcome].append(detail[:2000])

    @property
    def failures(self) -> int:
        return sum(self.counts[k] for k in ("crash", "hang", "drop", "unnamed"))

    def line(self) -> str:
        c = self.counts
        return (f"{self.entry}: {sum(c.values())} examples: {c['ok']} answered, {c['clean']} clean errors, "
                f"{c['crash']} crashes, {c['hang']} hangs, {c['drop']} drops, {c['unnamed']} errors naming no "
                f"file, {c['known']} known (other owners); {self.seconds:.1f} s, slowest {self.slowest:.2f} s")


def examples() -> int:
    return int(os.environ.get("COSTLIB_FUZZ_EXAMPLES", CI_EXAMPLES))


def counting() -> bool:
    return os.environ.get("COSTLIB_FUZZ_COUNT") == "1"


def _known(exc: BaseException) -> str | None:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1].filename.replace(os.sep, "/") if frames else ""
    for name, where, why, owner in KNOWN:
        if type(exc).__name__ == name and last.endswith(where):
            return f"{owner}: {why}"
    return None


def judge(run: Callable[[], None], *, clean: tuple[type[BaseException], ...] = (CostlibError,),
          names: Callable[[BaseException], bool] | None = None) -> tuple[str, str, float]:
    """(outcome, detail, seconds) of one example. ``run`` raises :class:`Dropped` for a drop; ``names`` says
    whether a clean error names its place."""
    start = time.perf_counter()
    try:
        with watchdog():
            run()
    except Hang as exc:
        return "hang", str(exc), time.perf_counter() - start
    except Dropped as exc:
        return "drop", str(exc), time.perf_counter() - start
    except clean as exc:
        took = time.perf_counter() - start
        if names is not None and not names(exc):
            return "unnamed", f"{type(exc).__name__}: {exc}", took
        return ("hang" if took > DEADLINE else "clean"), f"{type(exc).__name__}: {exc}", took
    except Exception as exc:
        took = time.perf_counter() - start
        known = _known(exc)
        detail = "".join(traceback.format_exception(exc)[-6:])
        return ("known", f"{known}\n{detail}", took) if known else ("crash", detail, took)
    took = time.perf_counter() - start
    return ("hang" if took > DEADLINE else "ok"), "", took


def fuzz(entry: str, strategy: st.SearchStrategy[Any], check: Callable[[Any], tuple[str, str, float]]) -> Tally:
    """Run ``check`` on :func:`examples` examples of ``strategy``; fail at the first crash, hang, drop or unnamed
    error (Hypothesis shrinks it), or, counting, after all of them with the tally."""
    tally = Tally(entry)

    @settings(max_examples=examples(), deadline=None, database=None, derandomize=not counting(),
              phases=[Phase.explicit, Phase.generate] if counting() else list(Phase),
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one(data: st.DataObject) -> None:
        value = data.draw(strategy)
        outcome, detail, took = check(value)
        tally.record(outcome, detail)
        tally.seconds += took
        tally.slowest = max(tally.slowest, took)
        if outcome in ("crash", "hang", "drop", "unnamed") and not counting():
            raise AssertionError(f"{entry}: {outcome}: {detail}")

    one()
    report = os.environ.get("COSTLIB_FUZZ_REPORT")
    if report:
        with Path(report).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"entry": entry, "counts": dict(tally.counts), "samples": tally.samples,
                                 "seconds": round(tally.seconds, 2), "slowest": round(tally.slowest, 3),
                                 "line": tally.line()}) + "\n")
    failed = {k: v for k, v in tally.samples.items() if k != "clean"}
    assert tally.failures == 0, tally.line() + "\n" + json.dumps(failed, indent=1)[:6000]
    return tally
