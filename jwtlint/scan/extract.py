"""Extraction: find tokens, PEM blocks and JWK/JWKS objects in the bytes of a file.

``jwtlint scan`` reads files as bytes and never decodes a whole file: a
cheap prefilter (``bytes.find`` of ``eyJ``, ``-----BEGIN`` and ``"kty"``) finds where something may start, and only there does a regex
look at the text. Each hit becomes a ``Found``: what to hand to a parser
(the token joined back together, the PEM block as the program sees it, the
JSON text) and where it sat (absolute byte offset, 1-based line, column in
characters of the line decoded as UTF-8, invalid bytes counting one each).

What people really commit, and how it is read:

- a token in a string literal, a config value, prose or a URL;
  the standard base64 alphabet and ``=`` padding are kept (rules report them);
- a token split across string concatenations (``"eyJ..." + "..."``, Python's
  adjacent literals, ``+`` at the start of the next line) or wrapped over
  lines (``base64`` wraps at 64 or 76 columns): joined, without the joins;
- a PEM block with real newlines, with ``\\n`` escapes inside one string (JSON,
  YAML, ``.env``: the program reads real newlines, so the block is handed
  over unescaped), or built line by line from string literals in code;
  a block whose body is a placeholder (``MIIE...``) is no key and is left out;
- a JWK or JWKS as a JSON object (``{"kty": ...}``, ``{"keys": [{"kty": ...}]}``);
  one with placeholder values (``"n": "..."``) is an illustration and left out, as is a
  token elided with an ellipsis (``eyJhbGciOi...``);
  JavaScript object literals and YAML mappings are not read.

Files larger than ``limits.SCAN_CHUNK_BYTES`` are read in chunks that
overlap, so memory stays bounded on a 100 MB one-line file.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO, NamedTuple

from .. import limits

_TOKEN = re.compile(rb"eyJ[A-Za-z0-9_\-+/=]*(?:\.[A-Za-z0-9_\-+/=]*){0,6}")
_TOKEN_CHARS = re.compile(rb"[A-Za-z0-9_\-+/=.]*")
_B64_RUN = re.compile(rb"[A-Za-z0-9_\-+/=.]+")
#: Between two pieces of a token: close quote, a concatenation operator, maybe a
#: line break and indentation, open quote (``"a" + "b"``, ``"a"\n  "b"``, ``'a' .\n 'b'``).
_JOIN = re.compile(rb"""(["'`])[ \t]*+(?:\+|\.|\\)?[ \t]*+(?:\r?\n[ \t]*+)?(?:\+|\.)?[ \t]*+(["'`])""")
#: Where each needle can start a target, as a necessary condition checked at C speed, so that
#: needles repeated (``eyJ``, ``"kty"``, ``-----BEGIN `` over and over) are not looked at one
#: by one in Python. Each pattern starts with its needle (a fast literal search) and is linear:
#: possessive or bounded repetition only. Near the end of the buffer (``\Z``) more may come.
#: - a token: an ``eyJ`` not inside a longer base64 run, whose first segment has 8 characters
#:   or more, or may get them from a next piece: concatenated (a quote, a join, a quote, a
#:   token character) or wrapped at width 64 or 76 (so at least 56 characters of its line
#:   before it). A piece that starts with a dot leaves the first segment short: never a token.
#: - a JWK: a ``"kty"`` that is a key (a colon follows);
#: - a PEM block: a BEGIN line.
_CANDIDATE = {
    b"eyJ": re.compile(rb"""eyJ(?<![A-Za-z0-9+/_\-]eyJ)(?:
        [A-Za-z0-9_\-+/=]{5}
      | [A-Za-z0-9_\-+/=]*+(?s:.{0,4})\Z
      | (?<=["'`]eyJ)[A-Za-z0-9_\-+/=]*+["'`][ \t]*+(?:\+|\.|\\)?[ \t]*+(?:\r?\n[ \t]*+)?(?:\+|\.)?[ \t]*+["'`][A-Za-z0-9_\-+/=.]
      | (?<=[^\r\n]{56}eyJ)[A-Za-z0-9_\-+/=]{0,4}+\r?\n
    )""", re.X),
    b'"kty"': re.compile(rb'"kty"(?=[ \t\r\n]*+(?::|\Z))'),
    b"-----BEGIN ": re.compile(rb"-----BEGIN (?=[A-Z0-9][A-Z0-9 #._-]{0,60}?-----|(?s:.{0,80})\Z)"),
}
_BEGIN = re.compile(rb"-----BEGIN ([A-Z0-9][A-Z0-9 #._-]{0,60}?)-----")
_END = re.compile(rb"-----END [A-Z0-9 #._-]{0,60}?-----")
_END_SPAN = 80  # the longest END line, and then some
_ESCAPED_NL = re.compile(rb"\\r\\n|\\n|\\r")
#: The bytes of a PEM body (base64 and padding), and every other byte (``bytes.translate``
#: deletes them: counting or keeping a body's characters at C speed, without a list per byte).
_PEM_BODY_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_NOT_PEM_BODY_BYTES = bytes(sorted(set(range(256)) - set(_PEM_BODY_BYTES)))
#: A string literal on one line of source: its content (escapes kept, undone later).
_LITERAL = re.compile(rb"""["'`]((?:[^"'`\\\n]|\\.)*)["'`]""")
#: A suppression comment: ``jwtlint: ignore`` (everything) or ``jwtlint: ignore[name, JWT404]``.
#: Lenient as people type it: blanks after the colon and before the list, a list left unclosed
#: (up to the end of the line); the list is bounded so no search runs to the end of a long line.
_SUPPRESS = re.compile(rb"jwtlint:[ \t]*ignore(?:[ \t]*\[([^\]\n]{0,512})\]?)?")
_SUPPRESS_START = re.compile(rb"jwtlint:")
_QUOTES = b"\"'`"
#: Where a target can start. A JWKS is found from the "kty" of its first key (each
#: ``bytes.find`` is a pass over the buffer: fewer needles, faster scans).
NEEDLES = (b"eyJ", b"-----BEGIN ", b'"kty"')
_NEEDLES = NEEDLES
#: Targets extracted from one file at most: a scan lints ``limits.MAX_SCAN_TARGETS_PER_FILE``
#: and counts the rest; past this many, counting stops too (1 MB of small JWKs is 47,000).
MAX_FOUND = 10 * limits.MAX_SCAN_TARGETS_PER_FILE
#: Widths at which tools wrap base64 (GNU base64 and PEM: 76 and 64).
_WRAP_WIDTHS = (64, 76)
#: How far back from a target its line's start is looked for (indentation, a ``jwtlint: ignore``
#: comment before it on the same line): a line longer than this counts from the window's start,
#: so a file of one endless line is not searched back to its start once per target.
_LINE_WINDOW = 4096


def _line_start(buf: bytes, at: int) -> int:
    """The offset where the line holding ``at`` starts, looked for at most ``_LINE_WINDOW`` back."""
    lo = max(0, at - _LINE_WINDOW)
    i = buf.rfind(b"\n", lo, at)
    return i + 1 if i >= 0 else lo


class Found(NamedTuple):
    """Something worth parsing, and where it sat in the file."""

    kind: str  # "token", "pem", "jwk" or "jwks"
    text: str  # what the parser gets
    offset: int  # byte offset of its first character in the file
    end: int  # byte offset just past it
    line: int  # 1-based
    column: int  # 1-based, in characters
    how: str = ""  # how it was written: "", "concatenated", "wrapped", "escaped-newlines", "string-lines"
    suppressed: frozenset[str] | None = None  # from `jwtlint: ignore[...]`; empty set means everything
    suppress_at: int = -1  # byte offset in the file of the comment ``suppressed`` comes from (-1: none)

    @property
    def digest(self) -> str:
        """A hash of the normalised text: stable under line moves and reformatting, never the secret itself."""
        if self.kind == "pem":
            norm = self.text.encode("utf-8", "replace").translate(None, _NOT_PEM_BODY_BYTES)
        elif self.kind in ("jwk", "jwks"):
            try:
                norm = json.dumps(json.loads(self.text), sort_keys=True, separators=(",", ":")).encode()
            except ValueError:
                norm = self.text.encode("utf-8", "replace")
        else:
            norm = "".join(self.text.split()).encode("utf-8", "replace")
        return hashlib.sha256(norm).hexdigest()


class _Hit(NamedTuple):
    kind: str
    text: str
    start: int  # offsets within the buffer
    end: int
    how: str = ""


def find_all(data: bytes) -> list[Found]:
    """Every target in ``data`` (a whole file already in memory)."""
    import io

    return list(iter_found(io.BytesIO(data)))


def iter_found(stream: BinaryIO, chunk_size: int | None = None, needles: tuple[bytes, ...] = NEEDLES) -> Iterator[Found]:
    """Every target in ``stream``, read in overlapping chunks. Never raises on content.

    ``needles``: the ones worth looking for (a scan knows from grep which a file holds at
    all; each needle left out saves a ``bytes.find`` pass over the file)."""
    chunk_size = chunk_size or limits.SCAN_CHUNK_BYTES
    keep = limits.SCAN_OVERLAP_BYTES
    buf = b""
    base = 0  # absolute offset of buf[0]
    done = 0  # absolute offset up to which the buffer has been searched
    counter = _LineCounter()
    eof = False
    found = 0
    while not eof:
        more = stream.read(chunk_size)
        eof = not more  # only an empty read is the end: an unbuffered read may return less
        buf += more
        if not buf:
            break
        hits, resume = _hits(buf, max(0, done - base), eof, needles)
        if hits:
            state = _Buffer(buf)
            for h in hits:
                yield _found(h, state, base, counter)
                found += 1
                if found >= MAX_FOUND:
                    return
        done = base + resume
        if eof:
            break
        # Keep what an unfinished target, or the line before the next one (suppressions), still needs.
        cut = max(0, min(len(buf) - keep, resume))
        counter.advance(buf, base, base + cut)
        buf = buf[cut:]
        base += cut


class _LineCounter:
    """Line and column of increasing offsets, counted once over the bytes in between."""

    def __init__(self) -> None:
        self.pos = 0
        self.line = 1
        self.col = 0  # characters since the start of the line, up to pos

    def advance(self, buf: bytes, base: int, to: int) -> tuple[int, int]:
        if to > self.pos:
            seg = buf[self.pos - base : to - base]
            nl = seg.count(b"\n")
            if nl:
                self.line += nl
                seg = seg[seg.rfind(b"\n") + 1 :]
                self.col = 0
            self.col += len(seg.decode("utf-8", "replace"))
            self.pos = to
        return self.line, self.col + 1


#: A finder's answer when the buffer ended before it could decide: read more, then look again.
_MORE = _Hit("more", "", 0, 0)


class _Buffer:
    """What the finders learn about one buffer and reuse, so that no byte of it is searched
    over and over by overlapping candidates (each needle's work would otherwise be bounded
    only by its window: quadratic in the number of needles)."""

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        #: Where a token's pieces ended, when no piece of them can start one (``_token``).
        self.skip_to = 0
        #: Before this offset no "kty" can be in a JWK (``_Braces.unclosed_until``).
        self.kty_from = 0
        #: The last search for a PEM END line: (from, to, offset of the match or -1).
        self.end_search = (-1, -1, -1)
        self.braces = _Braces(buf)
        #: JSON objects already parsed, by opening offset: what they are ("jwk", "jwks", "").
        self.objects: dict[int, _Object] = {}
        self.suppressions = _Suppressions(buf)


def _hits(buf: bytes, start: int, eof: bool, needles: tuple[bytes, ...] = NEEDLES) -> tuple[list[_Hit], int]:
    """Targets in ``buf[start:]``; and the offset from which the next, longer buffer must search."""
    out: list[_Hit] = []
    pos = start
    # Near the end of a chunk a needle may be cut in two: leave that stretch to the next round.
    limit = len(buf) if eof else max(start, len(buf) - 16)
    ahead: dict[bytes, int] = {}
    state = _Buffer(buf)
    while True:
        at, needle = _next_needle(state, pos, limit, ahead, needles)
        if at < 0:
            return out, limit
        hit, pos = _step(state, at, needle, eof)
        if hit is _MORE:
            return out, at
        if hit is not None:
            out.append(hit)
            if len(out) >= MAX_FOUND:
                return out, limit  # iter_found stops at MAX_FOUND too
        if needle == b'"kty"' and state.braces.budget <= 0:
            ahead[needle] = -1  # JWKs are no longer looked for in this buffer (_Braces.budget)


def _step(state: _Buffer, at: int, needle: bytes, eof: bool) -> tuple[_Hit | None, int]:
    """(what the needle at ``at`` starts: a hit, None, or ``_MORE``; where the search goes on)."""
    buf = state.buf
    if needle == b"eyJ":
        hit = _token(buf, at, eof, state)
    elif needle == b"-----BEGIN ":
        hit = _pem(state, at, eof)
    else:
        hit = _json_key(state, at, needle, eof)
    if hit is _MORE:
        return hit, at
    if hit is None:
        pos = at + len(needle)
        if needle == b"eyJ":  # skip the rest of this base64 run: a token never starts inside one
            m = _B64_RUN.match(buf, at)
            pos = max(m.end() if m else pos, state.skip_to)
        return None, pos
    return hit, max(hit.end, at + 1)


class FoundList(list[Found]):
    """``found_at``'s targets, and the offset of every ``"jwtlint:"`` of the file (found once for
    the suppressions while the targets were placed; None when no target asked for them)."""

    comment_offsets: list[int] | None = None


def found_at(buf: bytes, occurrences: list[tuple[int, bytes]]) -> FoundList | None:
    """Every target of a whole file ``buf``, given every (byte offset, needle) of its needles in
    file order, as grep lists them (``prefilter.Pending.occurrences``): the same targets as
    ``iter_found``, without searching the bytes for needles. None when an offset does not hold
    its needle (grep read something else than this file). The list also carries the offsets of
    the file's ``"jwtlint:"`` (``FoundList.comment_offsets``), so its comments need no second search."""
    out = FoundList()
    pos = 0
    counter = _LineCounter()
    state = _Buffer(buf)
    for at, needle in occurrences:
        if not buf.startswith(needle, at):
            if buf.startswith(needle.rstrip(), at):
                continue  # grep looks for "-----BEGIN", extraction for "-----BEGIN "
            return None
        if at < pos:
            continue  # inside a target already found, or a base64 run already skipped
        if _CANDIDATE[needle].match(buf, at) is None or (needle == b'"kty"' and (state.braces.budget <= 0 or at < state.kty_from)):
            continue  # no target starts here (the search of iter_found skips it too)
        if needle == b"eyJ":
            first = _first_in_run(buf, at, pos)
            if first != at:
                hit, pos = _step(state, first, needle, True)
                if hit is not None:
                    out.append(_found(hit, state, 0, counter))
                if at < pos:
                    continue
        hit, pos = _step(state, at, needle, True)
        if hit is not None:
            out.append(_found(hit, state, 0, counter))
            if len(out) >= MAX_FOUND:
                break
    out.comment_offsets = state.suppressions.comments
    return out


def _found(h: _Hit, state: _Buffer, base: int, counter: _LineCounter) -> Found:
    """The ``Found`` of hit ``h`` in the buffer (which starts at file offset ``base``), with its line and column."""
    line, column = counter.advance(state.buf, base, base + h.start)
    names, at = state.suppressions.at(h.start)
    return Found(h.kind, h.text, base + h.start, base + h.end, line, column, h.how, names, base + at if at >= 0 else -1)


def _next_needle(state: _Buffer, pos: int, limit: int, ahead: dict[bytes, int],
                 needles: tuple[bytes, ...]) -> tuple[int, bytes]:  # fmt: skip
    """The first needle at or after ``pos``. ``ahead`` remembers where each needle occurs next
    (-1: nowhere), so each is searched for once per occurrence, not once per hit of any needle."""
    buf = state.buf
    best, which = -1, b""
    for needle in needles:
        i = ahead.get(needle, -2)
        start = max(pos, state.kty_from) if needle == b'"kty"' else pos
        if i == -2 or (i != -1 and i < start):
            m = _CANDIDATE[needle].search(buf, start)
            i = m.start() if m is not None and m.start() < limit else -1
            if needle == b"eyJ":
                i = _first_in_run(buf, i, pos)
            ahead[needle] = i
        if i != -1 and (best == -1 or i < best):
            best, which = i, needle
    return best, which


_RUN_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=."


def _first_in_run(buf: bytes, at: int, pos: int) -> int:
    """``at``, a token candidate; or an "eyJ" before it, from ``pos`` on, in the same run of
    token characters (after a dot, a candidate may sit in a run whose earlier "eyJ" is no
    candidate: that one is rejected and skips the whole run in ``_step``, so it comes first)."""
    if at <= pos or buf[at - 1] != 0x2E:
        return at
    e = buf.find(b"eyJ", _run_start(buf, at, pos), at)
    return e if e >= 0 else at


def _run_start(buf: bytes, at: int, floor: int) -> int:
    """Where the run of ``_B64_RUN`` characters that ends just before ``at`` starts, or ``floor``
    (looked at in growing windows: the cost is the run's length, not the buffer's)."""
    width = 64
    while True:
        lo = max(floor, at - width)
        part = buf[lo:at]
        kept = len(part.rstrip(_RUN_BYTES))
        if kept or lo == floor:
            return lo + kept
        width *= 4


def _ran_off(buf: bytes, at: int, end: int, bound: int, eof: bool) -> bool:
    """True when a target starting at ``at`` reached the end of a buffer that more bytes will follow."""
    return not eof and end >= len(buf) and len(buf) - at < bound


# --- tokens -----------------------------------------------------------------


def _token(buf: bytes, at: int, eof: bool = True, state: _Buffer | None = None) -> _Hit | None:
    if at > 0 and _is_b64(buf[at - 1]):
        return None  # "eyJ" inside a longer base64 run (a base64 blob, a hash) is not a token start
    m = _TOKEN.match(buf, at)
    assert m is not None
    end = m.end()
    if _ran_off(buf, at, end + 4, limits.MAX_TOKEN_CHARS, eof):
        return _MORE
    pieces = [m.group()]
    how = ""
    quote = buf[at - 1 : at] if at > 0 and buf[at - 1] in _QUOTES else b""
    total = len(pieces[0])
    dots = pieces[0].count(b".")
    while total < limits.MAX_TOKEN_CHARS and len(pieces) < limits.MAX_TOKEN_PIECES:
        nxt = _continuation(buf, end, quote, pieces, at, dots)
        if nxt is None:
            break
        piece_start, piece_end, kind = nxt
        if _ran_off(buf, at, piece_end + 4, limits.MAX_TOKEN_CHARS, eof):
            return _MORE
        pieces.append(buf[piece_start:piece_end])
        dots += pieces[-1].count(b".")
        total += piece_end - piece_start
        end = piece_end
        how = kind
    if dots == 0 and how:
        # Pieces joined without a dot: no token (it needs one). Every piece that starts with
        # "eyJ" would join the same pieces from there on, without a dot too: skip them all
        # (else '"eyJ" "eyJ" ...' costs a chain of pieces per piece).
        if state is not None:
            state.skip_to = end
        return None
    text = b"".join(pieces)
    if b"..." in text or buf[end : end + 3] == "…".encode():
        # Elided in documentation ("eyJhbGciOi...", "eyJ…"): an illustration, not a token;
        # unless a whole signed token comes before the ellipsis (prose: "use eyJ...sig...").
        cut = text.split(b"...", 1)[0]
        segments = cut.split(b".")
        if how or len(segments) != 3 or len(segments[2]) < 16:
            return None
        text, end = cut, at + len(cut)
    if text.count(b".") == 3 and text.endswith(b"."):  # a sentence's full stop after a JWS
        text, end = text[:-1], end - 1
    if text.count(b".") < 1 or len(text.split(b".", 1)[0]) < 8 or len(text) < 16:
        return None
    return _Hit("token", text.decode("ascii"), at, end, how)


def _continuation(buf: bytes, end: int, quote: bytes, pieces: list[bytes], at: int,
                  so_far_dots: int) -> tuple[int, int, str] | None:  # fmt: skip
    """The next piece of a token that goes on after ``end``: (start, end, how), or None."""
    if quote:
        j = _JOIN.match(buf, end)
        if not (j and j.group(1) == quote and j.group(2) == quote):
            return None
        m = _TOKEN_CHARS.match(buf, j.end())
        assert m is not None  # the pattern matches the empty string
        piece = m.group()
        # The next literal must be all token characters, and not a new token after a complete one.
        if not piece or buf[m.end() : m.end() + 1] != quote or (piece.startswith(b"eyJ") and so_far_dots >= 2):
            return None
        return m.start(), m.end(), "concatenated"
    # Wrapped lines: the token ends where the line ends and the next line goes on.
    nl = 2 if buf[end : end + 2] == b"\r\n" else 1 if buf[end : end + 1] == b"\n" else 0
    if not nl:
        return None
    indent = buf[_line_start(buf, at) : at]
    indent = indent[: len(indent) - len(indent.lstrip(b" \t"))]
    nxt = end + nl + len(indent)
    if buf[end + nl : nxt] != indent:
        return None
    m = _TOKEN_CHARS.match(buf, nxt)
    if not m or m.end() == m.start() or buf[m.end() : m.end() + 1] not in (b"", b"\n", b"\r", b" ", b'"', b"'", b"`"):
        return None  # the next line is not token text alone
    piece = m.group()
    width = end - (buf.rfind(b"\n", max(0, end - _LINE_WINDOW), end) + 1) - len(indent)
    if piece.startswith(b"eyJ") and so_far_dots >= 2:
        return None
    if width in _WRAP_WIDTHS and so_far_dots + piece.count(b".") <= 4:
        return m.start(), m.end(), "wrapped"
    if so_far_dots < 2 and so_far_dots + piece.count(b".") >= 2 and (pieces[-1].endswith(b".") or piece.startswith(b".")):
        return m.start(), m.end(), "wrapped"  # broken at a dot: "header.\npayload.signature"
    return None


def _is_b64(byte: int) -> bool:
    return 48 <= byte <= 57 or 65 <= byte <= 90 or 97 <= byte <= 122 or byte in b"+/_-"


# --- PEM --------------------------------------------------------------------


def _pem(state: _Buffer, at: int, eof: bool = True) -> _Hit | None:
    buf = state.buf
    begin = _BEGIN.match(buf, at)
    if begin is None:
        return _MORE if _ran_off(buf, at, at + 80, limits.MAX_PEM_BYTES, eof) else None
    stop = begin.end() + limits.MAX_PEM_BYTES
    end = _end_line(state, begin.end(), min(len(buf), stop))
    if end is None or _ran_off(buf, at, end.end() + 1, limits.MAX_PEM_BYTES, eof):
        return _MORE if _ran_off(buf, at, len(buf), limits.MAX_PEM_BYTES, eof) else None
    body = buf[begin.end() : end.start()]
    how = ""
    if any(q in body for q in _QUOTES):
        # "...\n" + "...\n": one string literal per line; the program sees their contents joined.
        how = "string-lines"
        body = b"".join(m.group(1) for m in _LITERAL.finditer(body))
        if not body.startswith((b"\\n", b"\\r")):
            body = b"\n" + body  # the first literal's "\n" sat before the BEGIN line's closing quote
    elif not _ESCAPED_NL.search(body):
        body = _dedent(buf, at, body)
    if _ESCAPED_NL.search(body):
        how = how or "escaped-newlines"
        body = _ESCAPED_NL.sub(b"\n", body)
    if len(body) - len(body.translate(None, _PEM_BODY_BYTES)) < limits.MIN_PEM_BODY_CHARS:
        return None  # a placeholder ("MIIE...", "<your key here>"), not a key
    body = body.replace(b"\\/", b"/")  # JSON may escape '/' as '\/'
    text = begin.group() + body + end.group()
    return _Hit("pem", text.decode("utf-8", "replace"), at, end.end(), how)


def _end_line(state: _Buffer, lo: int, hi: int) -> re.Match[bytes] | None:
    """The first END line in ``buf[lo:hi]``, as ``_END.search`` finds it. BEGIN lines are met in
    increasing order, with windows that end no earlier, so the last search tells where this one
    can start (repeated BEGIN lines without an END would otherwise each search a whole window).
    An END line is at most ``_END_SPAN`` bytes: one cut by the last window's end starts after
    ``last_hi - _END_SPAN``."""
    last_lo, last_hi, last_at = state.end_search
    start = lo
    if last_lo <= lo and last_hi <= hi:
        if last_at >= lo:
            if last_at <= last_hi - _END_SPAN:
                start = last_at  # the same END line is still the first
            else:
                start = max(lo, last_hi - _END_SPAN)
        elif last_at < 0:
            start = max(lo, last_hi - _END_SPAN)
    m = _END.search(state.buf, start, hi)
    state.end_search = (lo, hi, m.start() if m else -1)
    return m


def _dedent(buf: bytes, at: int, body: bytes) -> bytes:
    """A block indented in YAML (``key: |``) or Markdown, as the program reads it: without the indent."""
    indent = buf[_line_start(buf, at) : at]
    if not indent or indent.strip(b" \t"):
        return body
    lines = body.split(b"\n")
    if all(not line.strip() or line.startswith(indent) for line in lines[1:]):
        lines = [lines[0]] + [line[len(indent) :] for line in lines[1:]]
    return b"\n".join(lines)


# --- JWK / JWKS -------------------------------------------------------------

_JSON_SYNTAX = re.compile(rb'["{}\\]')


def _json_key(state: _Buffer, at: int, needle: bytes, eof: bool = True) -> _Hit | None:
    """The JSON object around a ``"kty"``: a JWK, or the JWKS whose ``keys`` hold it."""
    buf = state.buf
    lo = max(0, at - limits.MAX_JWK_BYTES)
    opening = at
    found: _Hit | None = None
    for _ in range(16):  # enclosing objects, innermost first; a '{' that closes before "kty" is skipped
        opening = buf.rfind(b"{", lo, opening)
        if opening < 0:
            break
        close = state.braces.close(opening)
        if close is None:
            if _ran_off(buf, opening, len(buf), limits.MAX_JWK_BYTES, eof):
                return _MORE
            state.kty_from = state.braces.unclosed_until(at)
            break
        if close < at:
            continue
        what = state.objects.get(opening)
        if what is None:
            if state.braces.budget <= 0:
                return None
            state.braces.budget -= close + 1 - opening
            what = state.objects[opening] = _what_object(buf[opening : close + 1])
        if what is _NOT_JSON:
            break
        text = buf[opening : close + 1].decode("utf-8", "replace")
        if found is None:
            if not what.jwk:
                return None
            found = _Hit("jwk", text, opening, close + 1)
            continue
        if what.jwks:
            return _Hit("jwks", text, opening, close + 1)
        if not what.is_list:  # {"keys": [ ... ]}: one array level between a key and its set
            break
    return found


class _Object(NamedTuple):
    """What the JSON text between a pair of braces is (parsed once per buffer)."""

    jwk: bool  # an object with "kty", not a placeholder
    jwks: bool  # an object whose "keys" are objects with "kty"
    is_list: bool


_NOT_JSON = _Object(False, False, False)


def _what_object(data: bytes) -> _Object:
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return _NOT_JSON
    keys = value.get("keys") if isinstance(value, dict) else None
    jwks = isinstance(keys, list) and bool(keys) and all(isinstance(k, dict) and "kty" in k for k in keys)
    jwk = isinstance(value, dict) and "kty" in value and not _placeholder(value)
    return _Object(jwk, jwks, isinstance(value, list))


def _placeholder(jwk: dict[str, object]) -> bool:
    """A JWK written for the reader (``"n": "..."``, ``"d": "<private exponent>"``), not a key."""
    return any(isinstance(v, str) and ("..." in v or "…" in v or v.startswith("<")) for v in jwk.values())


class _Braces:
    """Where the ``}`` closing a ``{`` is (JSON strings respected), at most ``limits.MAX_JWK_BYTES``
    on: what a scan from each ``{`` would find, but with one resumable scan for a run of nested
    braces. While scanning from one ``{``, every ``{`` met outside a string is on the scan's stack
    and gets its answer from the same scan (a fresh scan from it would see the same strings);
    asking about one still open continues the scan instead of starting again, so ``{"kty"``
    repeated costs one pass, not one window per needle."""

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.closes: dict[int, int] = {}  # opening -> its closing brace (maybe past its window)
        self.stack: list[int] = []  # openings of the current scan still open
        self.open: set[int] = set()
        self.pos = len(buf)  # where the current scan goes on
        self.in_string = False
        self.skip_to = -1
        #: Bytes left to scan and parse in this buffer. Scans rarely start over on real text (a
        #: JWK Set costs about twice its size); built text can make every "kty" start one inside
        #: another's strings, and then the search for JWKs stops for the rest of the buffer.
        self.budget = len(buf) + 4 * limits.MAX_JWK_BYTES

    def close(self, opening: int) -> int | None:
        stop = min(len(self.buf), opening + limits.MAX_JWK_BYTES)
        got = self.closes.get(opening)
        if got is None and opening not in self.open:
            # Not met by the current scan (before it, inside one of its strings, or not reached yet): start one here.
            self.stack, self.open, self.pos, self.in_string, self.skip_to = [], set(), opening, False, -1
        if got is None and self.pos < stop:
            if self.budget <= 0:
                return None
            before = self.pos
            self._advance(opening, stop)
            self.budget -= self.pos - before
            got = self.closes.get(opening)
        return got if got is not None and got < stop else None

    def unclosed_until(self, at: int) -> int:
        """How far after ``at`` every "{" is one the current scan holds open, with its whole window
        scanned: a "kty" before that has an innermost object that never closes, so no JWK (a run of
        '{"kty":' is then passed over at once instead of one needle at a time)."""
        ahead = min(len(self.buf), at + 8 * limits.MAX_JWK_BYTES)
        if self.pos < ahead and self.budget > 0:  # scan on (within the budget), so a long stretch can be decided
            before = self.pos
            self._advance(-1, ahead)
            self.budget -= self.pos - before
        hi = self.pos - limits.MAX_JWK_BYTES
        good = at
        width = 64
        while good < hi:
            y = min(at + width, hi)
            if self.buf.count(b"{", at, y) != bisect.bisect_left(self.stack, y) - bisect.bisect_left(self.stack, at):
                break
            good = y
            width *= 4
        return good

    def _advance(self, opening: int, stop: int) -> None:
        buf = self.buf
        stack = self.stack
        for m in _JSON_SYNTAX.finditer(buf, self.pos, stop):
            i = m.start()
            if i < self.skip_to:
                continue
            c = buf[i]
            if c == 0x5C:  # a backslash escapes the next byte (inside strings; JSON has none outside)
                self.skip_to = i + 2
            elif c == 0x22:
                self.in_string = not self.in_string
            elif self.in_string:
                continue
            elif c == 0x7B:
                stack.append(i)
                self.open.add(i)
            elif stack:
                p = stack.pop()
                self.open.discard(p)
                self.closes[p] = i
                if p == opening:
                    self.pos = i + 1
                    return
            else:
                # Every brace of this scan is closed: what follows starts fresh (as a scan from a
                # later "{" would, outside any string of ours: we are outside one here too).
                continue
        self.pos = max(self.pos, stop)


# --- suppressions -----------------------------------------------------------


class _Suppressions:
    """What a ``jwtlint: ignore`` comment on a target's first line, or the line before, silences.

    Targets are asked about in increasing order; the line starts and ends found for one are
    reused for the next, and the comments of the buffer are found in one pass, so a file of one
    endless line of targets is not searched from its start (or to its end) once per target.
    """

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.comments: list[int] | None = None  # where each comment starts (found on first use)
        self.line_from, self.line_start = 0, 0  # the line holding self.line_from starts at line_start
        self.nl_from, self.next_nl = 0, -2  # the first newline at or after nl_from (-1: none; -2: not searched)
        #: line start -> the comment on the line before it, and where it starts in the buffer
        self.before: dict[int, tuple[re.Match[bytes], int] | None] = {}

    def at(self, start: int) -> tuple[frozenset[str] | None, int]:
        """(what is silenced, where the comment starts in the buffer or -1). None: nothing; an
        empty set: every finding; else the rule names or codes listed (as written)."""
        buf = self.buf
        line_start = self._line_start(start)
        hi = min(self._line_end(start), start + limits.MAX_TOKEN_CHARS)
        # The target's first line, then the line before (bounded on huge lines). A comment at the end
        # of a line that holds a target of its own is about that target, not the next line's.
        m = self._search(line_start, hi)
        at = m.start() if m is not None else -1
        if m is None and line_start > 0:
            if line_start not in self.before:
                prev_lo = max(0, line_start - 4096)
                prev_lo = buf.rfind(b"\n", prev_lo, line_start - 1) + 1 or prev_lo
                prev = buf[prev_lo:line_start]
                hit = None if any(n in prev for n in _NEEDLES[:3]) else _SUPPRESS.search(prev)
                self.before[line_start] = (hit, prev_lo + hit.start()) if hit is not None else None
            got = self.before[line_start]
            if got is not None:
                m, at = got
        if m is None:
            return None, -1
        return comment_names(m), at

    def _line_start(self, start: int) -> int:
        if start < self.line_from:  # out of order: look back (not done by the finders)
            return self.buf.rfind(b"\n", 0, start) + 1
        i = self.buf.rfind(b"\n", self.line_from, start)
        if i >= 0:
            self.line_start = i + 1
        self.line_from = start
        return self.line_start

    def _line_end(self, start: int) -> int:
        if not (self.nl_from <= start and (self.next_nl == -1 or self.next_nl >= start)):
            self.nl_from, self.next_nl = start, self.buf.find(b"\n", start)
        return len(self.buf) if self.next_nl < 0 else self.next_nl

    def _search(self, lo: int, hi: int) -> re.Match[bytes] | None:
        """``_SUPPRESS.search(buf, lo, hi)``, from the comments found once."""
        if self.comments is None:
            self.comments = [m.start() for m in _SUPPRESS_START.finditer(self.buf)]
        i = bisect.bisect_left(self.comments, lo)
        while i < len(self.comments) and self.comments[i] < hi:
            m = _SUPPRESS.match(self.buf, self.comments[i], hi)
            if m is not None:
                return m
            i += 1
        return None


def comment_names(m: re.Match[bytes]) -> frozenset[str]:
    """The rule names or codes a ``_SUPPRESS`` match lists, as written (blanks around each
    removed); an empty set for a bare ``jwtlint: ignore`` (everything)."""
    if m.group(1) is None:
        return frozenset()
    return frozenset(n.strip().decode("utf-8", "replace") for n in m.group(1).split(b",") if n.strip())


class Comment(NamedTuple):
    """A ``jwtlint: ignore`` comment of a file, wherever it is (``CommentTap``): the scan checks
    that each one names real rules and silences something."""

    offset: int  # byte offset of "jwtlint:" in the file (``Found.suppress_at`` of the targets it silences)
    line: int  # 1-based
    column: int  # 1-based, in characters
    text: str  # the comment as written, from "jwtlint:" (bounded)
    names: tuple[tuple[str, int, int], ...] | None  # (name, start, end in ``text``); None: bare (everything)
    quoted: bool = False  # written in backticks (`jwtlint: ignore`): a mention in prose, not a directive


#: Comments collected per file at most (a file of nothing but comments is no reason to do more).
MAX_COMMENTS = limits.MAX_SCAN_TARGETS_PER_FILE
#: Bytes kept from one read to the next: a comment cut by the end of a read is searched again whole.
_COMMENT_TAIL = 640
_COMMENT_NEEDLE = b"jwtlint:"
#: Bytes before a comment looked at to tell a mention in backticks from a comment.
_COMMENT_LEAD = 8


class CommentTap:
    """Reads through ``stream`` and collects every suppression comment of what it reads.

    Each byte is searched once (``bytes.find``, at memory speed); the tail of a read is kept
    and searched again with the next, so a comment cut by a read is found whole; lines and
    columns are counted once over the bytes, as ``_LineCounter`` does for targets."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream
        self.comments: list[Comment] = []
        self.pending = b""
        self.base = 0  # file offset of pending[0]
        self.searched = 0  # pending[:searched] was searched already (kept for the look back)
        self.counter = _LineCounter()

    def read(self, n: int = -1) -> bytes:
        data: bytes = self.stream.read(n)
        self.feed(data, eof=not data)
        return data

    def feed(self, data: bytes, eof: bool) -> None:
        buf = self.pending + data if self.pending else data
        cut = len(buf) if eof else max(self.searched, len(buf) - _COMMENT_TAIL)
        pos = self.searched
        while len(self.comments) < MAX_COMMENTS:
            i = buf.find(_COMMENT_NEEDLE, pos, cut + len(_COMMENT_NEEDLE) - 1)
            if i < 0 or i >= cut:
                break
            pos = i + len(_COMMENT_NEEDLE)
            self._record(buf, i)
        self.counter.advance(buf, self.base, self.base + cut)
        keep = max(0, cut - _COMMENT_LEAD)  # what comes before the next comment (is it quoted?)
        self.pending = buf[keep:]
        self.base += keep
        self.searched = cut - keep


    def at(self, data: bytes, offsets: list[int]) -> None:
        """The comments of a whole file ``data`` whose ``"jwtlint:"`` offsets are known (the ones
        extraction found while it placed targets, ``found_at``): no second search of the bytes,
        and lines counted only up to the last comment."""
        for i in offsets:
            if len(self.comments) >= MAX_COMMENTS:
                break
            self._record(data, i)

    def _record(self, buf: bytes, i: int) -> None:
        m = _SUPPRESS.match(buf, i)
        if m is None:
            return
        line, column = self.counter.advance(buf, self.base, self.base + i)
        names = None
        if m.group(1) is not None:
            names = tuple(
                (buf[a:b].decode("utf-8", "replace"), a - i, b - i) for a, b in _name_spans(buf, m.start(1), m.end(1))
            )  # fmt: skip
        lead = buf[max(0, i - _COMMENT_LEAD) : i].rstrip(b" \t#/*;!<-")
        self.comments.append(Comment(self.base + i, line, column, m.group(0).decode("utf-8", "replace").rstrip(),
                                     names, lead.endswith(b"`")))  # fmt: skip


def _name_spans(buf: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each name of a list ``buf[start:end]``: split at commas, blanks trimmed."""
    pos = start
    while pos <= end:
        comma = buf.find(b",", pos, end)
        stop = end if comma < 0 else comma
        a, b = pos, stop
        while a < b and buf[a] in b" \t\r":
            a += 1
        while b > a and buf[b - 1] in b" \t\r":
            b -= 1
        if b > a:
            yield a, b
        pos = stop + 1


def find_comments(data: bytes) -> list[Comment]:
    """Every suppression comment of a whole file ``data``."""
    tap = CommentTap()
    tap.feed(data, eof=True)
    return tap.comments
