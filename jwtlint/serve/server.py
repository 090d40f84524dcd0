"""The local server of ``jwtlint serve``: the page, its two static files, rule docs and the JSON API.

The page handles live credentials, so the server is strict about who it answers:

- it binds 127.0.0.1 only;
- every request carries the session secret made at start: the printed URL has it as
  ``?session=SECRET``, which the server trades for an HttpOnly, SameSite=Strict cookie and a
  redirect to ``/`` (the secret leaves the address bar); API clients send it in the
  ``X-Jwtlint-Session`` header;
- the ``Host`` header must be the address bound (``127.0.0.1:PORT``): a DNS-rebinding page
  on another name is refused even before the secret is checked;
- a request from another origin (``Origin``, ``Sec-Fetch-Site``) is refused, and an API
  call must be ``application/json`` (which no cross-site form can send);
- every answer says ``Cache-Control: no-store`` and ``Referrer-Policy: no-referrer`` and
  carries a Content-Security-Policy that allows the page's own origin only;
- nothing is logged: no request line (the first one holds the secret), no body.

The standard library's ``ThreadingHTTPServer`` is enough for one local user: it starts in
milliseconds and adds no dependency.
"""

from __future__ import annotations

import hmac
import html
import json
import secrets
import sys
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .. import limits

HOST = "127.0.0.1"
SESSION_HEADER = "X-Jwtlint-Session"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
#: the largest request body taken: the largest input jwtlint reads, plus a key, as JSON-escaped text
MAX_BODY = 6 * limits.MAX_INPUT_CHARS + (64 << 10)

_STATIC = {
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/app.css": ("app.css", "text/css; charset=utf-8"),
    "/static/icon.svg": ("icon.svg", "image/svg+xml"),
    "/favicon.ico": ("icon.svg", "image/svg+xml"),
}


def _asset(name: str) -> bytes:
    from importlib.resources import files

    return (files("jwtlint.serve") / "static" / name).read_bytes()


