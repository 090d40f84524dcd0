"""The command line: the typer application and its commands, a thin layer over ``jwtlint.pipeline``.

``check``/``decode``/``fix`` live in ``cli/check.py``, ``scan`` in ``cli/scan.py``, ``key`` in
``cli/key.py``, ``config``/``profiles`` in ``cli/config.py``, ``why`` in ``cli/why.py``; the
options they share, input reading and the one error style in ``cli/common.py``.

Exit codes (DESIGN.md): 0 nothing at or above ``--fail-on``; 1 findings;
2 bad usage or unreadable input, with a one-line reason on stderr.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any


def _own_process() -> bool:
    """True when this process runs the jwtlint program (the console script or ``python -m
    jwtlint``), not a program that imports the CLI or calls ``main`` (a test): only then may
    the CLI act on the whole process (start work early, tune the garbage collector)."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None) or ""
    name = os.path.basename(main_file)
    if name == "__main__.py":
        return os.path.basename(os.path.dirname(main_file)) == "jwtlint"
    return name.split(".")[0] == "jwtlint"


import typer  # noqa: E402

from .._version import __version__

from .common import JwtlintGroup  # noqa: E402

app = typer.Typer(
    cls=JwtlintGroup,
    name="jwtlint",
    help="Find what is wrong with a JSON Web Token, where, and how to fix it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


from .check import check_command, decode_command, fix_command  # noqa: E402
from .common import Format, fail  # noqa: E402

app.command("check")(check_command)
app.command("decode")(decode_command)
app.command("fix")(fix_command)


@app.command("rules")
def list_rules(fmt: Format = typer.Option(Format.text, "--format", help="Output format.")) -> None:
    """List every rule: code, name, default severity and summary."""
    from ..engine import registry

    rules = registry().rules
    if fmt is Format.json:
        import json

        typer.echo(json.dumps([_rule_dict(r) for r in rules], indent=2))
        return
    for r in rules:
        typer.echo(f"{r.code}  {r.name:<32} {str(r.severity):<8} {r.summary}")


def _rule_dict(r: Any) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "family": r.family,
        "severity": str(r.severity),
        "summary": r.summary,
        "refs": [str(x) for x in r.refs],
        "urls": [x.url for x in r.refs if x.url],
        "docs": r.docs(),
    }


@app.command("rule")
def show_rule(name: str = typer.Argument(..., help="A rule name or code, e.g. base64-padding or JWT204.")) -> None:
    """Print one rule's documentation."""
    from ..engine import registry

    rule = registry().by_key.get(name) or registry().by_key.get(name.upper())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(name, list(registry().by_key), n=1)
        raise fail(f"no rule {name!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
    typer.echo(f"{rule.code} {rule.name} ({rule.severity}, {rule.family})\n{rule.summary}\n")
    typer.echo(rule.docs())
    if rule.refs:
        typer.echo("\n## References")
        for ref in rule.refs:
            typer.echo(f"- {ref}" + (f" <{ref.url}>" if ref.url else ""))


from .scan import scan_command  # noqa: E402  (the body of `jwtlint scan` lives in jwtlint/cli/scan.py)

app.command("scan")(scan_command)

from .key import key_app  # noqa: E402  (`jwtlint key pub` lives in jwtlint/cli/key.py)

app.add_typer(key_app, name="key")


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"jwtlint {__version__}")
        raise typer.Exit(0)


from .config import config_command, profiles_command  # noqa: E402
from .why import why_command  # noqa: E402

app.command("profiles")(profiles_command)
app.command("config")(config_command)
app.command("why")(why_command)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Show the version."),
) -> None:
    """Find what is wrong with a JSON Web Token, where, and how to fix it."""


def main() -> None:
    from ..engine import RuleLoadError

    own = _own_process()
    if own:
        # What is loaded by now lives as long as the process: no garbage collection need
        # look at it again (a scan allocates enough to run a few full collections).
        gc.freeze()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except RuleLoadError as exc:  # a broken rule pack: name it in one line, no traceback
        print(f"jwtlint: error: {exc}", file=sys.stderr)
        sys.exit(2)
    finally:
        if own:
            # Nothing is left to collect: at exit the interpreter then skips a last collection
            # over every object (~20 ms of a scan).
            gc.freeze()


from .serve import serve_command; app.command("serve")(serve_command)  # noqa: E402,E702  (`jwtlint serve`: jwtlint/cli/serve.py)
