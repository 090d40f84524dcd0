"""jwtlint scan end to end: walking, skipping, hostile files, suppressions, baseline, configuration, exit codes."""

import json
import os
import shutil
import subprocess

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from typer.testing import CliRunner

from jwtlint.cli.app import app
from jwtlint.scan.run import collect, scan

NOW = 1_800_000_000
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PKCS1 = KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
).decode()
LIVE = jwt.encode({"sub": "admin", "exp": NOW + 86400}, KEY, algorithm="RS256")
EXPIRED = jwt.encode({"sub": "docs", "exp": NOW - 86400}, KEY, algorithm="RS256")


def run(*args, cwd=None):
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return CliRunner().invoke(app, ["scan", "--now", str(NOW), *args])
    finally:
        os.chdir(old)


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "settings.py").write_text(f'DEBUG = True\nAPI_TOKEN = "{LIVE}"\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "api.md").write_text(f"Example:\n\n    Authorization: Bearer {EXPIRED}\n")
    (tmp_path / "clean.txt").write_text("nothing to see\n")
    return tmp_path


def test_scan_reports_live_token_blocks_and_lets_examples_through(tree):
    res = run(cwd=tree)
    assert res.exit_code == 1, res.output
    out = res.stdout
    assert "src/settings.py:2:14: error live-token-in-repo (JWT801)" in out
    assert "docs/api.md:3:27: info expired (JWT404)" in out
    assert "fix: remove it from the file" in out
    assert out.rstrip().splitlines()[-1].startswith("scanned 3 files, 2 targets, ")
    assert LIVE.split(".")[2] not in out  # never the signature


def test_clean_scan_prints_one_summary_line_and_exits_0(tree):
    res = run("clean.txt", "docs", cwd=tree)
    assert res.exit_code == 0, res.output
    lines = [line for line in res.stdout.splitlines() if line.strip()]
    assert lines[-1].startswith("scanned 2 files, 1 target, 1 finding (0 errors, 0 warnings, 1 info)")
    res = run("clean.txt", cwd=tree)
    assert res.exit_code == 0 and res.stdout.strip().startswith("scanned 1 file, 0 targets, 0 findings")
    assert len(res.stdout.strip().splitlines()) == 1


def test_fail_on_warning_and_select_ignore(tree):
    assert run("docs", "--fail-on", "info", cwd=tree).exit_code == 1
    res = run("--ignore", "live-token-in-repo", cwd=tree)
    assert "live-token-in-repo" not in res.stdout and res.exit_code == 0
    res = run("--select", "expired", cwd=tree)
    assert "expired" in res.stdout and "live-token" not in res.stdout


def test_bad_usage_exits_2_with_one_line(tree):
    for args in (["missing.txt"], ["--select", "no-such-rule"], ["--fail-on", "loud"], ["--format", "xml"],
                 ["--baseline", "nope.json"]):  # fmt: skip
        res = run(*args, cwd=tree)
        assert res.exit_code == 2, (args, res.output)
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.output, args


# --- walking -------------------------------------------------------------------


def test_walk_skips_vendored_binary_and_reports_them_with_verbose(tree):
    (tree / "node_modules" / "pkg").mkdir(parents=True)
    (tree / "node_modules" / "pkg" / "t.js").write_text(f"'{LIVE}'")
    (tree / "image.bin").write_bytes(b"\x89PNG\0\0" + LIVE.encode())
    res = run("-v", cwd=tree)
    assert not any(line.startswith("node_modules/pkg/t.js:") for line in res.stdout.splitlines())
    assert "node_modules: skipped: vendored folder (node_modules/)" in res.stdout
    assert "image.bin: skipped: binary" in res.stdout
    assert res.stdout.count("error live-token-in-repo (JWT801)") == 1


def test_git_work_tree_respects_gitignore(tree):
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    (tree / ".gitignore").write_text("secrets/\n")
    (tree / "secrets").mkdir()
    (tree / "secrets" / "t.txt").write_text(LIVE)
    files = collect([str(tree)]).files
    names = {os.path.relpath(c.path, tree) for c in files}
    assert os.path.join("secrets", "t.txt") not in names
    assert os.path.join("src", "settings.py") in names and ".gitignore" in names


def test_symlink_loop_and_duplicate_links_are_followed_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "t.txt").write_text(LIVE)
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path / "a" / "t.txt", tmp_path / "again.txt")
    assert len(collect([str(tmp_path)]).files) == 1
    result = scan([str(tmp_path)], now=NOW)
    assert len(result.report.targets) == 1


