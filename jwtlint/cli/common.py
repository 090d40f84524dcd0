"""What every command shares: the lint options (declared once), how they become ``Options``,
reading the input, and the one error style (``jwtlint: error: <one line>``, exit 2).

Every command that lints takes the shared flags with ``@lint_flags(...)`` (the ``Annotated``
types below, listed once in ``LINT_FLAGS``), so a flag is spelt, typed and documented once;
``options_for(command, flags)`` turns them into one ``jwtlint.options.Options`` (defaults <
configuration file < flags). A file name that is not there is ``no_such_file``'s one message
wherever it was named (an input, a scanned path, ``--key``...). ``JwtlintGroup`` makes click's
own usage errors ("No such option", "Invalid value") speak in the same one line.
"""

from __future__ import annotations

import errno
import functools
import inspect
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, List, NoReturn, Optional

import typer
from typer._click import exceptions as click
from typer.core import TyperGroup
from typer.models import ArgumentInfo

from .. import limits
if TYPE_CHECKING:  # typing only: options (and the engine) are imported when a command lints
    from ..config import Config
    from ..options import Options


class CliError(Exception):
    """Bad usage or unreadable input: one line on stderr, exit 2."""


def fail(message: str) -> typer.Exit:
    """Say ``message`` in the one error style; the caller raises what this returns (exit 2)."""
    typer.echo(f"jwtlint: error: {message}", err=True)
    return typer.Exit(2)


