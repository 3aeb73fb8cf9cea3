"""Estimate benchmark: Terraform plans of 1,000, 10,000 and 100,000 resources, savings findings on (the default)
and off; targets: 100,000 resources in under 3 s and 250 MB, linear from 1k to 100k; 10,000 in under 2 s with
findings adding under 60%.

Each measurement is its own child process (``_util.run_child``: peak RSS is the child's own high-water mark, the
result comes back through a file), with the embedded catalog opened and a 6-resource plan of the same types
estimated before the clock starts (their modules imported and models built once: the cold start is
``bench_cold.py``'s). Baseline in the same
run, also a child per run: ``json.load`` of the same plan file (time and peak RSS). Two plans: the generated one
(6 types, modules, counts: resources that repeat but for their address and tags, as ``count`` and modules make
them), the same plan with a ``Name`` tag of its own on every resource (nothing repeats as a whole), and that
plan with volume sizes, storage and memory differing resource by resource (nothing is the same to price).

Run: ``.venv/bin/python benchmarks/bench_estimate.py [--sizes 1000,10000,100000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import report, run_child

from costlib.estimate import estimate

TYPES = [
    ("aws_instance", lambda r: {"instance_type": r.choice(["t3.micro", "m5.large", "c5.xlarge", "r5.2xlarge"]),
                                "root_block_device": [{"volume_size": 30, "volume_type": "gp3"}]}),
    ("aws_ebs_volume", lambda r: {"type": r.choice(["gp2", "gp3", "io1"]), "size": r.randint(10, 1000), "iops": 4000}),
    ("aws_db_instance", lambda r: {"instance_class": "db.t3.large", "engine": "postgres", "allocated_storage": 100}),
    ("aws_lambda_function", lambda r: {"memory_size": 512}),
    ("aws_nat_gateway", lambda r: {}),
    ("aws_security_group", lambda r: {"name": "sg"}),
]


def make_plan(n: int) -> dict[str, Any]:
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


ESTIMATE_CHILD = """
import sys, time
from costlib.catalog.default import default_catalog
from costlib.estimate import estimate
default_catalog()
estimate([sys.argv[3]], findings=True)  # first use: the types' modules and models, outside the clock
start = time.perf_counter()
est = estimate([sys.argv[1]], findings=sys.argv[2] == "1")
elapsed = time.perf_counter() - start
emit({"seconds": elapsed, "findings": len(est.findings), "total": est.total_monthly_cost.display(),
      "saving": est.total_monthly_saving.display(), "summary": dict(est.summary)})
"""

LOAD_CHILD = """
import json, sys, time
start = time.perf_counter()
with open(sys.argv[1], "rb") as fh:
    doc = json.load(fh)
emit({"seconds": time.perf_counter() - start})
"""


def tagged(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan with a ``Name`` tag of its own on every resource and a team tag of 50."""
    for i, r in enumerate(plan["planned_values"]["root_module"]["resources"]):
        r["values"]["tags"] = {"Name": f"r{i}", "team": f"t{i % 50}"}
    return plan


def varied(plan: dict[str, Any]) -> dict[str, Any]:
    """The tagged plan with the priced attributes differing resource by resource (volume sizes, storage, memory):
    nothing is the same to price, so nothing is read or priced once for many."""
    for i, r in enumerate(tagged(plan)["planned_values"]["root_module"]["resources"]):
        v = r["values"]
        if r["type"] == "aws_instance":
            v["root_block_device"][0]["volume_size"] = 8 + i
        elif r["type"] == "aws_ebs_volume":
            v["size"] = 10 + i
        elif r["type"] == "aws_db_instance":
            v["allocated_storage"] = 20 + i
        elif r["type"] == "aws_lambda_function":
            v["memory_size"] = 128 + i % 10_000
    return plan


def sweep(tmp: Path, sizes: list[int], runs: int) -> None:
    warm = tmp / "warm.json"
    warm.write_text(json.dumps(make_plan(len(TYPES))))
    print(f"{'plan':<8} {'resources':>9} {'findings on':>12} {'peak RSS':>9} {'findings off':>13} {'peak RSS':>9} "
          f"{'json.load':>10} {'peak RSS':>9} {'on/load':>8} {'us/res':>7}  findings")
    per_resource: dict[str, list[float]] = {}
    for name, shape in (("counted", lambda p: p), ("tagged", tagged), ("varied", varied)):
        for n in sizes:
            path = tmp / f"plan-{name}-{n}.json"
            path.write_text(json.dumps(shape(make_plan(n))))
            on, off, load = [], [], []
            for _ in range(runs):  # in turn, so that the three see the same machine
                on.append(run_child(ESTIMATE_CHILD, [str(path), "1", str(warm)]))
                off.append(run_child(ESTIMATE_CHILD, [str(path), "0", str(warm)]))
                load.append(run_child(LOAD_CHILD, [str(path)]))
            med = {k: statistics.median(r["seconds"] for r in v) for k, v in (("on", on), ("off", off), ("load", load))}
            rss = {k: statistics.median(r["peak_rss_mb"] for r in v) for k, v in (("on", on), ("off", off), ("load", load))}
            per_resource.setdefault(name, []).append(med["on"] / n * 1e6)
            print(f"{name:<8} {n:>9,} {med['on']:>10.3f} s {rss['on']:>6.0f} MB {med['off']:>11.3f} s "
                  f"{rss['off']:>6.0f} MB {med['load']:>8.3f} s {rss['load']:>6.0f} MB {med['on'] / med['load']:>7.1f}x "
                  f"{med['on'] / n * 1e6:>7.1f}  {on[0]['findings']:,} ({on[0]['saving']}/month), {on[0]['summary']}")
            if n == 10_000 and name == "counted":
                report("estimate a 10,000-resource plan, findings on", med["on"], "s", "< 2 s", med["on"] < 2)
                report("  of which savings findings", med["on"] - med["off"], "s", "< +60%",
                       med["on"] < 1.6 * med["off"], f"(findings off {med['off']:.3f} s)")
            if n == 100_000:
                report(f"estimate a 100,000-resource plan ({name}), findings on", med["on"], "s", "< 3 s",
                       med["on"] < 3, f"(json.load of the plan {med['load']:.3f} s, {rss['load']:.0f} MB)")
                report("  peak RSS", rss["on"], "MB", "< 250 MB", rss["on"] < 250)
    for name, us in per_resource.items():
        if len(us) > 1:
            print(f"{name}: time per resource from {sizes[0]:,} to {sizes[-1]:,} resources: "
                  + " -> ".join(f"{u:.1f} us" for u in us) + f" (largest / smallest {max(us) / min(us):.2f}: linear "
                  "when near 1)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sweep(Path(tmp), [int(n) for n in args.sizes.split(",")], args.runs)
        render(Path(tmp) / "plan.json")


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
