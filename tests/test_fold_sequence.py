"""Issue 16: the character fold looks characters up in a list over the BMP instead of a dict;
the fold must be exactly the dict's, for every character (astral ones kept as they are)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.text import _fold_table, fold_chars


def _by_dict(text: str, case: bool) -> str:
    if text.isascii():
        return text.lower() if case else text
    out = text.translate(_fold_table())
    return out.lower().translate(_fold_table()) if case else out


def test_every_bmp_character_folds_as_the_table_says():
    text = "".join(chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF)
    for case in (True, False):
        assert fold_chars(text, case=case) == _by_dict(text, case)


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60), st.booleans())
def test_fold_equals_the_dict_fold(text, case):
    assert fold_chars(text, case=case) == _by_dict(text, case)
    assert len(fold_chars(text, case=case)) == len(text)


def test_astral_characters_are_kept():
    assert fold_chars("𠀀臺灣😀Ｘ") == "𠀀台湾😀x"
