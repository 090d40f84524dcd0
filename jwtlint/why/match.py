"""``jwtlint why "MESSAGE"``: from what a library or platform printed to its likely causes.

What people paste is read first (``readings``): a JSON or form-encoded error body
(``error`` / ``error_description`` / ``message``...), ``key="value"`` pairs of a log
line or a ``WWW-Authenticate`` header, each line of a stack trace, the whole text.
Each reading is matched against the table (``jwtlint.why.table``) loosely: case,
quotes, whitespace, numbers and URLs may differ. A code alone (``AADSTS700027``,
``IDX10503``, OpenSSL's ``1E08010C``) or an exception class name alone also finds
its entry. Variable parts are read, not ignored: the character a base64 error
names orders the causes; an expected audience or issuer is checked against the
token. A source is named only as far as the message shows it: several libraries
printing the same words are all named, and a generic OAuth error lists each
platform's causes as possibilities. With a token and/or key, the rules behind each
cause run through the public API (``jwtlint.api.lint`` / ``lint_key``) and each
cause is said to be confirmed, ruled out, or not checked.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .. import limits
from .table import Cause, Entry, Table, load

_QUOTES = str.maketrans({c: " " for c in "'\"`‘’“”«»\\"})  # and the backslash of a JSON-escaped quote
_URL = re.compile(r"https?://[^\s)\]'\"<>,;]+")
_NUMBER = re.compile(r"(?<![a-z0-9_])[-+]?\d+(?:[.,:]\d+)*")  # not the digits of HS256, base64, IDX10503
_PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")
_GAP = 400  # what a library fills in is short; a bound keeps a hostile message cheap
_MAX_LINES = 200


def skeleton(text: str) -> str:
    """``text`` with what varies between occurrences of one message made uniform."""
    text = text[: limits.MAX_WHY_MESSAGE_CHARS]
    text = _URL.sub(" <url> ", text.lower().replace("\\n", " "))  # a JSON body's escaped newlines
    text = _NUMBER.sub(" <n> ", text.translate(_QUOTES))
    return " ".join(text.split()).strip(" .")


# --- compiling the table once ------------------------------------------------------------

_VALUE = {
    "offset": r"\d+", "deccode": r"\d+", "hexchar": r"[0-9a-fA-F]{1,4}", "char": r"[\s\S]",
    "segment": r"header|claims?|payload|signature",
}  # fmt: skip
_LOOSE_QUOTES = "'\"`‘’“”"


def _loose(literal: str) -> str:
    """A regex for ``literal`` as it may appear in pasted text (case, spacing and quotes may differ)."""
    out = []
    for ch in literal:
        if ch.isspace():
            out.append(r"\s+?")
        elif ch in _LOOSE_QUOTES:
            out.append(r"[\"'`‘’“”\\]*")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class Compiled:
    """One entry made ready to match. The regexes are compiled on first use: most entries are
    ruled out by their anchor alone, and compiling all of them would cost the start of every run."""

    entry: Entry
    source: str  # the regex over the skeleton of a reading
    anchor: str  # the longest literal part, a cheap test before the regex
    weight: int  # characters of literal text: the more, the more specific
    key: str  # the message without its variable parts: the same key is the same message
    reader_source: str | None  # the regex over the reading itself, for the named parts

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)

    @cached_property
    def reader(self) -> re.Pattern[str] | None:
        return re.compile(self.reader_source, re.IGNORECASE) if self.reader_source else None

    @cached_property
    def grams(self) -> frozenset[str]:  # the key's character trigrams: a cheap likeness before difflib's
        return _grams(self.key)


def _grams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 3] for i in range(max(len(text) - 2, 1)))


def _compile(entry: Entry) -> Compiled:
    parts = _PLACEHOLDER.split(entry.message)
    literals, names = parts[0::2], parts[1::2]
    skel = [skeleton(p) if p.strip() else "" for p in literals]
    body = (r".{0,%d}?" % _GAP).join(re.escape(s) for s in skel)
    msg = entry.message
    start = r"(?<![a-z0-9_])" if msg[:1].isalnum() else ""
    end = r"(?![a-z0-9_])" if msg[-1:].isalnum() else ""
    reader = None
    if any(names):
        reader = _loose(literals[0])
        for name, lit in zip(names, literals[1:]):
            value = _VALUE.get(name, r"[^\s'\"`,;]+") if name else r"[\s\S]{0,%d}?" % _GAP
            reader += (f"(?P<{name}>{value})" if name else value) + _loose(lit)
    key = skeleton(_PLACEHOLDER.sub(" ", msg))
    return Compiled(entry, start + body + end, max(skel, key=len), sum(map(len, skel)), key, reader)


@lru_cache(maxsize=1)
def compiled() -> tuple[Table, tuple[Compiled, ...]]:
    table = load()
    return table, tuple(_compile(e) for e in table.entries)


# --- reading what was pasted -------------------------------------------------------------

_ERROR_KEYS = ("error", "error_code", "errorcode", "code", "name", "type", "status")
_TEXT_KEYS = ("error_description", "errordescription", "message", "error_message", "errormessage", "detail",
              "description", "errorsummary", "title", "msg", "reason", "error_summary", "hint")  # fmt: skip
_PAIR = re.compile(r"\b([A-Za-z_]+)\s*[=:]\s*(\"(?:[^\"\\]|\\.)*\"|'[^']*')")


def _strings(obj: Any, depth: int = 0) -> Iterator[str]:
    """``error: description`` and every message-like string in a parsed JSON body."""
    if depth > 8:
        return
    if isinstance(obj, dict):
        low = {str(k).lower(): v for k, v in obj.items()}
        head = next((str(low[k]) for k in _ERROR_KEYS if isinstance(low.get(k), (str, int))), None)
        texts = [low[k] for k in _TEXT_KEYS if isinstance(low.get(k), str)]
        for t in texts:
            yield f"{head}: {t}" if head and head != t else t
        if head:
            yield head
        for v in obj.values():
            if isinstance(v, (dict, list)):
                yield from _strings(v, depth + 1)
    elif isinstance(obj, list):
        for v in obj[:50]:
            yield from _strings(v, depth + 1)


def _json_bodies(text: str) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    start = text.find("{")
    seen = 0
    while start != -1 and seen < 20:
        try:
            obj, end = decoder.raw_decode(text, start)
        except (ValueError, RecursionError):  # not JSON here, or nested deeper than the parser goes
            start = text.find("{", start + 1)
            continue
        seen += 1
        yield obj
        start = text.find("{", end)


def readings(message: str) -> list[str]:
    """The texts inside what was pasted that may be a library's message, the whole first."""
    text = message[: limits.MAX_WHY_MESSAGE_CHARS]
    out = [text]
    for obj in _json_bodies(text):
        out += _strings(obj)
    if "error=" in text or "error_description=" in text:
        for piece in re.split(r"[\s?]", text):
            pairs = dict(parse_qsl(piece.strip("'\""))) if "=" in piece else {}
            if "error" in pairs:
                desc = pairs.get("error_description")
                out += [f"{pairs['error']}: {desc}" if desc else pairs["error"]]
    pairs2 = {m.group(1).lower(): m.group(2)[1:-1].replace('\\"', '"') for m in _PAIR.finditer(text)}
    if pairs2.get("error") or pairs2.get("error_description"):
        err, desc = pairs2.get("error", ""), pairs2.get("error_description", "")
        out.append(f"{err}: {desc}" if err and desc else err or desc)
    out += [pairs2[k] for k in ("message", "msg", "detail") if k in pairs2]
    lines = [ln.strip() for ln in text.splitlines()[:_MAX_LINES]]
    if len(lines) > 1:
        for ln in lines:
            ln = re.sub(r'^exception in thread\s+"?[^"\s]*"?\s*', "", ln, flags=re.I)
            ln = re.sub(r"^(caused by|error|exception|fatal|panic|warn(ing)?)\s*:\s*", "", ln, flags=re.I)
            if ln and not re.match(r"^(at |\.\.\. \d+ more|file \"|\^|~)", ln, re.I):
                out.append(ln)
    seen: set[str] = set()
    return [r for r in out if r and not (r in seen or seen.add(r))]  # type: ignore[func-returns-value]


