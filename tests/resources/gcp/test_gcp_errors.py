"""Configurations GCP refuses (or costlib cannot read) give a clear error naming what is wrong, per resource."""

from __future__ import annotations

from typing import Any

import pytest

from costlib.errors import InputError
from tests.resources.table import Case, rows_of


@pytest.mark.parametrize(("rtype", "attrs", "needle"), [
    ("google_cloud_run_v2_service", {"template": [{"containers": [{"resources": [{"limits": {"memory": "lots"}}]}]}]},
     "memory 'lots' is not a quantity"),
    ("google_cloud_run_v2_service", {"template": [{"containers": [{"resources": [{"limits": {"cpu": "0"}}]}]}]},
     "cpu '0' is outside 0-64 vCPUs"),
    ("google_cloud_run_service", {"template": [{"metadata": [{"annotations": {
        "autoscaling.knative.dev/minScale": "two"}}]}]}, "minScale is not a whole number"),
    ("google_cloudfunctions2_function", {"service_config": [{"available_memory": "9Pi"}]}, "is not a quantity"),
    ("google_alloydb_instance", {"machine_config": [{"machine_type": "e2-medium"}]}, "not an AlloyDB shape"),
    ("google_sql_database_instance", {"settings": [{"tier": "db-f1-micro", "edition": "ENTERPRISE_PLUS"}]},
     "is not priced for ENTERPRISE_PLUS"),
])
def test_refused(rtype: str, attrs: dict[str, Any], needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        rows_of(Case("refused", rtype, attrs, []))


def test_unknown_choice_names_the_attribute() -> None:
    with pytest.raises(InputError, match="load_balancing_scheme: unknown load balancing scheme 'WRONG'"):
        rows_of(Case("bad scheme", "google_compute_forwarding_rule", {"load_balancing_scheme": "WRONG"}, []))
