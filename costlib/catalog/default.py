"""The embedded default catalog, and the user's refreshed prices laid over it.

The shipped file is ``costlib/data/catalog.sqlite.gz``; it is unpacked (atomically) to
``$XDG_CACHE_HOME/costlib/catalog-<digest>.sqlite`` (``~/.cache`` by default; ``COSTLIB_CACHE_DIR``
overrides), so lookups read a plain SQLite file.

``costlib pricing refresh`` (and ``estimate --fetch-missing``) write what they fetch to the user's catalog,
``<cache dir>/catalog.sqlite``: only the fetched rows, each with its date and source (an *overlay*). Lookups
read the embedded catalog with the overlay laid over it (:func:`merged_catalog_path`): for the same product
the newest effective date wins, whichever file it comes from. The merged file is rebuilt whenever the overlay
or the embedded catalog changes (a costlib upgrade ships a new one), so a refreshed price never hides a newer
embedded one, and the overlay alone is what CI needs to cache. ``COSTLIB_CATALOG`` points at another
catalog file instead (a custom price book, read as it is).
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from costlib.catalog.store import SQLiteCatalog
from costlib.errors import CatalogError

__all__ = ["EMBEDDED_NAME", "cache_dir", "default_catalog", "default_catalog_path", "embedded_archive",
           "embedded_catalog_path", "merged_catalog_path", "refreshed_catalog_path"]

EMBEDDED_NAME = "catalog.sqlite.gz"


def cache_dir() -> Path:
    """Where unpacked catalogs and refreshed catalogs live by default."""
    env = os.environ.get("COSTLIB_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "costlib"


def embedded_archive() -> Path:
    """Path of the gzipped catalog inside the installed package."""
    path = Path(__file__).resolve().parent.parent / "data" / EMBEDDED_NAME  # a file: SQLite opens it by path
    if not path.is_file():
        raise CatalogError(f"the embedded price catalog is missing from the package ({path}); "
                           "reinstall costlib or set COSTLIB_CATALOG")
    return path


def refreshed_catalog_path() -> Path:
    """The user's catalog: where ``costlib pricing refresh`` writes the prices it fetches (an overlay)."""
    return cache_dir() / "catalog.sqlite"


def default_catalog_path() -> Path:
    """The catalog lookups read: ``COSTLIB_CATALOG``, else the embedded catalog with the user's refreshed prices
    laid over it, else the embedded catalog."""
    env = os.environ.get("COSTLIB_CATALOG")
    if env:
        return Path(env)
    refreshed = refreshed_catalog_path()
    if refreshed.is_file():
        return merged_catalog_path(refreshed)
    return embedded_catalog_path()


def merged_catalog_path(overlay: Path | None = None) -> Path:
    """The embedded catalog with ``overlay`` (default: the user's catalog) laid over it, built once per change.

    The file is named by the embedded catalog's digest and the overlay's size and modification time, so a new
    refresh or a new costlib builds a new one (older merged files are removed).
    """
    from costlib.catalog.store import CatalogWriter

    overlay = overlay or refreshed_catalog_path()
    embedded = embedded_catalog_path()
    st = overlay.stat()
    key = hashlib.sha256(f"{embedded.name}|{overlay.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()
    target = cache_dir() / f"catalog-merged-{key[:16]}.sqlite"
    if target.is_file():
        return target
    try:
        with CatalogWriter(target, base=embedded, built_at=max(_built_at(embedded), _built_at(overlay))) as writer:
            writer.merge(overlay)
    except CatalogError as exc:
        raise CatalogError(f"the refreshed catalog {overlay} cannot be read ({exc.message}); remove it to use the "
                           "embedded catalog, or run `costlib pricing refresh` again") from None
    for old in target.parent.glob("catalog-merged-*.sqlite"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def embedded_catalog_path() -> Path:
    """The embedded catalog, unpacked into the cache folder on first use."""
    archive = embedded_archive()
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()[:16]
    target = cache_dir() / f"catalog-{digest}.sqlite"
    if not target.is_file():
        import gzip
        import shutil
        import tempfile

        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".catalog.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out, gzip.open(archive, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target


def _built_at(path: Path) -> datetime:
    """When a catalog file was built (its ``meta.built_at``); the epoch when it does not say."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='built_at'").fetchone()
        finally:
            conn.close()
        return datetime.fromisoformat(row[0]) if row else datetime(1970, 1, 1, tzinfo=UTC)
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise CatalogError(f"{path} is not a costlib price catalog ({exc})") from None


@functools.lru_cache(maxsize=4)
def _open(path: str) -> SQLiteCatalog:
    return SQLiteCatalog(path)


def default_catalog() -> SQLiteCatalog:
    """The catalog estimates use unless given another (opened once per path).

    >>> default_catalog().price_date() is not None
    True
    """
    return _open(str(default_catalog_path()))
