"""The command line, one module per command group (``app`` holds the typer application).

``jwtlint.cli:main`` is the console script's entry point; it imports the application only
when called, so importing this package costs nothing.
"""


def main() -> None:
    import sys

    if sys.argv[1:2] == ["scan"]:
        # Before typer and the command load (~60 ms): gather the files and start grep, which
        # then runs meanwhile instead of after (jwtlint/scan/early.py).
        from ..scan.early import prefetch

        prefetch(sys.argv[2:])
    from .app import main as run

    run()
