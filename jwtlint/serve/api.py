"""The JSON API of ``jwtlint serve``: one function per endpoint, a JSON object in, a JSON object out.

Each takes the request body already parsed and returns ``(status, body)``. They call the
library doors only (``jwtlint.api.lint`` / ``lint_key``, ``jwtlint.repair.token.repair``,
``jwtlint.why.match.explain``, ``jwtlint.keys.public.public_output``,
``jwtlint.repair.key.repair_key``, ``jwtlint.report.decoded.decoded_report``), so the page and an
editor plugin get the same findings as ``jwtlint check``. A bad request is a 400 with
``{"error": "one line"}``; nothing here raises on what the user pasted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

Answer = tuple[int, dict[str, Any]]


class BadRequest(ValueError):
    """A request the API cannot take: one line, answered with status 400."""


# The keyword arguments of jwtlint.api.lint that the API takes, with the JSON types each accepts.
_TEXT = (str,)
_NUMBER = (int, float)
_LINT_ARGS: dict[str, tuple[type, ...]] = {
    "audience": (str, list),
    "issuer": _TEXT,
    "now": _NUMBER,
    "leeway": _NUMBER,
    "max_lifetime": _NUMBER,
    "profile": _TEXT,
    "key": _TEXT,
    "jwks": _TEXT,
    "secret": _TEXT,
    "select": (str, list),
    "ignore": (str, list),
    "fail_on": _TEXT,
    "show_secrets": (bool,),
    "nonce": _TEXT,
    "access_token": _TEXT,
}


def _input(body: dict[str, Any], name: str = "input", required: bool = True) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{name!r} must be a string" if name in body else f"{name!r} is required")
    return value


def _args(body: dict[str, Any], allowed: dict[str, tuple[type, ...]], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """The keyword arguments in ``body`` (null or absent: the default), type-checked."""
    unknown = sorted(set(body) - set(allowed) - {"input", *extra})
    if unknown:
        raise BadRequest(f"unknown argument {unknown[0]!r}")
    out: dict[str, Any] = {}
    for name, types in allowed.items():
        value = body.get(name)
        if value is None:
            continue
        ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
        if ok and isinstance(value, list):
            ok = all(isinstance(v, str) for v in value)
        if not ok:
            raise BadRequest(f"{name!r} must be {' or '.join(_TYPE_NAMES[t] for t in types)}")
        out[name] = value
    return out


_TYPE_NAMES = {str: "a string", list: "a list of strings", int: "a number", float: "a number", bool: "true or false"}


def lint(body: dict[str, Any]) -> Answer:
    """``POST /api/lint``: the JSON report of ``jwtlint check --format json``.

    ``view: true`` adds ``view``, what the page draws for each target (``jwtlint.serve.view``).
    """
    from ..api import lint as run

    text = _input(body)
    assert text is not None
    kwargs = _args(body, _LINT_ARGS, extra=("view",))
    now = kwargs.pop("now", None)
    now = time.time() if now is None else float(now)
    report = run(text, now=now, **kwargs)
    out = report.to_dict()
    if body.get("view") is True:
        from .view import report_view

        out["view"] = report_view(report, now)
        out["now"] = now
    return 200, out


def decode(body: dict[str, Any]) -> Answer:
    """``POST /api/decode``: what ``jwtlint decode --format json`` prints: each target decoded
    (header, payload, times, evidence) with the notes decode shows (transport and structure
    findings, unless ``select`` says otherwise)."""
    from ..api import lint as run
    from ..options import COMMAND_DEFAULTS
    from ..report.decoded import decoded_report

    text = _input(body)
    assert text is not None
    kwargs = _args(body, {"now": _NUMBER, "show_secrets": (bool,), "select": (str, list), "ignore": (str, list)})
    now = float(kwargs.pop("now", time.time()))
    kwargs.setdefault("select", COMMAND_DEFAULTS["decode"]["select"])
    report = run(text, now=now, **kwargs)
    return 200, {"now": now, "targets": decoded_report(list(report.targets), now, report.show_secrets)}


def fix(body: dict[str, Any]) -> Answer:
    """``POST /api/fix``: the corrected token(s); ``key`` (a private key) or ``secret`` signs them again."""
    from ..repair.token import RepairError, repair

    text = _input(body)
    assert text is not None
    kwargs = _args(body, {"key": _TEXT, "secret": _TEXT, "now": _NUMBER})
    key: Any = kwargs.get("key")
    if "secret" in kwargs:
        from ..keys.info import from_secret
        from ..keys.resolve import read_secret

        key = from_secret(read_secret(kwargs["secret"]))
    try:
        repaired = repair(text, key=key, now=kwargs.get("now"))
    except RepairError as exc:
        return 422, {"error": str(exc)}
    return 200, {
        "tokens": [
            {
                "token": r.token,
                "changes": [c._asdict() for c in r.changes],
                "notes": list(r.notes),
                "breaks_signature": r.breaks_signature,
                "resigned": r.resigned,
            }
            for r in repaired
        ]
    }


def key(body: dict[str, Any]) -> Answer:
    """``POST /api/key``: the key linted, and its public half as PEM, JWK and JWK Set (RFC 7638 ``kid``)."""
    from ..api import lint_key
    from ..keys.public import KeyPubError, public_keys, public_output
    from ..keys.thumbprint import thumbprint

    text = _input(body)
    assert text is not None
    kwargs = _args(body, {"now": _NUMBER, "profile": _TEXT, "show_secrets": (bool,), "select": (str, list), "ignore": (str, list)}, extra=("view",))
    now = float(kwargs.pop("now", time.time()))
    report = lint_key(text, now=now, **kwargs)
    out = report.to_dict()
    if body.get("view") is True:
        from .view import report_view

        out["view"] = report_view(report, now)
    public: dict[str, Any] | None = None
    public_error = None
    try:
        keys = public_keys(text)
        public = {
            "pem": public_output(text, "pem"),
            "jwk": public_output(text, "jwk") if len(keys) == 1 else None,
            "jwks": public_output(text, "jwks"),
            "kids": [thumbprint(k) for k in keys],
            "keys": [k.describe() for k in keys],
        }
    except KeyPubError as exc:
        public_error = str(exc)
    out["public"] = public
    out["public_error"] = public_error
    out["repair"] = key_repair(text, bool(kwargs.get("show_secrets", False)))
    return 200, out


def key_repair(text: str, show_secrets: bool = False) -> dict[str, Any]:
    """The repaired key, as ``jwtlint fix KEYFILE`` writes it (``jwtlint.repair.key``): ``pem``
    (None for a private key unless ``show_secrets``: the page never shows private material
    unasked), ``notes`` (what was repaired), ``private``; or ``error`` when there is nothing to repair."""
    from ..repair.key import KeyRepairError, repair_key

    try:
        repaired = repair_key(text)
    except KeyRepairError as exc:
        return {"pem": None, "notes": [], "private": False, "error": str(exc)}
    shown = repaired.pem if show_secrets or not repaired.private else None
    return {"pem": shown, "notes": list(repaired.notes), "private": repaired.private, "error": None}


def why(body: dict[str, Any]) -> Answer:
    """``POST /api/why``: what ``jwtlint why MESSAGE --format json`` reports; ``token``/``key`` confirm causes."""
    from ..why.match import explain

    message = _input(body, "message")
    assert message is not None
    unknown = sorted(set(body) - {"message", "token", "key", "now"})
    if unknown:
        raise BadRequest(f"unknown argument {unknown[0]!r}")
    token, key_text = _input(body, "token", False) or None, _input(body, "key", False) or None
    now = body.get("now")
    if now is not None and (isinstance(now, bool) or not isinstance(now, (int, float))):
        raise BadRequest("'now' must be a number")
    return 200, explain(message, token, key_text, None if now is None else float(now))


ENDPOINTS: dict[str, Callable[[dict[str, Any]], Answer]] = {
    "/api/lint": lint,
    "/api/decode": decode,
    "/api/fix": fix,
    "/api/key": key,
    "/api/why": why,
}


def call(path: str, body: Any) -> Answer:
    """Answer a POST to ``path`` with JSON ``body``: never raises for what the request holds."""
    handler = ENDPOINTS.get(path)
    if handler is None:
        return 404, {"error": f"no endpoint {path}"}
    if not isinstance(body, dict):
        return 400, {"error": "the request body must be a JSON object"}
    from ..options import OptionError

    try:
        return handler(body)
    except (BadRequest, OptionError) as exc:
        return 400, {"error": str(exc)}
    except (ValueError, TypeError) as exc:  # an unknown rule selector or profile: the library's own one line
        return 400, {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}
