"""TMX 1.4, read and filled in place with lxml.

The source is the ``tuv`` in ``--from`` (else the header's ``srclang``), the target the ``tuv`` in
``--to``: with more than two languages the right one is picked by language, not by position. A
machine-translated ``tuv`` carries ``<prop type="x-wb-origin">machine-translation</prop>``.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from lxml import etree
from lxml.builder import ElementMaker

from .. import __version__
from ..inline import code_list, has_content, qa_text, restore, to_placeholders
from .registry import Root, Slot, register
from .xliff import XML_LANG, XmlStore, place_after

MT_PROP = "x-wb-origin"


def _lang(tuv) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def _match(tuvs, lang: str):
    """The tuv in ``lang``: an exact tag first, then the same primary language."""
    lang = lang.replace("_", "-").lower()
    for tuv in tuvs:
        if _lang(tuv).replace("_", "-").lower() == lang:
            return tuv
    for tuv in tuvs:
        if _lang(tuv).replace("_", "-").lower().split("-")[0] == lang.split("-")[0]:
            return tuv
    return None


@register
class Tmx(XmlStore):
    id = "tmx"
    label = "TMX"
    extensions = (".tmx",)

    @classmethod
    def accepts(cls, root: Root | None) -> bool:
        return root is not None and root.name == "tmx"

    @property
    def srclang(self) -> str:
        header = self.root.find(self.q("header"))
        lang = header.get("srclang") if header is not None else None
        return "" if not lang or lang == "*all*" else lang

    def languages(self):
        return self.srclang or None, None

    def _pair(self, tu, source: str | None, target: str | None):
        tuvs = tu.findall(self.q("tuv"))
        src = _match(tuvs, source) if source else None
        if src is None and self.srclang:
            src = _match(tuvs, self.srclang)
        if src is None and tuvs:
            src = tuvs[0]
        others = [t for t in tuvs if t is not src]
        tgt = _match(others, target) if target else (others[0] if others else None)
        return src, tgt

    def rows(self, target_lang=None):
        rows = []
        for n, tu in enumerate(self.root.iter(self.q("tu")), 1):
            src, tgt = self._pair(tu, None, target_lang)
            seg = src.find(self.q("seg")) if src is not None else None
            tseg = tgt.find(self.q("seg")) if tgt is not None else None
            rows.append(
                {
                    "segment": n,
                    "id": tu.get("tuid"),
                    "source": qa_text(seg),
                    "target": qa_text(tseg),
                    "source_codes": code_list(seg),
                    "target_codes": code_list(tseg),
                }
            )
        return rows

    def slots(self, source, target, overwrite=False):
        out = []
        for tu in self.root.iter(self.q("tu")):
            src, tgt = self._pair(tu, source, target)
            seg = src.find(self.q("seg")) if src is not None else None
            if seg is None or (
                tgt is not None and has_content(tgt.find(self.q("seg"))) and not overwrite
            ):
                continue
            coded = to_placeholders(seg)
            out.append(
                Slot(
                    coded.text,
                    lambda text, c=coded, u=tu, o=tgt: self._fill(c, u, o, target, text),
                    coded.has_words,
                    functools.partial(self._annotate, tu, target),
                )
            )
        return out

    def _annotate(self, tu, lang: str, origin: str, score: int, offers) -> None:
        """Translation-memory provenance on the filled <tuv>: its x-wb-origin prop says
        translation-memory (with the score) instead of machine-translation. Fuzzy offers have no
        place in a TMX unit and are left out."""
        if origin not in ("tm-exact", "tm-context"):
            return
        _src, tuv = self._pair(tu, None, lang)
        prop = tuv.find(self.q("prop")) if tuv is not None else None
        if prop is not None and prop.get("type") == MT_PROP:
            prop.text = f"translation-memory {origin} {score}%"

    def _fill(self, coded, tu, old, lang, text):
        tuv = etree.Element(self.q("tuv"))
        tuv.set(XML_LANG, _lang(old) if old is not None else lang)
        prop = etree.SubElement(tuv, self.q("prop"), type=MT_PROP)
        prop.text = "machine-translation"
        seg = etree.SubElement(tuv, self.q("seg"))
        if old is not None:
            tuv.tail = old.tail
            tu.replace(old, tuv)
        else:
            place_after(tu.findall(self.q("tuv"))[-1], tuv)
        return restore(coded, text, seg)

    @classmethod
    def build(cls, rows, source, target, machine=True):
        E = ElementMaker()
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        header = E.header(
            creationtool="wb",
            creationtoolversion=__version__,
            datatype="plaintext",
            segtype="sentence",
            adminlang="en",
            srclang=source,
            **{"o-tmf": "wb"},
            creationdate=stamp,
        )
        body = E.body()
        for n, row in enumerate(rows, 1):
            tu = E.tu(
                E.tuv(E.seg(row.get("source") or ""), **{XML_LANG: source}),
                tuid=str(row.get("id") or n),
            )
            if row.get("target"):
                tuv = E.tuv(**{XML_LANG: target})
                if machine:
                    tuv.append(E.prop("machine-translation", type=MT_PROP))
                tuv.append(E.seg(row["target"]))
                tu.append(tuv)
            body.append(tu)
        root = E.tmx(header, body, version="1.4")
        return etree.tostring(
            root,
            xml_declaration=True,
            encoding="UTF-8",
            pretty_print=True,
            doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        )
