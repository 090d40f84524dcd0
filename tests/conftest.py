import os

import pytest

import offline


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    """The whole suite runs with socket creation failing (tests/offline.py)."""
    saved = offline.install()
    yield
    offline.uninstall(saved)


@pytest.fixture(autouse=True, scope="session")
def _no_forced_colour():
    """FORCE_COLOR in the environment (CI set-ups export it) would colour every report the tests
    read; the tests that want colour set it themselves (tests/test_terminal.py)."""
    saved = os.environ.pop("FORCE_COLOR", None)
    yield
    if saved is not None:
        os.environ["FORCE_COLOR"] = saved


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite corpus/*/expected.txt from what jwtlint reports now (review the diff!)",
    )
