"""Glossary exchange: TBX v3 (TBX-Basic, DCA) and the CSV/TSV glossaries MT vendors take.

Export writes only approved entries to the vendor formats (they have no status), and every entry to
TBX, which carries status, type, note and source, so that a TBX export re-imports to the same
entries. Import reads any of these into ``Entry`` objects; ``workbench.glossary.write_glossary_csv``
turns them into a glossary CSV to review.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .errors import InputError, UsageError
from .fileio import decode_utf8, read_input_bytes, row_length_problem
from .glossary import LANG_RE, TYPES, Entry, Glossary
from .language import Language
from .spreadsheet import neutralize_row
from .text import convert_script

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN_STATUS = {
    "canonical": "preferredTerm-admn-sts",
    "variant": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
DEEPL_MAX_ENTRY_BYTES = 1024
# Vendor language codes: our zh column is Taiwan-standard Traditional Chinese.
VENDOR_CODES = {"zh": "zh-TW"}


def vendor_code(lang: str) -> str:
    return VENDOR_CODES.get(lang, lang)


def wb_lang(code: str) -> str:
    """Map a vendor/BCP 47 code back to a glossary column: zh-TW, zh-Hant → zh; en-US → en;
    pt-BR → pt-br."""
    try:
        return Language.parse(code).glossary_columns[0]
    except UsageError:  # a code wb does not know: keep it as written, lint and review see it
        return code.strip().replace("_", "-").lower()


# ---------------------------------------------------------------- export

def _approved(glossary: Glossary) -> Iterator[Entry]:
    return (e for e in glossary.entries if e.status == "approved")


# Exporters by format id: (glossary, source, target, languages, script) -> an iterator of pieces
# of text, written one after another (every format is streamed). Vendors get approved entries only (they have no status); TBX carries
# every entry with its status.
EXPORTERS = {
    "tbx": lambda g, s, t, langs, script: iter_tbx(g, 3),
    "tbx2": lambda g, s, t, langs, script: iter_tbx(g, 2),
    "deepl": lambda g, s, t, langs, script: _two_columns(_approved(g), s, t, delimiter=",", script=script),
    "google": lambda g, s, t, langs, script: _term_sets(_approved(g), langs or [s, t], description=True,
                                                        script=script),
    "amazon": lambda g, s, t, langs, script: _term_sets(_approved(g), langs or [s, t], description=False,
                                                        script=script),
    "omegat": lambda g, s, t, langs, script: _two_columns(_approved(g), s, t, delimiter="\t", comment=True,
                                                          script=script),
}
EXPORT_FORMATS = tuple(EXPORTERS)
IMPORT_FORMATS = ("auto", *EXPORT_FORMATS)


def export_glossary(glossary: Glossary, fmt: str, source: str = "zh", target: str = "en", languages=None,
                    *, simplified: bool = False) -> str:
    """``simplified``: a vendor glossary for Simplified Chinese (zh-CN): the zh column, written in
    Taiwan-standard Traditional, is converted with OpenCC t2s and labelled zh-CN."""
    return "".join(iter_export(glossary, fmt, source, target, languages, simplified=simplified))


def iter_export(glossary: Glossary, fmt: str, source: str = "zh", target: str = "en",
                languages=None, *, simplified: bool = False) -> Iterator[str]:
    """The export as pieces to write one after another (see ``export_glossary``)."""
    if fmt not in EXPORTERS:
        raise UsageError(f"unknown export format '{fmt}' (expected one of: {', '.join(EXPORT_FORMATS)})")
    text = EXPORTERS[fmt](glossary, source, target, languages, _SIMPLIFIED if simplified else _AS_IS)
    return iter([text]) if isinstance(text, str) else text


def _as_is(text: str, lang: str) -> str:
    return text


def _simplified(text: str, lang: str) -> str:
    return convert_script(text, "t2s") if lang == "zh" else text


_AS_IS, _SIMPLIFIED = _as_is, _simplified


# A streamed vendor export yields its rows in pieces of about this many characters: the output is
# never held whole (a 1M-entry glossary), and a piece per row would cost a write per row.
PIECE_CHARS = 1 << 16


class _RowPieces:
    """csv rows written into a small buffer that is handed out whenever it fills up."""

    def __init__(self, delimiter: str = ","):
        self._buf = io.StringIO()
        self.writerow = csv.writer(self._buf, delimiter=delimiter, lineterminator="\n").writerow

    def full(self) -> bool:
        return self._buf.tell() >= PIECE_CHARS

    def take(self) -> str:
        text = self._buf.getvalue()
        self._buf.seek(0)
        self._buf.truncate()
        return text


def _two_columns(entries, source, target, delimiter, comment=False, script=_as_is) -> Iterator[str]:
    """DeepL (CSV) and OmegaT (TSV with a comment column): one source term per row, streamed."""
    out = _RowPieces(delimiter)
    seen: set[str] = set()
    for e in entries:
        tgt = script(e.forms.get(target, ""), target)
        if not tgt:
            continue
        for src in dict.fromkeys(script(a, source) for a in e.allowed(source)):
            if src in seen:  # one target per source term: vendors reject duplicates
                continue
            if delimiter == "," and len(f"{src},{tgt}".encode()) > DEEPL_MAX_ENTRY_BYTES:
                continue
            seen.add(src)
            row = [src, tgt] + ([f"{e.id}: {e.note}".strip(": ")] if comment else [])
            out.writerow(row if delimiter == "\t" else neutralize_row(row))
        if out.full():
            yield out.take()
    yield out.take()


def _term_sets(entries, langs, description, script=_as_is) -> Iterator[str]:
    """Google and Amazon (CSV, one column per language), streamed."""
    out = _RowPieces()
    codes = [("zh-CN" if script is _simplified and lang == "zh" else vendor_code(lang)) for lang in langs]
    out.writerow(codes + (["description"] if description else []))
    for e in entries:
        forms = [script(e.forms.get(lang, ""), lang) for lang in langs]
        if sum(bool(f) for f in forms) < 2:
            continue
        out.writerow(neutralize_row(forms + ([e.id] if description else [])))
        if out.full():
            yield out.take()
    yield out.take()


# TBX v3 (ISO 30042:2019, DCA style) and v2 (TBX-Basic 2008, MARTIF) differ in element names only.
TBX_NAMES = {
    3: {"entry": "conceptEntry", "lang": "langSec", "term": "termSec"},
    2: {"entry": "termEntry", "lang": "langSet", "term": "tig"},
}


def export_tbx(glossary: Glossary, version: int = 3) -> str:
    """TBX-Basic, every entry. wb's own fields (entry type, status, romanization) travel as
    ``wb:key=value`` notes, since TBX-Basic has no data category for them; ``subjectField``
    carries only a real subject field."""
    return "".join(iter_tbx(glossary, version))


_BODY_MARK = "wb-body-of-entries"


def iter_tbx(glossary: Glossary, version: int = 3):
    """The TBX document in pieces, one concept at a time: a 1M-entry glossary never becomes one
    lxml tree (200k entries took 1.9 GB that way). Concepts are serialized without a namespace:
    inside the document they take the root's default namespace (TBX v3) or none (v2)."""
    names = TBX_NAMES[version]
    ns = TBX_NS if version == 3 else None
    E = lambda tag, text=None, **attrs: _el(tag, text, attrs, ns)
    if version == 3:
        root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS}, type="TBX-Basic", style="dca")
    else:
        root = etree.Element("martif", type="TBX-Basic")
    root.set(XML_LANG, "en")
    header = root.makeelement(_q("tbxHeader" if version == 3 else "martifHeader", ns), {})
    root.append(header)
    file_desc = E("fileDesc")
    header.append(file_desc)
    source_desc = E("sourceDesc")
    file_desc.append(source_desc)
    source_desc.append(E("p", "Exported by wb, the translation and terminology workbench"))
    if version == 2:
        encoding = E("encodingDesc")
        encoding.append(E("p", "TBXBasicXCSV02.xcs", type="XCSURI"))
        header.append(encoding)
    text = E("text")
    root.append(text)
    body = E("body")
    text.append(body)
    body.append(etree.Comment(_BODY_MARK))
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                         doctype=None if version == 3 else '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">')
    head, tail = xml.decode("utf-8").split(f"<!--{_BODY_MARK}-->\n")
    opening = head.rstrip(" ")
    yield opening
    indent = head[len(opening):]  # the concepts' depth, as pretty_print would indent them
    for e in glossary.entries:
        concept = _concept(e, glossary.languages, names)
        etree.indent(concept, space="  ", level=len(indent) // 2)
        yield indent + etree.tostring(concept, encoding="unicode") + "\n"
    yield tail


def _concept(e: Entry, languages, names):
    """One entry as a namespace-less conceptEntry (v3) or termEntry (v2) element."""
    E = lambda tag, text=None, **attrs: _el(tag, text, attrs, None)
    concept = E(names["entry"], id=e.id)
    if e.subject_field:
        concept.append(E("descrip", e.subject_field, type="subjectField"))
    if e.source:
        concept.append(E("admin", e.source, type="source"))
    if e.note:
        concept.append(E("note", e.note))
    for key, value in (("type", e.type), ("status", e.status if e.status == "proposed" else ""),
                       ("romanization", e.romanization), ("region", e.region), ("match", e.match),
                       ("case_sensitive", "true" if e.case_sensitive else "")):
        if value:
            concept.append(E("note", f"wb:{key}={value}"))
    for lang in languages:
        terms = [(e.forms.get(lang), "superseded" if e.status == "deprecated" else "canonical")]
        terms += [(v, "variant") for v in e.variants.get(lang, [])]
        terms += [(f, "forbidden") for f in e.forbidden.get(lang, [])]
        terms = [(t, role) for t, role in terms if t]
        if not terms:
            continue
        lang_sec = E(names["lang"])
        lang_sec.set(XML_LANG, vendor_code(lang))
        concept.append(lang_sec)
        for term, role in terms:
            term_sec = E(names["term"])
            lang_sec.append(term_sec)
            term_sec.append(E("term", term))
            term_sec.append(E("termNote", ADMIN_STATUS[role], type="administrativeStatus"))
    return concept


def _q(tag: str, ns: str | None) -> str:
    return f"{{{ns}}}{tag}" if ns else tag


def _el(tag, text, attrs, ns=TBX_NS):
    el = etree.Element(_q(tag, ns), **attrs)
    if text is not None:
        el.text = text
    return el


# ---------------------------------------------------------------- import

def import_glossary(path: str | Path, fmt: str = "auto", source: str = "zh", target: str = "en",
                    kind: str = "term", status: str = "proposed") -> list[Entry]:
    """Read a TBX or vendor glossary into entries (headerless formats need source/target)."""
    path = Path(path)
    data = read_input_bytes(path)
    if fmt == "auto":
        fmt = _detect(path, data)
    if fmt not in IMPORTERS:
        raise UsageError(f"unknown import format '{fmt}' (expected one of: {', '.join(IMPORT_FORMATS)})")
    try:
        return IMPORTERS[fmt](path, data, source, target, kind, status)
    except csv.Error as exc:  # a stray carriage return, an unterminated quote
        raise InputError.at(str(path), 0, 0, f"unreadable CSV: {exc}") from None


def _import_two_columns(path: Path, data: bytes, source, target, kind, status) -> list[Entry]:
    tab = path.suffix.lower() in (".tsv", ".txt", ".utf8")
    return _read_two_columns(_text(data, str(path)), str(path), "\t" if tab else ",", source, target,
                             kind, status)


def _import_omegat(path: Path, data: bytes, source, target, kind, status) -> list[Entry]:
    return _read_two_columns(_text(data, str(path)), str(path), "\t", source, target, kind, status)


def _import_term_sets(path: Path, data: bytes, source, target, kind, status) -> list[Entry]:
    return _read_term_sets(_text(data, str(path)), str(path), kind, status)


def _import_tbx(path: Path, data: bytes, source, target, kind, status) -> list[Entry]:
    return read_tbx(data, str(path))


# Importers by format id: (path, bytes, source, target, kind, status) -> entries.
IMPORTERS = {"tbx": _import_tbx, "tbx2": _import_tbx, "deepl": _import_two_columns,
             "google": _import_term_sets, "amazon": _import_term_sets, "omegat": _import_omegat}


def _text(data: bytes, path: str) -> str:
    return decode_utf8(data, path)


def _detect(path: Path, data: bytes) -> str:
    if path.suffix.lower() in (".tbx", ".xml") or data.lstrip().startswith(b"<"):
        return "tbx"
    first = _text(data, str(path)).splitlines()[0] if data.strip() else ""
    delimiter = "\t" if "\t" in first else ","
    cells = [c.strip() for c in next(csv.reader([first], delimiter=delimiter), [])]
    if cells and all(LANG_RE.match(c.lower()) or c.lower() in ("pos", "description") for c in cells):
        return "google"
    return "omegat" if delimiter == "\t" else "deepl"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "term"


def _new_id(prefix: str, text: str, used: set[str]) -> str:
    base = f"{prefix}.{_slug(text)}"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


HEADER_WORDS = {"source", "target", "term", "terms", "translation", "source term", "target term"}


def _is_header(row: list[str], source: str, target: str) -> bool:
    """A first row naming the columns (``zh-TW,en``, ``source,target``), not a term pair."""
    cells = [c.strip().lower() for c in row[:2]]
    if len(cells) < 2:
        return False
    return all(c in HEADER_WORDS for c in cells) or [wb_lang(c) for c in cells] == [source, target]


def _read_two_columns(text, path, delimiter, source, target, kind, status) -> list[Entry]:
    entries: list[Entry] = []
    used: set[str] = set()
    first = True
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        line_no = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # an unterminated quote would otherwise swallow the rest silently
            raise InputError.at(path, line_no, 1, f"unreadable CSV: {exc}") from None
        if not row or all(not c.strip() for c in row):
            continue
        if first and _is_header(row, source, target):
            first = False
            continue
        first = False
        if len(row) < 2:
            raise InputError.at(path, line_no, len(row) + 1, f"expected at least 2 columns ({source}, {target}), found {len(row)}")
        src, tgt = row[0].strip(), row[1].strip()
        note = row[2].strip() if len(row) > 2 else ""
        entries.append(Entry(
            id=_new_id(kind, tgt if target == "en" else src, used), type=kind, status=status,
            forms={source: src, target: tgt}, variants={}, forbidden={},
            note=note or f"imported from {Path(path).name}", file=path, line=line_no,
        ))
    if not entries:
        raise InputError.at(path, 1, 1, f"no entries: expected rows of '{source}{delimiter}{target}'")
    return entries


def _read_term_sets(text, path, kind, status) -> list[Entry]:
    if not text.strip():
        raise InputError.at(path, 1, 1, "empty file: expected a header row of language codes")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t" if "\t" in text.splitlines()[0] else ","))
    header = [c.strip() for c in rows[0]]
    langs = {i: wb_lang(c) for i, c in enumerate(header) if c.lower() not in ("pos", "description")}
    desc = header.index("description") if "description" in header else None
    entries, used = [], set()
    for line_no, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        bad_length = row_length_problem(path, line_no, row, header)
        if bad_length:
            raise InputError(bad_length)
        forms = {lang: row[i].strip() for i, lang in langs.items() if row[i].strip()}
        described = row[desc].strip() if desc is not None else ""
        ident = described if re.fullmatch(r"[a-z]+\.[a-z0-9.\-]+", described) and described not in used else None
        if ident:
            used.add(ident)
        label = forms.get("en") or next(iter(forms.values()), "term")
        entries.append(Entry(
            id=ident or _new_id(kind, label, used), type=ident.split(".")[0] if ident and ident.split(".")[0] in ("person", "org", "title", "place", "term") else kind,
            status=status, forms=forms, variants={}, forbidden={},
            note=f"imported from {Path(path).name}", file=path, line=line_no,
        ))
    return entries


ROLE_OF_STATUS = {v: k for k, v in ADMIN_STATUS.items()}
ROLE_OF_STATUS.update({"preferred": "canonical", "admitted": "variant", "deprecated": "forbidden",
                       "superseded": "superseded", "notRecommended": "forbidden", "obsolete": "superseded",
                       "standardizedTerm-admn-sts": "canonical", "legalTerm-admn-sts": "canonical",
                       "regulatedTerm-admn-sts": "canonical", "notRecommendedTerm-admn-sts": "forbidden",
                       "obsoleteTerm-admn-sts": "superseded"})


def _data_category(elem, name: str) -> str | None:
    """A data category in either TBX style: DCA ``<termNote type="name">`` or DCT ``<name>``."""
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if (local in ("termNote", "descrip", "admin") and child.get("type") == name) or local == name:
            return (child.text or "").strip()
    return None


def read_tbx(data: bytes, path: str = "<tbx>") -> list[Entry]:
    """Entries of a TBX file: v3 (``<tbx>``, DCA or DCT style) or v2 (``<martif>``, TBX-Basic 2008).

    Per term, administrativeStatus decides the role: preferred (or the first term with no status)
    is the entry's form, admitted a variant, deprecated or superseded forbidden. An entry is
    ``deprecated`` only when every term it has in a language is superseded (wb's own export).
    """
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        raise InputError.at(path, line, col, f"not well-formed XML: {exc.msg}")
    doc = root.getroottree().docinfo
    if doc.internalDTD is not None and list(doc.internalDTD.iterentities()):
        raise InputError.at(path, 1, 1, "refusing a TBX whose DOCTYPE declares entities (they can read "
                            "local files or expand without bound); remove them")
    if any(isinstance(el, etree._Entity) for el in root.iter()):
        raise InputError.at(path, 1, 1, "refusing a TBX with entity references")
    top = etree.QName(root).localname
    if top not in ("tbx", "martif"):
        raise InputError.at(path, root.sourceline or 1, 1, f"expected a TBX root <tbx> (v3) or <martif> (v2), found <{top}>")
    entries: list[Entry] = []
    used: set[str] = set()
    concepts = [c for c in root.iter() if isinstance(c.tag, str) and etree.QName(c).localname in ("conceptEntry", "termEntry")]
    for concept in concepts:
        kind, source, notes, extra = "term", "", [], {}
        subject = ""
        for child in concept:
            if not isinstance(child.tag, str):
                continue
            name, text = etree.QName(child).localname, (child.text or "").strip()
            if (name == "descrip" and child.get("type") == "subjectField") or name == "subjectField":
                subject = text
            elif (name == "admin" and child.get("type") == "source") or name == "source":
                source = text
            elif name == "note":
                if text.startswith("wb:") and "=" in text:
                    key, value = text[3:].split("=", 1)
                    extra[key] = value
                else:
                    notes.append(text)
        forms: dict[str, str] = {}
        variants: dict[str, list[str]] = {}
        forbidden: dict[str, list[str]] = {}
        superseded_only: list[bool] = []
        for lang_sec in (c for c in concept if isinstance(c.tag, str) and etree.QName(c).localname in ("langSec", "langSet")):
            lang = wb_lang(lang_sec.get(XML_LANG, "") or lang_sec.get("lang", ""))
            terms = []
            for term_sec in lang_sec.iter():
                if not isinstance(term_sec.tag, str) or etree.QName(term_sec).localname not in ("termSec", "tig", "termGrp"):
                    continue
                term = next((t.text or "" for t in term_sec if isinstance(t.tag, str) and etree.QName(t).localname == "term"), "").strip()
                if not term:
                    continue
                status = _data_category(term_sec, "administrativeStatus") or ""
                if _data_category(term_sec, "processStatus") == "provisionallyProcessed":
                    extra.setdefault("status", "proposed")
                terms.append((term, ROLE_OF_STATUS.get(status, "")))
            if not terms:
                continue
            superseded_only.append(all(role == "superseded" for _, role in terms[:1]) and
                                   not any(role == "canonical" for _, role in terms))
            first = next((t for t, role in terms if role == "canonical"), None) or \
                next((t for t, role in terms if role in ("", "variant")), None)
            if first is None and superseded_only[-1]:
                first = terms[0][0]
            if first:
                forms[lang] = first
            for term, role in terms:
                if term == first:
                    continue
                if role in ("forbidden", "superseded"):
                    forbidden.setdefault(lang, []).append(term)
                else:
                    variants.setdefault(lang, []).append(term)
        if not forms and not forbidden:
            continue
        status = "deprecated" if superseded_only and all(superseded_only) else extra.get("status", "approved")
        kind = extra.get("type", kind) if extra.get("type", kind) in TYPES else "term"
        line = concept.sourceline or 0
        if concept.get("id") and concept.get("id") in used:
            raise InputError.at(path, line, 1, f"duplicate concept id '{concept.get('id')}'")
        ident = concept.get("id") or _new_id(kind, forms.get("en") or next(iter(forms.values()), "term"), used)
        used.add(ident)
        entries.append(Entry(
            id=ident, type=kind, status=status, forms=forms, variants=variants, forbidden=forbidden,
            note=" ".join(notes), source=source, romanization=extra.get("romanization", ""),
            case_sensitive=extra.get("case_sensitive") == "true", file=path, line=concept.sourceline or 0,
            subject_field=subject, region=extra.get("region", ""), match=extra.get("match", ""),
        ))
    if not entries:
        raise InputError.at(path, root.sourceline or 1, 1, f"no usable entries: <{top}> holds {len(concepts)} "
                            f"{'conceptEntry' if top == 'tbx' else 'termEntry'} element(s) and none has a term")
    return entries
