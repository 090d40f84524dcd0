"""The CI set-up a user copies: the GitHub Action (action.yml) and the README's CI snippets.

GitHub's runner cannot be had here, so the action's own shell steps are run with bash the way
the runner runs them (inputs through the environment, GITHUB_OUTPUT a file), and its report is
checked against the SARIF schema and GitHub's required fields (tests/test_sarif.py).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric import rsa
from test_sarif import validate

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = {step.get("name", step.get("uses", "")): step for step in ACTION["runs"]["steps"]}


def readme_block(marker: str) -> str:
    text = (ROOT / "README.md").read_text()
    return text.split(f"<!-- {marker} -->", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]


@pytest.fixture
def repo(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    live = jwt.encode({"sub": "deploy-bot", "iat": 1764000000}, key, algorithm="RS256")  # no exp
    (tmp_path / "app.py").write_text(f'TOKEN = "{live}"\n')
    (tmp_path / "clean.txt").write_text("nothing here\n")
    return tmp_path


def run_step(name: str, cwd: Path, inputs: dict[str, str], out: Path) -> subprocess.CompletedProcess:
    step = STEPS[name]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "GITHUB_OUTPUT": str(out)}
    for var, expr in step.get("env", {}).items():  # ${{ inputs.x }}: what the runner substitutes
        key = expr.removeprefix("${{ inputs.").removesuffix(" }}")
        env[var] = inputs.get(key, ACTION["inputs"][key].get("default", ""))
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip


def test_the_action_is_composite_and_uploads_to_code_scanning():
    assert ACTION["runs"]["using"] == "composite"
    upload = STEPS["Upload to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@") and upload["with"]["category"] == "jwtlint"
    assert "$GITHUB_ACTION_PATH" in STEPS["Install jwtlint"]["run"]  # installs the action's own checkout
    for step in ACTION["runs"]["steps"]:  # no input is ever pasted into a script (script injection)
        assert "${{ inputs." not in step.get("run", "")


def test_the_scan_step_writes_valid_sarif_and_the_job_fails_on_findings(repo, tmp_path):
    out = tmp_path / "github_output"
    scan = run_step("Scan", repo, {}, out)
    assert scan.returncode == 0, scan.stderr  # the upload runs first; the last step fails the job
    assert "exit-code=1" in out.read_text()
    doc = json.loads((repo / "jwtlint.sarif").read_text())
    validate(doc)
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "JWT801"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app.py"
    fail = run_step("Fail on findings", repo, {}, out)
    assert fail.returncode == 1 and "jwtlint found problems" in fail.stderr


def test_the_scan_step_passes_a_clean_tree_and_keeps_inputs_as_data(tmp_path):
    (tmp_path / "clean.txt").write_text("nothing here\n")
    out = tmp_path / "github_output"
    scan = run_step("Scan", tmp_path, {"paths": "clean.txt", "args": "--fail-on error"}, out)
    assert scan.returncode == 0 and "exit-code=0" in out.read_text(), scan.stderr
    hostile = run_step("Scan", tmp_path, {"paths": "$(touch pwned) `touch pwned2`"}, out)
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()
    assert hostile.returncode == 2  # no such paths: a usage error stops the job, nothing uploaded


def test_the_readme_workflow_uses_this_action():
    workflow = yaml.safe_load(readme_block("github-workflow"))
    steps = workflow["jobs"]["jwtlint"]["steps"]
    assert any(s.get("uses", "").startswith("jwtlint/jwtlint@") for s in steps)
    assert workflow["permissions"]["security-events"] == "write"
    used = next(s for s in steps if s.get("uses", "").startswith("jwtlint/jwtlint@"))
    assert set(used.get("with", {})) <= set(ACTION["inputs"])


def test_the_readme_gitlab_job_fails_on_findings_and_keeps_the_report(repo):
    job = yaml.safe_load(readme_block("gitlab-ci"))["jwtlint"]
    script = [line for line in job["script"] if not line.startswith("pip install")]  # installed already
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-e", "-c", "\n".join(script)], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode != 0 and "app.py:1:10: error live-token-in-repo" in done.stdout
    report = json.loads((repo / "jwtlint.json").read_text())
    assert job["artifacts"]["paths"] == ["jwtlint.json"] and report["summary"]["error"] >= 1
