"""Key material in, key targets out: PEM (any label, many blocks, chains), DER, bare base64, OpenSSH, JWK.

People hand a verifier whatever they have: a PEM file, the same PEM pasted
into an env var with literal ``\\n``, flattened onto one line, saved with CRLF,
the base64 between the armor lines (what Apex ``Crypto.sign`` wants), binary
DER, a certificate chain, an ``ssh-rsa`` line. This module reads all of it
leniently, records how the text is laid out (``PemLayout``) and what the bytes
really are (``DerEvidence``, via ``jwtlint.keys.der``), and loads each key with
cryptography into a ``KeyInfo``. It never raises on user input.

``parse_key_material`` is the entry point (VERIFY's ``--key``, SCAN's PEM
blocks, intake's ``check KEYFILE``); ``looks_like_key`` tells intake whether
an input is key material at all.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re
from typing import Any, Union

from .. import limits
from .der import der_evidence
from .info import KeyInfo, from_crypto, spki_sha256
from .model import DerEvidence, KeyBlock, KeyTarget, PemLayout
from ..model import JwksTarget, JwkTarget, Origin, Span

#: What key material parses into: a key file's target, or a JWK's or JWK Set's.
KeyMaterial = Union[KeyTarget, JwkTarget, JwksTarget]

_BEGIN = re.compile(r"(-{3,7}) ?BEGIN ([A-Z0-9][A-Z0-9 ]{0,63}?) ?(-{3,7})")
_END = re.compile(r"(-{3,7}) ?END ([A-Z0-9][A-Z0-9 ]{0,63}?) ?(-{3,7})")
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
_BARE_B64 = re.compile(r"[A-Za-z0-9+/=\s]+|(?:[A-Za-z0-9+/=]|\\[rn])+")
_SSH_LINE = re.compile(
    r"^[ \t]*((?:ssh-rsa|ssh-dss|ssh-ed25519|ssh-ed448|ecdsa-sha2-nistp(?:256|384|521)|sk-\S+)) +([A-Za-z0-9+/=]+)[^\r\n]*",
    re.M,
)
_PLAIN_BODY = re.compile(r"[A-Za-z0-9+/=\n]*")  # one class: no nested repeats to backtrack
_HEADER = re.compile(r"[A-Za-z][A-Za-z0-9-]*: ")
#: Structures whose base64 may be shown in a report: they hold only public material.
_PUBLIC_STRUCTURES = ("spki", "pkcs1-public", "certificate")


def looks_like_key(text: str) -> bool:
    """True when ``text`` is key material rather than a token: PEM armor, an OpenSSH key, bare base64 DER."""
    s = text.strip()
    if not s:
        return False
    if _armors(_BEGIN, "BEGIN ", s[:4096], 1) or _armors(_END, "END ", s[-4096:], 1):
        return True
    if _SSH_LINE.match(s) or s.startswith("LS0tLS1CRUdJTi"):  # ... or base64 of "-----BEGIN"
        return True
    # Bare base64 of DER starts with "MI" (SEQUENCE, long length) or "MC"/"MF"... and has no dots.
    return s[:1] == "M" and "." not in s and len(s) >= 60 and _BARE_B64.fullmatch(s) is not None


def is_binary_der(data: bytes) -> bool:
    """True for bytes that are DER, not text: a SEQUENCE tag and bytes no text file has."""
    return data[:1] == b"\x30" and any(b < 9 or 13 < b < 32 or b > 126 for b in data[:64])


def decode_input(data: bytes) -> str:
    """Input bytes as text: UTF-8 (with replacement), except binary DER, kept byte for byte as latin-1.

    The CLI and ``lint`` read bytes; decoding DER as UTF-8 would destroy it.
    ``key_targets`` recognises the latin-1 text and reads the bytes back.
    """
    return data.decode("latin-1") if is_binary_der(data) else data.decode("utf-8", "replace")


def key_targets(text: str, path: str | None = None) -> list[KeyMaterial] | None:
    """Intake's hook: the key targets in ``text`` when it is key material (PEM, DER, base64 DER,
    OpenSSH, JWK/JWKS), else None (the text is for the token intake)."""
    origin = Origin(path, 1, 1)
    if text[:1] == "\x30" and max(text[:64], default="\0") < "\u0100":
        data = text.encode("latin-1", "replace")
        if is_binary_der(data):
            return parse_key_material(data, origin)
    s = text.lstrip()
    if s[:1] in "{[":
        from .jwkparse import looks_like_jwk

        if looks_like_jwk(s):
            return parse_key_material(text, origin)
        if "-----BEGIN" not in s:  # a JSON token response and the like: the token intake reads it
            return None
        # JSON holding a PEM string (a Google service-account file): the PEM is read in place.
    return parse_key_material(text, origin) if looks_like_key(text) else None


def outside_pem(text: str, targets: list[KeyMaterial]) -> str | None:
    """``text`` with its PEM blocks blanked (same length, line breaks kept), for the tokens around them;
    None when the key material is not PEM (DER, base64, OpenSSH and JWK inputs hold nothing else)."""
    spans = [b.span for t in targets if isinstance(t, KeyTarget) and t.form == "pem" for b in t.blocks]
    if not spans:
        return None
    out, pos = [], 0
    for span in sorted(spans):
        out += [text[pos : span.start], re.sub(r"[^\n]", " ", text[span.start : span.end])]
        pos = max(pos, span.end)
    out.append(text[pos:])
    return "".join(out)


def parse_key_material(data: str | bytes, origin: Origin | None = None) -> list[KeyMaterial]:
    """Every key in ``data``, as targets (``KeyTarget``; JWK/JWKS targets from ``jwtlint.keys.jwkparse``).

    Each target has ``kind``, ``origin`` and ``keys`` (``KeyInfo``s, the
    usable keys). Nothing found is one ``KeyTarget`` with ``problem`` set.
    Never raises on user input.
    """
    origin = origin or Origin()
    if isinstance(data, (bytes, bytearray)):
        data = bytes(data)
        if len(data) > limits.MAX_INPUT_CHARS:
            return [KeyTarget("", origin, "unknown", (), too_large=len(data), binary=True, size=len(data))]
        if is_binary_der(data):
            return [_der_target(data, origin)]
        data = data.decode("utf-8", "replace")
    if not isinstance(data, str):
        raise TypeError(f"key material is str or bytes, not {type(data).__name__}")
    text = data
    if len(text) > limits.MAX_INPUT_CHARS:
        return [KeyTarget("", origin, "unknown", (), too_large=len(text), size=len(text))]
    s = text.strip()
    if not s:
        return [KeyTarget(text, origin, "unknown", (), problem="empty", size=len(text))]
    if s[0] in "{[" and ('"kty"' in s or '"keys"' in s):
        return _jwk_targets(text, origin)
    if _armors(_BEGIN, "BEGIN ", text, 1) or _armors(_END, "END ", text, 1):
        return [_pem_target(text, origin)]
    if _SSH_LINE.search(text):
        return [_ssh_target(text, origin)]
    if _BARE_B64.fullmatch(s):
        return [_base64_target(text, origin)]
    return [KeyTarget(_mask_all(text), origin, "unknown", (), problem="not-key", size=len(text))]


def _jwk_targets(text: str, origin: Origin) -> list[KeyMaterial]:
    """JSON goes to the JWK parser (``jwtlint.keys.jwkparse``)."""
    from .jwkparse import parse_jwk_material

    return list(parse_jwk_material(text, origin))  # always a target: JSON that is no JWK draws jwk-invalid


# --- PEM -------------------------------------------------------------------


def _armors(rx: re.Pattern[str], word: str, text: str, limit: int) -> list[re.Match[str]]:
    """Up to ``limit`` armor lines, found by ``str.find`` on the word and matched where it sits.

    A regex search over text full of dashes retries at every dash (seconds for
    1 MiB of them); finding the word first keeps the work linear.
    """
    found: list[re.Match[str]] = []
    pos = 0
    while len(found) < limit:
        i = text.find(word, pos)
        if i == -1:
            break
        j = i - 1 if i > 0 and text[i - 1] == " " else i
        k = j
        while k > 0 and j - k < 7 and text[k - 1] == "-":
            k -= 1
        m = rx.match(text, k) if k < i else None
        if m is not None and (not found or m.start() >= found[-1].end()):
            found.append(m)
            pos = m.end()
        else:
            pos = i + 1
    return found


def _pem_target(text: str, origin: Origin) -> KeyTarget:
    limit = 2 * limits.MAX_KEY_BLOCKS + 1
    begins, ends = _armors(_BEGIN, "BEGIN ", text, limit), _armors(_END, "END ", text, limit)
    blocks: list[KeyBlock] = []
    pos = bi = ei = 0
    while len(blocks) < limits.MAX_KEY_BLOCKS:
        while bi < len(begins) and begins[bi].start() < pos:
            bi += 1
        while ei < len(ends) and ends[ei].start() < pos:
            ei += 1
        b = begins[bi] if bi < len(begins) else None
        e = ends[ei] if ei < len(ends) else None
        if b is None and e is None:
            break
        if e is not None and (b is None or e.start() < b.start()):
            # An END with no BEGIN before it: the start of the block was lost.
            layout = PemLayout(e.group(2), e.group(2), Span("input", e.start(), e.start()), Span("input", e.start(), e.end()),
                               Span("input", pos, e.start()), dashes=(0, len(e.group(1))))  # fmt: skip
            blocks.append(KeyBlock(len(blocks), "pem", Span("input", pos, e.end()), pem=layout, load_error="no BEGIN line"))
            pos = e.end()
            continue
        assert b is not None  # both None broke the loop; an END alone was read above
        nxt = begins[bi + 1] if bi + 1 < len(begins) else None
        if e is not None and (nxt is None or e.start() < nxt.start()):
            end_match = e
            body_end = max(e.start(), b.end())  # "-----BEGIN X-----END X-----": the dashes are shared
        else:
            end_match = None
            body_end = nxt.start() if nxt else len(text)
        blocks.append(_pem_block(text, len(blocks), b, end_match, body_end))
        pos = end_match.end() if end_match else body_end
    keys = tuple(bl.key for bl in blocks if bl.key is not None)
    skipped = 0
    if len(blocks) >= limits.MAX_KEY_BLOCKS:  # count what was left unread, so the report can say so
        skipped = text.count("-----BEGIN", pos)
    return KeyTarget(_mask(text, blocks), origin, "pem", tuple(blocks), keys, size=len(text), skipped=skipped)


def _pem_block(text: str, index: int, b: re.Match[str], e: re.Match[str] | None, body_end: int) -> KeyBlock:
    label = b.group(2)
    body_start = b.end()
    layout = _layout(text, body_start, body_end)
    layout = layout._replace(
        label=label,
        end_label=e.group(2) if e else None,
        begin=Span("input", b.start(), b.end()),
        end=Span("input", e.start(), e.end()) if e else None,
        dashes=(min(len(b.group(1)), len(b.group(3))) if len(b.group(1)) == len(b.group(3)) else -1,
                (len(e.group(1)) if len(e.group(1)) == len(e.group(3)) else -1) if e else 0),
    )  # fmt: skip
    span = Span("input", b.start(), e.end() if e else body_end)
    raw = text[span.start : span.end].encode("utf-8", "replace")
    block = KeyBlock(index, "pem", span, pem=layout)
    if layout.too_large:
        return block._replace(load_error=f"the body is over {limits.MAX_PEM_BODY_CHARS:,} characters")
    if any("ENCRYPTED" in h.upper() for h in layout.headers):
        return block._replace(encrypted=True, load_error="encrypted with a passphrase (Proc-Type: 4,ENCRYPTED)")
    der = _b64decode(layout.base64)
    if label == "OPENSSH PRIVATE KEY":
        return _openssh_private(block, der, raw)
    return _with_key(block, der, raw, source="pem")


def _layout(text: str, start: int, end: int) -> PemLayout:
    """Walk a PEM body character by character, recording how it is written."""
    if end - start > limits.MAX_PEM_BODY_CHARS:
        return PemLayout("", None, Span("input", 0, 0), None, Span("input", start, end), too_large=True)
    if _PLAIN_BODY.fullmatch(text, start, end):  # the usual layout: base64 lines and LF, read at C speed
        body = text[start:end].replace("\n", "")
        return PemLayout("", None, Span("input", 0, 0), None, Span("input", start, end),
                         base64=body, base64_bad=not _strict_ok(body), newlines=text.count("\n", start, end))  # fmt: skip
    crlf: list[int] = []
    escaped: list[int] = []
    spaces: list[int] = []
    illegal: list[tuple[int, str]] = []
    headers: list[str] = []
    chars: list[str] = []
    newlines = 0
    at_line_start = False
    i = start
    while i < end:
        c = text[i]
        if c == "\r" and text.startswith("\n", i + 1):
            crlf.append(i)
            i += 1
            c = "\n"
        if c == "\n" or (c == "\\" and text[i + 1 : i + 2] in ("n", "r")):
            if c == "\\":
                escaped.append(i)
                i += 2 if not text.startswith("\\r\\n", i) else 4
            else:
                newlines += 1
                i += 1
            at_line_start = True
            if c == "\n" or escaped:  # an RFC 1421 header runs to the end of its line
                m = _HEADER.match(text, i)
                if m and m.end() <= end:
                    stop = _line_end(text, m.end(), end)
                    headers.append(text[i:stop])
                    i = stop
            continue
        if c in " \t":
            if not at_line_start:  # an indent is layout; a space inside a line is where a newline was
                spaces.append(i)
            i += 1
            continue
        at_line_start = False
        if c in _B64_CHARS:
            chars.append(c)
        else:
            illegal.append((i, c))
        i += 1
    body = "".join(chars)
    return PemLayout(
        "", None, Span("input", 0, 0), None, Span("input", start, end),
        crlf=tuple(crlf), escaped_newlines=tuple(escaped), spaces=tuple(spaces),
        illegal=tuple(illegal[:100]), headers=tuple(headers), base64=body, base64_bad=not _strict_ok(body), newlines=newlines,
    )  # fmt: skip


def _line_end(text: str, pos: int, end: int) -> int:
    nl = text.find("\n", pos, end)
    esc = text.find("\\n", pos, end)
    cands = [x for x in (nl, esc) if x != -1]
    stop = min(cands) if cands else end
    return stop - 1 if stop > 0 and text[stop - 1] == "\r" else stop


def _strict_ok(body: str) -> bool:
    # base64.b64decode(validate=True) rather than a2b_base64(strict_mode=True),
    # which only exists from Python 3.11; "=" must still only end the body.
    try:
        base64.b64decode(body.encode("ascii"), validate=True)
        return "=" not in body.rstrip("=")
    except (binascii.Error, ValueError):
        return False


def _b64decode(body: str) -> bytes:
    """Lenient: '=' anywhere but the end and a dangling character are dropped, padding added."""
    data = body.replace("=", "")
    if len(data) % 4 == 1:
        data = data[:-1]
    try:
        return binascii.a2b_base64((data + "=" * (-len(data) % 4)).encode("ascii"))
    except (binascii.Error, ValueError):
        return b""


# --- DER, bare base64, OpenSSH ------------------------------------------------


def _der_target(data: bytes, origin: Origin) -> KeyTarget:
    block = _with_key(KeyBlock(0, "der", Span("der[0]", 0, len(data))), data, data, source="der")
    return KeyTarget("", origin, "der", (block,), (block.key,) if block.key else (), binary=True, size=len(data))


def _base64_target(text: str, origin: Origin) -> KeyTarget:
    s = text.strip()
    lead = len(text) - len(text.lstrip())
    span = Span("input", lead, lead + len(s))
    body = re.sub(r"\s+|\\[rn]", "", s)
    raw = _b64decode(body)
    if raw.lstrip()[:10] == b"-----BEGIN":
        # base64 of a whole PEM file (a CI secret made with `base64 key.pem`): read the PEM inside.
        inner = _pem_target(raw.decode("utf-8", "replace"), origin)
        blocks = tuple(bl._replace(form="base64-pem", span=span) for bl in inner.blocks)
        return KeyTarget(_mask_all(text), origin, "base64-pem", blocks, inner.keys, size=len(text))
    layout = _layout(text, span.start, span.end)._replace(begin=span, body=span)
    block = _with_key(KeyBlock(0, "base64-der", span, pem=layout), raw, s.encode("ascii", "replace"), source="base64-der")
    if block.der and block.der.problem and not block.key:
        return KeyTarget(_mask_all(text), origin, "unknown", (block,), problem="not-key", size=len(text))
    return KeyTarget(_mask(text, [block]), origin, "base64-der", (block,), (block.key,) if block.key else (), size=len(text))


def _ssh_target(text: str, origin: Origin) -> KeyTarget:
    from cryptography.hazmat.primitives import serialization

    blocks: list[KeyBlock] = []
    for m in itertools.islice(_SSH_LINE.finditer(text), limits.MAX_KEY_BLOCKS):
        line = m.group(0).strip()
        block = KeyBlock(len(blocks), "openssh", Span("input", m.start(), m.end()))
        too_big = _ssh_too_big([_b64decode(m.group(2))])
        if too_big:
            blocks.append(block._replace(load_error=too_big))
            continue
        try:
            obj = serialization.load_ssh_public_key(line.encode("ascii", "replace"))
        except Exception as exc:  # cryptography refuses unsupported or corrupt keys in several ways
            blocks.append(block._replace(load_error=_why(exc)))
            continue
        key = from_crypto(obj, source="openssh", raw=line.encode(), index=block.index)
        blocks.append(block._replace(key=key, spki_sha256=spki_fingerprint(key)))
    keys = tuple(b.key for b in blocks if b.key is not None)
    return KeyTarget(text, origin, "openssh", tuple(blocks), keys, size=len(text))


def _openssh_private(block: KeyBlock, body: bytes, raw: bytes) -> KeyBlock:
    """An OpenSSH private key (openssh-key-v1 inside PEM armor, not DER): loaded from a clean
    re-wrap of its base64, so layout mistakes are reported by the layout rules, not here."""
    from cryptography.hazmat.primitives import serialization

    too_big = _ssh_too_big(_openssh_public_blobs(body))
    if too_big:  # checked before cryptography loads it (and checks a private key: minutes on a huge one)
        return block._replace(load_error=too_big)
    b64 = block.pem.base64 if block.pem is not None else ""
    clean = "\n".join(["-----BEGIN OPENSSH PRIVATE KEY-----", *(b64[i : i + 70] for i in range(0, len(b64), 70)),
                       "-----END OPENSSH PRIVATE KEY-----", ""])  # fmt: skip
    try:
        obj = serialization.load_ssh_private_key(clean.encode("ascii"), password=None)
    except TypeError:
        return block._replace(encrypted=True, load_error="encrypted with a passphrase")
    except Exception as exc:
        return block._replace(load_error=_why(exc))
    key = from_crypto(obj, source="openssh", raw=raw, index=block.index)
    return block._replace(key=key, spki_sha256=spki_fingerprint(key))


def _ssh_string(buf: bytes, i: int) -> tuple[bytes, int]:
    """The SSH wire-format string at ``i`` (a 4-byte length, then the bytes), and where the next starts."""
    if i + 4 > len(buf):
        raise ValueError("truncated")
    j = i + 4 + int.from_bytes(buf[i : i + 4], "big")
    if j > len(buf):
        raise ValueError("truncated")
    return buf[i + 4 : j], j


def _openssh_public_blobs(body: bytes) -> list[bytes]:
    """The public key blobs an openssh-key-v1 body lists before its (maybe encrypted) private part."""
    magic = b"openssh-key-v1\0"
    if not body.startswith(magic):
        return []
    try:
        i = len(magic)
        for _ in range(3):  # cipher name, KDF name, KDF options
            _, i = _ssh_string(body, i)
        if i + 4 > len(body):
            return []
        count = int.from_bytes(body[i : i + 4], "big")
        i += 4
        blobs = []
        for _ in range(min(count, limits.MAX_KEY_BLOCKS)):
            blob, i = _ssh_string(body, i)
            blobs.append(blob)
        return blobs
    except ValueError:
        return []


def _ssh_too_big(blobs: list[bytes]) -> str | None:
    """Why an OpenSSH key is not loaded: an RSA modulus over ``limits.MAX_RSA_BITS`` (the PEM and
    DER paths check the same limit from the DER); None when every blob is within it."""
    for blob in blobs:
        try:
            name, i = _ssh_string(blob, 0)
            if name != b"ssh-rsa":
                continue
            _, i = _ssh_string(blob, i)  # e
            n, _ = _ssh_string(blob, i)
        except ValueError:
            continue
        n = n.lstrip(b"\0")
        bits = (len(n) - 1) * 8 + n[0].bit_length() if n else 0
        if bits > limits.MAX_RSA_BITS:
            return f"an RSA modulus of {bits:,} bits (jwtlint loads at most {limits.MAX_RSA_BITS:,})"
    return None


# --- loading keys -------------------------------------------------------------------


def _with_key(block: KeyBlock, der: bytes, raw: bytes, source: str) -> KeyBlock:
    """Record what ``der`` is and load the key it holds, within the limits."""
    ev = der_evidence(der)
    block = block._replace(der=ev)
    if ev.problem:
        return block._replace(load_error=ev.detail or ev.problem)
    if ev.structure == "encrypted-pkcs8":
        return block._replace(encrypted=True, load_error="encrypted with a passphrase (EncryptedPrivateKeyInfo)")
    if ev.rsa_bits and ev.rsa_bits > limits.MAX_RSA_BITS:
        return block._replace(load_error=f"an RSA modulus of {ev.rsa_bits:,} bits (jwtlint loads at most {limits.MAX_RSA_BITS:,})")
    try:
        obj = _load(ev, der)
    except Exception as exc:  # cryptography refuses invalid keys with ValueError, TypeError, UnsupportedAlgorithm...
        return block._replace(load_error=_why(exc))
    if obj is None:
        return block._replace(load_error="not a key structure")
    src = "certificate" if ev.structure == "certificate" else source
    key = from_crypto(obj, source=src, raw=raw, index=block.index)
    return block._replace(key=key, spki_sha256=spki_fingerprint(key))


def _load(ev: DerEvidence, der: bytes) -> Any:
    from cryptography.hazmat.primitives import serialization

    if ev.private:
        # The RSA consistency check costs ~50 ms per key; a linter reads keys, it does not vouch for them.
        return serialization.load_der_private_key(der, password=None, unsafe_skip_rsa_key_validation=True)
    if ev.structure in ("spki", "pkcs1-public"):
        return serialization.load_der_public_key(der)
    if ev.structure == "certificate":
        from cryptography import x509  # ~20 ms to import (it pulls in email.utils): only for a certificate

        return x509.load_der_x509_certificate(der).public_key()
    return None


def _why(exc: Exception) -> str:
    """A secret-free reason: the exception type and cryptography's first sentence (it never quotes key bytes)."""
    msg = str(exc).split(".")[0].split("\n")[0][:120]
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def spki_fingerprint(key: KeyInfo) -> str | None:
    """Hex SHA-256 of the public key's SubjectPublicKeyInfo DER (what known-sample-key compares).

    Recorded on the ``KeyInfo`` when it is made (``from_crypto``); worked out here
    only for a ``KeyInfo`` built by hand without it.
    """
    if key.fingerprint is not None or key.crypto is None:
        return key.fingerprint
    return spki_sha256(key.public)