def test_unreadable_file_is_one_line(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text(LIVE)
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: the file stays readable")
        res = run(str(p))
        assert res.exit_code == 2
        assert res.stderr.strip() == f"jwtlint: warning: cannot read {p}: Permission denied"
    finally:
        p.chmod(0o600)


# --- hostile files --------------------------------------------------------------


def test_hostile_files_are_skipped_or_scanned_without_harm(tmp_path):
    sparse = tmp_path / "huge.img"
    with open(sparse, "wb") as fh:
        fh.truncate(2 * 1024**3)  # 2 GB, sparse: costs nothing on disk
    one_line = tmp_path / "one-line.txt"
    with open(one_line, "wb") as fh:
        fh.writelines(b"a" * (1 << 20) for _ in range(100))
        fh.write(f" {LIVE}".encode())  # a token at column 104857602, past every chunk boundary
    (tmp_path / "bad-utf8.txt").write_bytes(b"\xff\xfe\xc3(" + f" {LIVE}\n".encode())
    (tmp_path / "nul.dat").write_bytes(b"\0" * 100 + LIVE.encode())
    before = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in tmp_path.iterdir()}
    digest = {p.name: p.read_bytes()[:64] for p in tmp_path.iterdir() if p.name != "huge.img"}
    res = run("-v", str(tmp_path))
    assert "Traceback" not in res.output
    assert "huge.img: skipped: larger than 128 MiB" in res.stdout
    assert "nul.dat: skipped: binary" in res.stdout
    assert f"one-line.txt:1:{100 * (1 << 20) + 2}: error live-token-in-repo" in res.stdout
    assert "bad-utf8.txt:1:6: error live-token-in-repo" in res.stdout  # 3 invalid bytes, '(' and ' ': 5 characters
    after = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in tmp_path.iterdir()}
    assert after == before
    assert digest == {p.name: p.read_bytes()[:64] for p in tmp_path.iterdir() if p.name != "huge.img"}


# --- suppressions and baseline ----------------------------------------------------


def test_suppressed_line_is_counted_not_reported(tmp_path):
    (tmp_path / "t.js").write_text(f"// jwtlint: ignore[live-token-in-repo]\nconst t = '{LIVE}';\n")
    res = run("t.js", cwd=tmp_path)
    assert res.exit_code == 0 and "1 suppressed" in res.stdout


def test_baseline_records_today_and_fails_only_on_new_findings(tree):
    res = run("--write-baseline", "baseline.json", cwd=tree)
    assert res.exit_code == 0 and res.stdout.startswith("wrote 2 findings to baseline.json")
    text = (tree / "baseline.json").read_text()
    assert LIVE not in text and LIVE.split(".")[1] not in text
    # Lines move: still known.
    (tree / "src" / "settings.py").write_text(f'# moved\n\n\nAPI_TOKEN = "{LIVE}"\n')
    res = run("--baseline", "baseline.json", cwd=tree)
    assert res.exit_code == 0, res.output
    assert "2 in baseline" in res.stdout
    # A new token: reported.
    other = jwt.encode({"sub": "ops"}, KEY, algorithm="RS256")
    (tree / "src" / "new.py").write_text(f"T = '{other}'\n")
    res = run("--baseline", "baseline.json", cwd=tree)
    assert res.exit_code == 1 and "src/new.py:1:6: error live-token-in-repo" in res.stdout
    assert "settings.py" not in res.stdout.split("scanned")[0]


# --- configuration ------------------------------------------------------------------


def test_pyproject_configuration_and_command_line_override(tree):
    (tree / "pyproject.toml").write_text(
        '[tool.jwtlint]\nexclude = ["docs/**"]\nfail-on = "warning"\n'
        '[[tool.jwtlint.overrides]]\npaths = ["src/settings.py"]\nignore = ["live-token-in-repo"]\n'
    )
    (tree / "src" / "other.py").write_text(f"T = '{LIVE}'\n")
    res = run("-v", cwd=tree)
    assert "docs/api.md: skipped: excluded by configuration" in res.stdout
    assert "src/other.py:1:6: error live-token-in-repo" in res.stdout
    assert "src/settings.py:2:14: error" not in res.stdout
    res = run("--ignore", "exp-missing", cwd=tree)  # an --ignore on the command line replaces the override's
    assert "src/settings.py:2:14: error live-token-in-repo" in res.stdout


