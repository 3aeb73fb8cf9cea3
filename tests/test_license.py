"""``project.license`` is an SPDX expression (PEP 639), as current setuptools wants: the TOML table form
(``license = {text = ...}``) is deprecated and warned about on every build."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_the_license_is_an_spdx_expression() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert project["project"]["license"] == "Apache-2.0"
    assert not any(c.startswith("License ::") for c in project["project"].get("classifiers", []))  # PEP 639: not both


@pytest.mark.slow
def test_the_wheel_carries_the_license_expression_without_a_deprecation_warning(tmp_path: Path) -> None:
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v", "-w",
                            str(tmp_path), str(REPO)], capture_output=True, text=True, cwd=tmp_path)
    assert build.returncode == 0, build.stderr[-3000:]
    assert "project.license` as a TOML table is deprecated" not in build.stdout + build.stderr
    (wheel,) = tmp_path.glob("costlib-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(archive.read(n).decode() for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: Apache-2.0" in metadata.splitlines()
