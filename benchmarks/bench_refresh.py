"""Refresh benchmarks against a loopback HTTP server: a filtered Azure refresh for one service and region
(recorded Retail Prices items, paged), and the streamed AWS refresh of a large regional offer file (peak RSS).

Run: ``.venv/bin/python benchmarks/bench_refresh.py [--offer-mb 450] [--page-size 100]``. Needs
``../shared/data/pricing-samples`` (the recorded pages and the real offer-file excerpt the large file is made from).
Baselines in the same run: fetching the same pages with plain ``httpx`` GETs (no parsing, no catalog), and the
refresh module's import alone (RSS).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import report

from costlib.catalog.refresh import Part, RefreshSettings, refresh_parts

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pricing-samples"


class Server:
    """Serves ``pages`` (path?page=N -> bytes) and ``files`` (path -> file on disk, streamed in 1 MB chunks)."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.files: dict[str, Path] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16  # headers and body in one write: no delayed-ACK stall per request

            def do_GET(self) -> None:
                parsed = urlparse(self.path)
                query = parse_qs(parsed.query)
                key = parsed.path + (f"?page={query['page'][0]}" if "page" in query else "")
                if key in outer.files:
                    path = outer.files[key]
                    self.send_response(200)
                    self.send_header("Content-Length", str(path.stat().st_size))
                    self.end_headers()
                    with path.open("rb") as fh:
                        while chunk := fh.read(1 << 20):
                            self.wfile.write(chunk)
                    return
                body = outer.pages.get(key)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def bench_azure(server: Server, page_size: int) -> None:
    """Every recorded francecentral Virtual Machines item (Consumption, DevTest, Reservation), in API pages."""
    with gzip.open(SAMPLES / "azure/retail-api/terracost-vm-francecentral-2021-11-items.json.gz") as fh:
        items = json.load(fh)["items"]
    chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)]
    for n, chunk in enumerate(chunks):
        nxt = f"{server.base}/api/retail/prices?page={n + 1}" if n + 1 < len(chunks) else None
        key = "/api/retail/prices" if n == 0 else f"/api/retail/prices?page={n}"
        server.pages[key] = json.dumps({"BillingCurrency": "USD", "CustomerEntityId": "Default",
                                        "CustomerEntityType": "Retail", "Items": chunk, "NextPageLink": nxt,
                                        "Count": len(chunk)}).encode()
    settings = RefreshSettings(azure_base=f"{server.base}/api/retail/prices", attempts=2, backoff=0.01)
    part = Part("azure", "Virtual Machines", "francecentral")
    runs, rows = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(3):
            target = Path(tmp) / f"c{i}.sqlite"
            t = time.perf_counter()
            rep = refresh_parts(target, [part], settings=settings)
            runs.append(time.perf_counter() - t)
            rows = rep.parts[part.name]
    base = []
    with httpx.Client() as client:
        for _ in range(3):
            t = time.perf_counter()
            for key in server.pages:
                client.get(server.base + key).raise_for_status()
            base.append(time.perf_counter() - t)
    took = statistics.median(runs)
    report(f"Azure refresh, 1 service x 1 region, {len(chunks)} pages", took, "s", "< 10 s", took < 10,
           f"({len(items)} items -> {rows} rows; the same pages fetched without parsing: "
           f"{statistics.median(base):.2f} s, refresh = {took / statistics.median(base):.1f}x)")


