"""Work done for a request within a time and a memory budget: in a child process, killed when it runs over.

The HTTP API and the Slack command estimate documents that anyone may send; :func:`run_within` runs such work in a
child (forked from a server process that has imported the estimator already, so a fork costs milliseconds), with
its address space capped at what it started with plus :attr:`Budget.memory_mb` and its answer awaited at most
:attr:`Budget.seconds`. A child over either budget is a :class:`BudgetExceeded` (an InputError: the request asked
for too much), never the daemon's own memory or time; a costlib error in the child is raised again as itself.

>>> run_within(Budget(seconds=30, memory_mb=256), len, "four")
4
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from costlib import errors
from costlib.errors import CostlibError, InputError

__all__ = ["Budget", "BudgetExceeded", "run_within"]

T = TypeVar("T")
_MB = 1024 * 1024
#: imported once by the fork server, so each child starts with the estimator warm. (``python -m costlib`` needs
#: nothing more; a program run as a script has its script imported again by each child, which multiprocessing's fork
#: server does not preload: the HTTP API's modules are, so that costs little.)
PRELOAD = ["__main__", "costlib.daemon.worker_warmup", "costlib.daemon.api"]


@dataclass(frozen=True, slots=True)
class Budget:
    """How long, and how much more memory than it starts with, one request's work may take."""

    seconds: float = 30.0
    memory_mb: int = 1024


class BudgetExceeded(InputError):
    """The work for a request ran over its time or memory budget (the request asked for too much)."""


_lock = threading.Lock()
_context: Any = None


def _mp() -> Any:
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
        return _context


def _address_space() -> int:
    """This process's virtual memory now, in bytes (the limit is set above it)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _child(conn: multiprocessing.connection.Connection, memory_mb: int, fn: Callable[..., Any],
           args: tuple[Any, ...]) -> None:
    if memory_mb > 0:
        limit = _address_space() + memory_mb * _MB
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        answer: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        answer = ("memory", None)
    except CostlibError as exc:
        answer = ("error", (type(exc).__name__, exc.message, exc.where))
    except RecursionError:
        answer = ("error", ("InputError", "the document is nested too deeply", None))
    except Exception as exc:
        answer = ("crash", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(answer)
    except MemoryError:
        conn.send(("memory", None))
    conn.close()


def run_within(budget: Budget, fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` in a child process within ``budget`` (``fn`` and ``args`` are pickled: module-level names)."""
    ctx = _mp()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, budget.memory_mb, fn, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(budget.seconds):
            raise BudgetExceeded(f"the work took over {budget.seconds:g} s (its time budget) and was stopped")
        try:
            kind, value = receive.recv()
        except EOFError:  # it died without answering
            kind, value = "died", None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "died":
        value = f"the worker process exited with code {child.exitcode} without an answer"
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "memory":
        raise BudgetExceeded(f"the work needed more than {budget.memory_mb} MB (its memory budget) and was stopped")
    if kind == "error":
        name, message, where = value
        cls = getattr(errors, name, CostlibError)
        raise (cls if isinstance(cls, type) and issubclass(cls, CostlibError) else CostlibError)(message, where=where)
    raise CostlibError(f"the work failed: {value}")  # a crash or death is the daemon's fault, not the request's
