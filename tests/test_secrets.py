"""A report never prints a whole signature unless asked (--show-secrets)."""

import json

import pytest
from typer.testing import CliRunner

from jwtlint.cli.app import app
from jwtlint.testing.corpus import load_cases

from test_corpus import CORPUS

CASES = [c for c in load_cases(CORPUS) if len(c.input) < 100_000]
runner = CliRunner()


def signatures(case):
    """Whole signature segments in the case, as written and as jwtlint would correct them."""
    from jwtlint import lint

    out = set()
    for t in lint(case.input, **case.args).targets:
        sig = t.target.segment("signature")
        if sig is not None and len(sig.text) >= 16:
            out |= {sig.text, sig.b64.canonical}
    return out


def cli_args(kwargs):
    """The command-line options that stand for a case's lint() keyword arguments."""
    flags = {"now": "--now", "leeway": "--leeway", "max_lifetime": "--max-lifetime", "issuer": "--iss"}
    args = [x for k, v in kwargs.items() if k in flags for x in (flags[k], str(v))]
    audience = kwargs.get("audience", [])
    for aud in [audience] if isinstance(audience, str) else audience:
        args += ["--aud", aud]
    return args


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_whole_signature_in_any_report(case, fmt):
    sigs = signatures(case)
    args = ["check", "-", "--format", fmt] + cli_args(case.args)
    r = runner.invoke(app, args, input=case.input)
    assert r.exit_code in (0, 1), r.output
    for sig in sigs:
        assert sig not in r.output
    if fmt == "json":
        json.loads(r.stdout)
    shown = runner.invoke(app, args + ["--show-secrets"], input=case.input)
    if sigs and fmt == "text":
        assert any(sig in shown.output for sig in sigs), "--show-secrets should show the token"
