"""Extraction over files: articles line by line, bilingual files segment by segment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..bilingual import format_of, read_bilingual, read_monolingual
from ..errors import InputError
from ..glossary import Glossary
from ..text import has_cjk
from .harvest import BILINGUAL_SUFFIXES, HARVESTERS, Mention, aligned_names, cooccurring_orgs
from .verdict import Candidate, assign_ids, group_mentions


@dataclass
class Extraction:
    candidates: list[Candidate]
    incomplete: list[Candidate]  # English-only terms the glossary does not know: no zh to propose
    files: list[str]
    lines: int


def _documents(
    paths: Iterable[str | Path],
) -> tuple[list[tuple[str, int, str]], list[tuple[str, int, str, str]]]:
    """Monolingual lines (file, line, text); bilingual segments (file, segment, source, target)."""
    mono: list[tuple[str, int, str]] = []
    bi: list[tuple[str, int, str, str]] = []
    for p in paths:
        if Path(p).suffix.lower() in BILINGUAL_SUFFIXES:
            format_of(p)
            frame = read_bilingual(p, require_target=False)
            for r in frame.select("file", "segment", "source", "target").iter_rows():
                bi.append((r[0], r[1], r[2] or "", r[3] or ""))
        else:
            doc = read_monolingual(p)
            mono.extend(doc.select("file", "segment", "text").iter_rows())
    return mono, bi


def extract(paths: Iterable[str | Path], glossary: Glossary) -> Extraction:
    """Harvest candidate entries from articles and bilingual files and judge each against the
    glossary."""
    files = [str(p) for p in paths]
    mono, bi = _documents(files)
    lines = [(f, n, t) for f, n, t in mono]
    for f, n, src, tgt in bi:
        lines += [(f, n, src), (f, n, tgt)]
    mentions: list[Mention] = []
    for f, n, text in lines:
        for fn in HARVESTERS.values():
            mentions += fn(text, f, n, glossary)
    segment_pairs = []
    for f, n, src, tgt in bi:
        zh_text, en_text = (src, tgt) if has_cjk(src) and not has_cjk(tgt) else (tgt, src)
        if not has_cjk(zh_text) or has_cjk(en_text):
            continue
        segment_pairs.append((zh_text, en_text))
        for zh, en in aligned_names(zh_text, en_text, glossary):
            mentions.append(Mention(zh, en, "", "person", "aligned-name", f, n, en_text[:120]))
    bi_at = {(zh_t, en_t): (f, n) for f, n, s, t in bi for zh_t, en_t in ((s, t), (t, s))}
    for zh, en, _count in cooccurring_orgs(segment_pairs, glossary):
        for zh_t, en_t in segment_pairs:
            if zh in zh_t and en in en_t:
                f, n = bi_at[(zh_t, en_t)]
                mentions.append(Mention(zh, en, "", "org", "co-occurrence", f, n, en_t[:120]))
    candidates = group_mentions(mentions, glossary)
    for c in candidates:  # segments (lines) that name the term in either language
        c.frequency = len(
            {(f, n) for f, n, t in lines if (c.en and c.en in t) or (c.zh and c.zh in t)}
        )
    assign_ids(candidates, glossary)
    complete = [c for c in candidates if c.zh and c.en]
    incomplete = [c for c in candidates if not c.zh]
    return Extraction(complete, incomplete, files, len(lines))


def check_inputs(paths: Iterable[str | Path]) -> None:
    """Every input must be a readable file: one located line each (exit 2), before any work."""
    for p in paths:
        if Path(p).is_dir():
            raise InputError.at(str(p), 0, 0, "a folder: name the files (e.g. folder/*.txt)")
        if not Path(p).is_file():
            raise InputError.at(str(p), 0, 0, "no such file")
