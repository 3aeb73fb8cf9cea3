"""The embedded default catalog: shipped gzipped in the package, unpacked once into a cache folder.

``COSTLIB_CATALOG`` points at another catalog file (a refreshed one, or a custom price book).
The shipped file is ``costlib/data/catalog.sqlite.gz``; it is unpacked (atomically) to
``$XDG_CACHE_HOME/costlib/catalog-<digest>.sqlite`` (``~/.cache`` by default; ``COSTLIB_CACHE_DIR``
overrides), so lookups read a plain SQLite file.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from costlib.catalog.store import SQLiteCatalog
from costlib.errors import CatalogError

__all__ = ["EMBEDDED_NAME", "cache_dir", "default_catalog", "default_catalog_path", "embedded_archive",
           "embedded_catalog_path", "refreshed_catalog_path"]

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
    ref = resources.files("costlib").joinpath(f"data/{EMBEDDED_NAME}")
    path = Path(str(ref))
    if not path.is_file():
        raise CatalogError(f"the embedded price catalog is missing from the package ({path}); "
                           "reinstall costlib or set COSTLIB_CATALOG")
    return path


def refreshed_catalog_path() -> Path:
    """Where ``costlib pricing refresh`` writes by default (and where lookups look first)."""
    return cache_dir() / "catalog.sqlite"


def default_catalog_path() -> Path:
    """The catalog lookups read: ``COSTLIB_CATALOG``, else a refreshed catalog, else the embedded one."""
    env = os.environ.get("COSTLIB_CATALOG")
    if env:
        return Path(env)
    refreshed = refreshed_catalog_path()
    if refreshed.is_file():
        return refreshed
    return embedded_catalog_path()


def embedded_catalog_path() -> Path:
    """The embedded catalog, unpacked into the cache folder on first use."""
    archive = embedded_archive()
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()[:16]
    target = cache_dir() / f"catalog-{digest}.sqlite"
    if not target.is_file():
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


@functools.lru_cache(maxsize=4)
def _open(path: str) -> SQLiteCatalog:
    return SQLiteCatalog(path)


def default_catalog() -> SQLiteCatalog:
    """The catalog estimates use unless given another (opened once per path).

    >>> default_catalog().price_date() is not None
    True
    """
    return _open(str(default_catalog_path()))
