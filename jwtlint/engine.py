"""The rule engine: what a rule is, how rules are found, selected and run.

Rules are small classes whose ``check`` method reads a parsed target and
yields findings. Built-in rules and third-party packs load through the same
door, the ``jwtlint.rules`` entry-point group; nothing registers itself on
import. A rule that crashes becomes one ``internal-error`` finding.
"""

from __future__ import annotations

import enum
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

from .model import Span
from .printable import visible

#: ``--profile auto``: every profile's rules, each deciding per token whether its profile applies.
AUTO_PROFILE = "auto"

ENTRY_POINT_GROUP = "jwtlint.rules"


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered: ``INFO < WARNING < ERROR``.

    - ``error``: a MUST of the RFCs or the platform is broken; the token or key
      will be rejected, or is unsafe.
    - ``warning``: a SHOULD or a best practice (RFC 8725) is broken.
    - ``info``: a fact worth knowing.
    """

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return _SEVERITY_TEXT[self]  # twice per finding in a report; enum's name property is slow

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None


_SEVERITY_TEXT = {member: member.name.lower() for member in Severity}


class Applicability(enum.Enum):
    """Whether applying a fix keeps the token meaning the same."""

    SAFE = "safe"  # same meaning, signature still valid
    UNSAFE = "unsafe"  # changes signed bytes: the token must be signed again
    DISPLAY = "display-only"  # advice; nothing to substitute


_RFC_URL = "https://www.rfc-editor.org/rfc/rfc{n}#{anchor}"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference a rule cites: a document, a section, and where to read it."""

    document: str
    section: str = ""
    url: str = ""

    def __str__(self) -> str:
        if not self.section:
            return self.document
        sep = " " if self.section.startswith("Appendix") else " §"
        return f"{self.document}{sep}{self.section}"


