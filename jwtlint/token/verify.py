"""Signature verification evidence: does the signature verify, and if not, why not.

``examine(token, keys)`` runs once per lint, before the rules, and returns a
``VerifyEvidence`` that the verification rules (rules/verification.py) and
``ecdsa-der-signature`` read. It first verifies the token as it is with each
candidate key (chosen by ``kid`` when the token names one). Only when nothing
verifies does it look for the cause, cheapest and likeliest first:

- the signature over another signing input (standard base64, padding, raw
  JSON, segments swapped, a trailing newline...);
- a DER ECDSA signature that verifies once read as DER;
- RSA padding or hash other than the header says (PS* over PKCS#1 v1.5...);
- a key of another type or curve than ``alg`` needs, and the alg it does verify as;
- an HS* MAC keyed with a public key's text (PEM, DER, JWK, OpenSSH: CVE-2022-29217);
- an HS* MAC keyed with a secret from the built-in list of secrets seen in
  the wild (tried against any HS* token, with or without a key, within
  ``limits.SECRET_GUESS_SECONDS``).

Everything tried is recorded, so ``signature-invalid`` can say it when no
diagnosis fits. Nothing here raises on user input, and cryptography is only
imported when there is a key to use.
"""

from __future__ import annotations

import base64
import gzip
import hmac
import json
import time
from pathlib import Path
from typing import Any, NamedTuple

from .. import limits
from ..algs import ES_ALG_FOR_CURVE, JWS_ALGS, nearest
from ..keys.info import KeyInfo

_HASHES = {"256": "sha256", "384": "sha384", "512": "sha512"}
#: The JOSE algorithm each kind of key can sign with, tried when alg does not fit the key.
_ALGS_FOR = {
    "RSA": ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"),
    "oct": ("HS256", "HS384", "HS512"),
}
_KTY_FOR_FAMILY = {"HMAC": "oct", "RSA": "RSA", "RSA-PSS": "RSA", "ECDSA": "EC", "EdDSA": "OKP"}


class VerifyEvidence(NamedTuple):
    """What verifying one token with the keys given showed.

    ``verified_by`` is the key the token verifies with as it stands (None: none).
    The other fields are diagnoses, filled only when nothing verified (except
    the secret-strength facts, recorded either way):

    - ``kid_found``: None when the token has no ``kid`` or no key has one;
    - ``wrong_input``: the signing input the signature does verify over, in words;
    - ``der_verifies``: a DER ECDSA signature verifies with the key once converted;
    - ``padding``: ``pkcs1-for-pss`` (PS* header, PKCS#1 v1.5 signature),
      ``pss-for-pkcs1`` (the reverse) or ``pss-salt`` (PSS with a salt length
      other than the hash length); ``other_alg`` then names the alg that verifies;
    - ``other_alg``: the alg the key verifies the signature as, when not ``alg``;
    - ``key_mismatch``: no key given is of the type ``alg`` needs;
    - ``curve_mismatch``: (curve alg needs, curve of the EC key given);
    - ``confusion``: which text of a public key is the HMAC secret;
    - ``listed_secret``: the secret from the built-in list that verifies;
      ``secret_listed``: the secret given is in that list;
      ``short_secret``: bytes of a secret (given or found) shorter than the hash;
      ``secret_weak``: why the secret given is degenerate (``jwtlint.keys.secret``: one byte,
      a pattern, a placeholder, little entropy), whatever its length;
    - ``refused``: keys not used, and why; ``tried``: what was tried, in words.
    """

    alg: str
    keys_given: int
    kid: str | None = None
    kid_found: bool | None = None
    verified_by: KeyInfo | None = None
    wrong_input: str | None = None
    der_verifies: bool | None = None
    padding: str | None = None
    other_alg: str | None = None
    key_mismatch: str | None = None
    curve_mismatch: tuple[str, str] | None = None
    confusion: str | None = None
    listed_secret: bytes | None = None
    secret_listed: bool = False
    short_secret: int | None = None
    secret_weak: str | None = None
    guessed: int = 0
    list_size: int = 0
    refused: tuple[str, ...] = ()
    tried: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        return self.verified_by is not None

    @property
    def diagnosed(self) -> bool:
        """True when some cause of a failed verification was found."""
        return bool(
            self.wrong_input or self.der_verifies or self.padding or self.other_alg or self.key_mismatch
            or self.curve_mismatch or self.confusion or self.kid_found is False
        )  # fmt: skip

    def __repr__(self) -> str:  # the listed secret never reaches a log or a test failure
        return (
            f"VerifyEvidence(alg={self.alg!r}, keys={self.keys_given}, verified={self.verified}, "
            f"diagnosed={self.diagnosed}, listed_secret={'found' if self.listed_secret else None})"
        )


