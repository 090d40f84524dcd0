"""Dependency hygiene: every runtime dependency is pinned to a compatible range (a floor and a
ceiling), so a major release of a dependency cannot change jwtlint under its users."""

import re
from pathlib import Path

from jwtlint.config import tomllib

ROOT = Path(__file__).resolve().parent.parent


def _requirements() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["dependencies"]


def test_every_runtime_dependency_has_a_floor_and_a_ceiling():
    reqs = _requirements()
    assert reqs, "no runtime dependencies found"
    for req in reqs:
        spec = req.split(";")[0]
        name = re.match(r"[A-Za-z0-9_.\-\[\]]+", spec).group()
        assert re.search(r">=\s*[\d.]+", spec), f"{name}: no lower bound in {req!r}"
        assert re.search(r"(<|~=|==)\s*[\d.]+", spec.replace(">=", "")), f"{name}: no upper bound in {req!r}"


def test_no_network_client_among_runtime_dependencies():
    """jwtlint is offline by design: a network client as a dependency would be a design change."""
    names = {re.match(r"[A-Za-z0-9_.\-]+", r).group().lower() for r in _requirements()}
    assert not names & {"requests", "httpx", "urllib3", "aiohttp", "pycurl", "httplib2"}
