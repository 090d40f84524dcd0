import base64

from hypothesis import given, strategies as st

from jwtlint.token.b64 import analyse, b64url_encode


def test_clean_url_segment():
    ev = analyse("eyJhIjoxfQ")
    assert ev.clean and ev.alphabet == "neutral" and ev.decoded == b'{"a":1}'
    assert not ev.padding and not ev.std_chars and not ev.illegal


def test_standard_alphabet_and_padding_are_recorded_with_offsets():
    raw = bytes([0xFB, 0xFF, 0xBF])  # standard base64: "+/+/"
    text = base64.b64encode(raw + b"x").decode()  # ends with '=='
    ev = analyse(text)
    assert ev.alphabet == "std"
    assert ev.std_chars == tuple(i for i, c in enumerate(text) if c in "+/")
    assert ev.padding == 2 and ev.padding_span == (len(text) - 2, len(text))
    assert ev.decoded == raw + b"x"
    assert ev.canonical == b64url_encode(raw + b"x")


def test_mixed_alphabet():
    assert analyse("ab+c-d").alphabet == "mixed"


def test_illegal_characters_and_misplaced_padding():
    ev = analyse("ab?c=de")
    assert ev.illegal == ((2, "?"),)
    assert ev.misplaced_padding == (4,)


def test_dangling_character():
    assert analyse("abcde").dangling
    assert not analyse("abcdef").dangling


def test_non_canonical_trailing_bits():
    assert analyse("eQ").decoded == b"y" and not analyse("eQ").non_canonical
    ev = analyse("eR")  # same byte, low bits set
    assert ev.non_canonical and ev.decoded == b"y" and ev.canonical == "eQ"


@given(st.binary(max_size=64))
def test_canonical_roundtrip(data):
    text = b64url_encode(data)
    ev = analyse(text)
    assert ev.decoded == data and ev.clean and not ev.non_canonical


@given(st.text(max_size=80))
def test_never_raises(text):
    analyse(text)
