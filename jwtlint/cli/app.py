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
from enum import Enum
from typing import Optional


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
    context_settings={"help_option_names": ["-h", "--help"]},  # every command: -h as well as --help
    add_completion=True,  # --install-completion / --show-completion (typer's; see main() for the cost)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


from .check import check_command, decode_command, fix_command  # noqa: E402
from .common import Format, fail  # noqa: E402

app.command("check")(check_command)
app.command("decode")(decode_command)
app.command("fix")(fix_command)


class RulesFormat(str, Enum):
    """Formats of ``jwtlint rules``: the list, the list as data, or one browsable page."""

    text = "text"
    json = "json"
    markdown = "markdown"


@app.command("rules")
def list_rules(fmt: RulesFormat = typer.Option(RulesFormat.text, "--format", help="Output format (markdown: every rule's docs as one page, docs/rules.md).")) -> None:
    """List every rule: code, name, default severity and summary."""
    from ..engine import registry
    from ..report import catalogue

    rules = registry().rules
    if fmt is RulesFormat.json:
        import json

        typer.echo(json.dumps([catalogue.record(r) for r in rules], indent=2))
        return
    if fmt is RulesFormat.markdown:
        typer.echo(catalogue.rules_page(), nl=False)
        return
    for r in rules:
        typer.echo(f"{r.code}  {r.name:<32} {str(r.severity):<8} {r.summary}")


@app.command("rule")
def show_rule(
    name: Optional[str] = typer.Argument(None, help="A rule name or code, e.g. base64-padding or JWT204."),
    all_rules: bool = typer.Option(False, "--all", help="Every rule's documentation."),
    fmt: Format = typer.Option(Format.text, "--format", help="Output format (json: an object; with --all a list)."),
) -> None:
    """Print one rule's documentation, or every rule's (--all)."""
    from ..engine import registry
    from ..report import catalogue

    if all_rules == (name is not None):
        raise fail("give a rule name or code, or --all" if name is None else "give a rule name or --all, not both")
    if name is None:
        rules = list(registry().rules)
    else:
        rule = registry().by_key.get(name) or registry().by_key.get(name.upper())
        if rule is None:
            import difflib

            close = difflib.get_close_matches(name, list(registry().by_key), n=1)
            raise fail(f"no rule {name!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
        rules = [rule]
    if fmt is Format.json:
        import json

        records = [catalogue.record(r) for r in rules]
        typer.echo(json.dumps(records if all_rules else records[0], indent=2))
        return
    typer.echo(("\n\n" + "-" * 72 + "\n\n").join(catalogue.rule_text(r) for r in rules))


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
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Show the version."),
) -> None:
    """Find what is wrong with a JSON Web Token, where, and how to fix it."""
    from ..printable import use_color

    if use_color(sys.stdout):
        # click's echo strips ANSI codes from output that is not a terminal; with FORCE_COLOR
        # the colour is asked for through a pipe too. Subcommands' contexts inherit this.
        ctx.color = True


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
