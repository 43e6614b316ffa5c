"""What a verdict says must be right: the difference named is the real one, and the person's
spelling quoted is the whole of it."""

from workbench.romanize import compare, judge


def test_a_hyphen_is_named_as_a_hyphen_not_as_case():
    v = compare("Wang Hu-ning", "Wang Huning", "王滬寧", "cn")
    assert v.verdict == "format-variant"
    assert v.format_issues == ["hyphenated"]
    assert "hyphen" in v.message and "case" not in v.message
    solid = compare("Tsai Chinghsiang", "Tsai Ching-hsiang", "蔡清祥", "tw")
    assert solid.format_issues == ["solid"]
    apart = compare("Lee Hsien-loong", "Lee Hsien Loong", "李顯龍", "sg")
    assert apart.format_issues == ["solid"]
    assert compare("Lee Hsien loong", "Lee Hsien Loong", "李顯龍", "sg").format_issues == ["case"]


def test_the_persons_spelling_is_quoted_whole_with_the_english_given_name():
    v = judge("Huang Xuncai", "黃循財", "sg", canonical="Lawrence Wong")
    assert v.verdict == "system-switch"
    assert "'Lawrence Wong'" in v.message
