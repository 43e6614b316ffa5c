"""Term extraction: candidate glossary entries harvested from articles and bilingual files.

News carries most new entries inside it: "Tsai Ching-hsiang (蔡清祥)", "刑事警察局（Criminal
Investigation Bureau, CIB）", "Commissioner Chou Yew-woei", and bilingual files pair names whose
romanization fits their characters. Each harvester (a registry, by id) turns a line into
``Mention``s; mentions of one term are grouped into a ``Candidate`` judged against the glossary:
``new``, ``known``, ``variant-of <id>`` or ``conflict with <id>``.

Precision comes first: a pattern only yields a mention when both sides pass a plausibility test
(initials that spell the abbreviation, a romanization that fits the characters, an organization
head word), because a wrong candidate wastes a terminologist's time.
"""

from __future__ import annotations

import csv
import html
import io
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import romanize
from .bilingual import format_of, read_bilingual, read_monolingual
from .errors import InputError, UsageError
from .fileio import atomic_write_text, read_text_file, release
from .glossary import Entry, Glossary, glossary_csv_columns, read_glossary_csv
from .text import convert_script, find_simplified_only, fold, has_cjk, is_cjk

BILINGUAL_SUFFIXES = {".tsv", ".csv", ".jsonl", ".xlf", ".xliff", ".tmx"}
MAX_CONTEXTS = 3



def _words(text: str) -> list[str]:
    return text.split()


# Words that end an organization's English name ("Criminal Investigation Bureau").
ORG_HEADS = set(_words(
    "agency bureau ministry office department division council commission court police force "
    "service unit squad brigade corps guard administration authority institute association "
    "foundation organization organisation center centre yuan procuratorate committee board "
    "academy university interpol europol eurojust section team headquarters prosecutors group "
    "precinct station command secretariat network union alliance")
)
# Characters that end an organization's Chinese name (局, 署, 部 …).
ORG_SUFFIXES = tuple(_words(
    "委員會 小組 辦公室 中心 基金會 協會 總會 組織 檢察署 法院 大隊 支隊 分局 警察局 "
    "局 署 部 會 院 處 廳 隊 所 司 科 組 室 團 盟")
)
# Titles that introduce a name ("Commissioner Chou Yew-woei"): the glossary's titles are added.
TITLE_WORDS = set(_words(
    "commissioner director director-general minister premier president prosecutor "
    "prosecutor-general ambassador representative mayor legislator judge chief inspector "
    "superintendent captain detective spokesperson spokesman spokeswoman secretary-general "
    "chairman chairwoman chairperson deputy governor magistrate officer sergeant lieutenant "
    "colonel general admiral envoy councilor speaker secretary head commander attorney senator "
    "justice")
) | {"vice president", "chief prosecutor"}
# Lower-case words allowed inside an English organization name ("Ministry of the Interior").
CONNECTORS = {"of", "and", "for", "the", "on", "in", "against", "to", "de", "&"}
# Words that end a lower-case term's left edge ("a rise in telecom fraud (電信詐騙)").
STOP_WORDS = set(_words(
    "a an the of in on for with by and or to from as at that which who is are was were be been "
    "its their his her this these those such into against about over under said called known "
    "so-called new all any some more most than also not it they he she we has have had will "
    "would can could after before during between including via per our my your through across "
    "using like among within without toward towards amid")
)
# Characters before a Chinese term that belong to the sentence, not to the term.
ZH_BOUNDARY = set("的與和及或由在向對據經將等從以為是並於讓請被把跟同自至今昨前後了也均皆已再另")

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ABBR = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
_PAREN = re.compile(r"[(（]([^()（）]{1,120})[)）]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*|&")
_LABEL = re.compile(
    r"^\s*(?:traditional |simplified )?(?:Chinese|Mandarin|zh)\s*[:：]\s*", re.IGNORECASE
)
_PART_SPLIT = re.compile(r"\s*[,;，；、]\s*")