def test_json_report_has_origins_and_scan_section(tree):
    res = run("--format", "json", cwd=tree)
    doc = json.loads(res.stdout)
    origins = {(t["origin"]["path"], t["origin"]["line"], t["origin"]["column"]) for t in doc["targets"]}
    assert origins == {("src/settings.py", 2, 14), ("docs/api.md", 3, 27)}
    examples = {t["origin"]["path"]: t["example"] for t in doc["targets"]}
    assert examples == {"src/settings.py": False, "docs/api.md": True}
    assert doc["scan"]["files"] == 3 and doc["summary"]["error"] >= 1


def test_process_pool_gives_the_same_result(tmp_path):
    for i in range(40):
        (tmp_path / f"f{i}.py").write_text(("x = 1\n" * 20000) + f"T = '{LIVE}'\n")
    one = scan([str(tmp_path)], now=NOW, jobs=1)
    two = scan([str(tmp_path)], now=NOW, jobs=2)
    key = lambda r: sorted((t.target.origin, tuple(f.name for f in t.findings)) for t in r.report.targets)
    assert key(one) == key(two) and len(one.report.targets) == 40


def test_grep_prefilter_gives_the_same_result(tmp_path, monkeypatch):
    for i in range(30):
        body = ("x = 1  # é\n" * 30000) + (f"T = '{LIVE}'\n" if i % 3 == 0 else "") + (PKCS1 if i % 10 == 1 else "")
        (tmp_path / f"f{i}.py").write_text(body)
    (tmp_path / "blob.bin").write_bytes(b"\0" * 10 + b"x" * 100)
    with_grep = scan([str(tmp_path)], now=NOW)
    monkeypatch.setenv("JWTLINT_NO_GREP", "1")
    without = scan([str(tmp_path)], now=NOW)
    key = lambda r: (
        sorted((t.target.origin, tuple(f.name for f in t.findings)) for t in r.report.targets),
        sorted(r.all_skipped), len(r.scanned), r.bytes,
    )
    assert key(with_grep) == key(without)
    assert len(with_grep.report.targets) == 10 + 3 and ("blob.bin" in str(with_grep.all_skipped))


def test_grep_prefilter_runs_in_a_thread_and_fails_safe(tmp_path):
    from jwtlint.scan import prefilter as prefilter

    files = []
    for i, body in enumerate(["x\n", f"T = '{LIVE}'\n", PKCS1, '{"kty": "oct"}\n']):
        files.append(str(tmp_path / f"f{i}.txt"))
        (tmp_path / f"f{i}.txt").write_text(body)
    pending = prefilter.start(files + [str(tmp_path / "missing.txt")])
    assert pending is not None
    # A file grep cannot read fails its batch: every file of the batch is a candidate for every needle.
    assert pending.result() == set(files + [str(tmp_path / "missing.txt")])
    pending = prefilter.start(files)
    assert pending.result() == set(files[1:])
    assert pending.needles(files[1]) == (b"eyJ",) and pending.needles(files[2]) == (b"-----BEGIN ",)
    assert pending.needles(files[3]) == (b'"kty"',) and pending.needles(files[0]) == ()
    # No grep to run (it cannot be started), or the scan gives up on it: no list, every file is read.
    broken = prefilter.Pending([((b"eyJ",), [str(tmp_path / "no-such-grep")], files)])
    assert broken.result() is None
    import time

    slow = prefilter.Pending([((b"eyJ",), ["sleep", "30"], [])])
    time.sleep(0.2)  # started
    t = time.monotonic()
    slow.cancel()
    assert slow.result() is None and time.monotonic() - t < 5
    slow = prefilter.Pending([((b"eyJ",), ["sleep", "30"], [])])
    slow.cancel()  # at once, maybe before the thread started it
    assert slow.result() is None


