"""What DER bytes really hold, read with pyasn1, independent of any PEM label.

A PEM label is a claim; the bytes are the truth. ``der_evidence`` first walks
the TLV structure itself (bounded: length, depth, node count, truncation),
then decodes with pyasn1 (no schema) and recognises the structure by its
shape: PKCS#1 RSAPrivateKey, PKCS#8 PrivateKeyInfo, EncryptedPrivateKeyInfo,
SEC1 ECPrivateKey, SubjectPublicKeyInfo, PKCS#1 RSAPublicKey, Certificate.
Never raises on its input.
"""

from __future__ import annotations

import calendar
from typing import Any

from .. import limits
from .model import DerEvidence

#: Algorithm OIDs worth naming (RFC 8017, RFC 5480, RFC 8410, RFC 8018).
OIDS = {
    "1.2.840.113549.1.1.1": "rsaEncryption",
    "1.2.840.113549.1.1.10": "RSASSA-PSS",
    "1.2.840.10045.2.1": "id-ecPublicKey",
    "1.3.101.112": "Ed25519",
    "1.3.101.113": "Ed448",
    "1.3.101.110": "X25519",
    "1.3.101.111": "X448",
    "1.2.840.113549.1.5.13": "PBES2",
    "1.2.840.113549.1.12.1.3": "pbeWithSHAAnd3-KeyTripleDES-CBC",
    "1.2.840.10040.4.1": "DSA",
}

#: Human names of the structures, as the rules and the text report say them.
STRUCTURE_NAMES = {
    "pkcs1-private": "PKCS#1 RSAPrivateKey",
    "pkcs8-private": "PKCS#8 PrivateKeyInfo",
    "encrypted-pkcs8": "PKCS#8 EncryptedPrivateKeyInfo",
    "sec1-private": "SEC1 ECPrivateKey",
    "spki": "SubjectPublicKeyInfo",
    "pkcs1-public": "PKCS#1 RSAPublicKey",
    "certificate": "X.509 Certificate",
    "unknown": "DER of no known key structure",
}

#: PEM labels that fit each structure (RFC 7468, RFC 8017, RFC 5915).
LABELS = {
    "pkcs1-private": ("RSA PRIVATE KEY",),
    "pkcs8-private": ("PRIVATE KEY",),
    "encrypted-pkcs8": ("ENCRYPTED PRIVATE KEY",),
    "sec1-private": ("EC PRIVATE KEY",),
    "spki": ("PUBLIC KEY",),
    "pkcs1-public": ("RSA PUBLIC KEY",),
    "certificate": ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"),
}


def scan_tlv(data: bytes) -> tuple[str | None, str, int]:
    """Walk the DER TLV structure without decoding values.

    Returns ``(problem, detail, offset)``: problem is None when the bytes are
    one well-formed DER element, else ``empty``, ``too-long``, ``truncated``,
    ``too-deep``, ``indefinite-length``, ``too-many-nodes``, ``trailing-data``
    or ``bad-length``. Iterative, so hostile nesting costs no recursion.
    """
    if not data:
        return "empty", "no bytes", 0
    if len(data) > limits.MAX_DER_BYTES:
        return "too-long", f"{len(data):,} bytes; jwtlint reads at most {limits.MAX_DER_BYTES:,}", 0
    ends = [len(data)]  # end offsets of the open constructed elements
    pos = nodes = 0
    while pos < len(data) or len(ends) > 1:
        while len(ends) > 1 and pos >= ends[-1]:
            ends.pop()
        if pos >= len(data):
            break
        nodes += 1
        if nodes > limits.MAX_DER_NODES:
            return "too-many-nodes", f"more than {limits.MAX_DER_NODES:,} elements", pos
        start = pos
        tag = data[pos]
        pos += 1
        if tag & 0x1F == 0x1F:  # high tag number: base-128 bytes until one without the top bit
            while pos < len(data) and data[pos] & 0x80 and pos - start < 5:
                pos += 1
            pos += 1
        if pos >= len(data):
            return "truncated", f"the element at byte {start} has no length", start
        first = data[pos]
        pos += 1
        if first == 0x80:
            return "indefinite-length", f"the element at byte {start} has an indefinite (BER) length", start
        if first & 0x80:
            count = first & 0x7F
            if count > 4 or pos + count > len(data):
                return ("bad-length" if count > 4 else "truncated"), f"the length at byte {start} is cut or too large", start
            length = int.from_bytes(data[pos : pos + count], "big")
            pos += count
        else:
            length = first
        end = pos + length
        if end > ends[-1]:
            where = "the input" if len(ends) == 1 else "its parent"
            return "truncated", f"the element at byte {start} claims {length:,} bytes but {where} ends {end - ends[-1]:,} bytes sooner", start
        if len(ends) == 1 and end < len(data):
            return "trailing-data", f"{len(data) - end:,} bytes follow the DER structure", end
        if tag & 0x20:  # constructed: its content is more elements
            if len(ends) > limits.MAX_DER_DEPTH:
                return "too-deep", f"elements nest more than {limits.MAX_DER_DEPTH} levels deep", start
            ends.append(end)
        else:
            pos = end
    return None, "", 0


