"""team_shares on a large plan: the work grows with the number of resources, not with its square."""

from __future__ import annotations

from costlib.models import ResourceEstimate, ResourceSpec, Status
from costlib.money import Money
from costlib.policy.impact import Attribution, team_shares


class CountedAddress(str):
    """An address that counts how often it is compared for equality (a list's ``in`` compares every element)."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        CountedAddress.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _box(address: str, tags: dict[str, str]) -> ResourceEstimate:
    return ResourceEstimate(spec=ResourceSpec(address=CountedAddress(address), type="aws_instance", provider="aws",
                                              attributes={"tags": tags}),
                            status=Status.PRICED, monthly_cost=Money("1.25", "USD"))


def test_team_shares_compares_each_address_a_bounded_number_of_times() -> None:
    # 2,000 resources of one team and 2,000 of none: the addresses behind a team were kept in a list searched per
    # resource, and the unattributed total searched the list of unattributed addresses per resource: n^2 / 2
    # comparisons each (a 100,000-resource plan, the default limit, took ~45 s: past the daemon's estimate_seconds)
    n = 2000
    resources = [_box(f"aws_instance.a[{i}]", {"team": "web"} if i % 2 else {}) for i in range(2 * n)]
    CountedAddress.comparisons = 0
    split = team_shares(resources, Attribution(), "USD")
    assert CountedAddress.comparisons < 4 * len(resources), CountedAddress.comparisons
    assert split.monthly == {"web": Money("2500.00", "USD")}
    assert split.addresses["web"] == tuple(f"aws_instance.a[{i}]" for i in range(1, 2 * n, 2))
    assert split.unattributed == tuple(f"aws_instance.a[{i}]" for i in range(0, 2 * n, 2))
    assert split.unattributed_monthly == Money("2500.00", "USD")