def test_scan_options_known_to_the_early_start_are_the_commands_options():
    import typer.main

    from jwtlint.scan import early as scan_module

    command = typer.main.get_command(app).commands["scan"]
    takes_value, flags = set(), set()
    for param in command.params:
        if param.param_type_name == "option":
            (flags if param.is_flag else takes_value).update(param.opts + param.secondary_opts)
    assert takes_value == scan_module.SCAN_VALUE_OPTIONS
    assert flags == scan_module.SCAN_FLAGS


@pytest.mark.parametrize(
    "argv, paths",
    [
        ([], ["."]),
        (["src", "docs"], ["src", "docs"]),
        (["--format", "json", "src", "--now", "5", "-j", "2", "--select=JWT8", "-v", "lib"], ["src", "lib"]),
        (["--show-secrets", "--", "-odd-name"], ["-odd-name"]),
        (["--config", "x.toml"], ["."]),
        (["--help"], None),
        (["-vj2", "src"], None),
        (["--no-such-option", "src"], None),
    ],
)
def test_the_early_start_reads_the_paths_from_argv(argv, paths):
    from jwtlint.scan.early import argv_paths

    assert argv_paths(argv) == paths


@pytest.mark.parametrize("argv, started", [(["jwtlint", "scan", "."], True), (["jwtlint", "check", "scan"], False)])
def test_the_console_entry_starts_early_and_importing_the_cli_does_not(monkeypatch, argv, started):
    import sys

    import jwtlint.cli
    from jwtlint.scan import early

    calls = []
    monkeypatch.setattr(early, "prefetch", calls.append)
    monkeypatch.setattr("sys.argv", argv)
    for name in [m for m in sys.modules if m.startswith("jwtlint.cli.")]:
        monkeypatch.delitem(sys.modules, name)
    import jwtlint.cli.app  # noqa: F401  (importing the application starts nothing)

    assert calls == []
    monkeypatch.setattr("jwtlint.cli.app.main", lambda: None)
    jwtlint.cli.main()
    assert calls == ([argv[2:]] if started else [])


def _big_tree(root, n=12):
    for i in range(n):
        body = ("x = 1  # é\n" * 40000) + (f"T = '{LIVE}'\n" if i % 3 == 0 else "") + (PKCS1 if i == 1 else "")
        (root / f"f{i}.py").write_text(body)
    (root / "sub").mkdir()
    (root / "sub" / "blob.bin").write_bytes(b"\0" * 10 + b"eyJ" * 10)


def test_a_scan_started_early_gives_the_same_result(tmp_path, monkeypatch):
    import jwtlint.scan.early as scan_module

    _big_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    key = lambda r: (
        sorted((t.target.origin, tuple(f.name for f in t.findings)) for t in r.report.targets),
        sorted(r.all_skipped), len(r.scanned), r.bytes,
    )
    plain = scan(["."], now=NOW)
    scan_module.prefetch(["--format", "json", "."])
    early = scan_module._early
    assert early is not None and early.pending is not None
    assert "./sub/blob.bin" in early.files and len(early.files) == 13
    started = scan(["."], now=NOW)
    assert scan_module._early is None  # used once
    assert early.pending.result() is not None  # its greps were used
    assert key(started) == key(plain) and len(plain.report.targets) == 4 + 1

    # Prepared for other paths (or another directory): dropped, its greps stopped; the scan does its own.
    scan_module.prefetch(["sub", "."])
    other = scan_module._early
    assert key(scan(["."], now=NOW)) == key(plain) and scan_module._early is None
    assert other.pending.result() is None  # cancelled

    # Started, then never taken (typer refused the command line): stopped when the process exits.
    scan_module.prefetch(["."])
    unused = scan_module._early
    scan_module.drop()
    assert scan_module._early is None and unused.pending.result() is None

    # Nothing is started for a path that does not exist, or for an argv it does not understand.
    scan_module.prefetch(["missing"])
    scan_module.prefetch(["--help"])
    assert scan_module._early is None


def test_jwtlint_scan_in_its_own_process_matches_the_library(tmp_path, monkeypatch):
    import sys

    _big_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    plain = scan([str(tmp_path)], now=NOW)
    r = subprocess.run([sys.executable, "-m", "jwtlint", "scan", str(tmp_path), "--now", str(NOW), "--format", "json"],
                       capture_output=True, text=True, check=False, cwd=tmp_path)  # fmt: skip
    assert r.returncode == 1, r.stderr
    got = json.loads(r.stdout)
    assert sorted((t["origin"]["line"], t["kind"]) for t in got["targets"]) == sorted(
        (t.target.origin.line, t.target.kind) for t in plain.report.targets
    )
    assert got["scan"]["files"] == len(plain.scanned) and got["scan"]["skipped"] == [
        {"path": p, "reason": why} for p, why in plain.all_skipped
    ]