def der_evidence(data: bytes) -> DerEvidence:
    """What ``data`` is, as far as its bytes tell. Never raises."""
    problem, detail, offset = scan_tlv(data)
    if problem:
        return DerEvidence("unknown", len(data), problem=problem, detail=detail, offset=offset)
    try:
        from pyasn1.codec.der import decoder

        value, _ = decoder.decode(data)
        return _classify(value, len(data))
    except Exception as exc:  # pyasn1 raises several types on odd DER; any of them is a fact, not a crash
        return DerEvidence("unknown", len(data), problem="undecodable", detail=f"pyasn1: {type(exc).__name__}")


def _kind(v: Any) -> str:
    """A short type name for a generic pyasn1 value: int, oid, octets, bits, seq, null, time, str, other."""
    from pyasn1.type import char, univ, useful

    if isinstance(v, univ.Integer):
        return "int"
    if isinstance(v, univ.ObjectIdentifier):
        return "oid"
    if isinstance(v, univ.OctetString) and not isinstance(v, (char.AbstractCharacterString, useful.UTCTime, useful.GeneralizedTime)):
        return "octets"
    if isinstance(v, (useful.UTCTime, useful.GeneralizedTime)):
        return "time"
    if isinstance(v, univ.BitString):
        return "bits"
    if isinstance(v, (univ.Sequence, univ.SequenceOf, univ.Set, univ.SetOf)):
        return "seq"
    if isinstance(v, univ.Null):
        return "null"
    return "other"


def _items(v: Any) -> list[Any]:
    try:
        return [v[i] for i in range(len(v))] if _kind(v) == "seq" else []
    except Exception:
        return []


def _shape(v: Any) -> list[str]:
    return [_kind(x) for x in _items(v)]


def _alg(v: Any) -> str | None:
    """The algorithm an AlgorithmIdentifier names (its OID, or a readable name)."""
    items = _items(v)
    if items and _kind(items[0]) == "oid":
        oid = str(items[0])
        return OIDS.get(oid, oid)
    return None


def _classify(v: Any, length: int) -> DerEvidence:
    shape = _shape(v)
    items = _items(v)
    if not shape:
        return DerEvidence("unknown", length, problem="not-a-sequence", detail="the outer element is not a SEQUENCE")
    if len(shape) >= 9 and shape[:9] == ["int"] * 9:
        n, e = int(items[1]), int(items[2])
        return DerEvidence("pkcs1-private", length, algorithm="rsaEncryption", rsa_bits=n.bit_length(), rsa_exponent=e)
    if shape == ["int", "int"]:
        n, e = int(items[0]), int(items[1])
        return DerEvidence("pkcs1-public", length, algorithm="rsaEncryption", rsa_bits=n.bit_length(), rsa_exponent=e)
    if shape[:3] == ["int", "seq", "octets"]:
        return _pkcs8(items, length)
    if shape[:2] == ["int", "octets"] and int(items[0]) == 1:
        return DerEvidence("sec1-private", length, algorithm="id-ecPublicKey")
    if shape == ["seq", "octets"]:
        return DerEvidence("encrypted-pkcs8", length, algorithm=_alg(items[0]))
    if shape == ["seq", "bits"]:
        return _spki(items, length, "spki")
    if shape == ["seq", "seq", "bits"]:
        return _certificate(items, length)
    return DerEvidence("unknown", length, problem="unknown-structure", detail=f"a SEQUENCE of {', '.join(shape[:6])}")


