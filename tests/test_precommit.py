"""The pre-commit hook, run by the real pre-commit on a repository with staged files.

`pre-commit try-repo` installs this project's hook (.pre-commit-hooks.yaml)
into its own virtualenv (pip reaches the package index for the
dependencies) and runs it on the staged files, as a user's commit would.
The hook repository is a snapshot of this working tree (tracked and
untracked files, .gitignore respected), committed in a temporary repository.
Then, as a user has it: the hook named in .pre-commit-config.yaml (repo,
rev, id), `pre-commit install`, and a real `git commit` that is refused,
then accepted once the files are fixed.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def snapshot(dest: Path) -> Path:
    """This working tree as a one-commit git repository (what try-repo installs the hook from)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")  # fmt: skip
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git(dest, "init", "-q", "-b", "main")  # the README's snippet names rev: main
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return dest


def readme_config() -> str:
    """The README's .pre-commit-config.yaml snippet, exactly as a user pastes it."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- pre-commit-config -->", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "rev: main" in block and "id: jwtlint" in block
    return block


def try_repo(hook_repo: Path, work: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(hook_repo), "jwtlint", "--color", "never"], cwd=work,
                          capture_output=True, text=True, env=env, timeout=900, check=False)  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None or not PRE_COMMIT.exists(), reason="needs git and pre-commit")
def test_hook_blocks_live_token_and_key_then_allows_fixed_commit(tmp_path):
    hook_repo = snapshot(tmp_path / "hook")
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    live = jwt.encode({"sub": "deploy-bot", "iat": 1764000000}, key, algorithm="RS256")  # no exp: never expires
    expired = jwt.encode({"sub": "docs", "iat": 1500000000, "exp": 1500003600}, key, algorithm="RS256")
    pkcs1 = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()
    (work / "app.py").write_text(f'import os\n\nTOKEN = "{live}"\n')
    (work / "docs").mkdir()
    (work / "docs" / "api.md").write_text(f"# API\n\n    curl -H 'Authorization: Bearer {expired}' ...\n")
    (work / "deploy").mkdir()
    (work / "deploy" / "signing.pem").write_text(pkcs1)
    (work / "clean.txt").write_text("nothing secret here\n")
    (work / "fixture.js").write_text(f"// jwtlint: ignore[live-token-in-repo]\nconst token = '{live}';\n")
    # A typo in a comment does not silence anything, and says so (a warning: it blocks nothing itself).
    (work / "docs" / "typo.py").write_text(f"# jwtlint: ignore[live-tokn-in-repo]\nEXAMPLE = '{expired}'\n")
    git(work, "add", "-A")

    blocked = try_repo(hook_repo, work, tmp_path / "cache")
    out = blocked.stdout
    assert blocked.returncode == 1, out + blocked.stderr
    assert "Traceback" not in out
    assert "app.py:3:10: error live-token-in-repo (JWT801): an RS256 token for sub 'deploy-bot'" in out
    assert "deploy/signing.pem:1:1: error private-key-in-repo (JWT802): an RSA 2048-bit private key" in out
    assert "fix: remove it from the file" in out
    assert "docs/api.md:3:36: info expired (JWT404)" in out  # the example is shown, not blocking
    # The suppressed line: its live-token-in-repo and the exp-missing that comes with it (no lifetime noise).
    assert "fixture.js:2:16:" not in out and "2 suppressed" in out
    assert "docs/typo.py:1:3: warning unknown-rule-in-suppression (JWT803): 'live-tokn-in-repo'" in out
    assert "did you mean live-token-in-repo?" in out
    assert out.count("scanned ") == 1, out  # one process for every staged file: one summary
    assert "clean.txt" not in out
    assert live.split(".")[2] not in out and "".join(pkcs1.splitlines()[1:3]) not in out

    # As a user has it: the README's snippet (only the repository's address differs: this
    # snapshot), `pre-commit autoupdate` pinning the commit, installed, and a real `git commit`.
    rev = git(hook_repo, "rev-parse", "HEAD").stdout.decode().strip()
    snippet = readme_config()
    (work / ".pre-commit-config.yaml").write_text(snippet.replace("https://github.com/jwtlint/jwtlint", str(hook_repo)))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    subprocess.run([str(PRE_COMMIT), "autoupdate"], cwd=work, check=True, capture_output=True, env=env)
    assert f"rev: {rev}" in (work / ".pre-commit-config.yaml").read_text()  # no tag yet: the commit
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    subprocess.run([str(PRE_COMMIT), "install"], cwd=work, check=True, capture_output=True, env=env)
    git(work, "add", "-A")
    commit = subprocess.run(["git", "commit", "-q", "-m", "add settings"], cwd=work, capture_output=True, text=True,
                            env={**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                                 "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
                            check=False)  # fmt: skip
    assert commit.returncode != 0, commit.stdout + commit.stderr
    assert "app.py:3:10: error live-token-in-repo" in commit.stdout + commit.stderr
    assert subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=work, check=False,
                          capture_output=True).returncode != 0  # fmt: skip  (nothing was committed)

    # Fixed: the token comes from the environment, the key leaves the repository.
    (work / "app.py").write_text('import os\n\nTOKEN = os.environ["API_TOKEN"]\n')
    git(work, "rm", "-q", "--cached", "deploy/signing.pem")
    (work / "deploy" / "signing.pem").unlink()
    git(work, "add", "-A")
    allowed = try_repo(hook_repo, work, tmp_path / "cache")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "Passed" in allowed.stdout
    commit = subprocess.run(["git", "commit", "-q", "-m", "settings from the environment"], cwd=work,
                            capture_output=True, text=True, check=False,
                            env={**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                                 "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ.get('PATH', '')}"})  # fmt: skip
    assert commit.returncode == 0, commit.stdout + commit.stderr