def _registered(alg: Any) -> str | None:
    """``alg``, or the registered name a misspelling means (``rs256`` -> ``RS256``): alg-unknown
    reports the spelling, and verification still answers whether the signature is good."""
    if not isinstance(alg, str):
        return None
    if alg in JWS_ALGS:
        return alg
    near = nearest(alg, JWS_ALGS) if len(alg) <= 32 else None
    return near if near and near.casefold() == alg.casefold().replace("_", "").replace(" ", "") else None


def examine(t: Any, keys: tuple[KeyInfo, ...], guess_secrets: bool = True) -> VerifyEvidence | None:
    """The verification evidence for token ``t`` (a TokenTarget), or None when there is nothing to verify."""
    if t.form != "jws" or t.signature is None or not t.segments[2].text:  # a jws has its 3 segments
        return None
    given = t.alg
    alg = given if type(given) is str and given in JWS_ALGS else _registered(given)
    if alg is None:
        return None
    family = JWS_ALGS[alg].family
    if family not in _KTY_FOR_FAMILY or not (keys or family == "HMAC"):
        return None  # none, ML-DSA: nothing jwtlint can verify; no key and no MAC to guess
    examiner = _Examiner(t, alg, keys, guess_secrets)
    if alg != given:
        examiner.tried.append(f"alg {given!r} read as {alg}")
    return examiner.run()


