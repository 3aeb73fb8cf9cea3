"""Terraform directory benchmark: 2,000 resources in 50 local modules, read without a plan and estimated, in
under 3 s.

The directory is generated: 50 module calls (more than tfparse's 32, so costlib evaluates 18 of them itself),
each module with 40 resources written as counted and for_each'd blocks, dynamic blocks and variables. Baseline in
the same run: tfparse's own load of the directory (``tfparse.load_from_path`` in this process, which stops at 32
modules), so the ratio says what the shaping, the modules past 32 and the estimate add. Run:
``.venv/bin/python benchmarks/bench_hcl.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import report

from costlib.catalog.default import default_catalog
from costlib.estimate import estimate
from costlib.inputs.hcl import load_directory

MODULE = """
variable "instance_type" {
  default = "t3.micro"
}
variable "disk_gb" {
  default = 20
}
variable "queues" {
  default = ["a", "b", "c", "d", "e", "f", "g", "h"]
}
resource "aws_instance" "web" {
  count         = 8
  instance_type = var.instance_type
  root_block_device {
    volume_size = var.disk_gb
    volume_type = "gp3"
  }
  dynamic "ebs_block_device" {
    for_each = { logs = 10, data = var.disk_gb * 5 }
    content {
      device_name = "/dev/sd-${ebs_block_device.key}"
      volume_size = ebs_block_device.value
    }
  }
}
resource "aws_ebs_volume" "extra" {
  for_each          = { for i in range(8) : "v${i}" => i }
  availability_zone = "us-east-1a"
  size              = var.disk_gb + each.value
  type              = "gp3"
}
resource "aws_sqs_queue" "q" {
  for_each = toset(var.queues)
  name     = "q-${each.key}"
}
resource "aws_s3_bucket" "b" {
  count  = 8
  bucket = "bucket-${count.index}"
}
resource "aws_security_group" "sg" {
  count = 8
  name  = "sg-${count.index}"
}
"""


def make_directory(root: Path, modules: int = 50) -> int:
    calls = ['provider "aws" {\n  region = "us-east-1"\n}\n']
    for m in range(modules):
        (root / "modules" / f"m{m}").mkdir(parents=True)
        (root / "modules" / f"m{m}" / "main.tf").write_text(MODULE)
        calls.append(f'module "m{m}" {{\n  source        = "./modules/m{m}"\n'
                     f'  instance_type = "{["t3.micro", "m5.large", "c5.xlarge"][m % 3]}"\n  disk_gb = {20 + m}\n}}\n')
    (root / "main.tf").write_text("".join(calls))
    return modules * 40


def main() -> None:
    import tfparse

    catalog = default_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        expected = make_directory(root)
        runs, base = [], []
        for _ in range(5):
            start = time.perf_counter()
            tfparse.load_from_path(str(root), stop_on_hcl_error=True)
            base.append(time.perf_counter() - start)
            start = time.perf_counter()
            specs = load_directory(root, env={})
            est = estimate(specs, catalog=catalog)
            runs.append(time.perf_counter() - start)
        assert len(specs) == expected, (len(specs), expected)
        assert est.summary["priced"] > 0
    median, baseline = statistics.median(runs), statistics.median(base)
    report("directory of 2,000 resources in 50 modules, estimated", median, "s", "< 3 s", median < 3.0,
           f"tfparse's own load (32 of 50 modules): {baseline:.3f} s; ratio {median / baseline:.1f}x")


if __name__ == "__main__":
    main()
