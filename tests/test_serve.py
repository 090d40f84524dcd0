"""`jwtlint serve`: the server's security rules and its JSON API, over real HTTP on 127.0.0.1.

The suite runs with sockets refused (tests/offline.py). These tests lift that guard only
for loopback: ``loopback_only`` lets a socket bind or connect to 127.0.0.0/8 (and ::1)
and refuses every other address, so a request that tried to leave the machine would
still fail the test.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import offline

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "salesforce-apex-seed-token"
SEED_TOKEN = (SEED / "input.txt").read_text().strip()
SEED_NOW = 1603471980
URL_RE = re.compile(r"^http://127\.0\.0\.1:(\d+)/\?session=([A-Za-z0-9_-]{32,})$")

# ---- a network guard that lets loopback through, and nothing else ------------------------

_REAL = {name: getattr(socket, name) for name in offline.PATCHED}
if _REAL["socket"] is offline._BlockedSocket:  # the guard was already on: its base is the real class
    _REAL["socket"] = offline._BlockedSocket.__mro__[1]


def _is_loopback(host: object) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if not _is_loopback(host):
        raise offline.NetworkBlocked(f"the serve tests talk to loopback only, not {host!r}")


class _LoopbackSocket(_REAL["socket"]):  # type: ignore[misc,valid-type]
    def connect(self, address):  # noqa: D102
        _check(address)
        return super().connect(address)

    def connect_ex(self, address):  # noqa: D102
        _check(address)
        return super().connect_ex(address)

    def bind(self, address):  # noqa: D102
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)
        return super().bind(address)

    def sendto(self, *args):  # noqa: D102
        _check(args[-1])
        return super().sendto(*args)


def _getaddrinfo(host, *args, **kwargs):
    _check((host,))
    return _REAL["getaddrinfo"](host, *args, **kwargs)


@contextlib.contextmanager
def loopback_only():
    """Sockets work for 127.0.0.0/8 and ::1 only, for the duration of the block."""
    saved = {name: getattr(socket, name) for name in offline.PATCHED}
    socket.socket = _LoopbackSocket
    socket.getaddrinfo = _getaddrinfo
    socket.create_connection = _REAL["create_connection"]  # it calls the two above
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(socket, name, value)


# ---- a server for the tests, and a client ---------------------------------------------------


class Running:
    """A ``jwtlint.serve.server.Server`` serving from a thread."""

    def __init__(self) -> None:
        from jwtlint.serve.server import Server

        self.server = Server(0)
        self.server.warm().join(30)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.port = self.server.port
        self.session = self.server.session
        self.url = self.server.url

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@contextlib.contextmanager
def running_server():
    with loopback_only():
        run = Running()
        try:
            yield run
        finally:
            run.stop()


@pytest.fixture(scope="module")
def srv():
    with running_server() as run:
        yield run


def request(srv, method, path, body=None, headers=None, session=True, raw=None):
    """(status, headers, body bytes) of one request; ``session`` adds the X-Jwtlint-Session header."""
    with loopback_only():
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        try:
            h = dict(headers or {})
            if session:
                h.setdefault("X-Jwtlint-Session", srv.session)
            data = raw
            if body is not None:
                data = json.dumps(body).encode()
                h.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=h)
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()


def api(srv, path, body, **kw):
    status, headers, data = request(srv, "POST", path, body, **kw)
    assert headers["content-type"].startswith("application/json")
    return status, json.loads(data)


def test_the_loopback_guard_refuses_other_addresses():
    with loopback_only():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            with pytest.raises(offline.NetworkBlocked):
                s.connect(("10.0.0.1", 80))  # refused before anything is sent
            with pytest.raises(offline.NetworkBlocked):
                s.bind(("0.0.0.0", 0))
        finally:
            s.close()
        with pytest.raises(offline.NetworkBlocked):
            socket.getaddrinfo("example.com", 443)
    with pytest.raises(offline.NetworkBlocked):  # and the suite's own guard is back
        socket.socket()


# ---- the command ----------------------------------------------------------------------------


def test_serve_prints_the_url_binds_loopback_only_and_logs_nothing():
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.argv[0] = 'jwtlint'; from jwtlint.cli import main; main()", "serve", "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = proc.stdout.readline().strip()
        to_url = time.perf_counter() - started
        m = URL_RE.match(line)
        assert m, line
        port, session = int(m.group(1)), m.group(2)

        class Remote:
            pass

        remote = Remote()
        remote.port, remote.session = port, session
        # it answers at once, and lints
        status, report = api(remote, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW})
        assert status == 200 and report["summary"]["error"] == 4
        to_answer = time.perf_counter() - started
        # the whole process (Python, typer, the server) is up well within a second, even on a busy CI machine
        assert to_url < 1.5 and to_answer < 3.0, (to_url, to_answer)
        # only 127.0.0.1 is bound: the same port on another loopback address is closed
        with loopback_only():
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                assert s.connect_ex(("127.0.0.2", port)) != 0
            finally:
                s.close()
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    # no request line, no body: the token never reaches the terminal or a log
    assert SEED_TOKEN[:40] not in out + err
    assert "POST" not in err and "/api/lint" not in err
    assert session in err  # the URL to open is also said on stderr, for a person


def test_a_port_in_use_is_one_line_and_exit_2():
    from jwtlint.serve.server import Server

    with loopback_only():
        taken = Server(0)
        try:
            r = subprocess.run(
                [sys.executable, "-c", "from jwtlint.cli import main; main()", "serve", "--no-browser", "--port", str(taken.port)],
                capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip
        finally:
            taken.server_close()
    assert r.returncode == 2
    assert r.stderr.startswith(f"jwtlint: error: cannot listen on 127.0.0.1:{taken.port}") and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_the_server_binds_127_0_0_1_and_starts_fast():
    from jwtlint.serve.server import Server

    with loopback_only():
        t0 = time.perf_counter()
        server = Server(0)
        elapsed = time.perf_counter() - t0
        try:
            assert server.server_address[0] == "127.0.0.1"
            assert server.url == f"http://127.0.0.1:{server.port}/?session={server.session}"
            assert elapsed < 0.5
            other = Server(0)
            try:
                assert other.session != server.session  # a new secret at every start
            finally:
                other.server_close()
        finally:
            server.server_close()


def test_importing_the_cli_does_not_import_the_server():
    code = "import sys, jwtlint.cli.app; print(' '.join(sorted(sys.modules)))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stdout.split())
    assert "jwtlint.cli.serve" in loaded  # the command is registered...
    assert not {m for m in loaded if m.startswith("jwtlint.serve")}  # ...but the server is not loaded
    assert "http.server" not in loaded and "webbrowser" not in loaded


# ---- who gets in ----------------------------------------------------------------------------


def test_a_request_without_the_secret_is_refused(srv):
    status, headers, body = request(srv, "GET", "/", session=False)
    assert status == 403 and b"session" in body
    assert request(srv, "GET", "/static/app.js", session=False)[0] == 403
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN}, session=False)
    assert status == 403 and "session" in data["error"]
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN}, headers={"X-Jwtlint-Session": srv.session[:-1] + "x"})
    assert status == 403
    assert request(srv, "GET", "/?session=" + "A" * 43, session=False)[0] == 403


def test_the_url_secret_becomes_a_strict_httponly_cookie_and_leaves_the_address_bar(srv):
    status, headers, _ = request(srv, "GET", f"/?session={srv.session}", session=False)
    assert status == 303 and headers["location"] == "/"
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"jwtlint_session_{srv.port}={srv.session};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    jar = {"Cookie": f"jwtlint_session_{srv.port}={srv.session}"}
    status, headers, page = request(srv, "GET", "/", headers=jar, session=False)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b'<script src="/static/app.js"' in page
    assert request(srv, "GET", "/static/app.css", headers=jar, session=False)[0] == 200
    # the cookie opens pages, never the API: an API call must say the secret in its header
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN}, headers=jar, session=False)
    assert status == 403


@pytest.mark.parametrize("host", ["evil.example:{port}", "localhost:{port}", "127.0.0.1", "127.0.0.1:1", "[::1]:{port}", ""])
def test_a_wrong_host_header_is_refused_even_with_the_secret(srv, host):
    headers = {"Host": host.format(port=srv.port)}
    status, _, body = request(srv, "GET", "/", headers=headers)
    assert status == 403 and b"Host" in body
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN}, headers=headers)
    assert status == 403 and "Host" in data["error"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost:{port}"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_cross_origin_request_is_refused(srv, headers):
    headers = {k: v.format(port=srv.port) for k, v in headers.items()}
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN}, headers=headers)
    assert status == 403 and "cross" in data["error"]


def test_a_same_origin_request_is_answered(srv):
    headers = {"Origin": f"http://127.0.0.1:{srv.port}", "Sec-Fetch-Site": "same-origin"}
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW}, headers=headers)
    assert status == 200 and data["summary"]["error"] == 4


def test_no_cors_preflight_or_simple_cross_site_post_gets_through(srv):
    status, headers, _ = request(srv, "OPTIONS", "/api/lint", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}, session=False)
    assert status == 403 and not any(h.startswith("access-control-") for h in headers)
    # a form post (text/plain or urlencoded) never reaches the linter, even with the secret
    status, headers, _ = request(srv, "POST", "/api/lint", raw=b"input=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415


def test_every_answer_carries_the_security_headers(srv):
    answers = [
        request(srv, "GET", "/", session=False),
        request(srv, "GET", f"/?session={srv.session}", session=False),
        request(srv, "GET", "/", headers={"Cookie": f"jwtlint_session_{srv.port}={srv.session}"}, session=False),
        request(srv, "POST", "/api/lint", {"input": SEED_TOKEN}),
        request(srv, "GET", "/", headers={"Host": "evil.example"}),
    ]
    for status, headers, _ in answers:
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["cache-control"] == "no-store"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in headers


def test_the_page_names_no_other_origin_and_has_no_inline_script(srv):
    jar = {"Cookie": f"jwtlint_session_{srv.port}={srv.session}"}
    for path in ("/", "/static/app.js", "/static/app.css", "/rules/base64-padding"):
        status, _, body = request(srv, "GET", path, headers=jar, session=False)
        assert status == 200, path
        text = body.decode()
        # every resource the page names is on this server: no scheme, no //host, no CSS url() or @import
        for ref in re.findall(r"""\b(?:src|href|action)\s*=\s*["']?([^"'\s>]*)""", text):
            assert ref.startswith("/") and not ref.startswith("//") or path.startswith("/rules/") and ref.startswith("https://"), (path, ref)
        assert "url(" not in text and "@import" not in text, path
        if path == "/static/app.js":
            assert not re.search(r"https?:|//[a-z]", text.replace("// ", "")), "the script names no other origin"
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path  # every script is a file (CSP)
        assert " on" + "click=" not in text and "style=" not in text, path  # no inline handlers or styles
    page = request(srv, "GET", "/", headers=jar, session=False)[2].decode()
    assert f'<meta name="jwtlint-session" content="{srv.session}">' in page
    assert 'value="salesforce-jwt-bearer"' in page  # the profiles to pick from


def test_request_limits(srv):
    status, headers, _ = request(srv, "POST", "/api/lint", raw=b"", headers={"Content-Type": "application/json", "Content-Length": str(10**9)})
    assert status == 413
    status, headers, body = request(srv, "POST", "/api/lint", raw=b"{not json", headers={"Content-Type": "application/json"})
    assert status == 400 and b"not JSON" in body
    assert request(srv, "GET", "/api/lint")[0] == 405
    assert request(srv, "GET", "/nothing-here", headers={"Cookie": f"jwtlint_session_{srv.port}={srv.session}"}, session=False)[0] == 404


# ---- the API --------------------------------------------------------------------------------


def test_lint_answers_the_report_jwtlint_check_prints(srv):
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW})
    assert status == 200
    cli = subprocess.run(
        [sys.executable, "-c", "from jwtlint.cli import main; main()", "check", "-", "--now", str(SEED_NOW), "--format", "json"],
        input=SEED_TOKEN, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert cli.returncode == 1, cli.stderr
    expected = json.loads(cli.stdout)
    for report in (data, expected):
        for t in report["targets"]:
            t.pop("origin")
    assert data == expected
    assert {f["name"] for f in data["targets"][0]["findings"]} == {"std-base64-alphabet", "base64-padding", "time-in-milliseconds"}
    assert "view" not in data  # the page asks for its view; the contract stays the CLI's report


def test_the_view_marks_the_characters_of_each_finding(srv):
    status, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW, "view": True})
    assert status == 200
    view = data["view"][0]
    text = view["text"]
    assert text == SEED_TOKEN
    head, body, sig = SEED_TOKEN.split(".")
    assert [(r["role"], text[r["start"] : r["end"]]) for r in view["regions"]] == [("header", head), ("payload", body), ("signature", sig)]
    marked = {}
    for f, marks, members in zip(data["targets"][0]["findings"], view["marks"], view["members"]):
        (a, b), = marks
        marked.setdefault(f["name"], []).append((text[a:b], members))
    # the '/' of standard base64 sits in the bytes of "sub" (the é of noémie)
    assert marked["std-base64-alphabet"] == [("/", [["payload", "sub"]])]
    assert sorted(m[0] for m in marked["base64-padding"]) == ["==", "=="]
    (chars, members), = marked["time-in-milliseconds"]
    assert members == [["payload", "exp"]]
    import base64

    decoded = base64.b64decode(SEED_TOKEN.split(".")[1])
    start = text.index(chars) - len(head) - 1
    assert b'"exp":1603472160417' in decoded[start * 3 // 4 : (start + len(chars)) * 3 // 4 + 1]
    exp = next(t for t in view["times"] if t["name"] == "exp")
    assert exp["utc"] == "2020-10-23T16:56:00Z" and exp["unit"] == "milliseconds" and exp["relative"] == "in 3 minutes"
    payload = next(s for s in view["segments"] if s["role"] == "payload")
    assert [m["name"] for m in payload["members"]] == ["iss", "sub", "aud", "exp"]
    assert next(m for m in payload["members"] if m["name"] == "sub")["value"] == '"noémie.martin@acme-community.fr"'


def test_the_view_maps_spans_through_wrappers_and_whitespace(srv):
    wrapped = "Authorization: Bearer " + SEED_TOKEN[:100] + "\n  " + SEED_TOKEN[100:]
    status, data = api(srv, "/api/lint", {"input": wrapped, "now": SEED_NOW, "view": True})
    view = data["view"][0]
    for f, marks in zip(data["targets"][0]["findings"], view["marks"]):
        if f["name"] == "std-base64-alphabet":
            assert [view["text"][a:b] for a, b in marks] == ["/"]
        if f["name"] == "whitespace-in-token":
            # whitespace is marked, shown as a visible stand-in of the same width (jwtlint.printable)
            assert set(view["text"][marks[0][0] : marks[0][1]]) <= {"⏎", " "}
    payload = next(r for r in view["regions"] if r["role"] == "payload")
    assert view["text"][payload["start"] : payload["end"]].replace("⏎  ", "") == SEED_TOKEN.split(".")[1]


def _rsa():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return key, private, public


def test_lint_takes_the_library_keyword_arguments(srv):
    names = lambda d: {f["name"] for t in d["targets"] for f in t["findings"]}  # noqa: E731
    _, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW, "audience": "https://login.salesforce.com/"})
    assert "aud-mismatch" in names(data)
    _, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW, "audience": ["https://login.salesforce.com"], "issuer": "someone"})
    assert "aud-mismatch" not in names(data) and "iss-mismatch" in names(data)
    _, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW, "key": (SEED / "key.pub.pem").read_text()})
    assert "signature-invalid" not in names(data)
    _, _, wrong = _rsa()
    _, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW, "key": wrong})
    assert "signature-invalid" in names(data)
    _, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW, "profile": "salesforce-jwt-bearer", "max_lifetime": 60, "leeway": 5})
    assert data["summary"]["error"] >= 4
    import jwt

    hs = jwt.encode({"exp": SEED_NOW + 60}, "a-secret-of-32-characters-or-more!", algorithm="HS256")
    _, data = api(srv, "/api/lint", {"input": hs, "now": SEED_NOW, "secret": "a-secret-of-32-characters-or-more!", "view": True})
    assert "signature-invalid" not in names(data) and "verifies" in data["view"][0]["signature"]["verified"]
    _, data = api(srv, "/api/lint", {"input": hs, "now": SEED_NOW, "secret": "another-secret-of-32-characters!!"})
    assert "signature-invalid" in names(data)


