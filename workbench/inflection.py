"""English inflected and derived forms of glossary renderings, so that matching finds "money mules"
for "money mule" and "repatriated" for "repatriation".

Two kinds of forms, kept apart because they are not equally safe:

- inflected: plurals of a noun rendering ("memorandums of understanding": the head noun before
  "of" is inflected). They mean the same thing as the rendering, so they count on both sides of
  a pair (matching.py role ``inflected``).
- verb forms: the tenses of a one-word rendering ("indicted", "seizing"), the verb behind a
  one-word -ation/-ition/-ention/-ment/-ure/-ion noun ("repatriation" → repatriated; "detention" →
  detained; "corruption" → corrupt), the de- verb, adjective or agent noun made from it
  ("fraud" → defrauded, fraudulent; "scam" → scammers; "smuggling" → smugglers). A verb is
  looser ("detained" after an arrest is not pretrial detention; "people who were scammed" is
  受騙), so these may satisfy a target but never make a source require a term (matching.py role
  ``derived``).

Only words that lemminflect knows are inflected (no guessing for unknown words); names, acronyms
and forms with digits are never touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"^[A-Za-z][a-z]+$")  # a plain word, lowercase or Capitalized; not an acronym
_MODIFIER = re.compile(r"^[A-Za-z][a-z'-]*$")  # other words of the rendering: pig-butchering
# noun suffix -> verb endings to try
_DERIVATIONS = (
    ("ation", ("ate", "", "e")),
    ("ition", ("ite",)),
    ("ention", ("ain",)),
    ("ment", ("",)),
    ("ure", ("e",)),
    ("sion", ("de", "t")),
    ("ion", ("",)),
)
_VERB_TAGS = ("VB", "VBD", "VBG", "VBZ")
# adjectives and de- verbs made from a noun: fraud → fraudulent, defraud
_ADJECTIVE_SUFFIXES = ("ulent", "ous", "al")


def _lemminflect():
    import lemminflect

    return lemminflect


@lru_cache(maxsize=65536)
def _forms(word: str, upos: str, tags: tuple[str, ...]) -> tuple[str, ...]:
    table = _lemminflect().getAllInflections(word.lower(), upos=upos)
    out = []
    for tag in tags:
        for form in table.get(tag, ()):
            out.append(form[:1].upper() + form[1:] if word[:1].isupper() else form)
    return tuple(dict.fromkeys(out))


def _replace_word(words: list[str], i: int, forms) -> list[str]:
    return [" ".join(words[:i] + [f] + words[i + 1 :]) for f in forms]


def inflected(form: str, *, verbs: bool = True) -> list[str]:
    """Plural (head noun) and, for a one-word rendering, verb forms; the form itself excluded."""
    words = form.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    if not _WORD.match(words[head]) or any(not _MODIFIER.match(w) for w in words):
        return []
    out = _replace_word(words, head, _forms(words[head], "NOUN", ("NNS",)))
    if verbs and len(words) == 1:
        out += _forms(words[0], "VERB", ("VB", "VBD", "VBG", "VBZ"))
    return [f for f in dict.fromkeys(out) if f != form]


def _verb_phrase(form: str) -> list[str]:
    """A noun and its -ing activity said as a verb and object, or the verb alone: "money
    laundering" → laundered money, launder NT$1 billion; "combating fraud" → combat fraud."""
    words = form.split(" ")
    if len(words) != 2 or not all(_WORD.match(w) for w in words):
        return []
    i = 1 if words[1].endswith("ing") else 0 if words[0].endswith("ing") else -1
    if i < 0:
        return []
    lemmas = _lemminflect().getLemma(words[i].lower(), upos="VERB")
    if not lemmas or lemmas[0] == words[i].lower():  # "ring" is no -ing form
        return []
    obj = words[1 - i]
    objects = dict.fromkeys((obj, *_forms(obj, "NOUN", ("NNS",))))
    verbs = _forms(lemmas[0], "VERB", ("VB", "VBD", "VBG", "VBZ"))
    phrases = [f"{v} {o}" for v in verbs for o in objects]
    # the verb alone ("to launder NT$1 billion"), its base form only where that is no noun too
    # ("traffic", "buy")
    tags = ("VBD", "VBG", "VBZ") if _forms(lemmas[0], "NOUN", ("NN",)) else _VERB_TAGS
    alone = list(_forms(lemmas[0], "VERB", tags)) if i == 1 else []
    return list(dict.fromkeys(phrases + alone))


def derived(form: str) -> list[str]:
    """Forms of the verb a one-word noun rendering is derived from (repatriation → repatriated),
    and a two-word activity's verb phrase (money laundering → laundered money)."""
    if not _WORD.match(form):
        return _verb_phrase(form)
    word = form.lower()
    out: list[str] = []
    for suffix, endings in _DERIVATIONS:
        if not word.endswith(suffix) or len(word) <= len(suffix) + 2:
            continue
        for ending in endings:
            verb = word[: -len(suffix)] + ending
            forms = _forms(verb, "VERB", ("VB", "VBD", "VBG", "VBZ"))
            if forms:
                out += forms
                break
        if out:
            break
    if not _lemminflect().getAllLemmas(word):
        return [f for f in dict.fromkeys(out) if f != form]  # a word lemminflect does not know
    out += _forms("de" + word, "VERB", ("VB", "VBD", "VBG", "VBZ"))
    stem = word.removesuffix("ing")
    for agent in (stem + "er", stem + stem[-1:] + "er"):  # smuggler, scammer: who does it
        out += _forms(agent, "NOUN", ("NN", "NNS"))
    for suffix in _ADJECTIVE_SUFFIXES:
        out += _forms(word + suffix, "ADJ", ("JJ",))
    return [f for f in dict.fromkeys(out) if f != form]


@lru_cache(maxsize=8192)
def is_verb_form(word: str) -> bool:
    """A past tense, participle or -ing form ("seized", "indicted", "laundering" is not: a noun
    too); a source that says "seized" may be rendered by several verbs (查扣, 查獲, 扣押)."""
    w = word.lower()
    if " " in w or not w.endswith(("ed", "ing")) or not _WORD.match(word):
        return False
    lemmas = _lemminflect().getAllLemmas(w)
    return bool(lemmas.get("VERB")) and w not in lemmas.get("VERB", ()) and not lemmas.get("NOUN")