def _rsa_inner(octets: bytes, private: bool) -> tuple[int | None, int | None]:
    """Modulus bits and public exponent of the PKCS#1 structure inside a PKCS#8 or SPKI wrapper."""
    if scan_tlv(octets)[0]:
        return None, None
    try:
        from pyasn1.codec.der import decoder

        inner, _ = decoder.decode(octets)
    except Exception:
        return None, None
    items = _items(inner)
    want = 9 if private else 2
    if len(items) < want or any(_kind(x) != "int" for x in items[:want]):
        return None, None
    n, e = (items[1], items[2]) if private else (items[0], items[1])
    return int(n).bit_length(), int(e)


def _pkcs8(items: list[Any], length: int) -> DerEvidence:
    alg = _alg(items[1])
    bits = exponent = None
    if alg in ("rsaEncryption", "RSASSA-PSS"):
        bits, exponent = _rsa_inner(bytes(items[2]), private=True)
    return DerEvidence("pkcs8-private", length, algorithm=alg, rsa_bits=bits, rsa_exponent=exponent)


def _spki(items: list[Any], length: int, structure: str) -> DerEvidence:
    alg = _alg(items[0])
    bits = exponent = None
    if alg in ("rsaEncryption", "RSASSA-PSS"):
        try:
            octets = items[1].asOctets()
        except Exception:
            octets = b""
        bits, exponent = _rsa_inner(octets, private=False)
    return DerEvidence(structure, length, algorithm=alg, rsa_bits=bits, rsa_exponent=exponent)


def _epoch(t: Any) -> float | None:
    """Seconds since the epoch of a UTCTime/GeneralizedTime, read by hand (no timezone surprises)."""
    s = str(t).rstrip("Z")
    if len(s) == 12:  # UTCTime YYMMDDHHMMSS: years 50-99 are 19xx (RFC 5280 §4.1.2.5.1)
        year = int(s[:2])
        s = str(1900 + year if year >= 50 else 2000 + year) + s[2:]
    if len(s) < 14 or not s[:14].isdigit():
        return None
    y, mo, d, h, mi, se = (int(s[0:4]), int(s[4:6]), int(s[6:8]), int(s[8:10]), int(s[10:12]), int(s[12:14]))
    try:
        return float(calendar.timegm((y, mo, d, h, mi, se, 0, 0, 0)))
    except (ValueError, OverflowError):
        return None


def _certificate(items: list[Any], length: int) -> DerEvidence:
    tbs = _items(items[0])
    shape = [_kind(x) for x in tbs]
    # version [0] EXPLICIT is optional: with it, serial is at 1
    at = 1 if shape[:2] == ["int", "int"] else 0
    fields = tbs[at:]
    kinds = shape[at:]
    if len(fields) < 6 or kinds[:6] != ["int", "seq", "seq", "seq", "seq", "seq"]:
        return DerEvidence("unknown", length, problem="unknown-structure", detail="a signed SEQUENCE that is not an X.509 certificate")
    validity = _items(fields[3])
    not_before = _epoch(validity[0]) if len(validity) == 2 else None
    not_after = _epoch(validity[1]) if len(validity) == 2 else None
    spki = _spki(_items(fields[5]), length, "certificate") if _shape(fields[5]) == ["seq", "bits"] else None
    return DerEvidence(
        "certificate", length,
        algorithm=spki.algorithm if spki else None,
        rsa_bits=spki.rsa_bits if spki else None,
        rsa_exponent=spki.rsa_exponent if spki else None,
        not_before=not_before, not_after=not_after, subject=_name(fields[4]),
    )  # fmt: skip


def _name(v: Any) -> str | None:
    """The subject's CN (or its first attribute), enough to tell certificates apart."""
    try:
        for rdn in _items(v):
            for atv in _items(rdn):
                pair = _items(atv)
                if len(pair) == 2 and str(pair[0]) == "2.5.4.3":
                    return str(pair[1])[:200]
    except Exception:
        return None
    return None
