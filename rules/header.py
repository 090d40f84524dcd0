"""header rules."""

RULES: list = []
