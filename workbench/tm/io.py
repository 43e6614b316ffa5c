"""Bringing translation units into the TM and writing them back out as TMX 1.4.

TMX is read with lxml's streaming parser (no DTD, no entities, no network), so a multilingual TMX
of millions of units imports in bounded memory and yields one unit per target language. Every
other bilingual format wb reads (XLIFF, PO, TSV/CSV/JSONL) comes through wb's readers; units keep
the previous and next source segment of the file they came from, for in-context matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..errors import InputError
from .store import TMUnit, TranslationMemory, base_of

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}  # native codes inside a TMX seg: not text


def tmx_date(value: str | None) -> str | None:
    """TMX's 20210315T101500Z as ISO 8601 (2021-03-15T10:15:00Z); other forms kept as they are."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z", value.strip())
    return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6]}Z" if m else value.strip()


def to_tmx_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z", value)
    return f"{m[1]}{m[2]}{m[3]}T{m[4]}{m[5]}{m[6]}Z" if m else None


def _seg_text(seg) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in _INLINE_CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> Iterator[TMUnit]:
    """Units of a TMX file: source → every other language (or only ``target_lang``)."""
    from lxml import etree

    path = str(path)
    srclang = source_lang
    try:
        context = etree.iterparse(
            path,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,
        )
        for event, el in context:
            if event == "start":
                if el.tag == "header" and not srclang:
                    srclang = el.get("srclang")
                continue
            if el.tag != "tu":
                continue
            yield from _tu_units(el, path, srclang, target_lang)
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise InputError.at(path, line, column, f"cannot read TMX: {exc.msg}") from None


def _tu_units(tu, path: str, srclang: str | None, target_lang: str | None) -> Iterator[TMUnit]:
    from lxml import etree

    for ref in tu.iter(etree.Entity):  # never expanded: the text would be stored as "&name;"
        raise InputError.at(path, ref.sourceline or 1, 1,
                            f"entity reference {ref.text} is not expanded (a DOCTYPE entity); "
                            "replace it with its text")
    props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
    segs: dict[str, str] = {}
    for tuv in tu.findall("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang")
        seg = tuv.find("seg")
        if lang and seg is not None:
            segs.setdefault(lang, _seg_text(seg))
    if not segs:
        return
    src = next(
        (
            lang
            for lang in segs
            if srclang and srclang != "*all*" and base_of(lang) == base_of(srclang)
        ),
        None,
    )
    if src is None:
        if srclang and srclang != "*all*":
            return  # this unit has no segment in the source language
        src = next(iter(segs))
    origin = props.pop("x-wb-origin", None) or Path(path).name
    prev, nxt = props.pop("x-wb-context-prev", None), props.pop("x-wb-context-next", None)
    props.pop("x-wb-alternative", None)
    for lang, text in segs.items():
        if lang == src or (target_lang and base_of(lang) != base_of(target_lang)):
            continue
        yield TMUnit(
            source=segs[src],
            target=text,
            src_lang=src,
            tgt_lang=lang,
            created=tmx_date(tu.get("creationdate")),
            changed=tmx_date(tu.get("changedate")),
            creator=tu.get("changeid") or tu.get("creationid"),
            origin=origin,
            props=dict(props),
            prev=prev,
            next=nxt,
        )