_CODE = re.compile(r"\b(AADSTS\d{4,8}|IDX\d{5}|ERR_OSSL_[A-Z0-9_]+|auth/[a-z-]+)\b|error:([0-9A-F]{8}):", re.I)
_CLASS = re.compile(r"\b(?:[A-Za-z_$][\w$]*\.)*([A-Z][A-Za-z0-9]*(?:Error|Exception|Expired|Immature|Invalid"
                    r"|Failed|NotFound|Mismatch|Malformed|Invalid[A-Za-z]*))\b")  # fmt: skip
#: Class names many libraries raise for anything: they say nothing about the cause.
_TOO_COMMON = {"Error", "Exception", "ValueError", "TypeError", "IOException", "RuntimeException", "ArgumentException",
               "IllegalArgumentException", "UnexpectedValueException", "DomainException", "JWTError", "JOSEError",
               "InvalidValue", "NotImplementedError", "InvalidKeyException", "InvalidKeySpecException",
               "ParseException", "FirebaseAuthError", "CryptographicException", "FormatException", "JwtValidationException",
               "BadJwtException", "VerificationException", "InvalidJwtException", "JWTClaimValidationFailed",
               "DecodeError", "InvalidTokenError", "GoogleAuthError", "ArgumentNullException", "JWSError"}  # fmt: skip


