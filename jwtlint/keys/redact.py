"""Hiding private JWK members in what reports show.

A token header may embed a JWK (``jwk``), and a careless issuer embeds the
private key (CVE-2018-0114 exploits the public one; ``embedded-jwk`` reports
the private one). The decoded view and the finding excerpts show header JSON,
so they pass it through here first: inside every JSON object with a ``kty``,
the private members (``d``, ``p``, ``q``, ``dp``, ``dq``, ``qi``, ``oth``,
``k``) become a note of their length, unless ``--show-secrets``.
"""

from __future__ import annotations

from typing import Any

from .jwkmodel import ANY_PRIVATE


def hidden_note(value: Any) -> str:
    size = f"{len(value)} characters" if isinstance(value, str) else "a value"
    return f"<hidden: {size}; use --show-secrets>"


def _is_jwk(obj: dict[str, Any]) -> bool:
    return "kty" in obj


def mask_private_members(value: Any) -> Any:
    """``value`` with every private member of every JWK inside it replaced by ``hidden_note``."""
    if isinstance(value, dict):
        jwk = _is_jwk(value)
        return {
            k: hidden_note(v) if jwk and k in ANY_PRIVATE else mask_private_members(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask_private_members(v) for v in value]
    return value


def private_values(value: Any) -> list[str]:
    """The text of every private JWK member inside ``value`` (to keep excerpts off them)."""
    found: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            jwk = _is_jwk(v)
            for k, member in v.items():
                if jwk and k in ANY_PRIVATE:
                    found.extend(_strings(member))
                else:
                    stack.append(member)
        elif isinstance(v, list):
            stack.extend(v)
    return [f for f in found if f]


def _strings(value: Any) -> list[str]:
    """Every string inside a private member (``oth`` is an array of objects)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]
