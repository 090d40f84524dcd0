"""`jwtlint serve`: the offline web debugger, on 127.0.0.1 only (the server is jwtlint.serve.server).

Importing this module costs nothing: the server is imported when the command runs, so
other commands start as fast as before.
"""

from __future__ import annotations

from typing import Optional

import typer


def serve_command(
    port: Optional[int] = typer.Option(None, "--port", min=1, max=65535, help="Port on 127.0.0.1 (default: a free one)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Print the URL only; do not open a browser."),
) -> None:
    """Serve the web debugger on 127.0.0.1: paste a token, see every finding marked in place.

    Prints http://127.0.0.1:PORT/?session=SECRET; every request needs that secret
    (the page keeps it in a cookie, API clients send it as X-Jwtlint-Session).
    Nothing leaves the machine. Stop with Ctrl-C.
    """
    from ..serve.server import Server

    try:
        server = Server(port or 0)
    except OSError as exc:
        typer.echo(f"jwtlint: error: cannot listen on 127.0.0.1:{port or 0}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"jwtlint serve: open {server.url}", err=True)
    typer.echo(server.url)  # on stdout, alone on its line, for tools that start the server
    typer.echo("jwtlint serve: the page and its API answer this machine only; Ctrl-C stops it", err=True)
    if not no_browser:
        _open_browser(server.url)
    server.warm()  # the rules load while the browser opens the page: the first lint is then as fast as the rest
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _open_browser(url: str) -> None:
    """Open ``url`` in a graphical browser, in the background: a console browser (lynx, w3m)
    would take over the terminal, and a browser that does not return must not hold the server."""
    import os
    import sys
    import threading

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        typer.echo("jwtlint serve: no display here: open the URL above in your browser", err=True)
        return

    def run() -> None:
        import webbrowser

        try:
            webbrowser.open(url)
        except Exception:  # no browser is no reason to stop: the URL is printed
            pass

    threading.Thread(target=run, name="jwtlint-serve-browser", daemon=True).start()