def codes(message: str) -> set[str]:
    return {(m.group(1) or m.group(2)).upper() for m in _CODE.finditer(message[: limits.MAX_WHY_MESSAGE_CHARS])}


def classes(message: str) -> set[str]:
    return {m.group(1) for m in _CLASS.finditer(message[: limits.MAX_WHY_MESSAGE_CHARS])}


# --- matching ----------------------------------------------------------------------------


@dataclass
class Hit:
    """Entries that say one message, as found in what was pasted."""

    entries: list[Entry]
    how: str  # "message", "code", "exception"
    key: str
    exact: bool  # the message is all of a reading (not a few words inside a longer one)
    weight: int
    values: dict[str, str] = field(default_factory=dict)


def _search(c: Compiled, skel: str, reading: str) -> tuple[int, int] | None:
    if c.anchor and c.anchor not in skel:
        return None
    m = c.pattern.search(skel)
    return (m.start(), m.end()) if m else None


def _values(c: Compiled, reading: str) -> dict[str, str]:
    if c.reader is None:
        return {}
    m = c.reader.search(reading)
    if not m:
        return {}
    return {k: v.rstrip(".") if k.endswith(("expected", "got")) else v for k, v in m.groupdict().items() if v is not None}


_WORD = re.compile(r"[a-z][a-z0-9_.$/]*")
_NOISE = {"n", "url", "error", "caused", "by", "exception", "warn", "warning", "fatal", "panic", "err", "msg", "message",
          "error_description", "detail", "description"}  # fmt: skip


def _exact(skel: str, start: int, end: int, message: str) -> bool:
    """Whether the message is the whole of the reading, give or take an exception class, an OAuth
    error code and the values the source fills in (the message is then that source's, not a few
    words that another library's message happens to contain)."""
    tail = "" if _PLACEHOLDER.search(message[-12:] or "") and len(skel) - end < 120 else skel[end:]
    for word in _WORD.findall(skel[:start] + " " + tail):
        if word in _NOISE or "_" in word or word.endswith(("error", "exception", "expired")) or "." in word:
            continue
        return False
    return True


