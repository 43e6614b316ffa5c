"""The ``title-date`` check: a post's title used with someone who did not hold it on that date.

"CIB Commissioner Chou Yew-woei" in a text dated 2026-03 is stale: he retired on 2026-01-16. The
check looks for a glossary title that names a post (it has rows in roles.csv) standing right before
a glossary person ("刑事局長周幼偉", "CIB Commissioner Chou Yew-woei") or right after one with a
comma ("Chou Yew-woei, the CIB commissioner"). It stays quiet where the text marks the title as
past ("former", "then-", 前, 時任 …), where another name qualifies the title ("Legislative Yuan
President"), and wherever partial dates leave the answer open: a warning must be certain.
"""

from __future__ import annotations

import re
import weakref
from datetime import date
from itertools import pairwise

import ahocorasick

from ..text import fold_many
from .findings import finding
from .registry import declare

declare("title-date", "warning", "segment", "texts naming a glossary person with a dated post", """A
    post's title used with someone who did not hold it on the document's date (--date, the
    document's own date, or today); quiet where the text says former, then-, 前, 時任.""")

# Words that put a title in the past or make it someone else's: no warning after them.
_PAST_EN = re.compile(
    r"(?:\bformer|\bex-|\bthen[- ]?|\bthen-|\boutgoing|\bretired|\bretiring|\bprevious|\blate"
    r"|\bacting|\bincoming|\bnew|\bnewly[- ]appointed|\bfuture|\bnext)\s*$",
    re.IGNORECASE,
)
_PAST_ZH = re.compile(r"(?:前任|前|時任|时任|卸任|原任|原|退休|已故|代理|新任|準|准|下任)\s*$")
_BEFORE_NAME = re.compile(r"^[\s,:：、·]*$")  # title, then the name
_AFTER_NAME = re.compile(r"^\s*[,，、]\s*(?:the\s+)?$", re.IGNORECASE)  # name, the title
_QUALIFIER = re.compile(r"[A-Z][\w.'’-]*\s*$")  # "Control Yuan President": a capitalized word
_YEAR_NEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # a year right after the pair


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_YEAR = r"((?:19|20)\d{2})"
_DATES = (
    (re.compile(_YEAR + r"[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"), "ymd"),
    (re.compile(_YEAR + r"\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (re.compile(r"民國\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "roc"),
    (re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),?\s+" + _YEAR + r"\b", re.IGNORECASE), "mdy"),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE), "dmy"),
)


HEAD = 12  # lines at a document's top where its date may stand


def document_date(lines, head: int = HEAD, max_len: int = 80) -> date | None:
    """The date a document carries near its top: a short line that holds a date (a dateline, a
    "• 2023-11-28" under the headline, 2026年1月20日). Long lines are body text and are skipped."""
    for text in list(lines)[:head]:
        line = (text or "").strip(" \t•·-–—|")
        if not line or len(line) > max_len:
            continue
        for pattern, kind in _DATES:
            m = pattern.search(line)
            if not m:
                continue
            try:
                if kind == "ymd":
                    return date(int(m[1]), int(m[2]), int(m[3]))
                if kind == "roc":
                    return date(int(m[1]) + 1911, int(m[2]), int(m[3]))
                if kind == "mdy":
                    return date(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2]))
                return date(int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))
            except ValueError:
                continue
    return None


def title_date_findings(glossary, items, on: date, basis: str = "") -> list[dict]:
    """Findings for (file, segment, text) items checked against the roles held on ``on``;
    ``basis`` says where the date came from (the document, --date, today) for the message."""
    roles = glossary.roles
    if not len(roles):
        return []
    posts = set(roles.by_post)
    rows = []
    screen = _post_screen(glossary, posts)
    items = list(items)
    keys = fold_many([text or "" for _, _, text in items]) if screen is not None else []
    items = [
        it for it, key in zip(items, keys, strict=False) if next(screen.iter(key), None) is not None
    ]
    texts = [text or "" for _, _, text in items]
    for (file, segment, text), matches in zip(
        items, glossary.matcher.find_many(texts), strict=True
    ):
        for post, person, title_start, span_start, span_end in _pairs(
            glossary, text, matches, posts
        ):
            if _marked(text, title_start, matches):
                continue
            if _YEAR_NEAR.search(text, span_end, span_end + 40):
                continue  # the text dates the role itself: "President Tsai Ing-wen (2016-2024)"
            held = [r for r in roles.by_post[post] if r.person == person]
            if any(r.may_hold(on) for r in held):
                continue
            if not held and _elsewhere(glossary, person, roles.by_post[post]):
                continue  # "Foreign Minister Wang Yi": the same title of another place's post
            holders = roles.holders(post, on)
            if not holders and not held:
                continue  # nobody known for the date and no record of this person: nothing certain
            rows.append(
                _finding(
                    glossary,
                    file,
                    segment,
                    text,
                    post,
                    person,
                    held,
                    holders,
                    on,
                    text[span_start:span_end],
                    basis,
                )
            )
    return rows


