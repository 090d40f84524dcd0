"""The one pipeline every door lints through.

    text ──intake──▶ targets ──┐
    key/jwks/secret ──resolve──▶ keys ──verify──▶ evidence on each token ──rules──▶ findings ──▶ Report
    options ──────────────────────────────▶ RuleSet + Context ───────┘

``prepare(options)`` does the once-per-run work: it chooses the rule set (``RuleSet.chosen``),
reads the keys and builds the ``Context`` the rules read. ``lint_targets`` lints parsed targets
with it; ``lint_text`` and ``lint_key_material`` add the reading. ``jwtlint.api.lint``, the CLI
commands, the scan, the pytest plugin and ``serve`` all come here, so the same token and the
same options give the same findings whichever door they came through.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from . import limits
from .engine import Context, RuleSet
from .model import Origin
from .options import Options
from .report.report import Report, TargetReport
from .token.verify import attach


class Prepared(NamedTuple):
    """What ``prepare`` worked out once for a run: reuse it for every input of that run."""

    options: Options
    rules: RuleSet
    context: Context
    key_targets: tuple[Any, ...]  # the key material given, parsed: linted once, after the tokens


def prepare(options: Options, *, scan: bool = False) -> Prepared:
    """The rule set, context and keys for ``options``. ``scan`` adds the scan family's rules
    (off by default elsewhere). Raises ``OptionError``/``ValueError`` for an unknown rule and
    ``OSError`` for an unreadable key file; never for a key's content (that is a finding)."""
    rules = RuleSet.chosen(options.select, options.ignore, options.profile, scan)
    keys: tuple[Any, ...] = ()
    key_targets: list[Any] = []
    if options.key is not None or options.secret is not None or options.jwks is not None:
        from .keys.resolve import resolve

        keys, key_targets = resolve(options.key, options.secret, options.jwks)
    return Prepared(options, rules, context(options, keys), tuple(key_targets))


def context(options: Options, keys: tuple[Any, ...] = ()) -> Context:
    """The ``Context`` rules read, for ``options`` and the keys already read."""
    return Context(  # positional, in Context's field order: built on every lint
        time.time() if options.now is None else options.now,
        options.audience,
        options.issuer,
        options.leeway,
        options.max_lifetime,
        keys,
        options.show_secrets,
        options.profile,
        options.nonce,
        options.access_token,
    )


def lint_targets(targets: Iterable[Any], prepared: Prepared) -> tuple[TargetReport, ...]:
    """Lint parsed targets: gather the evidence the rules ask for, then run the rules."""
    rules, ctx = prepared.rules, prepared.context
    targets = list(targets)
    if rules.gathers("verification"):
        targets = attach(targets, ctx.keys, guess_secrets=rules.gathers("secret-guess"))
    run = rules.run
    return tuple([TargetReport(t, tuple(run(t, ctx))) for t in targets])


def read_text(text: str, path: str | None = None) -> list[Any]:
    """The targets in pasted text (``jwtlint.token.intake``); an input too big to search is one
    target that says so (the ``input-too-large`` rule)."""
    if len(text) > limits.MAX_INPUT_CHARS:
        from .token.parse import parse_token

        target = parse_token(text[: limits.MAX_TOKEN_CHARS + 1], origin=Origin(path, 1, 1))
        return [target._replace(too_large=len(text))]
    from .token.intake import extract

    return extract(text, path)


def lint_text(
    text: str, prepared: Prepared, path: str | None = None, *, with_keys: bool = True
) -> Report:
    """Lint every token in ``text``; the key targets follow them unless ``with_keys`` is false
    (a run over several inputs lints the key once). A text with nothing to lint gives a report
    with no targets, key or not: the key given to verify with is not what is being checked, so
    an empty token never passes on the strength of its key's findings."""
    reports = lint_targets(read_text(text, path), prepared)
    if with_keys and prepared.key_targets and reports:
        reports += lint_targets(prepared.key_targets, prepared)
    return report(reports, prepared.options)


def lint_key_material(data: str | bytes, prepared: Prepared, path: str | None = None) -> Report:
    """Lint key material (PEM, DER, base64 DER, OpenSSH, JWK, JWKS); text is never searched for tokens."""
    from .keys.parse import parse_key_material

    return report(lint_targets(parse_key_material(data, Origin(path, 1, 1)), prepared), prepared.options)


def report(targets: Sequence[TargetReport], options: Options) -> Report:
    """The report of ``targets`` under ``options`` (its ``fail_on`` and ``show_secrets``)."""
    return Report(tuple(targets), fail_on=options.fail_on, show_secrets=options.show_secrets)