@pytest.mark.parametrize(
    "body, word",
    [
        ({}, "'input' is required"),
        ({"input": 3}, "'input' must be a string"),
        ({"input": "x", "colour": "red"}, "unknown argument 'colour'"),
        ({"input": "x", "now": "yesterday"}, "'now' must be a number"),
        ({"input": "x", "now": True}, "'now' must be a number"),
        ({"input": "x", "audience": [1]}, "'audience' must be"),
        ({"input": "x", "profile": "salesforce"}, "unknown profile"),
        ({"input": "x", "select": "no-such-rule"}, "unknown rule"),
        ({"input": "x", "leeway": -5}, "leeway"),
    ],
)
def test_a_bad_lint_request_gets_one_line(srv, body, word):
    status, data = api(srv, "/api/lint", body)
    assert status == 400, data
    assert word in data["error"] and "\n" not in data["error"]


def test_a_body_that_is_not_an_object_and_an_unknown_endpoint(srv):
    assert api(srv, "/api/lint", ["x"])[0] == 400
    status, data = api(srv, "/api/nothing", {"input": "x"})
    assert status == 404


def test_decode_answers_what_jwtlint_decode_format_json_prints(srv):
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    status, data = api(srv, "/api/decode", {"input": SEED_TOKEN, "now": SEED_NOW})
    assert status == 200
    (t,) = data["targets"]
    assert t["header"] == {"alg": "RS256", "typ": "JWT"}
    assert t["payload"]["exp"] == 1603472160417 and t["payload"]["sub"] == "noémie.martin@acme-community.fr"
    assert t["times"]["exp"]["unit"] == "milliseconds" and t["times"]["exp"]["utc"] == "2020-10-23T16:56:00Z"
    # decode's notes: what could not be read cleanly (structure), not the claim checks
    names = {f["name"] for f in t["findings"]}
    assert "std-base64-alphabet" in names and "time-in-milliseconds" not in names
    result = CliRunner().invoke(app, ["decode", SEED_TOKEN, "--now", str(SEED_NOW), "--format", "json"])
    assert json.loads(result.stdout) == data


