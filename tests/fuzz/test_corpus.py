"""The seed corpus (:mod:`tests.fuzz.corpus`): every crash issue 18 lists, as the file that caused it, through the
entry point that crashed. Each answers with a clean error naming its file (and what it is about), or is read,
with every billable resource in the estimate under the status the case says."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from costlib.daemon.config import load_config
from costlib.errors import ConfigError, InputError
from costlib.estimate import estimate
from costlib.inputs import load_spec_document
from costlib.spend.base import SpendWindow
from costlib.spend.focus import FocusFileSource
from tests.fuzz import corpus
from tests.fuzz._entry import CATALOG, SEPTEMBER, render

EXAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "config.example.yaml"
PLAN = Path(__file__).resolve().parents[2] / "examples" / "plan.json"


@pytest.mark.parametrize("name", sorted(corpus.PLANS))
def test_a_broken_plan_is_a_clean_error_naming_the_file(name: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(corpus.PLANS[name])
    with pytest.raises(InputError) as err:
        estimate([path], catalog=CATALOG)
    assert str(path) in str(err.value)


def test_the_errors_of_the_plan_corpus_say_what_is_wrong(tmp_path: Path) -> None:
    said = {}
    for name, data in corpus.PLANS.items():
        path = tmp_path / f"{len(said)}.json"
        path.write_bytes(data)
        with pytest.raises(InputError) as err:
            estimate([path], catalog=CATALOG)
        said[name] = err.value.message
    assert said["deeply nested JSON"].startswith("nested deeper than 64 levels")
    assert said["deeply nested values"].startswith("nested deeper than 64 levels")
    assert said["latin-1 plan"].startswith("not UTF-8 text")
    assert said["NaN literal"] == "NaN is not a number costlib reads (a finite decimal, please)"
    assert said["Infinity literal"].startswith("-Infinity is not a number")
    assert "too large" in said["1e999 float"] and "5,000 digits" in said["5000-digit integer"]
    assert "binary Terraform plan" in said["binary plan (zip)"] and "gzip" in said["gzip archive"]
    assert "UTF-32" in said["UTF-32 text"] and "not valid JSON" in said["empty file"]


@pytest.mark.parametrize("name", sorted(corpus.PLANS_READ))
def test_a_plan_that_once_crashed_or_dropped_is_estimated_whole(name: str, tmp_path: Path) -> None:
    data, expected = corpus.PLANS_READ[name]
    path = tmp_path / "plan.json"
    path.write_bytes(data)
    est = estimate([path], catalog=CATALOG)
    got = {r.address: r for r in est.resources}
    assert set(got) == set(expected), "a billable resource vanished"
    for address, (status, word) in expected.items():
        assert got[address].status.value == status, (address, got[address].message)
        assert word in (got[address].message or ""), got[address].message
    render(est)


def test_resources_of_providers_that_are_no_cloud_stay_out(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(corpus.NOT_BILLABLE)
    assert [r.address for r in estimate([path], catalog=CATALOG).resources] == ["aws_instance.web"]


@pytest.mark.parametrize("name", sorted(corpus.SPECS))
def test_a_broken_spec_file_is_a_clean_error_naming_the_file(name: str, tmp_path: Path) -> None:
    data, word = corpus.SPECS[name]
    path = tmp_path / "env.yaml"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        estimate([path], catalog=CATALOG)
    assert str(path) in str(err.value) and word in str(err.value), str(err.value)


def test_a_150_byte_count_bomb_is_refused_at_once_in_little_memory(tmp_path: Path) -> None:
    data, _ = corpus.SPECS["count: 100000000 in 150 bytes"]
    assert len(data) <= 150
    path = tmp_path / "env.yaml"
    path.write_bytes(data)
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(InputError, match="over the limit"):
        estimate([path], catalog=CATALOG)
    import yaml

    with pytest.raises(InputError, match="over the limit"):  # the same document as a service is sent it
        load_spec_document(yaml.safe_load(data))
    took = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert took < 2 and peak < 20 * 1024 * 1024, (took, peak)


@pytest.mark.parametrize("name", sorted(corpus.SPECS_READ))
def test_a_spec_file_that_once_crashed_is_estimated_whole(name: str, tmp_path: Path) -> None:
    data, expected = corpus.SPECS_READ[name]
    path = tmp_path / "env.yaml"
    path.write_bytes(data)
    est = estimate([path], catalog=CATALOG)
    assert {r.address: r.status.value for r in est.resources} == expected
    render(est)


@pytest.mark.parametrize("name", sorted(corpus.USAGE))
def test_a_broken_usage_file_is_a_clean_error_naming_the_file(name: str, tmp_path: Path) -> None:
    data, word = corpus.USAGE[name]
    path = tmp_path / "usage.yml"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        estimate([PLAN], catalog=CATALOG, usage=path)
    assert str(path) in str(err.value) and word in str(err.value), str(err.value)


def _config(tmp_path: Path, change: tuple[str, str] | bytes) -> Path:
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    path = tmp_path / "config.yaml"
    if isinstance(change, bytes):
        path.write_bytes(change if not change.startswith(b"#") else text.encode("latin-1", "replace") + change)
    else:
        old, new = change
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(corpus.CONFIGS))
def test_a_broken_config_is_a_config_error_naming_the_file(name: str, tmp_path: Path) -> None:
    change, word = corpus.CONFIGS[name]
    path = _config(tmp_path, change)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value) and word in str(err.value), str(err.value)


@pytest.mark.parametrize("name", sorted(corpus.FOCUS))
def test_a_broken_focus_row_is_refused_naming_file_and_row(name: str, tmp_path: Path) -> None:
    data, word = corpus.FOCUS[name]
    path = tmp_path / "focus.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        FocusFileSource("seed", [str(path)]).fetch(SpendWindow(*SEPTEMBER))
    assert f"{path}:2" in str(err.value) and word in str(err.value), str(err.value)


@pytest.mark.parametrize("name", sorted(corpus.FOCUS_SPEND))
def test_a_blank_charge_period_or_cost_is_never_dropped_or_zero_silently(name: str, tmp_path: Path) -> None:
    path = tmp_path / "focus.csv"
    path.write_bytes(corpus.FOCUS_SPEND[name])
    with pytest.raises(InputError) as err:
        FocusFileSource("seed", [str(path)]).fetch(SpendWindow(*SEPTEMBER))
    assert f"{path}:3" in str(err.value) and "blank" in str(err.value), str(err.value)
