"""Verification and repair after decoding, reached directly: each kind of wrong rendering the
README promises to repair, on outputs written here (no model, so it runs on a core install)."""

import pytest

from workbench.glossary import Glossary, read_glossary_csv
from workbench.mt.terms import plan_terms, verify_and_repair

CSV = """id,type,zh,en,en_variants,en_forbidden,status,note,romanization
person.chou,person,周幼偉,Chou Yew-woei,,,approved,n,gwoyeu
place.kaohsiung,place,高雄,Kaohsiung,,,approved,n,custom
org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,Criminal Police Bureau,approved,n,
term.rn,term,紅色通緝令,Red Notice,,red arrest warrant,approved,n,
"""


@pytest.fixture(scope="module")
def small():
    return Glossary(read_glossary_csv("g.csv", text=CSV))


def repair(glossary, source, output, target="en"):
    src, tgt = ("zh", "en") if target == "en" else ("en", "zh")
    [terms] = plan_terms(glossary, [source], src, tgt)
    return verify_and_repair(output, terms, tgt, False, source)


@pytest.mark.parametrize(
    "source, output, expected, replaced",
    [
        # a romanization of the same name (not in en_forbidden: found by comparing readings)
        ("周幼偉表示", "Director Chou Yu-wei said", "Director Chou Yew-woei said", "Chou Yu-wei"),
        ("周幼偉表示", "Zhou Youwei said", "Chou Yew-woei said", "Zhou Youwei"),
        # plain pinyin for a place
        ("在高雄被捕", "arrested in Gaoxiong", "arrested in Kaohsiung", "Gaoxiong"),
        # the source term left untranslated
        (
            "刑事警察局表示",
            "the 刑事警察局 said",
            "the Criminal Investigation Bureau said",
            "刑事警察局",
        ),
        # a forbidden rendering
        (
            "發布紅色通緝令",
            "issued a red arrest warrant",
            "issued a Red Notice",
            "red arrest warrant",
        ),
    ],
)
def test_each_wrong_rendering_is_repaired(small, source, output, expected, replaced):
    fixed, report = repair(small, source, output)
    assert fixed == expected
    assert len(report.repaired) == 1 and not report.missed
    assert any(f"replaced '{replaced}'" in note for note in report.notes)


def test_right_term_in_the_wrong_script_is_rewritten(small):
    fixed, report = repair(
        small, "the Criminal Investigation Bureau said", "刑事警察局表示", target="zh"
    )
    assert fixed == "刑事警察局表示" and report.kept == ["org.cib"]
    simplified, report = repair(small, "Red Notice issued", "发布红色通缉令", target="zh")
    assert simplified == "发布紅色通緝令" and report.repaired == ["term.rn"]


def test_an_unlocatable_term_is_reported_not_invented(small):
    fixed, report = repair(small, "周幼偉表示", "The director said")
    assert fixed == "The director said" and report.missed == ["person.chou"]
    assert report.notes == [
        ("term-not-enforced: person.chou (周幼偉 → Chou Yew-woei): "
        "no rendering of it could be located")
    ]


def test_a_different_person_is_not_rewritten(small):
    fixed, report = repair(small, "周幼偉表示", "Tsai Ching-hsiang said")
    assert fixed == "Tsai Ching-hsiang said" and report.missed == ["person.chou"]


def test_allowed_variants_are_kept(small):
    fixed, report = repair(small, "刑事警察局表示", "the CIB said")
    assert fixed == "the CIB said" and report.kept == ["org.cib"] and not report.repaired


@pytest.mark.parametrize(
    "text, found",
    [
        ("arrested in Gaoxiong.", ["Gaoxiong"]),
        ("GAOXIONG police", ["GAOXIONG"]),
        ("Gaoxiong-based firm", []),
        ("Gaoxiongs", []),
        ("Gaoxiong and gaoxiong", ["Gaoxiong", "gaoxiong"]),
    ],
)
def test_find_spelling_is_whole_word(text, found):
    from workbench.romanize import find_spelling

    assert [m.group(0) for m in find_spelling(text, "Gaoxiong")] == found