@dataclass
class Mention:
    """One sighting of a term: what was found, by which pattern, where."""

    zh: str
    en: str
    abbr: str
    kind: str  # person | org | term | title (a guess)
    harvester: str
    file: str
    line: int
    context: str
    title: str = ""


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


# ---------------------------------------------------------------- registry of harvesters

Harvester = Callable[[str, str, int, "Glossary"], list[Mention]]
HARVESTERS: dict[str, Harvester] = {}


def harvester(name: str):
    def register(fn: Harvester) -> Harvester:
        HARVESTERS[name] = fn
        return fn

    return register


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _is_abbr(part: str) -> bool:
    return bool(_ABBR.match(part)) and sum(c.isupper() for c in part) >= 2 and " " not in part


def _initials_fit(words: list[str], abbr: str) -> bool:
    """Do the words' initials spell ``abbr`` (connectors may or may not count)?"""
    letters = [c for c in abbr.upper() if c.isalpha()]
    caps = [w[0].upper() for w in words if w[:1].isupper()]
    full = [w[0].upper() for w in words if w[:1].isalpha()]
    return letters in (caps, full)


def _is_name(text: str) -> bool:
    found = romanize.find_names(text)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(text)


def _english_before(
    text: str,
    end: int,
    abbr: str = "",
    zh: str = "",
    known: frozenset[str] | set[str] = frozenset(),
) -> tuple[str, str]:
    """The English term that ends at ``end`` and its kind: a romanized name, a capitalized name
    (trimmed to the initials of ``abbr`` when one is given) or a short lower-case term."""
    before = text[:end].rstrip()
    names = romanize.find_names(before[-60:])
    if names and names[-1].end == len(before[-60:]) and not abbr:
        return names[-1].text, "person"
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(before)]
    if not words or words[-1][0] + len(words[-1][1]) != len(before):
        return "", ""
    if abbr:
        return _spelled_out(before, words, abbr)
    # a capitalized phrase: capitalized words with connectors between them
    phrase: list[tuple[int, str]] = []
    for i in range(len(words) - 1, -1, -1):
        start, w = words[i]
        gap = before[start + len(w) : phrase[0][0]] if phrase else ""
        if phrase and gap.strip() not in ("", "’s", "'s"):
            break
        if w[:1].isupper() or (phrase and w.lower() in CONNECTORS):
            phrase.insert(0, (start, w))
            continue
        break
    while phrase and (phrase[0][1].lower() in CONNECTORS or phrase[0][1] in ("The",)):
        phrase.pop(0)
    if phrase and zh:
        for k in range(len(phrase) - 2, max(0, len(phrase) - 4) - 1, -1):
            tail = before[phrase[k][0] :]
            if phrase[k][1].endswith(("'s", "’s")):
                break
            if 2 <= len(zh) <= 4 and _fits(tail, zh):
                return tail, "person"
    if phrase and known:
        for k in range(len(phrase)):  # a known name at the end of the phrase: "Officers of the CIB"
            tail = before[phrase[k][0] :]
            if tail.lower() in known:
                return tail, "org" if phrase[-1][1].lower() in ORG_HEADS else "term"
    if phrase:
        if len(phrase) == 1 and phrase[0][0] == 0:
            return "", ""  # a lone capitalized word at the start of a line: too weak
        return before[phrase[0][0] :], "org" if phrase[-1][1].lower() in ORG_HEADS else "term"
    for k in range(1, 5):  # a known lower-case term: "through virtual currency (虛擬貨幣)"
        if len(words) >= k and before[words[-k][0] :].lower() in known:
            return before[words[-k][0] :], "term"
    # a lower-case term: back to the previous stop word, at most four words
    term: list[tuple[int, str]] = []
    for start, w in reversed(words):
        gap = before[start + len(w) : term[0][0]] if term else ""
        if term and gap.strip():
            break
        if w.lower() in STOP_WORDS or len(term) == 4:
            break
        term.insert(0, (start, w))
    if not term or len(term) == 4:
        return "", ""
    return before[term[0][0] :], "term"


