"""The daemon's state: one SQLite file (WAL) beside an exclusive lock file.

Tables: ``polls`` (last successful poll and error counts per source), ``ledger`` (every alert decided, keyed by
its idempotency key), ``alert_state`` (fired/re-armed per budget threshold), ``env_state`` (extensions and
snoozes), ``snapshot`` (the latest evaluation, read by the CLI and the HTTP API), ``revision`` (bumped by
extend/snooze, so a running daemon notices a CLI change), and the outbox's
``outbox_*`` tables. A second daemon on the same state file refuses to start (``fcntl.flock``).

>>> import tempfile, pathlib
>>> store = StateStore(pathlib.Path(tempfile.mkdtemp()) / "state.db")
>>> store.snapshot() is None
True
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from costlib.errors import InputError, StateError
from costlib.policy.budgets import AlertState
from costlib.policy.ttl import EnvState

__all__ = ["StateStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS polls (source TEXT PRIMARY KEY, last_success TEXT, last_attempt TEXT, status TEXT,
    message TEXT, errors_total INTEGER NOT NULL DEFAULT 0, requests_total INTEGER NOT NULL DEFAULT 0,
    api_cost TEXT NOT NULL DEFAULT '0');
CREATE TABLE IF NOT EXISTS ledger (key TEXT PRIMARY KEY, kind TEXT NOT NULL, team TEXT NOT NULL,
    created_at TEXT NOT NULL, alert TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alert_state (key TEXT PRIMARY KEY, fired INTEGER NOT NULL, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS env_state (name TEXT PRIMARY KEY, extended_until TEXT, snoozed_until TEXT,
    updated_by TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS shutdown_actions (key TEXT PRIMARY KEY, environment TEXT NOT NULL, resources TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, results TEXT, created_at TEXT NOT NULL,
    updated_at TEXT);
CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), taken_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS first_seen (name TEXT PRIMARY KEY, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT OR IGNORE INTO revision VALUES (1, 0);
"""