class _Examiner:
    def __init__(self, t: Any, alg: str, keys: tuple[KeyInfo, ...], guess_secrets: bool) -> None:
        self.t, self.alg, self.keys, self.guess = t, alg, keys, guess_secrets
        self.family = JWS_ALGS[alg].family
        self.sig = t.signature.raw
        self.data = t.text[: t.segments[2].start - 1].encode("utf-8", "surrogatepass")
        self.tried: list[str] = []
        self.refused: list[str] = []

    def run(self) -> VerifyEvidence:
        kid = self.t.header.get("kid") if isinstance(self.t.header.get("kid"), str) else None
        candidates, kid_found = _select(self.keys, kid)
        usable = []
        for k in candidates:
            if k.kty == "RSA" and k.bits > limits.MAX_VERIFY_RSA_BITS:
                self.refused.append(
                    f"the {k.bits}-bit RSA key (jwtlint verifies with moduli up to {limits.MAX_VERIFY_RSA_BITS} bits)"
                )
            elif k.kty == "unknown":
                self.refused.append("a key of a type jwtlint cannot verify with")
            else:
                usable.append(k)
        fitting = [k for k in usable if _fits(k, self.alg)]
        for k in fitting:
            if verify(k, self.alg, self.data, self.sig):
                return self._secret_facts(VerifyEvidence(self.alg, len(self.keys), kid, kid_found, k), k)
        ev = VerifyEvidence(self.alg, len(self.keys), kid, kid_found)
        if fitting:
            self.tried.append(f"{self.alg} with {_describe(fitting)}")
        ev = self._diagnose(ev, usable, fitting)
        # With several keys the same probes are tried for each: say each kind once.
        return ev._replace(refused=tuple(self.refused), tried=tuple(dict.fromkeys(self.tried)))

    def _diagnose(self, ev: VerifyEvidence, usable: list[KeyInfo], fitting: list[KeyInfo]) -> VerifyEvidence:
        for k in fitting:
            if self.family == "ECDSA" and self.t.signature.der_ecdsa and _verify_der(k, self.alg, self.data, self.sig):
                return ev._replace(der_verifies=True)
            found = self._other_input(k)
            if found:
                return ev._replace(wrong_input=found)
            changed = self._other_alg(k)
            if changed:
                return ev._replace(**changed)
        if self.family == "ECDSA" and self.t.signature.der_ecdsa and fitting:
            ev = ev._replace(der_verifies=False)
        if self.family == "ECDSA":
            curve = JWS_ALGS[self.alg].curve
            wrong = [k for k in usable if k.kty == "EC" and k.curve != curve]
            if wrong and not fitting:
                k = wrong[0]
                other = ES_ALG_FOR_CURVE.get(k.curve or "")
                ok = other is not None and verify(k, other, self.data, self.sig)
                self.tried.append(f"{self.alg} and {other or 'its curve'} with the {k.curve} key")
                return ev._replace(curve_mismatch=(curve or "", k.curve or "?"), other_alg=other if ok else None)
        if self.family == "HMAC":
            asym = [k for k in usable if k.kty in ("RSA", "EC", "OKP")]
            for k in asym:
                form = _confusion(k, self.alg, self.data, self.sig)
                if form:
                    return ev._replace(confusion=form)
            if asym:
                self.tried.append(f"the public key's PEM, DER, JWK and OpenSSH texts as the {self.alg} secret")
            ev = self._secret_facts(ev, fitting[0] if fitting else None)
            if ev.listed_secret is not None:
                return ev
        if usable and not fitting and not ev.diagnosed:
            ev = ev._replace(key_mismatch=_describe(usable))
            for k in usable:
                for other in _algs_for(k):
                    if verify(k, other, self.data, self.sig):
                        return ev._replace(other_alg=other)
            self.tried.append(f"every algorithm {_describe(usable)} can sign with")
        return ev

    def _other_input(self, k: KeyInfo) -> str | None:
        for name, data in _signing_inputs(self.t, self.data):
            if verify(k, self.alg, data, self.sig):
                return name
        self.tried.append("other signing inputs (standard base64, padded, raw JSON, swapped, trailing newline...)")
        return None

    def _other_alg(self, k: KeyInfo) -> dict[str, Any] | None:
        """Another alg of the same key type that verifies (other hash, other RSA padding)."""
        candidates = [a for a in _algs_for(k) if a != self.alg]
        for other in candidates:
            if verify(k, other, self.data, self.sig):
                fam = JWS_ALGS[other].family
                if fam != self.family and {fam, self.family} == {"RSA", "RSA-PSS"}:
                    return {"padding": "pss-for-pkcs1" if fam == "RSA-PSS" else "pkcs1-for-pss", "other_alg": other}
                return {"other_alg": other}
        if self.family == "RSA-PSS" and _verify_pss_any_salt(k, self.alg, self.data, self.sig):
            return {"padding": "pss-salt"}
        if candidates:
            self.tried.append(f"{', '.join(candidates)} with {'the same key' if len(self.keys) == 1 else 'each key'}")
        return None

    def _secret_facts(self, ev: VerifyEvidence, key: KeyInfo | None) -> VerifyEvidence:
        """For HS*: is the secret given short or published; failing that, is it one of the list?"""
        if self.family != "HMAC":
            return ev
        need = JWS_ALGS[self.alg].hash_bytes or 0
        if key is not None and key.secret is not None:
            from ..keys.secret import weakness

            listed = key.secret in secret_set()
            short = len(key.secret) if len(key.secret) < need else None
            ev = ev._replace(secret_listed=listed, short_secret=short, secret_weak=weakness(key.secret))
            if ev.verified:
                return ev
        if not self.guess:
            return ev
        found, tried, total = guess_secret(self.alg, self.data, self.sig)
        self.tried.append(f"{tried:,} of the {total:,} secrets in jwtlint's list of secrets seen in the wild")
        if found is not None and len(found) < need and ev.short_secret is None:
            ev = ev._replace(short_secret=len(found))
        return ev._replace(listed_secret=found, guessed=tried, list_size=total)


def _select(keys: tuple[KeyInfo, ...], kid: str | None) -> tuple[list[KeyInfo], bool | None]:
    """The keys to try: those with the token's kid when any key has a kid, else all."""
    if kid is None or not any(k.kid is not None for k in keys):
        return list(keys), None
    chosen = [k for k in keys if k.kid == kid]
    return (chosen, True) if chosen else (list(keys), False)


def _fits(k: KeyInfo, alg: str) -> bool:
    spec = JWS_ALGS[alg]
    if k.kty != _KTY_FOR_FAMILY.get(spec.family):
        return False
    if spec.family == "ECDSA":
        return k.curve == spec.curve
    if spec.family == "EdDSA":
        return k.curve in ("Ed25519", "Ed448") and (spec.curve is None or spec.curve == k.curve)
    return True


