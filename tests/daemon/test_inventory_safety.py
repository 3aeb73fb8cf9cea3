"""Grouping resources into environments never makes a stop less safe: disagreeing members are conflicts (never
stopped), a protection tag on any member protects the whole, times keep their offsets."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from costlib.daemon.inventory import _group, from_file, from_spend
from costlib.money import Money
from costlib.policy.ttl import TtlRules, evaluate_environments, is_protected
from costlib.spend.base import SpendRecord

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_members_that_disagree_make_a_conflict_and_protection_spreads() -> None:
    items = [("arn:a", {"environment": "dev", "team": "data"}, None),
             ("arn:b", {"environment": "dev", "team": "web", "ttl": "1d"}, None),
             ("arn:c", {"environment": "pr-7", "team": "web", "expires-at": "2026-11-01"}, None),
             ("arn:d", {"environment": "pr-7", "team": "web", "Do-Not-Delete": "True"}, None)]
    dev, pr7 = _group(items, name_tag="environment", provider="AWS", team_tag="team", owner_tag="owner")
    assert dev.conflicts == ("its resources disagree on team: data, web",)
    assert pr7.conflicts == () and is_protected(pr7, TtlRules())  # one protected member protects the whole
    rules = TtlRules(shutdown_teams=frozenset({"web", "data"}), dry_run=False)
    notices = {f"ttl:{e.name}:{x.isoformat()}:expired": datetime(2026, 11, 2, tzinfo=UTC)
               for e in (dev, pr7) for x in [datetime(2026, 11, 1, tzinfo=UTC)]}
    assert not any(d.shutdown for d in evaluate_environments([dev, pr7], now=NOW, rules=rules, notices=notices))


def _rec(day: int, resource: str, **tags: str) -> SpendRecord:
    start = datetime(2026, 11, day, tzinfo=UTC)
    return SpendRecord(billed_cost=Money("2", "USD"), charge_period_start=start, charge_period_end=start.replace(
        day=day + 1), provider_name="AWS", tags=tags, resource_id=resource)


def test_a_resource_billed_under_two_environments_is_a_conflict_in_both() -> None:
    records = [_rec(1, "vm1", app="shop", env="pr-7", team="web"), _rec(2, "vm1", app="shop", env="pr-7", team="web"),
               _rec(10, "vm1", app="shop", env="staging", team="web", **{"do-not-delete": "true"}),
               _rec(10, "vm2", app="shop", env="pr-7", team="web")]
    envs = {e.name: e for e in from_spend(records, name_tags=["app", "env"], team_tag="team", owner_tag="owner",
                                          kind_tag="env", as_of=date(2026, 11, 20))}
    assert envs["shop-pr-7"].conflicts == ("vm1 is also billed under shop-staging",)
    assert envs["shop-staging"].conflicts == ("vm1 is also billed under shop-pr-7",)


def test_inventory_file_times_keep_their_offset(tmp_path: Path) -> None:
    inv = tmp_path / "envs.yaml"
    inv.write_text("environments:\n  - {name: a, team: web, created_at: '2026-11-20T09:00:00-05:00',"
                   " last_activity: 2026-11-20T10:00:00Z}\n  - {name: b, team: web, created_at: 2026-11-20}\n")
    a, b = from_file(inv, estimate=False)
    assert a.created_at == datetime(2026, 11, 20, 14, tzinfo=UTC)
    assert a.last_activity == datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert b.created_at == datetime(2026, 11, 20, tzinfo=UTC)