def _spelled_out(before: str, words: list[tuple[int, str]], abbr: str) -> tuple[str, str]:
    """The words before '(ABBR)' whose initials spell it, within one clause: 'National Police
    Agency (NPA)', 'memorandum of understanding (MOU)'."""
    tail: list[tuple[int, str]] = []
    for start, w in reversed(words[-12:]):
        if tail and before[start + len(w) : tail[0][0]].strip() not in ("", "’s", "'s", "-"):
            break
        tail.insert(0, (start, w))
        ws = [x for _, x in tail]
        if w.lower() not in CONNECTORS and w != "The" and _initials_fit(ws, abbr):
            capitalized = all(x[:1].isupper() for x in ws if x.lower() not in CONNECTORS)
            return before[start:], "org" if capitalized else "term"
    return "", ""


@harvester("en-paren-zh")
def english_with_chinese(text: str, file: str, line: int, glossary: Glossary) -> list[Mention]:
    """'Tsai Ching-hsiang (蔡清祥)', 'Criminal Investigation Bureau (刑事警察局, CIB)',
    'National Police Agency (NPA)'."""
    out = []
    for m in _PAREN.finditer(text):
        inside = _LABEL.sub("", m.group(1))
        parts = [p.strip() for p in _PART_SPLIT.split(inside) if p.strip()]
        zh = next((p for p in parts if _CJK_RUN.fullmatch(p)), "")
        abbr = next((p for p in parts if _is_abbr(p)), "")
        extra = any(not (p == zh or p == abbr) for p in parts)
        if not zh and not abbr or (extra and not zh):
            continue
        if has_cjk(text[max(0, m.start() - 1) : m.start()]) or zh.endswith(ZH_HONORIFICS):
            continue  # 漢字(Name) is the other harvester's; 陳先生 is a form of address
        index = _indexes(glossary)
        en, kind = _english_before(
            text, m.start(), abbr, zh, index["en_all"]
        )
        if not en:
            continue
        if kind == "person":
            if not zh or not _fits(en, zh):
                continue
        elif extra:
            continue  # "(蔡清祥, a lawyer)": only a name that fits its characters is kept
        elif abbr and en == abbr:
            continue
        if zh and kind != "person" and len(zh) < 2:
            continue
        if kind == "org" or (abbr and kind == "term"):
            kind = _kind_of(en, zh, abbr)
        out.append(
            Mention(
                zh, en, abbr, kind, "en-paren-zh", file, line, _context(text, m.start(), m.end())
            )
        )
    return out


@harvester("zh-paren-en")
def chinese_with_english(text: str, file: str, line: int, glossary: Glossary) -> list[Mention]:
    """'刑事警察局（Criminal Investigation Bureau, CIB）', '周幼偉（Chou Yew-woei）'."""
    out = []
    for m in _PAREN.finditer(text):
        inside = m.group(1).strip()
        if has_cjk(inside) or not re.search(r"[A-Za-z]", inside):
            continue
        run = re.search(r"[\u3400-\u9fff\uf900-\ufaff]+$", text[: m.start()])
        if not run:
            continue
        parts = [p.strip() for p in _PART_SPLIT.split(inside) if p.strip()]
        abbr = next((p for p in parts if _is_abbr(p)), "")
        names = [p for p in parts if p != abbr]
        if len(names) > 1 or any(
            not re.fullmatch(r"[A-Za-z][\w'’.\-]*(?:[ \-][\w'’.&\-]+)*", p) for p in names
        ):
            continue
        if names and names[0][:1].islower() and (len(names[0].split()) > 5 or abbr):
            continue  # a lower-case term: a few words
        en = names[0] if names else abbr
        if not _term_like(en) or en.split()[0].lower().rstrip(".") in HONORIFICS:
            continue
        if names and abbr and not _initials_fit(en.split(), abbr):
            abbr_kept = abbr if _initials_fit(re.split(r"[ \-]", en), abbr) else ""
            if not abbr_kept:
                continue
        zh, kind = _chinese_before(run.group(0), en, abbr, glossary)
        if not zh:
            continue
        out.append(
            Mention(
                zh,
                en,
                abbr if names else "",
                kind,
                "zh-paren-en",
                file,
                line,
                _context(text, m.start(), m.end()),
            )
        )
    return out


