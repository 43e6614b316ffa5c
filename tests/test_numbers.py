from hypothesis import given
from hypothesis import strategies as st

from workbench.numbers import (
    compare_numbers,
    extract_chinese,
    extract_english,
    parse_chinese_number,
)


def values(numbers):
    return [n.values[0] for n in numbers]


def test_chinese_numbers():
    assert values(extract_chinese("查扣新臺幣1億321萬元")) == [103_210_000]
    assert values(extract_chinese("被害人共2,713人")) == [2713]
    assert values(extract_chinese("其中百分之五")) == [5]
    assert extract_chinese("民國114年")[0].values == (2025, 114)
    assert set(extract_chinese("114年")[0].values) == {114, 2025}
    assert values(extract_chinese("２０２５年")) == [2025]
    assert values(extract_chinese("兩萬五千人")) == [25000]
    assert values(extract_chinese("三千五百")) == [3500]
    assert values(extract_chinese("1.5億")) == [150_000_000]
    assert values(extract_chinese("二〇二五年")) == [2025]


def test_single_numerals_are_weak():
    [one] = extract_chinese("第一")
    assert not one.strong
    assert extract_chinese("百分之五")[0].strong


def test_english_numbers():
    assert values(extract_english("NT$103.21 million")) == [103_210_000]
    assert values(extract_english("2,713 victims; 5% of them")) == [2713, 5]
    assert extract_english("three years")[0].strong is False


def test_rounding_in_the_target_is_accepted_but_other_values_are_not():
    source = extract_chinese("共查扣新臺幣1億321萬元")
    assert compare_numbers(source, extract_english("more than NT$103 million")) == ([], [])
    assert compare_numbers(source, extract_english("NT$103.21 million")) == ([], [])
    missing, extra = compare_numbers(source, extract_english("NT$103.5 million"))
    assert values(missing) == [103_210_000] and values(extra) == [103_500_000]


def test_minguo_year_matches_western_year():
    assert compare_numbers(extract_chinese("民國113年起"), extract_english("since 2024")) == ([], [])
    assert compare_numbers(extract_chinese("民國113年起"), extract_english("since 2023"))[0]


@given(st.integers(min_value=0, max_value=10**12))
def test_digit_numbers_round_trip_in_both_languages(n):
    text = f"{n:,}"
    assert values(extract_english(text)) == [n]
    assert values(extract_chinese(text)) == [n]


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_wan_and_yi_compose(yi, wan):
    text = f"{yi}億{wan}萬" if wan else f"{yi}億"
    assert parse_chinese_number(text)[0] == yi * 10**8 + wan * 10**4


def test_decimal_comma_languages():
    from workbench.numbers import extract

    assert values(extract("103,21 Millionen NT-Dollar", "de")) == [103_210_000]
    assert values(extract("2.713 Opfer", "de")) == [2713]
    assert values(extract("2 713 victimes", "fr")) == [2713]
    assert values(extract("103 mln dolarów", "pl")) == [103_000_000]
    source = extract_chinese("共查扣新臺幣1億321萬元，被害人共2,713人。")
    assert compare_numbers(source, extract("103,21 Millionen beschlagnahmt; 2.713 Opfer.", "de")) == ([], [])
    assert compare_numbers(source, extract("103,5 Millionen beschlagnahmt; 2.713 Opfer.", "de"))[0]
