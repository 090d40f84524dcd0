"""The CLI as a user meets it: exit codes, formats, files, stdin, bad input."""

import json
import subprocess
import sys

import jwt
import pytest
from typer.testing import CliRunner

from jwtlint.cli.app import app

from tokens import NOW

runner = CliRunner()
TOK = jwt.encode({"sub": "1", "iat": NOW, "exp": NOW + 600}, "k" * 32, algorithm="HS256")
PADDED = TOK.replace(".", "=.", 1)


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_clean_token_exits_0():
    r = run("check", TOK, "--now", str(NOW))
    assert r.exit_code == 0, r.output
    assert "no problems found" in r.output


def test_findings_exit_1_and_show_fix():
    r = run("check", PADDED, "--now", str(NOW))
    assert r.exit_code == 1
    assert "JWT204 base64-padding" in r.output and "fix:" in r.output


def test_fail_on_and_ignore():
    assert run("check", PADDED, "--now", str(NOW), "--ignore", "base64-padding").exit_code == 0
    assert run("check", f"Bearer {TOK}", "--now", str(NOW)).exit_code == 0
    assert run("check", f"Bearer {TOK}", "--now", str(NOW), "--fail-on", "info").exit_code == 1


def test_json_report_matches_the_contract():
    r = run("check", PADDED, "--now", str(NOW), "--format", "json")
    doc = json.loads(r.output)
    assert set(doc) >= {"jwtlint", "targets", "summary"}
    (target,) = doc["targets"]
    assert target["kind"] == "token" and set(target["origin"]) == {"path", "line", "column"}
    (f,) = target["findings"]
    assert set(f) >= {"code", "name", "severity", "message", "fix", "fixed", "span", "refs"}
    assert f["span"] == {"part": "header", "start": 36, "end": 37}
    assert doc["summary"] == {"error": 1, "warning": 0, "info": 0}


def test_file_argument_is_read_as_file(tmp_path):
    p = tmp_path / "token.txt"
    p.write_text(PADDED + "\n")
    doc = json.loads(run("check", str(p), "--now", str(NOW), "--format", "json").output)
    assert doc["targets"][0]["origin"]["path"] == str(p)


def test_stdin_dash():
    r = run("check", "-", "--now", str(NOW), input=PADDED)
    assert r.exit_code == 1 and "base64-padding" in r.output


def test_unreadable_file_and_bad_selector_exit_2(tmp_path):
    r = run("check", str(tmp_path), "--now", "0")
    assert r.exit_code == 2 and "is a directory" in r.output
    r = run("check", TOK, "--select", "no-such-rule")
    assert r.exit_code == 2 and "no-such-rule" in r.output
    r = run("check", "   ")
    assert r.exit_code == 2 and "no token" in r.output


def test_signature_is_never_printed_whole():
    sig = PADDED.rsplit(".", 1)[1]
    text = run("check", PADDED + "=", "--now", str(NOW)).output
    assert sig not in text
    assert sig in run("check", PADDED + "=", "--now", str(NOW), "--show-secrets").output


def test_decode_shows_claims_and_times():
    ms = jwt.encode({"sub": "1", "exp": 1603472160417}, "k" * 32, algorithm="HS256")
    r = run("decode", ms, "--now", "1603471980")
    assert r.exit_code == 0
    assert '"sub": "1"' in r.output and "2020-10-23T16:56:00Z" in r.output and "milliseconds" in r.output


def test_decode_shows_what_it_can_of_a_broken_token():
    r = run("decode", "eyJhbGciOiJIUzI1NiJ9.!!!not base64.xx", "--now", "0")
    assert r.exit_code == 0 and '"alg": "HS256"' in r.output
    assert "read with problems" in r.output and "invalid-base64-char payload[0:1]" in r.output
    clean = run("decode", TOK, "--now", str(NOW))
    assert "read with problems" not in clean.output


