"""Project configuration: ``[tool.jwtlint]`` in ``pyproject.toml``, or ``.jwtlint.toml``.

Found by walking up from the current directory; the first directory holding
a ``.jwtlint.toml``, or a ``pyproject.toml`` with a ``[tool.jwtlint]`` table,
wins. Precedence is defaults < file < command line, and every value
remembers where it came from (``jwtlint config`` prints that).

Keys mirror the command-line options::

    [tool.jwtlint]
    select = ["claims", "JWT2"]        # codes, names, code prefixes, families
    ignore = ["typ-unusual"]
    fail-on = "warning"                # error | warning | info
    aud = ["https://api.example.com"]  # what the verifier expects
    iss = "https://issuer.example.com"
    leeway = 30                        # clock skew allowed, seconds
    max-lifetime = 3600                # longest acceptable exp - iat, seconds
    profile = "oidc-id-token"
    include = ["**/*"]                 # scan: globs of files to read
    exclude = ["tests/fixtures/**"]    # scan: globs of files to skip
    baseline = ".jwtlint-baseline.json"

    [[tool.jwtlint.overrides]]         # per-path settings for scans
    paths = ["docs/**"]
    ignore = ["live-token-in-repo"]

Unknown keys and wrong types raise ``ConfigError`` naming the closest valid key.
"""

from __future__ import annotations

import difflib
import math
import os
import stat
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


def _tomllib() -> Any:
    """The TOML parser, imported when a file is read (2.6 ms: a scan where no file is found skips it)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def __getattr__(name: str) -> Any:  # ``from jwtlint.config import tomllib`` still works
    if name == "tomllib":
        return _tomllib()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ConfigError(ValueError):
    """A configuration file that cannot be used: the message says where and why, in one line."""


#: Every key, its type, and its default. ``None`` means "not set".
DEFAULTS: dict[str, Any] = {
    "select": None,
    "ignore": None,
    "fail-on": "error",
    "aud": None,
    "iss": None,
    "leeway": 0.0,
    "max-lifetime": 86400.0,
    "profile": None,
    "include": None,
    "exclude": None,
    "baseline": None,
}
_LISTS = {"select", "ignore", "aud", "include", "exclude"}
_NUMBERS = {"leeway", "max-lifetime"}
_STRINGS = {"fail-on", "iss", "profile", "baseline"}
_OVERRIDABLE = set(DEFAULTS) - {"include", "exclude", "baseline"}
_SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Override:
    """Settings for the files matching ``paths`` (globs relative to the config file's directory)."""

    paths: tuple[str, ...]
    values: dict[str, Any]

    def matches(self, relpath: str) -> bool:
        return any(_glob_match(relpath, g) for g in self.paths)


@dataclass(frozen=True)
class Config:
    """The effective configuration: ``values[key]``, and ``sources[key]`` saying where each came from."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: {k: "default" for k in DEFAULTS})
    path: Path | None = None  # the file read, if any
    overrides: tuple[Override, ...] = ()

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def root(self) -> Path:
        """The directory that relative globs and paths are read from."""
        return self.path.parent if self.path else Path.cwd()

    def with_cli(self, **options: Any) -> Config:
        """Command-line options on top (``None`` and empty lists mean "not given"); keys use ``_`` or ``-``."""
        values, sources = dict(self.values), dict(self.sources)
        for name, value in options.items():
            key = name.replace("_", "-")
            if key not in DEFAULTS:
                raise ConfigError(f"unknown option {name!r}{_hint(key, DEFAULTS)}")
            if value is None or value == [] or value == ():
                continue
            values[key] = _coerce(key, value, "the command line")
            sources[key] = "command line"
        return Config(values, sources, self.path, self.overrides)

    def for_path(self, path: str | os.PathLike[str]) -> Config:
        """The configuration for one scanned file: overrides matching it applied in order."""
        if not self.overrides:
            return self
        rel = _relative(Path(path), self.root)
        values, sources = dict(self.values), dict(self.sources)
        for i, ov in enumerate(self.overrides):
            if ov.matches(rel):
                for key, value in ov.values.items():
                    if self.sources.get(key) == "command line":
                        continue  # the command line still wins
                    values[key] = value
                    sources[key] = f"{self.path} (overrides[{i}])"
        return Config(values, sources, self.path, self.overrides)

    def lint_options(self) -> dict[str, Any]:
        """The keyword arguments of ``jwtlint.lint`` that this configuration sets."""
        v = self.values
        return {
            "select": v["select"],
            "ignore": v["ignore"],
            "fail_on": v["fail-on"],
            "audience": v["aud"],
            "issuer": v["iss"],
            "leeway": v["leeway"],
            "max_lifetime": v["max-lifetime"],
            **({"profile": v["profile"]} if v["profile"] else {}),
        }

    def describe(self) -> list[str]:
        """One line per key: ``key = value  (source)``, TOML-ish, for ``jwtlint config``."""
        import json

        width = max(len(k) for k in DEFAULTS)
        lines = []
        for key in DEFAULTS:
            value = self.values[key]
            shown = "(not set)" if value is None else json.dumps(value)
            lines.append(f"{key:<{width}} = {shown}  # {self.sources[key]}")
        for i, ov in enumerate(self.overrides):
            lines.append(f"overrides[{i}] paths={list(ov.paths)} " + " ".join(f"{k}={v!r}" for k, v in ov.values.items()))
        return lines


def find(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file that applies to ``start`` (default: the current directory), or None."""
    found = _find(start)
    return found[0] if found else None


def _find(start: str | os.PathLike[str] | None) -> tuple[Path, dict[str, Any]] | None:
    """(the file ``find`` gives, its TOML), or None."""
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        dotfile = d / ".jwtlint.toml"
        if dotfile.is_file():
            return dotfile, _read_toml(dotfile)
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            # A pyproject.toml that never names jwtlint holds no [tool.jwtlint]: not parsed, so
            # another tool's file costs nothing (nor stops a scan when it is not valid TOML).
            data = _read_toml(pyproject, unless_without=b"jwtlint")
            tool = data.get("tool")
            if isinstance(tool, dict) and "jwtlint" in tool:
                return pyproject, data
    return None


def load(start: str | os.PathLike[str] | None = None, *, path: str | os.PathLike[str] | None = None) -> Config:
    """The configuration from ``path``, or from the file ``find(start)`` finds; defaults when none."""
    if path:
        file, data = Path(path), _read_toml(Path(path))
    else:
        found = _find(start)
        if found is None:
            return Config()
        file, data = found
    if file.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):  # `tool = "jwtlint"`: not the [tool] table
            raise ConfigError(f"{file}: 'tool' must be a table ([tool.jwtlint])")
        table = tool.get("jwtlint", {})
    else:
        table = data
    return from_table(table, file)


