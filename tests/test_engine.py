import pytest

import jwtlint
from jwtlint import engine
from jwtlint.engine import Registry, Rule, RuleLoadError, Severity, cite

from tokens import NOW, token


class Boom(Rule):
    """## What it does
    Crashes.
    ## Why is this bad?
    Test.
    ## Fix
    None.
    ## Example
    Any.
    """

    code, name, severity, summary = "TST001", "boom", Severity.ERROR, "crashes"

    def check(self, t, ctx):
        raise KeyError("secret-value-that-must-not-leak")
        yield  # pragma: no cover


class Quiet(Rule):
    code, name, severity, summary = "TST002", "quiet", Severity.INFO, "says hello"

    def check(self, t, ctx):
        yield self.finding("hello")


def test_a_crashing_rule_becomes_one_internal_error_and_the_run_goes_on():
    reg = Registry.build([("test", Boom), ("test", Quiet)])
    from jwtlint.token.intake import extract

    t = extract(token())[0]
    findings = engine.RuleSet(reg.rules).run(t, engine.Context(now=NOW))
    assert [f.name for f in findings] == ["internal-error", "quiet"]
    assert "boom" in findings[0].message and "secret-value" not in findings[0].message


def test_duplicate_codes_and_names_are_refused():
    class Twin(Quiet):
        name = "other"

    with pytest.raises(RuleLoadError, match="TST002"):
        Registry.build([("a", Quiet), ("b", Twin)])

    class SameName(Quiet):
        code = "TST099"

    with pytest.raises(RuleLoadError, match="quiet"):
        Registry.build([("a", Quiet), ("b", SameName)])


def test_builtins_load_through_the_entry_point_group():
    from importlib.metadata import entry_points

    eps = {ep.name: ep.value for ep in entry_points(group=engine.ENTRY_POINT_GROUP)}
    assert eps.get("builtin") == "jwtlint.rules:RULES"
    packs = {pack for pack, _ in engine.load_rule_classes()}
    assert "builtin" in packs


def test_selection_by_code_name_prefix_and_family():
    reg = engine.registry()
    assert [r.name for r in reg.select(["JWT204"])] == ["base64-padding"]
    assert [r.code for r in reg.select(["base64-padding"])] == ["JWT204"]
    assert {r.family for r in reg.select(["JWT2"])} == {"structure"}
    assert {r.family for r in reg.select(["transport"])} == {"transport"}
    names = {r.name for r in reg.select(None, ["structure", "JWT104"])}
    assert "base64-padding" not in names and "bearer-prefix" not in names and "surrounding-quotes" in names
    with pytest.raises(ValueError, match="did you mean 'base64-padding'"):
        reg.select(["base64-paddding"])


def test_select_and_ignore_through_lint():
    padded = token().replace(".", "=.", 1)
    assert jwtlint.lint(padded, now=NOW, ignore="base64-padding").findings == []
    assert {f.name for f in jwtlint.lint(padded, now=NOW, select=["JWT204"]).findings} == {"base64-padding"}


def test_fail_on_changes_ok():
    report = jwtlint.lint("Bearer " + token(), now=NOW)
    assert report.ok and report.findings
    assert not jwtlint.lint("Bearer " + token(), now=NOW, fail_on="info").ok


def test_severity_order_and_parse():
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert Severity.parse("Warning") is Severity.WARNING
    with pytest.raises(ValueError):
        Severity.parse("fatal")


def test_cite_links_rfc_sections():
    assert cite("RFC 7515", "2").url == "https://www.rfc-editor.org/rfc/rfc7515#section-2"
    assert str(cite("RFC 7515", "Appendix C")) == "RFC 7515 Appendix C"
    assert cite("RFC 7515", "Appendix C").url.endswith("#appendix-C")


def test_lint_rejects_non_text_with_type_error():
    for bad in (None, 123, {"a": 1}):
        with pytest.raises(TypeError):
            jwtlint.lint(bad)


def test_oversized_input_is_one_finding():
    from jwtlint import limits

    report = jwtlint.lint("a" * (limits.MAX_INPUT_CHARS + 10))
    assert [f.name for f in report.findings] == ["input-too-large"]


def test_a_pack_that_fails_to_import_is_named(monkeypatch):
    from importlib.metadata import EntryPoint

    broken = EntryPoint(name="brokenpack", value="no_such_module_xyz:RULES", group=engine.ENTRY_POINT_GROUP)
    monkeypatch.setattr(engine, "_entry_points", lambda group: [broken])
    with pytest.raises(RuleLoadError, match="brokenpack"):
        engine.load_rule_classes()