# --- masking ------------------------------------------------------------------------


def _mask(text: str, blocks: list[KeyBlock] | tuple[KeyBlock, ...]) -> str:
    """``text`` with the base64 of every block not known to be public replaced by '*'."""
    ranges = []
    for bl in blocks:
        if bl.der is not None and bl.der.structure in _PUBLIC_STRUCTURES and not bl.der.problem:
            continue
        ranges.append((bl.pem.body.start, bl.pem.body.end) if bl.pem else (bl.span.start, bl.span.end))
    out, pos = [], 0
    for lo, hi in sorted(ranges):
        lo = max(lo, pos)
        if hi <= lo:
            continue
        out += [text[pos:lo], _mask_all(text[lo:hi])]
        pos = hi
    out.append(text[pos:])
    return "".join(out)


_STARS = str.maketrans({c: "*" for c in _B64_CHARS})
_ESCAPE = re.compile(r"\\[nr]")


def _mask_all(text: str) -> str:
    """Star every base64 character, keeping ``\\n`` / ``\\r`` escapes readable (linear: no per-character Python)."""
    masked = text.translate(_STARS)
    if "\\" not in text:
        return masked
    chars = list(masked)
    for m in _ESCAPE.finditer(text):
        chars[m.start() + 1] = text[m.start() + 1]
    return "".join(chars)
