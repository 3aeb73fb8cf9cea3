"""Property tests: random attribute and usage values give every resource a status, never an exception.

Wrong types, huge and negative numbers, NaN, unicode, lists where blocks belong and blocks where words
belong: whatever a plan or spec file carries, ``estimate()`` answers for that resource and goes on.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import costlib
from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.store import SQLiteCatalog
from costlib.models import ResourceSpec, Status
from costlib.report import estimate_json, estimate_markdown
from costlib.resources import registry

CATALOG = SQLiteCatalog(embedded_catalog_path())
TYPES = registry.supported_types()
REGIONS = {"aws": "us-east-1", "azure": "westeurope", "gcp": "us-central1"}

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["1e999999", "-1", "NaN", "Infinity", "two", "huge", "1e30", "0", "", " ", "日本", "gp3",
                     "Standard_D2s_v5", "STANDARD", "true"]),
    st.decimals(allow_nan=True, allow_infinity=True),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)


def _fields(model: Any) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items() if name != "region"]


@st.composite
def resources(draw: st.DrawFn) -> ResourceSpec:
    rt = registry.lookup(draw(st.sampled_from(TYPES)))
    attrs: dict[str, Any] = dict(rt.example)
    for key in draw(st.lists(st.sampled_from(_fields(rt.inputs) or ["x"]), max_size=4)):
        attrs[key] = draw(values)
    usage: dict[str, Any] = {}
    keys = _fields(rt.usage)
    if keys:
        for key in draw(st.lists(st.sampled_from(keys), max_size=3)):
            usage[key] = draw(values)
    return ResourceSpec(address=f"{rt.name}.fuzz", type=rt.name, provider=rt.provider,
                        region=REGIONS[rt.provider], attributes=attrs, usage=usage)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=resources())
def test_random_values_give_a_status_never_an_exception(spec: ResourceSpec) -> None:
    est = costlib.estimate([spec], catalog=CATALOG)
    (res,) = est.resources
    assert res.status in set(Status)
    if res.status is not Status.PRICED:
        assert res.message or res.status in (Status.USAGE_BASED, Status.FREE)
    if res.monthly_cost is not None:
        assert res.monthly_cost.amount.is_finite()
        assert res.monthly_cost.amount < Decimal(10) ** 16, "an implausible total passed the input checks"
    estimate_json(est)  # the renderers take whatever the estimate holds
    estimate_markdown(est)
