"""``pip install .`` into a fresh virtual environment outside the repo, then ``import costlib`` works there.

The wheel must carry everything costlib needs at run time (data files included). To keep the test
offline and quick, the fresh environment installs costlib's own wheel with ``--no-deps`` and reaches
its third-party dependencies through a path entry to this environment's site-packages (a plain path
entry, so the editable install of the checkout is not visible there).
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from costlib.resources.registry import supported_types

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_imports_outside_the_repo(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
         str(REPO)],
        check=True, cwd=tmp_path,
    )
    (wheel,) = wheels.glob("costlib-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "zz_host_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    probe = (
        "import costlib, pathlib; from costlib.money import load_default_fx; "
        "assert 'site-packages' in costlib.__file__, costlib.__file__; "
        "print(costlib.__file__); print(load_default_fx().as_of)"
    )
    out = subprocess.run([str(py), "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path)
    assert str(env_dir) in out.stdout
    assert "2022-10-03" in out.stdout
    cli = subprocess.run([str(env_dir / "bin" / "costlib"), "--version"], check=True, capture_output=True,
                         text=True, cwd=tmp_path)
    assert "costlib" in cli.stdout
    # Only one top-level import name is installed.
    tops = {p.name for p in Path(site).iterdir() if p.is_dir() and not p.name.endswith((".dist-info", "__pycache__"))}
    assert tops - {"pip", "setuptools", "_distutils_hack", "pkg_resources"} == {"costlib"}


def test_readme_type_table_is_the_registry() -> None:
    """The README's table of every known Terraform type (priced, free, not yet) is what the registry says."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("devpy", root / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    dev.BIN = Path(sys.executable).parent
    readme = (root / "README.md").read_text()
    block = readme.split(dev.TYPES_START, 1)[1].split(dev.TYPES_END, 1)[0]
    assert block == "\n" + dev.types_block(), "run `python3 dev.py types` to rewrite the README's type table"
    terraform = [t for t in supported_types() if "." not in t]
    assert f"Supported: {len(terraform)} Terraform types priced" in block


def test_every_reference_type_is_priced_free_or_listed(shared_data: Path) -> None:
    """Every type of the reference list (../shared/reference/resource-types.md) is in the README's table."""
    import re

    from costlib.resources.registry import type_table

    text = (shared_data.parent / "reference" / "resource-types.md").read_text()
    names = set(re.findall(r"\b((?:aws|azurerm|google)_[a-z0-9_]*[a-z0-9])\b", text))
    known = {t for t, _, _ in type_table()}
    assert names - known == set()

