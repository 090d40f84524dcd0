"""What the jwtlint program does with its own process (and only there): the garbage collector."""

from __future__ import annotations

import gc
import subprocess
import sys
import types

import pytest

from jwtlint.cli import app as cli


@pytest.mark.parametrize(
    "main_file, own",
    [
        ("/venv/bin/jwtlint", True),
        ("C:\\venv\\Scripts\\jwtlint.exe", sys.platform == "win32"),
        ("/src/jwtlint/__main__.py", True),
        ("/venv/lib/python3.11/site-packages/pytest/__main__.py", False),
        ("/venv/bin/pytest", False),
        (None, False),  # python -c, an interactive session
    ],
)
def test_only_the_jwtlint_program_owns_its_process(monkeypatch, main_file, own):
    fake = types.ModuleType("__main__")
    if main_file is not None:
        fake.__file__ = main_file
    monkeypatch.setitem(sys.modules, "__main__", fake)
    assert cli._own_process() is own


def test_main_called_by_another_program_leaves_the_collector_alone(monkeypatch, capsys):
    before = gc.get_freeze_count()
    monkeypatch.setattr(sys, "argv", ["jwtlint", "--version"])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 0 and "jwtlint" in capsys.readouterr().out
    assert gc.get_freeze_count() == before


def test_the_program_freezes_what_it_loaded_and_still_collects_the_rest(tmp_path):
    script = tmp_path / "jwtlint"  # run as the console script is: a file named jwtlint as __main__
    script.write_text(
        "import atexit, gc, sys\n"
        "from jwtlint.cli.app import main\n"
        "class Cycle:\n"
        "    pass\n"
        "def report():\n"
        "    c = Cycle(); c.me = c; del c  # made after the freeze: still collected\n"
        "    print(gc.get_freeze_count() > 1000, gc.collect() >= 1, file=sys.stderr)\n"
        "atexit.register(report)\n"
        "main()\n"
    )
    r = subprocess.run([sys.executable, str(script), "rules"], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert "JWT204" in r.stdout
    assert r.stderr.split() == ["True", "True"]


def test_loading_the_cli_leaves_out_what_no_command_needs_up_front():
    code = "import sys, jwtlint.cli.app; print(' '.join(sorted(sys.modules)))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stdout.split())
    assert "jwtlint.cli.app" in loaded
    # the key thumbprint (jwtlint key pub), the TOML parser (a configuration file), package metadata
    # (read by hand for rule packs), cryptography and pyasn1 (keys): each imported where it is used
    for module in ("jwtlint.keys.thumbprint", "tomllib", "tomli", "importlib.metadata", "cryptography", "pyasn1"):
        assert module not in loaded, module


def _jwtlint(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "jwtlint", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=60, check=False)  # fmt: skip


@pytest.mark.parametrize("command", ["check", "decode"])
def test_no_token_is_exit_2_as_a_process(command):
    r = _jwtlint(command, "hello")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.startswith("jwtlint: error: no token found in the input") and r.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["check", "decode"])
def test_a_dotenv_line_on_stdin_is_its_token(command):
    import jwt

    now = 1_700_000_000
    tok = jwt.encode({"iss": "123456", "iat": now - 60, "exp": now + 540}, "s" * 40, algorithm="HS256")
    r = _jwtlint(command, "-", "--now", str(now), stdin=f"GITHUB_APP_JWT={tok}\n")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "invalid-base64-char" not in r.stdout and "segment-not-json" not in r.stdout
    assert '"alg": "HS256"' in r.stdout or "no problems found" in r.stdout
