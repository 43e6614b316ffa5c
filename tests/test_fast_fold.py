"""The fast paths of text folding (issue 12, 1M-entry glossaries) give exactly what the plain ones
give: the code point array against str.translate, the whitespace pre-check against _WS_RE."""

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import text as T

# any character, weighted towards the ones the fold changes (CJK, width forms, dashes, spaces)
CHARS = st.one_of(
    st.characters(codec=None, exclude_categories=()),
    st.sampled_from("劉刘鴻濤臺台ＡＢｃ１－—‘’“”\u3000\xa0 \t\n\u2028İΣσς"),
)


@settings(max_examples=200, deadline=None)
@given(st.text(CHARS, max_size=60), st.integers(0, 3))
def test_array_fold_equals_translate(text, copies):
    long = (text + "x") * (T._ARRAY_FOLD_MIN // (len(text) + 1) + 1 + copies)  # over the threshold
    assert len(long) >= T._ARRAY_FOLD_MIN
    table = T._fold_table()
    assert T._translate(long) == long.translate(table)
    folded = long.translate(table)
    assert T.fold_chars(long) == folded.lower().translate(table)


def test_array_fold_covers_every_code_point_of_the_table():
    table = T._fold_table()
    array = T._fold_array()
    assert all(len(v) == 1 for v in table.values())
    assert all(array[cp] == ord(ch) for cp, ch in table.items())
    unchanged = [cp for cp in range(0, sys.maxunicode + 1, 7) if cp not in table]
    assert all(array[cp] == cp for cp in unchanged)


def test_lone_surrogates_fall_back_to_translate():
    text = "劉\ud800" * T._ARRAY_FOLD_MIN
    assert T._translate(text) == text.translate(T._fold_table())


@settings(max_examples=300, deadline=None)
@given(st.text(CHARS, max_size=40))
def test_whitespace_precheck_agrees_with_the_regex(text):
    assert T._needs_collapsing(text) == (T._WS_RE.search(text) is not None)


def test_whitespace_precheck_on_every_code_point():
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert T._needs_collapsing("a" + ch + "b") == (T._WS_RE.search("a" + ch + "b") is not None)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(CHARS, max_size=12).map(lambda t: t.replace("\x00", "")), max_size=600))
def test_fold_many_is_fold_of_each(texts):
    assert T.fold_many(texts) == [T.fold(t) for t in texts]
