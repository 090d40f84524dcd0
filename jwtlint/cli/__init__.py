"""The command line, one module per command group (``app`` holds the typer application).

``jwtlint.cli:main`` is the console script's entry point; it imports the application only
when called, so importing this package costs nothing.
"""


def main() -> None:
    from .app import main as run

    run()
