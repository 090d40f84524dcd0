"""Choosing the files a scan reads: walking directories, git's listing, what is skipped and why.

Directories are listed with git's view of the tree when inside a work tree (``.gitignore``
respected), else walked without git; vendored folders are skipped either way. Nothing is
followed out of the scanned tree:

- a symbolic link is followed only when its target lies inside the tree that was named (a
  link out of it is skipped, and named with its reason); a link to a directory is never
  descended (its target, when inside the tree, is scanned where it lives);
- only regular files are kept (FIFOs, sockets and devices are skipped by ``lstat``, before
  anything opens them), and files larger than ``limits.MAX_SCAN_FILE_BYTES`` are skipped here,
  so neither the grep prefilter nor the scan reads them; ``read.py`` checks again after opening;
- a directory that cannot be listed is reported (``Collected.unreadable``), not skipped silently.

git runs with the repository's configuration unable to execute anything (``git_command``).
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .. import limits

#: Folders of other people's code: never scanned (also when committed).
VENDORED = frozenset(
    {".git", "node_modules", "vendor", ".venv", "venv", "dist", "build", "__pycache__", ".tox", "site-packages",
     ".hg", ".svn", ".mypy_cache", ".pytest_cache", ".ruff_cache", "bower_components"}
)  # fmt: skip


class Candidate(NamedTuple):
    """A file the scan will read: ``path`` to open (no link left to follow), ``shown`` as reported."""

    path: str
    shown: str
    size: int


class Collected(NamedTuple):
    files: list[Candidate]
    skipped: list[tuple[str, str]]  # (shown, reason)
    unreadable: list[tuple[str, str]]  # (shown, one-line reason): directories that could not be listed


def too_large(size: int) -> str:
    return f"larger than {limits.MAX_SCAN_FILE_BYTES >> 20} MiB"


def gather(paths: Iterable[str]) -> Collected:
    """Every file under ``paths`` the scan may read, each real file once; the rest with a reason.
    Raises ``FileNotFoundError`` for a path that does not exist."""
    files: list[Candidate] = []
    skipped: list[tuple[str, str]] = []
    unreadable: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    for arg in paths:
        if not os.path.lexists(arg):
            raise FileNotFoundError(arg)
        if os.path.isdir(arg):  # a directory named on the command line (through a link, if the user named one)
            tree = os.path.realpath(arg)
            listing: Iterable[tuple[str, str | None]] = _walk(arg, unreadable)
        else:
            # A file named on the command line (pre-commit names committed links too): its tree is
            # the working directory, or the file's own directory when it lies outside it.
            tree = os.getcwd() if _inside(os.path.abspath(arg), os.getcwd()) else os.path.dirname(os.path.abspath(arg))
            tree = os.path.realpath(tree)
            listing = [(arg, None)]
        for path, why in listing:
            shown = shown_path(path)
            if why:
                skipped.append((shown, why))
                continue
            got = _check(path, tree)
            if isinstance(got, str):
                skipped.append((shown, got))
                continue
            real, st = got
            if (st.st_dev, st.st_ino) in seen:
                continue  # the same file through a symlink, or twice on the command line
            seen.add((st.st_dev, st.st_ino))
            if st.st_size > limits.MAX_SCAN_FILE_BYTES:
                skipped.append((shown, too_large(st.st_size)))
                continue
            files.append(Candidate(real, shown, st.st_size))
    return Collected(files, skipped, unreadable)


def _check(path: str, tree: str) -> tuple[str, os.stat_result] | str:
    """(path to open, its stat) of a regular file; or why it is not read. Never opens anything."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot stat: {exc.strerror or exc}"
    if stat.S_ISLNK(st.st_mode):
        real = os.path.realpath(path)
        if not _inside(real, tree):
            return "symbolic link out of the scanned tree (not followed)"
        try:
            st = os.lstat(real)
        except OSError:
            return "broken symbolic link"
        if stat.S_ISDIR(st.st_mode):
            return "symbolic link to a directory (not followed)"
        path = real
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    return path, st


def _inside(path: str, tree: str) -> bool:
    return path == tree or path.startswith(tree.rstrip(os.sep) + os.sep)


