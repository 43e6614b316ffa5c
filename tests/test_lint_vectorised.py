"""The regex classes lint hands to polars (Rust regex) mean what Python's re and text.py mean:
a near-duplicate's loose key and the Simplified-only test must not change with the engine."""

import re

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.lint import _loose_keys, _simplified_class
from workbench.text import find_simplified_only, simplified_only_chars

# any character, weighted towards marks, numbers and punctuation where \w differs between engines
CHARS = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from("a_-. 1²½ⅣÅé\u0301\u0903\u200c\u200d刘劉一〇·‧・Ｋ"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(CHARS, max_size=15), max_size=20))
def test_loose_keys_equal_pythons_non_word_removal(keys):
    got = pl.Series(keys, dtype=pl.String).to_frame("k").select(_loose_keys(pl.col("k")))
    assert got["k"].to_list() == [re.sub(r"[\W_]+", "", k) for k in keys]


def test_loose_keys_on_every_code_point():
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    got = pl.Series(chars).to_frame("k").select(_loose_keys(pl.col("k")))["k"].to_list()
    assert got == [re.sub(r"[\W_]+", "", c) for c in chars]


@settings(max_examples=200, deadline=None)
@given(st.text(st.one_of(CHARS, st.sampled_from(sorted(simplified_only_chars())[:200])),
               max_size=12))
def test_simplified_class_finds_what_find_simplified_only_finds(text):
    hit = pl.Series([text]).str.contains(_simplified_class())[0]
    assert hit == bool(find_simplified_only(text))
