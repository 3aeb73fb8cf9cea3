"""The daemon's state: one SQLite file (WAL) beside an exclusive lock file, with one schema and one migration path.

Tables: ``polls`` (last successful poll and counters per source), ``ledger`` (every alert decided, keyed by its
idempotency key), ``alert_state`` (fired/re-armed per budget threshold), ``env_state`` (extensions and snoozes),
``shutdown_actions``, ``snapshot`` (the latest evaluation, read by the CLI and the HTTP API), ``first_seen``,
``revision`` (bumped by extend/snooze, so a running daemon notices a CLI change), ``acknowledgements`` (confirmed
estimates: who, what, when), and the outbox's ``outbox_*`` tables. A second daemon on the same state file refuses
to start (``fcntl.flock``).

The store refuses what it cannot trust (a daemon on it would send every alert again): a zero-byte file or a file
that is not a costlib state file where one was expected is a :class:`~costlib.errors.StateError` unless
``init=True`` (``costlib daemon run --init-state``); a corrupt file is one naming the command that recovers it; a
``state_dir`` that is not a folder, or is read-only, is one at start.

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
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from costlib.daemon.snapshot import JSON, EnvironmentRow, Snapshot, SourceRow, mapping
from costlib.errors import InputError, StateError
from costlib.policy.acknowledged import Acknowledgement
from costlib.policy.budgets import AlertState
from costlib.policy.ttl import EnvState
from costlib.spend.base import HealthStatus, SourceHealth

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "StateStore"]

#: Stamped in the SQLite header (``PRAGMA application_id``): "cost".
APPLICATION_ID = 0x636F7374
SCHEMA_VERSION = 2
"""2: the ``acknowledgements`` table (confirmed estimates); a version-1 file gains it when opened."""

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
CREATE TABLE IF NOT EXISTS outbox_messages (id TEXT NOT NULL, channel TEXT NOT NULL, team TEXT NOT NULL,
    payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL, last_error TEXT, created_at TEXT NOT NULL, delivered_at TEXT,
    deadline_at TEXT, PRIMARY KEY (id, channel));
CREATE INDEX IF NOT EXISTS outbox_due ON outbox_messages (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS outbox_attempts (id TEXT NOT NULL, channel TEXT NOT NULL, at TEXT NOT NULL,
    outcome TEXT NOT NULL, error TEXT);
CREATE TABLE IF NOT EXISTS outbox_endpoints (channel TEXT PRIMARY KEY, disabled_at TEXT NOT NULL, reason TEXT);
CREATE TABLE IF NOT EXISTS acknowledgements (id TEXT PRIMARY KEY, acknowledged_at TEXT NOT NULL,
    acknowledged_by TEXT NOT NULL, plan_digest TEXT NOT NULL, teams TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS acknowledgements_at ON acknowledgements (acknowledged_at);
"""

_SQLITE_HEADER = b"SQLite format 3\x00"


