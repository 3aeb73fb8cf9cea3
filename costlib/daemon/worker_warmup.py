"""Imported by the fork server of :mod:`costlib.daemon.workers` (never by the daemon itself): the estimator's
modules, its registry of resource types and the catalog's set-up are made ready once, so each child forked for a
request starts warm. The catalog's connection is closed again: each child opens its own (SQLite connections do not
cross a fork). Everything loaded so far is frozen out of the garbage collector's reach (``gc.freeze``): a child
never scans the server's heap again, and its pages stay shared."""

from __future__ import annotations

import gc

from costlib.catalog.default import default_catalog
from costlib.daemon.estimating import estimate_document

__all__: list[str] = []

estimate_document(None, [{"name": "warm-up", "type": "compute.instance", "provider": "aws", "region": "us-east-1",
                          "size": "t3.micro"}], None, "USD", "warm-up")
default_catalog().close()
gc.freeze()
