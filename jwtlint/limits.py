"""Every bound on the work jwtlint does, in one place.

jwtlint is fed exactly the inputs other tools choke on. Each limit below keeps
one kind of hostile input (huge paste, deep JSON, giant integer) from costing
more than a fraction of a second; hitting one is reported as a finding, never
an exception.
"""

#: Characters of input accepted for one ``check`` argument or stdin paste.
MAX_INPUT_CHARS = 1 << 20  # 1 MiB: real tokens are under 16 KiB; cookies stop at 4 KiB

#: Characters of one token target (after extraction from the input).
MAX_TOKEN_CHARS = 256 * 1024

#: Number of token targets taken from one input.
MAX_TARGETS = 100

#: Dot-separated segments parsed per token; the rest are counted, not decoded.
MAX_SEGMENTS = 8

#: Nesting depth of JSON in a header or payload.
MAX_JSON_DEPTH = 64

#: Digits in a JSON integer before it is recorded as too large to read
#: (Python refuses int() on more than 4300 digits; no claim needs 40).
MAX_INT_DIGITS = 40

#: Bytes of a signature inspected for DER structure.
MAX_DER_SIGNATURE_BYTES = 1024

#: JWKs read from one JWK Set; further entries are counted, not parsed
#: (real sets hold a handful; a provider rotating keys rarely passes 10).
MAX_JWKS_KEYS = 1000

#: Bits of an RSA modulus jwtlint builds a key from (RFC 7518 allows any size;
#: 16384 is above anything deployed, and larger moduli only cost time).
MAX_JWK_RSA_BITS = 16384

#: Bits of an RSA modulus jwtlint verifies with; a larger key is refused (and
#: said so) instead of spending seconds on one modular exponentiation.
MAX_VERIFY_RSA_BITS = 16384

#: Seconds spent per token trying the built-in list of HMAC secrets seen in the
#: wild (jwtlint/data/jwt-secrets.txt.gz, most common first). One HMAC costs
#: about 1.4 us, so this covers roughly the first 25,000 of 104,000 secrets;
#: it is most of the 50 ms a failed verification may cost (bench/README.md).
SECRET_GUESS_SECONDS = 0.035

#: Secrets from the top of that list always tried, whatever the clock says (about 7 ms on an
#: idle machine), so a secret among them is found on any machine, loaded or not; only the
#: search past them depends on speed. For a signing input over 1 KiB, proportionally fewer
#: (the same number of bytes hashed).
SECRET_GUESS_MIN = 5000

#: Characters of one PEM block's body decoded (a 16384-bit RSA private key is ~12 KiB of
#: base64; a larger body is reported, not decoded).
MAX_PEM_BODY_CHARS = 64 * 1024

#: PEM blocks, DER files or OpenSSH lines read from one key input (a CA bundle has ~150).
MAX_KEY_BLOCKS = 256

#: Bytes of one DER structure walked (the decoded maximum PEM body).
MAX_DER_BYTES = 48 * 1024

#: Nesting depth of DER elements (a certificate needs about 8; hostile DER nests thousands).
MAX_DER_DEPTH = 24

#: DER elements walked in one structure (a certificate has a few hundred).
MAX_DER_NODES = 5000

#: RSA modulus bits loaded; larger keys are reported and not loaded (RFC 7518 needs 2048;
#: nobody signs with more than 16384, and loading a hostile 65,537-bit key costs seconds).
MAX_RSA_BITS = 16384

# --- jwtlint scan (jwtlint/scan/run.py, jwtlint/scan/extract.py) ---

#: Files larger than this are skipped by ``scan`` (listed with ``-v``): no
#: source file is that large, and a 2 GB log or disk image would only cost time.
MAX_SCAN_FILE_BYTES = 128 * 1024 * 1024

#: Bytes read at a time from a scanned file: memory stays bounded on a file of one 100 MB line.
SCAN_CHUNK_BYTES = 4 * 1024 * 1024

#: Bytes kept from one chunk to the next (the line before a target, for
#: ``jwtlint: ignore``; the start of a JWK whose ``"kty"`` comes later).
SCAN_OVERLAP_BYTES = 64 * 1024

#: A file with a NUL byte in its first this-many bytes is binary and skipped (as git decides).
BINARY_SNIFF_BYTES = 8 * 1024

#: Bytes between a PEM ``BEGIN`` line and its ``END`` line (a 16384-bit key is ~13 KiB).
MAX_PEM_BYTES = 64 * 1024

#: Base64 characters a PEM body needs to be a key rather than a placeholder
#: (``MIIE...``); the smallest real key (Ed25519 PKCS#8) has 64.
MIN_PEM_BODY_CHARS = 48

#: Bytes of one JWK or JWKS JSON object (searched around a ``"kty"`` or ``"keys"``).
MAX_JWK_BYTES = 64 * 1024

#: Targets taken from one scanned file; the rest are counted, not linted.
MAX_SCAN_TARGETS_PER_FILE = 1000

#: Disclosures of one SD-JWT that are decoded and hashed (three digests each); an
#: SD-JWT credential rarely has more than a few dozen. The rest are counted only.
MAX_SD_DISCLOSURES = 1000

#: Characters of an error message ``jwtlint why`` reads: a message with its stack
#: trace fits; the loose matching (some 70 patterns with gaps) stays linear in practice.
MAX_WHY_MESSAGE_CHARS = 8 * 1024

#: Bytes of a --secret-file read: an HMAC secret is a few dozen bytes (a public key used as
#: one, in an alg-confusion check, a few KiB); a larger file is refused in one line.
MAX_SECRET_FILE_BYTES = 1 << 20

#: Bytes of a ``pyproject.toml`` or ``.jwtlint.toml`` read for ``[tool.jwtlint]``: real ones
#: are a few KiB; a larger file is a one-line configuration error, not read whole.
MAX_CONFIG_BYTES = 1 << 20

#: Pieces a token may be written in (``"eyJ..." + "..."``, wrapped lines) for ``jwtlint scan`` to
#: join them: real ones use a few dozen; each piece is one step of extraction.
MAX_TOKEN_PIECES = 1024

#: Bits of an RSA public exponent in a JWK that jwtlint builds a key from: real ones have 17
#: (65537), FIPS 186 allows below 2^256; each verification costs a modular power of this size.
MAX_RSA_EXPONENT_BITS = 256

#: Bytes of a ``--baseline`` file read: one finding takes about 150 bytes, so this is some 200,000
#: findings; a larger file (or ``/dev/zero``) is a one-line error, not read whole.
MAX_BASELINE_BYTES = 32 * 1024 * 1024

#: Signatures (JWS) or recipients (JWE) read from one JSON serialization (RFC 7515 §7.2); real
#: objects hold one or two. Each is linted (and verified) as a token; the rest are counted only.
MAX_JSON_SIGNATURES = 100
