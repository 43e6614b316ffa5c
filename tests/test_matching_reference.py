"""TermMatcher against a brute-force reference of the same rules (every key searched with
str.find): identical spans and entries on random text, with and without filters, so the fast path
can change without changing a single match."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.glossary import Glossary, read_glossary_csv
from workbench.text import FoldedText, fold, is_word_char

CSV = """id,type,zh,en,en_variants,en_forbidden,status,note,case_sensitive
org.npa,org,內政部警政署,National Police Agency,NPA,National Police Administration,approved,,
org.npa-short,org,警政署,National Police Agency,,,approved,,
org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,Criminal Police Bureau,approved,,
term.red,term,紅色通緝令,Red Notice,,,approved,,true
term.police,term,警察,police,,,approved,,
title.dg,title,署長,Director-General,,,approved,,
title.d,title,局長,Director,,,approved,,
"""
G = Glossary(read_glossary_csv("t.csv", text=CSV))
PIECES = [
    "National Police Agency",
    "national  police",
    "Police",
    "police",
    "CIB",
    "cib",
    "Red Notice",
    "red notice",
    "Director-General",
    "Director",
    "Directors",
    "Bureau",
    "Criminal Investigation",
    "內政部警政署",
    "警政署",
    "刑事警察局",
    "刑事警察局局長",
    "警察",
    "紅色通緝令",
    "署長",
    "x",
    "s",
    " ",
    "  ",
    "\n",
    "-",
    ",",
    "的",
    "警",
]


def reference(text, langs=None, roles=None, overlapping=False):
    ft = FoldedText(text)
    key, n = ft.key, len(ft.key)
    by_key: dict[str, list] = {}
    for t in G.matcher.terms:
        k = fold(t.form)
        if k:
            by_key.setdefault(k, []).append(t)
    found = []
    for k, terms in by_key.items():
        terms = [
            t
            for t in terms
            if (langs is None or t.lang in langs) and (roles is None or t.role in roles)
        ]
        start = key.find(k)
        while terms and start >= 0:
            end = start + len(k)
            ok = not (is_word_char(k[0]) and start > 0 and is_word_char(key[start - 1]))
            ok = ok and not (is_word_char(k[-1]) and end < n and is_word_char(key[end]))
            if ok:
                found.append((start, end, terms))
            start = key.find(k, start + 1)
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken = [False] * n
    out = []
    for start, end, terms in found:
        if overlapping:
            if (start and key[start - 1] == "-") or (end < n and key[end] == "-"):
                continue
        elif any(taken[start:end]):
            continue
        o_start, o_end = ft.to_original(start), ft.to_original(end - 1) + 1
        surface = text[o_start:o_end]
        terms = [
            t
            for t in terms
            if not t.case_sensitive or fold(surface, case=False) == fold(t.form, case=False)
        ]
        if terms:
            taken[start:end] = [True] * (end - start)
            out.append(
                (o_start, o_end, surface, sorted((t.id, t.lang, t.role, t.form) for t in terms))
            )
    return sorted(out)


def actual(text, **kw):
    return sorted(
        (m.start, m.end, m.text, sorted((t.id, t.lang, t.role, t.form) for t in m.terms))
        for m in G.matcher.find(text, **kw)
    )


FILTERS = st.sampled_from(
    [
        {},
        {"langs": {"en"}},
        {"langs": {"zh"}},
        {"roles": {"canonical", "variant"}},
        {"langs": {"en"}, "roles": {"inflected", "derived"}},
        {"overlapping": True},
        {"langs": {"zh"}, "overlapping": True},
    ]
)


@given(st.lists(st.sampled_from(PIECES), max_size=14), FILTERS)
@example(["police", "x"], {})  # a word glued on at the very end of the text
@example(["x", "CIB"], {})
@settings(max_examples=400, deadline=None)
def test_matches_are_exactly_the_reference_rules(parts, kw):
    text = "".join(parts)
    assert actual(text, **kw) == reference(text, **kw)


@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), max_size=6), FILTERS)
@settings(max_examples=150, deadline=None)
def test_find_many_equals_find_on_each_text(texts, kw):
    many = G.matcher.find_many(texts, **kw)
    assert [[(m.start, m.end, m.text, m.terms) for m in ms] for ms in many] == [
        [(m.start, m.end, m.text, m.terms) for m in G.matcher.find(t, **kw)] for t in texts
    ]
