from jwtlint.token.intake import extract

from tokens import token

TOK = token()


def only(text):
    targets = extract(text)
    assert len(targets) == 1, targets
    return targets[0]


def kinds(t):
    return [w.kind for w in t.wrappers]


def test_bare_token():
    t = only(TOK)
    assert t.text == TOK and t.wrappers == () and (t.origin.line, t.origin.column) == (1, 1)


def test_bearer_and_authorization_header():
    t = only(f"Authorization: Bearer {TOK}")
    assert t.text == TOK and kinds(t) == ["authorization-header", "bearer"]
    assert t.origin.column == len("Authorization: Bearer ") + 1


def test_quotes():
    t = only(f'"{TOK}"')
    assert t.text == TOK and kinds(t) == ["quotes"]


def test_form_body_keeps_plus_and_records_it():
    body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + TOK[:10] + "+" + TOK[10:]
    t = only(body)
    w = t.wrapper("form")
    assert w.detail == "assertion" and w.positions == (10,)
    assert t.raw == TOK[:10] + "+" + TOK[10:]
    assert t.origin.column == body.index("assertion=") + len("assertion=") + 1


def test_form_value_percent_escapes_are_decoded_silently():
    t = only("client_assertion_type=x&client_assertion=" + TOK.replace(".", "%2E"))
    assert t.text == TOK and t.wrapper("percent-encoded") is None


def test_url_query_and_fragment():
    t = only(f"https://app.example.com/cb#state=xyz&id_token={TOK}&token_type=Bearer")
    assert t.text == TOK and t.wrapper("url-fragment").detail == "id_token"
    t = only(f"https://app.example.com/cb?code=abc&id_token={TOK}")
    assert t.wrapper("url-query").detail == "id_token"


def test_json_token_response_gives_each_token():
    other = token(payload={"sub": "other"})
    targets = extract('{"access_token": "%s", "token_type": "Bearer", "id_token": "%s"}' % (TOK, other))
    assert [t.text for t in targets] == [other, TOK] or [t.text for t in targets] == [TOK, other]
    assert all(t.wrapper("json") for t in targets)


def test_wrapped_over_lines_is_one_token_with_whitespace_recorded():
    wrapped = TOK[:40] + "\n" + TOK[40:80] + "\n" + TOK[80:]
    t = only(wrapped)
    assert t.text == TOK
    assert [w.offset for w in t.whitespace] == [40, 81]


def test_several_tokens_on_lines_are_several_targets():
    other = token(payload={"sub": "other"})
    targets = extract(f"{TOK}\n{other}\n")
    assert [t.text for t in targets] == [TOK, other]
    assert targets[1].origin.line == 2


def test_token_embedded_in_prose():
    targets = extract(f"the server logged: token={TOK!s} at 12:00")
    assert [t.text for t in targets] == [TOK]


def test_bare_percent_encoded_token_is_recorded():
    t = only(TOK[:20] + "%2B" + TOK[20:])
    w = t.wrapper("percent-encoded")
    assert w and w.positions == (20,) and "+" in t.text


def test_empty_input_gives_nothing():
    assert extract("   \n") == []


# --- the fast path for a bare token --------------------------------------------------------

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jwtlint.testing.corpus import load_cases  # noqa: E402
from jwtlint.token.intake import _PLAIN_TOKEN, extract_general  # noqa: E402

_CORPUS_TEXTS = [c.input.strip() for c in load_cases(Path(__file__).resolve().parent.parent / "corpus")]


def test_fast_path_is_taken_for_corpus_tokens():
    # Not vacuous: most corpus inputs are bare tokens, and a wrapped one is not.
    assert sum(bool(_PLAIN_TOKEN.fullmatch(t)) for t in _CORPUS_TEXTS) >= 40
    assert not _PLAIN_TOKEN.fullmatch("Bearer " + TOK) and not _PLAIN_TOKEN.fullmatch(TOK + "==")


@pytest.mark.parametrize("text", [t for t in _CORPUS_TEXTS if _PLAIN_TOKEN.fullmatch(t)] + [TOK])
def test_fast_path_gives_what_the_general_path_gives(text):
    assert extract(text, "f.txt") == extract_general(text, "f.txt")