def test_rules_and_rule():
    listing = json.loads(run("rules", "--format", "json").output)
    assert {"code", "name", "severity", "summary", "docs", "refs"} <= set(listing[0])
    r = run("rule", "JWT204")
    assert r.exit_code == 0 and "## Why is this bad?" in r.output and "rfc-editor.org" in r.output
    r = run("rule", "base64-paddin")
    assert r.exit_code == 2 and "base64-padding" in r.output


def test_console_script_and_module_entry():
    out = subprocess.run([sys.executable, "-m", "jwtlint", "check", PADDED, "--now", str(NOW)], capture_output=True, text=True)
    assert out.returncode == 1 and "base64-padding" in out.stdout and out.stderr == ""


def _token_with_payload(payload: bytes) -> bytes:
    from jwtlint.token.b64 import b64url_encode

    header = b64url_encode(b'{"alg":"HS256"}')
    return f"{header}.{b64url_encode(payload)}.{b64url_encode(bytes(32))}".encode()


HOSTILE = {
    "binary": b"\x00\xff\xfe" * 1000,
    "nul-bytes": b"eyJhbGciOiJIUzI1NiJ9\x00.eyJzdWIiOiIxIn0\x00.\x00",
    "lone-surrogate": "eyJ\ud800.eyJ\udfff.x".encode("utf-8", "surrogatepass"),
    "raw-deep-json": b"[" * 100_000 + b"]" * 100_000,
    "token-deep-json": _token_with_payload(b"[" * 50_000 + b"]" * 50_000),
    "token-deep-json-100k": _token_with_payload(b"[" * 100_000 + b"]" * 100_000),
    "5000-digit-exp": _token_with_payload(b'{"exp":' + b"9" * 5000 + b"}"),
    "10MB-paste": b"eyJhbGciOiJIUzI1NiJ9." * (10 * 1024 * 1024 // 21),
    "many-dots": b"." * 200_000,
}


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_bad_input_never_tracebacks(payload):
    """A finding or a one-line error with exit 2; the timeout only guards against a hang
    (times are measured in bench/bench_hostile.py, not asserted here)."""
    out = subprocess.run(
        [sys.executable, "-m", "jwtlint", "check", "-", "--now", "0", "--format", "json"],
        input=payload, capture_output=True, timeout=60,
    )
    assert out.returncode in (0, 1, 2), out.stderr  # 0: e.g. a deep plain-JWS payload is only noted
    assert b"Traceback" not in out.stderr and b"Traceback" not in out.stdout
    if out.returncode == 2:
        assert out.stderr.count(b"\n") == 1
    else:
        doc = json.loads(out.stdout)
        assert all(f["name"] != "internal-error" for t in doc["targets"] for f in t["findings"])


def test_hostile_facts_are_reported_as_findings():
    from jwtlint import lint

    assert "input-too-large" in lint(HOSTILE["10MB-paste"]).names()
    deep = lint(HOSTILE["token-deep-json"].decode())
    (f,) = [f for f in deep.findings if f.name == "segment-not-json"]
    assert "levels deep" in f.message
    big = lint(HOSTILE["5000-digit-exp"].decode())
    (f,) = [f for f in big.findings if f.name == "time-not-numeric"]
    assert "5000-digit" in f.message or "5,000" in f.message


def test_broken_rule_pack_is_one_line_exit_2(monkeypatch, capsys):
    from importlib.metadata import EntryPoint

    from jwtlint import engine
    from jwtlint.cli import app as cli

    broken = EntryPoint(name="brokenpack", value="no_such_module_xyz:RULES", group=engine.ENTRY_POINT_GROUP)
    monkeypatch.setattr(engine, "_entry_points", lambda group: [broken])
    monkeypatch.setattr(engine, "_registry", None)
    monkeypatch.setattr(sys, "argv", ["jwtlint", "check", TOK, "--now", str(NOW)])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "brokenpack" in err and err.count("\n") == 1 and "Traceback" not in err


def test_decode_format_json_gives_header_payload_times_evidence_and_findings():
    ms = jwt.encode({"sub": "1", "exp": 1603472160417}, "k" * 32, algorithm="HS256")
    r = run("decode", "Bearer " + ms.replace(".", "=.", 1), "--now", "1603471980", "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    (t,) = out["targets"]
    assert t["header"] == {"alg": "HS256", "typ": "JWT"} and t["payload"]["sub"] == "1"
    exp = t["times"]["exp"]
    assert exp["unit"] == "milliseconds" and exp["seconds"] == 1603472160
    assert exp["utc"] == "2020-10-23T16:56:00Z" and "in 3 minutes" in exp["relative"]
    assert [w["kind"] for w in t["evidence"]["wrappers"]] == ["bearer"]
    assert t["evidence"]["segments"][0]["base64"]["padding"] == 1
    assert {"base64-padding", "bearer-prefix"} & {f["name"] for f in t["findings"]}
    sig = ms.rsplit(".", 1)[1]
    assert sig not in r.stdout  # the signature is shortened unless --show-secrets
    assert sig in run("decode", ms, "--now", "0", "--format", "json", "--show-secrets").stdout


def _jwtlint(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "jwtlint", *args], capture_output=True, text=True, **kwargs)


def test_closed_stdin_full_stdout_and_closed_stdout_are_one_line_exit_2():
    import os

    closed = _jwtlint("check", stdin=subprocess.DEVNULL, pass_fds=(), preexec_fn=lambda: os.close(0))
    assert closed.returncode == 2 and closed.stderr == (
        "jwtlint: error: no input: stdin is closed (give the token as an argument or a file)\n"
    )
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "jwtlint", "check", TOK, "--now", str(NOW)], stdout=full,
                           stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert r.returncode == 2 and r.stderr == "jwtlint: error: cannot write the output: No space left on device\n"
    r = subprocess.run([sys.executable, "-m", "jwtlint", "check", TOK], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1))  # fmt: skip
    assert r.returncode == 2 and r.stderr == "jwtlint: error: stdout is closed: nothing can be printed\n"


