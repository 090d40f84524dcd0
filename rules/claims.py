"""claims rules."""

RULES: list = []