def match(message: str) -> list[Hit]:
    """What ``message`` says, most specific first: one ``Hit`` per distinct message found."""
    table, comp = compiled()
    found: dict[str, Hit] = {}
    for reading in readings(message):
        skel = skeleton(reading)
        spans = []
        for c in comp:
            span = _search(c, skel, reading)
            if span:
                spans.append((c, span))
        for c, (s, e) in spans:
            # words inside a longer message found in the same reading belong to that one
            if any(o.key != c.key and os <= s and e <= oe and (oe - os) > (e - s) for o, (os, oe) in spans):
                continue
            exact = _exact(skel, s, e, c.entry.message)
            hit = found.get(c.key)
            if hit is None:
                found[c.key] = hit = Hit([], "message", c.key, exact, c.weight)
            hit.exact = hit.exact or exact
            if c.entry not in hit.entries:
                hit.entries.append(c.entry)
            for k, v in _values(c, reading).items():
                hit.values.setdefault(k, v)
    # the same words inside a longer message found in another reading belong to that one
    keys = list(found)
    hits = [h for h in found.values() if not any(h.key != k and h.key in k for k in keys)]
    hits.sort(key=lambda h: (-h.exact, -h.weight))
    got_codes, got_classes = codes(message), classes(message)
    named = {e.id for h in hits for e in h.entries}
    for code in sorted(got_codes):
        same = [c.entry for c in comp if c.entry.code and c.entry.code.upper() == code and c.entry.id not in named]
        if same:
            hits.append(Hit(same[:1], "code", same[0].id, True, 0))
            named.add(same[0].id)
    if not hits:
        for cls in sorted(got_classes - _TOO_COMMON):
            same = [c.entry for c in comp if cls in c.entry.exceptions]
            if same:
                hits.append(Hit(same, "exception", cls, True, 0))
    if any(not e.generic for h in hits for e in h.entries):
        hits = [h for h in hits if not all(e.generic for e in h.entries)]
    # attribution: when the pasted text names the exception class, keep the libraries that raise it
    for h in hits:
        raising = [e for e in h.entries if got_classes & set(e.exceptions)]
        if raising:
            h.entries = raising
    return hits


def closest_groups(message: str, n: int = 3) -> list[list[Entry]]:
    """The messages that look most like ``message`` (when nothing matches), each with every
    entry that says it."""
    _, comp = compiled()
    text = skeleton(message)[:200]  # known messages are short: compare like with like, quickly
    grams = _grams(text)
    # trigrams in common pick a few candidates; difflib (slow) only ranks those
    dice = sorted(comp, key=lambda c: -2 * len(grams & c.grams) / (len(grams) + len(c.grams)))[:16]
    sm = difflib.SequenceMatcher(None, "", text)  # the pasted text is analysed once (seq2)
    scored = []
    for c in dice:
        sm.set_seq1(c.key)
        scored.append((sm.ratio(), c))
    groups: dict[str, list[Entry]] = {}
    for r, c in sorted(scored, key=lambda x: -x[0]):
        if r <= 0.5:
            break
        if c.key in groups or len(groups) < n:
            groups.setdefault(c.key, []).append(c.entry)
    return list(groups.values())


def closest(message: str, n: int = 3) -> list[Entry]:
    """The entries whose message looks most like ``message``, one per distinct message."""
    return [g[0] for g in closest_groups(message, n)]


# --- reading the variable parts ----------------------------------------------------------

_B64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_SEGMENT = {"header": 0, "claim": 1, "claims": 1, "payload": 1, "signature": 2}


def _char_of(values: dict[str, str]) -> str | None:
    try:
        if "char" in values:
            return values["char"]
        if "hexchar" in values:
            return chr(int(values["hexchar"], 16))
        if "deccode" in values:
            return chr(int(values["deccode"]))
    except (ValueError, OverflowError):
        return None
    return None


def _char_in_token(values: dict[str, str], token: str | None) -> tuple[str, str] | None:
    """The character at the byte a base64 error names, in the segment it names (Go's "input byte N")."""
    if token is None or "offset" not in values:
        return None
    try:
        offset = int(values["offset"])
    except ValueError:
        return None
    parts = token.strip().split(".")
    order = [_SEGMENT[values["segment"].lower()]] if values.get("segment", "").lower() in _SEGMENT else range(len(parts))
    for i in order:
        if i < len(parts) and offset < len(parts[i]):
            ch = parts[i][offset]
            if i in order and (len(order) == 1 or ch not in _B64URL):
                return ch, ("header", "payload", "signature")[i] if i < 3 else f"segment {i + 1}"
    return None


def _show(ch: str) -> str:
    return f"{ch!r} (0x{ord(ch):02x})"


def _compare(expected: str, got: str) -> str:
    """Why two audience or issuer values differ, in words."""
    if expected == got:
        return "the two values are equal: the verifier may compare another claim or a list"
    if expected.rstrip("/") == got.rstrip("/"):
        return "they differ only by a trailing slash"
    if expected.lower() == got.lower():
        return "they differ only in letter case"
    a, b = urlsplit(expected), urlsplit(got)
    if a.netloc and b.netloc:
        if a.netloc == b.netloc and a.path.rstrip("/") == b.path.rstrip("/") and a.scheme != b.scheme:
            return f"they differ only in the scheme ({a.scheme} vs {b.scheme})"
        if a.path.rstrip("/") == b.path.rstrip("/") and a.netloc != b.netloc:
            return (f"same path, another host ({a.netloc} vs {b.netloc}): the token was issued under another "
                    "address than the one the verifier is configured with")  # fmt: skip
        if a.netloc == b.netloc:
            return f"same host, another path ({a.path or '/'} vs {b.path or '/'}): another realm, tenant or API"
    return "they are different values"


