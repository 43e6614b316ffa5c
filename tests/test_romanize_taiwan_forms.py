"""Irregular Taiwan spellings accepted by general rules (issue 11), and what stays rejected.

- a Wade-Giles bare final e written "er" (哲 che → Cher/Jer, 澤 tse → Tser), as in Huang Wei-cher;
- a surname kept in the family's passport (non-pinyin) form with a given name wholly in pinyin
  (Pai Bing-bing); with a pinyin surname the same name is a mainland rendering, still caught.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.romanize import _passport_variants, judge


@pytest.mark.parametrize("spelling, hanzi", [
    ("Huang Wei-cher", "黃偉哲"), ("Chang Jer", "張哲"), ("Lin Tser-min", "林澤民"),
])
def test_er_for_a_bare_final_e_is_accepted(spelling, hanzi):
    assert judge(spelling, hanzi, "tw").valid


def test_er_is_not_added_to_other_finals():
    # 明 ming has no bare final e: "Minger" stays a misspelling
    assert not judge("Lin Minger-che", "林明哲", "tw").valid
    assert "minger" not in _passport_variants("ming")


@given(st.from_regex(r"[a-z]{1,4}", fullmatch=True))
@settings(max_examples=200)
def test_er_variant_only_after_a_consonant_plus_e(wg):
    added_er = {v for v in _passport_variants(wg) if v == wg + "r"}
    expected = bool(wg.endswith("e") and len(wg) > 1
                    and not any(c in "aeiouy" for c in wg[:-1]))
    assert bool(added_er) == expected


def test_kept_surname_with_pinyin_given_name_is_accepted():
    v = judge("Pai Bing-bing", "白冰冰", "tw")
    assert v.valid and v.verdict == "unverified"


@pytest.mark.parametrize("spelling", ["Bai Bing-bing", "Bai Bingbing", "Pai Bingbing"])
def test_pinyin_surname_or_unhyphenated_pinyin_stays_a_system_switch(spelling):
    v = judge(spelling, "白冰冰", "tw")
    assert not v.valid and v.verdict == "system-switch"


def test_pinyin_surname_with_hyphenated_pinyin_given_name_is_still_caught():
    assert not judge("Zhang Xiao-ming", "張小明", "tw").valid
    assert not judge("Chen Jian-ren", "陳建仁", "tw").valid


def test_a_pickled_reading_recomputes_its_cached_hash():
    import pickle

    from workbench.romanize import Reading

    r = Reading("zhe", 2, True)
    data = pickle.dumps(r)
    assert b"_hash" not in data  # another process's str hash must not travel with it
    back = pickle.loads(data)
    assert back == r and hash(back) == hash(r) and {back: 1}[r] == 1