def read_units(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> Iterator[TMUnit]:
    """Units of any bilingual file wb reads: TMX streamed, the rest through wb's readers."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tmx":
        yield from read_tmx(path, source_lang=source_lang, target_lang=target_lang)
        return
    sources, targets = _read_pairs(path)
    src, tgt = source_lang, target_lang
    if not src or not tgt:
        from ..bilingual import detect_language_code

        src = src or (detect_language_code(sources[:200]))
        tgt = tgt or (detect_language_code(targets[:200]))
    for i, (s, t) in enumerate(zip(sources, targets)):
        yield TMUnit(
            source=s,
            target=t,
            src_lang=src,
            tgt_lang=tgt,
            origin=path.name,
            prev=sources[i - 1] if i else "",
            next=sources[i + 1] if i + 1 < len(sources) else "",
        )


def _read_pairs(path: Path) -> tuple[list[str], list[str]]:
    if path.suffix.lower() == ".po":
        from translate.storage import factory

        try:
            store = factory.getobject(str(path))
        except Exception as exc:  # noqa: BLE001 - translate-toolkit raises many kinds; all mean bad input
            raise InputError.at(str(path), 0, 0, f"cannot read PO: {exc}") from None
        units = [u for u in store.units if not u.isheader() and u.source]
        return [str(u.source) for u in units], [str(u.target or "") for u in units]
    from ..bilingual import read_bilingual

    frame = read_bilingual(path)
    return frame["source"].fill_null("").to_list(), frame["target"].fill_null("").to_list()


MACHINE_QUALIFIERS = {"leveraged-mt", "mt-suggestion"}
UNREVIEWED_STATES = {
    "new",
    "needs-translation",
    "needs-review-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-adaptation",
    "needs-review-l10n",
    "initial",
}


def reviewed_units(path: str | Path, *, source_lang: str, target_lang: str) -> Iterator[TMUnit]:
    """The units of a file a person has translated or reviewed: machine translation still waiting
    for review (XLIFF needs-review-translation/initial or an MT state-qualifier, PO fuzzy) stays out
    of the memory."""
    skip = _unreviewed_sources(Path(path))
    for unit in read_units(path, source_lang=source_lang, target_lang=target_lang):
        if unit.source not in skip:
            yield unit


def _child(elem, name: str):
    return next((c for c in elem if isinstance(c.tag, str) and _local(c) == name), None)


def _local(elem) -> str:
    return elem.tag.rsplit("}", 1)[-1] if isinstance(elem.tag, str) else ""


def _unreviewed_sources(path: Path) -> set[str]:
    suffix = path.suffix.lower()
    if suffix == ".po":
        from translate.storage import factory

        return {str(u.source) for u in factory.getobject(str(path)).units if u.isfuzzy()}
    if suffix not in (".xlf", ".xliff", ".sdlxliff", ".mqxliff"):
        return set()
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    out = set()
    for elem in etree.parse(str(path), parser).getroot().iter():
        name = _local(elem)
        if name == "trans-unit":  # XLIFF 1.2: the state sits on <target>
            target = _child(elem, "target")
            unreviewed = (
                target is None
                or target.get("state") in UNREVIEWED_STATES
                or (target.get("state-qualifier") in MACHINE_QUALIFIERS)
            )
        elif name == "segment":  # XLIFF 2.0: on <segment>, initial by default
            unreviewed = elem.get("state", "initial") in UNREVIEWED_STATES
        else:
            continue
        source = _child(elem, "source")
        if unreviewed and source is not None:
            out.add("".join(source.itertext()))
    return out


def import_files(
    tm: TranslationMemory,
    paths: list[Path],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
):
    """Import files into ``tm``; per-file statistics."""
    return [
        (p, tm.add(read_units(p, source_lang=source_lang, target_lang=target_lang))) for p in paths
    ]


def write_tmx(tm: TranslationMemory, out, *, include_alternatives: bool = True) -> int:
    """Write the TM as TMX 1.4 (valid against the TMX 1.4 DTD) to a text stream; units written."""
    srclangs = [row[0] for row in tm.db.execute("SELECT DISTINCT src_lang FROM units LIMIT 2")]
    srclang = srclangs[0] if len(srclangs) == 1 else "*all*"
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
    out.write(
        f'  <header creationtool="wb" creationtoolversion={quoteattr(__version__)}'
        f' segtype="sentence" o-tmf="wb-sqlite" adminlang="en" srclang={quoteattr(srclang)}'
        ' datatype="plaintext"/>\n  <body>\n'
    )
    count = 0
    for unit in tm.units():
        count += _write_tu(out, unit, f"{unit.id}", {})
        if include_alternatives:
            for i, alt in enumerate(tm.alternatives_of(unit.id or 0), 1):
                count += _write_tu(out, alt, f"{unit.id}.{i}", {"x-wb-alternative": "yes"})
    out.write("  </body>\n</tmx>\n")
    return count


def _write_tu(out, unit: TMUnit, tuid: str, extra: dict[str, str]) -> int:
    attrs = f" tuid={quoteattr(tuid)}"
    for name, value in (
        ("creationdate", to_tmx_date(unit.created)),
        ("changedate", to_tmx_date(unit.changed)),
    ):
        if value:
            attrs += f" {name}={quoteattr(value)}"
    if unit.creator:
        attrs += f" changeid={quoteattr(_xml_safe(unit.creator))}"
    props = {**unit.props, **extra}
    if unit.origin:
        props["x-wb-origin"] = unit.origin
    if unit.prev:
        props["x-wb-context-prev"] = unit.prev
    if unit.next:
        props["x-wb-context-next"] = unit.next
    out.write(f"    <tu{attrs}>\n")
    for key, value in props.items():
        out.write(
            f"      <prop type={quoteattr(_xml_safe(key))}>{escape(_xml_safe(value))}</prop>\n"
        )
    for lang, text in ((unit.src_lang, unit.source), (unit.tgt_lang, unit.target)):
        out.write(
            f"      <tuv xml:lang={quoteattr(lang)}><seg>{escape(_xml_safe(text))}</seg></tuv>\n"
        )
    out.write("    </tu>\n")
    return 1


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold control characters: drop them rather than write an unreadable file."""
    return _XML_ILLEGAL.sub("", text)
