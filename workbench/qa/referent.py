"""Whose post, agency or concept a forbidden rendering names, read from the words around it.

A forbidden rendering is an error when it renders *this* glossary entry: "Prime Minister" for
Taiwan's 行政院長. The same words are right for someone else's post: "Singapore's Prime Minister",
"the Attorney General of Singapore", "Prime Minister Lawrence Wong", "Hong Kong's ICAC". wb's
titles and agencies are Taiwan's, so a forbidden title or agency qualified by another country (a
possessive, a nationality word, "of <country>") or standing before a person who never held the
post names another referent and is not reported. Without a source text to compare with, a
forbidden form that is an everyday word ("driver" for 車手's "money mule") cannot be judged at
all, and a title with nothing around it is only a warning.
"""

from __future__ import annotations

import re

from ..glossary import Entry, Glossary
from ..text import fold

THIS, OTHER, UNKNOWN = "this", "other", "unknown"

# Taiwan under the names a glossary gives it: a title or agency qualified by it is wb's own.
_HOME_ZH = {"臺灣", "台灣", "中華民國"}
# Capitalized words before a title that say when or what rank, not whose: "Former Prime Minister".
_RANK_WORDS = {
    "former", "acting", "deputy", "vice", "then", "incoming", "outgoing", "interim", "new",
    "senior", "late", "ex", "retired", "current", "first", "the", "a", "an", "and", "or", "as",
    "by", "with", "for", "to", "of", "in", "on", "at", "from", "said", "says", "told", "when",
}
_RANK_KEYS = {fold(w) for w in _RANK_WORDS}
_POSSESSIVE = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)\s*['’]s\s+$")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)\s+$")
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?$")
_COMMA_THE = re.compile(r"\s*,\s*(?:the\s+)?")
# a former name said as such: "the former Council of Agriculture", "then-Premier"
_FORMER_BEFORE = re.compile(r"\b(?:former|formerly|then|previously|once|old)[\s-]+(?:the\s+)?$",
                            re.IGNORECASE)
# A clause that opens with a place sets where the next title or agency belongs: "In Macao, ...".
_IN_BEFORE = re.compile(r"(?:^|[.!?;:\n]\s*|[\"“(]\s*)(?:In|in)\s+(?:the\s+)?$")


def _is_home(place: Entry) -> bool:
    """The place is Taiwan under one of its names."""
    return place.zh in _HOME_ZH or any(v in _HOME_ZH for v in place.variants.get("zh", []))


def _places(glossary: Glossary, matches) -> dict[tuple[int, int], bool]:
    """(start, end) of each place rendering in the text -> whether it is Taiwan."""
    out = {}
    for m in matches:
        for t in m.terms:
            e = glossary.entries[t.entry]
            if e.type == "place" and t.role != "forbidden":
                out[(m.start, m.end)] = _is_home(e)
    return out


def referent(glossary: Glossary, e: Entry, m, text: str, matches) -> str:
    """THIS entry, an OTHER one (another country's post or agency, another person's post), or
    UNKNOWN, for a forbidden rendering ``m`` of title or organization ``e`` in ``text``."""
    places = _places(glossary, matches)
    before = text[max(0, m.start - 60) : m.start]
    for (start, end), home in places.items():
        gap = text[end : m.start]
        if end <= m.start and gap.strip() in ("", "'s", "’s"):
            return THIS if home else OTHER  # "Taiwan's Prime Minister", "Japanese Vice Minister"
        if end <= m.start and _COMMA_THE.fullmatch(gap) and _IN_BEFORE.search(text[:start]):
            return THIS if home else OTHER  # "In Hong Kong, Executive Council convenor ..."
        if start >= m.end and _OF_AFTER.fullmatch(text[m.end : start]):
            return THIS if home else OTHER  # "the Attorney General of Singapore"
    possessive = _POSSESSIVE.search(before)
    if possessive and fold(possessive.group(1)) not in _RANK_KEYS:
        return OTHER  # "Britain's Prime Minister": a possessive the glossary does not list
    word = _WORD_BEFORE.search(before)
    head = before[: word.start()].rstrip() if word else ""
    if (word and word.group(1)[:1].isupper() and word.group(1).lower() not in _RANK_WORDS
            and head and not head.endswith((".", "!", "?", ":", '"', "“", "("))):
        return OTHER  # "British Prime Minister", mid-sentence: a nationality the glossary lacks
    if e.type == "title":
        person = _person_after(glossary, m, text, matches)
        holders = {r.person for r in glossary.roles.by_post.get(e.id, [])}
        if person is not None and holders:
            return THIS if person in holders else OTHER  # "Prime Minister Lawrence Wong"
    return UNKNOWN


def _person_after(glossary: Glossary, m, text: str, matches) -> str | None:
    """The glossary person named right after the title ("Prime Minister Cho Jung-tai")."""
    for x in matches:
        if x.start > m.end and not text[m.end : x.start].strip():
            for t in x.terms:
                if glossary.entries[t.entry].type == "person" and t.role != "forbidden":
                    return t.id
    return None


def scan_severity(glossary: Glossary, e: Entry, m, text: str, matches) -> str | None:
    """The severity of a forbidden rendering found in a document with no source to compare:
    None when it names another referent or is an everyday word, else error or warning."""
    if quoted(m, text):
        return None  # listed it as "Taiwan Province of China": the words are reported, not used
    if e.type in ("person", "place"):
        return "error"
    if e.type in ("title", "org") and _former_name(e, m, text, matches):
        return None
    if e.type not in ("title", "org"):
        # "driver", "deportation": everyday words with meanings of their own; a calque of more
        # words ("money washing") is most likely the entry's, but only the source could tell
        return "warning" if " " in m.text.strip() else None
    who = referent(glossary, e, m, text, matches)
    if who == OTHER:
        return None
    if who == UNKNOWN and e.type == "title":
        return "warning"  # "the Prime Minister said": Taiwan's premier, most likely, not surely
    return "error"


def foreign_in_zh(glossary: Glossary, e: Entry, m, text: str, matches) -> bool:
    """A Taiwanese title or agency written right after another country in a Chinese source
    (新加坡內政部長, 菲律賓總統府發言人) is that country's post: its translation follows that
    country's own English name ("Singapore's home affairs minister"), not the glossary's for
    Taiwan. Not after 駐 (駐波蘭代表 is Taiwan's Representative to Poland), and not for an
    entry of that place itself (香港 + 警務處處長: the glossary's Hong Kong Commissioner)."""
    if e.type not in ("title", "org"):
        return False
    for x in matches:
        if x.end != m.start or text[max(0, x.start - 1) : x.start] == "駐":
            continue
        for t in x.terms:
            place = glossary.entries[t.entry]
            if place.type != "place" or t.role == "forbidden" or _is_home(place):
                continue
            names = [place.en, *place.variants.get("en", [])]
            forms = " ".join(e.allowed("en")).lower()
            if not any(n and n.lower() in forms for n in names):
                return True
    return False


_CAPITALIZED_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s+)+)$")


