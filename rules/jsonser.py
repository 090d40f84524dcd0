"""JWS and JWE JSON serialization rules (RFC 7515 §7.2, RFC 7516 §7.2).

Intake reads a pasted JSON object in either serialization
(``jwtlint.token.jsonser``) and makes one token target per signature (or JWE
recipient) whose segments are the compact form it stands for: every token rule
reads it unchanged, and its ``header`` is the JOSE header (protected and
unprotected members). These rules judge what only the JSON form has: its shape,
and which header members sit outside the signature. They run only on such
targets (``needs``); findings point at the characters of the JSON text.
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Context, Finding, Rule, Severity, cite
from jwtlint.model import JsonSerialization, Span, TokenTarget


def _which(t: TokenTarget, ser: JsonSerialization) -> str:
    if ser.form != "json-general":
        return "the"
    return f"{'recipient' if t.form == 'jwe' else 'signature'} {ser.index + 1}'s"


class JsonSerRule(Rule[TokenTarget]):
    """A rule about a JWS/JWE JSON serialization: skipped for compact tokens."""

    needs = frozenset({"serialization"})


class JsonSerializationShape(JsonSerRule):
    """## What it does
    Flags a JWS or JWE JSON serialization whose members are missing or of the
    wrong type: no `signature`, neither `protected` nor `header`, a `protected`
    or `signature` that is not a string, a `header` that is not an object,
    `signatures` that is not a non-empty array, or the flattened members beside
    `signatures`.

    ## Why is this bad?
    RFC 7515 §7.2.1 fixes each member's type: `protected`, `payload` and
    `signature` are base64url strings, `header` is a JSON object, and every
    signature needs `signature` and at least one of `protected` and `header`
    (or no `alg` is conveyed). The flattened form (§7.2.2) is the general form
    without `signatures`; mixing the two leaves verifiers to guess which
    signature is meant, and strict libraries (jose4j, Nimbus, panva/jose) reject
    the object. RFC 7516 §7.2 says the same of a JWE.

    ## Fix
    Let a JOSE library write the object (jwcrypto `JWS.serialize()`, panva/jose
    `FlattenedSign`, josepy): one of the two forms, each member with its type.

    ## Example
    `{"payload":"eyJzdWIiOiIxIn0","protected":"eyJhbGciOiJFUzI1NiJ9","signatures":[...]}`
    """

    code = "JWT991"
    name = "json-serialization-shape"
    severity = Severity.ERROR
    summary = "A JWS/JWE JSON serialization has a member missing, of the wrong type, or both forms at once."
    refs = (cite("RFC 7515", "7.2.1"), cite("RFC 7515", "7.2.2"), cite("RFC 7516", "7.2.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ser = t.serialization
        if ser is None:  # a compact token (``needs`` skips the rule then)
            return
        for problem, (start, end) in ser.problems:
            if ser.index and _shared(problem):
                continue  # a problem of the whole object is said once, on the first signature
            yield self.finding(
                problem,
                Span("input", start, end),
                fix="write the object with a JOSE library, in one serialization, each member with its RFC 7515 "
                "§7.2 type",
            )


def _shared(problem: str) -> bool:
    """True for a problem of the object as a whole (it names no signature or recipient)."""
    return not (" in signature " in problem or " in recipient " in problem or problem.startswith(("signature ", "recipient ", "there is no", "neither")))


class HeaderParamInBoth(JsonSerRule):
    """## What it does
    Flags a header parameter given both in the protected header and in the
    unprotected `header` (or, for a JWE, in more than one of `protected`,
    `unprotected` and the recipient's `header`).

    ## Why is this bad?
    RFC 7515 §7.2.1 and RFC 7516 §7.2.1 require the names in the header parts to
    be disjoint: the JOSE header is their union. Given twice, one library takes
    the protected value and another the unprotected one, so two verifiers
    disagree on the `alg` or `kid` of the same signature; the unprotected value
    can be changed by anyone without breaking the signature.

    ## Fix
    Keep each parameter in one place: security-relevant ones (`alg`, `crit`,
    `b64`, `typ`) in the protected header. Sign again if the protected header
    changes.

    ## Example
    `{"protected":"eyJhbGciOiJSUzI1NiJ9","header":{"alg":"none"},...}`
    """

    code = "JWT992"
    name = "header-param-in-both"
    severity = Severity.ERROR
    summary = "A header parameter is both protected and unprotected; the names must be disjoint."
    refs = (cite("RFC 7515", "7.2.1"), cite("RFC 7516", "7.2.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ser = t.serialization
        if ser is None:  # a compact token (``needs`` skips the rule then)
            return
        if not ser.protected:
            return
        for name in ser.unprotected:
            if name in ser.protected:
                same = ser.unprotected[name] == ser.protected[name]
                yield self.finding(
                    f"{name!r} is in both {_which(t, ser)} protected header and its unprotected header"
                    + (" (the same value)" if same else " with different values: verifiers disagree on which counts"),
                    ser.header_span(name),
                    fix=f"remove {name!r} from the unprotected header (the protected value is the one the signature "
                    "covers)",
                )


#: Header parameters that must be integrity protected (RFC 7515 §4.1.11, RFC 7797 §3).
_MUST_PROTECT = {"crit": "RFC 7515 §4.1.11", "b64": "RFC 7797 §3"}


class ParamNotProtected(JsonSerRule):
    """## What it does
    Flags `crit` or `b64` in the unprotected header of a JWS (or JWE) JSON
    serialization, and notes an `alg` that only the unprotected header carries.

    ## Why is this bad?
    `crit` must be integrity protected: it must occur only in the protected
    header (RFC 7515 §4.1.11, RFC 7516 §4.1.13), and so must `b64` (RFC 7797
    §3): anyone can add, drop or change an unprotected member without breaking
    the signature, so an unprotected `crit` cannot make anything critical and an
    unprotected `b64` changes what the signature is checked over. Conforming
    verifiers reject the object. An `alg` only in the unprotected header is
    allowed (RFC 7515 §7.2.1) but not covered by the signature: the signature
    bytes can be presented under another algorithm name, and the verifier must
    pin the algorithm (RFC 8725 §3.1).

    ## Fix
    Move `crit` and `b64` (and preferably `alg`) into the protected header and
    sign again.

    ## Example
    `{"payload":"...","protected":"eyJhbGciOiJFUzI1NiJ9","header":{"crit":["exp"],"exp":1},"signature":"..."}`
    """

    code = "JWT993"
    name = "param-not-protected"
    severity = Severity.ERROR
    summary = "crit or b64 sits in the unprotected header (they must be protected); alg only there is noted."
    refs = (cite("RFC 7515", "4.1.11"), cite("RFC 7797", "3"), cite("RFC 7515", "7.2.1"), cite("RFC 8725", "3.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ser = t.serialization
        if ser is None:  # a compact token (``needs`` skips the rule then)
            return
        for name, where in _MUST_PROTECT.items():
            if name in ser.unprotected:
                yield self.finding(
                    f"{name!r} is in {_which(t, ser)} unprotected header; {where} requires it to be integrity protected "
                    "(only in the protected header), so conforming verifiers reject it",
                    ser.header_span(name),
                    fix=f"move {name!r} into the protected header and sign again",
                )
        protected = ser.protected or {}
        # A JWE's per-recipient alg belongs in the recipient's header (RFC 7516 §7.2.1): not a JWS concern.
        if "alg" in ser.unprotected and "alg" not in protected and t.form != "jwe":
            yield self.finding(
                f"alg is only in {_which(t, ser)} unprotected header: the signature does not cover it, so it can be "
                "changed without breaking the signature",
                ser.header_span("alg"),
                fix="put alg in the protected header and sign again; verifiers must pin the algorithms they accept",
                severity=Severity.WARNING,
            )


class TooManySignatures(JsonSerRule):
    """## What it does
    Says that a JWS (or JWE) JSON serialization holds more signatures (recipients)
    than jwtlint reads (`limits.MAX_JSON_SIGNATURES`, 100); the rest were counted,
    not checked.

    ## Why is this bad?
    Real objects carry one or two signatures. Thousands are a hostile input (each
    one costs a verifier a signature check) or a mistake, and none past the limit
    was linted.

    ## Fix
    Send the signatures a verifier needs; lint a large object in parts.

    ## Example
    `{"payload":"...","signatures":[{...}, ... 100,000 entries]}`
    """

    code = "JWT994"
    name = "too-many-signatures"
    severity = Severity.WARNING
    summary = "A JSON serialization holds more signatures than jwtlint reads; the rest were not checked."
    refs = (cite("RFC 7515", "7.2.1"),)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ser = t.serialization
        if ser is None:  # a compact token (``needs`` skips the rule then)
            return
        if ser.skipped:
            what = "recipients" if t.form == "jwe" else "signatures"
            yield self.finding(
                f"the object holds {ser.count:,} {what}; jwtlint read the first {ser.count - ser.skipped:,} and did "
                f"not check the other {ser.skipped:,}",
                ser.span("object"),
                fix=f"send only the {what} a verifier needs, or lint the object in parts",
            )


RULES = [JsonSerializationShape, HeaderParamInBoth, ParamNotProtected, TooManySignatures]
