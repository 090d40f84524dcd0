"""Key rules (JWT6xx): what is wrong with a key file, as recorded by ``jwtlint.keys.parse``.

Each rule reads a ``KeyTarget`` (PEM layout, what the DER really is, the
loaded ``KeyInfo``). The rules on key strength (``rsa-key-too-small``,
``rsa-weak-exponent``, ``known-sample-key``) judge the facts every key parser
records on the ``KeyInfo`` (size, exponent, fingerprint), so they apply to a key
in any form: a key file, a JWK, a JWK Set member, and a key object a token is
verified with. Spans point at the input text (part ``input``) or,
for binary DER, at the bytes (part ``der[i]``). A ``fixed`` value that holds
private material is marked sensitive: reports hide it without --show-secrets.

Whether a public key or a certificate is a problem depends on what the key is
for: linted on its own, it is what a verifier needs (info); under a profile
whose tokens the user signs (Salesforce, Google, Apple, GitHub App, RFC 7523
client assertions) a signing key is needed, so it is an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Union

from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.keys.der import LABELS, STRUCTURE_NAMES
from jwtlint.keys.jwkmodel import JwksTarget, JwkTarget
from jwtlint.keys.info import KeyInfo
from jwtlint.keys.model import KeyBlock, KeyTarget
from jwtlint.keys.parse import spki_fingerprint
from jwtlint.model import Span, Target, TokenTarget
from jwtlint.rules._helpers import pem_anchor, with_article
from jwtlint.timefmt import iso

_KEY = frozenset({"key"})
#: Every form a key comes in: a key file (PEM, DER, base64 DER, OpenSSH, certificate), a JWK, a JWK Set.
_KEY_FORMS = frozenset({"key", "jwk", "jwks", "token"})
#: ... and a token, for the keys given as objects (``lint(key=obj)``): they have no target of their own.
KeyForm = Union[KeyTarget, JwkTarget, JwksTarget, TokenTarget]

#: Profiles whose tokens the user signs: the key checked for them must be a private key.
SIGNING_PROFILES = frozenset(
    {"salesforce-jwt-bearer", "google-service-account", "apple-client-secret", "github-app", "rfc7523-client-assertion"}
)


def _where(block: KeyBlock) -> str:
    return f"PEM block {block.index + 1}" if block.form == "pem" else {"der": "the DER", "openssh": "the OpenSSH key"}.get(block.form, "the base64")


def _secret(block: KeyBlock) -> bool:
    """Whether the block may hold private material (then ``fixed`` values are sensitive)."""
    return not (block.der is not None and block.der.structure in ("spki", "pkcs1-public", "certificate") and not block.der.problem)


def _wrap(label: str, b64: str) -> str:
    """A PEM block as RFC 7468 §2 lays it out: armor on its own lines, 64 characters per line, LF."""
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]) + "\n"


def _rsa_facts(t: KeyForm, member: str, given: tuple[KeyInfo, ...] = ()) -> Iterator[tuple[int | None, int | None, str, Span]]:
    """(modulus bits, public exponent, how to name the key, where to point) for each RSA key of
    ``t``, whatever its form: the facts every key parser records on the ``KeyInfo``, or, for a
    key block that could not be loaded (too large, say), read from its ASN.1. A JWK's finding
    points at its ``member`` (``n`` for the size, ``e`` for the exponent). Keys ``given`` as
    objects have no target of their own and are reported on the token (key text given is
    linted as its own target)."""
    if isinstance(t, TokenTarget):
        sig = t.segment("signature") if given else None
        if sig is None:
            return
        for k in given:
            if k.kty == "RSA" and k.source in ("", "object"):
                yield k.bits, k.exponent, "the key given", sig.span()
        return
    if isinstance(t, KeyTarget):
        for block in t.blocks:
            loaded = block.key if block.key is not None and block.key.kty == "RSA" else None
            der = block.der
            bits = loaded.bits if loaded is not None else (der.rsa_bits if der is not None else None)
            e = loaded.exponent if loaded is not None else (der.rsa_exponent if der is not None else None)
            if bits or e is not None:
                yield bits, e, _where(block), pem_anchor(block)
        return
    for r in t.records:
        if r.key is not None and r.key.kty == "RSA":
            yield r.key.bits, r.key.exponent, r.where, r.member_span(member)


def _signing_needed(ctx: Context) -> bool:
    return ctx.profile in SIGNING_PROFILES


class PemArmorInBase64(Rule[KeyTarget]):
    """## What it does
    Flags PEM armor (`-----BEGIN ...-----`) where bare base64 is expected: a
    whole PEM file base64-encoded again, or a PEM block flattened onto one
    line, the form a key takes in a string constant that code base64-decodes.

    ## Why is this bad?
    APIs that take a key as base64 of DER (Apex `EncodingUtil.base64Decode`
    before `Crypto.sign`, Java `Base64.getDecoder()` before
    `PKCS8EncodedKeySpec`, .NET `Convert.FromBase64String`) fail on the first
    `-` of the armor: Apex says `Unrecognized base64 character: -`. Base64 of
    a PEM file decodes to text, not to DER, and fails one step later.

    ## Fix
    Give the decoder only the base64 between the armor lines (`fixed` holds
    it), or base64-encode the DER: `openssl pkey -in key.pem -outform DER | base64 -w0`.

    ## Example
    An Apex string `'-----BEGIN PRIVATE KEY-----MIIEvQIBADANBg...-----END PRIVATE KEY-----'`
    passed to `EncodingUtil.base64Decode`.
    """

    code = "JWT601"
    name = "pem-armor-in-base64"
    severity = Severity.ERROR
    summary = "PEM armor sits where bare base64 of DER is expected (Apex: 'Unrecognized base64 character: -')."
    targets = _KEY
    refs = (
        cite("RFC 7468", "2"),
        cite("Apex Crypto.sign", url="https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_crypto.htm"),
    )

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        if t.form == "base64-pem" and t.blocks:
            block = t.blocks[0]
            yield self.finding(
                "the base64 decodes to a whole PEM file (armor and line breaks included), not to DER: "
                "a consumer that base64-decodes the value and reads DER fails",
                block.span,
                fix="base64-encode the DER instead (fixed): `openssl pkey -in key.pem -outform DER | base64 -w0` "
                "(or store the PEM itself and read it as PEM)",
                fixed=block.pem.base64 if block.pem is not None else None,
                sensitive=_secret(block),
            )
            return
        for block in t.blocks:
            if block.pem is None or block.form != "pem" or not block.pem.single_line or not block.pem.base64:
                continue
            dash = block.pem.begin.start
            yield self.finding(
                f"{_where(block)} is on one line with its armor: a base64 decoder given this value "
                f"(Apex EncodingUtil.base64Decode, Java Base64.getDecoder, .NET Convert.FromBase64String) fails "
                f"at the first '-' (character {dash}): 'Unrecognized base64 character: -'",
                Span("input", dash, block.pem.begin.end),
                fix="where bare base64 is expected, pass only the base64 between '-----BEGIN ...-----' and "
                "'-----END ...-----' (fixed); where PEM is expected, restore the line breaks (pem-single-line)",
                fixed=block.pem.base64,
                sensitive=_secret(block),
                severity=Severity.WARNING,
            )


class PemMalformed(Rule[KeyTarget]):
    """## What it does
    Flags a PEM block (or DER, or base64 DER) that a key reader cannot read:
    a missing or unpaired BEGIN/END line, BEGIN and END labels that differ,
    armor without five dashes, characters no base64 has, base64 cut short,
    DER that is truncated, nested too deep or not a key structure, a key
    cryptography refuses, or a body beyond jwtlint's limits.

    ## Why is this bad?
    RFC 7468 §2 fixes the format: `-----BEGIN label-----`, base64 lines,
    `-----END label-----` with the same label. Readers reject anything else
    with opaque messages (`PEM_read_bio: no start line`, `Invalid PEM
    formatting`, `DECODER routines::unsupported`).

    ## Fix
    Export the key again from its source (`openssl pkey -in key.pem -out fixed.pem`),
    or repair what the finding names: the armor line, the stray characters,
    the missing lines.

    ## Example
    A key copied from a web page without its last line: `-----END PRIVATE KEY-----` missing.
    """

    code = "JWT602"
    name = "pem-malformed"
    severity = Severity.ERROR
    summary = "A PEM block or DER key cannot be read: armor, base64 or DER structure is broken."
    targets = _KEY
    refs = (cite("RFC 7468", "2"), cite("RFC 7468", "3"), cite("ITU-T X.690", "8.1", url="https://www.itu.int/rec/T-REC-X.690"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        if t.problem in ("not-key", "empty"):
            if t.blocks:
                b = t.blocks[0]
                what = f"looks like base64 but does not decode to a key ({b.der.detail if b.der else 'not DER'})"
            else:
                what = "is empty" if t.problem == "empty" else "holds no key: no PEM block, DER, base64 DER, OpenSSH key or JWK"
            yield self.finding(
                f"the key material {what}",
                t.blocks[0].span if t.blocks else Span("input", 0, len(t.text)),
                fix="give the key file itself (PEM with its BEGIN/END lines, DER, or a JWK)",
            )
            return
        for block in t.blocks:
            yield from self._armor(block)
            yield from self._content(block)

    def _armor(self, block: KeyBlock) -> Iterator[Finding]:
        pem = block.pem
        if pem is None or block.form != "pem":
            return
        label = pem.label
        if pem.end is None:
            yield self.finding(
                f"{_where(block)} ('{label}') has no END line",
                pem.begin,
                fix=f"add the line '-----END {label}-----' after the base64 (the key was probably cut when copied)",
                fixed=_wrap(label, pem.base64) if block.key else None,
                sensitive=_secret(block),
            )
        elif pem.begin.start == pem.begin.end:
            yield self.finding(
                f"{_where(block)} has an END line ('{pem.end_label}') with no BEGIN line before it",
                pem.end,
                fix=f"add '-----BEGIN {pem.end_label}-----' before the base64 (the first line was lost when copied)",
            )
        elif pem.end_label != label:
            yield self.finding(
                f"{_where(block)} begins '{label}' but ends '{pem.end_label}'",
                pem.end,
                fix=f"make the END line '-----END {label}-----'",
            )
        if any(d not in (0, 5) for d in pem.dashes):
            yield self.finding(
                f"{_where(block)}'s armor does not have five dashes on each side",
                pem.begin if pem.dashes[0] != 5 else pem.end,
                fix="write the armor as '-----BEGIN LABEL-----' and '-----END LABEL-----' (five dashes each)",
            )
        if pem.illegal:
            off, ch = pem.illegal[0]
            yield self.finding(
                f"{_where(block)} has {len(pem.illegal)} character(s) no base64 has, first {ch!r} at character {off}",
                Span("input", off, off + 1),
                fix="remove what is not base64 between the armor lines (quotes, '+' of string concatenation, stray text)",
            )
        elif pem.base64_bad and not pem.too_large and block.der is not None and block.der.problem:
            yield self.finding(
                f"{_where(block)}'s base64 has a length or padding no whole base64 text has: the key was cut short",
                pem.body,
                fix="copy the key again, whole",
            )

    def _content(self, block: KeyBlock) -> Iterator[Finding]:
        if block.pem is not None and block.pem.too_large:
            yield self.finding(
                f"{_where(block)}'s body is over jwtlint's limit and was not read",
                block.pem.body,
                fix="a key is at most a few KiB; check that this is the key file",
            )
            return
        der = block.der
        span = block.pem.body if block.pem is not None and block.form == "pem" else block.span
        if der is not None and der.problem:
            if der.problem == "too-long":
                msg = f"{_where(block)} holds {der.detail}"
            elif der.problem in ("unknown-structure", "not-a-sequence"):
                msg = f"{_where(block)} is DER but no key structure ({der.detail})"
            else:
                msg = f"{_where(block)} is not valid DER: {der.detail}"
            where = Span(f"der[{block.index}]", der.offset, der.length) if block.form == "der" else span
            yield self.finding(msg, where, fix="export the key again (`openssl pkey -in key.pem -out fixed.pem`); "
                               "this one was cut or damaged in transit")  # fmt: skip
        elif block.key is None and block.load_error and not block.encrypted and der is not None:
            yield self.finding(
                f"{_where(block)} ({STRUCTURE_NAMES.get(der.structure, der.structure)}) cannot be loaded: {block.load_error}",
                span,
                fix="export the key again from its source; if it is an unusual key type, use RSA 2048+, P-256 or Ed25519",
            )


class PemLabelMismatch(Rule[KeyTarget]):
    """## What it does
    Flags a PEM block whose label says one thing and whose DER says another,
    e.g. `BEGIN PRIVATE KEY` (PKCS#8) around a PKCS#1 `RSAPrivateKey`.

    ## Why is this bad?
    Readers pick the parser by the label (RFC 7468 §4-§13): PKCS#1 bytes read
    as PKCS#8 fail (`DECODER routines::unsupported`, Java
    `InvalidKeySpecException`). It happens when someone edits the armor by
    hand to "convert" a key.

    ## Fix
    Give the block the label its bytes need (`fixed`), or convert the bytes
    for real: `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem`.

    ## Example
    `-----BEGIN PRIVATE KEY-----` around `MIIEowIBAAKCAQEA...` (a PKCS#1 key).
    """

    code = "JWT603"
    name = "pem-label-mismatch"
    severity = Severity.ERROR
    summary = "The PEM label does not name what the DER inside really is."
    targets = _KEY
    refs = (cite("RFC 7468", "5"), cite("RFC 7468", "10"), cite("RFC 7468", "11"), cite("RFC 7468", "13"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        for block in t.blocks:
            pem, der = block.pem, block.der
            if block.form != "pem" or pem is None or der is None or der.problem or der.structure not in LABELS:
                continue
            right = LABELS[der.structure]
            if pem.label in right:
                continue
            yield self.finding(
                f"{_where(block)} is labelled '{pem.label}' but holds a {STRUCTURE_NAMES[der.structure]}, "
                f"whose label is '{right[0]}'",
                pem.begin,
                fix=f"change the armor to '-----BEGIN {right[0]}-----' / '-----END {right[0]}-----'"
                + (", or convert it: `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem`" if der.private else ""),
                fixed=_wrap(right[0], pem.base64),
                sensitive=_secret(block),
                applicability=Applicability.SAFE,
            )


class PemSingleLine(Rule[KeyTarget]):
    """## What it does
    Flags a PEM block whose BEGIN line, base64 and END line are all on one line
    (with spaces, or nothing, where the line breaks were).

    ## Why is this bad?
    RFC 7468 §2 puts the armor on lines of their own; OpenSSL, Node
    `crypto.createPrivateKey`, Go `pem.Decode` and Java PEM readers find no
    key in a flattened block (`no start line`, `unsupported`). Pasting a key
    into a one-line field (a CI variable, a web form, a .env value) does this.

    ## Fix
    Restore the line breaks (`fixed`), or store the key as a file or with
    `\\n` escapes that the reading code turns back into newlines.

    ## Example
    `-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC... -----END PRIVATE KEY-----`
    """

    code = "JWT604"
    name = "pem-single-line"
    severity = Severity.ERROR
    summary = "A PEM block is flattened onto one line; PEM readers need the armor on its own lines."
    targets = _KEY
    refs = (cite("RFC 7468", "2"),)

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        for block in t.blocks:
            pem = block.pem
            if block.form != "pem" or pem is None or not pem.single_line or not pem.base64:
                continue
            how = f"{len(pem.spaces)} spaces where line breaks were" if pem.spaces else "no line breaks at all"
            yield self.finding(
                f"{_where(block)} ('{pem.label}') is on a single line ({how}); PEM readers need the BEGIN and END lines on their own",
                Span("input", pem.begin.start, pem.end.end if pem.end else pem.body.end),
                fix="put the BEGIN line, the base64 (64 characters per line) and the END line on separate lines (fixed)",
                fixed=_wrap(pem.label, pem.base64),
                sensitive=_secret(block),
                applicability=Applicability.SAFE,
            )


class EscapedNewlines(Rule[KeyTarget]):
    """## What it does
    Flags a PEM block whose line breaks are the two characters `\\n` instead of newlines.

    ## Why is this bad?
    Keys kept in environment variables, JSON or YAML are often written with
    `\\n` escapes. When the reading code gets the escapes literally (an env
    var set from a dashboard, `process.env.KEY`, `os.environ`), PEM readers
    see one line with backslashes in the base64 and fail (`error:1E08010C:
    DECODER routines::unsupported`, `Could not deserialize key data`). Inside
    a JSON string or a double-quoted dotenv value the escapes are decoded by
    the reader and are fine: then it is only noted (info).

    ## Fix
    Replace the escapes with newlines where the key is read
    (`key.replace(/\\\\n/g, '\\n')` in Node, `key.replace('\\\\n', '\\n')` in
    Python), or store the real multi-line key; `fixed` holds it.

    ## Example
    `-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEF...\\n-----END PRIVATE KEY-----\\n`
    """

    code = "JWT605"
    name = "escaped-newlines"
    severity = Severity.ERROR
    summary = "A PEM block has literal '\\n' escapes where line breaks should be."
    targets = _KEY
    refs = (cite("RFC 7468", "2"), cite("RFC 8259", "7"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        for block in t.blocks:
            pem = block.pem
            if block.form != "pem" or pem is None or not pem.escaped_newlines:
                continue
            first = pem.escaped_newlines[0]
            start = pem.begin.start
            quoted = start > 0 and t.text[start - 1] == '"'
            yield self.finding(
                f"{_where(block)} has {len(pem.escaped_newlines)} literal '\\n' escapes where line breaks should be"
                + (" (inside a double-quoted string: fine if a JSON or dotenv reader decodes them)" if quoted else ""),
                Span("input", first, first + 2),
                fix="turn the escapes into newlines where the key is read (Node: key.replace(/\\\\n/g, '\\n')), "
                "or store the multi-line key (fixed)",
                fixed=_wrap(pem.label, pem.base64),
                sensitive=_secret(block),
                severity=Severity.INFO if quoted else None,
            )


class CrlfLineEndings(Rule[KeyTarget]):
    """## What it does
    Flags a PEM block with Windows `\\r\\n` line endings.

    ## Why is this bad?
    PEM readers accept them, but code that strips the armor and joins the
    lines on `\\n` leaves a `\\r` in the base64: Java's decoder fails with
    `Illegal base64 character d`, Apex with `Unrecognized base64 character`.
    Signatures over keys copied this way also break in shell scripts.

    ## Fix
    Convert to `\\n` line endings (`dos2unix key.pem`, or `fixed`), and in
    code strip all whitespace before base64-decoding.

    ## Example
    A key saved on Windows and read by `new String(Files.readAllBytes(...)).replace("\\n", "")`.
    """

    code = "JWT606"
    name = "crlf-line-endings"
    severity = Severity.WARNING
    summary = "A PEM block has CRLF line endings; code that splits on '\\n' keeps a '\\r' in the base64."
    targets = _KEY
    refs = (cite("RFC 7468", "2"), cite("RFC 4648", "3.3"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        for block in t.blocks:
            pem = block.pem
            if block.form != "pem" or pem is None or not pem.crlf:
                continue
            first = pem.crlf[0]
            yield self.finding(
                f"{_where(block)} has {len(pem.crlf)} CRLF line endings",
                Span("input", first, first + 2),
                fix="convert the file to LF line endings (dos2unix key.pem); in code, remove all whitespace before base64-decoding",
                fixed=_wrap(pem.label, pem.base64),
                sensitive=_secret(block),
                applicability=Applicability.SAFE,
            )


class Pkcs1PrivateKey(Rule[KeyTarget]):
    """## What it does
    Flags a private key in a legacy format, PKCS#1 `RSAPrivateKey`
    (`BEGIN RSA PRIVATE KEY`, what `openssl genrsa -traditional` and old
    OpenSSL write) or SEC1 `ECPrivateKey` (`BEGIN EC PRIVATE KEY`), where
    most platforms want PKCS#8 `PrivateKeyInfo` (`BEGIN PRIVATE KEY`).

    ## Why is this bad?
    Java's `PKCS8EncodedKeySpec`, Apex `Crypto.sign`, .NET
    `ImportPkcs8PrivateKey`, Go `x509.ParsePKCS8PrivateKey` and Salesforce,
    Google and Apple documentation take PKCS#8 only: a PKCS#1 key fails with
    `InvalidKeySpecException: algid parse error, not a sequence` or
    `Invalid crypto key`. Node and PyJWT read both.

    ## Fix
    Convert it: `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem`
    (`fixed` holds the converted key; shown with --show-secrets).

    ## Example
    A key from `openssl genrsa -traditional -out key.pem 2048` given to Java's `KeyFactory`.
    """

    code = "JWT607"
    name = "pkcs1-private-key"
    severity = Severity.WARNING
    summary = "The private key is PKCS#1 (or SEC1); most platforms need PKCS#8."
    targets = _KEY
    refs = (
        cite("RFC 5208", "5"), cite("RFC 8017", "Appendix A.1.2"), cite("RFC 5915", "3"),
        cite("Java PKCS8EncodedKeySpec", url="https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/security/spec/PKCS8EncodedKeySpec.html"),
    )  # fmt: skip

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        for block in t.blocks:
            der = block.der
            if der is None or der.problem or der.structure not in ("pkcs1-private", "sec1-private"):
                continue
            name = STRUCTURE_NAMES[der.structure]
            yield self.finding(
                f"{_where(block)} is {with_article(name)}"
                + (f" (labelled '{block.pem.label}')" if block.pem is not None and block.pem.label else "")
                + ": Java, Apex Crypto.sign, .NET and Go's ParsePKCS8PrivateKey need PKCS#8 ('BEGIN PRIVATE KEY')",
                pem_anchor(block),
                fix="convert it: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem",
                fixed=_pkcs8(block.key),
                sensitive=True,
                applicability=Applicability.SAFE,
                severity=Severity.ERROR if ctx.profile == "salesforce-jwt-bearer" else None,
            )


def _pkcs8(key: Any) -> str | None:
    """The key as PKCS#8 PEM (the converted key: secret)."""
    if key is None or key.crypto is None or not key.private:
        return None
    from cryptography.hazmat.primitives import serialization

    try:
        pem: bytes = key.crypto.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return pem.decode("ascii")
    except Exception:  # a key type cryptography cannot write as PKCS#8: no fixed value
        return None


class EncryptedPrivateKey(Rule[KeyTarget]):
    """## What it does
    Flags a private key encrypted with a passphrase (`BEGIN ENCRYPTED PRIVATE
    KEY`, `Proc-Type: 4,ENCRYPTED`, or an encrypted OpenSSH key).

    ## Why is this bad?
    A JWT library given it without the passphrase fails (`Password was not
    given but private key is encrypted`, `bad decrypt`), and jwtlint cannot
    check what is inside. Most JWT APIs take no passphrase at all.

    ## Fix
    Decrypt it for the signer, kept as a secret file or in a secret store:
    `openssl pkey -in key.pem -out key.plain.pem` (asks for the passphrase),
    or pass the passphrase where the library takes one.

    ## Example
    A key from `openssl genpkey -algorithm RSA -aes256 -out key.pem`.
    """

    code = "JWT608"
    name = "encrypted-private-key"
    severity = Severity.WARNING
    summary = "The private key is encrypted with a passphrase; JWT libraries and jwtlint cannot use it as is."
    targets = _KEY
    refs = (cite("RFC 5958", "3"), cite("RFC 7468", "11"), cite("RFC 1421", "4.6.1.1"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        for block in t.blocks:
            if not block.encrypted:
                continue
            yield self.finding(
                f"{_where(block)} is a private key {block.load_error or 'encrypted with a passphrase'}; "
                "jwtlint could not check what it holds",
                pem_anchor(block, ("pem", "openssh")),
                fix="decrypt it for the signer: openssl pkey -in key.pem -out key.plain.pem "
                "(ssh-keygen -p -N '' -f key for OpenSSH keys), or give the library the passphrase",
            )


class PublicKeyNotPrivate(Rule[KeyTarget]):
    """## What it does
    Notes that the key material holds only public keys (no private key).

    ## Why is this bad?
    A public key verifies tokens; it cannot sign them. Checked on its own that
    is a fact worth knowing (info): it is what the verifying party needs.
    Under a profile whose tokens you sign (`--profile salesforce-jwt-bearer`,
    `google-service-account`, `apple-client-secret`, `github-app`,
    `rfc7523-client-assertion`) it is an error: signing with it fails
    (`PEM_read_bio_PrivateKey: no start line`, `secretOrPrivateKey must be an
    asymmetric key when using RS256`).

    ## Fix
    Sign with the private key (`BEGIN PRIVATE KEY`); give the public key to
    the party that verifies (`jwtlint key pub key.pem`).

    ## Example
    `-----BEGIN PUBLIC KEY-----` given to the signing step of a Salesforce JWT bearer flow.
    """

    code = "JWT609"
    name = "public-key-not-private"
    severity = Severity.INFO
    summary = "The key material is a public key: it verifies, it cannot sign."
    targets = _KEY
    refs = (cite("RFC 7515", "5.1"), cite("RFC 7517", "4"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        if any(k.private for k in t.keys) or any(b.encrypted for b in t.blocks):
            return
        signing = _signing_needed(ctx)
        if not signing and any(k is given for k in t.keys for given in ctx.keys):
            return  # the key given to verify a token with (--key): public is what it should be
        for block in t.blocks:
            if block.key is None or block.key.private or block.key.source == "certificate":
                continue
            yield self.finding(
                f"{_where(block)} is {with_article(block.key.describe())}"
                + (f": the {ctx.profile} profile needs the private key to sign" if signing else "; it verifies, it cannot sign"),
                pem_anchor(block),
                fix="sign with the private key; give this public key to the party that verifies",
                severity=Severity.ERROR if signing else None,
            )


class CertificateNotKey(Rule[KeyTarget]):
    """## What it does
    Flags an X.509 certificate given where a key is expected (and no private
    key with it).

    ## Why is this bad?
    A certificate wraps a public key with a name and a validity period. Some
    verifiers take it (Node `jsonwebtoken`), others need the bare public key
    (PyJWT: `Could not deserialize key data`; jose4j, `x5c` aside), and no
    signer can sign with it. Under a profile whose tokens you sign it is an error.

    ## Fix
    Extract the public key for verifiers: `openssl x509 -pubkey -noout -in
    cert.pem > pub.pem` (`fixed`); sign with the private key that belongs to it.

    ## Example
    The certificate uploaded to a Salesforce connected app, given to PyJWT's `jwt.decode`.
    """

    code = "JWT610"
    name = "certificate-not-key"
    severity = Severity.WARNING
    summary = "A certificate is given where a key is expected; some libraries need the bare public key."
    targets = _KEY
    refs = (cite("RFC 5280", "4.1"), cite("RFC 7468", "5"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        if any(k.private for k in t.keys) or any(b.encrypted for b in t.blocks):
            return
        certs = [(b, k) for b in t.blocks if (k := b.key) is not None and k.source == "certificate"]
        if not certs:
            return
        block, key = certs[0]  # the leaf comes first in a chain
        signing = _signing_needed(ctx)
        yield self.finding(
            f"{_where(block)} is an X.509 certificate"
            + (f" ({len(certs)} in a chain)" if len(certs) > 1 else "")
            + f" holding {with_article(key.describe())}"
            + (f": the {ctx.profile} profile needs the private key to sign" if signing else ", not a bare key"),
            pem_anchor(block),
            fix="extract the public key for verifiers: openssl x509 -pubkey -noout -in cert.pem > pub.pem (fixed); "
            "sign with the matching private key",
            fixed=_public_pem(key),
            severity=Severity.ERROR if signing else None,
        )


def _public_pem(key: Any) -> str | None:
    if key is None or key.public is None:
        return None
    from cryptography.hazmat.primitives import serialization

    pem: bytes = key.public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return pem.decode("ascii")


class CertificateExpired(Rule[KeyTarget]):
    """## What it does
    Flags a certificate whose validity period has ended (or not begun) at `--now`.

    ## Why is this bad?
    Verifiers that take keys from certificates (`x5c`, SAML/WS-Fed metadata,
    Salesforce connected apps, Azure AD app credentials) reject tokens once the
    certificate expires (RFC 5280 §4.1.2.5), whatever the key.

    ## Fix
    Issue a new certificate for the key (`openssl req -x509 -new -key key.pem
    -days 365 -out cert.pem`) and upload it where the verifier reads it.

    ## Example
    A self-signed certificate made with `-days 365` two years ago.
    """

    code = "JWT611"
    name = "certificate-expired"
    severity = Severity.WARNING
    summary = "A certificate is outside its validity period (expired or not yet valid)."
    targets = _KEY
    refs = (cite("RFC 5280", "4.1.2.5"),)

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        for block in t.blocks:
            der = block.der
            if der is None or der.structure != "certificate" or der.problem:
                continue
            span = pem_anchor(block)
            who = f" ({der.subject})" if der.subject else ""
            if der.not_after is not None and der.not_after < ctx.now:
                yield self.finding(
                    f"the certificate{who} expired on {iso(der.not_after)}",
                    span,
                    fix="issue a new certificate for the key (openssl req -x509 -new -key key.pem -days 365 -out cert.pem) "
                    "and give it to the verifier",
                )
            elif der.not_before is not None and der.not_before > ctx.now:
                yield self.finding(
                    f"the certificate{who} is not valid before {iso(der.not_before)}",
                    span,
                    fix="check the clock of the machine that made it; issue it again with a start date in the past",
                )


class RsaKeyTooSmall(Rule[KeyTarget]):
    """## What it does
    Flags an RSA key with a modulus under 2048 bits.

    ## Why is this bad?
    RFC 7518 §3.3 and §3.5: "A key of size 2048 bits or larger MUST be used".
    Libraries enforce it (jose4j, .NET, Azure AD, Google reject 1024-bit
    keys), and 1024-bit RSA is within reach of factoring (NIST SP 800-131A
    disallows it for signatures since 2013).

    ## Fix
    Make a new key of 2048 bits or more: `openssl genpkey -algorithm RSA
    -pkeyopt rsa_keygen_bits:2048 -out key.pem`, and publish its public half.

    ## Example
    jwt.io's 2018-era sample RSA key (1024 bits).
    """

    code = "JWT612"
    name = "rsa-key-too-small"
    severity = Severity.ERROR
    summary = "The RSA key is smaller than the 2048 bits RFC 7518 requires."
    targets = _KEY_FORMS
    refs = (cite("RFC 7518", "3.3"), cite("RFC 7518", "3.5"), cite("NIST SP 800-131A", url="https://csrc.nist.gov/pubs/sp/800/131/a/r2/final"))

    def check(self, t: KeyForm, ctx: Context) -> Iterator[Finding]:
        for bits, _, where, span in _rsa_facts(t, "n", ctx.keys):
            if not bits or bits >= 2048:
                continue
            yield self.finding(
                f"{where} is a {bits}-bit RSA key; RS*/PS* keys MUST be 2048 bits or larger",
                span,
                fix="make a 2048-bit (or larger) key: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem",
            )


class RsaWeakExponent(Rule[KeyTarget]):
    """## What it does
    Flags an RSA public exponent that is 1, even, or small (3, 5, 17...).

    ## Why is this bad?
    e = 1 makes the "signature" equal the message; an even e is not a valid
    RSA key (RFC 8017 §3.1). Small exponents such as 3 are valid but made
    Bleichenbacher's 2006 signature forgery practical against lax PKCS#1 v1.5
    verifiers (CVE-2006-4339 and many since); everyone uses 65537.

    ## Fix
    Make a new key with e = 65537 (the default of `openssl genpkey`, and of
    cryptography's `generate_private_key(public_exponent=65537, ...)`).

    ## Example
    A key from `openssl genrsa -3 2048`.
    """

    code = "JWT613"
    name = "rsa-weak-exponent"
    severity = Severity.WARNING
    summary = "The RSA public exponent is 1, even, or small; use 65537."
    targets = _KEY_FORMS
    refs = (cite("RFC 8017", "3.1"), cite("NIST SP 800-56B", "6.2", url="https://csrc.nist.gov/pubs/sp/800/56/b/r2/final"))

    def check(self, t: KeyForm, ctx: Context) -> Iterator[Finding]:
        for _, e, where, span in _rsa_facts(t, "e", ctx.keys):
            if e is None or (e >= 65537 and e % 2):
                continue
            broken = e == 1 or e % 2 == 0
            yield self.finding(
                f"{where} has RSA public exponent {e}"
                + (": not a valid RSA key" if broken else ": small exponents invite signature forgery against lax verifiers"),
                span,
                fix="make a new key with e = 65537: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem",
                severity=Severity.ERROR if broken else None,
            )


@lru_cache(maxsize=1)
def sample_keys() -> dict[str, dict[str, str]]:
    """Fingerprint -> where the key was published (jwtlint/data/sample-keys.json)."""
    from importlib import resources  # here: importing it costs every run ~3 ms, and only key lints need it

    text = resources.files("jwtlint").joinpath("data/sample-keys.json").read_text(encoding="utf-8")
    keys: dict[str, dict[str, str]] = json.loads(text)["keys"]
    return keys


class KnownSampleKey(Rule[Target]):
    """## What it does
    Flags a key whose private half is published: the examples of RFC 7515,
    7517 and 7520, jwt.io's default keys of every era, PyJWT's and
    Wycheproof's test keys. jwtlint ships SHA-256 fingerprints of their
    SubjectPublicKeyInfo, never the keys.

    ## Why is this bad?
    Anyone can sign tokens with a published key. Copied from a tutorial or
    jwt.io into a real system, it lets anyone forge tokens that verify.

    ## Fix
    Make your own key (`openssl genpkey -algorithm RSA -pkeyopt
    rsa_keygen_bits:2048 -out key.pem`, or `-algorithm ed25519`), publish its
    public half, and revoke trust in the sample key.

    ## Example
    jwt.io's sample RSA public key configured as an API gateway's verification key.
    """

    code = "JWT614"
    name = "known-sample-key"
    severity = Severity.ERROR
    summary = "The key is a published sample (RFC, jwt.io, library tests): anyone can sign with it."
    targets = frozenset({"key", "jwk", "jwks", "token"})
    refs = (cite("RFC 8725", "3.5"), cite("RFC 7515", "Appendix A"), cite("jwt.io", url="https://jwt.io/"))

    def check(self, t: Target, ctx: Context) -> Iterator[Finding]:
        if isinstance(t, TokenTarget) and not ctx.keys:
            return
        known = sample_keys()
        found: list[tuple[Any, str | None, Span | None, str]] = []  # (key, fingerprint, where, how it is named)
        if isinstance(t, TokenTarget):
            # Keys given as objects have no target of their own: say it on the token.
            # (Every lint with a key object passes here: the span is only worked out for a hit.)
            hits = [(k, fp) for k in ctx.keys if k.source in ("", "object") and (fp := spki_fingerprint(k)) in known]
            if hits:
                sig = t.segment("signature")
                found = [(k, fp, sig.span() if sig else None, "the key given") for k, fp in hits]
        elif isinstance(t, KeyTarget):  # the parser recorded each block's fingerprint
            found = [(b.key, b.spki_sha256, pem_anchor(b), _where(b))
                     for b in t.blocks if b.key]  # fmt: skip
        else:
            found = [(r.key, r.key.fingerprint, r.span, r.where) for r in t.records if r.key is not None]
        for key, fp, span, who in found:
            if fp not in known:
                continue
            yield self.finding(
                f"{who} ({key.describe()}) is a published sample key ({known[fp]['published']}): anyone can sign with it",
                span,
                fix="make your own key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem) "
                "and stop trusting this one",
            )


class KeyPairMismatch(Rule[KeyTarget]):
    """## What it does
    Flags key material holding a private key and public keys or certificates
    none of which is its public half (e.g. a certificate and a private key
    that are not a pair).

    ## Why is this bad?
    Tokens signed with the private key do not verify with the public key or
    certificate shipped beside it: the verifier says only `invalid signature`.
    It happens after a key rotation where one file was replaced and not the other.

    ## Fix
    Derive the public half from the private key (`openssl pkey -in key.pem
    -pubout`, `jwtlint key pub key.pem`) or issue the certificate for it.

    ## Example
    A `tls.pem` bundle with last year's certificate and this year's key.
    """

    code = "JWT615"
    name = "key-pair-mismatch"
    severity = Severity.ERROR
    summary = "A private key and the public keys or certificates beside it are not a pair."
    targets = _KEY
    refs = (cite("RFC 5280", "4.1.2.7"), cite("RFC 7517", "4"))

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        private = [(b, k) for b in t.blocks if (k := b.key) is not None and k.private and b.spki_sha256]
        public = [(b, k) for b in t.blocks if (k := b.key) is not None and not k.private and b.spki_sha256]
        if not private or not public:
            return
        prints = {b.spki_sha256 for b, _ in public}
        for block, key in private:
            if block.spki_sha256 in prints:
                continue
            other, other_key = public[0]
            kind = "certificate" if other_key.source == "certificate" else "public key"
            yield self.finding(
                f"{_where(block)} ({key.describe()}) is not the pair of the {kind} in {_where(other)}"
                + (f" nor of the {len(public) - 1} other(s)" if len(public) > 1 else ""),
                pem_anchor(block),
                fix="ship the public half of this private key (openssl pkey -in key.pem -pubout), or issue the certificate for it",
            )


RULES = [
    PemArmorInBase64, PemMalformed, PemLabelMismatch, PemSingleLine, EscapedNewlines, CrlfLineEndings,
    Pkcs1PrivateKey, EncryptedPrivateKey, PublicKeyNotPrivate, CertificateNotKey, CertificateExpired,
    RsaKeyTooSmall, RsaWeakExponent, KnownSampleKey, KeyPairMismatch,
]  # fmt: skip