def from_table(table: dict[str, Any], file: Path | None = None) -> Config:
    """A ``Config`` from an already-read ``[tool.jwtlint]`` table."""
    where = str(file) if file else "configuration"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.jwtlint] must be a table")
    values, sources = dict(DEFAULTS), {k: "default" for k in DEFAULTS}
    overrides: list[Override] = []
    for key, value in table.items():
        if key == "overrides":
            overrides = _overrides(value, where)
            continue
        if key not in DEFAULTS:
            raise ConfigError(f"{where}: unknown key {key!r}{_hint(key, [*DEFAULTS, 'overrides'])}")
        values[key] = _coerce(key, value, where)
        sources[key] = where
    return Config(values, sources, file, tuple(overrides))


def _overrides(value: Any, where: str) -> list[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: 'overrides' must be an array of tables ([[tool.jwtlint.overrides]])")
    out = []
    for i, table in enumerate(value):
        paths = table.get("paths")
        if isinstance(paths, str):
            paths = [paths]
        if not paths or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{where}: overrides[{i}] needs 'paths', a list of globs")
        values = {}
        for key, v in table.items():
            if key == "paths":
                continue
            if key not in _OVERRIDABLE:
                raise ConfigError(f"{where}: overrides[{i}]: unknown key {key!r}{_hint(key, [*_OVERRIDABLE, 'paths'])}")
            values[key] = _coerce(key, v, f"{where} overrides[{i}]")
        out.append(Override(tuple(paths), values))
    return out


def _coerce(key: str, value: Any, where: str) -> Any:
    if key in _LISTS:
        if isinstance(value, str):
            value = [v for v in value.split(",")]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key!r} must be a list of strings")
        return [v.strip() for v in value if v.strip()] or None
    if key in _NUMBERS:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: {key!r} must be a number of seconds")
        if not math.isfinite(value):  # TOML has nan and inf
            raise ConfigError(f"{where}: {key!r} must be a finite number of seconds, not {value}")
        if value < 0:
            raise ConfigError(f"{where}: {key!r} must not be negative")
        return float(value)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key!r} must be a string")
    if key == "fail-on" and value.strip().lower() not in _SEVERITIES:
        raise ConfigError(f"{where}: 'fail-on' must be one of {', '.join(_SEVERITIES)}, not {value!r}")
    return value.strip().lower() if key == "fail-on" else value


def _hint(key: str, valid: Any) -> str:
    close = difflib.get_close_matches(key.replace("_", "-"), list(valid), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def _read_toml(path: Path, unless_without: bytes | None = None) -> dict[str, Any]:
    """The TOML of ``path``; ``{}`` for a file whose bytes lack ``unless_without``."""
    from . import limits

    try:
        data = read_regular(path, limits.MAX_CONFIG_BYTES)
        if len(data) > limits.MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: over {limits.MAX_CONFIG_BYTES:,} bytes; jwtlint does not read configuration that large")
        if unless_without is not None and unless_without not in data:
            return {}
        parsed: dict[str, Any] = _tomllib().loads(data.decode("utf-8"))
        return parsed
    except ConfigError:
        raise
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 text") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError (tomllib is imported only to parse)
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{path}: not valid TOML for jwtlint: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of the regular file ``path``. Opened without blocking (a FIFO
    cannot hang the read) and checked after opening: a device (``/dev/zero``), a FIFO or a
    directory raises ``OSError`` saying it is not a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            import errno

            raise OSError(errno.EINVAL, "not a regular file")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _glob_match(relpath: str, pattern: str) -> bool:
    """gitignore semantics (pathspec's GitIgnoreSpec): ``*`` stays within a directory, ``**`` spans
    directories, a pattern without a slash matches at any depth, ``docs/`` is that directory."""
    return bool(_spec(pattern).match_file(relpath))


@lru_cache(maxsize=256)
def _spec(pattern: str) -> Any:
    import pathspec  # imported by the first glob: a run without include/exclude never loads it

    return pathspec.GitIgnoreSpec.from_lines([pattern])


def glob_match(relpath: str, pattern: str) -> bool:
    """Public form of the glob matcher, for scan's include/exclude."""
    return _glob_match(relpath, pattern)
