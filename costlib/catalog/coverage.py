"""Offline price coverage: for each resource of an estimate, whether the catalog prices it fully, partly or not.

Pure: it reads the public :class:`~costlib.models.Estimate` model. A resource is ``priced`` when every
component that needs a catalog price found one (a usage-based component whose unit price was found counts:
the price is there, only the usage is not), ``partly`` when some did, ``missing`` when none did (or the
resource could not be priced at all), ``free`` or ``unsupported`` as the estimate says. The oldest effective
date among the prices found is the date to judge it by.

>>> from costlib.models import Estimate
>>> summarize(Estimate.of([], "USD"))
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from costlib.models import Estimate, ResourceEstimate, Status

__all__ = ["Availability", "Coverage", "summarize"]


class Availability(StrEnum):
    PRICED = "priced"
    PARTLY = "partly"
    MISSING = "missing"
    FREE = "free"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Coverage:
    """One resource's offline price availability, the oldest price it uses, and what is missing."""

    address: str
    type: str
    provider: str
    region: str
    availability: Availability
    oldest: date | None
    found: int
    needed: int
    missing: tuple[str, ...] = ()


def _one(res: ResourceEstimate) -> Coverage:
    region = res.spec.region or ""
    if res.status is Status.FREE:
        return Coverage(res.address, res.type, res.provider, region, Availability.FREE, None, 0, 0)
    if res.status is Status.UNSUPPORTED:
        return Coverage(res.address, res.type, res.provider, region, Availability.UNSUPPORTED, None, 0, 0,
                        (res.message or "not supported",))
    needing = [c for c in res.components if c.component.query is not None and c.status is not Status.UNSUPPORTED]
    found = [c for c in needing if c.price is not None]
    missing = tuple(f"{c.name}: {c.component.query.describe()}" for c in needing
                    if c.price is None and c.component.query is not None)
    if not res.components and res.status is Status.PRICE_NOT_FOUND:
        missing = (res.message or "price not found",)
    dates = [c.price.effective_date for c in found if c.price is not None]
    if needing and len(found) == len(needing):
        kind = Availability.PRICED
    elif found:
        kind = Availability.PARTLY
    elif needing or res.status is Status.PRICE_NOT_FOUND:
        kind = Availability.MISSING
    else:  # only fixed prices (no catalog query): nothing offline is needed
        kind = Availability.PRICED
    return Coverage(res.address, res.type, res.provider, region, kind, min(dates) if dates else None, len(found),
                    len(needing), missing)


def summarize(estimate: Estimate) -> list[Coverage]:
    """The coverage of every resource of ``estimate``, in its order."""
    return [_one(res) for res in estimate.resources]
