"""ARCHITECTURE.md holds: imports go one way, and nothing a user reads points outside the project."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

#: ARCHITECTURE.md, "Imports go one way": a module imports from its own layer or the layers below it.
LAYERS = [
    {"errors"},
    {"money", "secret", "retry", "duration", "registry", "lazy"},
    {"models"},
    {"inputs", "resources", "catalog"},
    {"estimate", "diff", "report", "policy", "spend", "guard"},
    {"cli", "daemon"},
]
LAYER = {unit: n for n, units in enumerate(LAYERS) for unit in units}


def _imports(path: Path) -> set[str]:
    """The costlib units (``catalog``, ``money`` ...) a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
        for name in names:
            parts = name.split(".")
            if parts[0] == "costlib" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_imports_go_one_way() -> None:
    wrong = []
    for path in sorted((REPO / "costlib").rglob("*.py")):
        rel = path.relative_to(REPO / "costlib")
        if rel.parts[0] in ("__init__.py", "__main__.py"):  # the public facade and `python -m costlib`
            continue
        unit = rel.parts[0].removesuffix(".py")
        assert unit in LAYER, f"{rel}: add {unit} to ARCHITECTURE.md and LAYERS"
        for imported in _imports(path) - {unit}:
            if LAYER[imported] > LAYER[unit] or (imported == "cli" and unit != "cli"):
                wrong.append(f"costlib/{rel} imports costlib.{imported}")
    assert wrong == []


def test_readme_links_the_projects_own_architecture_notes() -> None:
    readme = (REPO / "README.md").read_text()
    assert "ARCHITECTURE.md" in readme and (REPO / "ARCHITECTURE.md").is_file()


def _tracked(*patterns: str) -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "--", *patterns], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    return [REPO / p for p in out]


def test_nothing_a_user_reads_points_at_a_folder_beside_the_checkout() -> None:
    """A user has the repository, not the maintainers' ../shared folder: README, ARCHITECTURE, the example config,
    examples/, the production kit and costlib's own docstrings and messages never send them there. (The
    maintainer commands that rebuild the catalog from raw price files may, and say so when it is absent.)"""
    files = _tracked("README.md", "ARCHITECTURE.md", "config.example.yaml", "examples", "daemon", "costlib")
    allowed = {REPO / "costlib" / "catalog" / "build.py"}  # `python -m costlib.catalog.build --from DIR`: maintainers
    hits = [f"{p.relative_to(REPO)}:{n}: {line.strip()}" for p in files if p not in allowed and p.suffix != ".gz"
            for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
            if re.search(r"\.\./shared|shared/data|shared/reference|DESIGN\.md", line)]
    assert hits == []
