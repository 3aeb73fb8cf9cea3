"""TTL stages, extension, snooze, idle, protection and opt-in shutdown, with pinned time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from costlib.errors import InputError
from costlib.money import Money
from costlib.policy.alerts import AlertKind
from costlib.policy.ttl import Environment, EnvState, TtlRules, evaluate_environments, expiry_of, parse_duration

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def env(**kw: object) -> Environment:
    base: dict[str, object] = {"name": "pr-7", "team": "web", "created_at": T0, "tags": {"ttl": "7d"}}
    base.update(kw)
    return Environment(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("hours_after_creation", "stages"), [
    (24, []),                 # 6 days left
    (4 * 24 + 1, ["3d"]),     # 2d23h left
    (6 * 24 + 1, ["1d"]),     # 23h left
    (7 * 24 + 1, ["expired"]),
])
def test_stages(hours_after_creation: int, stages: list[str]) -> None:
    out = evaluate_environments([env()], now=T0 + timedelta(hours=hours_after_creation), rules=TtlRules())
    assert [d.stage for d in out] == stages


def test_each_stage_key_is_stable_and_extension_rearms() -> None:
    now = T0 + timedelta(days=6, hours=1)
    first = evaluate_environments([env()], now=now, rules=TtlRules())
    again = evaluate_environments([env()], now=now + timedelta(hours=2), rules=TtlRules())
    assert first[0].alert and again[0].alert and first[0].alert.key == again[0].alert.key  # dedup by key
    extended = EnvState(extended_until=T0 + timedelta(days=14))
    out = evaluate_environments([env()], now=now, rules=TtlRules(), states={"pr-7": extended})
    assert out == []  # 8 days left now
    later = evaluate_environments([env()], now=T0 + timedelta(days=13, hours=1), rules=TtlRules(),
                                  states={"pr-7": extended})
    assert later[0].alert is not None and later[0].alert.key != first[0].alert.key


def test_expiry_sources() -> None:
    rules = TtlRules(default_ttl={"dev": timedelta(days=14)})
    assert expiry_of(env(tags={"expires-at": "2026-11-20"}), rules)[0] == datetime(2026, 11, 20, tzinfo=UTC)
    assert expiry_of(env(tags={}, kind="dev"), rules) == (T0 + timedelta(days=14), "default TTL for dev")
    assert expiry_of(env(tags={"ttl": "forever"}), rules)[0] is None
    assert expiry_of(env(tags={"ttl": "7d", "extend-until": "2026-12-01"}), rules)[1] == "extended"
    with pytest.raises(InputError, match="not like"):
        parse_duration("a week")
    with pytest.raises(InputError, match="not like"):
        parse_duration("0")  # not a silent "forever"
    with pytest.raises(InputError, match="expires-at"):
        expiry_of(env(tags={"expires-at": "soon"}), rules)


def test_snooze_silences_until_it_ends() -> None:
    now = T0 + timedelta(days=8)
    snoozed = {"pr-7": EnvState(snoozed_until=now + timedelta(days=1))}
    assert evaluate_environments([env()], now=now, rules=TtlRules(), states=snoozed) == []
    assert evaluate_environments([env()], now=now + timedelta(days=2), rules=TtlRules(), states=snoozed)


def test_shutdown_only_opted_in_after_a_warning_and_grace_never_protected() -> None:
    expired = T0 + timedelta(days=7, hours=12)
    opted = TtlRules(shutdown_teams=frozenset({"web"}))
    (warned,) = evaluate_environments([env()], now=expired, rules=opted)
    assert warned.stage == "expired" and warned.alert is not None
    notices = {warned.alert.id: expired}  # the expired warning was recorded at `expired` (the ledger keeps ids)
    just_before = expired + timedelta(hours=23)
    assert [d.stage for d in evaluate_environments([env()], now=just_before, rules=opted, notices=notices)] == [
        "expired"]
    after_grace = expired + timedelta(days=1)
    (d,) = evaluate_environments([env()], now=after_grace, rules=opted, notices=notices)
    assert d.shutdown and d.dry_run and d.alert is not None and d.alert.kind is AlertKind.SHUTDOWN
    assert "would be stopped (dry run)" in d.alert.title
    (live,) = evaluate_environments([env()], now=after_grace, rules=TtlRules(shutdown_teams=frozenset({"web"}),
                                                                            dry_run=False), notices=notices)
    assert live.shutdown and not live.dry_run
    for tags in ({"do-not-delete": "true"}, {"Do-Not-Delete": "True"}, {"do-not-delete": "true "},
                 {"DO-NOT-DELETE": "on"}, {"do-not-delete": ""}):  # any case, any value but an explicit no
        protected = env(tags={"ttl": "7d", **tags})
        assert [x.stage for x in evaluate_environments([protected], now=after_grace, rules=opted,
                                                        notices=notices)] == ["expired"], tags
    unprotected = env(tags={"ttl": "7d", "do-not-delete": "false"})
    assert evaluate_environments([unprotected], now=after_grace, rules=opted, notices=notices)[0].shutdown
    assert [x.stage for x in evaluate_environments([env(team="data")], now=after_grace, rules=opted,
                                                   notices=notices)] == ["expired"]
    conflicted = env(conflicts=("resources tagged for teams data and web",))
    assert not any(x.shutdown for x in evaluate_environments([conflicted], now=after_grace, rules=opted,
                                                             notices=notices))


def test_never_stopped_without_an_earlier_warning() -> None:
    """First seen long after expiry + grace (a new source, a past expires-at, a daemon that was down): warn first."""
    rules = TtlRules(shutdown_teams=frozenset({"web"}), dry_run=False)
    late = env(tags={"expires-at": "2026-10-01"})
    assert [d.stage for d in evaluate_environments([late], now=T0 + timedelta(days=20), rules=rules)] == ["expired"]


def test_a_snooze_postpones_shutdown_and_grace_restarts_when_it_ends() -> None:
    rules = TtlRules(shutdown_teams=frozenset({"web"}), dry_run=False)
    expired = T0 + timedelta(days=8)
    (warned,) = evaluate_environments([env()], now=expired, rules=rules)
    assert warned.alert is not None
    notices = {warned.alert.id: expired}
    snooze_end = expired + timedelta(days=5)
    state = {"pr-7": EnvState(snoozed_until=snooze_end)}
    assert evaluate_environments([env()], now=expired + timedelta(days=3), rules=rules, states=state,
                                 notices=notices) == []  # snoozed: no warning, no stop
    after = evaluate_environments([env()], now=snooze_end + timedelta(hours=1), rules=rules, states=state,
                                  notices=notices)
    assert [d.stage for d in after] == ["expired"]  # not stopped the moment the snooze ends
    later = evaluate_environments([env()], now=snooze_end + timedelta(days=1), rules=rules, states=state,
                                  notices=notices)
    assert later[0].shutdown


def test_a_bad_tag_warns_for_that_environment_and_the_rest_go_on() -> None:
    rules = TtlRules(shutdown_teams=frozenset({"web"}), dry_run=False)
    bad = env(name="typo", tags={"ttl": "2 weeks"})
    out = evaluate_environments([bad, env()], now=T0 + timedelta(days=7, hours=1), rules=rules)
    assert [(d.environment.name, d.stage) for d in out] == [("typo", "bad_tag"), ("pr-7", "expired")]
    assert out[0].alert is not None and "cannot be read" in out[0].alert.title and not out[0].shutdown
    assert "'2 weeks' is not like" in out[0].alert.summary


def test_idle_once_per_last_activity() -> None:
    e = env(tags={}, last_activity=T0, monthly_cost=Money("120", "USD"), cost_basis="estimate")
    out = evaluate_environments([e], now=T0 + timedelta(days=6), rules=TtlRules())
    assert [d.stage for d in out] == ["idle"]
    assert out[0].alert is not None and "$120.00/month" in out[0].alert.summary
    assert evaluate_environments([e], now=T0 + timedelta(days=2), rules=TtlRules()) == []


def test_warning_stages_never_share_a_label() -> None:
    rules = TtlRules(warn_before=(timedelta(hours=36), timedelta(hours=24)))
    stages = [evaluate_environments([env()], now=T0 + timedelta(days=7) - left, rules=rules)[0].stage
              for left in (timedelta(hours=30), timedelta(hours=20))]
    assert stages == ["36h", "1d"]  # both used to be "1d", one key: the second warning was dropped