# --- confirming a cause against the user's token and key ---------------------------------


def _has_armor(key_text: str) -> bool:
    return "-----BEGIN" in key_text or "-----END" in key_text


def _has_base64url(text: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if "-----" not in line)
    return bool(re.search(r"[-_]", body))


#: Facts about the user's text that confirm a cause without a rule.
FACTS: dict[str, Callable[[str | None, str | None], str | None]] = {
    "key-has-pem-armor": lambda token, key: (
        "the key has PEM armor lines (-----BEGIN/-----END)" if key and _has_armor(key) else None
    ),
    "key-looks-like-a-secret": lambda token, key: (
        "the key is a short string with no PEM armor: a shared secret, not an RSA key"
        if key and "-----" not in key and len(key.strip()) < 100 else None
    ),
    "text-has-base64url": lambda token, key: (
        "the key text holds base64url characters ('-' or '_')" if key and _has_base64url(key)
        else "the token is base64url ('-' or '_' in it)" if token and re.search(r"[-_]", token) else None
    ),
}  # fmt: skip


@dataclass
class Verdict:
    cause: Cause
    state: str = "not checked"  # "confirmed", "ruled out", "partly checked" (found nothing so far), "not checked"
    confirmed_by: list[str] = field(default_factory=list)  # rule names found, or fact sentences
    missing: str = ""  # what would let jwtlint check it


@dataclass
class Checked:
    """What linting the user's token and key found, and whether a signature could be checked."""

    names: set[str] = field(default_factory=set)
    verified: bool = False  # some token got signature evidence from the key (the key was usable)


def _checkable(rule_name: str, token: str | None, key: str | None, values: dict[str, str], verified: bool) -> str:
    """'' when the rule ran on what was given, else what it still needs."""
    from ..engine import registry
    from ..rules.claims import AudMismatch, IssMismatch  # type: ignore[import-not-found, unused-ignore]  # package-dir, unseen by mypy

    rule = registry().by_key.get(rule_name)
    if rule is None:
        return "an unknown rule"
    on_token = "token" in rule.targets
    on_key = bool(rule.targets & {"key", "jwk", "jwks"})
    if on_key and key:
        return ""
    if on_token and token:
        if "verification" in rule.needs and not verified:
            return "--key" if not key else "a key that can verify this token (the one given could not be used)"
        if isinstance(rule, AudMismatch) and "aud_expected" not in values:
            return "--aud (the audience the verifier expects)"
        if isinstance(rule, IssMismatch) and "iss_expected" not in values:
            return "--iss (the issuer the verifier expects)"
        return ""
    return "--token" if on_token else "--key"


def findings(causes: list[Cause], token: str | None, key: str | None, now: float | None,
             values: dict[str, str]) -> Checked:  # fmt: skip
    """The findings the rules behind ``causes`` report on the token and key (public API only)."""
    from ..api import lint, lint_key
    from ..engine import registry
    from ..rules.verification import AlgKeyMismatch, EcCurveAlgMismatch  # type: ignore[import-not-found, unused-ignore]

    # a key of the wrong type or curve verifies nothing: the signature itself was not checked
    unusable = {AlgKeyMismatch.name, EcCurveAlgMismatch.name}
    out = Checked()
    names = out.names
    by_key = registry().by_key
    profiles = sorted({p for c in causes for r in c.rules for p in [getattr(by_key.get(r), "profile", None)] if p})
    if token:
        extra: dict[str, Any] = {}
        if "aud_expected" in values:
            extra["audience"] = values["aud_expected"]
        if "iss_expected" in values:
            extra["issuer"] = values["iss_expected"]
        for profile in [None, *profiles[:4]]:
            report = lint(token, key=key, now=now, profile=profile, **extra)
            names |= {f.name for f in report.findings}
            out.verified |= any(getattr(getattr(t.target, "verification", None), "keys_given", 0)  # keys it was tried with
                                and not unusable & {f.name for f in t.findings}
                                for t in report.targets if t.kind == "token")  # fmt: skip
    elif key:
        names |= {f.name for f in lint_key(key, now=now).findings}
    if token and key:
        names |= {f.name for f in lint_key(key, now=now).findings}
    return out