def _term_like(en: str) -> bool:
    """A name or a term, not a phrase: title case ('Riverside Cyber Crime Unit') or all lower
    case ('human trafficking'), no bare numbers ('Call 165')."""
    words = en.split()
    if any(w.isdigit() for w in words):
        return False
    content = [w for w in words if w.lower() not in CONNECTORS]
    return all(w[:1].isupper() for w in content) or all(w.islower() for w in words)


# "Mr Chen (陳先生)": a form of address, not a name to enter in a glossary.
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "madam", "mx", "sir", "prof"}
ZH_HONORIFICS = ("先生", "女士", "小姐", "太太", "夫人", "老師", "教授", "博士")


@lru_cache(maxsize=65536)
def _fits(en: str, zh: str) -> bool:
    """Is ``en`` a plausible romanization of the characters ``zh`` (any region)?"""
    if zh.endswith(ZH_HONORIFICS) or en.split()[0].lower().rstrip(".") in HONORIFICS:
        return False
    try:
        verdict = romanize.judge(en, zh)
    except (KeyError, ValueError):
        return False
    readable = bool(verdict.syllables) and all(s.kind != "none" for s in verdict.syllables)
    return readable and (verdict.valid or verdict.verdict == "system-switch")


def _chinese_before(run: str, en: str, abbr: str, glossary: Glossary) -> tuple[str, str]:
    """The Chinese term at the end of a run of characters: a name as long as its romanization, a
    glossary form, or the run cut at the last function word and past any leading known body."""
    first = _syllables(en)
    for n in [first] + [k for k in (2, 3, 4) if k != first]:
        if 2 <= n <= len(run) and len(en.split()) <= 4 and _fits(en, run[-n:]):
            return run[-n:], "person"
    if _is_name(en):
        return "", ""  # a romanized name that fits no characters before it
    known = _glossary_zh(glossary)
    for start in range(len(run) - 1):
        if fold(run[start:]) in known:
            return run[start:], _kind_of(en, run[start:], abbr)
    cut = max((i + 1 for i, ch in enumerate(run) if ch in ZH_BOUNDARY), default=0)
    zh = run[cut:]
    if en[:1].islower() and len(zh) > 6:
        return "", ""  # an unknown lower-case term: its left edge is a guess
    # a leading known body whose English is not part of this name ("內政部" before "刑事警察局")
    changed = True
    while changed and len(zh) > 2:
        changed = False
        for n in range(len(zh) - 2, 1, -1):
            entries = known.get(fold(zh[:n]), [])
            if entries and not any(e.en and e.en.lower() in en.lower() for e in entries):
                zh, changed = zh[n:], True
                break
    if not (2 <= len(zh) <= 14):
        return "", ""
    return zh, _kind_of(en, zh, abbr)


def _syllables(en: str) -> int:
    return sum(len(w) for w in romanize.parse(en).parts)


def _kind_of(en: str, zh: str, abbr: str) -> str:
    words = en.lower().split()
    if (words and words[-1] in ORG_HEADS) or any(w in ORG_HEADS for w in words[-2:]):
        return "org"
    if zh and zh.endswith(ORG_SUFFIXES) and len(zh) >= 3:
        return "org"
    if abbr and len(words) >= 2:
        return "org"
    return "term"