@settings(max_examples=200)
@given(st.lists(st.text("eyJAZaz09_-.", max_size=40), min_size=1, max_size=5).map(lambda p: "eyJ" + ".".join(p)))
def test_fast_path_agrees_on_any_plain_text(text):
    assert extract(text) == extract_general(text)


# --- NAME=value assignments (shell, .env, Java properties, INI) ------------------------------

ASSIGNMENTS = {
    "env": (f"GITHUB_APP_JWT={TOK}", "GITHUB_APP_JWT", ""),
    "shell": (f"TOKEN={TOK}", "TOKEN", ""),
    "export-double": (f'export TOKEN="{TOK}"', "TOKEN", '"'),
    "export-single": (f"export TOKEN='{TOK}'", "TOKEN", "'"),
    "declare-x": (f"declare -x TOKEN={TOK}", "TOKEN", ""),
    "cmd-set": (f"set TOKEN={TOK}", "TOKEN", ""),
    "powershell": (f'$env:TOKEN = "{TOK}"', "TOKEN", '"'),
    "properties": (f"jwt.token={TOK}", "jwt.token", ""),
    "properties-colon": (f"jwt.token: {TOK}", "jwt.token", ""),
    "ini": (f"token = {TOK}", "token", ""),
    "yaml": (f"token: {TOK}", "token", ""),
}


@pytest.mark.parametrize("text, name, quote", ASSIGNMENTS.values(), ids=ASSIGNMENTS.keys())
def test_assignment_gives_the_token_and_records_the_name(text, name, quote):
    t = only(text)
    assert t.text == TOK and t.wrappers and kinds(t) == ["assignment"]
    w = t.wrapper("assignment")
    assert w.detail == name
    value_at = text.index(TOK)
    # the token starts where the value does: origin, raw_start and the wrapper's span agree
    assert t.origin.column == value_at + 1 and t.input_text[t.raw_start :].startswith(TOK)
    assert t.input_text[w.span.start : w.span.end] == text[:value_at]
    assert w.positions == ((len(text) - 1,) if quote else ())
    assert t.form == "jws" and t.header == {"alg": "HS256", "typ": "JWT"}


def test_env_file_of_several_lines_gives_each_assigned_token_where_it_sits():
    other = token(payload={"sub": "other"})
    text = f"# .env\nDEBUG=1\nDATABASE_URL=postgres://db/app\n[jwt]\nGITHUB_APP_JWT={TOK}\n  export SECOND='{other}'\n"
    targets = extract(text)
    assert [t.text for t in targets] == [TOK, other]
    assert [(t.origin.line, t.origin.column) for t in targets] == [(5, 16), (6, 18)]
    assert [t.wrapper("assignment").detail for t in targets] == ["GITHUB_APP_JWT", "SECOND"]


def test_quoted_assignment_keeps_spaces_for_the_whitespace_rule():
    spaced = TOK[:30] + " " + TOK[30:]
    t = only(f'export TOKEN="{spaced}"')
    assert t.raw == spaced and [w.offset for w in t.whitespace] == [30]  # the parser reads it back as '+'
    assert t.input_text[t.raw_start + 30] == " "


@pytest.mark.parametrize(
    "text",
    [
        TOK.replace(".", "=.", 1),  # a padded header: eyJ...= looks like NAME= but is a token
        "ewogICJhbGciOiAiSFMyNTYiCn0=." + TOK.split(".", 1)[1],  # padded, not eyJ: value starts with '.'
    ],
)
def test_a_padded_token_is_no_assignment(text):
    t = only(text)
    assert t.wrapper("assignment") is None and t.text == text


def test_form_fields_stay_forms_and_other_text_is_unchanged():
    assert kinds(only(f"assertion={TOK}")) == ["form"]
    assert kinds(only(f"Authorization: Bearer {TOK}")) == ["authorization-header", "bearer"]
    # an assignment of something that is no token, then prose: the embedded token, unwrapped as before
    assert [t.text for t in extract(f"MODE=debug; see {TOK} (logged)")] == [TOK]
