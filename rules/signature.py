"""signature rules."""

RULES: list = []
