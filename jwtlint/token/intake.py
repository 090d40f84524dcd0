"""Intake: whatever a person pasted, turned into token targets.

People paste ``Bearer eyJ...``, a whole ``Authorization:`` header, a quoted
string from source code, a form body (``grant_type=...&assertion=eyJ...``), a
callback URL with the token in its query or fragment, a JSON token response,
or a token their terminal wrapped over several lines. Intake removes each
wrapper, remembers it (so transport rules can say what was removed and why it
matters), and remembers where each token sat in the input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Literal, NamedTuple, cast

from .. import limits
from . import sdjwt
from ..keys.parse import key_targets, outside_pem
from ..model import Origin, Span, Target, TokenTarget, Wrapper
from .parse import has_no_whitespace, parse_token

#: Form, query and JSON member names that carry a token (RFC 6749, RFC 7523,
#: RFC 8693, OIDC Core, OIDC Back-Channel Logout, JAR).
TOKEN_FIELDS = (
    "assertion", "client_assertion", "id_token", "access_token", "token", "refresh_token",
    "logout_token", "subject_token", "actor_token", "request", "jwt", "credential",
)  # fmt: skip

_AUTH = re.compile(r"(?P<header>authorization\s*:\s*)?(?P<scheme>bearer|dpop|jwt)\s+", re.I)
_TOKEN_TEXT = re.compile(r"[A-Za-z0-9_\-+/=.%\s]+")
_EMBEDDED = re.compile(r"eyJ[A-Za-z0-9_\-+/=%]*+(?:\.[A-Za-z0-9_\-+/=%]*+){1,4}")
_EMBEDDED_RUN = re.compile(r"[A-Za-z0-9_\-+/=%]+")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_FORM_PAIR = re.compile(r"([A-Za-z0-9_.\-]+)=([^&\s]*)")
_URL_START = re.compile(r"https?://", re.I)
_FORM_START = re.compile(r"[A-Za-z0-9_\-]+=")  # a form body starts with a field name ('.' would be a token)
_QUOTES = "\"'`"
# NAME=value as a shell (export/set/declare, PowerShell's $env:), a .env file, Java properties
# (name=value, name: value) or an INI file (name = value) writes it; a YAML "name: value" too.
# The name is bounded: a long word that is no assignment fails at once, whatever its length.
_ASSIGNMENT = re.compile(
    r"(?P<prefix>(?:export|set|declare|typeset|local|readonly)\s+(?:-[A-Za-z]+\s+)*|\$env:)?"
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]{0,127}(?:[.\-][A-Za-z0-9_]{1,64}){0,16})[ \t]*(?P<op>:=|=|:)[ \t]*"
)
_ASSIGNED_TOKEN = re.compile(r"[A-Za-z0-9_\-+/%~][A-Za-z0-9_\-+/=.%~]*")
_NOT_ASSIGNMENT_LINE = re.compile(r"(?:[#;!]|//|\[[^\]]*\]\s*$)")  # a comment or an [INI section]
# A bare compact token and nothing else (the common paste, and every lint() from a test suite).
_PLAIN_TOKEN = re.compile(r"eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}")


class Candidate(NamedTuple):
    """A token found in the input before parsing."""

    input_text: str  # the part of the input that held the token, wrappers included
    token: str  # the token text after unwrapping (whitespace kept)
    start: int  # offset of ``input_text`` in the whole input
    token_start: int  # offset of the token inside ``input_text`` (its first character)
    wrappers: tuple[Wrapper, ...] = ()


def extract(text: str, path: str | None = None) -> list[Target]:
    """All targets in ``text``, parsed: key material (PEM, DER, JWK...) as key targets, else tokens. Never raises."""
    if _PLAIN_TOKEN.fullmatch(text):
        # Nothing to unwrap and no key to look for: the general path gives the same target,
        # at a fifth more cost (tests/test_intake.py holds the two paths equal).
        return [parse_token(text, origin=Origin(path, 1, 1), plain=True)]
    return extract_general(text, path)


def extract_general(text: str, path: str | None = None) -> list[Target]:
    """``extract`` without its fast path for a bare token."""
    if text.lstrip()[:1] == "{":
        # A JWS/JWE JSON serialization (RFC 7515 §7.2): one target per signature.
        from .jsonser import targets as json_serialized

        serialized = json_serialized(text, path)
        if serialized is not None:
            return cast("list[Target]", serialized)
    keys = key_targets(text, path)
    if keys is not None:
        # A paste can hold a token beside a PEM key: the token is read from the text around the blocks.
        rest = outside_pem(text, keys)
        tokens = extract(rest, path) if rest is not None and "eyJ" in rest else []
        return (tokens + keys)[: limits.MAX_TARGETS]
    found = candidates(text)
    parsed = [_parse(c, _origin(text, c.start + c.token_start, path)) for c in found[: limits.MAX_TARGETS]]
    if len(found) > limits.MAX_TARGETS:  # said on the last token read (the input-too-large rule)
        parsed[-1] = parsed[-1]._replace(skipped=len(found) - limits.MAX_TARGETS)
    return cast("list[Target]", parsed)  # a new list of tokens: no one can put another kind in it through ``parsed``


def _parse(c: Candidate, origin: Origin) -> TokenTarget:
    # An SD-JWT (RFC 9901) is the issuer-signed JWT, then '~'-separated disclosures:
    # the JWT is parsed as the token and the disclosures recorded beside it.
    sd = sdjwt.split(c.token) if "~" in c.token else None
    t = parse_token(
        sd[0] if sd else c.token, input_text=c.input_text, origin=origin, wrappers=c.wrappers, raw_start=c.token_start
    )
    return t._replace(sd_jwt=sdjwt.with_payload(sd[1], t.payload)) if sd else t


def _origin(text: str, offset: int, path: str | None) -> Origin:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Origin(path, line, column)


def candidates(text: str) -> list[Candidate]:
    """Find the tokens in ``text`` and unwrap each one."""
    start = len(text) - len(text.lstrip())
    s = text.strip()
    if not s:
        return []
    return _from_json(s, start) or _unwrap(s, start, ())


def _unwrap(s: str, start: int, wrappers: tuple[Wrapper, ...]) -> list[Candidate]:
    """Peel wrappers off ``s`` (which sits at ``start`` in the input), then find tokens."""
    found = _from_assignments(s, start)
    if found:
        return found
    input_text = s
    inner_start = 0
    # Authorization: Bearer <token>
    m = _AUTH.match(s)
    if m and len(s) > m.end():
        if m.group("header"):
            wrappers += (Wrapper("authorization-header", m.group("header").strip(), Span("input", 0, m.start("scheme"))),)
        wrappers += (Wrapper("bearer", m.group("scheme"), Span("input", m.start("scheme"), m.end())),)
        inner_start = m.end()
    body = s[inner_start:]
    # "token", 'token', `token`
    if len(body) >= 2 and body[0] in _QUOTES and body[-1] == body[0]:
        end = len(s) - 1
        wrappers += (
            Wrapper("quotes", body[0], Span("input", inner_start, inner_start + 1), positions=(end,)),
        )
        inner_start += 1
        body = body[1:-1]
    if _URL_START.match(body) or (body[:1] in "?#" and "=" in body):
        found = _from_url(input_text, start, inner_start, body, wrappers)
        if found:
            return found
    if _FORM_START.match(body) and not body.startswith("eyJ"):
        found = _from_form(input_text, start, inner_start, body, wrappers)
        if found:
            return found
    return _bare(input_text, start, inner_start, body, wrappers)


def _from_assignments(s: str, start: int) -> list[Candidate]:
    """``TOKEN=eyJ...``, ``export TOKEN="eyJ..."``, ``jwt.token: eyJ...``, ``token = eyJ...``: a
    line, or lines (a .env or properties file: only assignments, comments and [sections]), that
    assign a token. Each value is a token; the name and operator (and quotes) are its wrapper."""
    found: list[Candidate] = []
    offset = 0
    for line in s.splitlines(keepends=True):
        at, text = offset, line.strip()
        offset += len(line)
        if not text or _NOT_ASSIGNMENT_LINE.match(text):
            continue
        at += line.index(text[0])
        assigned = _assignment(text)
        if assigned is None:
            return []  # a line that is no assignment: the input is something else
        if assigned is not False:
            found.append(_bare_one(text, start + at, assigned[0], assigned[1], (assigned[2],)))
    return found


def _assignment(line: str) -> tuple[str, int, Wrapper] | Literal[False] | None:
    """(token, its offset, the ``assignment`` wrapper) for a line assigning a token; ``False`` for
    an assignment of something else; ``None`` for a line that is no assignment."""
    m = _ASSIGNMENT.match(line)
    if m is None or m.group("name").startswith("eyJ"):  # eyJ...=.eyJ...: a token with '=' padding
        return None
    name, op = m.group("name"), m.group("op")
    if name in TOKEN_FIELDS and op == "=" and not m.group("prefix") and m.end() == len(name) + 1:
        return None  # assertion=eyJ...: a form field (the form rules read it)
    value, value_start = line[m.end() :].rstrip(), m.end()
    closing: tuple[int, ...] = ()
    if len(value) >= 2 and value[0] in _QUOTES and value[-1] == value[0]:
        closing = (value_start + len(value) - 1,)
        value, value_start = value[1:-1], value_start + 1
    # Quotes hold a token with spaces in it whole (whitespace-in-token says so); unquoted, a space ends the value.
    token = value.replace(" ", "") if closing else value
    if not token or "." not in token or not _ASSIGNED_TOKEN.fullmatch(token):
        return False
    return value, value_start, Wrapper("assignment", name, Span("input", 0, value_start), closing)


def _bare(input_text: str, start: int, inner_start: int, body: str, wrappers: tuple[Wrapper, ...]) -> list[Candidate]:
    """Tokens in text with no wrapper left: one token (maybe line-wrapped), several, or embedded in prose."""
    if has_no_whitespace(body) or not any(c.isspace() for c in body):
        # One unbroken word is one token, stray characters and all: the
        # parser records them (cutting at the first odd character would hide it).
        return [_bare_one(input_text, start, body, inner_start, wrappers)]
    if _TOKEN_TEXT.fullmatch(body):
        chunks = [(m.start(), m.group()) for m in re.finditer(r"\S+", body)]
        complete = [c for c in chunks if c[1].count(".") in (2, 4)]
        if len(chunks) > 1 and len(complete) == len(chunks):
            return [_bare_one(tok, start + inner_start + off, tok, 0, ()) for off, tok in chunks]
        return [_bare_one(input_text, start, body, inner_start, wrappers)]
    if body.startswith("eyJ") and "\n" not in body:
        # One line that starts as a token: a token with stray characters, not prose.
        return [_bare_one(input_text, start, body, inner_start, wrappers)]
    found = [
        _bare_one(m.group(), start + inner_start + m.start(), m.group(), 0, ())
        for m in _embedded(body)
    ]
    return found or [_bare_one(input_text, start, body, inner_start, wrappers)]


def _embedded(body: str) -> Iterator[re.Match[str]]:
    """``_EMBEDDED.finditer(body)``, in linear time: where a match fails, every "eyJ" later in
    the same run of token characters fails too (the run ends at the same character), so the
    search goes on after the run instead of at each of them ("eyJ" repeated)."""
    pos = 0
    while (i := body.find("eyJ", pos)) >= 0:
        m = _EMBEDDED.match(body, i)
        if m is not None:
            yield m
            pos = m.end()
        else:
            run = _EMBEDDED_RUN.match(body, i)
            pos = run.end() if run is not None else i + 3


def _bare_one(input_text: str, start: int, token: str, token_start: int, wrappers: tuple[Wrapper, ...]) -> Candidate:
    """A candidate, with any ``%XX`` escapes decoded and recorded."""
    escapes = tuple(m.start() for m in _PERCENT.finditer(token)) if "%" in token else ()
    if escapes:
        wrappers += (Wrapper("percent-encoded", "", Span("input", token_start, token_start + len(token)), escapes),)
        token = _percent_decode(token)
    return Candidate(input_text, token, start, token_start, wrappers)


def _percent_decode(value: str) -> str:
    return _PERCENT.sub(lambda m: chr(int(m.group()[1:], 16)), value)


def _from_form(input_text: str, start: int, inner_start: int, body: str, wrappers: tuple[Wrapper, ...]) -> list[Candidate]:
    """``grant_type=...&assertion=eyJ...``: take each token-carrying field."""
    found = []
    for m in _FORM_PAIR.finditer(body):
        name, value = m.group(1), m.group(2)
        if name not in TOKEN_FIELDS or not value:
            continue
        vstart = inner_start + m.start(2)
        plus = tuple(i for i, c in enumerate(value) if c == "+")
        w = wrappers + (Wrapper("form", name, Span("input", vstart, vstart + len(value)), plus),)
        # Form values are percent-encoded by definition: decoding %XX is what
        # the server does and no finding. A raw '+' is kept so the token is
        # linted as its author meant it; the form rule reports the '+'.
        found.append(Candidate(input_text, _percent_decode(value), start, vstart, w))
    return found


def _from_url(input_text: str, start: int, inner_start: int, body: str, wrappers: tuple[Wrapper, ...]) -> list[Candidate]:
    """A URL with the token in its query (``?id_token=``) or fragment (``#access_token=``)."""
    found = []
    q = body.find("?")
    f = body.find("#")
    parts = []
    if q != -1:
        parts.append(("url-query", q + 1, f if f > q else len(body)))
    if f != -1:
        parts.append(("url-fragment", f + 1, len(body)))
    for kind, a, b in parts:
        for m in _FORM_PAIR.finditer(body, a, b):
            name, value = m.group(1), m.group(2)
            decoded = _percent_decode(value)
            if name not in TOKEN_FIELDS and decoded.count(".") not in (2, 4):
                continue
            vstart = inner_start + m.start(2)
            w = wrappers + (Wrapper(kind, name, Span("input", vstart, vstart + len(value))),)
            found.append(Candidate(input_text, decoded, start, vstart, w))
    return found


def _from_json(s: str, start: int) -> list[Candidate]:
    """A JSON token response: ``{"access_token": "eyJ...", "id_token": "eyJ..."}``."""
    if not s.startswith("{") or len(s) > limits.MAX_INPUT_CHARS:
        return []
    try:
        obj = json.loads(s)
    except (ValueError, RecursionError):
        return []
    if not isinstance(obj, dict):
        return []
    found = []
    for name in TOKEN_FIELDS:
        value = obj.get(name)
        if not isinstance(value, str) or "." not in value:
            continue
        at = s.find(json.dumps(value)[1:-1])
        at = max(at, 0)
        span = Span("input", at, at + len(value))
        found.append(Candidate(s, value, start, at, (Wrapper("json", name, span),)))
    return found
