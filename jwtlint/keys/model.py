"""The key target model: what a key file (PEM, DER, base64 DER, OpenSSH) holds and how it is laid out.

``jwtlint.keys.parse`` builds these records; rules in ``rules/keys.py`` only read
them. Offsets in spans with part ``input`` are characters of the input text;
part ``der[i]`` is a byte offset in block i's DER. ``KeyTarget.text`` is the
input with the base64 of every block that is not known to be public replaced
by ``*`` (offsets unchanged), so an excerpt around a finding never shows
private key material. No record's repr prints key material.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from ..records import Origin, Span
from .info import KeyInfo


class DerEvidence(NamedTuple):
    """What DER bytes really are, read with pyasn1 (see ``jwtlint.keys.der``).

    ``structure``: ``pkcs1-private``, ``pkcs8-private``, ``encrypted-pkcs8``,
    ``sec1-private``, ``spki``, ``pkcs1-public``, ``certificate`` or
    ``unknown``. ``problem`` says why bytes could not be read (``truncated``,
    ``too-deep``, ``too-long``, ``trailing-data``, ``indefinite-length``,
    ``unknown-structure``...); ``offset`` is the byte it concerns.
    """

    structure: str
    length: int
    problem: str | None = None
    detail: str = ""
    offset: int = 0
    algorithm: str | None = None  # "rsaEncryption", "id-ecPublicKey", "Ed25519", "PBES2", or an OID
    rsa_bits: int | None = None  # modulus bits, read from the ASN.1 (before any key is loaded)
    rsa_exponent: int | None = None
    not_before: float | None = None  # certificate validity, epoch seconds
    not_after: float | None = None
    subject: str | None = None  # certificate subject CN

    @property
    def private(self) -> bool:
        return self.structure in ("pkcs1-private", "pkcs8-private", "encrypted-pkcs8", "sec1-private")


class PemLayout(NamedTuple):
    """How one PEM block is written, with offsets into the input text.

    ``begin``/``end`` are the armor lines (``end`` None when missing);
    ``body`` the characters between them. Lists of offsets record each
    oddity: ``crlf`` (a ``\\r\\n`` line ending), ``escaped_newlines`` (the two
    characters ``\\n`` written literally, as in an env var or JSON string),
    ``spaces`` (a space or tab inside a base64 line, where a newline was),
    ``illegal`` (characters no base64 has); ``dashes`` the number of dashes in
    each armor (5 is right).
    """

    label: str
    end_label: str | None
    begin: Span
    end: Span | None
    body: Span
    crlf: tuple[int, ...] = ()
    escaped_newlines: tuple[int, ...] = ()
    spaces: tuple[int, ...] = ()
    illegal: tuple[tuple[int, str], ...] = ()
    headers: tuple[str, ...] = ()  # RFC 1421 headers ("Proc-Type: 4,ENCRYPTED")
    dashes: tuple[int, ...] = (5, 5)
    base64: str = ""  # the body with whitespace, escapes and headers removed
    base64_bad: bool = False  # the body's base64 has bad padding or length
    too_large: bool = False  # the body is over limits.MAX_PEM_BODY_CHARS (not decoded)
    newlines: int = 0  # real line breaks between BEGIN and END

    def __repr__(self) -> str:  # the base64 may be a private key: never in a repr
        return (
            f"PemLayout({self.label!r}, newlines={self.newlines}, crlf={len(self.crlf)}, "
            f"escaped={len(self.escaped_newlines)}, spaces={len(self.spaces)}, base64=<{len(self.base64)} chars>)"
        )

    @property
    def single_line(self) -> bool:
        """Armor and body on one line (no real newline between BEGIN and END)."""
        return self.end is not None and not self.too_large and not self.newlines and not self.escaped_newlines


class KeyBlock(NamedTuple):
    """One key-ish item of the input: a PEM block, the DER file, a base64 blob, an OpenSSH line.

    ``form``: ``pem``, ``der``, ``base64-der``, ``base64-pem`` (base64 of a
    whole PEM file, armor included), ``openssh``. ``key`` is the loaded key
    (None when it could not be loaded; ``load_error`` says why, secret-free).
    """

    index: int  # type: ignore[assignment]  # shadows tuple.index (the public name of the field)
    form: str
    span: Span
    pem: PemLayout | None = None
    der: DerEvidence | None = None
    key: KeyInfo | None = None
    load_error: str | None = None
    encrypted: bool = False  # EncryptedPrivateKeyInfo, Proc-Type ENCRYPTED, or an encrypted OpenSSH key
    spki_sha256: str | None = None  # hex SHA-256 of the public key's SubjectPublicKeyInfo DER

    def __repr__(self) -> str:
        what = self.der.structure if self.der else self.form
        return f"KeyBlock({self.index} {self.form} {what} {self.key!r})"


class KeyTarget(NamedTuple):
    """Key material as given to ``check``, ``--key`` or ``scan``.

    ``form`` is the form of the whole input (``pem``, ``der``, ``base64-der``,
    ``base64-pem``, ``openssh``, ``unknown``); ``problem`` is set when nothing
    usable was found (``empty``, ``not-key``). ``keys`` are the usable keys,
    one ``KeyInfo`` per loaded block.
    """

    text: str  # the input as text, private base64 masked with '*' (binary DER: empty)
    origin: Origin
    form: str
    blocks: tuple[KeyBlock, ...]
    keys: tuple[KeyInfo, ...] = ()
    problem: str | None = None
    too_large: int | None = None
    binary: bool = False  # the input was raw bytes (DER), not text
    size: int = 0  # bytes or characters given
    skipped: int = 0  # PEM blocks past limits.MAX_KEY_BLOCKS, counted, not read

    @property
    def kind(self) -> Literal["key"]:
        """The kind of target: the engine runs the rules whose ``targets`` name it."""
        return "key"

    @property
    def input_text(self) -> str:  # the name reporters use for the text a span points into
        return self.text

    def segment(self, role: str) -> None:
        """Key material has no token segments (code that walks any target may ask)."""
        return None

    def __repr__(self) -> str:
        return f"KeyTarget({self.form}, {len(self.blocks)} blocks, {self.keys!r})"
