"""The options of a lint, built in one place for every door.

``check``, ``scan``, ``decode``, ``fix``, ``why --token``, ``serve``, the pytest plugin and the
library API all describe what they want as one ``Options``: defaults, then the configuration
file (``[tool.jwtlint]``), then what the caller gave (command-line flags or keyword arguments).
``Options.build`` is the only place that merges and checks them, so a value means the same
thing whichever door it came through, and a bad value gets the same one-line ``OptionError``.

Names are the library's keyword arguments; the command line spells them as flags
(``audience`` is ``--aud``, ``issuer`` ``--iss``, ``secret`` ``--secret-file``) and the
configuration file as keys (``aud``, ``iss``, ``max-lifetime``, ``fail-on``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from .engine import Severity

if TYPE_CHECKING:
    from .config import Config


class OptionError(ValueError):
    """An option that cannot be used: one line saying which and why (exit 2 on the command line)."""


#: Option name -> the configuration file key that can set it.
#: The doors whose options ``jwtlint config`` explains, and what each uses unless told otherwise
#: (``decode`` notes what could not be read cleanly: the transport and structure rules).
COMMAND_DEFAULTS: dict[str, dict[str, Any]] = {
    "check": {},
    "scan": {},
    "decode": {"select": ("transport", "structure")},
    "pytest": {},
}

CONFIG_KEYS = {
    "select": "select",
    "ignore": "ignore",
    "fail_on": "fail-on",
    "audience": "aud",
    "issuer": "iss",
    "leeway": "leeway",
    "max_lifetime": "max-lifetime",
    "profile": "profile",
}

#: Option name -> the command-line flag that sets it (the CLI and its error messages use these).
FLAGS = {
    "audience": "--aud",
    "issuer": "--iss",
    "now": "--now",
    "leeway": "--leeway",
    "max_lifetime": "--max-lifetime",
    "profile": "--profile",
    "select": "--select",
    "ignore": "--ignore",
    "fail_on": "--fail-on",
    "show_secrets": "--show-secrets",
    "nonce": "--nonce",
    "access_token": "--access-token",
    "key": "--key",
    "jwks": "--jwks",
    "secret": "--secret-file",
}


class Options(NamedTuple):
    """What decides a lint's findings. Build it with ``Options.build``, which merges and checks.

    ``key``, ``jwks`` and ``secret`` are where the keys come from (key text, a
    ``pathlib.Path``, a cryptography key object, a ``KeyInfo``, a list of these; the secret as
    bytes, text or a ``Path``); ``jwtlint.pipeline.prepare`` reads them once.
    """

    audience: tuple[str, ...] = ()
    issuer: str | None = None
    now: float | None = None
    leeway: float = 0.0
    max_lifetime: float = 86400.0
    profile: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: Severity = Severity.ERROR
    show_secrets: bool = False
    nonce: str | None = None
    access_token: str | None = None
    key: Any = None
    jwks: Any = None
    secret: Any = None

    @classmethod
    def build(cls, config: Config | None = None, **given: Any) -> Options:
        """Defaults < ``config`` < ``given``. A ``given`` value of ``None`` (or an empty list)
        means "not given". Raises ``OptionError`` for an unknown name or a value that cannot be
        used (a non-finite time, a negative leeway, an unknown severity, profile or rule)."""
        if config is not None:
            return cls._build(config, given)
        # The library's case: the same arguments again and again. Built once per set of values;
        # the key sources (often objects that cannot be hashed) are put in afterwards.
        sources = {name: given.pop(name) for name in _KEY_SOURCES if given.get(name) is not None}
        try:
            cache_key: Any = tuple(given.items())
            built = _BUILT.get(cache_key)
        except TypeError:  # an unhashable value elsewhere: build it each time
            cache_key, built = None, None
        if built is None:
            built = cls._build(None, given)
            if cache_key is not None:
                if len(_BUILT) >= 64:
                    _BUILT.clear()
                _BUILT[cache_key] = built
        return built._replace(**sources) if sources else built

    @classmethod
    def _build(cls, config: Config | None, given: dict[str, Any]) -> Options:
        values: dict[str, Any] = {}
        if config is not None:
            for name, key in CONFIG_KEYS.items():
                value = config[key]
                if value is not None:
                    values[name] = value
        for name, value in given.items():
            if value is None or value is _DEFAULTS.get(name, _NO):
                continue  # not given, or the default itself (lint()'s own defaults): nothing to check
            if name not in _NAMES:
                raise OptionError(f"unknown option {name!r}{_hint(name)}")
            if isinstance(value, (list, tuple)) and not value:
                continue
            values[name] = value
        check = _CHECK
        checked: dict[str, Any] = {name: check[name](name, value) if name in check else value for name, value in values.items()}
        return cls(**checked)

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes``, checked like ``build`` checks them."""
        checked: dict[str, Any] = {name: _CHECK.get(name, _same)(name, v) for name, v in changes.items()}
        return type(self)(**{**self._asdict(), **checked})

    def __repr__(self) -> str:  # keys and secrets never reach a log or a test failure
        shown = ", ".join(
            f"{name}={'<given>' if name in _SECRET else repr(value)}"
            for name, value in zip(self._fields, self)
            if value != self._field_defaults[name]
        )
        return f"Options({shown})"