def test_a_third_party_pack_loads_through_the_same_door(monkeypatch):
    import sys
    import types
    from importlib.metadata import EntryPoint, entry_points

    pack = types.ModuleType("jwtlint_test_pack")
    pack.RULES = [Quiet]
    monkeypatch.setitem(sys.modules, "jwtlint_test_pack", pack)
    extra = EntryPoint(name="testpack", value="jwtlint_test_pack:RULES", group=engine.ENTRY_POINT_GROUP)
    real = list(entry_points(group=engine.ENTRY_POINT_GROUP))
    monkeypatch.setattr(engine, "_entry_points", lambda group: real + [extra])
    reg = Registry.build(engine.load_rule_classes())
    assert reg.by_key["quiet"].code == "TST002" and "base64-padding" in reg.by_key


def test_context_repr_hides_key_and_secret():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    pem = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )  # key text is parsed (jwtlint.keys.resolve): a real key, so that both keys are kept
    from jwtlint.options import Options
    from jwtlint.pipeline import prepare

    options = Options.build(now=1, secret="hunter2-very-secret", key=pem, access_token="at-secret-value")
    ctx = prepare(options).context
    assert "hunter2" not in repr(ctx) and "BEGIN" not in repr(ctx) and "keys=2" in repr(ctx)
    assert "hunter2" not in repr(options) and "BEGIN" not in repr(options) and "at-secret" not in repr(options)
    assert "now=1.0" in repr(options)


def test_rules_that_need_a_missing_fact_are_skipped():
    from jwtlint.engine import Rule, Severity

    class NeedsEvidence(Rule):
        code, name, severity, summary = "TST010", "needs-evidence", Severity.INFO, "Test."
        needs = frozenset({"verification"})

        def check(self, target, ctx):
            yield self.finding("saw evidence")

    class Always(Rule):
        code, name, severity, summary = "TST011", "always", Severity.INFO, "Test."

        def check(self, target, ctx):
            yield self.finding("ran")

    rules = [NeedsEvidence(), Always()]
    target = jwtlint.token.parse.parse_token("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")
    ctx = engine.Context(now=0)
    assert [f.name for f in engine.RuleSet(rules).run(target, ctx)] == ["always"]
    assert [f.name for f in engine.RuleSet(rules).run(target._replace(verification=object()), ctx)] == ["needs-evidence", "always"]


def test_needs_only_skips_rules_that_would_say_nothing(monkeypatch):
    # Rule.needs is a promise: without the fact, check() says nothing. Run every corpus case
    # with the engine's skipping turned off: the findings must be exactly the same.
    from pathlib import Path

    from jwtlint.testing.corpus import finding_lines, load_cases

    cases = load_cases(Path(__file__).resolve().parent.parent / "corpus")
    gated = {c.name: finding_lines(c.run()) for c in cases}
    assert any(r.needs for r in engine.registry().rules)
    monkeypatch.setattr(engine._Plan, "applicable", lambda plan, target: plan.rules)
    for c in cases:
        assert finding_lines(c.run()) == gated[c.name], c.name


def test_needs_counts_an_empty_fact_as_absent():
    class NeedsWrappers(Rule):
        code, name, severity, summary = "TST011", "needs-wrappers", Severity.INFO, "Test."
        needs = frozenset({"wrappers"})

        def check(self, t, ctx):
            yield self.finding("wrapped")

    rules = [NeedsWrappers()]
    ctx = engine.Context(now=0)
    target = jwtlint.token.parse.parse_token(token())
    assert engine.RuleSet(rules).run(target, ctx) == []
    assert [f.name for f in engine.RuleSet(rules).run(target._replace(wrappers=(object(),)), ctx)] == ["needs-wrappers"]


def test_report_summary_counts_each_severity():
    from jwtlint.report.report import Report, TargetReport

    f = Quiet().finding
    report = Report((TargetReport(None, (f("a"), f("b", severity=Severity.ERROR), f("c", severity=Severity.WARNING),
                                         f("d", severity=Severity.ERROR))),))  # fmt: skip
    assert report.summary() == {"error": 2, "warning": 1, "info": 1}
    assert list(report.summary()) == ["error", "warning", "info"]
    assert Report(()).summary() == {"error": 0, "warning": 0, "info": 0}


def test_finding_refs_follow_the_rule_even_when_an_instance_changes_them():
    class Cited(Rule):
        code, name, severity, summary = "TST012", "cited", Severity.INFO, "Test."
        refs = (cite("RFC 7519", "4.1.4"),)

        def check(self, t, ctx):
            yield self.finding("x")

    rule = Cited()
    assert rule.finding("x").refs == ("RFC 7519 §4.1.4",)
    rule.refs = (cite("RFC 8725", "3.1"), cite("jwt.io"))
    assert rule.finding("x").refs == ("RFC 8725 §3.1", "jwt.io")
    assert Cited().finding("x").refs == ("RFC 7519 §4.1.4",)
