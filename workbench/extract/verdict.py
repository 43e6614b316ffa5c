"""Candidates: the mentions of one term grouped, judged against the glossary (new, known,
variant-of, conflict with), with a person's romanization system and region, and an id."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import romanize
from ..glossary import Glossary
from ..text import fold
from .harvest import MAX_CONTEXTS, Mention, indexes, is_abbr


@dataclass
class Candidate:
    """A proposed glossary entry: the mentions of one term and its verdict against the glossary."""

    zh: str
    en: str
    type: str
    abbrs: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    frequency: int = 0
    verdict: str = "new"  # new | known | variant-of | conflict with
    target: str = ""  # the glossary id of a known/variant/conflict verdict
    message: str = ""
    romanization: str = ""
    region: str = ""
    id: str = ""

    @property
    def label(self) -> str:
        return f"{self.verdict} {self.target}".strip()

    @property
    def contexts(self) -> list[str]:
        return [f"{m.file}:{m.line}: {m.context}" for m in self.mentions[:MAX_CONTEXTS]]


def group_mentions(mentions: list[Mention], glossary: Glossary) -> list[Candidate]:
    """One candidate per term: mentions with the same English (or the same Chinese, for a
    pair whose English is an abbreviation) are one term; English-only mentions join a pair."""
    by_key: dict[tuple[str, str], Candidate] = {}
    order: list[tuple[str, str]] = []
    for m in sorted(mentions, key=lambda m: (not m.zh, m.file, m.line)):
        key = (fold(m.zh) if m.zh else "", fold(m.en))
        if not m.zh:
            key = next((k for k in order if k[1] == fold(m.en)), key)
        if key not in by_key:
            by_key[key] = Candidate(m.zh, m.en, m.kind)
            order.append(key)
        c = by_key[key]
        c.mentions.append(m)
        if m.abbr and m.abbr not in c.abbrs:
            c.abbrs.append(m.abbr)
    # a Chinese-first mention whose English is only the abbreviation joins the full form
    for key in list(order):
        c = by_key[key]
        if c.zh and c.en in (c.abbrs or [c.en]) and is_abbr(c.en):
            full = next(
                (
                    by_key[k]
                    for k in order
                    if k != key and by_key[k].zh == c.zh and c.en in by_key[k].abbrs
                ),
                None,
            )
            if full:
                full.mentions += c.mentions
                order.remove(key)
    out = [by_key[k] for k in order]
    for c in out:
        c.mentions.sort(key=lambda m: (m.file, m.line))
        _judge(c, glossary)
    return out


def _judge(c: Candidate, glossary: Glossary) -> None:
    """The verdict against the glossary, and a person's romanization system and region."""
    index = indexes(glossary)
    by_zh = index["zh"].get(fold(c.zh), []) if c.zh else []
    by_en = index["en"].get(fold(c.en), []) or [
        e for a in c.abbrs for e in index["en"].get(fold(a), []) if e.type == "org"
    ]
    same = [e for e in by_zh if e in by_en]
    if same and c.en not in same[0].allowed("en") and fold(c.en) in index["en"]:
        e = same[0]
        c.verdict, c.target, c.type = "variant-of", e.id, e.type
        c.message = f"format-variant: '{e.en}' in the glossary (case or punctuation differ)"
    elif same:
        c.verdict, c.target, c.type = "known", same[0].id, same[0].type
        c.message = f"as in the glossary ({same[0].en})"
    elif by_en and not c.zh:
        e = by_en[0]
        c.target, c.zh, c.type = e.id, e.zh, e.type
        if fold(c.en) in index["en"]:
            c.verdict, c.message = "known", f"as in the glossary ({e.zh})"
        else:  # found by its abbreviation: "Ministry of Justice's Investigation Bureau (MJIB)"
            c.verdict, c.message = "variant-of", f"another English form; the glossary has '{e.en}'"
    elif by_zh:
        e = by_zh[0]
        c.type = e.type if e.type in ("person", "org", "title", "place", "term") else c.type
        if e in index["en_bad"].get(fold(c.en), []):
            c.verdict, c.message = (
                "conflict with",
                f"'{c.en}' is listed as wrong; the glossary has '{e.en}'",
            )
        elif e.type == "person":
            v = romanize.compare(c.en, e.en, e.zh, e.region or None)
            c.verdict = (
                "variant-of" if v.verdict in ("exact", "format-variant") else "conflict with"
            )
            c.message = f"{v.verdict}: the glossary spells {e.zh} '{e.en}'"
        else:
            c.verdict, c.message = "variant-of", f"another English form; the glossary has '{e.en}'"
        c.target = e.id
    elif by_en:
        e = by_en[0]
        c.target = e.id
        c.type = e.type
        if e in index["zh_bad"].get(fold(c.zh), []):
            c.verdict, c.message = (
                "conflict with",
                f"{c.zh} is listed as wrong; the glossary has {e.zh}",
            )
        elif e.type == "person":
            c.verdict, c.message = (
                "conflict with",
                f"other characters: the glossary writes '{e.en}' {e.zh}",
            )
        else:
            c.verdict, c.message = "variant-of", f"another Chinese form; the glossary has {e.zh}"
    else:
        bad = index["zh_bad"].get(fold(c.zh), []) if c.zh else []
        bad_en = index["en_bad"].get(fold(c.en), [])
        near = _near_person(c, glossary) if c.type == "person" else None
        if bad or bad_en:  # "Liu Hongtao (劉洪濤)": a listed wrong form on either side
            e = (bad or bad_en)[0]
            wrong = c.zh if bad else c.en
            c.verdict, c.target, c.type = "conflict with", e.id, e.type
            c.message = f"{wrong} is listed as wrong; the glossary has {e.zh} '{e.en}'"
        elif near:
            c.verdict, c.target, c.message = near
        else:
            c.verdict, c.message = "new", "not in the glossary"
    if c.type == "person" and c.zh:
        entry = glossary.by_id.get(c.target)
        _romanization_of(c, (entry.region or None) if entry else None)


