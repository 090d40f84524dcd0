"""Is an HMAC secret degenerate, whatever its length? A placeholder, one byte, a pattern, little entropy.

``weakness(secret)`` says why in words that never quote the secret ("all one byte
(32 times)", "a 3-byte pattern repeated", "a placeholder, not a secret",
"low in entropy (about 9 bits of entropy in 32 bytes)"), or None. ``jwtlint.token.verify``
records it on the verification evidence of an HS* token checked with a secret (remembered per
secret: a run that lints many tokens with one secret works it out once); ``weak-hmac-secret``
reports it. (``jwtlint.keys.info``, where secrets become keys, must import nothing of jwtlint's.)

The heuristics are meant never to fire on a random secret, whatever its
encoding: ``secrets.token_bytes(32)``, ``token_urlsafe(32)``, ``token_hex(32)``
(hex carries only 4 bits a character, base64 6: both are well above the
entropy floor used here; ``tests/test_keyparse.py`` checks it with hypothesis).
Entropy is estimated from the secret's own bytes (the empirical Shannon
entropy of the bytes, and of the steps between neighbouring bytes, which
catches ``abcdef...`` and ``123456...``), so it is an upper bound for what an
attacker who knows the shape has to guess: a secret under a quarter of a bit
per bit of its length (and under 128 bits) is weak.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

#: Analysed at most this many bytes (a secret file can be 1 MiB; a MAC key longer than a
#: hash block is hashed first, and no heuristic here needs more to decide).
_MAX_BYTES = 4096

#: Placeholder words people leave where a secret belongs (compared case-folded, trimmed of
#: whitespace and quotes): tutorial and framework defaults, JavaScript's stringified nothings.
PLACEHOLDERS = frozenset(
    """secret secretkey secret-key secret_key mysecret my-secret my_secret mysecretkey my-secret-key
    my_secret_key jwtsecret jwt-secret jwt_secret jwt_secret_key jwt-secret-key jwtsecretkey
    changeme change-me change_me changeit change-it change_it changethis change-this change_this
    changeme123 replaceme replace-me replace_me todo fixme password passwd placeholder example
    your-secret your_secret yoursecret your-secret-key your_secret_key your-jwt-secret your_jwt_secret
    your-256-bit-secret your-384-bit-secret your-512-bit-secret supersecret super-secret super_secret
    topsecret top-secret top_secret shhhhh keyboard-cat keyboard_cat keyboardcat default test testing
    undefined null none nil nan [object object] true false 0 1""".split()
    + ["[object object]", "keyboard cat", "your 256 bit secret"]
)

#: A template or variable reference that was never expanded: ``${JWT_SECRET}``, ``{{ secret }}``,
#: ``<secret>``, ``%JWT_SECRET%``, ``$JWT_SECRET``, ``process.env.JWT_SECRET``, ``#{secret}``.
_TEMPLATE = re.compile(
    r"""\$\{[^{}]*\}|\$\([^()]*\)|\{\{[^{}]*\}\}|<[^<>]+>|%[A-Za-z_][A-Za-z0-9_]*%|\$[A-Za-z_][A-Za-z0-9_]*
    |\#\{[^{}]*\}|(?:process\.env|os\.environ|ENV|env)[.\[][\w.'"\[\]-]+""",
    re.X,
)

#: Filler typed where the secret goes: ``xxxxxxxx``, ``********``, ``...``.
_FILLER = re.compile(r"x{3,}|\*{3,}|\.{3,}|_{3,}|-{3,}|#{3,}|\?{3,}")

#: Entropy floor: estimated bits per bit of length (random bytes ~0.6 at 32 bytes, base64 ~0.7,
#: hex ~0.47; a secret of one byte 0, "aaaa...ab" ~0.03).
_FLOOR = 0.25
#: ... and at most this many bits (a long secret of '0' and '1' characters is a bit a byte, and plenty).
_ENOUGH = 128
#: Entropy is only estimated from this many bytes up: n bytes can show at most log2(n) bits a
#: byte, so a short random secret would look "low in entropy" when what is wrong is its length
#: (which ``weak-hmac-secret`` says by itself: every HS* alg needs 32 bytes or more).
_MIN_FOR_ENTROPY = 16


@lru_cache(maxsize=64)
def weakness(secret: bytes) -> str | None:
    """Why ``secret`` is degenerate, in words that do not reveal it, or None. Never raises.
    Remembered for the last few secrets (a few microseconds each, once per lint otherwise)."""
    if not secret:
        return None  # empty: shorter than any hash, which is weak-hmac-secret's length check
    data = secret[:_MAX_BYTES]
    word = placeholder(data)
    if word:
        return word
    n = len(secret)
    if len(set(data)) == 1:
        return f"all one byte ({n} times)"
    period = smallest_period(data)
    if period <= len(data) // 2:
        return f"a {period}-byte pattern repeated ({len(data) / period:.3g} times)"
    if n < _MIN_FOR_ENTROPY:
        return None
    bits = entropy_bits(data)
    if bits < min(_FLOOR * 8 * len(data), _ENOUGH):
        return f"low in entropy (about {max(1, round(bits))} bits of entropy in {n} bytes)"
    return None


def placeholder(data: bytes) -> str | None:
    """"a placeholder, not a secret" for a placeholder word or an unexpanded template, else None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    word = text.strip().strip("'\"`").strip().casefold()
    if word in PLACEHOLDERS or _FILLER.fullmatch(word):
        return "a placeholder word, not a secret"
    if len(word) <= 64 and _TEMPLATE.fullmatch(text.strip().strip("'\"`").strip()):
        return "an unexpanded placeholder (a template or variable reference), not a secret"
    return None


def smallest_period(data: bytes) -> int:
    """The length of the shortest p with data[i] == data[i - p] for every i (len(data) when none):
    the failure function of Knuth-Morris-Pratt, linear in the length."""
    fail = [0] * len(data)
    k = 0
    for i in range(1, len(data)):
        while k and data[i] != data[k]:
            k = fail[k - 1]
        if data[i] == data[k]:
            k += 1
        fail[i] = k
    return len(data) - (fail[-1] if data else 0)


def entropy_bits(data: bytes) -> float:
    """An upper estimate of the secret's entropy in bits: its length times the lesser of the
    empirical Shannon entropy of its bytes and that of the differences between neighbours."""
    if len(data) < 2:
        return 8.0 * len(data)
    steps = bytes((b - a) & 0xFF for a, b in zip(data, data[1:]))
    return len(data) * min(_shannon(data), _shannon(steps))


def _shannon(data: bytes) -> float:
    total = len(data)
    return -sum(c / total * math.log2(c / total) for c in Counter(data).values())
