"""Generic bilingual checks (as pofilter has them), written to stay quiet on correct Chinese ↔
English: placeholders, markup and inline codes, URLs and e-mails, spacing, repeated words, end
punctuation across scripts, straight quotes, acronyms carried over, length-ratio outliers.

Each check is a registered unit (``registry.register``): ``run(source, target, direction)`` yields
``(message, found, expected)``. translate-toolkit's versions were not reused: several of them
(``endpunc``, ``doublewords``, ``acronyms``, ``long``/``short``) fire on correct zh↔en pairs, and
one compiled regular expression per check is faster over 20k segments.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .registry import register

CJK = "\u3400-\u9fff\uf900-\ufaff"
_LATIN_LANGS_EXCLUDED = {"zh", "ja", "ko"}

PLACEHOLDER = re.compile(
    r"%\([A-Za-z_]\w*\)[sdifr]|%\d+\$[sdif]|%[sdif@]|\{\d*\}|\{[A-Za-z_][\w.]*\}|\$\{[A-Za-z_]\w*\}"
)
TAG = re.compile(r"</?([A-Za-z][\w:.-]*)(?:\s[^<>]*)?/?>")
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]*[A-Za-z0-9/#=_~-]")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
REPEATED = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
ACRONYM = re.compile(r"(?<![A-Za-z0-9-])([A-Z][A-Z0-9]{1,}(?:[-/][A-Z0-9]+)*)(?![A-Za-z0-9])")
# a repetition English uses on purpose ("had had", "that that")
REPEAT_OK = {"had", "that", "is", "do"}
# final punctuation by kind; closing quotes and brackets are looked through
END_KIND = {
    ".": "stop",
    "。": "stop",
    "．": "stop",
    "?": "question",
    "？": "question",
    "!": "exclamation",
    "！": "exclamation",
    ":": "colon",
    "：": "colon",
    ";": "semicolon",
    "；": "semicolon",
    "…": "ellipsis",
}
CLOSERS = "\"'”’」』）)]》〉 \t\r\n"


def without_codes(text: str) -> str:
    """The text with placeholders and tags blanked: their digits are not numbers of the text."""
    if "<" in text:
        text = TAG.sub(" ", text)
    if "{" in text or "%" in text:
        text = PLACEHOLDER.sub(" ", text)
    return text


def is_latin(lang: str) -> bool:
    return lang not in _LATIN_LANGS_EXCLUDED


def _multiset_diff(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    s, t = Counter(source), Counter(target)
    return sorted((s - t).elements()), sorted((t - s).elements())


def _diff_message(
    what: str, missing: list[str], extra: list[str]
) -> tuple[str, str | None, str | None]:
    parts = []
    if missing:
        parts.append(f"missing in the target: {' '.join(missing)}")
    if extra:
        parts.append(f"not in the source: {' '.join(extra)}")
    return f"{what} differ: " + "; ".join(parts), " ".join(extra) or None, " ".join(missing) or None


@register("placeholder", "error", languages="any pair")
def placeholders(source: str, target: str, d):
    """Placeholders ({0}, {name}, %s, %1$s, %(name)s, ${var}) must come through unchanged: a
    program fills them in, and a lost or renamed one breaks the message."""
    if "%" not in source + target and "{" not in source + target:
        return
    missing, extra = _multiset_diff(PLACEHOLDER.findall(source), PLACEHOLDER.findall(target))
    if missing or extra:
        yield _diff_message("placeholders", missing, extra)


@register("markup", "error", languages="any pair", inline_codes=True)
def markup(source: str, target: str, d):
    """Markup tags and XLIFF inline codes (<b>, </b>, <x id="1"/>, <ph>) must be kept, each
    opening and closing one: a CAT tool or a browser needs them to rebuild the document."""
    if "<" not in source + target:
        return

    def tags(text):
        return [
            m.group(0).split()[0].rstrip("/>") + (">" if m.group(0).endswith(">") else "")
            for m in TAG.finditer(text)
        ]

    missing, extra = _multiset_diff(tags(source), tags(target))
    if missing or extra:
        yield _diff_message("tags", missing, extra)


@register("url", "error", languages="any pair")
def urls(source: str, target: str, d):
    """URLs and e-mail addresses are copied exactly: a translated or mistyped address leads the
    reader nowhere."""
    if "@" not in source and "http" not in source and "www." not in source:
        return
    wanted = URL.findall(source) + EMAIL.findall(source)
    missing = [u for u in dict.fromkeys(wanted) if u.lower() not in target.lower()]
    if missing:
        yield f"address not carried over: {' '.join(missing)}", None, " ".join(missing)


@register("double-space", "warning", languages="any pair")
def double_space(source: str, target: str, d):
    """Two or more spaces inside the target where the source has none (a layout slip, not a
    choice)."""
    if "  " not in target or DOUBLE_SPACE.search(source):
        return
    m = DOUBLE_SPACE.search(target)
    if m:
        before = target[max(0, m.start() - 12) : m.end() + 12]
        yield f"double space in the target: '{before}'", before, None


@register("repeated-word", "warning", languages="Latin-script targets")
def repeated_word(source: str, target: str, d):
    """The same word twice in a row ("the the"), unless the source repeats it too or English
    repeats it on purpose ("had had")."""
    if not is_latin(d.target):
        return
    for m in REPEATED.finditer(target):
        word = m.group(1).lower()
        if word in REPEAT_OK or re.search(
            rf"\b{re.escape(word)}\s+{re.escape(word)}\b", source, re.IGNORECASE
        ):
            continue
        yield f"repeated word: '{m.group(0)}'", m.group(0), m.group(1)
        return


@register("whitespace", "warning", languages="any pair")
def whitespace(source: str, target: str, d):
    """Leading or trailing spaces and line breaks differ between source and target (they are
    often significant in software strings and CAT segments)."""
    if not target:
        return
    for where, s_ws, t_ws in (
        (
            "leading",
            source[: len(source) - len(source.lstrip())],
            target[: len(target) - len(target.lstrip())],
        ),
        ("trailing", source[len(source.rstrip()) :], target[len(target.rstrip()) :]),
    ):
        if ("\n" in s_ws) != ("\n" in t_ws) or bool(s_ws) != bool(t_ws):
            yield (
                f"{where} whitespace differs: source {s_ws!r}, target {t_ws!r}",
                t_ws or None,
                s_ws or None,
            )
            return


def _end_kind(text: str) -> tuple[str | None, str]:
    stripped = text.rstrip(CLOSERS)
    if stripped.endswith(("...", "……")):
        return "ellipsis", stripped[-3:]
    last = stripped[-1:] if stripped else ""
    return END_KIND.get(last), last


_QUOTE_CLOSERS = "」』”’\"'"


def _ends_in_quote(text: str) -> bool:
    """Whether the text ends with a closing quotation mark (after a final mark: …！」, …?")."""
    stripped = text.rstrip()
    return stripped[-1:] in _QUOTE_CLOSERS and stripped[-2:-1] not in ("", " ")


@register("end-punctuation", "warning", languages="any pair (。 ↔ ., ？ ↔ ?, ！ ↔ !)")
def end_punctuation(source: str, target: str, d):
    """A sentence that ends with a full stop, question mark or exclamation mark in the source
    ends with the same kind in the target, in either script (。 ↔ .). A headline without a full
    stop may gain one; a question may not lose its question mark. Where only one side ends inside
    a quotation, the attribution moved ('"…," police warned.') and the marks are not compared."""
    s_kind, s_mark = _end_kind(source)
    if s_kind not in ("stop", "question", "exclamation", None):
        return
    if _ends_in_quote(source) != _ends_in_quote(target):
        return  # '「…！」警方說' as '"…," police warned.': the last marks end different sentences
    t_kind, t_mark = _end_kind(target)
    if s_kind == t_kind or not target.strip():
        return
    if s_kind is None and t_kind in (None, "stop"):
        return  # a headline or a list item: adding a full stop is house style, not an error
    if s_kind == "stop" and t_kind == "ellipsis":
        return
    yield (
        (f"the source ends with {s_mark or 'no punctuation'!r}, "
        f"the target with {t_mark or 'no punctuation'!r}"),
        t_mark or None,
        s_mark or None,
    )


@register("quotes", "warning", languages="any pair")
def quotes(source: str, target: str, d):
    """Straight double quotes come in pairs: an odd number in the target, where the source's are
    paired, leaves a quotation open. (Curly quotes and 「」 are checked by ``punctuation``.)"""
    n = target.count('"')
    if n % 2 and source.count('"') % 2 == 0:
        yield 'unpaired straight quote (") in the target', '"', None


def _acronyms(text: str) -> list[str]:
    return [a for a in ACRONYM.findall(text) if sum(c.isalpha() for c in a) >= 2]


# words an expansion may hold that its acronym leaves out ("American Institute in Taiwan": AIT)
_ACRONYM_SKIP = {"of", "and", "the", "for", "in", "on", "to", "at", "&"}
# never the words an acronym's letters stand for ("an increase" is not AI)
_FUNCTION_WORDS = _ACRONYM_SKIP | {"a", "an", "as", "by", "is", "it", "or", "with"}
_WORD = re.compile(r"[A-Za-z]+|&")


def spelled_out(acronym: str, text: str) -> bool:
    """Whether ``text`` holds the words the acronym stands for, their initials in order: a
    translator writes "artificial intelligence" for AI, "American Institute in Taiwan" for AIT."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = [w.lower() for w in _WORD.findall(text)]
    for start, word in enumerate(words):
        if word[0] != letters[0] or word in _FUNCTION_WORDS:
            continue
        k, i = 1, start + 1
        while k < len(letters) and i < len(words):
            if words[i][0] == letters[k] and words[i] not in _FUNCTION_WORDS:
                k += 1
            elif words[i] not in _ACRONYM_SKIP:
                break
            i += 1
        if k == len(letters):
            return True
    return False


@register("acronym", "warning", languages="Chinese/Japanese/Korean source → Latin-script target")
def acronyms(source: str, target: str, d):
    """An acronym written in Latin letters inside a CJK source (ATM, LINE, FBI in a Chinese text)
    appears in the target, or the words it stands for ("artificial intelligence" for AI). Between
    Latin-script languages acronyms are translated (UN → ONU), and
    English ones are translated into Chinese (CIB → 刑事局): those pairs are not checked."""
    if is_latin(d.source) or not is_latin(d.target):
        return
    found = _acronyms(source)
    if not found:
        return
    missing = [
        a
        for a in dict.fromkeys(found)
        if not re.search(rf"(?<![A-Za-z0-9]){re.escape(a)}", target, re.IGNORECASE)
        and not spelled_out(a, target)
    ]
    if missing:
        yield f"acronym not carried over: {' '.join(missing)}", None, " ".join(missing)


def weighted_length(text: str) -> float:
    """Characters, a CJK character counting as three Latin ones (about one English word's worth)."""
    cjk = len(re.findall(f"[{CJK}]", text))
    return len(text) + 2 * cjk


@register("length-ratio", "warning", scope="file", languages="any pair")
def length_ratio(
    sources: list[str], targets: list[str], d, factor: float = 3.0, min_length: float = 20
):
    """A target more than three times shorter or longer than its source, a CJK character counting
    as three letters, measured against the file's median ratio (1:1 until a file has 8 segments
    of 20 weighted characters or more): a dropped clause, a pasted paragraph."""
    logs = []
    for src, tgt in zip(sources, targets):
        s, t = weighted_length(src.strip()), weighted_length(tgt.strip())
        logs.append(math.log(t / s) if s >= min_length and t > 0 else None)
    measured = sorted(x for x in logs if x is not None)
    center = measured[len(measured) // 2] if len(measured) >= 8 else 0.0
    for i, x in enumerate(logs):
        if x is not None and abs(x - center) > math.log(factor):
            how = "shorter" if x < center else "longer"
            yield (
                i,
                f"the target is {math.exp(abs(x - center)):.1f}× {how} than usual for its source",
                None,
                None,
            )
