"""Inline codes of CAT files as protected placeholders, and back.

XLIFF, TMX and the like mark formatting inside a segment with elements (``<x/>``, ``<g>``,
``<ph>``, ``<pc>``, ``<bpt>``/``<ept>``, ``<hi>`` ...). A machine-translation engine must neither
translate nor lose them, and QA must see where a code stood without reading it as text ("that
<x/>5" is not "that5"). Codes become numbered tokens ``{n}`` for MT (a form engines copy through,
and one ``wb`` already reports when dropped); a paired code gets an opening and a closing token, so
the text between them is still translated. After MT the tokens are turned back into copies of the
original elements; a code the engine dropped is appended at the end and reported, never lost.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

# Elements whose content is translatable text between an opening and a closing code.
PAIRED = frozenset({"g", "pc", "mrk", "hi"})
TOKEN = re.compile(r"\{(\d+)\}")
# What QA sees where a code stood: not a letter, digit or space, so words and numbers stay apart.
QA_MARK = "\ufffc"


def local(elem) -> str:
    return etree.QName(elem).localname if isinstance(elem.tag, str) else ""


def _protected(elem) -> bool:
    """A paired marker whose content must not be translated is one opaque code."""
    return elem.get("translate") == "no" or elem.get("mtype") == "protected"


def label(elem) -> str:
    """A short human name for a code: ``<x id="1"/>``."""
    ident = (
        elem.get("id") or elem.get("startRef") or elem.get("i") or elem.get("x") or elem.get("mid")
    )
    return f'<{local(elem)} id="{ident}"/>' if ident is not None else f"<{local(elem)}/>"


@dataclass
class Coded:
    """A segment's content as text with ``{n}`` tokens, and what each token stands for."""

    text: str
    whole: dict[int, etree._Element] = field(default_factory=dict)  # standalone codes (deep copies)
    opens: dict[int, etree._Element] = field(default_factory=dict)  # paired codes (shallow copies)
    closes: dict[int, int] = field(default_factory=dict)  # closing token -> its opening token

    @property
    def has_words(self) -> bool:
        """Whether anything is left to translate once the codes are taken out."""
        return any(ch.isalnum() for ch in TOKEN.sub("", self.text))


def to_placeholders(elem) -> Coded:
    """The content of ``elem`` (a <source>, <seg>, <mrk> ...) as text with ``{n}`` tokens."""
    taken = {int(n) for n in TOKEN.findall("".join(elem.itertext()))}
    coded = Coded("")
    counter = [0]

    def next_number() -> int:
        counter[0] += 1
        while counter[0] in taken:
            counter[0] += 1
        return counter[0]

    parts: list[str] = []

    def walk(node) -> None:
        parts.append(node.text or "")
        for child in node:
            if not isinstance(child.tag, str):  # comments, processing instructions: not text
                parts.append(child.tail or "")
                continue
            if local(child) in PAIRED and not _protected(child):
                n = next_number()
                shell = etree.Element(child.tag, attrib=dict(child.attrib), nsmap=child.nsmap)
                coded.opens[n] = shell
                parts.append(f"{{{n}}}")
                walk(child)
                m = next_number()
                coded.closes[m] = n
                parts.append(f"{{{m}}}")
            else:
                n = next_number()
                whole = copy.deepcopy(child)
                whole.tail = None
                coded.whole[n] = whole
                parts.append(f"{{{n}}}")
            parts.append(child.tail or "")

    walk(elem)
    coded.text = "".join(parts)
    return coded


def _append_text(parent, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def restore(coded: Coded, translated: str, target) -> list[str]:
    """Fill ``target`` (an empty element) from ``translated``, tokens turned back into codes.

    Returns one note per code the engine dropped or broke; such a code is appended at the end,
    so the target always carries every code of the source.
    """
    close_of = {o: c for c, o in coded.closes.items()}
    pieces = re.split(r"(\{\d+\})", translated)
    positions: dict[int, int] = {}
    for i, piece in enumerate(pieces):
        m = TOKEN.fullmatch(piece)
        if m and int(m.group(1)) not in positions:
            positions[int(m.group(1))] = i
    placed: set[int] = set()
    stack: list[tuple[etree._Element, int | None]] = [(target, None)]  # (element, opening token)
    for i, piece in enumerate(pieces):
        m = TOKEN.fullmatch(piece)
        n = int(m.group(1)) if m else None
        parent = stack[-1][0]
        if n is None or (n not in coded.whole and n not in coded.opens and n not in coded.closes):
            _append_text(parent, piece)
        elif n in placed or positions.get(n) != i:
            continue  # a duplicate of a code already placed
        elif n in coded.whole:
            parent.append(copy.deepcopy(coded.whole[n]))
            placed.add(n)
        elif n in coded.opens:
            closing = close_of[n]
            if positions.get(closing, -1) > i:
                shell = copy.deepcopy(coded.opens[n])
                parent.append(shell)
                stack.append((shell, n))
                placed.add(n)
        elif stack[-1][1] == coded.closes[n]:
            stack.pop()
            placed.update({n})
    while len(stack) > 1:  # an opening whose closing came inside another pair: close it here
        _, opened = stack.pop()
        if opened is not None:
            placed.add(close_of[opened])
    notes = []
    for n in sorted(coded.whole):
        if n not in placed:
            target.append(copy.deepcopy(coded.whole[n]))
            notes.append(
                f"inline-code-missing: {label(coded.whole[n])} dropped by the engine, "
                "put back at the end"
            )
    for n in sorted(coded.opens):
        if n not in placed or close_of[n] not in placed:
            if n not in placed:
                target.append(copy.deepcopy(coded.opens[n]))
            notes.append(
                f"inline-code-missing: {label(coded.opens[n])} pair broken by the engine, "
                "put back at the end"
            )
    return notes


def qa_text(elem) -> str:
    """Text of ``elem`` as QA reads it: each standalone code a mark, paired codes around text."""
    if elem is None:
        return ""
    coded = to_placeholders(elem)
    codes = {**coded.whole, **coded.opens, **coded.closes}

    def mark(m: re.Match) -> str:
        n = int(m.group(1))
        return m.group(0) if n not in codes else (QA_MARK if n in coded.whole else "")

    # a code at either end separates nothing: left out, so end punctuation is read as written
    return TOKEN.sub(mark, coded.text).strip(QA_MARK)


def has_content(elem) -> bool:
    """A target counts as filled when it has text or codes; empty segment markers (the
    ``<mrk mtype="seg"/>`` shells a CAT tool prepares) do not count."""
    if elem is None:
        return False
    if "".join(elem.itertext()).strip():
        return True
    return any(local(e) != "mrk" for e in elem.iter() if e is not elem and isinstance(e.tag, str))


def code_list(elem) -> str:
    """The inline codes under ``elem`` as "g#1 x#2" (name#id, document order), for QA's markup
    check to compare source and target. Segment markers (``<mrk mtype="seg">``, Trados and Okapi
    segmentation: the target has them, the plain <source> does not) are structure, not codes."""
    if elem is None:
        return ""
    return " ".join(
        f"{local(e)}#{e.get('id') or e.get('i') or e.get('x') or ''}"
        for e in elem.iterdescendants()
        if isinstance(e.tag, str) and not (local(e) == "mrk" and e.get("mtype") == "seg")
    )
