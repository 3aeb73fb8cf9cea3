"""The state store refuses what it cannot trust (issue 18): an empty or foreign file where the state file should be,
a corrupt page, a state_dir that is a file or read-only. None of them re-sends an alert that was sent."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from costlib.cli.main import cli
from costlib.daemon.state import StateStore
from costlib.errors import StateError


def run(workdir: Path, *extra: str) -> tuple[int, str]:
    out = CliRunner().invoke(cli, ["daemon", "run", "--config", str(workdir / "config.yaml"), "--once", *extra])
    return out.exit_code, out.output


def sent(workdir: Path) -> int:
    return len(list((workdir / "outbox").glob("*.json")))


def test_an_empty_state_file_is_refused_unless_init_state(workdir: Path) -> None:
    (workdir / "state").mkdir()
    (workdir / "state" / "state.db").write_bytes(b"")
    code, out = run(workdir)
    assert code == 1 and "the state file is empty" in out and "--init-state" in out and sent(workdir) == 0
    code, out = run(workdir, "--init-state")
    assert code == 0 and sent(workdir) == 4, out


def test_emptying_the_state_file_of_a_daemon_that_ran_sends_nothing_again(workdir: Path) -> None:
    assert run(workdir)[0] == 0 and sent(workdir) == 4
    db = workdir / "state" / "state.db"
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"")  # the 23-alert incident of issue 18: taken as fresh, every alert went out again
    code, out = run(workdir)
    assert code == 1 and "the state file is empty" in out and sent(workdir) == 4


@pytest.mark.parametrize("content", [b"not a database at all\n" * 10, "sqlite"])
def test_a_foreign_file_is_refused_and_init_state_moves_it_aside(workdir: Path, content: bytes | str) -> None:
    db = workdir / "state" / "state.db"
    db.parent.mkdir()
    if content == "sqlite":  # a real SQLite database of something else
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE photos (id INTEGER)")
        conn.commit()
        conn.close()
    else:
        assert isinstance(content, bytes)
        db.write_bytes(content)
    code, out = run(workdir)
    assert code == 1 and "not a costlib state file" in out
    code, out = run(workdir, "--init-state")
    assert code == 0, out
    assert len(list(db.parent.glob("state.db.foreign-*"))) == 1  # kept, not overwritten


def test_a_corrupt_page_is_a_clean_error_naming_the_recovery(workdir: Path) -> None:
    assert run(workdir)[0] == 0
    db = workdir / "state" / "state.db"
    StateStore(db).close()  # checkpointed: the pages are in the main file
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:  # garble the second page (a table's b-tree page)
        fh.seek(page)
        fh.write(b"\xff" * page)
    with pytest.raises(StateError) as info:
        StateStore(db)
    assert "corrupt" in str(info.value) or "unusable" in str(info.value)
    assert ".recover" in str(info.value)
    code, out = run(workdir)
    assert code == 1 and ".recover" in out and "Traceback" not in out and sent(workdir) == 4


def test_a_state_dir_that_is_a_file_or_read_only_is_an_error_at_start(workdir: Path) -> None:
    (workdir / "state").write_text("a file\n")
    code, out = run(workdir)
    assert code == 1 and "state_dir" in out and "is not a folder" in out
    (workdir / "state").unlink()
    (workdir / "state").mkdir()
    os.chmod(workdir / "state", 0o500)
    try:
        if os.access(workdir / "state", os.W_OK):
            pytest.skip("running as a user who can write anywhere (root): a read-only folder cannot be made")
        code, out = run(workdir)
        assert code == 1 and "is not writable" in out
    finally:
        os.chmod(workdir / "state", 0o700)


def test_a_read_only_state_dir_is_refused_before_anything_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the kernel answers for a read-only folder or mount, whoever the user (root writes through chmod, so the
    answer is given here through the one call the store asks it with)."""
    folder = tmp_path / "state"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == folder else real(p, mode, **kw))
    with pytest.raises(StateError, match=r"state_dir .*state is not writable"):
        StateStore(folder / "state.db")
    assert not (folder / "state.db").exists()
