"""What a key target is, in a few secret-free lines for the text report and ``decode``.

"PEM block 1 ('RSA PRIVATE KEY'): RSA 2048-bit private key, PKCS#1 RSAPrivateKey" —
the form, the label, what the bytes really are, a certificate's subject and
validity, and the public key's SHA-256 fingerprint (public, safe to show).
Never key material.
"""

from __future__ import annotations

from ..keys.der import STRUCTURE_NAMES
from ..keys.model import KeyBlock, KeyTarget
from ..timefmt import iso

_FORMS = {
    "pem": "PEM block", "der": "DER", "base64-der": "base64 DER", "base64-pem": "base64 of a PEM file",
    "openssh": "OpenSSH key",
}  # fmt: skip


def describe(t: KeyTarget) -> list[str]:
    if t.too_large:
        return [f"key material of {t.too_large:,} characters (not read)"]
    if not t.blocks:
        return ["no key found" if t.problem != "empty" else "empty input"]
    return [_block(b, len(t.blocks) > 1) for b in t.blocks]


def _block(b: KeyBlock, numbered: bool) -> str:
    head = _FORMS.get(b.form, b.form) + (f" {b.index + 1}" if numbered or b.form == "pem" else "")
    if b.pem is not None and b.pem.label and b.form in ("pem", "base64-pem"):
        head += f" ('{b.pem.label}')"
    parts = []
    if b.key is not None:
        parts.append(b.key.describe())
    elif b.encrypted:
        parts.append("encrypted private key")
    if b.der is not None and not b.der.problem:
        what = STRUCTURE_NAMES.get(b.der.structure, b.der.structure)
        if b.der.structure == "certificate":
            subject = f" for {b.der.subject!r}" if b.der.subject else ""
            what += f"{subject}, valid {iso(b.der.not_before)} to {iso(b.der.not_after)}"
        parts.append(what)
    if b.key is None and b.load_error and not b.encrypted:
        parts.append(f"not loaded: {b.load_error}")
    line = f"{head}: {', '.join(parts) or 'unreadable'}"
    if b.spki_sha256:
        line += f"\n    public key SHA-256 {b.spki_sha256}"
    return line