class StateStore:
    """Open (creating) the state file; ``lock=True`` takes the exclusive daemon lock."""

    def __init__(self, path: str | os.PathLike[str], *, lock: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd: int | None = None
        if lock:
            self._take_lock()
        try:
            with self.connect() as conn:
                conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StateError(f"state file is unusable: {exc}", where=str(self.path)) from None

    def _take_lock(self) -> None:
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = lock_path.read_text().strip() if lock_path.exists() else "?"
            raise StateError(f"another costlib daemon (pid {holder or '?'}) holds this state file; "
                             "one daemon per state file", where=str(self.path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def close(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in WAL mode with a busy timeout; commits on success, rolls back on error."""
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic transaction: everything in it lands, or nothing does."""
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # --- polls -------------------------------------------------------------------
    def record_poll(self, source: str, *, ok: bool, status: str, message: str | None, requests: int,
                    api_cost: str, at: datetime) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO polls (source) VALUES (?)", (source,))
            conn.execute(
                "UPDATE polls SET last_attempt=?, status=?, message=?, requests_total=requests_total+?, "
                "errors_total=errors_total+?, "
                "last_success=CASE WHEN ? THEN ? ELSE last_success END WHERE source=?",
                (at.isoformat(), status, message, requests, 0 if ok else 1, ok, at.isoformat(), source))
            row = conn.execute("SELECT api_cost FROM polls WHERE source=?", (source,)).fetchone()
            total = Decimal(row[0] if row and row[0] else "0") + Decimal(api_cost)
            conn.execute("UPDATE polls SET api_cost=? WHERE source=?", (str(total), source))

    def polls(self) -> list[dict[str, Any]]:
        with self.connect() as conn:
            rows = conn.execute("SELECT source, last_success, last_attempt, status, message, errors_total, "
                                "requests_total, api_cost FROM polls ORDER BY source").fetchall()
        keys = ("source", "last_success", "last_attempt", "status", "message", "errors_total", "requests_total",
                "api_cost")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # --- alert state -----------------------------------------------------------
    def alert_states(self) -> dict[str, AlertState]:
        with self.connect() as conn:
            return {k: AlertState(bool(f), int(c)) for k, f, c in conn.execute("SELECT key, fired, count FROM alert_state")}

    @staticmethod
    def save_alert_states(conn: sqlite3.Connection, states: dict[str, AlertState]) -> None:
        conn.executemany("INSERT OR REPLACE INTO alert_state VALUES (?, ?, ?)",
                         [(k, int(v.fired), v.count) for k, v in states.items()])

    @staticmethod
    def record_alert(conn: sqlite3.Connection, key: str, kind: str, team: str, created_at: datetime,
                     doc: dict[str, Any]) -> bool:
        """Record an alert once; False if its key is already in the ledger."""
        cur = conn.execute("INSERT OR IGNORE INTO ledger VALUES (?, ?, ?, ?, ?)",
                           (key, kind, team, created_at.isoformat(), json.dumps(doc)))
        return cur.rowcount == 1

    def alert_times(self, kind: str) -> dict[str, datetime]:
        """When each recorded alert of ``kind`` was decided, by key (a shutdown waits on its expired warning)."""
        with self.connect() as conn:
            rows = conn.execute("SELECT key, created_at FROM ledger WHERE kind=?", (kind,)).fetchall()
        return {key: datetime.fromisoformat(at) for key, at in rows}

    def ledger(self, *, team: str | None = None, kind: str | None = None, limit: int | None = None
               ) -> list[dict[str, Any]]:
        """Recorded alerts (their JSON), oldest first; ``limit`` keeps the newest ``limit`` of them."""
        where, params = [], []
        for column, value in (("team", team), ("kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = "SELECT alert FROM ledger" + (f" WHERE {' AND '.join(where)}" if where else "")
        sql += " ORDER BY created_at DESC, key DESC" + (" LIMIT ?" if limit is not None else "")
        with self.connect() as conn:
            rows = conn.execute(sql, [*params, *([limit] if limit is not None else [])]).fetchall()
        return [json.loads(doc) for (doc,) in reversed(rows)]

    # --- environments ------------------------------------------------------------
    def env_states(self) -> dict[str, EnvState]:
        with self.connect() as conn:
            rows = conn.execute("SELECT name, extended_until, snoozed_until FROM env_state").fetchall()
        return {n: EnvState(extended_until=datetime.fromisoformat(e) if e else None,
                            snoozed_until=datetime.fromisoformat(s) if s else None) for n, e, s in rows}

    def update_env(self, name: str, change: Callable[[dict[str, Any], EnvState], EnvState], *, actor: str
                   ) -> tuple[EnvState, dict[str, Any]]:
        """In one transaction: find ``name`` in the last snapshot (InputError if it is not there), apply
        ``change(snapshot entry, stored state) -> new state``, store the new state and the snapshot entry the
        callable updated in place. Two writers (CLI and API) never lose each other's extension."""
        with self.transaction() as conn:
            row = conn.execute("SELECT doc FROM snapshot WHERE id=1").fetchone()
            doc = json.loads(row[0]) if row else {}
            env = next((e for e in doc.get("environments", []) if e["name"] == name), None)
            if env is None:
                raise InputError(f"no environment named {name!r} in the daemon's last evaluation",
                                 where=str(self.path))
            stored = conn.execute("SELECT extended_until, snoozed_until FROM env_state WHERE name=?",
                                  (name,)).fetchone() or (None, None)
            old = EnvState(extended_until=datetime.fromisoformat(stored[0]) if stored[0] else None,
                           snoozed_until=datetime.fromisoformat(stored[1]) if stored[1] else None)
            new = change(env, old)
            conn.execute("INSERT OR IGNORE INTO env_state (name) VALUES (?)", (name,))
            conn.execute("UPDATE env_state SET extended_until=?, snoozed_until=?, updated_by=?, updated_at=? "
                         "WHERE name=?", (new.extended_until.isoformat() if new.extended_until else None,
                                          new.snoozed_until.isoformat() if new.snoozed_until else None,
                                          actor, datetime.now(UTC).isoformat(), name))
            conn.execute("UPDATE snapshot SET doc=? WHERE id=1", (json.dumps(doc),))
            conn.execute("UPDATE revision SET value=value+1 WHERE id=1")
        return new, env

    def first_seen(self, seen: dict[str, datetime]) -> dict[str, datetime]:
        """Record when each environment was first seen (the earlier of what is stored and ``seen``) and return
        those times: an environment found in spend keeps its creation time as the polled window moves on."""
        with self.transaction() as conn:
            for name, at in seen.items():
                conn.execute("INSERT INTO first_seen VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET at=excluded.at "
                             "WHERE excluded.at < first_seen.at", (name, at.astimezone(UTC).isoformat()))
            rows = conn.execute("SELECT name, at FROM first_seen").fetchall()
        return {name: datetime.fromisoformat(at) for name, at in rows if name in seen}

    def revision(self) -> int:
        """A counter bumped by every write from outside an evaluation (extend, snooze): a daemon that sees it
        change rebuilds its view, so a CLI extend shows in the API without waiting for the next poll."""
        with self.connect() as conn:
            row = conn.execute("SELECT value FROM revision WHERE id=1").fetchone()
        return int(row[0]) if row else 0

    # --- shutdowns -------------------------------------------------------------------
    @staticmethod
    def record_shutdown(conn: sqlite3.Connection, key: str, environment: str, resources: list[str], at: datetime) -> bool:
        """Record a shutdown to carry out (once per key); False if it was recorded before."""
        cur = conn.execute("INSERT OR IGNORE INTO shutdown_actions (key, environment, resources, created_at) "
                           "VALUES (?, ?, ?, ?)", (key, environment, json.dumps(resources), at.isoformat()))
        return cur.rowcount == 1

    def pending_shutdowns(self) -> list[tuple[str, str, list[str], int]]:
        with self.connect() as conn:
            rows = conn.execute("SELECT key, environment, resources, attempts FROM shutdown_actions "
                                "WHERE status='pending' ORDER BY created_at").fetchall()
        return [(k, e, json.loads(r), int(a)) for k, e, r, a in rows]

    def finish_shutdown(self, key: str, status: str, results: list[dict[str, Any]], at: datetime) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE shutdown_actions SET status=?, attempts=attempts+1, results=?, updated_at=? WHERE key=?",
                         (status, json.dumps(results), at.isoformat(), key))

    def shutdowns(self) -> list[dict[str, Any]]:
        with self.connect() as conn:
            rows = conn.execute("SELECT key, environment, status, attempts, results, updated_at FROM shutdown_actions "
                                "ORDER BY created_at").fetchall()
        return [{"key": k, "environment": e, "status": s, "attempts": a, "results": json.loads(r) if r else [],
                 "updated_at": u} for k, e, s, a, r, u in rows]

    # --- snapshot ------------------------------------------------------------------
    @staticmethod
    def save_snapshot(conn: sqlite3.Connection, doc: dict[str, Any], taken_at: datetime) -> None:
        conn.execute("INSERT OR REPLACE INTO snapshot VALUES (1, ?, ?)", (taken_at.isoformat(), json.dumps(doc)))

    def snapshot(self) -> dict[str, Any] | None:
        with self.connect() as conn:
            row = conn.execute("SELECT doc FROM snapshot WHERE id=1").fetchone()
        return None if row is None else dict(json.loads(row[0]))
