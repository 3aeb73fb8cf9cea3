"""costlib diff --base REF [DIR] in a temporary git repository: the user's checkout is never changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from costlib.diff import diff_ref
from costlib.errors import InputError
from costlib.inputs import SourceOptions

WEB = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_instance" "web" {\n  instance_type = "%s"\n}\n'


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                         env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                              "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})
    return out.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "infra").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "infra" / "main.tf").write_text(WEB % "m5.large")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    (root / "infra" / "main.tf").write_text(WEB % "m5.xlarge" + '\nresource "aws_eip" "ip" {\n  domain = "vpc"\n}\n')
    return root


def test_diff_against_a_ref_in_a_temporary_worktree(repo: Path) -> None:
    status_before = git(repo, "status", "--porcelain")
    doc = diff_ref("main", repo / "infra", options=SourceOptions(env={}, display="infra"))
    rows = {r["address"]: r for r in doc["resources"]}
    assert rows["aws_instance.web"]["change"] == "update" and rows["aws_eip.ip"]["change"] == "create"
    assert rows["aws_instance.web"]["location"] == "infra/main.tf:5" and rows["aws_eip.ip"]["location"] == "infra/main.tf:9"
    assert float(doc["total_monthly_delta"]) > 0
    assert git(repo, "status", "--porcelain") == status_before  # the checkout is as it was
    assert git(repo, "worktree", "list").count("\n") == 1  # the temporary worktree is gone


def test_the_worktree_is_removed_when_reading_fails(repo: Path) -> None:
    (repo / "infra" / "main.tf").write_text('resource "aws_instance" "web" {\n  instance_type = \n}\n')
    with pytest.raises(InputError):
        diff_ref("main", repo / "infra", options=SourceOptions(env={}))
    assert git(repo, "worktree", "list").count("\n") == 1


def test_a_directory_new_since_the_ref_has_nothing_before(repo: Path) -> None:
    (repo / "new").mkdir()
    (repo / "new" / "main.tf").write_text(WEB % "t3.micro")
    doc = diff_ref("main", repo / "new", options=SourceOptions(env={}))
    assert [r["change"] for r in doc["resources"]] == ["create"] and doc["total_monthly_before"] == "0"


def test_a_directory_without_code_at_the_ref_has_nothing_before(repo: Path) -> None:
    """The pull request that adds a repository's first .tf files: the root held a README at the base."""
    (repo / "README.md").write_text("# infra\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "readme")
    git(repo, "checkout", "-q", "-b", "first-code")
    (repo / "main.tf").write_text(WEB % "t3.micro")
    git(repo, "add", "main.tf")
    git(repo, "commit", "-q", "-m", "code")
    doc = diff_ref("HEAD~1", repo, options=SourceOptions(env={}))
    assert [r["change"] for r in doc["resources"]] == ["create"] and doc["total_monthly_before"] == "0"


def test_unknown_refs_and_non_repositories_are_clear_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="git ref 'nope' is not a commit"):
        diff_ref("nope", repo / "infra")
    (tmp_path / "plain").mkdir()
    with pytest.raises(InputError, match="not in a git repository"):
        diff_ref("main", tmp_path / "plain")


def test_cli_diff_base_markdown_is_the_pull_request_comment(repo: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_VAR_")}
    out = subprocess.run([sys.executable, "-m", "costlib", "diff", "--base", "main", "infra", "--format", "markdown",
                          "--link-base", "https://github.com/o/r/blob/abc123"], cwd=repo, capture_output=True,
                         text=True, env={**env, "PYTHONPATH": str(Path(__file__).parents[2])}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "monthly cost will increase by" in out.stdout
    assert "| `aws_instance.web` [infra/main.tf#L5](https://github.com/o/r/blob/abc123/infra/main.tf#L5) | update |" in out.stdout
    two = subprocess.run([sys.executable, "-m", "costlib", "diff", str(repo / "infra"), str(repo / "infra"),
                          "--format", "json"], capture_output=True, text=True, env=env, timeout=120)
    assert two.returncode == 0, two.stderr
    assert json.loads(two.stdout)["total_monthly_delta"] == "0"