def test_key_gives_the_repaired_key_and_keeps_a_private_one_unless_asked(srv):
    from cryptography.hazmat.primitives import serialization

    key, private, public = _rsa()
    status, data = api(srv, "/api/key", {"input": public.strip().replace("\n", "\\n")})
    assert status == 200 and data["repair"]["error"] is None and not data["repair"]["private"]
    pem = data["repair"]["pem"]
    assert serialization.load_pem_public_key(pem.encode()).public_numbers() == key.public_key().public_numbers()
    assert data["repair"]["notes"]
    status, data = api(srv, "/api/key", {"input": private.strip().replace("\n", "\\n")})
    assert data["repair"]["private"] and data["repair"]["pem"] is None and data["repair"]["notes"]
    status, data = api(srv, "/api/key", {"input": private.strip().replace("\n", "\\n"), "show_secrets": True})
    loaded = serialization.load_pem_private_key(data["repair"]["pem"].encode(), None)
    assert loaded.private_numbers() == key.private_numbers()
    status, data = api(srv, "/api/key", {"input": "not a key"})
    assert data["repair"]["pem"] is None and data["repair"]["error"]


def _apex_token(private_key):
    """A token built the seed's way (standard base64, padding, exp in milliseconds), signed."""
    import base64

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    head = base64.b64encode(b'{"alg":"RS256","typ":"JWT"}').decode()
    body = base64.b64encode(json.dumps({"iss": "me", "aud": "https://login.salesforce.com", "exp": 1603472160417}).encode()).decode()
    sig = private_key.sign(f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{head}.{body}." + base64.b64encode(sig).decode().replace("+", "-").replace("/", "_")


def test_fix_signs_the_corrected_token_again_with_the_private_key(srv):
    import jwt

    key, private, public = _rsa()
    token = _apex_token(key)
    status, data = api(srv, "/api/fix", {"input": token, "key": private})
    assert status == 200, data
    (fixed,) = data["tokens"]
    assert fixed["resigned"] and not fixed["breaks_signature"]
    claims = jwt.decode(fixed["token"], public, algorithms=["RS256"], audience="https://login.salesforce.com", options={"verify_exp": False})
    assert claims["exp"] == 1603472160
    # without a key the token is corrected, and the page is told the signature no longer fits
    status, data = api(srv, "/api/fix", {"input": token})
    assert status == 200 and data["tokens"][0]["breaks_signature"] and not data["tokens"][0]["resigned"]
    # a public key cannot sign
    status, data = api(srv, "/api/fix", {"input": token, "key": public})
    assert status == 422 and "private" in data["error"]
    status, data = api(srv, "/api/fix", {"input": "no token here"})
    assert status == 422


def test_key_lints_and_gives_the_public_forms_with_the_rfc7638_kid(srv):
    from cryptography.hazmat.primitives import serialization
    from jwcrypto import jwk

    key, private, public = _rsa()
    escaped = private.strip().replace("\n", "\\n")  # as it sits in a JSON or .env value
    status, data = api(srv, "/api/key", {"input": escaped})
    assert status == 200, data
    assert "escaped-newlines" in {f["name"] for t in data["targets"] for f in t["findings"]}
    pem = data["public"]["pem"]
    loaded = serialization.load_pem_public_key(pem.encode())
    assert loaded.public_numbers() == key.public_key().public_numbers()
    kid = jwk.JWK.from_pem(public.encode()).thumbprint()
    assert data["public"]["kids"] == [kid]
    assert json.loads(data["public"]["jwk"])["kid"] == kid
    assert [k["kid"] for k in json.loads(data["public"]["jwks"])["keys"]] == [kid]
    assert "PRIVATE" not in json.dumps(data) and private.splitlines()[1] not in json.dumps(data)
    status, data = api(srv, "/api/key", {"input": "not a key"})
    assert status == 200 and data["public"] is None and data["public_error"]


def test_why_explains_a_message_and_confirms_with_the_token(srv):
    status, data = api(srv, "/api/why", {"message": "Signature verification failed"})
    assert status == 200 and data["matches"] and not data["matches"][0]["checked"]
    _, _, wrong = _rsa()
    status, data = api(srv, "/api/why", {"message": "Signature verification failed", "token": SEED_TOKEN, "key": wrong, "now": SEED_NOW})
    assert status == 200 and data["matches"][0]["checked"]
    assert any(c["confirmed_by"] for m in data["matches"] for c in m["causes"])
    status, data = api(srv, "/api/why", {"message": "the moon is made of cheese"})
    assert status == 200 and not data["matches"]
    assert api(srv, "/api/why", {"message": "x", "extra": 1})[0] == 400


def test_secrets_are_hidden_unless_asked(srv):
    _, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW})
    sig = SEED_TOKEN.split(".")[2]
    assert sig.rstrip("=") not in json.dumps(data)
    _, data = api(srv, "/api/lint", {"input": SEED_TOKEN, "now": SEED_NOW, "show_secrets": True})
    assert sig.rstrip("=") in json.dumps(data)


