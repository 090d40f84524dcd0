"""SD-JWT (RFC 9901): recognise ``<issuer-signed JWT>~<disclosure>~...~[<KB-JWT>]``.

Intake splits the text at ``~``: the issuer-signed JWT is parsed and linted
like any token, so nothing after the first ``~`` is mistaken for a broken
signature. Each disclosure is decoded leniently and recorded (base64url
evidence, the JSON it holds, what is wrong with its shape, its digest under
each hash an issuer may name in ``_sd_alg``); once the payload is known,
``with_payload`` records which digests the payload and the disclosures
reference. The ``sdjwt`` rules judge from these facts, recorded as
``jwtlint.model.SdJwt`` and ``Disclosure``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .. import limits
from .b64 import analyse
from .jsonparse import analyse_json
from ..model import Disclosure, SdJwt

#: ``_sd_alg`` names (IANA "Named Information Hash Algorithm" registry) we can compute.
HASHES = {"sha-256": hashlib.sha256, "sha-384": hashlib.sha384, "sha-512": hashlib.sha512}
#: Claim names a disclosure may not carry (RFC 9901 §4.2.1).
FORBIDDEN_NAMES = ("_sd", "...")


def split(token: str) -> tuple[str, SdJwt] | None:
    """``(issuer-signed JWT, SdJwt)`` when ``token`` is an SD-JWT; None otherwise. Never raises."""
    if "~" not in token:
        return None
    jwt_text, _, rest = token.partition("~")
    if jwt_text.count(".") != 2:
        return None  # not a JWS before the first '~': leave it to the token rules
    parts = rest.split("~")
    kb = parts.pop() or None  # after the last '~': the KB-JWT, or nothing
    disclosures = []
    offset = len(jwt_text) + 1
    for i, part in enumerate(parts):
        if i < limits.MAX_SD_DISCLOSURES:
            disclosures.append(_disclosure(i, offset, part))
        offset += len(part) + 1
    extra = max(0, len(parts) - limits.MAX_SD_DISCLOSURES)
    return jwt_text, SdJwt(token, len(jwt_text), tuple(disclosures), kb, extra=extra)


def _disclosure(index: int, start: int, text: str) -> Disclosure:
    ev = analyse(text)
    digests = {name: _digest(h, text) for name, h in HASHES.items()}
    if not text:
        return Disclosure(index, start, ev, None, "is empty (two '~' in a row)", None, digests)
    js = analyse_json(ev.decoded)
    value = js.value
    problem = None
    claim = None
    if ev.illegal or ev.std_chars or ev.padding or ev.dangling:
        problem = "is not base64url (standard base64, padding or characters outside the alphabet)"
    if not isinstance(value, list):
        problem = f"does not decode to a JSON array ({js.detail or 'it is a ' + type(value).__name__})"
    elif len(value) not in (2, 3):
        problem = f"is an array of {len(value)} elements; a disclosure has 3 (salt, name, value) or 2 (salt, value)"
    elif not isinstance(value[0], str):
        problem = "has a salt that is not a string"
    elif len(value) == 3:
        if not isinstance(value[1], str):
            problem = "has a claim name that is not a string"
        elif value[1] in FORBIDDEN_NAMES:
            problem = f"discloses the claim name {value[1]!r}, which RFC 9901 forbids"
        else:
            claim = value[1]
    return Disclosure(index, start, ev, value, problem, claim, digests)


def _digest(hash_fn: Any, text: str) -> str:
    from .b64 import b64url_encode

    return b64url_encode(hash_fn(text.encode("ascii", "replace")).digest())


def with_payload(sd: SdJwt, payload: Any) -> SdJwt:
    """``sd`` with the payload's ``_sd_alg`` and every digest the payload or a disclosure references."""
    sd_alg = payload.get("_sd_alg", "sha-256") if isinstance(payload, dict) else "sha-256"
    found: set[str] = set()
    _collect(payload, found, 0)
    for d in sd.disclosures:
        if isinstance(d.value, list) and d.value:
            _collect(d.value[-1], found, 0)  # a disclosed value may itself hold _sd digests
    return sd._replace(sd_alg=sd_alg, referenced=frozenset(found))


def _collect(value: Any, found: set[str], depth: int) -> None:
    """Digests in ``_sd`` arrays and ``{"...": digest}`` array elements (RFC 9901 §4.2.4)."""
    if depth > limits.MAX_JSON_DEPTH:
        return
    if isinstance(value, dict):
        sd = value.get("_sd")
        if isinstance(sd, list):
            found.update(x for x in sd if isinstance(x, str))
        if len(value) == 1 and isinstance(value.get("..."), str):
            found.add(value["..."])
        for v in value.values():
            _collect(v, found, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _collect(v, found, depth + 1)
