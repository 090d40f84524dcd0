"""The README's "In your test suite" example files, run as written (pytester), so the README stays true.

Each example is the code block after a ``<!-- example: NAME.py -->`` line.
What the README says about running them is checked here too: the issuer's
tests pass, and fail naming time-in-milliseconds once make_token uses
milliseconds; PyJWT (the verifier under test) is caught accepting a padded token.
"""

import re
import warnings
from pathlib import Path

import pytest

from jwtlint import strategies

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parent.parent / "README.md"


def examples() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    found = re.findall(r"<!-- example: (\S+\.py) -->\n```python\n(.*?)```", text, flags=re.S)
    return dict(found)


@pytest.fixture
def run(pytester):
    def run_example(name: str, source: str | None = None):
        # fewer examples than hypothesis's 100, drawn the same way every run: the files run as the README says
        pytester.makeconftest(
            "from hypothesis import settings\n"
            "settings.register_profile('readme', max_examples=50, derandomize=True, database=None)\n"
            "settings.load_profile('readme')\n"
        )
        pytester.makepyfile(**{name[:-3]: source if source is not None else examples()[name]})
        # A subprocess, as a user runs it (in-process runs re-import cryptography's Python
        # modules, which its compiled part then refuses).
        return pytester.runpytest_subprocess("-p", "no:cacheprovider")

    return run_example


def test_the_readme_has_both_examples():
    assert set(examples()) == {"test_issuer.py", "test_verifier.py"}


def test_issuer_example_passes(run):
    run("test_issuer.py").assert_outcomes(passed=2)


def test_issuer_example_in_milliseconds_fails_as_the_readme_shows(run):
    source = examples()["test_issuer.py"]
    broken = source.replace("now = int(time.time())", "now = int(time.time() * 1000)")
    assert broken != source, "the README's make_token no longer has the line this test changes"
    result = run("test_issuer.py", broken)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "E       jwtlint.testing.JwtAssertionError: time-in-milliseconds: exp is in milliseconds: * (+1 more)",
            "E       the token is not valid: 2 findings at or above error (time-in-milliseconds)",
            "E         error JWT403 time-in-milliseconds payload*: exp is in milliseconds: *",
            "E             fix: use seconds: exp = *, then sign the token again",
            "E             fixed: *",
        ]
    )


def test_verifier_example_catches_pyjwt_accepting_padding(run):
    result = run("test_verifier.py")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "E       Failed: DID NOT RAISE InvalidTokenError",
            "E       Failing test case: test_rejects_broken_tokens(",
            "E           case=TokenCase(fault='base64-padding', alg='RS256', now=*, audience='api', *, token='eyJ*'),",
        ]
    )


def test_fault_count_in_the_readme_is_current():
    assert f"`strategies.FAULTS` lists all {len(strategies.FAULTS)}," in README.read_text(encoding="utf-8")


def test_what_the_readme_says_pyjwt_accepts():
    import jwt
    from hypothesis import Phase, find, settings

    text = README.read_text(encoding="utf-8")
    paragraph = text[text.index("(PyJWT 2.15 also accepts") :].split(")\n", 1)[0]
    named = [n for n in re.findall(r"`([a-z0-9-]+)`", paragraph) if n in strategies.FAULTS]
    names = [*named, "time-not-numeric", "time-in-milliseconds"]  # "exp as a string", "exp alone in ms"
    assert "duplicate-json-member" in names and len(names) == 11

    def accepted(case) -> bool:
        try:
            with warnings.catch_warnings():  # PyJWT warns about short HMAC keys, then accepts them
                warnings.simplefilter("ignore")
                jwt.decode(case.token, case.key, algorithms=[case.alg], audience=case.audience, issuer=case.issuer)
        except jwt.InvalidTokenError:
            return False
        return True

    for name in names:  # find() raises NoSuchExample if PyJWT rejects every drawn case
        find(strategies.broken_tokens(fault=name, alg="HS256" if name == "weak-hmac-secret" else "RS256"),
             accepted, settings=settings(max_examples=50, database=None, phases=[Phase.generate]))  # no shrinking