def test_rule_pages(srv):
    jar = {"Cookie": f"jwtlint_session_{srv.port}={srv.session}"}
    status, headers, body = request(srv, "GET", "/rules/time-in-milliseconds", headers=jar, session=False)
    assert status == 200 and b"time-in-milliseconds" in body and b"<pre" in body
    assert request(srv, "GET", "/rules/JWT204", headers=jar, session=False)[0] == 200
    assert request(srv, "GET", "/rules/%3Cscript%3E", headers=jar, session=False)[0] == 404
    assert request(srv, "GET", "/rules/base64-padding", session=False)[0] == 403


def test_a_lint_round_trip_takes_under_50_ms(srv):
    body = {"input": SEED_TOKEN, "now": SEED_NOW, "view": True}
    times = []
    for _ in range(15):
        t0 = time.perf_counter()
        status, _ = api(srv, "/api/lint", body)
        times.append(time.perf_counter() - t0)
        assert status == 200
    times.sort()
    assert times[len(times) // 2] < 0.05, times


# ---- the view holds for any input -----------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jwtlint.testing.strategies import broken_tokens  # noqa: E402


def _check_view(text, now=SEED_NOW):
    from jwtlint.serve.api import call

    status, data = call("/api/lint", {"input": text, "now": now, "view": True})
    assert status == 200
    assert len(data["view"]) == len(data["targets"])
    for target, view in zip(data["targets"], data["view"]):
        size = len(view["text"])
        assert len(view["marks"]) == len(view["members"]) == len(target["findings"])
        for marks in view["marks"]:
            for a, b in marks:
                assert 0 <= a < b <= size
        ends = [0]
        for r in view.get("regions", []):
            assert ends[-1] <= r["start"] < r["end"] <= size  # in order, not overlapping
            ends.append(r["end"])
        for f, marks in zip(target["findings"], view["marks"]):
            part = (f["span"] or {}).get("part")
            if part in {r["role"] for r in view["regions"]} and view["text"]:
                assert marks, f  # a finding inside a segment is always marked somewhere
    return data


WRAPS = st.sampled_from(["{}", "Bearer {}", "Authorization: Bearer {}", '"{}"', "assertion={}", "https://x.example/cb#id_token={}", '{{"access_token": "{}"}}'])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=broken_tokens(now=SEED_NOW), wrap=WRAPS, cut=st.integers(0, 400))
def test_the_view_maps_every_finding_of_a_broken_token_into_the_text(case, wrap, cut):
    token = case.token
    if cut < len(token) and cut % 3 == 0:
        token = token[:cut] + "\n " + token[cut:]  # wrapped by a mail client
    _check_view(wrap.format(token))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("eyJ.-_+/=A0 \n\t\"{}:%~"), max_size=120) | st.text(max_size=60))