_SECRET = frozenset({"key", "jwks", "secret", "access_token"})


def _same(name: str, value: Any) -> Any:
    return value


def _text(name: str, value: Any) -> str | None:
    if not isinstance(value, str):
        raise OptionError(f"{name} must be text, not {type(value).__name__}")
    return value or None


def _texts(name: str, value: Any) -> tuple[str, ...] | None:
    """A list option: text with commas, or any iterable of text; blanks dropped."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, Iterable):
        raise OptionError(f"{name} must be text or a list of text, not {type(value).__name__}")
    items = []
    for v in value:
        if not isinstance(v, str):
            raise OptionError(f"{name} must be text or a list of text, not a list holding {type(v).__name__}")
        items += [part.strip() for part in v.split(",") if part.strip()]
    return tuple(items) or None


def _audience(name: str, value: Any) -> tuple[str, ...]:
    return _texts(name, value) or ()


def _seconds(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise OptionError(f"{name} must be a number of seconds, not {type(value).__name__}")
    try:
        number = float(value)
    except ValueError:
        raise OptionError(f"{name} must be a number of seconds, not {value!r}") from None
    if not math.isfinite(number):
        raise OptionError(f"{name} must be a finite number of seconds, not {value!r}")
    if number < 0 and name != "now":
        raise OptionError(f"{name} must not be negative, not {value!r}")
    return number


def _severity(name: str, value: Any) -> Severity:
    if not isinstance(value, (str, Severity)):
        raise OptionError(f"{name} takes 'error', 'warning', 'info' or a Severity, not {type(value).__name__}")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise OptionError(str(exc)) from None


def _profile(name: str, value: Any) -> str | None:
    text = _text(name, value)
    if text is None:
        return None
    from .profiles import check_name

    try:
        return check_name(text)
    except ValueError as exc:
        raise OptionError(str(exc)) from None


def _flag(name: str, value: Any) -> bool:
    return bool(value)


_CHECK: dict[str, Callable[[str, Any], Any]] = {
    "audience": _audience,
    "issuer": _text,
    "now": _seconds,
    "leeway": _seconds,
    "max_lifetime": _seconds,
    "profile": _profile,
    "select": _texts,
    "ignore": _texts,
    "fail_on": _severity,
    "show_secrets": _flag,
    "nonce": _text,
    "access_token": _text,
}
_NAMES = frozenset(Options._fields)
_KEY_SOURCES = ("key", "jwks", "secret")
_NO = object()
#: Options already built from the same library arguments, by value (an Options is immutable).
_BUILT: dict[tuple[tuple[str, Any], ...], Options] = {}
#: The defaults that need no checking when given as they are (``is``: lint()'s own defaults).
_DEFAULTS: dict[str, Any] = {name: v for name, v in Options._field_defaults.items() if v is not None}


def _hint(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(_NAMES), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


DEFAULT = Options()
