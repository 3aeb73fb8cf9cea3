"""Catalog benchmarks: uncached single lookups, batched lookups, streaming ingest of a 450 MB offer file.

Run: ``.venv/bin/python benchmarks/bench_catalog.py [--offer-mb 450]``. Baselines in the same process: a
Python dict lookup (single) and a tight loop over the same keys (batch).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import peak_rss_mb, report

from costlib.catalog.default import embedded_catalog_path
from costlib.catalog.ingest.tables import LINUX_EC2
from costlib.catalog.store import SQLiteCatalog
from costlib.models import PriceQuery


def queries(cat: SQLiteCatalog, n: int) -> list[PriceQuery]:
    aws = [a["instanceType"] for a, _ in cat.search("aws", "AmazonEC2", "us-east-1", family="Compute Instance")]
    az = [a["armSkuName"] for a, _ in cat.search("azure", "Virtual Machines", "eastus") if a.get("os") == "Linux"]
    gcp = [a["machineType"] for a, _ in cat.search("gcp", "Compute Engine", "us-central1", family="Compute Instance")]
    rng = random.Random(7)
    out = []
    for i in range(n):
        k = i % 3
        if k == 0:
            out.append(PriceQuery(vendor="aws", service="AmazonEC2", region="us-east-1", product_family="Compute Instance",
                                  attributes={"instanceType": rng.choice(aws), **LINUX_EC2}))
        elif k == 1:
            out.append(PriceQuery(vendor="azure", service="Virtual Machines", region="eastus",
                                  attributes={"armSkuName": rng.choice(az), "os": "Linux"}))
        else:
            out.append(PriceQuery(vendor="gcp", service="Compute Engine", region="us-central1",
                                  product_family="Compute Instance", attributes={"machineType": rng.choice(gcp)}))
    return out


def distinct_queries(cat: SQLiteCatalog, n: int) -> list[PriceQuery]:
    """Up to ``n`` distinct queries: every (size, region) pair the catalog holds for the three clouds."""
    out: list[PriceQuery] = []
    for region in sorted(cat.regions("azure")):
        for attrs, _ in cat.search("azure", "Virtual Machines", region):
            out.append(PriceQuery(vendor="azure", service="Virtual Machines", region=region, attributes=attrs))
    for region in sorted(cat.regions("gcp")):
        for attrs, _ in cat.search("gcp", "Compute Engine", region, family="Compute Instance"):
            out.append(PriceQuery(vendor="gcp", service="Compute Engine", region=region,
                                  product_family="Compute Instance", attributes=attrs))
    for region in sorted(cat.regions("aws")):
        for attrs, _ in cat.search("aws", "AmazonEC2", region, family="Compute Instance"):
            out.append(PriceQuery(vendor="aws", service="AmazonEC2", region=region, product_family="Compute Instance",
                                  attributes=attrs))
    random.Random(3).shuffle(out)
    return out[:n]


def bench_lookups() -> None:
    cat = SQLiteCatalog(embedded_catalog_path())
    qs = queries(cat, 100_000)
    baseline = dict.fromkeys(qs, 1)
    singles = []
    for q in qs[:20_000]:
        t = time.perf_counter()
        cat.lookup(q)
        singles.append(time.perf_counter() - t)
    base = []
    for q in qs[:20_000]:
        t = time.perf_counter()
        baseline.get(q)
        base.append(time.perf_counter() - t)
    p50 = statistics.median(singles) * 1e6
    report("single uncached lookup p50", p50, "us", "< 50 us", p50 < 50,
           f"(dict baseline p50 {statistics.median(base) * 1e6:.2f} us, ratio {p50 / (statistics.median(base) * 1e6):.0f}x)")
    runs = []
    for _ in range(3):
        fresh = SQLiteCatalog(cat.path)  # a new connection: no statement or group cache carried over
        t = time.perf_counter()
        out = fresh.lookup_many(qs)
        runs.append(time.perf_counter() - t)
        assert sum(p is not None for p in out) == len(qs)
    rate = len(qs) / statistics.median(runs)
    distinct = len(set(qs))
    report("batched lookups (lookup_many, 100k queries)", rate, "lookups/s", "> 100,000/s", rate > 100_000,
           f"({distinct} distinct: equal queries are answered once)")
    distinct_qs = distinct_queries(cat, 100_000)
    runs = []
    for _ in range(3):
        fresh = SQLiteCatalog(cat.path)
        t = time.perf_counter()
        out = fresh.lookup_many(distinct_qs)
        runs.append(time.perf_counter() - t)
    found = sum(p is not None for p in out)
    rate = len(distinct_qs) / statistics.median(runs)
    report("batched lookups, all distinct", rate, "lookups/s", "> 100,000/s", rate > 100_000,
           f"({len(distinct_qs)} distinct queries over many regions, {found} priced)")
    fresh = SQLiteCatalog(cat.path)
    t = time.perf_counter()
    for q in distinct_qs:
        fresh.explain(q)
    one_by_one = len(distinct_qs) / (time.perf_counter() - t)
    report("the same, one lookup() call each", one_by_one, "lookups/s", "(baseline)", True,
           f"(batching is {rate / one_by_one:.1f}x faster)")


HEADER = ('{"formatVersion":"v1.0","disclaimer":"synthetic","offerCode":"AmazonEC2","version":"20261125000000",'
          '"publicationDate":"2026-11-25T00:00:00Z","products":{')


def write_offer(path: Path, target_mb: int) -> int:
    """A synthetic regional EC2 offer file in the real bulk format, about ``target_mb`` MB."""
    n = 0
    with path.open("w") as fh:
        fh.write(HEADER)
        size = len(HEADER)
        skus = []
        while size < target_mb * 1_000_000 * 0.55:
            sku = f"SKU{n:012d}"
            prod = {"sku": sku, "productFamily": "Compute Instance", "attributes": {
                "servicecode": "AmazonEC2", "location": "US East (N. Virginia)", "locationType": "AWS Region",
                "instanceType": f"x{n % 97}.{n // 97}xlarge", "currentGeneration": "Yes", "vcpu": "4",
                "memory": "16 GiB", "tenancy": "Shared", "operatingSystem": "Linux",
                "licenseModel": "No License required", "usagetype": f"BoxUsage:x{n}", "operation": "RunInstances",
                "capacitystatus": "Used", "preInstalledSw": "NA", "regionCode": "us-east-1",
                "marketoption": "OnDemand", "servicename": "Amazon Elastic Compute Cloud"}}
            text = ("," if n else "") + json.dumps(sku) + ":" + json.dumps(prod)
            fh.write(text)
            size += len(text)
            skus.append(sku)
            n += 1
        fh.write('},"terms":{"OnDemand":{')
        for i, sku in enumerate(skus):
            term = {f"{sku}.JRTCKXETXF": {"offerTermCode": "JRTCKXETXF", "sku": sku,
                    "effectiveDate": "2026-11-01T00:00:00Z", "priceDimensions": {
                        f"{sku}.JRTCKXETXF.6YS6EN2CT7": {"rateCode": f"{sku}.JRTCKXETXF.6YS6EN2CT7",
                            "description": "synthetic", "beginRange": "0", "endRange": "Inf", "unit": "Hrs",
                            "pricePerUnit": {"USD": f"{(i % 500) / 100 + 0.01:.10f}"}, "appliesTo": []}},
                    "termAttributes": {}}}
            text = ("," if i else "") + json.dumps(sku) + ":" + json.dumps(term)
            fh.write(text)
        fh.write("}}}")
    return n


INGEST = """
import sys, resource
from pathlib import Path
from costlib.catalog.ingest.aws import parse_offer_json
n = sum(1 for _ in parse_offer_json(Path(sys.argv[1])))
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(n, hwm / 1024)
"""


def bench_ingest(target_mb: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.json"
        t = time.perf_counter()
        products = write_offer(path, target_mb)
        gen = time.perf_counter() - t
        mb = path.stat().st_size / 1e6
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", INGEST, str(path)], check=True, capture_output=True, text=True)
        took = time.perf_counter() - t
        rows, rss = out.stdout.split()
        base = subprocess.run([sys.executable, "-c", "import costlib.catalog.ingest.aws, ijson; print(next(int(l.split()[1]) "
                               "for l in open('/proc/self/status') if l.startswith('VmHWM')) / 1024)"],
                              check=True, capture_output=True, text=True)
        report(f"ingest {mb:.0f} MB offer file peak RSS", float(rss), "MB", "< 300 MB", float(rss) < 300,
               f"({rows} rows from {products} products in {took:.1f} s = {mb / took:.1f} MB/s; "
               f"import-only baseline RSS {float(base.stdout):.0f} MB; file written in {gen:.1f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--offer-mb", type=int, default=475, help="target size; the file comes out ~5% smaller")
    args = parser.parse_args()
    print(f"peak RSS before: {peak_rss_mb():.0f} MB")
    bench_lookups()
    bench_ingest(args.offer_mb)