def test_linting_shared_with_a_worker_gives_the_same_result(tmp_path, monkeypatch):
    import jwtlint.scan.lint as lint_module
    import jwtlint.scan.pool as pool_module
    import jwtlint.scan.read as read_module

    # Small thresholds, so a small tree takes the path of a big one: grep's list, the distinct
    # targets of the whole tree shared out in chunks between this process and a worker.
    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_BYTES", 0)
    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_FILES", 1)
    monkeypatch.setattr("jwtlint.scan.pool.MIN_POOL_TARGETS", 2)
    monkeypatch.setattr("jwtlint.scan.pool.POOL_CHUNK", 3)
    for i in range(12):
        tokens = [jwt.encode({"sub": f"u{i}-{k}", "exp": NOW + (86400 if k else -86400)}, KEY, algorithm="RS256")
                  for k in range(3)]  # fmt: skip
        body = "".join(f"T{k} = '{t}'\n" for k, t in enumerate(tokens)) + f"SHARED = '{LIVE}'\n"
        (tmp_path / f"f{i}.py").write_text(body + (PKCS1 if i % 4 == 0 else "") + ("# jwtlint: ignore\nX = '" + LIVE + "'\n" if i == 5 else ""))  # fmt: skip
    (tmp_path / "none.txt").write_text("nothing here\n")
    lint_module.MEMO.clear()
    one = scan([str(tmp_path)], now=NOW, jobs=1)
    lint_module.MEMO.clear()
    two = scan([str(tmp_path)], now=NOW, jobs=2)
    key = lambda r: sorted(
        (t.target.origin, t.target.kind, t.target.example, tuple((f.name, int(f.severity), f.message) for f in t.findings))
        for t in r.report.targets
    )
    assert key(one) == key(two)
    assert len(two.report.targets) == 12 * 4 + 3 + 1  # 3 tokens and LIVE per file, 3 keys, the ignored copy
    assert sum(f.suppressed for f in two.files) == sum(f.suppressed for f in one.files) > 0
    examples = [t for t in two.report.targets if t.target.example]
    assert len(examples) == 12  # the expired token of each file


def test_default_workers_are_the_cores_other_jobs_leave_idle(monkeypatch):
    import jwtlint.scan.lint as lint_module
    import jwtlint.scan.pool as pool_module
    import jwtlint.scan.read as read_module

    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    for load, want in ((0.1, 4), (1.0, 3), (2.6, 1), (3.4, 1), (9.0, 1)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, load, load))
        assert pool_module.idle_cores() == want, load

    def no_load_average():
        raise OSError("no load average here")

    monkeypatch.setattr(os, "getloadavg", no_load_average)
    assert pool_module.idle_cores() == 4


def _worker_dies(chunk):
    os._exit(3)  # as if killed (out of memory): the pool breaks


@pytest.mark.parametrize("trouble", ["no-fork", "worker-dies"])
def test_scan_lints_everything_itself_when_workers_fail(tmp_path, monkeypatch, trouble):
    from concurrent.futures import ProcessPoolExecutor

    import jwtlint.scan.lint as lint_module
    import jwtlint.scan.pool as pool_module
    import jwtlint.scan.read as read_module

    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_BYTES", 0)
    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_FILES", 1)
    monkeypatch.setattr("jwtlint.scan.pool.MIN_POOL_TARGETS", 2)
    monkeypatch.setattr("jwtlint.scan.pool.POOL_CHUNK", 2)
    for i in range(6):
        tokens = [jwt.encode({"sub": f"w{i}-{k}", "exp": NOW + 86400}, KEY, algorithm="RS256") for k in range(2)]
        (tmp_path / f"f{i}.py").write_text("".join(f"T{k} = '{t}'\n" for k, t in enumerate(tokens)))
    lint_module.MEMO.clear()
    one = scan([str(tmp_path)], now=NOW, jobs=1)
    if trouble == "no-fork":

        def refuse(self, *args, **kwargs):
            raise OSError("Resource temporarily unavailable")

        monkeypatch.setattr(ProcessPoolExecutor, "submit", refuse)
    else:
        _worker_dies.__qualname__ = _worker_dies.__name__
        monkeypatch.setattr("jwtlint.scan.pool._lint_chunk", _worker_dies)
    lint_module.MEMO.clear()
    two = scan([str(tmp_path)], now=NOW, jobs=2)
    key = lambda r: sorted((t.target.origin, tuple(f.name for f in t.findings)) for t in r.report.targets)
    assert key(one) == key(two) and len(two.report.targets) == 12
    assert all(any(f.name == "live-token-in-repo" for f in t.findings) for t in two.report.targets)


