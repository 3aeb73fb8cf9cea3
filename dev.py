#!/usr/bin/env python3
"""Developer entry point that needs nothing but Python 3.11: ``python3 dev.py demo|test|lint|bench|fuzz``.

Every command first makes ``.venv`` (a virtual environment in the checkout) and installs costlib
into it with the ``dev`` extra, re-installing only when ``pyproject.toml`` changed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import venv
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COSTLIB_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".costlib-installed"


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    rc = subprocess.call([str(c) for c in cmd], cwd=ROOT)
    if rc != 0:
        sys.exit(rc)


def setup() -> None:
    """Create .venv and install costlib[dev] (editable) unless already done for this pyproject.toml."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit(f"costlib needs Python >= 3.11, this is {sys.version.split()[0]}")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    if not (BIN / "python").exists():
        print(f"+ creating virtual environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(digest)


def demo() -> None:
    """The main job on what the checkout carries (the embedded catalog, examples/spend): no cloud account needed.

    The daemon runs two cycles of ``config.example.yaml``: the day before its ``as_of``, then its ``as_of``, as a
    daemon that has been running would have: yesterday's cycle sent the expired warning, so today's, after the
    team's grace period, decides the (dry-run) shutdown."""
    setup()
    run(BIN / "costlib", "estimate", "examples/plan.json", "--usage", "examples/usage.yml")
    run(BIN / "costlib", "estimate", "examples/environment.yaml", "--currency", "GBP")
    run(BIN / "costlib", "estimate", "--compare-clouds", "examples/compare.yaml")
    pinned = re.search(r"^as_of:\s*(\d{4}-\d{2}-\d{2})", (ROOT / "config.example.yaml").read_text(), re.MULTILINE)
    if pinned is None:
        sys.exit("config.example.yaml has no as_of: the demo evaluates the day its spend data ends")
    yesterday = date.fromisoformat(pinned.group(1)) - timedelta(days=1)
    run(BIN / "costlib", "daemon", "run", "--config", "config.example.yaml", "--once", "--as-of", yesterday.isoformat())
    run(BIN / "costlib", "daemon", "run", "--config", "config.example.yaml", "--once")
    run(BIN / "costlib", "alerts", "list", "--config", "config.example.yaml")
    run(BIN / "costlib", "budgets", "status", "--config", "config.example.yaml")
    run(BIN / "costlib", "env", "list", "--cost", "--config", "config.example.yaml")


def test() -> None:
    """Lint, type-check and run the whole test suite."""
    setup()
    run(BIN / "ruff", "check", ".")
    run(BIN / "mypy")
    run(BIN / "python", "-m", "pytest", *sys.argv[2:])


def lint() -> None:
    setup()
    run(BIN / "ruff", "check", ".")
    run(BIN / "mypy")


def bench() -> None:
    """Run every benchmark under benchmarks/ (figures go to BENCHMARKS.md by hand)."""
    setup()
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        run(BIN / "python", script)


def fuzz() -> None:
    """Run the fuzz suite (tests/fuzz) with many more examples than CI: ``python3 dev.py fuzz [--examples N]``
    (default 10,000 per entry point). Every example runs (a failure does not stop the run); the crashes, hangs,
    silent drops and errors naming no file of each entry point are printed, with samples, and any of them is a
    non-zero exit. Extra arguments go to pytest (``-k plans``)."""
    import json
    import tempfile

    setup()
    args = sys.argv[2:]
    examples = "10000"
    if "--examples" in args:
        i = args.index("--examples")
        if i + 1 >= len(args) or not args[i + 1].isdigit():
            sys.exit("usage: python3 dev.py fuzz [--examples N] [pytest arguments]")
        examples = args[i + 1]
        del args[i:i + 2]
    with tempfile.TemporaryDirectory(prefix="costlib-fuzz-") as tmp:
        report = Path(tmp) / "report.jsonl"
        env = {**os.environ, "COSTLIB_FUZZ_EXAMPLES": examples, "COSTLIB_FUZZ_COUNT": "1",
               "COSTLIB_FUZZ_REPORT": str(report)}
        cmd = [str(BIN / "python"), "-m", "pytest", "tests/fuzz", "-q", "-p", "no:cacheprovider", "--timeout", "0",
               "-k", "not corpus", *args]
        print("+", " ".join(cmd), f"(COSTLIB_FUZZ_EXAMPLES={examples})", flush=True)
        rc = subprocess.call(cmd, cwd=ROOT, env=env)
        lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] if report.exists() else []
    print()
    for entry in lines:
        print(entry["line"])
        for kind, samples in entry["samples"].items():
            if kind != "clean":
                for sample in samples[:2]:
                    print(f"    {kind}: {sample.strip().splitlines()[-1][:300] if sample.strip() else ''}")
    sys.exit(rc)


def catalog() -> None:
    """Maintainers: rebuild the embedded price catalog from the raw price files and pricing/curated.

    The raw files (the providers' price lists and the tables other projects built from them, with their
    licences) are not part of the repository: they are read from ``$COSTLIB_PRICE_SAMPLES``, else from
    ``../shared/data/pricing-samples`` beside the checkout. Nobody else needs them: the built catalog ships in
    costlib/data/."""
    from_dir = Path(os.environ.get("COSTLIB_PRICE_SAMPLES", ROOT.parent / "shared" / "data" / "pricing-samples"))
    if not from_dir.is_dir():
        sys.exit(f"dev.py catalog: the raw price files are not at {from_dir}. This maintainer command rebuilds "
                 "costlib/data/catalog.sqlite.gz from them; set COSTLIB_PRICE_SAMPLES to their folder. "
                 "(Using costlib needs none of this: the built catalog ships in the package.)")
    setup()
    run(BIN / "python", "-m", "costlib.catalog.build", "--from", from_dir, "--curated", ROOT / "pricing" / "curated",
        "--out", ROOT / "costlib" / "data" / "catalog.sqlite.gz", "--built-at", "2026-11-25T00:00:00+00:00")


TYPES_START, TYPES_END = "<!-- resource-types:start -->", "<!-- resource-types:end -->"


def types_block() -> str:
    """The README's resource-type table, from the registry (kept true by tests/test_packaging.py)."""
    code = ("from costlib.resources.registry import type_table, supported_types as s\n"
            "rows = type_table()\n"
            "n = len(s()); free = sum(1 for r in rows if r[1] == 'free'); todo = sum(1 for r in rows if r[1] == 'not yet')\n"
            "print(f'Supported: {n} Terraform types priced, {free} known free, {todo} known and not priced yet.')\n"
            "print()\nprint('<details><summary>Every Terraform type costlib knows</summary>')\nprint()\n"
            "print('| type | status | note |')\nprint('| --- | --- | --- |')\n"
            "[print(f'| `{t}` | {st} | {note} |') for t, st, note in rows]\nprint()\nprint('</details>')\n")
    out = subprocess.run([str(BIN / "python"), "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout


def types() -> None:
    """Rewrite the README's resource-type table from the registry."""
    setup()
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(TYPES_START)
    _, _, tail = rest.partition(TYPES_END)
    readme.write_text(f"{head}{TYPES_START}\n{types_block()}{TYPES_END}{tail}", encoding="utf-8")


COMMANDS = {"setup": setup, "catalog": catalog, "demo": demo, "test": test, "lint": lint, "bench": bench, "types": types,
            "fuzz": fuzz}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 dev.py {{{'|'.join(COMMANDS)}}}")
    COMMANDS[sys.argv[1]]()
