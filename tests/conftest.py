import pytest

import offline


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    """The whole suite runs with socket creation failing (tests/offline.py)."""
    saved = offline.install()
    yield
    offline.uninstall(saved)


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite corpus/*/expected.txt from what jwtlint reports now (review the diff!)",
    )