# --- suppressions and baseline entries that do nothing ------------------------------------


def _validate_report(doc):
    from importlib.resources import files

    import jsonschema

    jsonschema.validate(doc, json.loads(files("jwtlint").joinpath("data/report.schema.json").read_text()))


@pytest.fixture
def typos(tmp_path):
    """Comments typed as people type them, each next to a live token."""
    (tmp_path / "a.py").write_text(f"# jwtlint: ignore[live-token]\nA = '{LIVE}'\n")
    (tmp_path / "b.js").write_text(f"const b = '{LIVE}'; // jwtlint:ignore[expired ]\n")
    (tmp_path / "c.md").write_text(f"<!-- jwtlint: ignore[Live-Token-In-Repo] -->\n{LIVE}\n")
    return tmp_path


def test_scan_reports_suppression_typos_in_every_format(typos):
    res = run(cwd=typos)
    assert res.exit_code == 1, res.output  # the live tokens of a.py and b.js are not silenced
    out = res.stdout
    assert ("a.py:1:3: warning unknown-rule-in-suppression (JWT803): 'live-token' in `jwtlint: ignore[live-token]` "
            "is no jwtlint rule, so it silences nothing; did you mean live-token-in-repo?") in out
    assert "a.py:2:6: error live-token-in-repo" in out
    assert "b.js:1:" in out and "warning unused-suppression (JWT804): expired in `jwtlint:ignore[expired ]`" in out
    assert "c.md" not in out  # another case of the right name: accepted, the token silenced
    assert "1 suppressed" in out and "scanned 3 files, 3 targets, " in out  # comments are not targets

    doc = json.loads(run("--format", "json", cwd=typos).stdout)
    _validate_report(doc)  # the JSON report contract (jwtlint/data/report.schema.json) holds these targets too
    got = {(t["kind"], t["origin"]["path"], t["origin"]["line"], f["name"]) for t in doc["targets"] for f in t["findings"]}
    assert ("suppression", "a.py", 1, "unknown-rule-in-suppression") in got
    assert ("suppression", "b.js", 1, "unused-suppression") in got

    sarif = json.loads(run("--format", "sarif", cwd=typos).stdout)
    (unknown,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "JWT803"]
    loc = unknown["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a.py"
    assert loc["region"] == {"startLine": 1, "startColumn": 3 + 16, "endColumn": 3 + 26}  # the name itself

    github = run("--format", "github", cwd=typos).stdout
    assert "::warning file=a.py,line=1,col=3,title=JWT803 unknown-rule-in-suppression::" in github

    quiet = run("--ignore", "unknown-rule-in-suppression,unused-suppression", cwd=typos)
    assert "JWT803" not in quiet.stdout and "JWT804" not in quiet.stdout
    only = run("--select", "unused-suppression", cwd=typos)
    assert "JWT804" not in only.stdout  # expired did not run: the comment cannot be judged
    assert only.exit_code == 0


def test_unused_baseline_entries_only_for_files_scanned(tree):
    (tree / "src" / "other.py").write_text(f'OTHER = "{LIVE}"\n')
    assert run("--write-baseline", "baseline.json", cwd=tree).exit_code == 0
    entries = json.loads((tree / "baseline.json").read_text())["findings"]
    gone = next(i for i, e in enumerate(entries) if e["path"] == "src/settings.py")
    (tree / "src" / "settings.py").write_text("DEBUG = True\nAPI_TOKEN = os.environ['API_TOKEN']\n")  # fixed

    res = run("--baseline", "baseline.json", cwd=tree)
    lines = [line for line in res.stdout.splitlines() if "unused-baseline-entry" in line]
    assert len(lines) == 1, res.stdout
    at = (tree / "baseline.json").read_text().splitlines().index("    {", 0) + 1 + 5 * gone  # indent=2, 5 lines an entry
    assert lines[0].startswith(f"baseline.json:{at}:5: warning unused-baseline-entry (JWT805): baseline entry "
                               f"findings[{gone}] (live-token-in-repo in src/settings.py) matches no finding")
    assert res.exit_code == 0  # a warning: the baseline still works

    # pre-commit passes only the changed files: an entry of a file not scanned is not judged.
    subset = run("--baseline", "baseline.json", "src/other.py", "docs", cwd=tree)
    assert "unused-baseline-entry" not in subset.stdout and subset.exit_code == 0
    assert "unused-baseline-entry" not in run("--baseline", "baseline.json", "--ignore", "JWT805", cwd=tree).stdout
    # An entry whose rule did not run is not judged either.
    assert "unused-baseline-entry" not in run("--baseline", "baseline.json", "--select", "JWT404,JWT805", cwd=tree).stdout
    assert "unused-baseline-entry" in run("--baseline", "baseline.json", "--select", "JWT801,JWT805", cwd=tree).stdout


def test_comments_found_while_placing_targets_are_the_comments_of_the_file():
    """The grep path (``found_at``) takes the comments' offsets from extraction instead of searching
    again: the same comments, at the same lines and columns, as a search of the whole file."""
    import re

    from jwtlint.scan.extract import NEEDLES, CommentTap, find_comments, found_at

    text = (f"# jwtlint: ignore[live-token]\nA = '{LIVE}'\n\nB = 'é{LIVE}'  // jwtlint:ignore[expired , JWT801]\n"
            f"Use `jwtlint: ignore` in docs.\n<!-- jwtlint: ignore -->\n{PKCS1}\n# jwtlint: ignore[unclosed\n")  # fmt: skip
    data = text.encode()
    occurrences = sorted((m.start(), n) for n in NEEDLES for m in re.finditer(re.escape(n), data))
    found = found_at(data, occurrences)
    assert found and found.comment_offsets
    tap = CommentTap()
    tap.at(data, found.comment_offsets)
    whole = find_comments(data)
    assert tap.comments == whole and len(whole) == 5
    starts = [m.start() for m in re.finditer("jwtlint:", text)]  # in characters (é is one)
    want = [(text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1) for i in starts]
    assert [(c.line, c.column) for c in whole] == want and want[0] == (1, 3)
    assert [c.quoted for c in whole] == [False, False, True, False, False]
    assert whole[1].names == (("expired", 15, 22), ("JWT801", 25, 31)) and whole[4].names == (("unclosed", 16, 24),)
    # Read in small pieces (a comment cut between two reads), the same comments.
    import io

    tap = CommentTap(io.BytesIO(data))
    while tap.read(7):
        pass
    assert tap.comments == whole


def test_a_file_of_made_up_suppressions_costs_bounded_work(monkeypatch):
    """Nearest-name searches (difflib) are capped per file, names per comment and comments per file
    too: a megabyte of comments with made-up names next to one token stays cheap."""
    import time

    import jwtlint.scan.lint as lint_module
    from jwtlint.engine import Context
    from jwtlint.scan.extract import MAX_COMMENTS

    calls = []
    real = lint_module.nearest_rule
    monkeypatch.setattr(lint_module, "nearest_rule", lambda w: calls.append(w) or real(w))
    comments = "".join(f"# jwtlint: ignore[name-{i}-x, {'q' * 40}{i}, " + "z," * 30 + "]\n" for i in range(20000))
    text = f"A = '{LIVE}'\n" + comments[: 2**20]
    started = time.perf_counter()
    result = lint_module.lint_text(text, "f.py", context=Context(now=NOW))
    assert time.perf_counter() - started < 5
    unknown = [f for tr in result.targets for f in tr.findings if f.name == "unknown-rule-in-suppression"]
    assert len(calls) == 32 and len({tr.target.origin.line for tr in result.targets if tr.kind == "suppression"}) == MAX_COMMENTS
    assert len(unknown) == 16 * MAX_COMMENTS  # 16 names a comment are judged