class ReportFormat(str, Enum):
    """Formats of the commands that report findings (check, scan)."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class Format(str, Enum):
    """Formats of the commands whose output is not a list of findings (decode, rules, profiles)."""

    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


# --- the lint options, declared once (every command that lints uses these) ---
Aud = Annotated[Optional[List[str]], typer.Option("--aud", help="Audience the verifier expects (repeatable).")]
Iss = Annotated[Optional[str], typer.Option("--iss", help="Issuer the verifier expects.")]
Now = Annotated[Optional[float], typer.Option("--now", help="Current time, epoch seconds (default: the clock).")]
Leeway = Annotated[Optional[float], typer.Option("--leeway", help="Clock skew allowed, seconds (default 0).")]
MaxLifetime = Annotated[
    Optional[float], typer.Option("--max-lifetime", help="Longest acceptable exp - iat, seconds (default 86400).")
]
Profile = Annotated[
    Optional[str], typer.Option("--profile", help="Platform profile (jwtlint profiles lists them), or auto.")
]
Select = Annotated[
    Optional[List[str]], typer.Option("--select", help="Only these rules: codes, names, prefixes, families.")
]
Ignore = Annotated[
    Optional[List[str]], typer.Option("--ignore", help="Skip these rules: codes, names, prefixes, families.")
]
FailOnOpt = Annotated[
    Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1 (default error).")
]
ShowSecrets = Annotated[
    bool, typer.Option("--show-secrets", help="Show whole signatures, secrets and fixed key material.")
]
Key = Annotated[
    Optional[str],
    typer.Option("--key", help="Key file: PEM, DER, base64 DER, JWK, JWKS, OpenSSH, certificate."),
]
Jwks = Annotated[Optional[str], typer.Option("--jwks", help="JWK Set file; the key is chosen by the token's kid.")]
SecretFile = Annotated[
    Optional[str], typer.Option("--secret-file", help="File holding the HMAC secret (one final newline is dropped).")
]
Nonce = Annotated[Optional[str], typer.Option("--nonce", help="The nonce the client sent (OIDC ID token).")]
AccessToken = Annotated[
    Optional[str], typer.Option("--access-token", help="The access token a DPoP proof goes with.")
]
ConfigFile = Annotated[
    Optional[str],
    typer.Option("--config", help="Configuration file (default: .jwtlint.toml or pyproject.toml found upwards)."),
]

#: The lint flags, declared once: name -> (its Annotated type above, default). A command takes
#: them with ``@lint_flags(...)`` and hands what it got to ``options_for``.
LINT_FLAGS: dict[str, tuple[Any, Any]] = {
    "aud": (Aud, None),
    "iss": (Iss, None),
    "now": (Now, None),
    "leeway": (Leeway, None),
    "max_lifetime": (MaxLifetime, None),
    "select": (Select, None),
    "ignore": (Ignore, None),
    "fail_on": (FailOnOpt, None),
    "show_secrets": (ShowSecrets, False),
    "key": (Key, None),
    "secret_file": (SecretFile, None),
    "jwks": (Jwks, None),
    "profile": (Profile, None),
    "nonce": (Nonce, None),
    "access_token": (AccessToken, None),
    "config_file": (ConfigFile, None),
}

Command = Callable[..., None]


def lint_flags(*names: str) -> Callable[[Command], Command]:
    """Add the shared lint flags ``names`` (all of ``LINT_FLAGS`` when none is named) to a
    typer command. The command declares only its own parameters plus ``flags: dict[str, Any]``,
    which receives the shared ones by name (``options_for(command, flags)`` reads them)."""
    chosen = names or tuple(LINT_FLAGS)
    unknown = [n for n in chosen if n not in LINT_FLAGS]
    if unknown:
        raise ValueError(f"not a shared lint flag: {', '.join(unknown)}")

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)  # typer reads the evaluated annotations
        own = [p for name, p in signature.parameters.items() if name != "flags"]
        shared = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=LINT_FLAGS[name][1], annotation=LINT_FLAGS[name][0])
            for name in chosen
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            flags = {name: kwargs.pop(name, LINT_FLAGS[name][1]) for name in chosen}
            command(*args, flags=flags, **kwargs)

        # typer passes every parameter by name: all keyword-only, the shared flags after the
        # command's arguments (the order --help lists them in)
        own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
        n_args = next((i for i, p in enumerate(own) if not isinstance(p.default, ArgumentInfo)), len(own))
        params = own[:n_args] + shared + own[n_args:]
        run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        return run

    return decorate


def load_config(config_file: str | None) -> Config:
    """The configuration ``--config FILE`` names, or the one found from the current directory.

    Raises ``ConfigError`` (a ``ValueError``) with a one-line reason."""
    from .. import config

    if config_file is not None and not os.path.isfile(config_file):
        raise config.ConfigError(f"--config {config_file}: no such file")
    return config.load(path=config_file)


def given_options(
    *,
    aud: Sequence[str] | None = None,
    iss: str | None = None,
    now: float | None = None,
    leeway: float | None = None,
    max_lifetime: float | None = None,
    profile: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fail_on: FailOn | str | None = None,
    show_secrets: bool = False,
    key: str | None = None,
    jwks: str | None = None,
    secret_file: str | None = None,
    nonce: str | None = None,
    access_token: str | None = None,
) -> dict[str, Any]:
    """The command-line flags as ``Options`` names (``None``: not given). Key files must exist."""
    for flag, value in (("--key", key), ("--secret-file", secret_file), ("--jwks", jwks)):
        if value is not None:
            require_file(value, flag)
    return {
        "audience": list(aud) if aud else None,
        "issuer": iss,
        "now": now,
        "leeway": leeway,
        "max_lifetime": max_lifetime,
        "profile": profile,
        "select": list(select) if select else None,
        "ignore": list(ignore) if ignore else None,
        "fail_on": fail_on.value if isinstance(fail_on, FailOn) else fail_on,
        "show_secrets": show_secrets or None,
        "key": Path(key) if key else None,
        "jwks": Path(jwks) if jwks else None,
        "secret": Path(secret_file) if secret_file else None,
        "nonce": nonce,
        "access_token": access_token,
    }


def build_options(command: str, config: Config | None, given: dict[str, Any]) -> Options:
    """The one way a command's flags become ``Options``: defaults < the command's own defaults <
    configuration file < flags. Raises ``CliError`` naming the flag for a bad value."""
    from ..options import COMMAND_DEFAULTS, CONFIG_KEYS, OptionError, Options

    given = dict(given)
    for name, value in COMMAND_DEFAULTS[command].items():
        from_config = config is not None and name in CONFIG_KEYS and config[CONFIG_KEYS[name]] is not None
        if given.get(name) is None and not from_config:
            given[name] = value
    try:
        return Options.build(config, **given)
    except OptionError as exc:
        raise CliError(_flag_message(str(exc))) from None


def _flag_message(message: str) -> str:
    """An ``OptionError`` message with the option's name spelt as its flag (``max_lifetime`` is
    ``--max-lifetime``), so it names what the user typed."""
    from ..options import FLAGS

    name = message.split(" ", 1)[0]
    return FLAGS[name] + message[len(name) :] if name in FLAGS else message


def options_for(command: str, flags: Mapping[str, Any], config: Config | None = None) -> Options:
    """``build_options`` for the shared flags a command received (``@lint_flags``), with the
    configuration file ``--config`` names (or ``config``, already loaded), in one call."""
    given = dict(flags)
    config_file = given.pop("config_file", None)
    if config is None:
        config = config_for(config_file)
    return build_options(command, config, given_options(**given))


def config_for(config_file: str | None) -> Config:
    """``load_config``, its error as a ``CliError``."""
    try:
        return load_config(config_file)
    except ValueError as exc:
        raise CliError(str(exc)) from None


# --- file names: the one check and the one message for a file that is not there ---

#: Endings of the files tokens and keys are kept in: an argument ending in one names a file.
FILE_SUFFIXES = frozenset(
    ".txt .pem .jwt .jws .jwe .json .key .crt .cer .der .p8 .pub .env .jwk .jwks .token .b64 .asc "
    ".yaml .yml .toml .ini .properties .cfg .conf .log .md .http".split()
)
#: A compact token (JWS: 3 segments, JWE: 5), base64url or standard base64.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_\-+/=]+(?:\.[A-Za-z0-9_\-+/=]*){2,4}")
#: The characters that can follow 'e' when base64 text decodes to '{' (0x7B = 011110 11....).
_BRACE_SECOND = frozenset("wxyz0123456789+/-_")
_WORD = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
#: How many names of a directory are compared with a missing one (a huge directory costs no more).
MAX_NAMES_COMPARED = 5000


def _plausible_path(arg: str) -> bool:
    return 0 < len(arg) < 4096 and not any(c in arg for c in "\n\r\0")


def looks_like_path(arg: str) -> bool:
    """Whether ``arg``, which is not an existing file, was meant as a file name: it has a path
    separator or a file ending (``.txt``, ``.pem``...), or it is one word close to the name of a
    file beside it. Never a token (``eyJ...``, a JOSE header of any spacing starts with ``e``),
    ``Bearer ...``, a PEM or JSON text, a form body, an assignment or a URL."""
    if not _plausible_path(arg) or arg != arg.strip():
        return False
    if "eyJ" in arg or "://" in arg or any(c in arg for c in "=?&#{}[]\"'`") or arg.startswith("-----"):
        return False
    if re.match(r"(?:bearer|dpop|jwt|authorization\s*:)\s", arg, re.I):
        return False
    suffix = os.path.splitext(arg)[1].lower()
    if arg[:1] == "e" and arg[1:2] in _BRACE_SECOND and suffix not in FILE_SUFFIXES and _TOKEN_SHAPE.fullmatch(arg):
        return False  # its first segment decodes to '{': a token ('/' and '+' in standard base64)
    if "/" in arg or "\\" in arg or suffix in FILE_SUFFIXES:
        return True
    return _WORD.fullmatch(arg) is not None and _close_name(arg, cutoff=0.8) is not None


def _close_name(path: str, cutoff: float = 0.6) -> str | None:
    """The name in ``path``'s directory closest to it (``difflib``), as a path; ``None`` if none is close."""
    import difflib
    import itertools

    folder, name = os.path.split(path)
    try:
        with os.scandir(folder or ".") as entries:
            names = [e.name for e in itertools.islice(entries, MAX_NAMES_COMPARED)]
    except (OSError, ValueError):
        return None
    match = difflib.get_close_matches(name, names, n=1, cutoff=cutoff)
    return os.path.join(folder, match[0]) if match else None


