"""XLIFF 1.2 and 2.0, read and filled in place with lxml: every <file>, note, context group,
alt-trans, inline code and attribute the CAT tool wrote stays as it was.

Machine translation is never marked approved: 1.2 targets get
``state="needs-review-translation" state-qualifier="leveraged-mt"``; 2.0 segments
``state="initial"`` (the standard's state for an unreviewed suggestion).
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from ..errors import UsageError
from ..inline import code_list, has_content, qa_text, restore, to_placeholders
from .registry import Root, Slot, Store, parse_xml, register, same_language, serialize

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"  # XLIFF 2.0 Translation Candidates module
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LOCKED = {"true", "yes", "locked", "1"}
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"  # Trados's per-segment status (conf, locked)


def _no_translate(elem, stop: str) -> bool:
    """translate="no" on the element or an ancestor up to the <file>."""
    while elem is not None:
        if elem.get("translate") == "no":
            return True
        if etree.QName(elem).localname == stop:
            return False
        elem = elem.getparent()
    return False


def _locked(elem) -> bool:
    return any(
        etree.QName(k).localname == "locked" and v.lower() in LOCKED for k, v in elem.attrib.items()
    )


def _in_file(elem, ident: str | None, attribute: str) -> str | None:
    """A unit id prefixed by its <file>'s name, where a document has several <file>s (each
    numbers its units from 1, so the id alone is ambiguous)."""
    parent = elem.getparent()
    while parent is not None and etree.QName(parent).localname != "file":
        parent = parent.getparent()
    name = parent.get(attribute) if parent is not None else None
    return f"{name}#{ident}" if name and ident else ident


def place_after(anchor, new) -> None:
    """Insert ``new`` right after ``anchor``, indented like its siblings."""
    before = anchor.getprevious()
    indent = before.tail if before is not None else anchor.getparent().text
    new.tail = anchor.tail
    if anchor.getnext() is None and indent and not indent.strip():
        anchor.tail = indent
    anchor.addnext(new)


def _restore_into(coded, elem, text: str) -> list[str]:
    return restore(coded, text, elem)


def nmtoken(value: str, fallback: str) -> str:
    """An XML NMTOKEN from an id (spaces and other characters become '_')."""
    token = re.sub(r"[^\w.\-:]", "_", value or "")
    return token or fallback


class XmlStore(Store):
    def __init__(self, path: Path, tree, original: bytes | None = None):
        self.path, self.tree, self.root = path, tree, tree.getroot()
        self.ns = etree.QName(self.root).namespace
        self.original = original  # the file's bytes: its prolog is written back as it was

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    @classmethod
    def load(cls, path: Path) -> Store:
        return cls(path, *parse_xml(path))

    def to_bytes(self) -> bytes:
        return serialize(self.tree, self.original)


@register
class Xliff12(XmlStore):
    id = "xliff"
    label = "XLIFF 1.2"
    extensions = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")

    @classmethod
    def accepts(cls, root: Root | None) -> bool:
        return (
            root is not None
            and root.name == "xliff"
            and not root.version.startswith("2")
            and not root.namespace.startswith("urn:oasis:names:tc:xliff:document:2")
        )

    def units(self):
        return self.root.iter(self.q("trans-unit"))

    def languages(self):
        first = self.root.find(self.q("file"))
        return (
            (None, None)
            if first is None
            else (first.get("source-language"), first.get("target-language"))
        )

    def rows(self, target_lang=None):
        rows = []
        several = len(self.root.findall(self.q("file"))) > 1
        for n, tu in enumerate(self.units(), 1):
            if _no_translate(tu, "file"):
                continue
            source, target = tu.find(self.q("source")), tu.find(self.q("target"))
            rows.append(
                {
                    "segment": n,
                    "id": _in_file(tu, tu.get("id"), "original") if several else tu.get("id"),
                    "source": qa_text(source),
                    "target": qa_text(target),
                    "source_codes": code_list(source),
                    "target_codes": code_list(target),
                }
            )
        return rows

    def _check_languages(self, target: str) -> None:
        for f in self.root.iter(self.q("file")):
            declared = f.get("target-language")
            if declared and not same_language(declared, target):
                raise UsageError(
                    f'{self.path}: <file original="{f.get("original")}"> declares '
                    f"target-language {declared}, not {target}"
                )
            if not declared:
                f.set("target-language", target)

    def slots(self, source, target, overwrite=False):
        self._check_languages(target)
        out = []
        for tu in self.units():
            if _no_translate(tu, "file") or (_locked(tu) and not overwrite):
                continue
            old = tu.find(self.q("target"))
            if tu.get("approved") == "yes" and not overwrite:
                continue
            out += self._unit_slots(tu, old, overwrite)
        return out

    def _new_target(self, tu, old):
        new = etree.Element(self.q("target"), nsmap=None)
        if old is not None:
            for k, v in old.attrib.items():
                if k not in ("state", "state-qualifier", "phase-name"):
                    new.set(k, v)
            new.tail = old.tail
            tu.replace(old, new)
        else:
            seg_source = tu.find(self.q("seg-source"))
            place_after(seg_source if seg_source is not None else tu.find(self.q("source")), new)
        new.set("state", "needs-review-translation")
        new.set("state-qualifier", "leveraged-mt")
        if tu.get("approved") == "yes":
            tu.set("approved", "no")
        return new

    def _unit_slots(self, tu, old, overwrite: bool) -> list[Slot]:
        source = tu.find(self.q("source"))
        if source is None:
            return []
        seg_source = tu.find(self.q("seg-source"))
        marks = (
            [m for m in seg_source.iter(self.q("mrk")) if m.get("mtype") == "seg"]
            if seg_source is not None
            else []
        )
        if not marks and has_content(old) and not overwrite:
            return []
        if not marks:
            coded = to_placeholders(source)
            return [
                Slot(
                    coded.text,
                    lambda text: restore(coded, text, self._new_target(tu, old)),
                    coded.has_words,
                    functools.partial(self._annotate, tu),
                )
            ]
        # Segmented source (Trados, Okapi): the target mirrors <seg-source>, one <mrk> per segment;
        # a segment already translated keeps its translation unless overwrite.
        done = (
            {}
            if old is None or overwrite
            else {
                m.get("mid"): m
                for m in old.iter(self.q("mrk"))
                if m.get("mtype") == "seg" and has_content(m)
            }
        )
        trados = {d.get("id"): d for d in tu.iter(f"{{{SDL}}}seg")}
        locked = (
            set()
            if overwrite
            else {mid for mid, d in trados.items() if (d.get("locked") or "") in LOCKED}
        )
        if all(m.get("mid") in done or m.get("mid") in locked for m in marks):
            return []
        elem = self._new_target(tu, old)
        elem.text = seg_source.text
        for child in seg_source:
            elem.append(copy.deepcopy(child))
        targets = {m.get("mid"): m for m in elem.iter(self.q("mrk")) if m.get("mtype") == "seg"}
        slots = []
        for mark in marks:
            shell = targets.get(mark.get("mid"))
            if shell is None:
                continue
            shell.text = None
            for child in list(shell):
                shell.remove(child)
            if mark.get("mid") in done or mark.get("mid") in locked:
                kept = done.get(mark.get("mid"))
                if kept is not None:
                    shell.text = kept.text
                    for child in kept:
                        shell.append(copy.deepcopy(child))
                continue
            if mark.get("mid") in trados:  # Trados's own segment status: a draft from MT
                trados[mark.get("mid")].set("conf", "Draft")
                trados[mark.get("mid")].set("origin", "mt")
            coded = to_placeholders(mark)
            slots.append(
                Slot(coded.text, functools.partial(_restore_into, coded, shell), coded.has_words,
                     functools.partial(self._annotate, tu, mid=mark.get("mid")))
            )
        return slots

    def _annotate(self, tu, origin: str, score: int, offers, mid: str | None = None) -> None:
        """Translation-memory provenance: a TM exact match is `translated` + `exact-match` (never
        approved); fuzzy matches are offered as <alt-trans match-quality> (with ``mid`` for a
        segment of a segmented unit)."""
        target = tu.find(self.q("target"))
        if origin in ("tm-exact", "tm-context") and target is not None and mid is None:
            target.set("state", "translated")
            target.set("state-qualifier", "exact-match")
        for quality, src, tgt in offers:
            attrs = {"match-quality": str(quality), "origin": "wb-tm"}
            alt = etree.SubElement(tu, self.q("alt-trans"), attrs)
            if mid is not None:
                alt.set("mid", mid)
            etree.SubElement(alt, self.q("source")).text = src
            etree.SubElement(alt, self.q("target")).text = tgt

    @classmethod
    def build(cls, rows, source, target, machine=True):
        E = ElementMaker(namespace=NS12, nsmap={None: NS12})
        body = E.body()
        for n, row in enumerate(rows, 1):
            tu = E(
                "trans-unit",
                E.source(row.get("source") or ""),
                id=nmtoken(str(row.get("id") or n), str(n)),
            )
            if row.get("target"):
                tgt = E.target(row["target"])
                if machine:
                    tgt.set("state", "needs-review-translation")
                    tgt.set("state-qualifier", "leveraged-mt")
                tu.append(tgt)
            body.append(tu)
        root = E.xliff(
            E.file(
                body,
                original=str(rows[0].get("file") or "wb") if rows else "wb",
                datatype="plaintext",
                **{"source-language": source, "target-language": target},
            ),
            version="1.2",
        )
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@register
class Xliff20(XmlStore):
    id = "xliff2"
    label = "XLIFF 2.0"
    extensions = (".xlf", ".xliff")

    @classmethod
    def accepts(cls, root: Root | None) -> bool:
        return (
            root is not None
            and root.name == "xliff"
            and (
                root.version.startswith("2")
                or root.namespace.startswith("urn:oasis:names:tc:xliff:document:2")
            )
        )

    def languages(self):
        return self.root.get("srcLang"), self.root.get("trgLang")

    def _segments(self):
        for unit in self.root.iter(self.q("unit")):
            segments = unit.findall(self.q("segment"))
            for segment in segments:
                yield unit, segment, len(segments) > 1

    def rows(self, target_lang=None):
        rows = []
        files = len(self.root.findall(self.q("file"))) > 1
        for n, (unit, segment, several) in enumerate(self._segments(), 1):
            if _no_translate(unit, "file"):
                continue
            uid = _in_file(unit, unit.get("id"), "id") if files else unit.get("id")
            if several and segment.get("id"):
                uid = f"{uid}/{segment.get('id')}"
            source, target = segment.find(self.q("source")), segment.find(self.q("target"))
            rows.append(
                {
                    "segment": n,
                    "id": uid,
                    "source": qa_text(source),
                    "target": qa_text(target),
                    "source_codes": code_list(source),
                    "target_codes": code_list(target),
                }
            )
        return rows

    def slots(self, source, target, overwrite=False):
        declared = self.root.get("trgLang")
        if declared and not same_language(declared, target):
            raise UsageError(f"{self.path}: <xliff> declares trgLang {declared}, not {target}")
        if not declared:
            self.root.set("trgLang", target)
        out = []
        for unit, segment, _ in self._segments():
            if _no_translate(unit, "file"):
                continue
            old = segment.find(self.q("target"))
            if (has_content(old) or segment.get("state") == "final") and not overwrite:
                continue
            src = segment.find(self.q("source"))
            if src is None:
                continue
            coded = to_placeholders(src)
            out.append(
                Slot(
                    coded.text,
                    lambda text, c=coded, s=segment, o=old: self._fill(c, s, o, text),
                    coded.has_words,
                    functools.partial(self._annotate, unit, segment),
                )
            )
        return out

    def _annotate(self, unit, segment, origin: str, score: int, offers) -> None:
        """Translation-memory provenance: a TM exact match is `translated` with subState
        wb:tm-exact (or wb:tm-context); fuzzy matches go to the Translation Candidates module
        (<mtc:matches>) at the start of the unit, each pointing at its segment."""
        if origin in ("tm-exact", "tm-context"):
            segment.set("state", "translated")
            segment.set("subState", f"wb:{origin}")
        if not offers:
            return
        if not segment.get("id"):
            used = {s.get("id") for s in unit.iter(self.q("segment"))}
            segment.set("id", next(f"s{i}" for i in range(1, len(used) + 2) if f"s{i}" not in used))
        matches = unit.find(f"{{{MTC}}}matches")
        if matches is None:
            matches = etree.Element(f"{{{MTC}}}matches", nsmap={"mtc": MTC})
            unit.insert(0, matches)
        for quality, src, tgt in offers:
            attrs = {"ref": f"#{segment.get('id')}", "similarity": f"{quality:.1f}", "type": "tm",
                     "origin": "wb-tm"}
            match = etree.SubElement(matches, f"{{{MTC}}}match", attrs)
            etree.SubElement(match, self.q("source")).text = src
            etree.SubElement(match, self.q("target")).text = tgt

    def _fill(self, coded, segment, old, text):
        new = etree.Element(self.q("target"))
        current = segment.find(self.q("target"))
        if current is not None:
            for k, v in current.attrib.items():
                new.set(k, v)
            new.tail = current.tail
            segment.replace(current, new)
        else:
            place_after(segment.find(self.q("source")), new)
        segment.set("state", "initial")
        segment.attrib.pop("subState", None)
        return restore(coded, text, new)

    @classmethod
    def build(cls, rows, source, target, machine=True):
        E = ElementMaker(namespace=NS20, nsmap={None: NS20})
        f = E.file(id="f1")
        seen: set[str] = set()
        for n, row in enumerate(rows, 1):
            uid = nmtoken(str(row.get("id") or n), f"u{n}")
            while uid in seen:
                uid += f"_{n}"
            seen.add(uid)
            segment = E.segment(E.source(row.get("source") or ""))
            if row.get("target"):
                segment.append(E.target(row["target"]))
                segment.set("state", "initial" if machine else "translated")
            f.append(E.unit(segment, id=uid))
        root = E.xliff(f, version="2.0", srcLang=source, trgLang=target)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
