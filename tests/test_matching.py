import polars as pl
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbench.glossary import Glossary, read_glossary_csv
from workbench.text import convert_script, is_word_char

CSV = """id,type,zh,en,en_variants,en_forbidden,status,note,case_sensitive
org.npa,org,內政部警政署,National Police Agency,NPA|National Police Agency of Taiwan,National Police Administration,approved,,
org.npa-short,org,警政署,National Police Agency,,,approved,,
org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,Criminal Police Bureau,approved,,
person.liu,person,劉鴻濤,Liu Hung-tao,,Liu Hongtao,approved,,
term.red,term,紅色通緝令,Red Notice,,,approved,,true
term.i247,term,I-24/7,I-24/7,,,approved,,
"""


def glossary(text=CSV):
    return Glossary(read_glossary_csv("t.csv", text=text))


def spans(g, text, **kw):
    return [(m.text, m.ids) for m in g.find(text, **kw)]


def test_longest_match_first_and_non_overlapping():
    g = glossary()
    assert spans(g, "內政部警政署表示") == [("內政部警政署", ["org.npa"])]
    assert spans(g, "警政署表示") == [("警政署", ["org.npa-short"])]
    found = spans(g, "the National Police Agency of Taiwan and the National Police Agency")
    assert found == [("National Police Agency of Taiwan", ["org.npa"]), ("National Police Agency", ["org.npa", "org.npa-short"])]


def test_script_width_case_and_dash_folding():
    g = glossary()
    assert spans(g, "刘鸿涛与刑事警察局") == [("刘鸿涛", ["person.liu"]), ("刑事警察局", ["org.cib"])]
    assert spans(g, "LIU HUNG\u2011TAO met the ｃｉｂ") == [("LIU HUNG\u2011TAO", ["person.liu"]), ("ｃｉｂ", ["org.cib"])]
    assert spans(g, "Liu   Hung-tao") == [("Liu   Hung-tao", ["person.liu"])]


def test_word_boundaries_in_english_but_not_in_chinese():
    g = glossary()
    assert spans(g, "NPAS and CIBs and xI-24/7") == []
    assert spans(g, "與CIB合作，經I-24/7通報") == [("CIB", ["org.cib"]), ("I-24/7", ["term.i247"])]


def test_case_sensitive_entry():
    g = glossary()
    assert spans(g, "a red notice") == []
    assert spans(g, "a Red Notice") == [("Red Notice", ["term.red"])]


def test_roles_and_languages_are_reported_and_filterable():
    g = glossary()
    [m] = g.find("the National Police Administration said")
    assert [(t.lang, t.role) for t in m.terms] == [("en", "forbidden")]
    assert g.find("警政署", langs={"en"}) == []
    assert g.find("Liu Hongtao", roles={"canonical", "variant"}) == []


ASCII_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.", max_size=40)
CJK = st.text(alphabet="的是在我有他這中大來上國個到說們為子和你地出道也時年", max_size=30)
TERMS = ["Criminal Investigation Bureau", "Liu Hung-tao", "刑事警察局", "劉鴻濤", "CIB"]


@given(before=ASCII_WORDS | CJK, after=ASCII_WORDS | CJK, term=st.sampled_from(TERMS))
@settings(max_examples=300)
def test_a_term_inserted_anywhere_is_found(before, after, term):
    g = glossary()
    if is_word_char(term[0]):  # English terms need a word boundary to count
        assume(not before or not is_word_char(before[-1]))
        assume(not after or not is_word_char(after[0]))
    text = before + term + after
    found = g.find(text)
    assert any(m.start == len(before) and m.end == len(before) + len(term) for m in found)


@given(st.lists(st.sampled_from(["劉鴻濤", "刑事警察局", "內政部警政署", "警政署", "的", "與", "表示", "國際"]), max_size=12))
@settings(deadline=None)  # the first example builds the matcher for the whole glossary; speed is benchmarked
def test_traditional_and_simplified_give_the_same_matches(parts):
    g = glossary()
    trad = "".join(parts)
    simp = convert_script(trad, "t2s")
    assert len(simp) == len(trad)
    assert [(m.start, m.end, m.ids) for m in g.find(trad)] == [(m.start, m.end, m.ids) for m in g.find(simp)]


def test_large_glossary_still_finds_its_terms():
    n = 20_000
    frame = pl.DataFrame({
        "id": [f"term.t{i}" for i in range(n)], "type": ["term"] * n,
        "zh": [f"術語{i:05d}號" for i in range(n)], "en": [f"term number {i:05d}" for i in range(n)],
        "en_variants": [""] * n, "en_forbidden": [""] * n, "status": ["approved"] * n, "note": [""] * n,
    })
    g = Glossary(frame)
    found = g.find("see term number 12345 and 術語00042號.")
    assert [m.ids for m in found] == [["term.t12345"], ["term.t42"]]
