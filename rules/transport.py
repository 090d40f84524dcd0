"""Transport rules: what happened to the token on its way to the paste.

Intake has already removed wrappers (``Bearer``, quotes, form fields,
percent-encoding) and recorded each one; these rules say which of those
would break the token at a real server.
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.model import Span, TokenTarget


class WhitespaceInToken(Rule[TokenTarget]):
    """## What it does
    Flags spaces, tabs or line breaks inside a token.

    ## Why is this bad?
    A compact JWS or JWE is one unbroken run of base64url characters and dots
    (RFC 7515 §7.1); verifiers reject whitespace. Line breaks usually come from
    a terminal, an email or a config file that wrapped a long line. A space
    inside a line usually was a `+` that a form or URL decoder turned into a
    space, because the token used standard base64 and was sent unescaped.

    ## Fix
    Remove the line breaks. Where a space stands for a `+`, produce the token
    with a base64url encoder (no `+`, `/` or `=`) so no decoder can change it.

    ## Example
    ```
    eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2Vy
    IiwiZXhwIjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJl
    ```
    """

    code = "JWT101"
    name = "whitespace-in-token"
    severity = Severity.ERROR
    summary = "The token contains whitespace; compact serialization has none."
    refs = (cite("RFC 7515", "7.1"), cite("RFC 7519", "7.2"))

    needs = frozenset({"whitespace"})  # nothing to say without it (engine skips the rule)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if not t.whitespace:
            return
        breaks = [w for w in t.whitespace if w.char in "\r\n"]
        inline = [w for w in t.whitespace if w.char not in "\r\n"]
        first, last = t.whitespace[0], t.whitespace[-1]
        span = Span("input", t.raw_start + first.offset, t.raw_start + last.offset + 1)
        parts = []
        if breaks:
            lines = sum(1 for w in breaks if w.char == "\n") or len(breaks)
            parts.append(f"{lines} line break{'s' * (lines > 1)}")
        if inline:
            word = "space" if all(w.char == " " for w in inline) else "space or tab"
            parts.append(f"{len(inline)} {word}{'s' * (len(inline) > 1)}")
        where = f"first at character {first.offset} of the token"
        if t.spaces_as_plus:
            yield self.finding(
                f"the token contains {' and '.join(parts)} ({where}); each stands where a '+' was: a form or "
                "URL decoder turned the '+' of a standard-base64 token into a space",
                span,
                fix="send the token base64url-encoded (no '+'), and percent-encode form values; `fixed` puts the "
                "'+' back",
                fixed=t.text,
                applicability=Applicability.SAFE,
                sensitive=True,
            )
        else:
            yield self.finding(
                f"the token is split by {' and '.join(parts)} ({where}); verifiers reject whitespace (if only "
                "your terminal or mail client wrapped it for display, the token itself may be fine)",
                span,
                fix="remove every space and line break from the token (`base64 -w0` in shell scripts)",
                fixed=t.text,
                applicability=Applicability.SAFE,
                sensitive=True,
            )


class PercentEncodedToken(Rule[TokenTarget]):
    """## What it does
    Flags a token that still contains URL percent-escapes such as `%2B`, `%2F`, `%3D`.

    ## Why is this bad?
    Percent-encoding belongs to the URL or form that carried the token, not to
    the token. Copied from a URL or a log and used as is (in an
    `Authorization` header, say), the escapes are part of the token text and
    every verifier rejects it. Escapes of `+`, `/` and `=` also show the token
    was standard base64, not base64url.

    ## Fix
    Percent-decode the value once before using it as a token; better, issue
    the token in base64url, which needs no escaping anywhere.

    ## Example
    `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0%3D.c2ln`
    """

    code = "JWT102"
    name = "percent-encoded-token"
    severity = Severity.ERROR
    summary = "The token is still percent-encoded (%2B, %3D...)."
    refs = (cite("RFC 3986", "2.1"), cite("RFC 7515", "7.1"))

    needs = frozenset({"wrappers"})  # nothing to say without it (engine skips the rule)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        w = t.wrapper("percent-encoded")
        if not w:
            return
        base = w.span.start if w.span else 0
        first = w.positions[0]
        escapes = sorted({t.input_text[base + p : base + p + 3].upper() for p in w.positions})
        yield self.finding(
            f"the token holds {len(w.positions)} percent-escape{'s' * (len(w.positions) > 1)} "
            f"({', '.join(escapes)}; first at character {first})",
            Span("input", base + first, base + first + 3),
            fix="percent-decode the value once before using it as a token (the decoded token is in `fixed`)",
            fixed=t.raw,
            applicability=Applicability.SAFE,
            sensitive=True,
        )


class FormAssertionNotUrlencoded(Rule[TokenTarget]):
    """## What it does
    Flags a token in an `application/x-www-form-urlencoded` body whose `+`
    characters were not percent-encoded.

    ## Why is this bad?
    In a form body a raw `+` means a space. The token endpoint decodes
    `assertion=ab+cd` as `ab cd`, and the token no longer decodes or verifies
    (the server answers `invalid_grant`). It happens when a token built with
    standard base64 is concatenated into the body, as the Apex code in
    jwtlint's seed case does.

    ## Fix
    Build the token with base64url (it has no `+`), and percent-encode form
    values anyway (`EncodingUtil.urlEncode(value, 'UTF-8')` in Apex,
    `urllib.parse.urlencode` in Python, `URLSearchParams` in JavaScript).

    ## Example
    `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=eyJ...eyJpc3Mi+...`
    """

    code = "JWT103"
    name = "form-assertion-not-urlencoded"
    severity = Severity.ERROR
    summary = "A '+' in an unescaped form value reaches the server as a space."
    refs = (
        cite("WHATWG URL", "application/x-www-form-urlencoded parsing", "https://url.spec.whatwg.org/#urlencoded-parsing"),
        cite("RFC 7523", "2.1"),
        cite("RFC 6749", "Appendix B"),
    )

    needs = frozenset({"wrappers"})  # nothing to say without it (engine skips the rule)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        w = t.wrapper("form")
        if not w or not w.positions or not w.span:
            return
        value = t.input_text[w.span.start : w.span.end]
        first = w.span.start + w.positions[0]
        n = len(w.positions)
        yield self.finding(
            f"the form field {w.detail!r} holds {n} raw '+' character{'s' * (n > 1)} (first at character "
            f"{w.positions[0]} of the value); the server decodes each as a space and the token breaks",
            Span("input", first, first + 1),
            fix=f"percent-encode the {w.detail} value ('+' becomes '%2B'), and issue the token in base64url, "
            "which has no '+'",
            fixed=value.replace("+", "%2B"),
            applicability=Applicability.SAFE,
            sensitive=True,
        )


class BearerPrefix(Rule[TokenTarget]):
    """## What it does
    Notes that a `Bearer ` (or `Authorization: Bearer `) prefix was removed before checking.

    ## Why is this bad?
    It is not, in an `Authorization` header (RFC 6750 §2.1). But the prefix is
    not part of the token: a token pasted with it into an `assertion` form
    field, a library's `decode()` or a token store is rejected.

    ## Fix
    Nothing, if the prefix sits in an `Authorization` header. Elsewhere, pass
    only the token after `Bearer `.

    ## Example
    `Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln`
    """

    code = "JWT104"
    name = "bearer-prefix"
    severity = Severity.INFO
    summary = "A 'Bearer' prefix was removed; jwtlint checked the token after it."
    refs = (cite("RFC 6750", "2.1"),)

    needs = frozenset({"wrappers"})  # nothing to say without it (engine skips the rule)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        w = t.wrapper("bearer")
        if not w:
            return
        header = t.wrapper("authorization-header")
        what = f"'{header.detail} {w.detail}'" if header else f"'{w.detail}'"
        start = header.span.start if header and header.span else (w.span.start if w.span else 0)
        yield self.finding(
            f"removed the {what} prefix and checked the token after it",
            Span("input", start, w.span.end if w.span else 0),
            fix=f"keep the prefix only in an Authorization header; elsewhere pass the token without {w.detail!r}",
        )


class SurroundingQuotes(Rule[TokenTarget]):
    """## What it does
    Notes that quotes around the token were removed before checking.

    ## Why is this bad?
    Quotes copied from source code, JSON or a shell command become part of
    the token when it is pasted into a header or config value, and the first
    segment no longer decodes.

    ## Fix
    Nothing, if the quotes belong to the code you copied from. Elsewhere,
    remove them.

    ## Example
    `"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"`
    """

    code = "JWT105"
    name = "surrounding-quotes"
    severity = Severity.INFO
    summary = "Quotes around the token were removed; jwtlint checked what they held."
    refs = (cite("RFC 7515", "7.1"),)

    needs = frozenset({"wrappers"})  # nothing to say without it (engine skips the rule)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        w = t.wrapper("quotes")
        if not w:
            return
        yield self.finding(
            f"removed the surrounding {w.detail} quotes and checked what they held",
            w.span,
            fix="make sure the quotes are not sent as part of the token",
        )


RULES = [WhitespaceInToken, PercentEncodedToken, FormAssertionNotUrlencoded, BearerPrefix, SurroundingQuotes]
