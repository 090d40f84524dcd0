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