def _algs_for(k: KeyInfo) -> tuple[str, ...]:
    if k.kty == "EC":
        return (ES_ALG_FOR_CURVE[k.curve],) if k.curve in ES_ALG_FOR_CURVE else ()
    if k.kty == "OKP":
        return ("EdDSA",) if k.curve in ("Ed25519", "Ed448") else ()
    return _ALGS_FOR.get(k.kty, ())


def _describe(keys: list[KeyInfo]) -> str:
    first = keys[0].describe()
    return f"the {first}" if len(keys) == 1 else f"{len(keys)} keys ({first}, ...)"


# --- verifying ---------------------------------------------------------------------------


def verify(k: KeyInfo, alg: str, data: bytes, sig: bytes) -> bool:
    """Whether ``sig`` is a valid JOSE ``alg`` signature of ``data`` with key ``k``. Never raises."""
    spec = JWS_ALGS.get(alg)
    if spec is None or not _fits(k, alg):
        return False
    if spec.family == "HMAC":
        return k.secret is not None and hmac.compare_digest(hmac.digest(k.secret, data, _hash_name(alg)), sig)
    try:
        pub = k.public
        params = _params(alg)
        if spec.family == "ECDSA":
            n = (pub.curve.key_size + 7) // 8
            if len(sig) != 2 * n:
                return False
            sig = params[1](int.from_bytes(sig[:n], "big"), int.from_bytes(sig[n:], "big"))
            pub.verify(sig, data, params[0])
        elif spec.family in ("RSA", "RSA-PSS"):
            pub.verify(sig, data, params[0], params[1])
        elif spec.family == "EdDSA":
            pub.verify(sig, data)
        else:
            return False
    except Exception:  # InvalidSignature, or a key/signature cryptography cannot use: not verified
        return False
    return True


#: cryptography parameter objects per alg, built once: verifying is the happy path of every
#: lint with a key, and building padding and hash objects cost a fifth of an RSA verify.
_PARAMS: dict[str, tuple[Any, ...]] = {}


def _params(alg: str) -> tuple[Any, ...]:
    found = _PARAMS.get(alg)
    if found is None:
        from cryptography.hazmat.primitives.asymmetric import ec, padding
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

        family, h = JWS_ALGS[alg].family, _hash(alg)
        if family == "RSA":
            found = (padding.PKCS1v15(), h)
        elif family == "RSA-PSS":
            found = (padding.PSS(padding.MGF1(h), h.digest_size), h)
        elif family == "ECDSA":
            found = (ec.ECDSA(h), encode_dss_signature)
        else:
            found = ()
        _PARAMS[alg] = found
    return found


def _verify_der(k: KeyInfo, alg: str, data: bytes, sig: bytes) -> bool:
    try:
        from cryptography.hazmat.primitives.asymmetric import ec

        k.public.verify(sig, data, ec.ECDSA(_hash(alg)))
    except Exception:
        return False
    return True


def _verify_pss_any_salt(k: KeyInfo, alg: str, data: bytes, sig: bytes) -> bool:
    try:
        from cryptography.hazmat.primitives.asymmetric import padding

        h = _hash(alg)
        k.public.verify(sig, data, padding.PSS(padding.MGF1(h), padding.PSS.AUTO), h)
    except Exception:
        return False
    return True


def _hash_name(alg: str) -> str:
    return _HASHES.get(alg[-3:], "sha256")


def _hash(alg: str) -> Any:
    from cryptography.hazmat.primitives import hashes

    table: dict[str, Any] = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}
    return table[_hash_name(alg)]()


# --- other signing inputs --------------------------------------------------------------


def _b64(data: bytes, url: bool, pad: bool) -> bytes:
    out = base64.urlsafe_b64encode(data) if url else base64.b64encode(data)
    return out if pad else out.rstrip(b"=")


