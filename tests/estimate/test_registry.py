"""Meta-tests over the registry: every cost function documents its pricing page and is pure."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from costlib.resources import registry

RESOURCES = Path(registry.__file__).parent


def test_every_cost_function_links_its_pricing_page() -> None:
    for rtype in registry.supported_types():
        fn = registry.lookup(rtype)
        doc = inspect.getdoc(fn) or ""
        module_doc = inspect.getdoc(inspect.getmodule(fn)) or ""
        assert "https://" in doc + module_doc, f"{rtype}: docstring needs the pricing page address"


def test_free_and_supported_do_not_overlap() -> None:
    assert not set(registry.FREE_RESOURCES) & set(registry.supported_types())


def test_cost_functions_do_no_io() -> None:
    banned = {"open", "requests", "httpx", "boto3", "sqlite3", "socket", "subprocess", "datetime", "time"}
    for path in RESOURCES.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = {a.name.split(".")[0] for a in node.names} | (
                    {node.module.split(".")[0]} if isinstance(node, ast.ImportFrom) and node.module else set())
                assert not names & banned, f"{path.name} imports {names & banned}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                raise AssertionError(f"{path.name} calls open()")
