"""``jwtlint why "MESSAGE"``: from an error message to its likely causes.

The message is matched against ``whytable.ENTRIES`` loosely: case, quotes,
whitespace, numbers, URLs and the parts a library fills in (``{}`` in the
table) may differ, and the message may sit inside a longer line (a stack
trace, a JSON error body). With a token and/or key, the rules that confirm
each cause are run and the report says which cause it is.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .. import limits
from .table import ENTRIES, Cause, Entry

_QUOTES = str.maketrans({c: " " for c in "'\"`‘’“”«»\\"})  # and the backslash of a JSON-escaped quote
_URL = re.compile(r"https?://\S+")
_NUMBER = re.compile(r"(?<![a-z0-9])[-+]?\d+(?:[.,:]\d+)*")  # not the digits of HS256, base64, IDX10503


def skeleton(text: str) -> str:
    """``text`` with what varies between occurrences of one message made uniform."""
    text = text[: limits.MAX_WHY_MESSAGE_CHARS]
    text = _URL.sub(" <url> ", text.lower().replace("\\n", " "))  # a JSON body's escaped newlines
    text = _NUMBER.sub(" <n> ", text.translate(_QUOTES))
    return " ".join(text.split()).strip(" .")


def _pattern(message: str) -> re.Pattern[str]:
    parts = [re.escape(skeleton(p)) for p in message.split("{}")]
    # What a library fills in is short (a claim, a URL, a date); a bounded gap keeps
    # a hostile message from costing a scan to its end at every partial match.
    return re.compile((r".{0,%d}?" % _GAP).join(parts))


_GAP = 400
_COMPILED = [(e, _pattern(e.message)) for e in ENTRIES]


def match(message: str) -> list[Entry]:
    """Every entry whose message occurs in ``message`` (most specific first)."""
    text = skeleton(message)
    hits = [e for e, pat in _COMPILED if pat.search(text)]
    return sorted(hits, key=lambda e: -len(e.message))


def _grouped(entries: list[Entry]) -> list[tuple[Entry, list[Entry]]]:
    """One block per distinct message: the same words from several libraries are said once,
    and a message inside a longer matched one ("invalid signature" in Nimbus's) is dropped."""
    keys = {id(e): skeleton(e.message.replace("{}", "")) for e in entries}
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        k = keys[id(e)]
        if any(k != other and k in other for other in keys.values()):
            continue
        groups.setdefault(k, []).append(e)
    return [(same[0], same) for same in groups.values()]


def closest(message: str, n: int = 3) -> list[Entry]:
    """The entries whose message looks most like ``message`` (when nothing matches)."""
    text = skeleton(message)[:200]  # known messages are short: compare like with like, quickly
    scored = [(difflib.SequenceMatcher(None, text, skeleton(e.message.replace("{}", ""))).ratio(), e) for e in ENTRIES]
    return [e for r, e in sorted(scored, key=lambda x: -x[0])[:n] if r > 0.5]


# --- confirming a cause against the user's token and key ------------------------------


def _has_armor(key_text: str) -> bool:
    return "-----BEGIN" in key_text or "-----END" in key_text


def _has_base64url(text: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if "-----" not in line)
    return bool(re.search(r"[A-Za-z0-9+/]*[-_][A-Za-z0-9+/_-]*", body)) and bool(re.search(r"[-_]", body))


#: Facts about the user's text that confirm a cause without a rule.
FACTS = {
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
    confirmed_by: list[str] = field(default_factory=list)  # rule names found, or fact sentences


def confirm(entry: Entry, token: str | None, key: str | None, now: float | None = None) -> list[Verdict]:
    """Run the rules behind ``entry``'s causes on the token and/or key; say which causes they confirm."""
    from ..api import lint

    names = _findings(entry, token, key, now, lint)
    verdicts = []
    for cause in entry.causes:
        v = Verdict(cause)
        v.confirmed_by += [r for r in cause.rules if r in names]
        for fact in cause.facts:
            said = FACTS[fact](token, key)
            if said:
                v.confirmed_by.append(said)
        verdicts.append(v)
    return verdicts


def _findings(entry: Entry, token: str | None, key: str | None, now: float | None, lint: Any) -> set[str]:
    from ..engine import registry

    profiles = {getattr(registry().by_key.get(r), "profile", None) for c in entry.causes for r in c.rules}
    profiles.discard(None)
    profile = profiles.pop() if len(profiles) == 1 else ("auto" if profiles else None)
    names: set[str] = set()
    if token:
        report = lint(token, key=key, now=now, profile=profile) if key else lint(token, now=now, profile=profile)
        names |= {f.name for f in report.findings}
    if key:
        names |= {f.name for f in lint(key, now=now).findings}
    return names


def explain(message: str, token: str | None = None, key: str | None = None, now: float | None = None) -> dict[str, Any]:
    """What ``jwtlint why`` reports, as data: the matched entries, their causes, and verdicts when checked."""
    entries = match(message)
    out: dict[str, Any] = {"message": message, "matches": [], "closest": []}
    if not entries:
        out["closest"] = [{"source": e.source, "message": e.message} for e in closest(message)]
        return out
    for e, same in _grouped(entries):
        verdicts = confirm(e, token, key, now) if (token or key) else [Verdict(c) for c in e.causes]
        out["matches"].append({
            "source": ", ".join(x.source for x in same),
            "message": e.message,
            "cite": " ".join(dict.fromkeys(x.cite for x in same)),
            "causes": [
                {"cause": v.cause.text, "rules": list(v.cause.rules), "command": v.cause.command,
                 "confirmed_by": v.confirmed_by}
                for v in verdicts
            ],
            "checked": bool(token or key),
        })  # fmt: skip
    return out


def to_text(result: dict[str, Any]) -> str:
    """The human report of ``explain``."""
    if not result["matches"]:
        lines = [f"jwtlint does not know this message: {result['message']!r}"]
        if result["closest"]:
            lines.append("closest known messages:")
            lines += [f"  {c['source']}: {c['message'].replace('{}', '…')}" for c in result["closest"]]
        return "\n".join(lines)
    blocks = []
    for m in result["matches"]:
        lines = [f"{m['source']}: \"{m['message'].replace('{}', '…')}\"", f"  source: {m['cite']}"]
        confirmed = [c for c in m["causes"] if c["confirmed_by"]]
        if m["checked"]:
            if confirmed:
                lines.append("  checked your input: " + ("this is the cause:" if len(confirmed) == 1 else "these causes are confirmed:"))
            else:
                lines.append("  checked your input: no cause below is confirmed by it (the problem may be on the verifier's side)")
        lines.append("  likely causes:" if not m["checked"] else "  causes:")
        for i, c in enumerate(m["causes"], 1):
            mark = "  <- confirmed: " + "; ".join(c["confirmed_by"]) if c["confirmed_by"] else ""
            lines.append(f"   {i}. {c['cause']}{mark}")
            rules = f"   (rules: {', '.join(c['rules'])})" if c["rules"] else ""
            lines.append(f"      run: {c['command']}{rules}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
