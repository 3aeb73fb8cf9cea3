"""Estimate benchmark: a 10,000-resource Terraform plan in under 2 s and 300 MB RSS, savings findings included
(they add under 60% to the same estimate without them: every instance, volume and database of the plan has an
alternative to price).

Baseline in the same run: reading and parsing the plan alone (``plan_specs``). Run:
``.venv/bin/python benchmarks/bench_estimate.py``.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import report

from costlib.catalog.default import default_catalog
from costlib.estimate import estimate
from costlib.inputs import load_plan, plan_specs

TYPES = [
    ("aws_instance", lambda r: {"instance_type": r.choice(["t3.micro", "m5.large", "c5.xlarge", "r5.2xlarge"]),
                                "root_block_device": [{"volume_size": 30, "volume_type": "gp3"}]}),
    ("aws_ebs_volume", lambda r: {"type": r.choice(["gp2", "gp3", "io1"]), "size": r.randint(10, 1000), "iops": 4000}),
    ("aws_db_instance", lambda r: {"instance_class": "db.t3.large", "engine": "postgres", "allocated_storage": 100}),
    ("aws_lambda_function", lambda r: {"memory_size": 512}),
    ("aws_nat_gateway", lambda r: {}),
    ("aws_security_group", lambda r: {"name": "sg"}),
]


def make_plan(n: int) -> dict[str, object]:
    rng = random.Random(1)
    resources = []
    for i in range(n):
        rtype, values = TYPES[i % len(TYPES)]
        resources.append({"address": f"module.m{i // 100}.{rtype}.r[{i}]", "mode": "managed", "type": rtype,
                          "name": "r", "index": i, "provider_name": "registry.terraform.io/hashicorp/aws",
                          "values": values(rng)})
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}},
            "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {
                "region": {"constant_value": "us-east-1"}}}}}}


def main() -> None:
    import resource

    default_catalog()  # unpack the embedded catalog once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_text(json.dumps(make_plan(10_000)))
        parse = []
        for _ in range(5):
            t = time.perf_counter()
            plan_specs(load_plan(path))
            parse.append(time.perf_counter() - t)
        runs, bare = [], []
        estimate([path])  # one warm-up run: the catalog's page cache and query groups
        for _ in range(5):  # with and without findings in turn, so that both see the same machine
            t = time.perf_counter()
            est = estimate([path])
            runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            estimate([path], findings=False)
            bare.append(time.perf_counter() - t)
        med, base, without = statistics.median(runs), statistics.median(parse), statistics.median(bare)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report("estimate a 10,000-resource plan (median of 5)", med, "s", "< 2 s", med < 2,
               f"({10_000 / med:,.0f} resources/s; parsing alone {base:.3f} s, estimate = {med / base:.1f}x parse; "
               f"total {est.total_monthly_cost.display()}, {dict(est.summary)})")
        report("  of which savings findings", med - without, "s", "< +60%", med < 1.6 * without,
               f"({len(est.findings):,} findings, {est.total_monthly_saving.display()}/month; the same estimate "
               f"with --no-findings {without:.3f} s: findings add {(med - without) / without:.0%})")
        report("peak RSS", rss, "MB", "< 300 MB", rss < 300)
        render(path)


def render(path: Path) -> None:
    """The table of a 5,000-resource estimate in under 0.5 s, against its JSON rendering in the same run."""
    from costlib.report import estimate_json, estimate_table

    plan = Path(path).with_name("plan5k.json")
    plan.write_text(json.dumps(make_plan(5_000)))
    est = estimate([plan])
    tables, docs = [], []
    for _ in range(5):
        t = time.perf_counter()
        estimate_table(est)
        tables.append(time.perf_counter() - t)
        t = time.perf_counter()
        json.dumps(estimate_json(est))
        docs.append(time.perf_counter() - t)
    med, base = statistics.median(tables), statistics.median(docs)
    report("render the table of a 5,000-resource estimate", med, "s", "< 0.5 s", med < 0.5,
           f"(JSON of the same {base:.3f} s; table = {med / base:.1f}x JSON)")


if __name__ == "__main__":
    main()