def no_such_file(path: str, flag: str | None = None) -> str:
    """The one message for a file that is not there: ``no such file: tokn.txt (did you mean
    token.txt?)``; after an option, ``--key tokn.pem: no such file (did you mean token.pem?)``."""
    close = _close_name(path) if _plausible_path(path) else None
    hint = f" (did you mean {close}?)" if close else ""
    return f"{flag} {path}: no such file{hint}" if flag else f"no such file: {path}{hint}"


def require_file(path: str, flag: str | None = None) -> None:
    """Raise ``CliError`` unless ``path`` is a file (``flag``: the option that named it)."""
    try:
        if os.path.isfile(path):
            return
        is_dir = _plausible_path(path) and os.path.isdir(path)
    except (OSError, ValueError):
        is_dir = False
    if is_dir:
        where = f"{flag} {path}" if flag else path
        raise CliError(f"{where} is a directory, not a file")
    raise CliError(no_such_file(path, flag))


def require_paths(paths: Sequence[str]) -> None:
    """Raise ``CliError`` for the first of ``paths`` (files or directories) that does not exist."""
    for path in paths:
        try:
            exists = _plausible_path(path) and os.path.exists(path)
        except (OSError, ValueError):
            exists = False
        if not exists:
            raise CliError(no_such_file(path))


# --- no token, no success ---


def holds_no_token(targets: Sequence[Any]) -> bool:
    """Whether what intake read holds nothing to lint: no target, or only words that are no part
    of a JWT (one segment, no '.', not the base64 of a JSON object: ``hello``, prose)."""
    return all(
        t.kind == "token" and len(t.segments) == 1 and t.header is None and t.too_large is None
        and not t.text.startswith(("ey", "ew"))
        for t in targets
    )


def require_token(targets: Sequence[Any]) -> None:
    """The one "no token found" of check and decode: ``CliError`` (exit 2) when ``holds_no_token``."""
    if not targets:
        raise CliError("no token found in the input")
    if holds_no_token(targets):
        raise CliError("no token found in the input (a JWT is header.payload.signature, base64url, joined by '.')")


# --- input ---


