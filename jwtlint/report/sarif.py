"""SARIF 2.1.0 output (``--format sarif``), the format GitHub code scanning loads.

One run; ``tool.driver.rules`` lists the rules that fired, with their
summary, their documentation as help text and their references;
``results`` point at ``path``/``line``/``column`` (columns counted in code
points, declared with ``columnKind``). A fix is included only where it is a
real text edit: the ``fixed`` value of a finding that replaces a whole
base64url segment of a token written on one line, and never a sensitive
one. Other ``fixed`` values (``exp`` in seconds, a raw signature) are advice
and go in the message. Validated against the OASIS schema in tests/test_sarif.py.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .._version import __version__
from ..engine import Finding, Severity, registry
from .report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/jwtlint/jwtlint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: GitHub code scanning ranks security results by ``security-severity`` (0.0-10.0: low below 4,
#: medium below 7, high below 9, critical from 9). A committed live credential is critical; any
#: other error is high (the token is rejected or unsafe), a warning medium, an info low.
_SECURITY_SEVERITY = {Severity.ERROR: "7.5", Severity.WARNING: "5.0", Severity.INFO: "2.0"}
_CREDENTIAL_IN_REPO = "9.0"
#: Kinds of what scan findings are about that are no credential: a ``jwtlint: ignore`` comment, a
#: baseline entry (rules/scan.py).
_HOUSEKEEPING = frozenset({"suppression", "baseline"})
#: Where a finding of pasted text (``jwtlint check TOKEN``, stdin) is placed: SARIF consumers
#: such as GitHub code scanning drop a result without a location.
PASTED_URI = "jwtlint-input"
_B64URL = re.compile(r"[A-Za-z0-9_-]+")


def to_sarif(report: Report, fingerprints: dict[int, str] | None = None) -> dict[str, Any]:
    """The SARIF log of ``report``; ``fingerprints`` maps id(finding) to a stable fingerprint."""
    reg = registry()
    used: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for tr in report.targets:
        parts = segment_offsets(tr.target)
        for f in tr.findings:
            if f.code not in used:
                used[f.code] = len(rules)
                rules.append(_rule(reg.by_key.get(f.code), f))
            results.append(_result(f, tr.target, parts, used[f.code], report.show_secrets, fingerprints))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "jwtlint", "version": __version__, "informationUri": INFO_URI,
                                    "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the directory jwtlint ran in"}}},
                "results": results,
            }
        ],
    }  # fmt: skip


def dumps(report: Report, fingerprints: dict[int, str] | None = None) -> str:
    return json.dumps(to_sarif(report, fingerprints), indent=2, ensure_ascii=False)


def segment_offsets(target: Any) -> dict[str, tuple[int, int]] | None:
    """Where each part of a one-line token sits, in characters from the token's first one (None if unknown)."""
    parts = getattr(target, "parts", None)
    if parts is not None:
        return {name: (a, b) for name, a, b in parts} if parts else None
    if getattr(target, "kind", "") != "token" or getattr(target, "whitespace", ()) or not hasattr(target, "segments"):
        return None
    out = {seg.role: (seg.start, seg.end) for seg in target.segments}
    out["token"] = (0, len(target.text))
    return out


def _rule(rule: Any, f: Finding) -> dict[str, Any]:
    if rule is None:  # a finding of a rule that is no longer loaded: describe it from the finding
        return {"id": f.code, "name": f.name, "shortDescription": {"text": f.name}}
    docs = rule.docs()
    urls = [r.url for r in rule.refs if r.url]
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _section(docs, "## Why is this bad?") or rule.summary},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": ["security", "jwt", rule.family],
            "security-severity": _security_severity(rule),
            "precision": "high",
            "references": [str(r) + (f" <{r.url}>" if r.url else "") for r in rule.refs],
        },
    }
    if urls:
        out["helpUri"] = urls[0]
    return out


