"""One Language value: parsing BCP 47 codes, glossary columns, scripts, model-family codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import UsageError
from workbench.language import NLLB_CODES, Language


@pytest.mark.parametrize(
    "code, key, column, nllb",
    [
        ("zh-TW", "zh-Hant", "zh", "zho_Hant"),
        ("zh_CN", "zh-Hans", "zh", "zho_Hans"),
        ("zh-Hans", "zh-Hans", "zh", "zho_Hans"),
        ("zh-HK", "zh-Hant", "zh", "zho_Hant"),
        ("zh-SG", "zh-Hans", "zh", "zho_Hans"),
        ("ZH-hant-tw", "zh-Hant", "zh", "zho_Hant"),
        ("en-US", "en", "en", "eng_Latn"),
        ("pt-BR", "pt", "pt-br", "por_Latn"),
        ("de", "de", "de", "deu_Latn"),
    ],
)
def test_parse(code, key, column, nllb):
    lang = Language.parse(code)
    assert (lang.key, lang.glossary_columns[0], lang.nllb) == (key, column, nllb)


def test_normalized_code_keeps_what_was_given():
    assert Language.parse("zh_tw").code == "zh-TW"
    assert Language.parse("ZH-hant-tw").code == "zh-Hant-TW"
    assert str(Language.parse("pt-br")) == "pt-BR"


def test_glossary_column_prefers_the_most_specific_present():
    pt_br = Language.parse("pt-BR")
    assert pt_br.column_in(["zh", "en", "pt-br", "pt"]) == "pt-br"
    assert pt_br.column_in(["zh", "en", "pt"]) == "pt"
    assert Language.parse("zh-CN").column_in(["zh", "en"]) == "zh"


def test_model_family_codes():
    assert Language.parse("zh-TW").marian_token == ">>cmn_Hant<<"
    assert Language.parse("zh-CN").marian_token == ">>cmn_Hans<<"
    assert Language.parse("en").marian_token is None
    assert Language.parse("zh-TW").m2m100 == "zh" and Language.parse("pl").m2m100 == "pl"
    assert Language.parse("zh-CN").simplified and not Language.parse("zh-TW").simplified


@pytest.mark.parametrize("code", ["xx", "", "zh-", "english", "12", "en--US", "qq-TW"])
def test_unknown_or_malformed_codes_are_usage_errors(code):
    with pytest.raises(UsageError) as info:
        Language.parse(code)
    assert info.value.exit_code == 2


@given(
    st.sampled_from(sorted({k.split("-")[0] for k in NLLB_CODES})),
    st.sampled_from(["", "-TW", "-CN", "-US", "-BR", "_hk", "-419"]),
    st.booleans(),
)
def test_every_known_language_parses_in_any_case_and_separator(base, region, upper):
    code = (base + region).upper() if upper else base + region
    lang = Language.parse(code)
    assert lang.base == base and lang.nllb in NLLB_CODES.values()
    assert Language.parse(lang.code) == lang  # normalizing is idempotent


@given(st.text(max_size=12))
def test_parse_never_raises_anything_but_a_usage_error(code):
    try:
        lang = Language.parse(code)
    except UsageError:
        return
    assert lang.base and lang.column_in([]) == lang.glossary_columns[-1]


def test_default_target_is_english_for_chinese_and_taiwan_chinese_otherwise():
    from workbench.bilingual import translation_source_code

    assert Language.parse("zh-CN").default_target.code == "en"
    assert Language.parse("de").default_target.code == "zh-TW"
    assert translation_source_code(["刑事警察局昨天表示"]) == "zh-TW"
    assert translation_source_code(["A"]) == "en"  # a short text is not guessed as Czech