@harvester("title-name")
def title_before_name(text: str, file: str, line: int, glossary: Glossary) -> list[Mention]:
    """'Commissioner Chou Yew-woei', 'Premier Cho Jung-tai': a romanized name after a title."""
    out = []
    titles = _titles(glossary)
    for name in romanize.find_names(text):
        before = text[: name.start]
        if (
            not before.endswith(" ")
            or text[name.end : name.end + 1] in ("(", "（")
            or text[name.end : name.end + 2] in (" (", " （")
        ):
            continue
        words = before.rstrip().split()
        title = ""
        for k in (5, 4, 3, 2, 1):
            cand = " ".join(words[-k:]) if len(words) >= k else ""
            if cand and cand[:1].isupper() and cand.lower().strip(",") in titles:
                title = cand
                break
        if not title:
            continue
        out.append(
            Mention(
                "",
                name.text,
                "",
                "person",
                "title-name",
                file,
                line,
                _context(text, name.start - len(title) - 1, name.end),
                title,
            )
        )
    return out


# ---------------------------------------------------------------- glossary indexes

_CACHE: weakref.WeakKeyDictionary[Glossary, dict] = weakref.WeakKeyDictionary()


def _indexes(glossary: Glossary) -> dict:
    """Lookup tables of the glossary's forms, built once per glossary object."""
    if glossary not in _CACHE:
        zh: dict[str, list[Entry]] = defaultdict(list)
        en: dict[str, list[Entry]] = defaultdict(list)
        zh_bad: dict[str, list[Entry]] = defaultdict(list)
        en_bad: dict[str, list[Entry]] = defaultdict(list)
        for e in glossary.entries:
            if e.status == "deprecated":
                continue
            for form in e.allowed("zh"):
                zh[fold(form)].append(e)
            for form in e.allowed("en"):
                en[form.lower()].append(e)
            for form in e.forbidden.get("zh", []):
                zh_bad[fold(form)].append(e)
            for form in e.forbidden.get("en", []):
                en_bad[form.lower()].append(e)
        titles = {t.lower() for e in glossary.entries if e.type == "title" for t in e.allowed("en")}
        _CACHE[glossary] = {
            "zh": zh,
            "en": en,
            "zh_bad": zh_bad,
            "en_bad": en_bad,
            "titles": titles | TITLE_WORDS,
            "ids": {e.id for e in glossary.entries},
            "en_all": frozenset(en) | frozenset(en_bad),
        }
    return _CACHE[glossary]


def _glossary_zh(glossary: Glossary) -> dict[str, list[Entry]]:
    return _indexes(glossary)["zh"]


def _titles(glossary: Glossary) -> set[str]:
    return _indexes(glossary)["titles"]


# ---------------------------------------------------------------- bilingual alignment


def _aligned_names(zh_text: str, en_text: str, glossary: Glossary) -> list[tuple[str, str]]:
    """Glossary-unknown romanized names in ``en_text`` paired with the characters in ``zh_text``
    whose readings they fit: 'Lin Cheng-hsun' with 林政勳."""
    index = _indexes(glossary)
    pairs = []
    runs = _CJK_RUN.findall(zh_text)
    for name in romanize.find_names(en_text):
        if name.text.lower() in index["en"]:
            continue
        n = name.syllables
        found = {run[i : i + n] for run in runs for i in range(len(run) - n + 1)}
        fitting = [zh for zh in sorted(found) if _fits(name.text, zh)]
        if len(fitting) == 1:  # two fitting spans: ambiguous, no guess
            pairs.append((fitting[0], name.text))
    return pairs


def _org_phrases(en_text: str) -> set[str]:
    """Capitalized English phrases that end in an organization head word."""
    out = set()
    for m in re.finditer(
        r"(?:[A-Z][\w'’\-]*\s+(?:(?:of|and|for|the|on|against)\s+)*)+[A-Z][\w\-]*", en_text
    ):
        phrase = re.sub(r"^(?:The|A|An)\s+", "", m.group(0))
        if phrase.split()[-1].lower() in ORG_HEADS and len(phrase.split()) >= 2:
            out.add(phrase)
    return out


