"""The seed's token (corpus/salesforce-apex-seed-token, built there by make.py
from the Apex steps), checked here under a platform profile."""

from pathlib import Path

here = Path(__file__).parent
(here / "input.txt").write_text((here.parent / "salesforce-apex-seed-token" / "input.txt").read_text())