def filter_by_config(collected: Collected, include: list[str] | None, exclude: list[str] | None,
                     root: Path) -> Collected:  # fmt: skip
    """``collected`` without the files the configuration's ``include``/``exclude`` leave out."""
    if not include and not exclude:
        return collected
    from ..config import glob_match

    root = root.resolve()
    files = []
    skipped = list(collected.skipped)
    for c in collected.files:
        rel = _relative(c.shown, root)  # a link is filtered by its own name
        if exclude and any(glob_match(rel, g) for g in exclude):
            skipped.append((c.shown, "excluded by configuration"))
        elif include and not any(glob_match(rel, g) for g in include):
            skipped.append((c.shown, "not included by configuration"))
        else:
            files.append(c)
    return Collected(files, skipped, collected.unreadable)


def collect(paths: Iterable[str], include: list[str] | None = None, exclude: list[str] | None = None,
            root: Path | None = None) -> Collected:  # fmt: skip
    """``gather`` then ``filter_by_config``."""
    return filter_by_config(gather(paths), include, exclude, root or Path.cwd())


def _walk(top: str, unreadable: list[tuple[str, str]]) -> Iterator[tuple[str, str | None]]:
    listed = _git_files(top)
    if listed is not None:
        for rel in listed:
            parts = rel.split("/")
            vendored = next((p for p in parts[:-1] if p in VENDORED), None)
            path = os.path.join(top, rel)
            if vendored:
                yield path, f"in a vendored folder ({vendored}/)"
            elif os.path.isdir(path) and not os.path.islink(path):
                continue  # a submodule: git lists it, we do not descend
            else:
                yield path, None
        return
    # Depth first, in name order, without recursion (a hostile tree may nest thousands deep).
    stack = [top]
    while stack:
        dirpath = stack.pop()
        try:
            with os.scandir(dirpath) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            unreadable.append((shown_path(dirpath), f"cannot read directory {shown_path(dirpath)}: {exc.strerror or exc}"))
            continue
        subdirs, files = [], []
        for e in entries:
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if e.name in VENDORED:
                    yield e.path, f"vendored folder ({e.name}/)"
                else:
                    subdirs.append(e.path)
            else:
                files.append(e.path)
        for path in files:
            yield path, None
        stack.extend(reversed(subdirs))


# --- git ---------------------------------------------------------------------------
#
# The scanned repository is not trusted: its .git/config may name commands (core.fsmonitor,
# a pager, external diff or textconv drivers, hooks). git runs with each of them switched off
# on the command line (which wins over every configuration file), with no system or global
# configuration, and with an environment of our own (no GIT_* variable from the caller).

GIT_OPTIONS = (
    "--no-pager", "--no-optional-locks",
    "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat",
    "-c", "core.untrackedCache=false", "-c", "diff.external=", "-c", "core.sshCommand=false",
    "-c", "core.askPass=", "-c", "credential.helper=", "-c", "protocol.allow=never",
)  # fmt: skip


def git_env() -> dict[str, str]:
    """The whole environment git runs with."""
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": os.devnull,
        "LC_ALL": "C",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
    }


def git_command(top: str, *args: str) -> list[str]:
    return ["git", *GIT_OPTIONS, "-C", top, *args]


def _git(top: str, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(git_command(top, *args), capture_output=True, timeout=60, check=False,
                              env=git_env(), stdin=subprocess.DEVNULL)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None


def _git_files(top: str) -> list[str] | None:
    """Tracked and untracked-not-ignored files under ``top``, or None outside a git work tree."""
    out = _git(top, "ls-files", "-co", "--exclude-standard", "-z")
    if out is None or out.returncode != 0:
        return None
    listed = sorted({p for p in out.stdout.decode("utf-8", "surrogateescape").split("\0") if p})
    if not listed and _ignored_by_git(top):
        return None  # a directory git ignores, named on purpose (build output, a cache): walk it
    return listed


def _ignored_by_git(top: str) -> bool:
    done = _git(top, "check-ignore", "-q", ".")
    return done is not None and done.returncode == 0


def shown_path(path: str) -> str:
    rel = os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd() + os.sep) else path
    return rel.replace(os.sep, "/") if not rel.startswith("..") else path


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()