# --- no token, no success -------------------------------------------------------------------------

NO_TOKEN = "jwtlint: error: no token found in the input (a JWT is header.payload.signature, base64url, joined by '.')\n"


@pytest.mark.parametrize("command", ["check", "decode", "fix"])
@pytest.mark.parametrize("text", ["hello", "hello world", "not a token at all"])
def test_check_decode_and_fix_say_no_token_found_for_words(command, text):
    r = runner.invoke(app, [command, text, "--now", str(NOW)])
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", NO_TOKEN)


@pytest.mark.parametrize("command", ["check", "decode"])
def test_empty_input_is_no_token_in_check_and_decode(command):
    r = runner.invoke(app, [command, "-"], input="  \n")
    assert (r.exit_code, r.stderr) == (2, "jwtlint: error: no token found in the input\n")


def test_a_part_of_a_token_is_still_linted_not_refused():
    header_only = TOK.split(".")[0]  # one segment, but a JOSE header: "only one part of a JWT"
    r = run("check", header_only, "--now", str(NOW))
    assert r.exit_code == 1 and "segment-count" in r.stdout
    assert run("decode", header_only, "--now", str(NOW)).exit_code == 0
    both = run("check", TOK, "hello", "--now", str(NOW))  # a token beside a word: the word is reported
    assert both.exit_code == 1 and "segment-count" in both.stdout


# --- NAME=value lines ----------------------------------------------------------------------------

ASSIGNED = [
    f"GITHUB_APP_JWT={TOK}", f"export TOKEN='{TOK}'", f'export TOKEN="{TOK}"', f"TOKEN={TOK}", f"set TOKEN={TOK}",
    f'$env:TOKEN = "{TOK}"', f"jwt.token={TOK}", f"jwt.token: {TOK}", f"token = {TOK}", f"token: {TOK}",
]  # fmt: skip


