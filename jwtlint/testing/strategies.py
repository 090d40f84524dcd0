"""hypothesis strategies for tokens: correctly made ones, and ones broken in one known way.

``valid_tokens()`` draws tokens signed correctly (cryptography does the
signing) with realistic claims; ``broken_tokens(fault=...)`` draws tokens
that carry exactly one mistake, each named after the jwtlint rule that finds
it (``jwtlint rules`` lists them), so a test can prove that a verifier
rejects every kind::

    from hypothesis import given
    from jwtlint.testing.strategies import broken_tokens

    @given(broken_tokens(fault=["base64-padding", "expired", "alg-none"]))
    def test_verifier_rejects(case):
        with pytest.raises(jwt.InvalidTokenError):
            jwt.decode(case.token, case.key, algorithms=[case.alg], audience=case.audience)

Both draw ``TokenCase``: the token, the key that verifies it (a
cryptography public key, or the HMAC secret bytes; ``None`` for ``alg:
none``), the fault, and the ``now``, ``audience`` and ``issuer`` to check it
with. Times are relative to ``now`` (default: the clock when the example is
drawn). The default keys are fixed (jwtlint/data/strategy-keys.pem, public
test material) so drawing is fast. ``FAULTS`` lists every fault, and
``IMPLIED`` the other errors a fault cannot help drawing, with the reason.

Requires hypothesis (``pip install hypothesis``); jwtlint itself does not.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import strategies as st

from .cases import TokenCase, _Base
from .faults import BUILDERS, FAULTS, IMPLIED
from .signing import ALGORITHMS, algs_for, default_key
from ._hypothesis import hide_from_hypothesis

# Hypothesis' explanation of a failure names the user's lines, not these generators'.
hide_from_hypothesis()

__all__ = ["FAULTS", "IMPLIED", "TokenCase", "broken_tokens", "claims", "valid_tokens"]


# --- claims ----------------------------------------------------------------------------------

_ISSUERS = ("https://issuer.example.com", "https://login.example.org/tenant-7", "https://accounts.example.net")
_AUDIENCES = ("api", "https://api.example.com", "urn:example:billing", "client-4f1c2a")
_NAMES = ("Ada Lovelace", "José Núñez", "Zoë Ångström", "李雷", "Ольга", "O'Brien", 'Quote "Q"')


def _now(now: float | None) -> int:
    return int(time.time()) if now is None else int(now)


@st.composite
def claims(
    draw: Any, *, now: float | None = None, audience: str | None = None, issuer: str | None = None
) -> dict[str, Any]:
    """Realistic claim sets, valid at ``now``: iss, sub, aud, iat, exp (1 min to 1 day later), maybe nbf, jti, more."""
    t = _now(now)
    iat = t - draw(st.integers(0, 300))
    out: dict[str, Any] = {
        "iss": issuer or draw(st.sampled_from(_ISSUERS)),
        "sub": draw(st.one_of(st.uuids().map(str), st.integers(1, 10**6).map("user-{}".format),
                              st.sampled_from(["ada@example.com", "jose.nunez@example.org"]))),
    }  # fmt: skip
    aud = audience or draw(st.sampled_from(_AUDIENCES))
    out["aud"] = draw(st.sampled_from([aud, [aud], [aud, "https://other.example.com"]]))
    out["iat"] = iat
    if draw(st.booleans()):
        out["nbf"] = iat
    # at least 2 minutes left at ``now`` (so a verifier's clock may move on), at most a day of lifetime
    out["exp"] = iat + draw(st.integers(max(120, t - iat + 120), 86400))
    if draw(st.booleans()):
        out["jti"] = draw(st.binary(min_size=8, max_size=16)).hex()
    extra = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "scope": st.sampled_from(["openid", "read write", "openid profile email", "admin:all"]),
                "name": st.sampled_from(_NAMES),
                "roles": st.lists(st.sampled_from(["user", "admin", "auditor"]), unique=True, max_size=3),
                "email_verified": st.booleans(),
                "tenant": st.integers(1, 10**6),
            },
        )
    )
    out.update(extra)
    return out


# --- assembling tokens -----------------------------------------------------------------------


@st.composite
def _base(
    draw: Any,
    candidates: list[str],
    key: Any,
    now: float | None,
    audience: str | None,
    issuer: str | None,
    claim_sets: st.SearchStrategy[dict[str, Any]] | None,
) -> _Base:
    chosen = draw(st.sampled_from(candidates))
    signing_key = key if key is not None else default_key(chosen)
    t = _now(now)
    aud = audience or draw(st.sampled_from(_AUDIENCES))
    iss = issuer or draw(st.sampled_from(_ISSUERS))
    body = draw(claim_sets if claim_sets is not None else claims(now=t, audience=aud, issuer=iss))
    header: dict[str, Any] = {"alg": chosen, "typ": "JWT"}
    if draw(st.booleans()):
        header["kid"] = draw(st.sampled_from(["key-1", "2024-06", "b7f3e1c2", "signing"]))
    return _Base(chosen, signing_key, header, dict(body), t, aud, iss, draw(st.booleans()))


def _candidate_algs(alg: str | Iterable[str] | None, key: Any, allowed: tuple[str, ...]) -> list[str]:
    wanted = ALGORITHMS if alg is None else (alg,) if isinstance(alg, str) else tuple(alg)
    unknown = [a for a in wanted if a not in ALGORITHMS]
    if unknown:
        raise ValueError(f"unknown alg {unknown[0]!r}: use one of {', '.join(ALGORITHMS)}")
    if key is not None:
        wanted = tuple(a for a in wanted if a in algs_for(key)) or _no_alg(alg, key)
    out = [a for a in wanted if a in allowed]
    if not out:
        raise ValueError(f"alg {alg!r} cannot carry this fault (it needs one of {', '.join(allowed)})")
    return out


def _no_alg(alg: Any, key: Any) -> tuple[str, ...]:
    raise ValueError(f"key cannot sign alg {alg!r}: it signs {', '.join(algs_for(key))}")


def valid_tokens(
    alg: str | Iterable[str] | None = None,
    claims: st.SearchStrategy[dict[str, Any]] | Mapping[str, Any] | None = None,
    key: Any = None,
    *,
    now: float | None = None,
    audience: str | None = None,
    issuer: str | None = None,
) -> st.SearchStrategy[TokenCase]:
    """Correctly signed tokens: no jwtlint error, and PyJWT and jwcrypto verify them.

    ``alg``: one name or several (default: every JWS algorithm jwtlint's keys
    sign); ``claims``: a strategy for claim sets, or a fixed dict (default:
    ``claims(now=..., audience=..., issuer=...)``); ``key``: a cryptography
    private key or HMAC secret bytes (default: fixed test keys).
    """
    if isinstance(claims, Mapping):
        claims = st.just(dict(claims))
    candidates = _candidate_algs(alg, key, ALGORITHMS)  # bad arguments fail here, not at the first draw
    return _base(candidates, key, now, audience, issuer, claims).map(lambda b: b.case(b.token(), None))


def _compatible(alg: Any, key: Any) -> tuple[str, ...]:
    """The faults some asked-for alg can carry (``ecdsa-der-signature`` only with ES*)."""
    out = []
    for name, (_, algs) in BUILDERS.items():
        try:
            _candidate_algs(alg, key, algs)
        except ValueError:
            continue
        out.append(name)
    return tuple(out)


def broken_tokens(
    fault: str | Iterable[str] | None = None,
    *,
    alg: str | Iterable[str] | None = None,
    key: Any = None,
    now: float | None = None,
    audience: str | None = None,
    issuer: str | None = None,
) -> st.SearchStrategy[TokenCase]:
    """Tokens that carry exactly ``fault`` (a name from ``FAULTS``, several, or any when None).

    Each case holds the key that verifies the token, so a verifier under test
    fails only because of the fault. ``alg``, ``key``, ``now``, ``audience``
    and ``issuer`` as for ``valid_tokens``; faults that need another alg
    family (``ecdsa-der-signature`` needs ES*) choose from what is allowed.
    """
    names = _compatible(alg, key) if fault is None else (fault,) if isinstance(fault, str) else tuple(fault)
    if not names:
        raise ValueError("fault= names no fault")
    for name in names:
        if name not in BUILDERS:
            import difflib

            close = difflib.get_close_matches(name, FAULTS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; faults: {', '.join(FAULTS)}"
            raise ValueError(f"unknown fault {name!r}{hint}")
    return st.one_of(
        [_broken(name, _candidate_algs(alg, key, BUILDERS[name][1]), key, now, audience, issuer) for name in names]
    )


@st.composite
def _broken(
    draw: Any, fault: str, candidates: list[str], key: Any, now: float | None, audience: str | None, issuer: str | None
) -> TokenCase:
    """A correct token's parts, then the fault's builder (one composite: no strategy made per example)."""
    base = draw(_base(candidates, key, now, audience, issuer, None))
    return BUILDERS[fault][0](draw, base)
