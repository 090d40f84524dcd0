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
from typing import TYPE_CHECKING, Any

from ..algs import ECDSA_COORDINATE_BYTES, JWS_ALGS, nearest
from ..engine import Applicability
from ..options import Options
from ..token.b64 import b64url_encode
from .records import Change as Change, Repair as Repair, RepairError as RepairError  # re-exported: the public names of a repair

if TYPE_CHECKING:
    from ..pipeline import Prepared


#: The rules whose evidence and ``fixed`` values a repair reads (classes, not names).
def _repair_selection() -> tuple[str, ...]:
    from jwtlint.rules.signature import EcdsaDerSignature, SignatureLength  # type: ignore[import-not-found, unused-ignore]

    return (EcdsaDerSignature.name, SignatureLength.name, "transport", "structure")


def repair(text: str, *, key: Any = None, now: float | None = None, prepared: Prepared | None = None) -> list[Repair]:
    """Each token in ``text``, repaired. ``key``: a private key (any form ``lint`` takes) to sign
    again. ``prepared``: the pipeline's rules and context to read the token with (default: the
    rules a repair reads, at ``now``); its keys are not used."""
    from ..keys.resolve import resolve
    from ..pipeline import lint_text, prepare

    signer = None
    if key is not None:
        keys, _ = resolve(key)
        signer = next((k for k in keys if k.private), None)
        if signer is None:
            raise RepairError("the key given holds no private key (or HMAC secret): signing again needs one")
    if prepared is None:
        prepared = prepare(repair_options(now))
    report = lint_text(text, prepared, with_keys=False)
    tokens = [tr for tr in report.targets if tr.kind == "token"]
    if not tokens:
        raise RepairError("no token found in the input")
    serialized = [tr.target for tr in tokens if tr.target.serialization is not None]
    if not serialized:
        return [_repair_one(tr.target, tr.findings, signer) for tr in tokens]
    # A JWS JSON serialization (the whole paste is one object): the object back, repaired.
    from .jsonser import reassemble

    if signer is not None and len(serialized) > 1:
        raise RepairError(
            f"the JSON serialization holds {len(serialized)} signatures, each by its own signer: "
            "jwtlint fix --key signs one; repair without --key, then sign each again with its own key"
        )
    return [reassemble([(tr.target, _repair_one(tr.target, tr.findings, signer)) for tr in tokens])]


def repair_options(now: float | None = None) -> Options:
    """The options a token repair lints with: the transport, structure and signature-shape rules."""
    return Options.build(now=now, select=_repair_selection())


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
    # The protected header is what the first segment encodes; a JSON serialization's
    # unprotected members are not in it (and stay where they are).
    protected = t.header if t.serialization is None else (t.serialization.protected or {})
    if isinstance(alg, str) and alg not in JWS_ALGS and registered_spelling(alg) and protected.get("alg") == alg:
        # A misspelled alg ('rs256') is rejected by every verifier: use the name it means.
        header = dict(protected)
        header["alg"] = alg = registered_spelling(alg)
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
    names = _signature_rules()
    for f in findings:
        if f.name in names and f.fixed and f.applicability is Applicability.SAFE:
            return str(f.fixed)
    return b64url_encode(seg.b64.decoded) if seg.text else str(seg.text)


def _why(findings: tuple[Any, ...]) -> str:
    rules = _signature_rules()
    names = [f.name for f in findings if f.name in rules and f.fixed]
    return names[0] if names else "base64url without padding"


def _signature_rules() -> tuple[str, str]:
    from jwtlint.rules.signature import EcdsaDerSignature, SignatureLength  # type: ignore[import-not-found, unused-ignore]

    return (EcdsaDerSignature.name, SignatureLength.name)


def registered_spelling(alg: str) -> str | None:
    """The registered alg a misspelling means, when it differs only in case, ``_`` or spaces
    (``rs256`` -> ``RS256``); None otherwise (a real typo is not guessed at)."""
    if len(alg) > 32:
        return None
    near = nearest(alg, frozenset(JWS_ALGS))
    return near if near and near.casefold() == alg.casefold().replace("_", "").replace(" ", "") else None


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
    if spec.family == "HMAC":
        return hmac.digest(k.secret, data, {"HS256": "sha256", "HS384": "sha384", "HS512": "sha512"}[alg])
    if spec.family == "EdDSA":
        return bytes(k.crypto.sign(data))
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    digest = {32: hashes.SHA256(), 48: hashes.SHA384(), 64: hashes.SHA512()}[spec.hash_bytes or 32]
    if spec.family == "ECDSA":
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        r, s = decode_dss_signature(k.crypto.sign(data, ec.ECDSA(digest)))
        n = ECDSA_COORDINATE_BYTES[alg]
        return bytes(r.to_bytes(n, "big") + s.to_bytes(n, "big"))
    if spec.family == "RSA-PSS":
        return bytes(k.crypto.sign(data, padding.PSS(padding.MGF1(digest), digest.digest_size), digest))
    return bytes(k.crypto.sign(data, padding.PKCS1v15(), digest))


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


def run_fix(
    text: str, key_file: str | None, secret_file: str | None, diff: bool, echo: Any, now: float | None = None
) -> int:
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
        results = repair(text, key=key, now=now)
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