@pytest.mark.parametrize("line", ASSIGNED)
def test_an_assignment_line_is_its_token(line):
    r = run("check", line, "--now", str(NOW), "--format", "json")
    assert r.exit_code == 0, r.output
    (t,) = json.loads(r.stdout)["targets"]
    assert t["findings"] == [] and t["origin"]["column"] == line.index(TOK) + 1
    d = run("decode", line, "--now", str(NOW), "--format", "json")
    (t,) = json.loads(d.stdout)["targets"]
    assert t["header"] == {"alg": "HS256", "typ": "JWT"} and t["payload"]["sub"] == "1"
    assert [w["kind"] for w in t["evidence"]["wrappers"]] == ["assignment"]


def test_findings_in_an_assignment_point_at_the_token():
    line = f"GITHUB_APP_JWT={PADDED}"
    r = run("check", line, "--now", str(NOW), "--format", "json")
    (t,) = json.loads(r.stdout)["targets"]
    assert [f["name"] for f in t["findings"]] == ["base64-padding"]  # not invalid-base64-char, segment-not-json
    assert t["findings"][0]["span"] == {"part": "header", "start": 36, "end": 37}
    spaced = TOK[:20] + " " + TOK[20:]
    r = run("check", f'export TOKEN="{spaced}"', "--now", str(NOW), "--format", "json")
    (f,) = [f for f in json.loads(r.stdout)["targets"][0]["findings"] if f["name"] == "whitespace-in-token"]
    at = len('export TOKEN="') + 20
    assert f["span"] == {"part": "input", "start": at, "end": at + 1}


def test_fix_drops_the_assignment():
    r = run("fix", f"GITHUB_APP_JWT={PADDED}", "--now", str(NOW))
    assert r.exit_code in (0, 1) and r.stdout.splitlines()[0] == TOK


def test_scan_finds_tokens_in_assignment_lines(tmp_path):
    files = {
        ".env": f"DEBUG=1\nGITHUB_APP_JWT={TOK}\n",
        "run.sh": f"export TOKEN='{TOK}'\nTOKEN={TOK}\nset TOKEN={TOK}\n",
        "profile.ps1": f'$env:TOKEN = "{TOK}"\n',
        "app.properties": f"jwt.token={TOK}\njwt.other: {TOK}\n",
        "app.ini": f"[auth]\ntoken = {TOK}\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    r = run("scan", str(tmp_path), "--now", str(NOW), "--format", "json")
    got = sorted((t["origin"]["path"].rsplit("/", 1)[-1], t["origin"]["line"], t["origin"]["column"])
                 for t in json.loads(r.stdout)["targets"])  # fmt: skip
    want = sorted(
        (name, i + 1, line.index(TOK) + 1)
        for name, text in files.items()
        for i, line in enumerate(text.splitlines())
        if TOK in line
    )
    assert got == want


# --- one set of lint options ---------------------------------------------------------------------

LINT = {"--aud", "--iss", "--now", "--leeway", "--max-lifetime", "--select", "--ignore", "--fail-on", "--show-secrets",
        "--key", "--secret-file", "--jwks", "--profile", "--config"}  # fmt: skip


@pytest.mark.parametrize(
    "command, own",
    [
        ("check", LINT | {"--nonce", "--access-token", "--format"}),
        ("decode", LINT | {"--nonce", "--access-token", "--format"}),
        ("scan", LINT | {"--format", "--baseline", "--write-baseline", "--jobs", "-j", "--verbose", "-v"}),
        ("fix", {"--key", "--secret-file", "--now", "--diff", "--to-pkcs8"}),
    ],
)
def test_each_command_has_its_options(command, own):
    import typer

    params = typer.main.get_command(app).commands[command].params
    assert {o for p in params for o in p.opts if o.startswith("-")} - {"--help"} == own
    help_text = " ".join(run(command, "--help").stdout.split())
    assert all(o in help_text for o in own)
