"""Header rules: what the JOSE header asks a verifier to do.

Every fact comes from ``t.header`` (the parsed header object); nothing here
decodes. A finding about one parameter points at the characters that encode
it (``jwtlint.rules._helpers.header_span``). Values a header carries in the clear (alg, typ,
kid, URLs) are public and may be quoted; key material never is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from jwtlint.algs import JWE_ENC_ALGS, JWE_KEY_ALGS, JWS_ALGS, REGISTERED_HEADER_PARAMS, nearest
from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.token.jsonparse import LargeNumber, is_string, json_type
from jwtlint.model import TokenTarget
from jwtlint.rules._helpers import header_span, quoted

_Kind = tuple[frozenset[str], str]  # registered names, and what they are called in messages
_ALG_KINDS: dict[str, _Kind] = {
    "jws": (frozenset(a for a in JWS_ALGS if a != "none"), "JWS"),
    "jwe": (JWE_KEY_ALGS, "JWE key-management"),
    "enc": (JWE_ENC_ALGS, "JWE content-encryption"),
}
_JWS_NAMES = _ALG_KINDS["jws"][0]


def _text(value: Any) -> str | None:
    """``value`` if it is a JSON string, else None."""
    return value if is_string(value) else None


def _json_type(value: Any) -> str:
    return f"the boolean {str(value).lower()}" if isinstance(value, bool) else json_type(value)


def _names(names: list[str]) -> str:
    return ", ".join(quoted(n, 40) for n in names)


def _is_jwe(t: TokenTarget) -> bool:
    # A malformed token whose header has "enc" was meant as a JWE (RFC 7516 §4.1.2).
    return t.form == "jwe" or (t.form == "malformed" and t.header is not None and "enc" in t.header)


def _media_type(value: str) -> str:
    """typ folded for comparison: media types are case-insensitive, "application/" may be omitted (RFC 7515 §4.1.9)."""
    v = value.lower()
    return v[len("application/") :] if v.startswith("application/") else v


class AlgMissing(Rule[TokenTarget]):
    """## What it does
    Flags a header without `alg` (and a JWE header without `enc`). An `alg`
    or `enc` that is not a string is `header-param-type`'s finding.

    ## Why is this bad?
    `alg` is required in every JWS and JWE header (RFC 7515 §4.1.1, RFC 7516
    §4.1.1), and a JWE also needs `enc` (RFC 7516 §4.1.2). Without them a
    verifier cannot know how the token was protected and must reject it;
    some producers (e.g. a .NET `JwtHeader` built without signing
    credentials) emit `{}` as the header.

    ## Fix
    Put the algorithm that signed (or encrypted) the token in the header as a
    string, e.g. `"alg": "RS256"`, and sign again. Build tokens with a JOSE
    library rather than by hand.

    ## Example
    `e30.eyJzdWIiOiIxIn0.` (the header is `{}`)
    """

    code = "JWT301"
    name = "alg-missing"
    severity = Severity.ERROR
    summary = "The header has no 'alg' (or a JWE no 'enc')."
    refs = (cite("RFC 7515", "4.1.1"), cite("RFC 7516", "4.1.1"), cite("RFC 7516", "4.1.2"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None:
            return
        members = ("alg", "enc") if _is_jwe(t) else ("alg",)
        for name in members:
            example = "RS256" if name == "alg" else "A256GCM"
            if name not in t.header:
                what = "how it was signed" if name == "alg" else "how the content was encrypted"
                yield self.finding(
                    f"the header has no {name!r}: a verifier cannot tell {what} and must reject the token",
                    header_span(t),
                    fix=f'add "{name}" naming the algorithm actually used (e.g. "{example}"), then sign again',
                )


class AlgNone(Rule[TokenTarget]):
    """## What it does
    Flags `"alg": "none"`, in any spelling (`None`, `NONE`, `nOnE`).

    ## Why is this bad?
    `none` means an unsecured JWT (RFC 7519 §6, RFC 7518 §3.6): there is no
    signature, so anyone can write any claims. Attackers set it to make a
    verifier that trusts the header skip verification (RFC 8725 §3.1). Names
    are case-sensitive, so `NONE` is not registered at all, but libraries
    that compare algorithm names case-insensitively (PyJWT did until 2015)
    accept it as `none`, and it slips past filters that only block `none`.

    ## Fix
    Sign the token with a real algorithm (RS256, ES256, EdDSA...). Verifiers
    must pin the algorithms they accept and refuse `none` in every case.

    ## Example
    `eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.`
    """

    code = "JWT302"
    name = "alg-none"
    severity = Severity.ERROR
    summary = "The token is unsecured: alg is 'none' (in some spelling); anyone can forge it."
    refs = (cite("RFC 8725", "3.1"), cite("RFC 7518", "3.6"), cite("RFC 7519", "6"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        alg = _text(t.header.get("alg")) if t.header else None
        if alg is None or alg.lower() != "none":
            return
        if alg != "none":
            what = (
                f"alg is {alg!r}, 'none' spelled in another case: not a registered name, but libraries that "
                "compare names case-insensitively accept it as 'none', an unsecured JWT that anyone can forge"
            )
        elif t.form == "unsecured":
            what = "alg is 'none': an unsecured JWT with no signature, which anyone can forge"
        else:
            what = (
                "alg is 'none': an unsecured JWT, which anyone can forge; the signature attached to it is never "
                "checked by a verifier that trusts the header"
            )
        yield self.finding(
            what,
            header_span(t, "alg"),
            fix="sign the token with a real algorithm (e.g. RS256 or ES256); verifiers must accept only the "
            "algorithms they expect and refuse 'none' in any spelling",
        )


class AlgUnknown(Rule[TokenTarget]):
    """## What it does
    Flags an `alg` (and, in a JWE, an `enc`) that is not a registered algorithm
    name, and names the registered one it most likely meant.

    ## Why is this bad?
    Algorithm names are case-sensitive strings (RFC 7515 §4.1.1) taken from
    the IANA JOSE registry (RFC 7518 §3.1, §4.1, §5.1). Verifiers reject
    `rs256`, `HS-256`, `RSA256` or a Java name such as `HmacSHA256`, even when
    the signature itself is right. A JWS signature algorithm in a JWE header,
    or the reverse, is just as unknown to the verifier.

    ## Fix
    Use the exact registered name (given in `fixed`, e.g. `RS256`), then sign
    again: the header is part of the signed text.

    ## Example
    `{"alg":"rs256","typ":"JWT"}`
    """

    code = "JWT303"
    name = "alg-unknown"
    severity = Severity.ERROR
    summary = "alg (or a JWE's enc) is not a registered algorithm name."
    refs = (
        cite("RFC 7515", "4.1.1"),
        cite("RFC 7518", "3.1"),
        cite("RFC 7518", "4.1"),
        cite("RFC 7518", "5.1"),
        cite("IANA JOSE registry", url="https://www.iana.org/assignments/jose/jose.xhtml"),
    )

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None:
            return
        alg = t.header.get("alg")
        if t.form == "jws" and type(alg) is str and alg in _JWS_NAMES:
            return  # the common case, decided before anything is worked out
        jws, jwe = _ALG_KINDS["jws"], _ALG_KINDS["jwe"]
        want, other = (jwe, jws) if _is_jwe(t) else (jws, jwe)
        alg = _text(t.header.get("alg"))
        if alg is not None and alg.lower() != "none":  # 'none' in any case is alg-none's
            yield from self._unknown(t, "alg", alg, want, other)
        enc = _text(t.header.get("enc"))
        if want is jwe and enc is not None:
            yield from self._unknown(t, "enc", enc, _ALG_KINDS["enc"], None)

    def _unknown(self, t: TokenTarget, member: str, value: str, want: _Kind, other: _Kind | None) -> Iterator[Finding]:
        known, kind = want
        if value in known:
            return
        if other and value in other[0]:
            # Right name, wrong kind of token: a "nearest" spelling would only mislead.
            yield self.finding(
                f"{member} {value!r} is a {other[1]} algorithm; this token needs a {kind} algorithm",
                header_span(t, member),
                fix=f"use a {kind} algorithm ({', '.join(sorted(known)[:4])}...), or produce the kind of token "
                f"that {value} belongs to",
            )
            return
        near = nearest(value, known)
        hint = f"; did you mean {near!r}?" if near else ""
        case = " (names are case-sensitive)" if near and near.lower() == value.lower() else ""
        yield self.finding(
            f"{member} {quoted(value, 40)} is not a registered {kind} algorithm{case}{hint}",
            header_span(t, member),
            fix=f'write "{member}": "{near}" and sign again' if near else f"use a registered {kind} algorithm name",
            fixed=near,
            applicability=Applicability.UNSAFE if near else Applicability.DISPLAY,
        )


# Values that need no more thought (each matches _TYP_REGISTERED as it is, without spaces).
_TYP_COMMON = frozenset({"JWT", "jwt", "JOSE", "at+jwt", "application/jwt", "dpop+jwt", "secevent+jwt", "logout+jwt"})
_TYP_REGISTERED = re.compile(r"jwt|jose|jose\+json|[a-z0-9][a-z0-9!#$&^_.+-]*\+(?:sd-)?jwt")
# Values seen in the wild that name the wrong thing; each with what was meant.
_TYP_MISTAKES = {
    "jws": "names the format, not a media type: a JWT is typed \"JWT\"",
    "jwe": "names the format, not a media type: a JWT is typed \"JWT\" (nested JWTs use cty)",
    "bearer": "is the OAuth token_type (RFC 6750), not the token's media type",
    "json": "is the media type of plain JSON; a compact JWT is \"JWT\" (\"JOSE+JSON\" is for the JSON serialization)",
    "jtw": "is a typo for \"JWT\"",
}


class TypUnusual(Rule[TokenTarget]):
    """## What it does
    Flags a `typ` that looks like a mistake (`JWS`, `JWE`, `Bearer`, `JSON`,
    `JTW`, `"JWT "` with spaces), or is simply unusual (a `typ` that is not a
    string is `header-param-type`'s finding).

    ## Why is this bad?
    `typ` is the media type of the whole token (RFC 7515 §4.1.9, RFC 7519
    §5.1): `JWT`, `JOSE`, or an explicit type such as `at+jwt`, `dpop+jwt`,
    `secevent+jwt` or `vc+sd-jwt` (case-insensitive; `application/` may be
    left out). Verifiers that use explicit typing (RFC 8725 §3.11) reject
    other values: ASP.NET refused `"typ":"JWS"` id tokens from Gluu oxAuth.

    ## Fix
    Use `JWT`, or the explicit type your profile defines (`at+jwt` for
    RFC 9068 access tokens...). The corrected value is in `fixed` when the
    mistake is clear. The header is signed: sign again.

    ## Example
    `{"alg":"RS256","typ":"JWS"}`
    """

    code = "JWT304"
    name = "typ-unusual"
    severity = Severity.WARNING
    summary = "typ looks like a mistake, or is not a known JWT media type."
    refs = (cite("RFC 7515", "4.1.9"), cite("RFC 7519", "5.1"), cite("RFC 8725", "3.11"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None or "typ" not in t.header:
            return
        if type(t.header["typ"]) is str and t.header["typ"] in _TYP_COMMON:
            return  # the common case, decided before anything is worked out
        typ = _text(t.header["typ"])
        if typ is None:
            return  # header-param-type's finding
        squeezed = "".join(typ.split())
        spaced = squeezed != typ
        folded = _media_type(squeezed)
        if _TYP_REGISTERED.fullmatch(folded):
            if spaced:
                yield self.finding(
                    f"typ {quoted(typ)} contains whitespace; verifiers compare it exactly and reject it",
                    header_span(t, "typ"),
                    fix=f'write "typ": "{squeezed}" and sign again',
                    fixed=squeezed,
                    applicability=Applicability.UNSAFE,
                )
            return
        if folded in _TYP_MISTAKES:
            yield self.finding(
                f"typ {quoted(typ)} {_TYP_MISTAKES[folded]}; verifiers that check typ reject it",
                header_span(t, "typ"),
                fix='write "typ": "JWT" (or your profile\'s explicit type, e.g. "at+jwt") and sign again',
                fixed="JWT",
                applicability=Applicability.UNSAFE,
            )
            return
        yield self.finding(
            f"typ {quoted(typ)} is not JWT, JOSE or a '+jwt' media type; verifiers that check typ may reject it",
            header_span(t, "typ"),
            fix="use \"JWT\" or the explicit type your profile defines (e.g. \"at+jwt\"), unless your verifiers "
            "expect exactly this value",
            severity=Severity.INFO,
        )


class CritUnsupported(Rule[TokenTarget]):
    """## What it does
    Flags a `crit` list that is empty, names registered or absent header
    parameters or a name twice, and one that makes critical an extension
    jwtlint does not understand (`crit` that is not an array of strings is
    `header-param-type`'s finding).

    ## Why is this bad?
    `crit` lists extension header parameters the recipient must understand,
    or else reject the token (RFC 7515 §4.1.11). It must be a non-empty array
    of names present in the header, without duplicates and without names
    defined by RFC 7515 or RFC 7518 (`b64`, from RFC 7797, is the one
    registered name that belongs there). A malformed list makes strict
    verifiers reject the token; an extension listed there must be rejected by
    every verifier that does not implement it, so the token works only with
    the verifiers that do. jwtlint understands `b64` (RFC 7797); any other
    critical extension is an error: the verifier must be known to support it.

    ## Fix
    List only extension parameters that the header contains and every
    verifier implements; remove `crit` if nothing is critical. Sign again.

    ## Example
    `{"alg":"HS256","crit":["nope"]}` (`nope` is not in the header)
    """

    code = "JWT305"
    name = "crit-unsupported"
    severity = Severity.ERROR
    summary = "crit is empty, lists registered or absent parameters, or makes an unknown extension critical."
    refs = (cite("RFC 7515", "4.1.11"), cite("RFC 7516", "4.1.13"), cite("RFC 7797", "6"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None or "crit" not in t.header:
            return
        crit = t.header["crit"]
        if not isinstance(crit, list) or any(_text(c) is None for c in crit):
            return  # header-param-type's finding
        if not crit:
            yield self.finding(
                "crit is an empty array; RFC 7515 §4.1.11 forbids [] (it must be a non-empty array of header "
                "parameter names)",
                header_span(t, "crit"),
                fix="list the names of the extension parameters that must be understood, or remove crit; "
                "then sign again",
            )
            return
        unique = list(dict.fromkeys(crit))
        dups = [c for c in unique if crit.count(c) > 1]
        registered = [c for c in unique if c in REGISTERED_HEADER_PARAMS and c != "b64"]
        absent = [c for c in unique if c not in t.header and c not in registered]
        extensions = [c for c in unique if c not in REGISTERED_HEADER_PARAMS and c in t.header]
        # One corrected list for every error below, so two fixes never disagree.
        good = [c for c in unique if c not in registered and c not in absent]
        fixed = json.dumps(good) if good else None
        applicability = Applicability.UNSAFE if good else Applicability.DISPLAY
        then = ", then sign again" if good else " (if nothing is left, remove crit), then sign again"
        problems = (
            (registered, ", defined by RFC 7515/7518 itself: producers must not list such names, and "
             "recipients may reject the token", f"remove {_names(registered)} from crit"),
            (absent, ", which the header does not contain; conforming verifiers reject the token",
             "list only parameters present in the header: add the parameter, or drop it from crit"),
            (dups, " more than once", "list each name once"),
        )  # fmt: skip
        for names, why, fix in problems:
            if names:
                yield self.finding(
                    f"crit lists {_names(names)}{why}",
                    header_span(t, "crit"),
                    fix=fix + then,
                    fixed=fixed,
                    applicability=applicability,
                )
        if extensions:
            them = "it" if len(extensions) == 1 else "them"
            yield self.finding(
                f"crit makes {_names(extensions)} critical, an extension jwtlint does not understand: a conforming "
                f"verifier that does not implement {them} must reject the token (RFC 7515 §4.1.11), and JOSE "
                "libraries (jose4j, Nimbus, joserfc, panva/jose) do unless told otherwise",
                header_span(t, "crit"),
                fix=f"make sure every verifier implements {_names(extensions)} and is configured to accept {them}; "
                f"if the token is valid without {them}, leave {them} out of crit, then sign again",
            )


class RemoteKeyUrl(Rule[TokenTarget]):
    """## What it does
    Reports a `jku` (JWK Set URL) or `x5u` (X.509 URL) header parameter, and
    flags one that is not `https`.

    ## Why is this bad?
    These tell the verifier where to download the verification key. The token
    is not trusted yet, so whoever wrote it chooses the URL: a verifier that
    follows it verifies with the attacker's own key (jku/x5u injection) or
    makes requests on the attacker's behalf (SSRF). RFC 8725 §3.10 says to
    match such URLs against an allow-list; RFC 7515 §4.1.2 and §4.1.5 require
    TLS, so a plain `http` URL lets anyone on the path swap the key. jwtlint
    never fetches the URL.

    ## Fix
    Verifiers: configure the issuer's key set URL yourself; use `jku`/`x5u`
    only if it is on an allow-list of exact URLs. Issuers: leave them out, or
    use an `https` URL the verifier already trusts.

    ## Example
    `{"alg":"RS256","jku":"https://attacker.example/jwks.json"}`
    """

    code = "JWT306"
    name = "remote-key-url"
    severity = Severity.WARNING
    summary = "jku or x5u points the verifier at a key to download; error when not https."
    refs = (cite("RFC 8725", "3.10"), cite("RFC 7515", "4.1.2"), cite("RFC 7515", "4.1.5"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None:
            return
        for member in ("jku", "x5u"):
            if member not in t.header:
                continue
            url = _text(t.header[member])
            if url is None:
                continue  # header-param-type's finding
            https = url.lower().startswith("https://")
            scheme = url.split(":", 1)[0] if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url) else "no scheme"
            yield self.finding(
                f"{member} asks the verifier to download the key from {quoted(url)} (jwtlint never fetches it)"
                + ("" if https else f"; over {scheme}, not https, so anyone on the path can swap the key"),
                header_span(t, member),
                fix=f"verifiers must use {member} only if the URL is on an allow-list of the issuer's key URLs "
                "(else an attacker points it at their own key); issuers should leave it out"
                + ("" if https else " or serve the key set over https"),
                severity=Severity.WARNING if https else Severity.ERROR,
            )


# RSA (RFC 7518 §6.3.2), EC/OKP (§6.2.2, RFC 8037 §2) and symmetric (§6.4.1) private members.
_PRIVATE_JWK_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")


def _acme_request(t: TokenTarget) -> bool:
    """An ACME request (RFC 8555 §6.2): a JWS in JSON serialization whose protected header names
    the request's ``url`` and the server's ``nonce``."""
    ser = t.serialization
    protected = ser.protected if ser is not None else None
    return protected is not None and isinstance(protected.get("url"), str) and isinstance(protected.get("nonce"), str)


class EmbeddedJwk(Rule[TokenTarget]):
    """## What it does
    Flags a `jwk` (JSON Web Key) embedded in the header, and a private key
    embedded there.

    ## Why is this bad?
    The key that signed the token travels inside the token, so a verifier
    that uses it accepts tokens signed by anyone: CVE-2018-0114 (node-jose)
    and the jwk-injection attacks that followed (RFC 8725 §3.10). Only
    proof-of-possession profiles carry it on purpose, such as DPoP proofs
    (`typ: dpop+jwt`, RFC 9449 §4.2), where the key is then bound to the
    access token, and ACME requests (a JWS in JSON serialization whose
    protected header has `url` and `nonce`), which carry the account key as
    RFC 8555 §6.2 requires: neither is flagged. A `jwk` with private members (`d`, `p`, `q`, `dp`, `dq`,
    `qi`, `k`) publishes the signing key itself.

    ## Fix
    Verify with keys you configured (the issuer's JWKS), never with one taken
    from the token; remove `jwk` from the header. If a private key was
    embedded, replace the key: it is compromised.

    ## Example
    `{"alg":"RS256","jwk":{"kty":"RSA","n":"...","e":"AQAB"}}`
    """

    code = "JWT307"
    name = "embedded-jwk"
    severity = Severity.WARNING
    summary = "The header embeds the verification key (jwk); error if it holds private members."
    refs = (
        cite("RFC 7515", "4.1.3"),
        cite("RFC 8725", "3.10"),
        cite("RFC 9449", "4.2"),
        cite("RFC 8555", "6.2"),
        cite("CVE-2018-0114", url="https://nvd.nist.gov/vuln/detail/CVE-2018-0114"),
    )

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None or "jwk" not in t.header:
            return
        jwk = t.header["jwk"]
        if not isinstance(jwk, dict):
            return  # header-param-type's finding
        private = [m for m in _PRIVATE_JWK_MEMBERS if m in jwk]
        if private:  # even in a DPoP proof: a private key must never travel (RFC 9449 §4.2)
            yield self.finding(
                f"the embedded jwk holds private key members ({', '.join(private)}): the signing key is published "
                "in every token (values not shown)",
                header_span(t, "jwk"),
                fix="embed only the public key, or no key; the embedded key is compromised: replace it",
                severity=Severity.ERROR,
            )
            return
        typ = _text(t.header.get("typ"))
        if typ is not None and _media_type(typ.strip()) == "dpop+jwt":
            return
        if _acme_request(t):
            return  # RFC 8555 §6.2: newAccount and revokeCert requests carry the account key as jwk
        kty = _text(jwk.get("kty"))
        yield self.finding(
            f"the header embeds a key (jwk{f', kty {quoted(kty, 10)}' if kty else ''}): a verifier that verifies "
            "with it accepts tokens signed by anyone (CVE-2018-0114); an embedded key is expected only in DPoP "
            "proofs (typ dpop+jwt)",
            header_span(t, "jwk"),
            fix="verify with a key you configured (the issuer's JWKS), never with one from the token; "
            "remove jwk from the header",
        )


# A '..' path segment, raw or percent-encoded, between separators or at an end.
_TRAVERSAL = re.compile(r"(?:^|[/\\]|%2f|%5c)(?:\.\.|%2e%2e)(?:[/\\]|%2f|%5c|$)", re.I)
_ROOTED = re.compile(r"[/\\]")
_BASE64_STD = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_SQL = re.compile(r"'|;|\s--|/\*|\s(?:or|and)\s+\S+\s*=", re.I | re.S)
#: "union ... select", as two searches (one pattern with ".*" between was quadratic on "union " repeated).
_UNION = re.compile(r"\bunion\b", re.I)
_SELECT = re.compile(r"\bselect\b", re.I)


def _sql(kid: str) -> bool:
    if _SQL.search(kid):
        return True
    union = _UNION.search(kid)
    return union is not None and _SELECT.search(kid, union.end()) is not None
_SHELL = re.compile(r"\||\$\(|\$\{|`|&&")
_URL = re.compile(r"\b(https?|ftp|gopher|ldaps?|dict|jar|smb)://|^file:", re.I)


def _looks_base64(kid: str) -> bool:
    # A standard-base64 thumbprint starts with '/' once in 64; real paths rarely
    # mix upper case, lower case and digits like random bytes do.
    return bool(_BASE64_STD.fullmatch(kid)) and all(
        any(test(c) for c in kid) for test in (str.isupper, str.islower, str.isdigit)
    )


# Letters, digits and a few punctuation marks cannot spell any attack below:
# the usual kid (a UUID, a thumbprint, "2024-01-key") is cleared with one match.
_PLAIN_KID = re.compile(r"[A-Za-z0-9_.@=+-]*")


def _kid_attacks(kid: str) -> list[str]:
    if _PLAIN_KID.fullmatch(kid):
        return []
    found = []
    if _TRAVERSAL.search(kid) or (_ROOTED.match(kid) and not _looks_base64(kid)):
        found.append("path traversal (a verifier that reads the key from a file by kid can be pointed at a file "
                     "whose content is known, e.g. /dev/null as an empty HMAC key)")  # fmt: skip
    if "\x00" in kid:
        found.append("NUL-byte truncation (C and file APIs stop reading the name at the NUL)")
    if _sql(kid):
        found.append("SQL injection (a key query that returns a key the attacker chose)")
    if _SHELL.search(kid):
        found.append("command injection (the kid reaching a shell)")
    if _URL.search(kid):
        found.append("a key URL (a verifier that fetches it verifies with the attacker's key, or makes requests "
                     "for them: SSRF)")  # fmt: skip
    return found


class SuspiciousKid(Rule[TokenTarget]):
    """## What it does
    Flags a `kid` that carries path traversal, a NUL byte, SQL or shell
    metacharacters, or a URL (a `kid` that is not a string is
    `header-param-type`'s finding).

    ## Why is this bad?
    `kid` is chosen by whoever wrote the token, before anything is verified.
    Verifiers that build a file path, an SQL query or a shell command from it
    can be made to verify with a key the attacker knows: `../../dev/null`
    gives an empty HMAC key, `x' UNION SELECT 'secret` returns a chosen one
    (RFC 8725 §3.10). RFC 7515 §4.1.4 makes `kid` a string. Ordinary ids
    (UUIDs, thumbprints, dates, `projects/.../cryptoKeyVersions/1` from Google
    Cloud KMS) are not flagged; an `https` URL (Azure Key Vault names keys so)
    is only noted.

    ## Fix
    Verifiers: look `kid` up in a fixed set of keys (a map, a JWKS), never use
    it in a path, query or command. Issuers: use plain identifiers, such as
    the RFC 7638 thumbprint of the key.

    ## Example
    `{"alg":"HS256","kid":"../../../../../../dev/null"}`
    """

    code = "JWT308"
    name = "suspicious-kid"
    severity = Severity.WARNING
    summary = "kid looks built to attack the key lookup (path traversal, SQL, shell, URL)."
    refs = (cite("RFC 8725", "3.10"), cite("RFC 7515", "4.1.4"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None or "kid" not in t.header:
            return
        kid = _text(t.header["kid"])
        if kid is None:
            return  # header-param-type's finding: a number or an object spells no attack
        attacks = _kid_attacks(kid)
        if not attacks:
            return
        if len(attacks) == 1 and re.match(r"https://", kid, re.I):
            # Azure Key Vault and others name keys by https URL: worth a note, not an alarm.
            message = (
                f"kid {quoted(kid)} is a URL: fine if your key store names keys so (Azure Key Vault does) and the "
                "verifier only looks it up; a verifier that fetches it can be pointed at the attacker's key (SSRF)"
            )
            severity = Severity.INFO
        else:
            message, severity = f"kid {quoted(kid)} suggests {'; and '.join(attacks)}", self.severity
        yield self.finding(
            message,
            header_span(t, "kid"),
            fix="verifiers must look kid up among known keys, never use it in a path, query, command or request; "
            "issuers should use a plain identifier (e.g. the key's RFC 7638 thumbprint)",
            severity=severity,
        )


class B64FalseWithoutCrit(Rule[TokenTarget]):
    """## What it does
    Flags `"b64": false` without `"b64"` in `crit` (a `b64` that is not a
    boolean is `header-param-type`'s finding).

    ## Why is this bad?
    `"b64": false` (RFC 7797) means the payload is signed as raw bytes, not
    base64url. A verifier that does not know RFC 7797 would silently read the
    payload the old way and check the signature over different bytes, so
    RFC 7797 §6 requires `crit` to include `"b64"`, which makes such
    verifiers reject the token instead. Producers that set `b64` by hand
    (node-jws, hand-rolled code) often forget it.

    ## Fix
    Add `"crit": ["b64"]` to the header (corrected list in `fixed`) and sign
    again; or drop `b64` and use an ordinary base64url payload. In a JWT
    (typ JWT, a claims-set payload, claim checks asked for) drop `b64`:
    JWTs must not use it at all (RFC 7797 §7, see `b64-false-in-jwt`).

    ## Example
    `{"alg":"HS256","b64":false}`
    """

    code = "JWT309"
    name = "b64-false-without-crit"
    severity = Severity.ERROR
    summary = "b64 is false but crit does not list 'b64'."
    refs = (cite("RFC 7797", "6"), cite("RFC 7797", "3"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None or "b64" not in t.header:
            return
        b64 = t.header["b64"]
        if not isinstance(b64, bool):
            return  # header-param-type's finding
        crit = t.header.get("crit")
        if b64 is False and not (isinstance(crit, list) and "b64" in crit):
            if _declares_jwt(t) or _jwt_evidence(t, ctx) is not None:
                yield self.finding(
                    "b64 is false but crit does not list \"b64\"; and this is a JWT, which must not use an "
                    "unencoded payload at all (RFC 7797 §7)",
                    header_span(t, "b64"),
                    fix=_JWT_B64_FIX + " (adding crit would make it worse: JWT libraries would then reject it)",
                )
                return
            fixed = (crit if isinstance(crit, list) else []) + ["b64"]
            yield self.finding(
                "b64 is false but crit does not list \"b64\": a verifier that does not know RFC 7797 reads the "
                "payload as base64url and checks the signature over different bytes",
                header_span(t, "b64"),
                fix=f'add "crit": {json.dumps(fixed)} to the header, then sign again',
                fixed=json.dumps(fixed),
                applicability=Applicability.UNSAFE,
            )


class ZipInJws(Rule[TokenTarget]):
    """## What it does
    Flags `zip` (compression) in the header of a JWS.

    ## Why is this bad?
    `zip` is a JWE parameter (RFC 7516 §4.1.3): it compresses the plaintext
    before encryption. JWS defines no compression, so a standard verifier
    hands the compressed bytes over as the payload and claims cannot be read.
    Some profiles do it anyway (SMART Health Cards deflate their JWS
    payloads), which works only between parties that follow that profile.
    RFC 8725 §3.6 also warns against compressing data before encrypting it.

    ## Fix
    Remove `zip` and sign the uncompressed payload; to make the token
    smaller, shorten the claims. Keep `zip` only where a profile every
    verifier follows requires it.

    ## Example
    `{"zip":"DEF","alg":"ES256","kid":"..."}` on a three-part token
    """

    code = "JWT310"
    name = "zip-in-jws"
    severity = Severity.ERROR
    summary = "A JWS header has zip, a JWE-only parameter: standard verifiers cannot read the payload."
    refs = (cite("RFC 7516", "4.1.3"), cite("RFC 8725", "3.6"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None or "zip" not in t.header or _is_jwe(t):
            return
        z = t.header["zip"]
        shown = quoted(z, 20) if _text(z) is not None else _json_type(z)
        yield self.finding(
            f"the JWS header has zip {shown}: zip is defined only for JWE, so standard JWS verifiers hand the "
            "compressed bytes over as the payload",
            header_span(t, "zip"),
            fix="remove zip and sign the uncompressed payload (keep it only if a profile every verifier follows, "
            "such as SMART Health Cards, requires it)",
        )


#: Each registered header parameter's JSON type, and where it is defined.
_STRING, _OBJECT, _BOOLEAN, _INTEGER, _X5C, _CRIT = "string", "object", "boolean", "integer", "x5c", "crit"
_PARAM_TYPES: dict[str, tuple[str, str]] = {
    "alg": (_STRING, "RFC 7515 §4.1.1"),
    "jku": (_STRING, "RFC 7515 §4.1.2"),
    "jwk": (_OBJECT, "RFC 7515 §4.1.3"),
    "kid": (_STRING, "RFC 7515 §4.1.4"),
    "x5u": (_STRING, "RFC 7515 §4.1.5"),
    "x5c": (_X5C, "RFC 7515 §4.1.6"),
    "x5t": (_STRING, "RFC 7515 §4.1.7"),
    "x5t#S256": (_STRING, "RFC 7515 §4.1.8"),
    "typ": (_STRING, "RFC 7515 §4.1.9"),
    "cty": (_STRING, "RFC 7515 §4.1.10"),
    "crit": (_CRIT, "RFC 7515 §4.1.11"),
    "enc": (_STRING, "RFC 7516 §4.1.2"),
    "zip": (_STRING, "RFC 7516 §4.1.3"),
    "epk": (_OBJECT, "RFC 7518 §4.6.1.1"),
    "apu": (_STRING, "RFC 7518 §4.6.1.2"),
    "apv": (_STRING, "RFC 7518 §4.6.1.3"),
    "iv": (_STRING, "RFC 7518 §4.7.1.1"),
    "tag": (_STRING, "RFC 7518 §4.7.1.2"),
    "p2s": (_STRING, "RFC 7518 §4.8.1.1"),
    "p2c": (_INTEGER, "RFC 7518 §4.8.1.2"),
    "b64": (_BOOLEAN, "RFC 7797 §3"),
}
_EXPECTED = {
    _STRING: "a string",
    _OBJECT: "a JSON object",
    _BOOLEAN: "a boolean (true or false)",
    _INTEGER: "a positive integer",
    _X5C: "a non-empty array of standard base64 (padded, not base64url) DER certificates",
    _CRIT: "an array of header parameter names (strings)",
}
#: Standard base64 with its padding (RFC 4648 §4), the alphabet of x5c entries.
_STD_B64 = re.compile(r"(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=")
_B64_ANY = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")


def _x5c_entry_problem(entry: Any) -> tuple[str, str | None] | None:
    """What is wrong with one x5c entry, and the corrected entry when that is plain; None when it is fine."""
    if not is_string(entry):
        return f"is {_json_type(entry)}, not a base64 string", None
    if _STD_B64.fullmatch(entry):
        return None
    if not entry:
        return "is an empty string", None
    if "-----BEGIN" in entry:
        return "holds PEM armor; x5c holds the base64 of the DER alone", None
    squeezed = "".join(entry.split())
    if squeezed != entry and _STD_B64.fullmatch(squeezed):
        return "has line breaks or spaces inside the base64", squeezed
    if _B64_ANY.fullmatch(squeezed):
        std = squeezed.rstrip("=").replace("-", "+").replace("_", "/")
        if len(std) % 4 != 1:
            std += "=" * (-len(std) % 4)
            url = "-" in squeezed or "_" in squeezed
            return ("is base64url ('-' or '_')" if url else "lacks its '=' padding"), std
    return "is not base64", None


def _string_fix(value: Any) -> str | None:
    """The string a non-string value obviously meant: a number's digits, an array's only string."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) or isinstance(value, LargeNumber):
        return json.dumps(value) if not isinstance(value, LargeNumber) else str(value)
    if isinstance(value, list) and len(value) == 1 and is_string(value[0]):
        return str(value[0])
    return None


class HeaderParamType(Rule[TokenTarget]):
    """## What it does
    Flags a registered header parameter whose value has the wrong JSON type:
    `alg`, `typ`, `cty`, `kid`, `jku`, `x5u`, `x5t`, `x5t#S256`, `enc`, `zip`
    (and the JWE key-agreement strings) not a string; `jwk` or `epk` not an
    object; `b64` not a boolean; `p2c` not a positive integer; `crit` not an
    array of strings; `x5c` not a non-empty array of standard (padded)
    base64 strings.

    ## Why is this bad?
    RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4 and RFC 7797 §3 give each
    registered parameter its type, and strict verifiers reject a header that
    breaks it when they parse it (Nimbus JOSE+JWT's `JWSHeader.parse`, jose4j,
    joserfc's header registry; PyJWT refuses a `kid` that is not a string).
    Lenient ones read `"kid": 123` as no key id at all, or compare it to the
    string ids of a key set and find nothing. `x5c` is the one place JOSE uses
    standard base64 with padding (RFC 7515 §4.1.6): base64url there is a
    different text, and parsers that decode it strictly fail.

    ## Fix
    Write the value with its registered type (the corrected value is in
    `fixed` when it is plain: `"kid": 123` becomes `"kid": "123"`), then sign
    again: the header is part of the signed text.

    ## Example
    `{"alg":"HS256","kid":123}`
    """

    code = "JWT311"
    name = "header-param-type"
    severity = Severity.ERROR
    summary = "A registered header parameter has the wrong JSON type (kid 123, b64 \"false\", x5c in base64url...)."
    refs = (
        cite("RFC 7515", "4.1"),
        cite("RFC 7515", "4.1.6"),
        cite("RFC 7516", "4.1"),
        cite("RFC 7518", "4.6.1"),
        cite("RFC 7797", "3"),
    )

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None:
            return
        for name, value in t.header.items():
            spec = _PARAM_TYPES.get(name)
            if spec is None:
                continue
            kind, where = spec
            if kind == _STRING:
                if is_string(value):
                    continue
                yield self._wrong(t, name, value, where, _string_fix(value), as_json=False)
            elif kind == _OBJECT:
                if not isinstance(value, dict):
                    yield self._wrong(t, name, value, where, None)
            elif kind == _BOOLEAN:
                if isinstance(value, bool):
                    continue
                fixed = value.lower() if is_string(value) and value.lower() in ("true", "false") else None
                yield self._wrong(t, name, value, where, fixed)
            elif kind == _INTEGER:
                if type(value) is int and value > 0 or isinstance(value, LargeNumber):
                    continue
                fixed = value.strip() if is_string(value) and value.strip().isdigit() else None
                yield self._wrong(t, name, value, where, fixed if fixed and int(fixed) > 0 else None)
            elif kind == _CRIT:
                if isinstance(value, list) and all(is_string(c) for c in value):
                    continue  # an empty or otherwise wrong list is crit-unsupported's finding
                yield self._wrong(t, name, value, where, json.dumps([value]) if is_string(value) else None)
            else:
                yield from self._x5c(t, value, where)

    def _wrong(
        self, t: TokenTarget, name: str, value: Any, where: str, fixed: str | None, as_json: bool = True
    ) -> Finding:
        shown = f'"{fixed}"' if fixed is not None and not as_json else fixed
        return self.finding(
            f"{name} is {_json_type(value)}; {where} makes it {_EXPECTED[_PARAM_TYPES[name][0]]}, and strict "
            "verifiers reject the header",
            header_span(t, name),
            fix=(f'write "{name}": {shown}' if shown is not None else f"write {name} as {_EXPECTED[_PARAM_TYPES[name][0]]}")
            + (", or leave it out" if name not in ("alg", "enc") else "")
            + ", then sign again",
            fixed=fixed,
            applicability=Applicability.UNSAFE if fixed is not None else Applicability.DISPLAY,
        )

    def _x5c(self, t: TokenTarget, value: Any, where: str) -> Iterator[Finding]:
        if is_string(value):
            entry = _x5c_entry_problem(value)
            fixed = json.dumps([value if entry is None else entry[1]]) if entry is None or entry[1] else None
            yield self._wrong(t, "x5c", value, where, fixed)
            return
        if not isinstance(value, list):
            yield self._wrong(t, "x5c", value, where, None)
            return
        if not value:
            yield self.finding(
                f"x5c is an empty array; {where} makes it {_EXPECTED[_X5C]}, the signer's certificate first",
                header_span(t, "x5c"),
                fix="put the signer's certificate chain in x5c, or leave x5c out, then sign again",
            )
            return
        problems = [(i, p) for i, p in ((i, _x5c_entry_problem(e)) for i, e in enumerate(value)) if p is not None]
        if not problems:
            return
        i, (why, _) = problems[0]
        more = f" ({len(problems) - 1} more entr{'ies' if len(problems) > 2 else 'y'} too)" if len(problems) > 1 else ""
        found = dict(problems)
        chain: list[Any] = [found[j][1] if j in found else e for j, e in enumerate(value)]
        plain = all(e is not None for e in chain)
        yield self.finding(
            f"x5c[{i}] {why}{more}; {where} makes x5c {_EXPECTED[_X5C]}",
            header_span(t, "x5c"),
            fix="encode each certificate's DER with standard base64 and its padding (not base64url, no PEM armor, "
            "no line breaks), then sign again",
            fixed=json.dumps(chain) if plain else None,
            applicability=Applicability.UNSAFE if plain else Applicability.DISPLAY,
        )


def _declares_jwt(t: TokenTarget) -> bool:
    """typ says the token is a JWT: JWT, application/jwt, or an explicit type ending in +jwt (RFC 7519 §5.1)."""
    typ = _text(t.header.get("typ")) if t.header else None
    if typ is None:
        return False
    folded = _media_type(typ.strip())
    return folded == "jwt" or folded.endswith("+jwt")


class B64FalseInJwt(Rule[TokenTarget]):
    """## What it does
    Flags `"b64": false` with `"crit": ["b64"]` (an unencoded payload,
    RFC 7797) in a JWT: a token whose unencoded payload is a claims set
    (`{...}`) or that claim checks were asked for (error), or whose `typ`
    alone says JWT (warning). Without `b64` in crit it is
    `b64-false-without-crit`'s finding, whose fix then says the same.

    ## Why is this bad?
    RFC 7797 §7 (which updates RFC 7519): JWTs MUST NOT use the unencoded
    payload option; a JWT's claims set is always base64url-encoded (RFC 7519
    §7.1 step 5), and JWT libraries
    (PyJWT's `jwt.decode`, jose4j's `JwtConsumer`, Nimbus' `SignedJWT`) either
    reject the token or check the signature over different bytes than the
    producer signed. An unencoded payload also cannot travel in a compact
    token if it has a '.' in it, and JSON often does.

    ## Fix
    Leave `b64` out (or set it to true) and sign base64url(claims) as usual.
    Keep `"b64": false` for detached or plain-content JWS only (RFC 7797 §4),
    not for JWTs. When only `typ` says JWT and the payload is plain content
    (PyJWT's `api_jws.encode` adds `typ: JWT` to every JWS), the finding is a
    warning: `typ` is the likely mistake.

    ## Example
    `{"alg":"HS256","typ":"JWT","b64":false,"crit":["b64"]}` with the claims
    `{"sub":"1"}` in place of the payload
    """

    code = "JWT312"
    name = "b64-false-in-jwt"
    severity = Severity.ERROR
    summary = "A JWT has b64 false: JWT claims are always base64url-encoded (RFC 7797 §7)."
    refs = (cite("RFC 7797", "7"), cite("RFC 7519", "7.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.header is None or t.header.get("b64") is not False or _is_jwe(t):
            return
        crit = t.header.get("crit")
        if not (isinstance(crit, list) and "b64" in crit):
            return  # b64-false-without-crit's finding (its fix says what to do in a JWT)
        why = _jwt_evidence(t, ctx)
        if why is not None:
            yield self.finding(
                f"b64 is false but {why}: JWTs must not use an unencoded payload, their claims are always "
                "base64url-encoded (RFC 7797 §7); JWT libraries reject the token or verify the signature over "
                "other bytes",
                header_span(t, "b64"),
                fix=_JWT_B64_FIX,
            )
        elif _declares_jwt(t):
            # typ says JWT, the payload says plain content (PyJWT's api_jws adds typ JWT to every JWS it
            # writes, b64 false or not): the two disagree, and only typ is wrong if the content is not claims.
            yield self.finding(
                f"b64 is false and typ {quoted(str(t.header['typ']))} says the token is a JWT, but JWTs must not "
                "use an unencoded payload (RFC 7797 §7); the payload is not a claims set, so typ is probably "
                "what is wrong",
                header_span(t, "b64"),
                fix='if this is not a JWT, leave typ out (PyJWT: headers={"typ": None}); if it is, remove "b64" '
                "and sign base64url(claims) as usual",
                severity=Severity.WARNING,
            )


_JWT_B64_FIX = (
    'remove "b64" (and "b64" from crit) and sign base64url(claims) as usual; keep b64 false only for '
    "plain-content or detached JWS"
)


def _jwt_evidence(t: TokenTarget, ctx: Context) -> str | None:
    """Why a token with b64 false is a JWT beyond its typ (a claims-set payload, claim checks), with the typ
    added when it says JWT too; None when only typ (or nothing) says so."""
    payload = t.segment("payload")
    if payload is not None and payload.text.lstrip().startswith("{"):
        why = "its payload is a JSON object, a JWT claims set"
    elif ctx.claim_checks:
        why = "claim checks (audience, issuer or a profile) were asked for, so it is read as a JWT"
    else:
        return None
    return f"typ {quoted(str(t.header['typ']))} says it is a JWT and {why}" if _declares_jwt(t) and t.header else why

RULES = [
    AlgMissing,
    AlgNone,
    AlgUnknown,
    TypUnusual,
    CritUnsupported,
    RemoteKeyUrl,
    EmbeddedJwk,
    SuspiciousKid,
    B64FalseWithoutCrit,
    ZipInJws,
    HeaderParamType,
    B64FalseInJwt,
]
