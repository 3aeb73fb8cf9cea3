"""A directory as it is at a git ref, in a temporary ``git worktree``: the user's checkout is never touched.

>>> with at_ref("HEAD", "/nonexistent-costlib-dir") as old:  # doctest: +IGNORE_EXCEPTION_DETAIL
...     pass
Traceback (most recent call last):
costlib.errors.InputError: /nonexistent-costlib-dir: not a directory or file here
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from costlib.errors import InputError

__all__ = ["at_ref"]


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                              timeout=300)
    except FileNotFoundError:
        raise InputError("git is not installed (diff --base needs it)") from None


@contextmanager
def at_ref(ref: str, path: str | Path) -> Iterator[Path | None]:
    """Yield where ``path`` (a directory or a file) is in a temporary worktree of its repository, checked out
    (detached) at ``ref``, or
    None when ``path`` did not exist at ``ref``. The worktree is removed afterwards, also on error.

    The modules ``terraform init`` installed under ``path/.terraform/modules`` (never committed) are linked into
    the old tree when it has none, so both sides read the same installed registry modules.
    """
    given = Path(path)
    here = given if given.is_dir() else given.parent
    if not given.exists() or not here.is_dir():
        raise InputError("not a directory or file here", where=str(path))
    top = _git("rev-parse", "--show-toplevel", cwd=here)
    if top.returncode != 0:
        raise InputError(f"not in a git repository ({top.stderr.strip() or 'git rev-parse failed'})", where=str(path))
    root = Path(top.stdout.strip()).resolve()
    rel = here.resolve().relative_to(root)
    commit = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=root)
    if commit.returncode != 0:
        raise InputError(f"git ref {ref!r} is not a commit here (fetch it first, e.g. `git fetch origin main`)",
                         where=str(root))
    tmp = Path(tempfile.mkdtemp(prefix="costlib-base-"))
    tree = tmp / "tree"
    try:
        added = _git("worktree", "add", "--detach", "--quiet", str(tree), commit.stdout.strip(), cwd=root)
        if added.returncode != 0:
            raise InputError(f"cannot check out {ref} in a temporary worktree: {added.stderr.strip()}",
                             where=str(root))
        old_dir = tree / rel
        modules = here / ".terraform" / "modules"
        if old_dir.is_dir() and modules.is_dir() and not (old_dir / ".terraform").exists():
            (old_dir / ".terraform").mkdir()
            (old_dir / ".terraform" / "modules").symlink_to(modules.resolve(), target_is_directory=True)
        old = old_dir if given.is_dir() else old_dir / given.name
        yield old if old.exists() else None
    finally:
        if tree.exists():
            removed = _git("worktree", "remove", "--force", str(tree), cwd=root)
            if removed.returncode != 0:  # pragma: no cover - git refused: remove the files, then its record
                shutil.rmtree(tree, ignore_errors=True)
        _git("worktree", "prune", cwd=root)
        shutil.rmtree(tmp, ignore_errors=True)