def judge(causes: list[Cause], token: str | None, key: str | None, checked: Checked,
          values: dict[str, str]) -> list[Verdict]:  # fmt: skip
    names = checked.names
    out = []
    for cause in causes:
        v = Verdict(cause)
        v.confirmed_by += [r for r in cause.rules if r in names]
        for fact in cause.facts:
            said = FACTS[fact](token, key)
            if said:
                v.confirmed_by.append(said)
        if v.confirmed_by:
            v.state = "confirmed"
        elif cause.rules:
            needs = [_checkable(r, token, key, values, checked.verified) for r in cause.rules]
            missing = [n for n in needs if n]
            if not missing:
                v.state = "ruled out"
            else:
                v.missing = missing[0]
                if len(missing) < len(needs):
                    v.state = "partly checked"
        out.append(v)
    return out


# --- the report --------------------------------------------------------------------------


def _ordered(entry: Entry, table: Table, char: str | None, values: dict[str, str]) -> list[Cause]:
    causes = list(entry.causes)
    first: list[Cause] = []
    if char is not None:
        first = [table.causes[k] for k in table.char_causes.get(char, ())]
    elif values.get("offset") == "6" and values.get("segment", "header").lower() == "header":
        first = [table.causes["bearer"]]  # byte 6 of 'Bearer eyJ...' is the space
    return list(dict.fromkeys(first + causes))


def explain(message: str, token: str | None = None, key: str | None = None, now: float | None = None,
            top: int = 3, audience: str | None = None, issuer: str | None = None) -> dict[str, Any]:  # fmt: skip
    """What ``jwtlint why`` reports, as data: the messages found, their causes, and verdicts when checked."""
    table, _ = compiled()
    hits = match(message)
    out: dict[str, Any] = {"message": message, "matches": [], "closest": [], "next_step": "jwtlint check TOKEN"}
    if not hits:
        out["closest"] = [{"source": ", ".join(dict.fromkeys(e.source for e in g)), "message": g[0].message}
                          for g in closest_groups(message)]  # fmt: skip
        return out
    shown = hits[:top]
    plans = []
    for h in shown:
        e = h.entries[0]
        char = _char_of(h.values)
        notes = []
        in_token = _char_in_token(h.values, token) if e.by_char else None
        if in_token:
            char, where = in_token
            notes.append(f"byte {h.values['offset']} of the {where} segment of your token is {_show(char)}")
        elif char is not None:
            notes.append(f"the character it names is {_show(char)}")
        if "aud_expected" in h.values and "aud_got" in h.values:
            notes.append(f"expected audience {h.values['aud_expected']!r}, the token has {h.values['aud_got']!r}: "
                         + _compare(h.values["aud_expected"], h.values["aud_got"]))  # fmt: skip
        if "iss_expected" in h.values and "iss_got" in h.values:
            notes.append(f"expected issuer {h.values['iss_expected']!r}, the token has {h.values['iss_got']!r}: "
                         + _compare(h.values["iss_expected"], h.values["iss_got"]))  # fmt: skip
        expected_aud = audience or h.values.get("aud_expected")
        expected_iss = issuer or h.values.get("iss_expected")
        if token and expected_aud:
            notes.append(f"checked your token against the expected audience {expected_aud!r}")
        if token and expected_iss:
            notes.append(f"checked your token against the expected issuer {expected_iss!r}")
        plans.append((h, e, _ordered(e, table, char, h.values), notes))
    checked = bool(token or key)
    values: dict[str, str] = {}
    if audience:
        values["aud_expected"] = audience
    if issuer:
        values["iss_expected"] = issuer
    for h in shown:
        for k, v in h.values.items():
            values.setdefault(k, v)
    found = findings([c for _, _, cs, _ in plans for c in cs], token, key, now, values) if checked else Checked()
    low = message.lower()
    for h, e, causes, notes in plans:
        verdicts = judge(causes, token, key, found, values) if checked else [Verdict(c) for c in causes]
        sources = list(dict.fromkeys(x.source for x in h.entries))
        out["matches"].append({
            "source": ", ".join(sources),
            "sources": [{"source": x.source, "versions": x.versions, "cite": x.cite, "exceptions": list(x.exceptions)}
                        for x in h.entries],
            "message": e.message,
            "found_by": h.how,
            "exact": h.exact,
            "generic": e.generic,
            "cite": " ".join(dict.fromkeys(x.cite for x in h.entries)),
            "read": dict(h.values),
            "notes": notes,
            "causes": [
                {"cause": v.cause.text, "key": v.cause.key, "rules": list(v.cause.rules), "command": v.cause.command,
                 "verdict": v.state if checked else "not checked", "confirmed_by": v.confirmed_by,
                 "needs": v.missing}
                for v in verdicts
            ],
            "possible": [
                {"platform": p.platform, "cause": p.text, "rules": list(p.rules), "command": p.command,
                 "named_in_message": any(w in low for w in p.evidence)}
                for p in e.possible
            ],
            "checked": checked,
        })  # fmt: skip
    return out