def _signing_inputs(t: Any, actual: bytes) -> list[tuple[str, bytes]]:
    """Signing inputs a signer plausibly used by mistake, named as the finding will say them."""
    head, body = t.segments[0], t.segments[1]
    h, p = head.b64.decoded, body.b64.decoded
    ht, pt = head.text.encode("utf-8", "surrogatepass"), body.text.encode("utf-8", "surrogatepass")
    out = [
        ("the standard-base64 text with '=' padding", _b64(h, False, True) + b"." + _b64(p, False, True)),
        ("the standard-base64 text without padding", _b64(h, False, False) + b"." + _b64(p, False, False)),
        ("the base64url text with '=' padding", _b64(h, True, True) + b"." + _b64(p, True, True)),
        ("the base64url text without padding (the token's segments re-encoded)", _b64(h, True, False) + b"." + _b64(p, True, False)),
        ("the signing input followed by a newline (`echo` without -n)", actual + b"\n"),
        ("the raw JSON (header.payload before base64url)", h + b"." + p),
        ("the payload JSON alone", p),
        ("the payload segment alone", pt),
        ("payload.header (the segments in the wrong order)", pt + b"." + ht),
    ]  # fmt: skip
    if t.whitespace:
        sig_at = t.raw.rfind(".")
        out.append(("the token text before its whitespace was removed", t.raw[:sig_at].encode("utf-8", "surrogatepass")))
    if isinstance(t.header, dict) and isinstance(t.payload, dict):
        for label, seps in (("with whitespace removed", (",", ":")), ("with spaces after ',' and ':'", (", ", ": "))):
            try:
                hj = json.dumps(t.header, separators=seps, ensure_ascii=False).encode()
                pj = json.dumps(t.payload, separators=seps, ensure_ascii=False).encode()
            except (TypeError, ValueError):
                continue
            out.append((f"the header and payload JSON {label}, base64url-encoded", _b64(hj, True, False) + b"." + _b64(pj, True, False)))
    seen = {actual}
    unique = []
    for name, data in out:
        if data not in seen:
            seen.add(data)
            unique.append((name, data))
    return unique


# --- algorithm confusion: a public key's text as the HMAC secret ------------------------


def _public_texts(k: KeyInfo) -> list[tuple[str, bytes]]:
    """The texts of a public key a verifier may have handed to HMAC as the secret."""
    from cryptography.hazmat.primitives import serialization as s

    texts: list[tuple[str, bytes]] = []
    pub = k.public
    forms = [
        ("the public key's PEM (SubjectPublicKeyInfo)", s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo),
        ("the public key's DER bytes (SubjectPublicKeyInfo)", s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo),
        ("the public key's OpenSSH line", s.Encoding.OpenSSH, s.PublicFormat.OpenSSH),
    ]
    if k.kty == "RSA":
        forms += [("the public key's PEM (PKCS#1 RSAPublicKey)", s.Encoding.PEM, s.PublicFormat.PKCS1),
                  ("the public key's DER bytes (PKCS#1 RSAPublicKey)", s.Encoding.DER, s.PublicFormat.PKCS1)]  # fmt: skip
    for name, enc, fmt in forms:
        try:
            text = pub.public_bytes(enc, fmt)
        except Exception:  # a form this key type has no encoding in
            continue
        texts.append((name, text))
        if enc is not s.Encoding.DER:
            ends = text.endswith(b"\n")
            other = text.rstrip(b"\n") if ends else text + b"\n"
            texts.append((f"{name} {'without' if ends else 'with'} its final newline", other))
    if k.raw:  # the text as given, when it is none of the canonical forms above
        texts += [("the key text's exact bytes", k.raw), ("the key text without its final newline", k.raw.rstrip()),
                  ("the key text with a final newline", k.raw.rstrip() + b"\n")]  # fmt: skip
    jwk = _public_jwk(k)
    if jwk:
        texts.append(("the public key's JWK JSON", json.dumps(jwk, separators=(",", ":")).encode()))
        texts.append(("the public key's JWK JSON", json.dumps(jwk).encode()))
    return texts


def _public_jwk(k: KeyInfo) -> dict[str, str] | None:
    """The public JWK whose JSON text is tried as a MAC secret: kty first, then the other
    members in the order RFC 7638 sorts them (e before n)."""
    from ..keys.thumbprint import public_jwk

    try:
        jwk = public_jwk(k)
    except Exception:  # no JWK form (an unnamed curve, an unknown key type)
        return None
    return {"kty": jwk.pop("kty"), **dict(sorted(jwk.items()))}


