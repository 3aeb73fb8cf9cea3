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


def test_everyones_budget_takes_the_whole_change_with_what_no_team_has() -> None:
    """A budget of no team and no environment (config.example.yaml's company-monthly) is every team's: the change's
    whole monthly cost counts for it, what no rule gives to a team included, in the lines and in the JSON."""
    from datetime import date

    from costlib.policy.impact import BudgetFigures, TeamSplit, ThresholdLine, budget_impact

    def budget(name: str, team: str | None, amount: str, forecast: str, **extra: object) -> BudgetFigures:
        return BudgetFigures(name=name, team=team, amount=Money(amount, "USD"), period_start=date(2026, 11, 1),
                             period_end=date(2026, 12, 1), actual=Money("100", "USD"), forecast=Money(forecast, "USD"),
                             forecast_method="month-to-date run-rate", **extra)  # type: ignore[arg-type]

    split = TeamSplit(currency="USD", monthly={"web": Money("365", "USD"), "data": Money("73", "USD")},
                      addresses={"web": ("a",), "data": ("b",)}, unattributed=("c",),
                      unattributed_monthly=Money("292", "USD"))
    company = budget("company-monthly", None, "1000", "900",
                     thresholds=(ThresholdLine(label="100%", kind="forecast", limit=Money("1000", "USD")),))
    shop = budget("shop-dev-monthly", None, "50", "10", environment="shop-dev")  # an environment's: not everyone's
    impact = budget_impact([budget("web-monthly", "web", "500", "400"), company, shop], split, as_of=date(2026, 11, 21))
    # 365 + 73 + 292 = 730 a month; 10 days left of November: 730 x 240 / 730 = 240
    assert impact.lines()[-2] == ("all teams: +$730.00/month -> budget company-monthly $1,000.00: actual $100.00, "
                                  "forecast $900.00 (90.0%) -> $1,140.00 (114.0%); would cross 100%")
    doc = impact.to_json()["all_teams"]
    assert doc["monthly_cost"] == "730" and [b["budget"] for b in doc["budgets"]] == ["company-monthly"]
    assert doc["budgets"][0]["would_cross"] == ["100%"]
    alone = budget_impact([budget("web-monthly", "web", "500", "400")], split, as_of=date(2026, 11, 21))
    assert alone.to_json()["all_teams"] == {"monthly_cost": None, "budgets": []}
    assert not any(line.startswith("all teams") for line in alone.lines())
