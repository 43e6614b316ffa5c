"""Sentence splitting for translation, lossless: joining the pieces gives the text back.

Paragraphs are separated by blank lines; sentences by sentencex (keeps "Dr.", "U.S.", "p.m." and
Chinese closing quotes intact). Sentences longer than a model's limit are split again at clause
punctuation (，；：、,;:) rather than truncated.
"""

from __future__ import annotations

import re

import polars as pl

_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n\s*)")
_CLAUSE = re.compile(r"(?<=[，；：、,;:])")


def split_paragraphs(text: str) -> list[tuple[str, str]]:
    """(paragraph, the separator after it); ''.join of both parts gives ``text`` back."""
    parts = _PARAGRAPH_BREAK.split(text)
    out = []
    for i in range(0, len(parts), 2):
        sep = parts[i + 1] if i + 1 < len(parts) else ""
        out.append((parts[i], sep))
    return out


CHUNK = 4000  # characters handed to sentencex at a time: its time grows with the square of the text
# where sentencex would surely split: Chinese sentence ends, line breaks, and "word. Next" after two
# lowercase letters (so never "Dr. Smith", "U.S. Army" or "p.m. Monday")
_SAFE_BREAK = re.compile(r"[。！？]+[」』”’）)]*|\n|(?<=[a-z\d)”’\"]{2})[.!?;](?=\s+[A-Z“\"\u3400-\u9fff])")


def split_sentences(text: str, lang: str) -> list[str]:
    """Sentences with their trailing whitespace; ''.join gives ``text`` back. A long paragraph is
    first cut into chunks of about CHUNK characters at a sentence end, so a 4 MB one-line document
    takes seconds, not hours."""
    from sentencex import segment

    if not text.strip():
        return [text] if text else []
    out: list[str] = []
    for chunk in _chunks(text, CHUNK):
        pieces = list(segment(lang.split("-")[0], chunk))
        out += pieces if "".join(pieces) == chunk else [chunk]  # never lose a character
    return out


def _chunks(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, each ending at a sentence end where
    one exists in the second half of the piece, else at a space, else anywhere; lossless."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start + size // 2 : start + size]
        ends = [m.end() for m in _SAFE_BREAK.finditer(window)]
        if ends:
            cut = ends[-1]
        else:
            space = max(window.rfind(" "), window.rfind("\u3000"))
            cut = space + 1 if space >= 0 else len(window)
        cut += start + size // 2
        while cut < len(text) and text[cut] in " \t\u3000":  # trailing spaces stay with the sentence
            cut += 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return [c for c in out if c]


def segment_document(text: str, lang: str, file: str = "") -> pl.DataFrame:
    """One row per sentence: file, segment, paragraph, source (stripped), lead, trail (whitespace)."""
    rows: list[dict] = []
    for p_no, (para, para_sep) in enumerate(split_paragraphs(text), 1):
        sentences = split_sentences(para, lang)
        for s_no, sentence in enumerate(sentences):
            stripped = sentence.strip()
            lead = sentence[: len(sentence) - len(sentence.lstrip())]
            trail = sentence[len(sentence.rstrip()) :] + (para_sep if s_no == len(sentences) - 1 else "")
            rows.append({"file": file, "segment": len(rows) + 1, "paragraph": p_no, "source": stripped, "lead": lead, "trail": trail})
    schema = {"file": pl.String, "segment": pl.Int64, "paragraph": pl.Int64, "source": pl.String, "lead": pl.String, "trail": pl.String}
    return pl.DataFrame(rows, schema=schema)


def join_document(frame: pl.DataFrame, column: str, target_lang: str) -> str:
    """Rebuild a document from translated sentences, keeping paragraphs. Chinese sentences are
    joined without spaces; other languages with the source's spacing (at least one space)."""
    cjk = target_lang.split("-")[0] in ("zh", "ja")
    out = []
    for lead, text, trail in frame.select("lead", column, "trail").iter_rows():
        text = text or ""
        if "\n" in trail:
            out.append(lead + text + trail)
        elif cjk:
            out.append(lead + text)
        else:
            out.append(lead + text + (trail or " "))
    return "".join(out).rstrip(" ") + ("" if "".join(out).endswith("\n") else "\n")


def split_long(text: str, count_tokens, limit: int) -> list[str]:
    """Split ``text`` at clause punctuation into pieces of at most ``limit`` tokens (by
    ``count_tokens``); a clause still too long is cut by characters as a last resort."""
    if count_tokens(text) <= limit:
        return [text]
    pieces, current = [], ""
    for clause in [c for c in _CLAUSE.split(text) if c]:
        candidate = current + clause
        if current and count_tokens(candidate) > limit:
            pieces.append(current)
            current = clause
        else:
            current = candidate
    if current:
        pieces.append(current)
    out = []
    for piece in pieces:
        while count_tokens(piece) > limit and len(piece) > 1:
            cut = max(1, len(piece) * limit // max(count_tokens(piece), 1))
            out.append(piece[:cut])
            piece = piece[cut:]
        out.append(piece)
    return out