def read_input(arg: str) -> tuple[str, str | None]:
    """(text, path): ``-`` reads stdin; an existing file is read as a file; a name that looks
    like a file's (``looks_like_path``) but is none is an error; anything else is text."""
    if arg == "-":
        return read_stream(_stdin()), None
    try:
        plausible_path = _plausible_path(arg)
        if plausible_path and os.path.isdir(arg):
            raise CliError(f"{arg} is a directory (jwtlint scan searches directories)")
        is_file = plausible_path and os.path.isfile(arg)
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        if looks_like_path(arg):
            raise CliError(no_such_file(arg))
        return arg, None
    try:
        with open(arg, "rb") as fh:
            return read_stream(fh), arg
    except OSError as exc:
        raise CliError(f"cannot read {arg}: {exc.strerror or exc}") from None


def _stdin() -> IO[bytes]:
    stdin = sys.stdin
    if stdin is None or getattr(stdin, "buffer", None) is None:
        raise CliError("no input: stdin is closed (give the token as an argument or a file)")
    return stdin.buffer


def read_stream(stream: IO[bytes]) -> str:
    """The text of ``stream``, read to one character past the limit (an oversized input is
    reported, never read whole); binary DER survives as latin-1 text."""
    try:
        data = stream.read(limits.MAX_INPUT_CHARS * 4 + 1)
    except OSError as exc:
        raise CliError(f"cannot read the input: {exc.strerror or exc}") from None
    except ValueError:  # a closed file object
        raise CliError("no input: stdin is closed") from None
    from ..keys.parse import decode_input

    return decode_input(data)


def read_inputs(inputs: Sequence[str] | None) -> list[tuple[str, str | None]]:
    """Each input's (text, path); stdin when none is given (with a prompt on a terminal)."""
    if inputs:
        return [read_input(a) for a in inputs]
    stdin = _stdin()
    if sys.stdin is not None and sys.stdin.isatty():
        typer.echo("Paste a token (or anything holding one), then press Ctrl-D:", err=True)
    return [(read_stream(stdin), None)]


def color(fmt: str) -> bool:
    """Colour only for text, as ``jwtlint.printable.use_color`` decides (NO_COLOR, FORCE_COLOR, TERM=dumb, a tty)."""
    from ..printable import use_color

    return fmt == "text" and use_color(sys.stdout)


# --- the one error style ---


class JwtlintGroup(TyperGroup):
    """The typer group with one error style: click's usage errors ("No such option", "Invalid
    value", a missing argument), an unwritable stdout and a closed stdout are one line
    ``jwtlint: error: ...`` and exit 2, like every error of jwtlint's own."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self._run(args, prog_name, complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args: Sequence[str] | None, prog_name: str | None, complete_var: str | None, extra: Any) -> int:
        if sys.stdout is None:  # started with stdout closed (`jwtlint check >&-`)
            _error("stdout is closed: nothing can be printed")
            return 2
        try:
            rv = super().main(args, prog_name or "jwtlint", complete_var, standalone_mode=False, **extra)
            _flush_stdout()
        except click.NoArgsIsHelpError as exc:
            exc.show()
            return 2
        except click.UsageError as exc:
            _error(_usage_message(exc))
            return 2
        except click.ClickException as exc:
            _error(exc.format_message())
            return 2
        except typer.Abort:
            return 130
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `jwtlint ... | head`: the reader had enough
                _silence_stdout()
                return 1
            if exc.errno in _WRITE_ERRORS:
                _silence_stdout()
                _error(f"cannot write the output: {exc.strerror or exc}")
            else:  # an OSError a command did not turn into its own message: still one line
                _error(exc.strerror or str(exc))
            return 2
        except Exception as exc:
            from ..engine import RuleLoadError  # loaded by then: a command that lints loads the engine

            if not isinstance(exc, RuleLoadError):
                raise
            _error(str(exc))  # a broken rule pack: named in one line, no traceback
            return 2
        return rv if isinstance(rv, int) else 0


#: errno values of a failed write to stdout (a full disk, /dev/full, a closed descriptor).
_WRITE_ERRORS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EBADF", "EIO", "EFBIG", "EDQUOT") if hasattr(errno, name)
)


def _usage_message(exc: click.UsageError) -> str:
    message = " ".join(exc.format_message().split())
    command = exc.ctx.command_path if exc.ctx is not None else "jwtlint"
    return f"{message} (see {command} --help)"


def _error(message: str) -> None:
    try:
        print(f"jwtlint: error: {message}", file=sys.stderr)
    except (OSError, ValueError, AttributeError):
        pass


def _flush_stdout() -> None:
    out = sys.stdout
    if out is not None:
        out.flush()


def _silence_stdout() -> None:
    """After a failed write: point stdout at /dev/null so the interpreter's last flush at exit
    cannot fail a second time (with a traceback-like "Exception ignored" message)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def exit_with(code: int) -> NoReturn:
    raise typer.Exit(code)
