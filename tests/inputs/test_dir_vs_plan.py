"""The estimate of a directory equals the estimate of the plan JSON of the same configuration, per cloud.

terraform cannot run here (no providers, no credentials), so each fixtures/<cloud>/plan.json was written by hand
in terraform's documented plan format (format_version 1.2: planned_values, resource_changes with after_unknown,
configuration with provider_config), as `terraform show -json` gives it for the main.tf beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import costlib
from costlib.models import Estimate

FIXTURES = Path(__file__).parent / "fixtures"


def components(est: Estimate) -> dict[str, tuple[str, str | None, list[tuple[str, str | None, str | None]]]]:
    return {r.address: (r.status.value, None if r.monthly_cost is None else str(r.monthly_cost.amount),
                        [(c.name, str(c.component.monthly_quantity), None if c.monthly_cost is None
                          else str(c.monthly_cost.amount)) for c in r.components])
            for r in est.resources}


@pytest.mark.parametrize("cloud", ["aws", "azure", "gcp"])
def test_directory_and_plan_give_the_same_estimate(cloud: str) -> None:
    from_dir = costlib.estimate([FIXTURES / cloud])
    from_plan = costlib.estimate([FIXTURES / cloud / "plan.json"])
    assert from_dir.total_monthly_cost == from_plan.total_monthly_cost
    assert from_dir.total_monthly_cost.amount > 0
    assert components(from_dir) == components(from_plan)
    assert dict(from_dir.summary) == dict(from_plan.summary)
    assert {r.address: r.region for r in from_dir.resources} == {r.address: r.region for r in from_plan.resources}


def test_the_example_terraform_code_gives_the_example_plans_estimate() -> None:
    """examples/terraform is the code examples/plan.json is the plan of (the CI examples diff it against a git ref)."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    usage = examples / "usage.yml"
    from_dir = costlib.estimate([examples / "terraform"], usage=usage)
    from_plan = costlib.estimate([examples / "plan.json"], usage=usage)
    assert components(from_dir) == components(from_plan)
    assert {r.address: r.region for r in from_dir.resources} == {r.address: r.region for r in from_plan.resources}
    assert str(from_dir.total_monthly_cost.amount).startswith("567.88")