def _org_ngrams(zh_text: str) -> set[str]:
    out = set()
    for run in _CJK_RUN.findall(zh_text):
        for end in range(2, len(run) + 1):
            if run[:end].endswith(ORG_SUFFIXES):
                for start in range(max(0, end - 12), end - 2):
                    out.add(run[start:end])
    return out


def _cooccurring_orgs(
    pairs: list[tuple[str, str]], glossary: Glossary
) -> list[tuple[str, str, int]]:
    """Unknown English organization names and Chinese names ending in 局/署/部 … that occur in the
    same segments, and almost only together (≥ 2 segments, Dice ≥ 0.8): (zh, en, segments)."""
    index = _indexes(glossary)
    en_count: Counter = Counter()
    zh_count: Counter = Counter()
    both: Counter = Counter()
    for zh_text, en_text in pairs:
        ens = {p for p in _org_phrases(en_text) if p.lower() not in index["en"]}
        zhs = {z for z in _org_ngrams(zh_text) if fold(z) not in index["zh"]}
        en_count.update(ens)
        zh_count.update(zhs)
        both.update((z, e) for e in ens for z in zhs)
    best: dict[str, tuple[float, int, str]] = {}
    for (z, e), n in both.items():
        dice = 2 * n / (en_count[e] + zh_count[z])
        if n >= 2 and dice >= 0.8 and z[:1] not in ZH_BOUNDARY:
            score = (dice, len(z), z)
            if e not in best or score > best[e]:
                best[e] = score
    return [(z, e, both[(z, e)]) for e, (_, _, z) in best.items()]


# ---------------------------------------------------------------- extraction


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
        for zh, en in _aligned_names(zh_text, en_text, glossary):
            mentions.append(Mention(zh, en, "", "person", "aligned-name", f, n, en_text[:120]))
    bi_at = {(zh_t, en_t): (f, n) for f, n, s, t in bi for zh_t, en_t in ((s, t), (t, s))}
    for zh, en, _count in _cooccurring_orgs(segment_pairs, glossary):
        for zh_t, en_t in segment_pairs:
            if zh in zh_t and en in en_t:
                f, n = bi_at[(zh_t, en_t)]
                mentions.append(Mention(zh, en, "", "org", "co-occurrence", f, n, en_t[:120]))
    candidates = _group(mentions, glossary)
    for c in candidates:  # segments (lines) that name the term in either language
        c.frequency = len(
            {(f, n) for f, n, t in lines if (c.en and c.en in t) or (c.zh and c.zh in t)}
        )
    _assign_ids(candidates, glossary)
    complete = [c for c in candidates if c.zh and c.en]
    incomplete = [c for c in candidates if not c.zh]
    return Extraction(complete, incomplete, files, len(lines))


def _group(mentions: list[Mention], glossary: Glossary) -> list[Candidate]:
    """One candidate per term: mentions with the same English (or the same Chinese, for a
    pair whose English is an abbreviation) are one term; English-only mentions join a pair."""
    by_key: dict[tuple[str, str], Candidate] = {}
    order: list[tuple[str, str]] = []
    for m in sorted(mentions, key=lambda m: (not m.zh, m.file, m.line)):
        key = (fold(m.zh) if m.zh else "", m.en.lower())
        if not m.zh:
            key = next((k for k in order if k[1] == m.en.lower()), key)
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
        if c.zh and c.en in (c.abbrs or [c.en]) and _is_abbr(c.en):
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
    index = _indexes(glossary)
    by_zh = index["zh"].get(fold(c.zh), []) if c.zh else []
    by_en = index["en"].get(c.en.lower(), []) or [
        e for a in c.abbrs for e in index["en"].get(a.lower(), []) if e.type == "org"
    ]
    same = [e for e in by_zh if e in by_en]
    if same and c.en not in same[0].allowed("en") and c.en.lower() in index["en"]:
        e = same[0]
        c.verdict, c.target, c.type = "variant-of", e.id, e.type
        c.message = f"format-variant: differs from the glossary's '{e.en}' in case only"
    elif same:
        c.verdict, c.target, c.type = "known", same[0].id, same[0].type
        c.message = f"as in the glossary ({same[0].en})"
    elif by_en and not c.zh:
        e = by_en[0]
        c.target, c.zh, c.type = e.id, e.zh, e.type
        if c.en.lower() in index["en"]:
            c.verdict, c.message = "known", f"as in the glossary ({e.zh})"
        else:  # found by its abbreviation: "Ministry of Justice's Investigation Bureau (MJIB)"
            c.verdict, c.message = "variant-of", f"another English form; the glossary has '{e.en}'"
    elif by_zh:
        e = by_zh[0]
        c.type = e.type if e.type in ("person", "org", "title", "place", "term") else c.type
        if c.en.lower() in index["en_bad"] and e in index["en_bad"][c.en.lower()]:
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
        near = _near_person(c, glossary) if c.type == "person" else None
        if near:
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


