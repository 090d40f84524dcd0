def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite corpus/*/expected.txt from what jwtlint reports now (review the diff!)",
    )
