"""The built-in rules, one module per family.

Each family module ends with an explicit ``RULES`` list; this module joins
them. Nothing registers itself on import: the engine loads ``RULES`` through
the ``jwtlint.rules`` entry-point group, the same door third-party packs use.
Always import this package as ``jwtlint.rules``, never as ``rules``.
"""

from jwtlint.rules import claims, header, signature, structure, transport

RULES = [*transport.RULES, *structure.RULES, *header.RULES, *claims.RULES, *signature.RULES]
# Scan rules (JWT8xx): off by default, added by jwtlint scan (jwtlint.scan).
from jwtlint.rules import scan as _scan  # noqa: E402

RULES += _scan.RULES