def _security_severity(rule: Any) -> str:
    # The scan family's errors are credentials committed to the repository (a live token, a
    # private key, a published secret): critical. Its findings on a suppression comment or a
    # baseline entry that does nothing are housekeeping: low.
    if rule.family == "scan" and rule.severity is Severity.ERROR:
        return _CREDENTIAL_IN_REPO
    if rule.targets <= _HOUSEKEEPING:
        return _SECURITY_SEVERITY[Severity.INFO]
    return _SECURITY_SEVERITY[rule.severity]


def _section(docs: str, title: str) -> str:
    if title not in docs:
        return ""
    return " ".join(docs.split(title, 1)[1].split("##", 1)[0].split())


def _result(f: Finding, target: Any, parts: dict[str, tuple[int, int]] | None, index: int, show_secrets: bool,
            fingerprints: dict[int, str] | None) -> dict[str, Any]:  # fmt: skip
    fixed = f.shown_fixed(show_secrets)
    text = f.message + (f" Fix: {f.fix}." if f.fix else "")
    if fixed is not None and not f.sensitive:
        text += f" Fixed value: {fixed if len(fixed) <= 200 else fixed[:200] + '…'}"
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
    }
    origin = target.origin
    region = _region(origin, f, parts) or {"startLine": 1, "startColumn": 1}
    if origin.path:
        loc: dict[str, Any] = {"artifactLocation": _artifact(origin.path), "region": region}
        edit = _fix(f, origin, parts)
        if edit:
            result["fixes"] = [edit]
    else:  # pasted text: a place all the same, named for what it is
        loc = {"artifactLocation": {"uri": PASTED_URI, "description": {"text": "the text given to jwtlint"}},
               "region": region}  # fmt: skip
    result["locations"] = [{"physicalLocation": loc}]
    if fingerprints and id(f) in fingerprints:
        # Made of public facts only (jwtlint.scan.baseline.fingerprints): no hash of a secret.
        result["partialFingerprints"] = {"jwtlintFingerprint/v2": fingerprints[id(f)]}
    return result


def _region(origin: Any, f: Finding, parts: dict[str, tuple[int, int]] | None) -> dict[str, int] | None:
    if origin.line is None:
        return None
    region = {"startLine": origin.line, "startColumn": origin.column or 1}
    if parts and f.span and f.span.part in parts:
        start = parts[f.span.part][0]
        region["startColumn"] = (origin.column or 1) + start + f.span.start
        region["endColumn"] = (origin.column or 1) + start + max(f.span.end, f.span.start + 1)
    return region


def _fix(f: Finding, origin: Any, parts: dict[str, tuple[int, int]] | None) -> dict[str, Any] | None:
    """A text edit: a whole segment replaced by its corrected base64url.

    Only a ``fixed`` value that is the corrected segment itself (base64url, as
    long as the segment give or take its padding) is a text edit.
    """
    if f.fixed is None or f.sensitive or not parts or not f.span or f.span.part in ("token", "input"):
        return None
    if f.span.part not in parts or not _B64URL.fullmatch(f.fixed) or origin.line is None:
        return None
    a, b = parts[f.span.part]
    if abs(len(f.fixed) - (b - a)) > 3:  # not the corrected segment (a claim value, a signature of another size)
        return None
    col = origin.column or 1
    return {
        "description": {"text": f.fix or "replace the segment"},
        "artifactChanges": [
            {
                "artifactLocation": _artifact(origin.path),
                "replacements": [
                    {
                        "deletedRegion": {"startLine": origin.line, "startColumn": col + a, "endColumn": col + b},
                        "insertedContent": {"text": f.fixed},
                    }
                ],
            }
        ],
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative path is relative to %SRCROOT% (where jwtlint ran); an absolute one is a file: URI."""
    from pathlib import PurePath

    if PurePath(path).is_absolute():
        from pathlib import Path

        return {"uri": Path(path).as_uri()}
    return {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}


def _uri(path: str) -> str:
    from urllib.parse import quote

    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return quote(path, safe="/")