def _romanization_of(c: Candidate, region: str | None) -> None:
    """The system a person's spelling uses, read by the glossary's region for the person, else
    by the region the spelling implies."""
    try:
        v = romanize.judge(c.en, c.zh, region)
    except (KeyError, ValueError):
        return
    c.region = v.region
    systems = [
        s for s in v.systems if s in ("wade-giles", "gwoyeu", "pinyin", "tongyong", "mps2", "yale")
    ]
    c.romanization = systems[0] if systems else ("custom" if v.systems else "")


def _near_person(c: Candidate, glossary: Glossary) -> tuple[str, str, str] | None:
    """An English-only name that spells a glossary person differently: 'Shing Tai-chao' for
    Hsing Tai-chao is a conflict; 'Chou Yew-Woei' a variant of Chou Yew-woei."""
    letters = re.sub(r"[^a-z]", "", c.en.lower())
    for e in glossary.entries:
        if e.type != "person" or not e.zh or not e.en:
            continue
        canon = re.sub(r"[^a-z]", "", e.en.lower())
        if c.zh and fold(c.zh) != fold(e.zh):
            continue
        if romanize.typo_distance(letters, canon) > 2 and sorted(letters) != sorted(canon):
            continue
        v = romanize.compare(c.en, e.en, e.zh, e.region or None)
        if v.verdict in ("exact", "format-variant"):
            return "variant-of", e.id, f"{v.verdict} of '{e.en}' ({e.zh})"
        if v.verdict in ("system-switch", "other-reading", "near-miss"):
            return "conflict with", e.id, f"{v.verdict}: the glossary spells {e.zh} '{e.en}'"
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


def assign_ids(candidates: list[Candidate], glossary: Glossary) -> None:
    taken = set(indexes(glossary)["ids"])
    for c in candidates:
        if c.verdict == "known":
            c.id = c.target
            continue
        base = f"{c.type}.{_slug(c.en)}"
        ident, k = base, 2
        while ident in taken:
            ident, k = f"{base}-{k}", k + 1
        taken.add(ident)
        c.id = ident