def test_the_view_never_fails_on_any_text(text):
    _check_view(text)


def test_concurrent_requests_each_get_their_own_answer(srv):
    from concurrent.futures import ThreadPoolExecutor

    inputs = [SEED_TOKEN, "Bearer " + SEED_TOKEN, "not a token", SEED_TOKEN.replace("=", "")] * 3

    def one(text):
        return api(srv, "/api/lint", {"input": text, "now": SEED_NOW})

    with loopback_only(), ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(one, inputs))
    for text, (status, data) in zip(inputs, answers):
        assert status == 200
        from jwtlint.api import lint

        assert data["summary"] == lint(text, now=SEED_NOW).summary(), text[:20]


def test_the_browser_is_opened_in_the_background_only_where_there_is_a_display(monkeypatch, capsys):
    import webbrowser

    from jwtlint.cli.serve import _open_browser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    _open_browser("http://127.0.0.1:1/?session=x")  # no display: a console browser would take the terminal
    assert opened == [] and "no display" in capsys.readouterr().err
    monkeypatch.setenv("DISPLAY", ":0")
    _open_browser("http://127.0.0.1:1/?session=x")
    for t in threading.enumerate():
        if t.name == "jwtlint-serve-browser":
            t.join(5)
    assert opened == ["http://127.0.0.1:1/?session=x"]
