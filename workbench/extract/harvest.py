"""Harvesters: term mentions in a line of text, and name/organization pairs in bilingual segments.

Each harvester (a registry, by id) turns a line into ``Mention``s. A pattern only yields a mention
when both sides pass a plausibility test (initials that spell the abbreviation, a romanization that
fits the characters, an organization head word): a wrong candidate wastes a terminologist's time.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .. import romanize
from ..cat import extensions as cat_extensions
from ..glossary import Entry, Glossary
from ..text import fold, has_cjk

# every CAT format the registry reads (PO, Trados, memoQ too: they were read as plain text)
BILINGUAL_SUFFIXES = {".tsv", ".csv", ".jsonl", *cat_extensions()}
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


def is_abbr(part: str) -> bool:
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
    # "Taichung's Xitun District (西屯區)": a known owner before the name is not part of it
    while len(phrase) > 1 and phrase[0][1].endswith(("'s", "’s")) and \
            fold(phrase[0][1][:-2]) in known:
        phrase.pop(0)
    if phrase and zh:
        for k in range(len(phrase) - 2, max(0, len(phrase) - 4) - 1, -1):
            tail = before[phrase[k][0] :]
            if phrase[k][1].endswith(("'s", "’s")):
                break
            if 2 <= len(zh) <= 4 and _fits(tail, zh):
                return tail, "person"
    if phrase and zh and 2 <= len(zh) <= 4 and phrase[-1][1].lower() not in ORG_HEADS:
        # "AIT Director Raymond Greene (谷立言)": the name after the last title
        for k in (len(phrase) - 3, len(phrase) - 2):
            if k >= 1 and phrase[k - 1][1].lower() in TITLE_WORDS and all(
                w[:1].isupper() and w.lower() not in CONNECTORS for _, w in phrase[k:]
            ):
                return before[phrase[k][0] :], "titled-person"
    if phrase and known:
        for k in range(len(phrase)):  # a known name at the end of the phrase: "Officers of the CIB"
            tail = before[phrase[k][0] :]
            if fold(tail) in known:
                return tail, "org" if phrase[-1][1].lower() in ORG_HEADS else "term"
    if phrase:
        if len(phrase) == 1 and phrase[0][0] == 0:
            return "", ""  # a lone capitalized word at the start of a line: too weak
        return before[phrase[0][0] :], "org" if phrase[-1][1].lower() in ORG_HEADS else "term"
    for k in range(1, 5):  # a known lower-case term: "through virtual currency (虛擬貨幣)"
        if len(words) >= k and fold(before[words[-k][0] :]) in known:
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
        abbr = next((p for p in parts if is_abbr(p)), "")
        extra = any(not (p == zh or p == abbr) for p in parts)
        if not zh and not abbr or (extra and not zh):
            continue
        if has_cjk(text[max(0, m.start() - 1) : m.start()]) or zh.endswith(ZH_HONORIFICS):
            continue  # 漢字(Name) is the other harvester's; 陳先生 is a form of address
        index = indexes(glossary)
        en, kind = _english_before(
            text, m.start(), abbr, zh, index["en_all"]
        )
        if not en:
            continue
        if kind == "titled-person":
            kind = "person"  # a Western name after a title: no romanization to check
        elif kind == "person":
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
        abbr = next((p for p in parts if is_abbr(p)), "")
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
    changed, titled = True, False
    while changed and len(zh) > 2:
        changed = False
        for n in range(len(zh) - 2, 1, -1):
            entries = known.get(fold(zh[:n]), [])
            if entries and not any(e.en and e.en.lower() in en.lower() for e in entries):
                zh, changed = zh[n:], True
                titled = any(e.type == "title" for e in entries)
                break
    if not (2 <= len(zh) <= 14):
        return "", ""
    kind = _kind_of(en, zh, abbr)
    if kind == "term" and 2 <= len(en.split()) <= 3 and not set(en.lower().split()) & CONNECTORS:
        # 處長谷立言（Raymond Greene）: a name after a title, not romanized
        for end in range(len(zh) - 2, 1, -1):
            if 2 <= len(zh) - end <= 4 and any(
                e.type == "title" for k in range(2, min(end, 8) + 1)
                for e in known.get(fold(zh[end - k : end]), [])
            ):
                return zh[end:], "person"
        if titled and len(zh) <= 4:
            return zh, "person"
    return zh, kind


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


def indexes(glossary: Glossary) -> dict:
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
                en[fold(form)].append(e)
            for form in e.forbidden.get("zh", []):
                zh_bad[fold(form)].append(e)
            for form in e.forbidden.get("en", []):
                en_bad[fold(form)].append(e)
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
    return indexes(glossary)["zh"]


def _titles(glossary: Glossary) -> set[str]:
    return indexes(glossary)["titles"]


# ---------------------------------------------------------------- bilingual alignment


def aligned_names(zh_text: str, en_text: str, glossary: Glossary) -> list[tuple[str, str]]:
    """Glossary-unknown romanized names in ``en_text`` paired with the characters in ``zh_text``
    whose readings they fit: 'Lin Cheng-hsun' with 林政勳."""
    index = indexes(glossary)
    pairs = []
    runs = _CJK_RUN.findall(zh_text)
    for name in romanize.find_names(en_text):
        if fold(name.text) in index["en"]:
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


def cooccurring_orgs(
    pairs: list[tuple[str, str]], glossary: Glossary
) -> list[tuple[str, str, int]]:
    """Unknown English organization names and Chinese names ending in 局/署/部 … that occur in the
    same segments, and almost only together (≥ 2 segments, Dice ≥ 0.8): (zh, en, segments)."""
    index = indexes(glossary)
    en_count: Counter = Counter()
    zh_count: Counter = Counter()
    both: Counter = Counter()
    for zh_text, en_text in pairs:
        ens = {p for p in _org_phrases(en_text) if fold(p) not in index["en"]}
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


