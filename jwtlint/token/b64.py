"""Lenient base64 analysis: decode whatever is there and record how it was written.

JOSE uses base64url without padding (RFC 7515 §2, Appendix C). People paste
standard base64 (``+``, ``/``), padded text, or text with stray characters;
this module decodes all of it and notes exactly which characters were off,
so rules can point at them without decoding again.
"""

from __future__ import annotations

import base64
import binascii
import re

from ..records import Base64Evidence

_URL_CLEAN = re.compile(r"[A-Za-z0-9_-]*")
_NOT_B64 = re.compile(r"[^A-Za-z0-9_\-+/=]")
_TO_STD = bytes.maketrans(b"-_", b"+/")  # bytes.translate is C-fast; str.translate is not
_URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_VALUE = {c: i for i, c in enumerate(_URL_ALPHABET)}
_VALUE["+"] = 62
_VALUE["/"] = 63


def b64url_encode(data: bytes) -> str:
    """base64url without padding, as JOSE wants it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(data: str) -> bytes:
    """Decode base64 in either alphabet, without padding, ignoring a dangling character."""
    if len(data) % 4 == 1:
        data = data[:-1]
    try:
        return binascii.a2b_base64(data.encode("ascii").translate(_TO_STD) + b"=" * (-len(data) % 4))
    except (binascii.Error, ValueError, UnicodeEncodeError):  # cannot happen for filtered input; stay total anyway
        return b""


# For the last character of a 2- or 3-character final group: the bits that
# must be zero (RFC 4648 §3.5).
_UNUSED_MASK = {2: 0b1111, 3: 0b11}


def analyse(text: str, url_clean: bool = False) -> Base64Evidence:
    """Record what ``text`` is as a base64url segment. Never raises.

    ``url_clean``: the caller has checked that ``text`` holds base64url characters only.
    """
    # Fast path: the overwhelmingly common, correct segment (fields in Base64Evidence order).
    if (url_clean or _URL_CLEAN.fullmatch(text)) and len(text) % 4 != 1:
        rest = len(text) % 4
        non_canonical = bool(rest and _VALUE[text[-1]] & _UNUSED_MASK[rest])
        alphabet = "url" if "-" in text or "_" in text else "neutral"
        return Base64Evidence(text, alphabet, (), 0, (), (), False, non_canonical, _decode(text))
    return _analyse_slow(text)


def _analyse_slow(text: str) -> Base64Evidence:
    stripped = text.rstrip("=")
    padding = len(text) - len(stripped)
    std_chars = tuple(i for i, c in enumerate(text) if c in "+/")
    url_chars = "-" in text or "_" in text
    misplaced = tuple(i for i, c in enumerate(stripped) if c == "=")
    illegal = tuple((m.start(), m.group()) for m in _NOT_B64.finditer(stripped))
    data = "".join(c for c in stripped if c in _VALUE)
    dangling = len(data) % 4 == 1
    decoded = _decode(data)
    # Trailing bits: the last character of a 2- or 3-character group carries
    # bits that must be zero; strict decoders reject others.
    rest = len(data) % 4
    non_canonical = bool(rest in _UNUSED_MASK and _VALUE[data[-1]] & _UNUSED_MASK[rest])
    if std_chars and url_chars:
        alphabet = "mixed"
    elif std_chars:
        alphabet = "std"
    elif url_chars:
        alphabet = "url"
    else:
        alphabet = "neutral"
    return Base64Evidence(
        text=text,
        alphabet=alphabet,
        std_chars=std_chars,
        padding=padding,
        misplaced_padding=misplaced,
        illegal=illegal,
        dangling=dangling,
        non_canonical=non_canonical,
        decoded=decoded,
    )