def cite(document: str, section: str = "", url: str = "") -> Ref:
    """A reference; RFC sections get their rfc-editor.org address filled in."""
    m = re.fullmatch(r"RFC (\d+)", document)
    if m and not url:
        if section.startswith("Appendix "):
            anchor = "appendix-" + section.split()[1]
        elif section:
            anchor = "section-" + section
        else:
            anchor = ""
        url = _RFC_URL.format(n=m.group(1), anchor=anchor).rstrip("#")
    return Ref(document, section, url)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: what (code, name, message), where (span), and how to fix it.

    ``fix`` says what to do; ``fixed`` is the corrected value where one exists
    (the re-encoded segment, ``exp`` in seconds, the raw signature).
    ``sensitive`` marks a ``fixed`` value that reproduces secret material
    (a whole signature): reports hide it unless secrets are asked for.
    """

    code: str
    name: str
    severity: Severity
    message: str
    fix: str | None = None
    fixed: str | None = None
    span: Span | None = None
    refs: tuple[str, ...] = ()
    applicability: Applicability = Applicability.DISPLAY
    sensitive: bool = False

    def shown_fixed(self, show_secrets: bool = False) -> str | None:
        if self.fixed is None or show_secrets or not self.sensitive:
            return self.fixed
        return f"<hidden: {len(self.fixed)} characters; use --show-secrets>"

    def to_dict(self, show_secrets: bool = False) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "fix": self.fix,
            "fixed": self.shown_fixed(show_secrets),
            "span": self.span.to_dict() if self.span else None,
            "refs": list(self.refs),
        }

    def __repr__(self) -> str:  # never let a repr (test failure, log) print a secret
        return f"Finding({self.code} {self.name} {self.severity}: {self.message!r})"


class Context(NamedTuple):
    """What the user told us about how the token will be checked.

    ``keys`` are the keys to verify with (``--key``, ``--jwks``,
    ``--secret-file``), as ``KeyInfo``; ``profile`` is the platform profile
    asked for (``--profile``); ``nonce`` and ``access_token`` are what an
    OIDC ID token or a DPoP proof must be bound to.
    """

    now: float
    audience: tuple[str, ...] = ()
    issuer: str | None = None
    leeway: float = 0.0
    max_lifetime: float = 86400.0
    keys: tuple[Any, ...] = ()
    show_secrets: bool = False
    profile: str | None = None
    nonce: str | None = None
    access_token: str | None = None

    def __repr__(self) -> str:  # keys never reach a log or a test failure
        return (
            f"Context(now={self.now!r}, audience={self.audience!r}, issuer={self.issuer!r}, "
            f"leeway={self.leeway!r}, max_lifetime={self.max_lifetime!r}, keys={len(self.keys)}, "
            f"profile={self.profile!r})"
        )

    @property
    def claim_checks(self) -> bool:
        """True when the user asked for claim checks (an expected audience or issuer)."""
        return bool(self.audience or self.issuer)


#: The kind of target a rule reads (``TokenTarget``, ``KeyTarget``, ``JwkTarget``, ``JwksTarget``,
#: or ``jwtlint.model.Target`` for a rule of several kinds): ``class MyRule(Rule[TokenTarget])``.
TargetT = TypeVar("TargetT")


class Rule(Generic[TargetT]):
    """Base class of every rule. The class docstring is the rule's documentation.

    Subclasses set ``code``, ``name``, ``severity``, ``summary``, ``targets``
    and ``refs``, and implement ``check(target, ctx)``, a generator of
    findings made with ``self.finding(...)``. A rule does no I/O and never
    re-decodes: what it needs, the parser has recorded.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    targets: ClassVar[frozenset[str]] = frozenset({"token"})
    refs: ClassVar[tuple[Ref, ...]] = ()
    family: str = ""  # set per instance by Registry.build from the module when a pack leaves it empty
    #: Rules that only make sense when asked for (e.g. scan-only); not run by default.
    default_enabled: ClassVar[bool] = True
    #: The platform profile the rule belongs to (``jwtlint.profiles``): such a rule is added
    #: when that profile, or ``auto`` (``AUTO_PROFILE``), is asked for. None: no profile.
    profile: ClassVar[str | None] = None
    #: Target attributes without which the rule has nothing to say (e.g. ``verification``
    #: evidence, an ``sd_jwt``, the ``wrappers`` removed): ``run`` skips the rule when one of
    #: them is None or empty. Only declare what ``check`` itself returns early on.
    needs: ClassVar[frozenset[str]] = frozenset()
    #: Evidence the pipeline gathers for this rule before the rules run (``EVIDENCE``):
    #: ``verification`` (the signature checked with the keys given) or ``secret-guess``. A rule
    #: whose ``needs`` holds ``verification`` asks for it already.
    evidence: ClassVar[frozenset[str]] = frozenset()

    def check(self, target: TargetT, ctx: Context) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(
        self,
        message: str,
        span: Span | None = None,
        *,
        fix: str | None = None,
        fixed: str | None = None,
        applicability: Applicability = Applicability.DISPLAY,
        severity: Severity | None = None,
        sensitive: bool = False,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=visible(message),  # input quoted in a message never sends control codes to a terminal
            fix=visible(fix) if fix else fix,
            fixed=fixed,
            span=span,
            refs=_ref_texts(self),
            applicability=applicability,
            sensitive=sensitive,
        )

    @classmethod
    def docs(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


#: A rule class's references as text, made once per class: every finding carries them.
_REF_TEXTS: dict[type, tuple[tuple[Ref, ...], tuple[str, ...]]] = {}


def _ref_texts(rule: Rule[Any]) -> tuple[str, ...]:
    hit = _REF_TEXTS.get(type(rule))
    if hit is None or hit[0] is not rule.refs:  # refs set on an instance, or changed: not the cached ones
        hit = _REF_TEXTS[type(rule)] = (rule.refs, tuple(str(r) for r in rule.refs))
    return hit[1]


class InternalError(Rule[Any]):
    """## What it does
    Reports that a rule crashed on this input, instead of crashing jwtlint.

    ## Why is this bad?
    A crashing rule is a bug in jwtlint (or in a rule pack), not in your token;
    the other rules still ran and their findings stand.

    ## Fix
    Report the bug with the input that triggered it (redact secrets first).

    ## Example
    A third-party rule that raises ``KeyError`` on a header without ``kid``.
    """

    code = "JWT001"
    name = "internal-error"
    severity = Severity.ERROR
    summary = "A rule crashed on this input; the rest of the report stands."
    targets = frozenset({"token", "key", "jwk", "jwks"})
    family = "engine"

    def check(self, target: Any, ctx: Context) -> Iterator[Finding]:
        # Never fires itself: ``run`` makes its findings when another rule crashes,
        # whatever the selection.
        return iter(())


class InputTooLarge(Rule[Any]):
    """## What it does
    Reports an input larger than jwtlint reads, and stops there; or a JWK Set
    with more keys than it reads (the rest are not checked).

    ## Why is this bad?
    No real token is that large (browsers cap cookies at 4 KiB, servers cap
    headers at 8-16 KiB); reading it whole would only let a hostile input cost
    time and memory.

    ## Fix
    Pass only the token, or use ``jwtlint scan`` for large files.

    ## Example
    A 10 MB log file given to ``jwtlint check``.
    """

    code = "JWT002"
    name = "input-too-large"
    severity = Severity.ERROR
    summary = "The input is larger than jwtlint reads; nothing past the limit was checked."
    targets = frozenset({"token", "key", "jwk", "jwks"})
    family = "engine"

    def check(self, target: Any, ctx: Context) -> Iterator[Finding]:
        size = getattr(target, "too_large", None)
        if size:
            from . import limits

            limit = limits.MAX_INPUT_CHARS if size > limits.MAX_INPUT_CHARS else limits.MAX_TOKEN_CHARS
            yield self.finding(
                f"the input is {size:,} characters; jwtlint reads at most {limit:,} (nothing was checked)",
                fix="pass only the token itself (jwtlint scan searches large files)",
            )
        # Parts past a count limit (limits.MAX_JWKS_KEYS, MAX_TARGETS, MAX_KEY_BLOCKS): counted, not read.
        skipped = getattr(target, "skipped", 0)
        if isinstance(skipped, int) and skipped > 0:
            what, fix = _SKIPPED.get(target.kind, _SKIPPED["jwks"])
            yield self.finding(
                f"{what.format(n=skipped)} than jwtlint reads; they were not checked",
                fix=fix,
                severity=Severity.WARNING,
            )


_SKIPPED = {
    "jwks": ("the JWK Set has {n:,} more keys", "check the set in parts, or drop the keys no issuer signs with any more"),
    "token": ("the input holds {n:,} more tokens", "check the tokens in smaller groups (jwtlint scan searches large files)"),
    "key": ("the input holds {n:,} more PEM blocks", "check the blocks in smaller groups"),
}


ENGINE_RULES: list[type[Rule[Any]]] = [InternalError, InputTooLarge]


class RuleLoadError(Exception):
    """A rule pack could not be loaded, or its rules clash with others."""


@dataclass
class Registry:
    """Every known rule, by code and by name."""

    rules: list[Rule[Any]]
    by_key: dict[str, Rule[Any]]
    #: The rule sets chosen from this registry, by selection (``ruleset``): a registry built
    #: again (another rule pack) starts with none.
    _sets: dict[tuple[Any, ...], RuleSet] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, rule_classes: Iterable[tuple[str, type[Rule[Any]]]]) -> Registry:
        rules: list[Rule[Any]] = []
        by_key: dict[str, Rule[Any]] = {}
        owner: dict[str, str] = {}
        for pack, rc in rule_classes:
            rule = rc()
            if not rule.family:  # the family is the module: jwtlint.rules.claims -> claims
                rule.family = rc.__module__.rsplit(".", 1)[-1]
            for key in (rule.code, rule.name):
                if key in by_key:
                    raise RuleLoadError(
                        f"rule pack {pack!r}: {key!r} is already used by {owner[key]!r} ({by_key[key].code})"
                    )
            if not re.fullmatch(r"[A-Z]+[0-9]+", rule.code) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name):
                raise RuleLoadError(f"rule pack {pack!r}: bad code or name {rule.code!r} {rule.name!r}")
            by_key[rule.code] = by_key[rule.name] = rule
            owner[rule.code] = owner[rule.name] = pack
            rules.append(rule)
        return cls(rules, by_key)

    def select(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Rule[Any]]:
        """The rules to run: ``select`` (default: all enabled by default) minus ``ignore``.

        Each selector is a code (``JWT203``), a name (``base64-padding``), a code
        prefix (``JWT2``) or a family name (``claims``). Unknown selectors raise
        ``ValueError`` naming the closest known one.
        """
        chosen = [r for r in self.rules if r.default_enabled] if not select else self.match(select)
        if ignore:
            dropped = {id(r) for r in self.match(ignore)}
            chosen = [r for r in chosen if id(r) not in dropped]
        return chosen

    def ruleset(self, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
                profile: str | None, scan: bool) -> RuleSet:
        """The ``RuleSet`` for a selection (``RuleSet.chosen``), made once per selection."""
        key = (select, ignore, profile, scan)
        found = self._sets.get(key)
        if found is None:
            if len(self._sets) >= 64:
                self._sets.clear()
            found = self._sets[key] = _choose(self, select, ignore, profile, scan)
        return found

    def profile_rules(self, profile: str) -> list[Rule[Any]]:
        """The rules ``profile`` adds: its own, or for ``auto`` every profile's (and the rule whose
        own profile is ``auto``, which says which one was picked). ``ValueError`` for a profile
        no rule belongs to, naming the nearest one."""
        names = {r.profile for r in self.rules if r.profile}
        if profile not in names and profile != AUTO_PROFILE:
            import difflib

            close = difflib.get_close_matches(profile, sorted(names), n=1)
            raise ValueError(f"unknown profile {profile!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
        return [r for r in self.rules if r.profile and (r.profile == profile or profile == AUTO_PROFILE)]

    def match(self, selectors: Iterable[str]) -> list[Rule[Any]]:
        """The rules the selectors name (codes, names, code prefixes, families), in order."""
        out: list[Rule[Any]] = []
        seen: set[int] = set()
        for sel in selectors:
            for r in self._match(sel.strip()):
                if id(r) not in seen:
                    seen.add(id(r))
                    out.append(r)
        return out

    def _match(self, sel: str) -> list[Rule[Any]]:
        if sel in self.by_key:
            return [self.by_key[sel]]
        hits = [r for r in self.rules if r.family == sel or (sel.upper() == sel and r.code.startswith(sel))]
        if not hits:
            import difflib

            keys = list(self.by_key) + sorted({r.family for r in self.rules})
            close = difflib.get_close_matches(sel, keys, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown rule or family {sel!r}{hint}")
        return hits


_registry: Registry | None = None


def load_rule_classes() -> list[tuple[str, type[Rule[Any]]]]:
    """Every rule class from every pack in the ``jwtlint.rules`` entry-point group.

    The built-in pack is loaded through the same group (like flake8 loads its
    own checks). A source tree that was never installed has no such entry point,
    and no ``jwtlint.rules`` either (``rules/`` becomes it only when installed): that
    is one ``RuleLoadError`` saying to install jwtlint first.
    """
    found: list[tuple[str, type[Rule[Any]]]] = [("engine", rc) for rc in ENGINE_RULES]
    eps = sorted(_entry_points(ENTRY_POINT_GROUP), key=lambda ep: (ep.name != "builtin", ep.name))
    for ep in eps:
        try:
            pack = ep.load()
            if callable(pack) and not isinstance(pack, type):
                pack = pack()
            classes = list(pack)
        except Exception as exc:  # a broken third-party pack must be named, not crash the run
            raise RuleLoadError(f"rule pack {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        for rc in classes:
            if not (isinstance(rc, type) and issubclass(rc, Rule)):
                raise RuleLoadError(f"rule pack {ep.name!r}: {rc!r} is not a jwtlint Rule class")
            found.append((ep.name, rc))
    if not any(ep.name == "builtin" for ep in eps):
        raise RuleLoadError(
            "jwtlint's built-in rules are not installed: install jwtlint first (pip install -e . in a source tree)"
        )
    return found


def _entry_points(group: str) -> list[Any]:
    """The group's entry points, as ``importlib.metadata.entry_points(group=group)`` lists them,
    read without importing importlib.metadata (12-40 ms a run; see ``jwtlint._entrypoints``)."""
    from ._entrypoints import entry_points

    return entry_points(group)


def registry() -> Registry:
    """The process-wide registry, built on first use."""
    global _registry
    if _registry is None:
        _registry = Registry.build(load_rule_classes())
    return _registry


class RuleSet:
    """The rules one lint runs, chosen once from the options, with the plans that run them.

    Built by ``RuleSet.chosen(select, ignore, profile, scan)`` (remembered by value, so every
    door that asks for the same selection gets the same object) and read by the one pipeline
    (``jwtlint.pipeline``). It owns its caches: per kind of target, the rules for it, and per
    combination of facts a target has (``Rule.needs``), the rules worth running.
    """

    __slots__ = ("rules", "profile", "_by_kind", "_plans", "_gathered")

    def __init__(self, rules: Iterable[Rule[Any]], profile: str | None = None) -> None:
        self.rules: tuple[Rule[Any], ...] = tuple(rules)
        self.profile = profile
        self._by_kind: dict[str, list[Rule[Any]]] = {}
        for rule in self.rules:
            for kind in rule.targets:
                self._by_kind.setdefault(kind, []).append(rule)
        self._plans: dict[str, _Plan] = {kind: _Plan(rules) for kind, rules in self._by_kind.items()}
        token_rules = self._by_kind.get("token", ())
        self._gathered = frozenset(e for r in token_rules for e in r.evidence | (r.needs & EVIDENCE))

    @staticmethod
    def chosen(
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        profile: str | None = None,
        scan: bool = False,
    ) -> RuleSet:
        """The rule set for a selection: ``select`` (default: the rules on by default) minus
        ``ignore``, plus a profile's rules and, for a scan, the scan family (both off by default
        and both still subject to ``ignore``). Raises ``ValueError`` for an unknown selector."""
        return registry().ruleset(select or None, ignore or None, profile or None, scan)

    def for_kind(self, kind: str) -> list[Rule[Any]]:
        """The rules that read targets of ``kind``, in catalogue order."""
        return self._by_kind.get(kind, [])

    def gathers(self, evidence: str) -> bool:
        """Whether a token rule of this set reads ``evidence`` (see ``EVIDENCE``), so the
        pipeline must gather it before the rules run."""
        return evidence in self._gathered

    def has(self, rule: type[Rule[Any]] | str) -> bool:
        """Whether the set runs ``rule`` (a rule class, or a name or code from a user)."""
        if isinstance(rule, str):
            return any(r.name == rule or r.code == rule for r in self.rules)
        return any(type(r) is rule for r in self.rules)

    def run(self, target: Any, ctx: Context) -> list[Finding]:
        """Every finding of this set's rules on ``target``. A crashing rule becomes an
        ``internal-error`` finding and the run goes on."""
        plan = self._plans.get(target.kind)
        if plan is None:
            return []
        if getattr(target, "too_large", None):
            return _run([r for r in plan.rules if type(r) is InputTooLarge], target, ctx)
        return _run(plan.applicable(target), target, ctx)

    def __repr__(self) -> str:
        return f"RuleSet({len(self.rules)} rules, profile={self.profile!r})"


#: Evidence a rule can ask the pipeline to gather before the rules run (``Rule.evidence``):
#: ``verification`` checks the signature with the keys given; ``secret-guess`` also tries the
#: HMAC secrets published in tutorials and leaks. Work nobody reads is never done.
EVIDENCE = frozenset({"verification", "secret-guess"})


class _Plan:
    """For one kind of target: the facts its rules need, and the rules to run for each
    combination of facts present, worked out once so a token pays nothing for the rules that
    need keys, evidence or an SD-JWT it lacks."""

    __slots__ = ("rules", "facts", "variants", "getter")

    def __init__(self, rules: list[Rule[Any]]) -> None:
        self.rules = rules
        self.facts = tuple(sorted({f for r in rules for f in r.needs}))
        # attrgetter reads every fact in one C call (a 1-tuple keeps one fact a tuple).
        self.getter = operator.attrgetter(*self.facts, *self.facts[:1]) if self.facts else None
        self.variants: dict[tuple[bool, ...], list[Rule[Any]]] = {}

    def applicable(self, target: Any) -> list[Rule[Any]]:
        if self.getter is None:
            return self.rules
        try:
            have = tuple(map(bool, self.getter(target)[: len(self.facts)]))
        except AttributeError:  # a target kind without one of the attributes: that fact is absent
            have = tuple(bool(getattr(target, f, None)) for f in self.facts)
        chosen = self.variants.get(have)
        if chosen is None:
            present = {f for f, h in zip(self.facts, have) if h}
            chosen = self.variants[have] = [r for r in self.rules if r.needs <= present]
        return chosen


def _run(rules: list[Rule[Any]], target: Any, ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        try:
            findings.extend(rule.check(target, ctx))
        except Exception as exc:
            findings.append(
                InternalError().finding(
                    f"rule {rule.name} ({rule.code}) crashed: {type(exc).__name__}",
                    fix="report this bug to jwtlint with the input (redact secrets first)",
                )
            )
    return findings


def _choose(reg: Registry, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
            profile: str | None, scan: bool) -> RuleSet:
    chosen = reg.select(select, ignore)
    dropped = set(map(id, reg.match(ignore))) if ignore else set()
    taken = set(map(id, chosen))
    extra: list[Rule[Any]] = []
    if profile:
        extra += reg.profile_rules(profile)
    if scan and not select:
        extra += [r for r in reg.rules if r.family == "scan" and not r.default_enabled]
    for r in extra:
        if id(r) not in taken and id(r) not in dropped:
            taken.add(id(r))
            chosen.append(r)
    return RuleSet(chosen, profile)