def foreign_in_en(glossary: Glossary, e: Entry, m, text: str, matches) -> bool:
    """A title or agency in an English source whose run of capitalized words before it holds
    another country ("British Prime Minister", "Cambodia's National Police Commissioner",
    "Thailand's Justice Minister"): that country's post, which the translation names in that
    country's terms. Taiwan in the run, or no place at all ("CIB Commissioner"), keeps it."""
    if e.type not in ("title", "org"):
        return False
    run = _CAPITALIZED_BEFORE.search(text, 0, m.start)
    if not run:
        return False
    places = _places(glossary, matches)
    inside = [home for (start, end), home in places.items()
              if start >= run.start() and end <= m.start]
    if not inside or any(inside):
        return False
    forms = " ".join(e.allowed("en")).lower()
    return not any(text[start:end].lower() in forms for (start, end) in places
                   if start >= run.start() and end <= m.start)


def _former_name(e: Entry, m, text: str, matches) -> bool:
    """A superseded name used as history: marked "former"/"then", or beside the entry's current
    name in the same paragraph ("The Council of Agriculture, which became the Ministry of
    Agriculture in 2023")."""
    if _FORMER_BEFORE.search(text[max(0, m.start - 20) : m.start]):
        return True
    return any(t.id == e.id and t.role != "forbidden" for x in matches for t in x.terms)


_OPEN_QUOTES, _CLOSE_QUOTES = "\"“「『‘'", "\"”」』’'"


def quoted(m, text: str) -> bool:
    """The rendering is the whole of a quotation: someone else's wording, mentioned."""
    before = text[m.start - 1 : m.start] if m.start else ""
    after = text[m.end : m.end + 2].lstrip(",.;:!?，。")
    return before in _OPEN_QUOTES and before != "" and after[:1] in _CLOSE_QUOTES and after != ""

