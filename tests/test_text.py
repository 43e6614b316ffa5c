from hypothesis import given
from hypothesis import strategies as st

from workbench.text import FoldedText, find_simplified_only, fold, fold_chars

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@given(TEXT)
def test_char_fold_keeps_length(text):
    assert len(fold_chars(text)) == len(text)


@given(TEXT)
def test_folded_offsets_map_back_to_the_same_characters(text):
    ft = FoldedText(text)
    for i, ch in enumerate(ft.key):
        original = text[ft.to_original(i)]
        if ch != " ":
            assert fold_chars(original) == ch


@given(TEXT)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_fold_examples():
    assert fold("劉鴻濤") == fold("刘鸿涛") == fold("劉鴻濤")
    assert fold("ＣＩＢ") == fold("CIB") == "cib"
    assert fold("Liu  Hung\u2013tao") == fold("liu hung-tao")
    assert fold("Ts\u2019ai") == "ts'ai"


def test_simplified_only_characters():
    assert [c for _, c in find_simplified_only("台湾刘鸿涛软件")] == ["湾", "刘", "鸿", "涛", "软"]
    # valid in Traditional text too: 台, 干, 后, 里, and Taiwan's standard 秘
    assert find_simplified_only("台干后里秘書臺灣") == []


@given(st.lists(TEXT, max_size=8))
def test_fold_many_equals_fold_one_by_one(texts):
    from workbench.text import fold_many

    texts = [t.replace("\x00", "") for t in texts]
    assert fold_many(texts) == [fold(t) for t in texts]


def test_fold_is_idempotent_on_every_bmp_character():
    chars = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    once = fold_chars(chars)
    assert len(once) == len(chars) and fold_chars(once) == once
