"""hypothesis strategies for tokens (the public path; they live in ``jwtlint.testing.strategies``)."""

from .testing.strategies import FAULTS, IMPLIED, TokenCase, broken_tokens, claims, valid_tokens

__all__ = ["FAULTS", "IMPLIED", "TokenCase", "broken_tokens", "claims", "valid_tokens"]
