"""The built-in rules, one module per family.

Each family module ends with an explicit ``RULES`` list; this module joins
them. Nothing registers itself on import: the engine loads ``RULES`` through
the ``jwtlint.rules`` entry-point group, the same door third-party packs use.
Always import this package as ``jwtlint.rules``, never as ``rules``.
"""

from jwtlint.rules import claims, header, signature, structure, transport
from jwtlint.rules import jwk
from jwtlint.rules import (
    profile_apple, profile_auto, profile_dpop, profile_github, profile_google, profile_oidc,
    profile_rfc7523, profile_rfc9068, profile_salesforce, sdjwt,
)  # fmt: skip

RULES = [*transport.RULES, *structure.RULES, *header.RULES, *claims.RULES, *signature.RULES]
RULES += jwk.RULES
from jwtlint.rules import keys  # noqa: E402

RULES += keys.RULES
# Signature verification with a key (JWT510+; jwtlint.token.verify computes the evidence).
from jwtlint.rules import verification  # noqa: E402

RULES += verification.RULES
# Scan rules (JWT8xx): off by default, added by jwtlint scan (jwtlint.scan.run).
from jwtlint.rules import scan as _scan  # noqa: E402

RULES += _scan.RULES

# Platform profiles: off by default, added by --profile (jwtlint.profiles).
RULES += [
    *profile_salesforce.RULES, *profile_google.RULES, *profile_apple.RULES, *profile_github.RULES,
    *profile_rfc7523.RULES, *profile_oidc.RULES, *profile_rfc9068.RULES, *profile_dpop.RULES,
    *profile_auto.RULES,
]  # fmt: skip
RULES += sdjwt.RULES  # SD-JWT (RFC 9901) disclosures, on by default
from jwtlint.rules import jsonser  # noqa: E402

RULES += jsonser.RULES  # JWS/JWE JSON serialization (RFC 7515 §7.2), on by default
