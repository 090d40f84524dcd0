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

import sys
from collections.abc import Generator
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


def fixture_options(config: Any, aud: list[str] | None = None, now: float | None = None) -> Any:
    """The ``Options`` the fixture checks with: defaults < ``config`` (a ``jwtlint.config.Config``)
    < ``--jwtlint-aud`` / ``--jwtlint-now`` (``jwtlint config`` shows them too)."""
    from jwtlint.options import Options

    return Options.build(config, audience=aud or None, now=now)


@pytest.fixture
def jwtlint(request: pytest.FixtureRequest) -> Any:
    """A ``jwtlint.testing.assertions.Checker``: ``jwtlint.assert_valid(token)``, ``jwtlint.lint(text)``.

    One checker per test, prepared once (rules chosen, keys read) for every token it checks."""
    from jwtlint import config
    from jwtlint.testing.assertions import Checker

    try:
        cfg = config.load(request.config.rootpath)
        options = fixture_options(cfg, request.config.getoption("jwtlint_aud"), request.config.getoption("jwtlint_now"))
    except ValueError as exc:  # ConfigError, OptionError: one line, no traceback
        problem = str(exc)
    else:
        return Checker(options=options)
    pytest.fail(f"jwtlint configuration: {problem}", pytrace=False)  # outside except: no chained traceback


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """A failed ``assert_valid_jwt`` reads like a failed ``assert`` in ``pytest -ra``'s short summary
    (and ``--tb=line``): the message's first line, the finding that matters, without the class
    path in front (``jwtlint.testing.JwtAssertionError: `` would take half an 80-column line).
    pytest does the same for ``AssertionError`` raised by ``assert``; the traceback section
    still names the class."""
    report = yield
    assertions = sys.modules.get("jwtlint.testing.assertions")  # not loaded: no jwtlint assertion ran
    excinfo = call.excinfo
    if assertions is not None and excinfo is not None and report.failed:
        crash = getattr(report.longrepr, "reprcrash", None)
        if crash is not None and isinstance(excinfo.value, assertions.JwtAssertionError):
            prefix = f"{excinfo.type.__module__}.{excinfo.type.__qualname__}: "
            if crash.message.startswith(prefix):
                crash.message = crash.message[len(prefix):]
    return report
