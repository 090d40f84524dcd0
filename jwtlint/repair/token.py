"""``jwtlint fix``: the corrected token, re-signed when a private key is given.

What it repairs, from the evidence the parser recorded and the ``fixed``
values the rules produce:

- wrappers (``Bearer``, quotes, form fields, URLs) and whitespace are dropped;
- a misspelled ``alg`` (``rs256``) is spelled as registered;
- header and payload are re-encoded as base64url without padding;
- ``exp``/``nbf``/``iat`` in milliseconds, microseconds, nanoseconds, .NET
  ticks or as numeric strings become NumericDate seconds;
- a DER ECDSA signature becomes R||S; a hex or twice-base64 signature becomes
  the raw bytes; a padded or standard-base64 signature segment is respelled.

Re-encoding header or payload changes the signed bytes. With a private key
(``key=``) the token is signed again with the header's ``alg`` and checked to
verify; without one, ``Repair.breaks_signature`` says the old signature no
longer fits and ``notes`` say why.
"""

from __future__ import annotations

import hmac
import json
from typing import Any, NamedTuple

from ..algs import ECDSA_COORDINATE_BYTES, JWS_ALGS
from ..token.b64 import b64url_encode
from ..engine import Applicability


class Change(NamedTuple):
    """One difference between the token given and the token printed."""

    part: str  # "input", "header", "payload", "signature"
    what: str  # the claim or parameter name, or "encoding"
    before: str
    after: str


class Repair(NamedTuple):
    token: str  # the corrected token
    changes: tuple[Change, ...]
    notes: tuple[str, ...]  # what was done or could not be done, one sentence each
    breaks_signature: bool  # the printed signature no longer covers header.payload
    resigned: bool


class RepairError(ValueError):
    """The token cannot be repaired as asked (no token, a key that cannot sign its alg...)."""


def repair(text: str, *, key: Any = None, now: float | None = None) -> list[Repair]:
    """Each token in ``text``, repaired. ``key``: a private key (any form ``lint`` takes) to sign again."""
    from ..api import lint
    from ..keys.resolve import resolve

    signer = None
    if key is not None:
        keys, _ = resolve(key)
        signer = next((k for k in keys if k.private), None)
        if signer is None:
            raise RepairError("the key given holds no private key (or HMAC secret): signing again needs one")
    report = lint(text, now=now, select=["ecdsa-der-signature", "signature-length", "transport", "structure"])
    out = [_repair_one(tr.target, tr.findings, signer) for tr in report.targets if tr.kind == "token"]
    if not out:
        raise RepairError("no token found in the input")
    return out


def _repair_one(t: Any, findings: tuple[Any, ...], signer: Any) -> Repair:
    if t.form != "jws" or len(t.segments) != 3:
        raise RepairError(f"only a JWS with 3 segments can be repaired; this token is {t.form}")
    head, body, sig_seg = t.segments
    changes: list[Change] = []
    notes: list[str] = []
    if t.wrappers:
        notes.append("removed " + ", ".join(w.kind for w in t.wrappers))
    if t.whitespace:
        notes.append(f"removed {len(t.whitespace)} whitespace character(s)")

    if t.payload_unencoded:
        raise RepairError("the payload is unencoded (RFC 7797 b64:false): jwtlint fix does not rewrite such tokens")
    header_bytes, alg = head.b64.decoded, t.alg
    from ..token.verify import _registered

    if isinstance(alg, str) and alg not in JWS_ALGS and _registered(alg):
        # A misspelled alg ('rs256') is rejected by every verifier: use the name it means.
        header = dict(t.header)
        header["alg"] = alg = _registered(alg)
        header_bytes = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        changes.append(Change("header", "alg", json.dumps(t.alg), json.dumps(alg)))
        notes.append(f"alg {t.alg!r} spelled as registered: {alg}")
    payload_bytes = body.b64.decoded
    times = _seconds(t)
    if times:
        payload = dict(t.payload)
        for name, (before, after) in times.items():
            payload[name] = after
            changes.append(Change("payload", name, json.dumps(before), str(after)))
        payload_bytes = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        notes.append("times in seconds: " + ", ".join(times))
    new_head, new_body = b64url_encode(header_bytes), b64url_encode(payload_bytes)
    for seg, new, rewritten in ((head, new_head, alg != t.alg), (body, new_body, bool(times))):
        if seg.text != new and not rewritten:
            changes.append(Change(seg.role, "encoding", _short(seg.text), _short(new)))
    if new_head != head.text or new_body != body.text:
        notes.append("header/payload re-encoded as base64url without padding")
    signing_input = f"{new_head}.{new_body}"
    breaks = signing_input != t.text[: sig_seg.start - 1]

    signature = _fixed_signature(sig_seg, findings)
    if signature != sig_seg.text:
        changes.append(Change("signature", "encoding", f"{len(sig_seg.text)} characters", f"{len(signature)} characters"))
        notes.append("signature converted (" + _why(findings) + ")")

    if signer is not None:
        signature = b64url_encode(sign(signer, alg, signing_input.encode("ascii")))
        notes.append(f"signed again with {alg} and the key given")
        return Repair(f"{signing_input}.{signature}", tuple(changes), tuple(notes), False, True)
    if breaks:
        notes.append("the signature no longer covers header.payload: sign again (jwtlint fix --key PRIVATE_KEY)")
    return Repair(f"{signing_input}.{signature}", tuple(changes), tuple(notes), breaks, False)