class Server(ThreadingHTTPServer):
    """The server, bound to 127.0.0.1 (``port`` 0: a free one), with its session secret."""

    daemon_threads = True
    allow_reuse_address = False  # never share a port another process listens on

    def __init__(self, port: int = 0) -> None:
        self.session = secrets.token_urlsafe(32)
        self.assets: dict[str, bytes] = {}
        super().__init__((HOST, port), Handler)
        self.port = int(self.server_address[1])
        self.host = f"{HOST}:{self.port}"
        self.origin = f"http://{self.host}"
        self.cookie_name = f"jwtlint_session_{self.port}"  # cookies ignore ports: one name per server
        # One lint at a time: the library's caches (rule registry, key objects) were built for one
        # caller, a lint takes milliseconds, and one user types into one page.
        self.lint_lock = threading.Lock()

    @property
    def url(self) -> str:
        """The URL to open: ``http://127.0.0.1:PORT/?session=SECRET`` (a contract other tools read)."""
        return f"{self.origin}/?session={self.session}"

    def asset(self, name: str) -> bytes:
        if name not in self.assets:
            data = _asset(name)
            if name == "index.html":
                data = self._page(data.decode("utf-8")).encode("utf-8")
            self.assets[name] = data
        return self.assets[name]

    def _page(self, page: str) -> str:
        """index.html with the session secret (the page sends it as X-Jwtlint-Session) and the profiles."""
        from ..profiles import PROFILES

        options = "\n".join(
            f'<option value="{html.escape(name)}">{html.escape(name)}</option>' for name in PROFILES
        )
        meta = f'<meta name="jwtlint-session" content="{html.escape(self.session)}">'
        return page.replace("<!--PROFILES-->", options).replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + meta, 1)

    def warm(self) -> threading.Thread:
        """Load the rules and the page files in the background, so the first lint is as fast as the next."""

        def run() -> None:
            from ..api import lint

            for name in ("index.html", "app.js", "app.css"):
                self.asset(name)
            with self.lint_lock:
                lint("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln", now=0.0)

        thread = threading.Thread(target=run, name="jwtlint-serve-warm", daemon=True)
        thread.start()
        return thread

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The default prints a traceback with the request; say only that one failed.
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):
            print(f"jwtlint serve: a request failed: {type(exc).__name__}", file=sys.stderr)


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    server_version = "jwtlint"
    sys_version = ""
    timeout = 60
    # Buffered: headers and body leave in one write when the request is done (two small writes
    # would wait on the client's delayed ACK, ~40 ms a request).
    wbufsize = 1 << 16

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: the first request line holds the session secret, bodies hold tokens."""

    # --- answers ---

    def _send(self, status: int, body: bytes, content_type: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS + headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _refuse(self, status: int, reason: str) -> None:
        if self.path.startswith("/api/"):
            self._json(status, {"error": reason})
        else:
            self._send(status, f"jwtlint serve: {reason}\n".encode(), "text/plain; charset=utf-8")

    # --- who may ask ---

    def _session_ok(self, header_only: bool = False) -> bool:
        """The secret is in the X-Jwtlint-Session header, or (pages only) in the session cookie."""
        given = self.headers.get(SESSION_HEADER)
        if given is None and not header_only:
            cookie = SimpleCookie()
            try:
                cookie.load(self.headers.get("Cookie", ""))
            except Exception:  # a malformed Cookie header is no session
                return False
            morsel = cookie.get(self.server.cookie_name)
            given = morsel.value if morsel is not None else None
        return given is not None and hmac.compare_digest(given.encode(), self.server.session.encode())

    def _guard(self) -> bool:
        """True when the request may be answered; otherwise it has been refused."""
        if self.headers.get("Host") != self.server.host:
            self._refuse(403, f"wrong Host header: this server answers {self.server.host} only")
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin != self.server.origin:
            self._refuse(403, "cross-origin request refused")
            return False
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            self._refuse(403, "cross-site request refused")
            return False
        return True

    # --- methods ---

    def do_GET(self) -> None:
        if not self._guard():
            return
        url = urlsplit(self.path)
        if url.path == "/" and url.query:
            given = parse_qs(url.query).get("session", [""])[0]
            if hmac.compare_digest(given.encode(), self.server.session.encode()):
                # Trade the secret in the URL for a cookie, and take it out of the address bar.
                cookie = f"{self.server.cookie_name}={self.server.session}; HttpOnly; SameSite=Strict; Path=/"
                self._send(303, b"", "text/plain", (("Location", "/"), ("Set-Cookie", cookie)))
                return
        if not self._session_ok():
            self._refuse(403, "missing or wrong session: open the URL that `jwtlint serve` printed")
            return
        if url.path == "/":
            self._send(200, self.server.asset("index.html"), "text/html; charset=utf-8")
        elif url.path in _STATIC:
            name, ctype = _STATIC[url.path]
            self._send(200, self.server.asset(name), ctype)
        elif url.path.startswith("/rules/"):
            page = rule_page(url.path[len("/rules/") :])
            self._send(200 if page else 404, (page or "no such rule\n").encode(), "text/html; charset=utf-8" if page else "text/plain")
        elif url.path.startswith("/api/"):
            self._json(405, {"error": "use POST with a JSON body"})
        else:
            self._refuse(404, "not found")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if not self._guard():
            self.close_connection = True
            return
        if not self._session_ok(header_only=True):  # a cookie alone never reaches the API
            self.close_connection = True
            self._refuse(403, f"missing or wrong session: send the secret in the {SESSION_HEADER} header")
            return
        path = urlsplit(self.path).path
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            self.close_connection = True
            self._json(415, {"error": "the body must be application/json"})
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            self._json(411, {"error": "Content-Length is required"})
            return
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._json(413, {"error": f"the body is over {MAX_BODY:,} bytes"})
            return
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self._json(400, {"error": "the body is not JSON"})
            return
        from .api import call

        try:
            with self.server.lint_lock:
                status, answer = call(path, body)
        except Exception as exc:  # never a traceback: say which kind of failure, not the input
            print(f"jwtlint serve: internal error in {path}: {type(exc).__name__}", file=sys.stderr)
            status, answer = 500, {"error": f"internal error ({type(exc).__name__})"}
        self._json(status, answer)

    def _not_allowed(self) -> None:
        self.close_connection = True
        if self._guard():
            self._refuse(405, "method not allowed")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed


def rule_page(key: str) -> str | None:
    """The documentation page of one rule (by name or code), or None."""
    from ..engine import registry

    rule = registry().by_key.get(key) or registry().by_key.get(key.upper())
    if rule is None:
        return None
    esc = html.escape
    refs = "".join(
        f'<li><a href="{esc(r.url)}" rel="noreferrer noopener">{esc(str(r))}</a></li>' if r.url else f"<li>{esc(str(r))}</li>"
        for r in rule.refs
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{esc(rule.code)} {esc(rule.name)} · jwtlint</title><link rel="stylesheet" href="/static/app.css"></head>'
        f'<body class="doc"><main><p><a href="/">← jwtlint serve</a></p>'
        f"<h1><code>{esc(rule.code)}</code> {esc(rule.name)}</h1>"
        f'<p><span class="sev sev-{esc(str(rule.severity))}">{esc(str(rule.severity))}</span> · {esc(rule.family)}</p>'
        f"<p>{esc(rule.summary)}</p><pre class=\"docs\">{esc(rule.docs())}</pre>"
        + (f"<h2>References</h2><ul>{refs}</ul>" if refs else "")
        + "</main></body></html>"
    )