def _confusion(k: KeyInfo, alg: str, data: bytes, sig: bytes) -> str | None:
    name = _hash_name(alg)
    try:
        texts = _public_texts(k)
    except Exception:
        return None
    for label, text in texts:
        if hmac.compare_digest(hmac.digest(text, data, name), sig):
            return label
    return None


# --- the list of secrets seen in the wild ----------------------------------------------

_DATA = Path(__file__).resolve().parent.parent / "data" / "jwt-secrets.txt.gz"
_list: list[bytes] | None = None
_set: frozenset[bytes] | None = None
_guessed: dict[tuple[str, bytes, bytes], tuple[bytes | None, int, int]] = {}


def secret_list() -> list[bytes]:
    """The built-in secrets, most common first (tools/make_secret_list.py builds the file)."""
    global _list
    if _list is None:
        try:
            _list = gzip.decompress(_DATA.read_bytes()).split(b"\n")
        except OSError:  # a broken install: guess nothing rather than crash
            _list = []
    return _list


def top_secrets(n: int) -> list[bytes]:
    """``secret_list()[:n]``; until the whole list is needed, read from the head of the gzip
    stream: decompressing and splitting all 103,786 secrets costs 10 ms, the first few lines
    well under one (a scan's published-secret check wants only those)."""
    if _list is not None:
        return _list[:n]
    out: list[bytes] = []
    try:
        with gzip.open(_DATA, "rb") as fh:
            while len(out) < n:
                line = fh.readline()
                if not line.endswith(b"\n"):  # the last piece, as split(b"\n") gives it (b"" after a final newline)
                    out.append(line)
                    break
                out.append(line[:-1])
    except (OSError, EOFError):  # a broken install: guess nothing rather than crash (as secret_list)
        return []
    return out


def secret_set() -> frozenset[bytes]:
    global _set
    if _set is None:
        _set = frozenset(secret_list())
    return _set


def guess_secret(alg: str, data: bytes, sig: bytes) -> tuple[bytes | None, int, int]:
    """(the listed secret whose MAC of ``data`` is ``sig`` or None, secrets tried, list size).

    Bounded by ``limits.SECRET_GUESS_SECONDS`` past the first ``limits.SECRET_GUESS_MIN``
    secrets (always tried, so finding those never depends on speed); results are remembered for the
    last few tokens so linting the same token again costs nothing.
    """
    key = (alg, data, sig)
    if key in _guessed:
        return _guessed[key]
    secrets = secret_list()
    name = _hash_name(alg)
    result: tuple[bytes | None, int, int] = (None, 0, len(secrets))
    if len(sig) == JWS_ALGS[alg].hash_bytes:  # a MAC of another length matches no secret
        digest = hmac.digest
        deadline = time.perf_counter() + limits.SECRET_GUESS_SECONDS
        tried = 0
        # Look at the clock often enough that a long signing input (up to 256 KiB, ~100 us
        # per MAC) cannot overrun the budget by more than a few milliseconds.
        step = max(8, 1024 * 512 // (len(data) + 512))
        # Always tried, whatever the clock: the same on every machine. A long signing input
        # costs more per MAC, so it gets proportionally fewer (the same bytes hashed).
        floor = limits.SECRET_GUESS_MIN * 1024 // max(1024, len(data))
        for start in range(0, len(secrets), step):
            for s in secrets[start : start + step]:
                if digest(s, data, name) == sig:
                    result = (s, tried + 1, len(secrets))
                    break
                tried += 1
            else:
                if tried < floor or time.perf_counter() <= deadline:
                    continue
            break
        if result[0] is None:
            result = (None, tried, len(secrets))
    if len(_guessed) >= 64:
        oldest = next(iter(_guessed), None)
        if oldest is not None:
            _guessed.pop(oldest, None)  # another thread may have emptied it: no matter
    _guessed[key] = result
    return result


def attach(targets: list[Any], keys: tuple[KeyInfo, ...], guess_secrets: bool = True) -> list[Any]:
    """``targets`` with the verification evidence set on each token that has something to verify.
    ``guess_secrets`` also tries the published HMAC secrets (when a rule reads that guess)."""
    out = []
    for t in targets:
        if t.kind == "token" and not t.too_large:
            ev = examine(t, keys, guess_secrets)
            if ev is not None:
                t = t._replace(verification=ev)
        out.append(t)
    return out
