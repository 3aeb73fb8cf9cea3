"""``--fail-above`` fails closed: a total that leaves resources out cannot show the real cost is within the limit.

Exit codes (README, "Exit codes"): 0 within the limit and complete, 4 above it, 5 not above it but with
resources left out (named, with the reason), unless ``--allow-incomplete``; 1 for a limit that is not an amount.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from costlib.cli.main import EXIT_INCOMPLETE, EXIT_OVER_LIMIT
from tests.cli.conftest import REPO, run

PLAN = str(REPO / "examples" / "plan.json")
USAGE = str(REPO / "examples" / "usage.yml")


def test_usage_based_resources_without_usage_fail_the_gate() -> None:
    r = run("estimate", PLAN, "--fail-above", "1000")
    assert r.code == EXIT_INCOMPLETE == 5
    assert "Total monthly cost: $540.19" in r.out  # the estimate is still shown
    assert ("costlib: cannot tell whether the monthly total is within --fail-above $1,000.00: $540.19/month leaves "
            "out 4 resources not (fully) priced:") in r.err
    assert ("  aws_s3_bucket.assets: usage_based: costs depend on usage: monthly_tier_1_requests, "
            "monthly_tier_2_requests, storage_gb") in r.err
    assert "  aws_lambda_function.thumbnails: usage_based: costs depend on usage: " in r.err
    # priced, but a usage-based part is open: its figure is a lower bound, so it counts too
    assert ("  aws_nat_gateway.egress: usage_based: Data processed not in its figure: give monthly_data_processed_gb "
            "in a usage file (0 where there is none)") in r.err
    assert "  aws_lb.front: usage_based: Load balancer capacity units (LCU) not in its figure" in r.err
    assert "pass --allow-incomplete to compare the priced part only" in r.err


def test_allow_incomplete_compares_the_priced_part_and_says_so() -> None:
    r = run("estimate", PLAN, "--fail-above", "1000", "--allow-incomplete")
    assert r.code == 0
    assert ("costlib: warning: --allow-incomplete: compared the priced part only; 4 resources not (fully) priced: "
            "aws_lb.front, aws_nat_gateway.egress, aws_s3_bucket.assets, aws_lambda_function.thumbnails") in r.err


def test_a_complete_estimate_passes_and_over_the_limit_is_4_whatever_is_left_out() -> None:
    assert run("estimate", PLAN, "--usage", USAGE, "--fail-above", "1000").code == 0
    r = run("estimate", PLAN, "--fail-above", "100")
    assert r.code == EXIT_OVER_LIMIT == 4  # the priced part alone is above: the rest only adds to it
    assert "costlib: $540.19/month is above the limit of $100.00 (and 4 resources not (fully) priced would add" in r.err


def test_unsupported_and_unpriced_resources_fail_the_gate_by_name(tmp_path: Path) -> None:
    spec = tmp_path / "env.yaml"
    spec.write_text("resources:\n"
                    "  - {name: web, type: compute.instance, provider: aws, region: us-east-1, size: m5.large}\n"
                    "  - {name: ml, type: aws_sagemaker_endpoint, provider: aws, region: us-east-1}\n"
                    "  - {name: big, type: compute.instance, provider: aws, region: us-east-1, size: m9.gigantic}\n")
    r = run("estimate", str(spec), "--fail-above", "500")
    assert r.code == EXIT_INCOMPLETE
    assert "leaves out 2 resources not (fully) priced:" in r.err
    assert "  ml: unsupported: aws_sagemaker_endpoint is not supported yet" in r.err
    assert "  big: price_not_found: " in r.err and "m9.gigantic" in r.err
    assert run("estimate", str(spec), "--fail-above", "500", "--allow-incomplete").code == 0


@pytest.mark.parametrize(("limit", "says"), [
    ("-5", "--fail-above '-5' is negative: the limit is a monthly amount of 0 or more"),
    ("$-5", "--fail-above '$-5' is negative"),
    ("-0.01 USD", "--fail-above '-0.01 USD' is negative"),
    ("NaN", "--fail-above 'NaN' is not an amount"),
])
def test_a_negative_or_non_amount_limit_is_refused(limit: str, says: str) -> None:
    r = run("estimate", PLAN, "--fail-above", limit)
    assert r.code == 1 and says in r.err
    assert r.out == ""  # refused before anything is estimated


def test_a_zero_limit_is_a_limit() -> None:
    assert run("estimate", PLAN, "--usage", USAGE, "--fail-above", "0").code == EXIT_OVER_LIMIT


def _specs(path: Path, *lines: str) -> str:
    path.write_text("resources:\n" + "".join(f"  - {line}\n" for line in lines) if lines else "resources: []\n")
    return str(path)


WEB = "{name: web, type: compute.instance, provider: aws, region: us-east-1, size: m5.large}"
BUCKET = "{name: assets, type: aws_s3_bucket, provider: aws, region: us-east-1}"


def test_diff_gate_fails_closed_on_what_a_change_adds(tmp_path: Path) -> None:
    before = _specs(tmp_path / "before.yaml", WEB)
    after = _specs(tmp_path / "after.yaml", WEB, BUCKET)  # a new bucket: its cost depends on usage not given
    r = run("diff", before, after, "--fail-above", "50")
    assert r.code == EXIT_INCOMPLETE
    assert "cannot tell whether the monthly increase is within --fail-above $50.00" in r.err
    assert "  assets: usage_based: " in r.err
    assert run("diff", before, after, "--fail-above", "50", "--allow-incomplete").code == 0


def test_diff_gate_ignores_what_only_lowers_the_delta(tmp_path: Path) -> None:
    bigger = "{name: web, type: compute.instance, provider: aws, region: us-east-1, size: m5.xlarge}"
    # the unpriced bucket is there before and after, unchanged: it adds nothing to the increase
    r = run("diff", _specs(tmp_path / "b.yaml", WEB, BUCKET), _specs(tmp_path / "a.yaml", bigger, BUCKET),
            "--fail-above", "100")
    assert r.code == 0, r.err
    assert run("diff", _specs(tmp_path / "b.yaml", WEB, BUCKET), _specs(tmp_path / "a.yaml", bigger, BUCKET),
               "--fail-above", "50").code == EXIT_OVER_LIMIT  # +$70.08
    # deleting it can only lower the cost: the delta shown is then the larger one
    r = run("diff", _specs(tmp_path / "b2.yaml", WEB, BUCKET), _specs(tmp_path / "a2.yaml", WEB), "--fail-above", "10")
    assert r.code == 0, r.err