def write_offer(path: Path, target_mb: int) -> int:
    """A large regional offer file made from the real excerpt's product and term shapes (new SKUs and sizes)."""
    doc = json.loads((SAMPLES / "aws/bulk-AmazonEC2-us-east-1-excerpt.json").read_text())
    (sku0, product0), = [(s, p) for s, p in doc["products"].items() if p["attributes"].get("marketoption") == "OnDemand"]
    term0 = doc["terms"]["OnDemand"][sku0]
    head = {k: doc[k] for k in ("formatVersion", "disclaimer", "offerCode", "version", "publicationDate")}
    n = 0
    skus: list[str] = []
    with path.open("w") as fh:
        fh.write(json.dumps(head)[:-1] + ', "products": {')
        size = 0
        while size < target_mb * 1_000_000 * 0.72:  # products are ~72% of a file of this shape
            sku = f"SYN{n:013d}"
            product = copy.deepcopy(product0)
            product["sku"] = sku
            attrs = product["attributes"]
            attrs["instanceType"] = f"x{n % 97}.{n // 97}xlarge"
            attrs["usagetype"] = f"BoxUsage:{attrs['instanceType']}"
            text = ("," if n else "") + json.dumps(sku) + ":" + json.dumps(product)
            fh.write(text)
            size += len(text)
            skus.append(sku)
            n += 1
        fh.write('}, "terms": {"OnDemand": {')
        for i, sku in enumerate(skus):
            terms = {}
            for code, term in copy.deepcopy(term0).items():
                new_code = code.replace(sku0, sku)
                term["sku"] = sku
                term["priceDimensions"] = {k.replace(sku0, sku): {**v, "rateCode": k.replace(sku0, sku),
                                                                  "pricePerUnit": {"USD": f"{(i % 500) / 100 + 0.01:.10f}"}}
                                           for k, v in term["priceDimensions"].items()}
                terms[new_code] = term
            fh.write(("," if i else "") + json.dumps(sku) + ":" + json.dumps(terms))
        fh.write("}}, \"attributesList\": {}}")
    return n


CHILD = """
import sys
from pathlib import Path
from costlib.catalog.refresh import Part, RefreshSettings, refresh_parts
rep = refresh_parts(Path(sys.argv[2]), [Part("aws", "AmazonEC2", "us-east-1")],
                    settings=RefreshSettings(aws_base=sys.argv[1], attempts=2, backoff=0.01, timeout=600))
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(rep.parts["aws:AmazonEC2:us-east-1"], hwm / 1024)
"""


def bench_aws(server: Server, target_mb: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        offer = Path(tmp) / "index.json"
        t = time.perf_counter()
        products = write_offer(offer, target_mb)
        gen = time.perf_counter() - t
        file_url = "/offers/v1.0/aws/AmazonEC2/20261125000000/us-east-1/index.json"
        server.pages["/offers/v1.0/aws/index.json"] = json.dumps({"offers": {"AmazonEC2": {
            "offerCode": "AmazonEC2", "currentRegionIndexUrl": "/offers/v1.0/aws/AmazonEC2/current/region_index.json"}}
        }).encode()
        server.pages["/offers/v1.0/aws/AmazonEC2/current/region_index.json"] = json.dumps(
            {"regions": {"us-east-1": {"regionCode": "us-east-1", "currentVersionUrl": file_url}}}).encode()
        server.files[file_url] = offer
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, server.base, str(Path(tmp) / "c.sqlite")], check=True,
                             capture_output=True, text=True)
        took = time.perf_counter() - t
        rows, rss = out.stdout.split()
        base = subprocess.run([sys.executable, "-c", "import costlib.catalog.refresh; print(next(int(l.split()[1]) "
                               "for l in open('/proc/self/status') if l.startswith('VmHWM')) / 1024)"],
                              check=True, capture_output=True, text=True)
        mb = offer.stat().st_size / 1e6
        report(f"AWS refresh of a {mb:.0f} MB offer file, peak RSS", float(rss), "MB", "< 300 MB", float(rss) < 300,
               f"(streamed over loopback, parsed, checkpointed, committed: {rows} rows from {products} products in "
               f"{took:.1f} s; import-only baseline {float(base.stdout):.0f} MB; file written in {gen:.1f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--offer-mb", type=int, default=450)
    parser.add_argument("--page-size", type=int, default=100, help="items per Retail Prices page (the API's 100)")
    args = parser.parse_args()
    if not SAMPLES.is_dir():
        sys.exit(f"needs the recorded price samples at {SAMPLES}")
    srv = Server()
    try:
        bench_azure(srv, args.page_size)
        bench_aws(srv, args.offer_mb)
    finally:
        srv.close()