def _recover_hint(path: Path) -> str:
    return (f"stop the daemon, then recover what it holds with: sqlite3 {path} .recover | sqlite3 {path}.recovered && "
            f"mv {path} {path}.corrupt && mv {path}.recovered {path}")


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a state file to :data:`SCHEMA_VERSION` (a fresh one, or one written by an older costlib)."""
    conn.executescript(SCHEMA)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(outbox_messages)")}
    if "deadline_at" not in cols:  # a state file from before delivery deadlines
        conn.execute("ALTER TABLE outbox_messages ADD COLUMN deadline_at TEXT")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


class StateStore:
    """Open (creating) the state file; ``lock=True`` takes the exclusive daemon lock."""

    def __init__(self, path: str | os.PathLike[str], *, lock: bool = False, init: bool = False) -> None:
        self.path = Path(path)
        self._lock_fd: int | None = None
        self._check_folder()
        if lock:
            self._take_lock()
        try:
            self._open(init)
        except BaseException:
            self.close()
            raise

    def _check_folder(self) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise StateError(f"state_dir {folder} is not a folder", where="state_dir") from None
        except OSError as exc:
            raise StateError(f"state_dir {folder} cannot be created: {exc.strerror}", where="state_dir") from None
        if not folder.is_dir():
            raise StateError(f"state_dir {folder} is not a folder", where="state_dir")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StateError(f"state_dir {folder} is not writable (the daemon keeps its alerts and outbox there)",
                             where="state_dir")

    def _open(self, init: bool) -> None:
        """Refuse an empty, foreign or corrupt file (unless ``init``), then migrate it to the current schema."""
        if self.path.exists() and not self.path.is_file():
            raise StateError("the state file is not a file", where=str(self.path))
        if self.path.exists():
            with self.path.open("rb") as fh:
                header = fh.read(len(_SQLITE_HEADER))
            if not header:
                if not init:
                    raise StateError("the state file is empty: it is not the state of a daemon that ran, whose "
                                     "alerts would all be sent again; if this is a new daemon, start it with "
                                     "`costlib daemon run --init-state`", where=str(self.path))
                self.path.unlink()
            elif header != _SQLITE_HEADER or not self._ours():
                if not init:
                    raise StateError("this is not a costlib state file; point state_dir at the daemon's folder, or "
                                     "start with `costlib daemon run --init-state` to move it aside and begin anew",
                                     where=str(self.path))
                self.path.rename(self.path.with_name(f"{self.path.name}.foreign-{datetime.now(UTC):%Y%m%dT%H%M%S}"))
        try:
            with self.connect() as conn:
                check = conn.execute("PRAGMA quick_check").fetchone()
                if check is None or check[0] != "ok":
                    raise StateError(f"the state file is corrupt ({check[0] if check else 'unreadable'}); "
                                     f"{_recover_hint(self.path)}", where=str(self.path))
                _migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise StateError(f"the state file is unusable ({exc}); {_recover_hint(self.path)}",
                             where=str(self.path)) from None

    def _ours(self) -> bool:
        """A costlib state file: stamped with our application id, or (from before the stamp) holding our ledger."""
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                app = conn.execute("PRAGMA application_id").fetchone()[0]
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return True  # a corrupt costlib file reads as corrupt below, with the command that recovers it
        return bool(app == APPLICATION_ID or (app == 0 and {"ledger", "alert_state"} <= tables))

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
    def record_poll(self, health: SourceHealth, *, requests: int, api_cost: Decimal = Decimal(0)) -> None:
        """Record one poll of a source: its health after it, the requests it made and what they cost (USD)."""
        ok = health.status in (HealthStatus.OK, HealthStatus.NO_DATA)
        at = (health.checked_at or datetime.now(UTC)).isoformat()
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO polls (source) VALUES (?)", (health.source,))
            conn.execute(
                "UPDATE polls SET last_attempt=?, status=?, message=?, requests_total=requests_total+?, "
                "errors_total=errors_total+?, "
                "last_success=CASE WHEN ? THEN ? ELSE last_success END WHERE source=?",
                (at, health.status.value, health.message, requests, 0 if ok else 1, ok, at, health.source))
            row = conn.execute("SELECT api_cost FROM polls WHERE source=?", (health.source,)).fetchone()
            total = Decimal(row[0] if row and row[0] else "0") + api_cost
            conn.execute("UPDATE polls SET api_cost=? WHERE source=?", (str(total), health.source))

    def polls(self, intervals: dict[str, timedelta | None] | None = None) -> list[SourceRow]:
        """Every polled source's record (with its poll interval from ``intervals``, when given)."""
        with self.connect() as conn:
            rows = conn.execute("SELECT source, last_success, last_attempt, status, message, errors_total, "
                                "requests_total, api_cost FROM polls ORDER BY source").fetchall()
        return [SourceRow(source=src, last_success=_time(success), last_attempt=_time(attempt),
                          status=HealthStatus(status or HealthStatus.UNKNOWN.value), message=message,
                          errors_total=int(errors), requests_total=int(requests), api_cost=Decimal(cost or "0"),
                          poll_interval=(intervals or {}).get(src))
                for src, success, attempt, status, message, errors, requests, cost in rows]

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
                     doc: Mapping[str, object]) -> bool:
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
               ) -> list[JSON]:
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
        return [mapping(json.loads(doc)) for (doc,) in reversed(rows)]

    # --- environments ------------------------------------------------------------
    def env_states(self) -> dict[str, EnvState]:
        with self.connect() as conn:
            rows = conn.execute("SELECT name, extended_until, snoozed_until FROM env_state").fetchall()
        return {n: EnvState(extended_until=_time(e), snoozed_until=_time(s)) for n, e, s in rows}

    def update_env(self, name: str, change: Callable[[EnvironmentRow, EnvState], EnvState], *, actor: str
                   ) -> EnvState:
        """In one transaction: find ``name`` in the last snapshot (InputError if it is not there), apply
        ``change(its row, stored state) -> new state``, store the new state, and show an extension in the
        snapshot at once. Two writers (CLI and API) never lose each other's extension."""
        with self.transaction() as conn:
            row = conn.execute("SELECT doc FROM snapshot WHERE id=1").fetchone()
            snap = Snapshot.from_json(json.loads(row[0])) if row else None
            env = snap.environment(name) if snap is not None else None
            if snap is None or env is None:
                raise InputError(f"no environment named {name!r} in the daemon's last evaluation",
                                 where=str(self.path))
            stored = conn.execute("SELECT extended_until, snoozed_until FROM env_state WHERE name=?",
                                  (name,)).fetchone() or (None, None)
            new = change(env, EnvState(extended_until=_time(stored[0]), snoozed_until=_time(stored[1])))
            conn.execute("INSERT OR IGNORE INTO env_state (name) VALUES (?)", (name,))
            conn.execute("UPDATE env_state SET extended_until=?, snoozed_until=?, updated_by=?, updated_at=? "
                         "WHERE name=?", (new.extended_until.isoformat() if new.extended_until else None,
                                          new.snoozed_until.isoformat() if new.snoozed_until else None,
                                          actor, datetime.now(UTC).isoformat(), name))
            if new.extended_until is not None and new.extended_until != env.expires_at:
                conn.execute("UPDATE snapshot SET doc=? WHERE id=1",
                             (json.dumps(snap.extended(name, new.extended_until).to_json()),))
            conn.execute("UPDATE revision SET value=value+1 WHERE id=1")
        return new

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

    def finish_shutdown(self, key: str, status: str, results: list[dict[str, str | bool]], at: datetime) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE shutdown_actions SET status=?, attempts=attempts+1, results=?, updated_at=? WHERE key=?",
                         (status, json.dumps(results), at.isoformat(), key))

    def shutdowns(self) -> list[JSON]:
        with self.connect() as conn:
            rows = conn.execute("SELECT key, environment, status, attempts, results, updated_at FROM shutdown_actions "
                                "ORDER BY created_at").fetchall()
        return [{"key": k, "environment": e, "status": s, "attempts": a, "results": json.loads(r) if r else [],
                 "updated_at": u} for k, e, s, a, r, u in rows]

    # --- acknowledgements ----------------------------------------------------------
    def record_acknowledgement(self, ack: Acknowledgement) -> Acknowledgement:
        """Keep a confirmed estimate (once per id) and bump the revision, so a running daemon re-evaluates."""
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO acknowledgements VALUES (?, ?, ?, ?, ?, ?)",
                         (ack.id, ack.acknowledged_at.isoformat(), ack.acknowledged_by, ack.plan_digest,
                          json.dumps(list(ack.teams)), json.dumps(ack.to_json())))
            conn.execute("UPDATE revision SET value=value+1 WHERE id=1")
        return ack

    def acknowledgements(self, *, team: str | None = None, limit: int | None = None) -> list[Acknowledgement]:
        """Confirmed estimates, oldest first (``team``: those naming it; ``limit``: the newest ``limit``)."""
        with self.connect() as conn:
            rows = conn.execute("SELECT doc FROM acknowledgements ORDER BY acknowledged_at DESC, id DESC").fetchall()
        acks = [Acknowledgement.from_json(mapping(json.loads(doc))) for (doc,) in rows]
        acks = [a for a in acks if team is None or team in a.teams]
        return list(reversed(acks[:limit] if limit is not None else acks))

    # --- snapshot ------------------------------------------------------------------
    @staticmethod
    def save_snapshot(conn: sqlite3.Connection, snapshot: Snapshot) -> None:
        conn.execute("INSERT OR REPLACE INTO snapshot VALUES (1, ?, ?)",
                     (snapshot.as_of.isoformat(), json.dumps(snapshot.to_json())))

    def snapshot(self) -> Snapshot | None:
        """The last evaluation (None before the first)."""
        with self.connect() as conn:
            row = conn.execute("SELECT doc FROM snapshot WHERE id=1").fetchone()
        return None if row is None else Snapshot.from_json(json.loads(row[0]))


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
