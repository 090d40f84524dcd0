"""The pytest plugin, registered through the ``pytest11`` entry point: installing jwtlint is enough.

It adds the ``jwtlint`` fixture, a ``jwtlint.testing.assertions.Checker`` configured
from ``[tool.jwtlint]`` (or ``.jwtlint.toml``) found from pytest's rootdir,
with ``--jwtlint-aud`` and ``--jwtlint-now`` on top::

    def test_issued_token(jwtlint):
        jwtlint.assert_valid(issue_token())   # or jwtlint(issue_token())

This module is imported by every pytest run in an environment where jwtlint
is installed, so it imports almost nothing: the ``jwtlint`` package loads its
API lazily, and configuration, rules and ``jwtlint.testing.assertions`` wait until the
fixture is used.
"""

from __future__ import annotations

from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("jwtlint", "jwtlint token checks")
    group.addoption(
        "--jwtlint-now",
        type=float,
        default=None,
        metavar="EPOCH",
        help="the time (epoch seconds) the jwtlint fixture checks tokens at (default: the clock)",
    )
    group.addoption(
        "--jwtlint-aud",
        action="append",
        default=[],
        metavar="AUDIENCE",
        help="an audience the jwtlint fixture expects (repeatable; overrides [tool.jwtlint] aud)",
    )


@pytest.fixture
def jwtlint(request: pytest.FixtureRequest) -> Any:
    """A ``jwtlint.testing.assertions.Checker``: ``jwtlint.assert_valid(token)``, ``jwtlint.lint(text)``."""
    from jwtlint import config
    from jwtlint.testing.assertions import Checker

    try:
        cfg = config.load(request.config.rootpath).with_cli(aud=request.config.getoption("jwtlint_aud"))
    except config.ConfigError as exc:
        problem = str(exc)
    else:
        return Checker(now=request.config.getoption("jwtlint_now"), **cfg.lint_options())
    pytest.fail(f"jwtlint configuration: {problem}", pytrace=False)  # outside except: no chained traceback