def _label(m: dict[str, Any]) -> str:
    msg = _PLACEHOLDER.sub("…", m["message"])
    if m["generic"]:
        return f"\"{msg}\": a standard OAuth 2.0 error code ({m['source']}); it does not say which platform sent it"
    if m["found_by"] == "code":
        return f"{m['source']}: \"{msg}\" (found by its code)"
    if m["found_by"] == "exception":
        return f"{m['source']}: an exception of this name (\"{msg}\" is its usual message)"
    if m["exact"]:
        return f"{m['source']}: \"{msg}\""
    return f"the text contains \"{msg}\", which {m['source']} prints (another library may print the same words)"


def to_text(result: dict[str, Any]) -> str:
    """The human report of ``explain``."""
    if not result["matches"]:
        lines = [f"jwtlint does not know this message: {result['message'][:300]!r}"]
        if result["closest"]:
            lines.append("closest known messages:")
            lines += [f"  {c['source']}: {_PLACEHOLDER.sub('…', c['message'])}" for c in result["closest"]]
        lines.append(f"next step: {result['next_step']}   (lint the token itself: every rule runs)")
        return "\n".join(lines)
    blocks = []
    for m in result["matches"]:
        lines = [_label(m), f"  source: {m['cite']}"]
        lines += [f"  read: {n}" for n in m["notes"]]
        confirmed = [c for c in m["causes"] if c["verdict"] == "confirmed"]
        if m["checked"]:
            if confirmed:
                lines.append("  checked your input: " + ("this is the cause:" if len(confirmed) == 1 else "these causes are confirmed:"))
            else:
                lines.append("  checked your input: no cause below is confirmed by it (the problem may be on the verifier's side)")
        lines.append("  likely causes:" if not m["checked"] else "  causes:")
        for i, c in enumerate(m["causes"], 1):
            mark = ""
            if c["verdict"] == "confirmed":
                mark = "  <- confirmed: " + "; ".join(c["confirmed_by"])
            elif c["verdict"] == "ruled out":
                mark = "  <- ruled out (its rules found nothing)"
            elif c["verdict"] == "partly checked":
                mark = f"  <- not found by the rules that could run; the rest needs {c['needs']}"
            elif m["checked"]:
                mark = f"  <- not checked{' (needs ' + c['needs'] + ')' if c['needs'] else ''}"
            lines.append(f"   {i}. {c['cause']}{mark}")
            rules = f"   (rules: {', '.join(c['rules'])})" if c["rules"] else ""
            lines.append(f"      {'confirm with' if not m['checked'] else 'run'}: {c['command']}{rules}")
        if m["possible"]:
            named = [p for p in m["possible"] if p["named_in_message"]]
            lines.append("  platform-specific possibilities (" + (
                "the message names " + ", ".join(p["platform"] for p in named) if named
                else "nothing in the message says which platform sent it") + "):")  # fmt: skip
            for p in sorted(m["possible"], key=lambda p: not p["named_in_message"]):
                lines.append(f"   - if it came from {p['platform']}: {p['cause']}")
                lines.append(f"      check: {p['command']}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