def _elsewhere(glossary, person, post_roles) -> bool:
    """The person is from a region none of the post's known holders is from: a title that reads
    the same names that region's own post ("Secretary for Security" is Hong Kong's and Macao's)."""
    by_id = glossary.by_id
    region = by_id[person].region if person in by_id else ""
    held_in = {by_id[r.person].region for r in post_roles if r.person in by_id}
    return bool(region) and "" not in held_in and region not in held_in


_SCREENS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _post_screen(glossary, posts):
    """An automaton of the post titles' folded forms: most segments name no post, and skipping
    them keeps this check from doubling QA time (the full matcher runs only where one stands)."""
    if glossary not in _SCREENS:
        forms = [
            f
            for pid in posts
            if pid in glossary.by_id
            for lang in ("zh", "en")
            for f in glossary.by_id[pid].allowed(lang)
        ]
        auto = ahocorasick.Automaton()
        for key in set(fold_many(forms)):
            if key:
                auto.add_word(key, key)
        if len(auto):
            auto.make_automaton()
        _SCREENS[glossary] = auto if len(auto) else None
    return _SCREENS[glossary]


def _pairs(glossary, text, matches, posts):
    """(post id, person id, title start, start, end) for a post title next to a person name."""
    entries = glossary.entries
    matches = list(matches)
    for i, (a, b) in enumerate(pairwise(matches)):
        gap = text[a.end : b.start]
        a_post = [t.id for t in a.terms if t.id in posts and t.role != "forbidden"]
        b_post = [t.id for t in b.terms if t.id in posts and t.role != "forbidden"]
        a_person = [t.id for t in a.terms if entries[t.entry].type == "person"]
        b_person = [t.id for t in b.terms if entries[t.entry].type == "person"]
        if a_post and b_person and _BEFORE_NAME.match(gap):
            yield a_post[0], b_person[0], a.start, a.start, b.end
        elif a_person and b_post and _AFTER_NAME.match(gap) and not _heads_a_name(
                entries, text, b, matches[i + 2] if i + 2 < len(matches) else None):
            yield b_post[0], a_person[0], b.start, a.start, b.end


def _heads_a_name(entries, text: str, title, following) -> bool:
    """A title with a name right after it is that person's, not the one before the comma:
    "Speaker Han Kuo-yu, Taipei Mayor Chiang Wan-an"."""
    if following is None or not _BEFORE_NAME.match(text[title.end : following.start]):
        return False
    return any(entries[t.entry].type == "person" for t in following.terms)


def _marked(text: str, start: int, matches) -> bool:
    """The title is marked as past/future or qualified by another name just before it."""
    before = text[max(0, start - 24) : start]
    if _PAST_EN.search(before) or _PAST_ZH.search(before):
        return True
    if any(m.end <= start and not text[m.end : start].strip() for m in matches):
        return True  # an organization or place right before: "Legislative Yuan President", 美國總統
    words_before = before.rstrip()
    if words_before and not words_before.endswith((".", "!", "?", "。", "！", "？", "\n")):
        tail = _QUALIFIER.search(words_before)
        possessive = tail and tail.group(0).rstrip().endswith(("'s", "’s"))
        if tail and not possessive and not _sentence_start(before, tail.start()):
            return True  # "Control Yuan President ..." with an organization the glossary lacks
    return False


def _sentence_start(before: str, pos: int) -> bool:
    head = before[:pos].rstrip()
    return not head or head.endswith((".", "!", "?", '"', "“", "(", ":"))


def _finding(glossary, file, segment, text, post, person, held, holders, on, found, basis=""):
    by_id = glossary.by_id
    title = by_id[post].en or post
    name = by_id[person].en or person
    then = ", ".join(
        f"{by_id[r.person].en if r.person in by_id else r.person} ({r.period()})" for r in holders
    )
    was = "; ".join(r.period() for r in held)
    message = (
        f"{found!r}: on {on.isoformat()}{f' ({basis})' if basis else ''} {name} was not {title}"
        + (f" (held it {was})" if was else "")
        + (f"; the post was held by {then}" if then else "")
        + ". Say 'former' or check the document date (--date)."
    )
    expected = by_id[holders[0].person].en if holders and holders[0].person in by_id else None
    return finding(
        file,
        segment,
        "title-date",
        message,
        term=post,
        found=found,
        expected=expected,
        context=text,
    )