def _assign_ids(candidates: list[Candidate], glossary: Glossary) -> None:
    taken = set(_indexes(glossary)["ids"])
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


# ---------------------------------------------------------------- outputs

EXTRA_COLUMNS = ["verdict", "target", "frequency", "contexts"]


def candidate_columns() -> list[str]:
    return glossary_csv_columns(["zh", "en"]) + EXTRA_COLUMNS


def traditional(zh: str) -> str:
    """The glossary's zh is Traditional: a Simplified form found in a text is converted."""
    return convert_script(zh, "s2t") if find_simplified_only(zh) else zh


def candidate_row(c: Candidate) -> dict[str, str]:
    first = c.mentions[0]
    zh = traditional(c.zh)
    note = c.message if zh == c.zh else f"{c.message}; written {c.zh} in the text"
    return {
        "id": c.id,
        "type": c.type,
        "zh": zh,
        "en": c.en,
        "en_variants": "|".join(a for a in c.abbrs if a != c.en),
        "status": "proposed",
        "romanization": c.romanization,
        "region": c.region,
        "source": f"extracted from {first.file}:{first.line}",
        "note": note,
        "verdict": c.verdict,
        "target": c.target,
        "frequency": str(c.frequency),
        "contexts": " | ".join(c.contexts),
    }


def to_csv(result: Extraction) -> str:
    """Candidates in the glossary schema (status proposed) with verdict and contexts columns."""
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=candidate_columns(), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for c in result.candidates:
        writer.writerow(candidate_row(c))
    return buf.getvalue()


def to_markdown(result: Extraction) -> str:
    counts = Counter(c.verdict for c in result.candidates)
    out = [
        f"# Term candidates from {len(result.files)} file(s), {result.lines} lines",
        "",
        ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "no candidates",
        "",
        "| verdict | zh | en | type | system / region | freq | first context |",
        "|---|---|---|---|---|---|---|",
    ]

    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    for c in result.candidates:
        system = " / ".join(x for x in (c.romanization, c.region) if x)
        out.append(
            f"| {cell(c.label)} | {cell(c.zh)} | {cell(c.en)} | {c.type} | {system} | "
            f"{c.frequency} | {cell(c.contexts[0])} |"
        )
    if result.incomplete:
        out += [
            "",
            "## English only (no Chinese form found; not in the CSV)",
            "",
            "| en | type | freq | first context |",
            "|---|---|---|---|",
        ]
        for c in result.incomplete:
            out.append(f"| {cell(c.en)} | {c.type} | {c.frequency} | {cell(c.contexts[0])} |")
    return "\n".join(out) + "\n"