def _seconds(t: Any) -> dict[str, tuple[Any, int]]:
    """Time claims not in whole seconds, with their value in seconds (the parser's reading)."""
    out = {}
    for name, tc in t.times.items():
        if tc.whole_seconds is None:
            continue
        if tc.unit != "s" or tc.problem == "string":
            out[name] = (tc.raw, int(tc.whole_seconds))
    return out


def _fixed_signature(seg: Any, findings: tuple[Any, ...]) -> str:
    """The signature segment as the signature rules correct it (SAFE fixes only), else respelled."""
    for f in findings:
        if f.name in ("ecdsa-der-signature", "signature-length") and f.fixed and f.applicability is Applicability.SAFE:
            return f.fixed
    return b64url_encode(seg.b64.decoded) if seg.text else seg.text


def _why(findings: tuple[Any, ...]) -> str:
    names = [f.name for f in findings if f.name in ("ecdsa-der-signature", "signature-length") and f.fixed]
    return names[0] if names else "base64url without padding"


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:10]}...{text[-10:]} ({len(text)} characters)"


def sign(k: Any, alg: Any, data: bytes) -> bytes:
    """A JOSE signature of ``data`` with private key ``k`` (a KeyInfo) for ``alg``."""
    spec = JWS_ALGS.get(alg) if isinstance(alg, str) else None
    if spec is None or spec.family in ("none", "ML-DSA"):
        raise RepairError(f"cannot sign for alg {alg!r}: set alg to a registered signing algorithm first")
    need = {"HMAC": "oct", "RSA": "RSA", "RSA-PSS": "RSA", "ECDSA": "EC", "EdDSA": "OKP"}[spec.family]
    if k.kty != need or (spec.curve and k.curve != spec.curve and spec.family == "ECDSA"):
        raise RepairError(f"the key given ({k.describe()}) cannot sign {alg}; use the key alg names, or change alg")
    from ..token.verify import _params

    if spec.family == "HMAC":
        return hmac.digest(k.secret, data, {"HS256": "sha256", "HS384": "sha384", "HS512": "sha512"}[alg])
    if spec.family == "EdDSA":
        return k.crypto.sign(data)
    params = _params(alg)
    if spec.family == "ECDSA":
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        r, s = decode_dss_signature(k.crypto.sign(data, params[0]))
        n = ECDSA_COORDINATE_BYTES[alg]
        return r.to_bytes(n, "big") + s.to_bytes(n, "big")
    return k.crypto.sign(data, params[0], params[1])


def diff_lines(before: Any, repaired: Repair) -> list[str]:
    """``--diff``: what changed, claim by claim (signatures by length only)."""
    lines = []
    for c in repaired.changes:
        lines.append(f"  {c.part} {c.what}:")
        lines.append(f"-   {c.before}")
        lines.append(f"+   {c.after}")
    if repaired.resigned:
        lines.append("  signature: signed again with the key given")
    elif repaired.breaks_signature:
        lines.append("  signature: unchanged, and no longer valid for the new header.payload")
    return lines or ["  (nothing to change)"]


def run_fix(text: str, key_file: str | None, secret_file: str | None, diff: bool, echo: Any) -> int:
    """The body of ``jwtlint fix``: corrected tokens on stdout, notes (and the diff) on stderr.

    Exit code 0 when every printed token is whole (nothing to sign again), 1 when a
    signature no longer fits and no key was given. Raises RepairError for bad usage.
    """
    import os
    from pathlib import Path

    key: Any = None
    for option, value in (("--key", key_file), ("--secret-file", secret_file)):
        if value is not None and not os.path.isfile(value):
            raise RepairError(f"{option} {value}: no such file")
    if key_file:
        key = Path(key_file)
    elif secret_file:
        from ..keys.info import from_secret
        from ..keys.resolve import read_secret

        try:
            key = from_secret(read_secret(Path(secret_file)))
        except OSError as exc:
            raise RepairError(f"cannot read the secret: {exc.strerror or exc}") from None
    try:
        results = repair(text, key=key)
    except OSError as exc:
        raise RepairError(f"cannot read the key: {exc.strerror or exc}") from None
    broken = False
    for r in results:
        echo(r.token)
        for note in r.notes:
            echo(f"jwtlint fix: {note}", err=True)
        if diff:
            echo("\n".join(diff_lines(None, r)), err=True)
        broken = broken or r.breaks_signature
    return 1 if broken else 0
