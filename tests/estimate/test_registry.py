"""Meta-tests over the registry: every entry is typed, documented, discovered and pure."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from costlib.resources import registry
from costlib.resources.schema import Inputs, Usage, usage_keys

RESOURCES = Path(registry.__file__).parent


def test_every_cost_function_links_its_pricing_page() -> None:
    for rt in registry.all_types():
        module_doc = inspect.getdoc(inspect.getmodule(rt.cost)) or ""
        assert "https://" in rt.doc + module_doc, f"{rt.name}: docstring needs the pricing page address"


def test_free_and_supported_do_not_overlap() -> None:
    assert not set(registry.free_types()) & set(registry.supported_types())


def test_every_free_type_says_why() -> None:
    for name, reason in registry.free_types().items():
        assert reason and len(reason) > 10, name
        assert registry.provider_of_type(name) is not None, name


def test_discovery_finds_exactly_what_the_modules_register() -> None:
    """The index read from the ``@resource`` lines equals what importing every module registers."""
    declared = set(registry.supported_types())
    entries = registry.all_types()
    assert {rt.name for rt in entries} == declared
    assert len(declared) == len(entries)


def test_every_entry_is_a_typed_model_pair_with_documented_usage() -> None:
    for rt in registry.all_types():
        assert issubclass(rt.inputs, Inputs) and issubclass(rt.usage, Usage), rt.name
        assert rt.inputs.model_config.get("frozen") and rt.usage.model_config.get("frozen"), rt.name
        for key, (doc, _unit, _default) in usage_keys(rt.usage).items():
            assert doc, f"{rt.name}: usage key {key} needs one line of documentation"


def test_every_example_is_a_valid_configuration() -> None:
    for rt in registry.all_types():
        rt.inputs.model_validate({"region": "us-east-1", **rt.example})


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


def test_no_module_is_imported_until_one_of_its_types_is_used() -> None:
    import subprocess
    import sys

    code = ("import sys, costlib.resources.registry as r; r.supported_types(); "
            "print(sorted(m for m in sys.modules if m.startswith('costlib.resources.') and m.count('.') == 3 "
            "and not m.endswith('free')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