def to_html(result: Extraction) -> str:
    def row(cells: list[str]) -> str:
        return "<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in cells) + "</tr>"

    head = (
        "<tr>"
        + "".join(
            f"<th>{h}</th>"
            for h in ("verdict", "zh", "en", "type", "system / region", "freq", "contexts")
        )
        + "</tr>"
    )
    body = [
        row(
            [
                c.label,
                c.zh,
                c.en,
                c.type,
                " / ".join(x for x in (c.romanization, c.region) if x),
                str(c.frequency),
                "\n".join(c.contexts),
            ]
        )
        for c in result.candidates
    ]
    extra = [row([c.en, c.type, str(c.frequency), c.contexts[0]]) for c in result.incomplete]
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Term candidates</title>"
        "<style>td{vertical-align:top;white-space:pre-wrap}</style></head><body>"
        f"<h1>Term candidates ({len(result.candidates)})</h1><table>{head}{''.join(body)}</table>"
        "<h2>English only (no Chinese form found)</h2><table>"
        f"<tr><th>en</th><th>type</th><th>freq</th><th>first context</th></tr>{''.join(extra)}"
        "</table></body></html>\n"
    )


def merge_into(path: str | Path, result: Extraction, glossary: Glossary) -> list[str]:
    """Append the `new` candidates to a glossary CSV (status proposed) atomically; an id already
    in that file or the glossary, or a zh+en pair already there, is never added. Returns the ids."""
    path = Path(path)
    for source in result.files:  # never a file the terms came from
        if path.exists() and Path(source).exists() and path.samefile(source):
            raise UsageError(
                f"{path}: refusing to merge into an input file; choose another glossary file"
            )
    text = read_text_file(path) if path.exists() else ""
    existing = read_glossary_csv(path, text=text) if text.strip() else None
    header = (
        [c for c in existing.columns if c not in ("file", "line")]
        if existing is not None
        else glossary_csv_columns(["zh", "en"])
    )
    taken = set(_indexes(glossary)["ids"])
    pairs = set()
    if existing is not None:
        taken |= set(existing["id"].to_list())
        pairs = {(fold(z), e.lower()) for z, e in existing.select("zh", "en").iter_rows()}
    added = []
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=header, lineterminator="\n", extrasaction="ignore", restval=""
    )
    if existing is None:
        writer.writeheader()
    for c in result.candidates:
        if c.verdict != "new" or c.id in taken or (fold(c.zh), c.en.lower()) in pairs:
            continue
        writer.writerow(candidate_row(c))
        taken.add(c.id)
        added.append(c.id)
    if added or existing is None:
        joiner = "" if not text or text.endswith("\n") else "\n"
        release(path)  # read above (and maybe as part of the glossary): updated on purpose
        atomic_write_text(path, text + joiner + buf.getvalue(), inputs=result.files)
    return added


def check_inputs(paths: Iterable[str | Path]) -> None:
    for p in paths:
        if not Path(p).is_file():
            raise InputError.at(str(p), 0, 0, "no such file")


__all__ = [
    "HARVESTERS",
    "Candidate",
    "Extraction",
    "Mention",
    "extract",
    "is_cjk",
    "merge_into",
    "to_csv",
    "to_html",
    "to_markdown",
]


@dataclass
class Score:
    """Precision and recall of an extraction against a gold list of (zh, en) pairs."""

    proposed: int
    correct: int
    gold: int
    found: int
    verdicts_right: int
    wrong: list[str]
    missed: list[str]

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def evaluate(result: Extraction, gold_file: str | Path) -> Score:
    """Score every proposal (English-only ones too) against a TSV with zh, en and verdict columns;
    a proposal is right when its zh and en are a gold pair."""
    rows = list(csv.DictReader(io.StringIO(read_text_file(gold_file)), delimiter="\t"))
    gold = {(fold(r["zh"]), r["en"].lower()): r.get("verdict", "") for r in rows}
    proposals = result.candidates + result.incomplete
    keys = {(fold(c.zh), c.en.lower()): c for c in proposals}
    wrong = [f"{c.zh} / {c.en}" for k, c in keys.items() if k not in gold]
    missed = [f"{z} / {e}" for (z, e) in gold if (z, e) not in keys]
    right = sum(1 for k, v in gold.items() if k in keys and keys[k].verdict == v)
    return Score(
        len(keys), len(keys) - len(wrong), len(gold), len(gold) - len(missed), right, wrong, missed
    )
