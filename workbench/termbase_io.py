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
EXPORT_FORMATS = ("tbx", "deepl", "google", "amazon", "omegat")
IMPORT_FORMATS = ("auto", *EXPORT_FORMATS)
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

def export_glossary(glossary: Glossary, fmt: str, source: str = "zh", target: str = "en", languages=None,
                    *, simplified: bool = False) -> str:
    """``simplified``: a vendor glossary for Simplified Chinese (zh-CN): the zh column, written in
    Taiwan-standard Traditional, is converted with OpenCC t2s and labelled zh-CN."""
    if fmt == "tbx":
        return export_tbx(glossary)
    entries = [e for e in glossary.entries if e.status == "approved"]
    script = _SIMPLIFIED if simplified else _AS_IS
    if fmt == "deepl":
        return _two_columns(entries, source, target, delimiter=",", script=script)
    if fmt == "omegat":
        return _two_columns(entries, source, target, delimiter="\t", comment=True, script=script)
    if fmt in ("google", "amazon"):
        langs = languages or [source, target]
        return _term_sets(entries, langs, description=(fmt == "google"), script=script)
    raise UsageError(f"unknown export format '{fmt}' (expected one of: {', '.join(EXPORT_FORMATS)})")


def _as_is(text: str, lang: str) -> str:
    return text


def _simplified(text: str, lang: str) -> str:
    return convert_script(text, "t2s") if lang == "zh" else text


_AS_IS, _SIMPLIFIED = _as_is, _simplified


def _two_columns(entries, source, target, delimiter, comment=False, script=_as_is) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
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
            writer.writerow(row if delimiter == "\t" else neutralize_row(row))
    return buf.getvalue()


def _term_sets(entries, langs, description, script=_as_is) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    codes = [("zh-CN" if script is _simplified and lang == "zh" else vendor_code(lang)) for lang in langs]
    writer.writerow(codes + (["description"] if description else []))
    for e in entries:
        forms = [script(e.forms.get(lang, ""), lang) for lang in langs]
        if sum(bool(f) for f in forms) < 2:
            continue
        writer.writerow(neutralize_row(forms + ([e.id] if description else [])))
    return buf.getvalue()


def export_tbx(glossary: Glossary) -> str:
    E = lambda tag, text=None, **attrs: _el(tag, text, attrs)
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, f"{{{TBX_NS}}}tbxHeader")
    file_desc = etree.SubElement(header, f"{{{TBX_NS}}}fileDesc")
    source_desc = etree.SubElement(file_desc, f"{{{TBX_NS}}}sourceDesc")
    source_desc.append(E("p", "Exported by wb, the translation and terminology workbench"))
    body = etree.SubElement(etree.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    for e in glossary.entries:
        concept = etree.SubElement(body, f"{{{TBX_NS}}}conceptEntry", id=e.id)
        concept.append(E("descrip", e.type, type="subjectField"))
        if e.source:
            concept.append(E("admin", e.source, type="source"))
        if e.note:
            concept.append(E("note", e.note))
        if e.romanization:
            concept.append(E("note", f"wb:romanization={e.romanization}"))
        if e.case_sensitive:
            concept.append(E("note", "wb:case_sensitive=true"))
        for lang in glossary.languages:
            terms = [(e.forms.get(lang), "superseded" if e.status == "deprecated" else "canonical")]
            terms += [(v, "variant") for v in e.variants.get(lang, [])]
            terms += [(f, "forbidden") for f in e.forbidden.get(lang, [])]
            terms = [(t, role) for t, role in terms if t]
            if not terms:
                continue
            lang_sec = etree.SubElement(concept, f"{{{TBX_NS}}}langSec")
            lang_sec.set(XML_LANG, vendor_code(lang))
            for i, (term, role) in enumerate(terms):
                term_sec = etree.SubElement(lang_sec, f"{{{TBX_NS}}}termSec")
                term_sec.append(E("term", term))
                term_sec.append(E("termNote", ADMIN_STATUS[role], type="administrativeStatus"))
                if i == 0 and e.status == "proposed":
                    term_sec.append(E("termNote", "provisionallyProcessed", type="processStatus"))
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml.decode("utf-8")


def _el(tag, text, attrs):
    el = etree.Element(f"{{{TBX_NS}}}{tag}", **attrs)
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
    if fmt == "tbx":
        return read_tbx(data, str(path))
    text = _text(data, str(path))
    try:
        if fmt in ("deepl", "omegat"):
            delimiter = "\t" if fmt == "omegat" or (path.suffix.lower() in (".tsv", ".txt", ".utf8")) else ","
            return _read_two_columns(text, str(path), delimiter, source, target, kind, status)
        if fmt in ("google", "amazon"):
            return _read_term_sets(text, str(path), kind, status)
    except csv.Error as exc:  # a stray carriage return, an unterminated quote
        raise InputError.at(str(path), 0, 0, f"unreadable CSV: {exc}") from None
    raise UsageError(f"unknown import format '{fmt}' (expected one of: {', '.join(IMPORT_FORMATS)})")


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


def _read_two_columns(text, path, delimiter, source, target, kind, status) -> list[Entry]:
    entries: list[Entry] = []
    used: set[str] = set()
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


def read_tbx(data: bytes, path: str = "<tbx>") -> list[Entry]:
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        raise InputError.at(path, line, col, f"not well-formed XML: {exc.msg}")
    doc = root.getroottree().docinfo
    if doc.doctype or doc.internalDTD is not None or doc.externalDTD is not None:
        raise InputError.at(path, 1, 1, "refusing a TBX with a DOCTYPE (DTDs and entities can read local "
                            "files or expand without bound); remove the <!DOCTYPE …> declaration")
    if any(isinstance(el, etree._Entity) for el in root.iter()):
        raise InputError.at(path, 1, 1, "refusing a TBX with entity references")
    ns = root.nsmap.get(None) or ""
    q = (lambda tag: f"{{{ns}}}{tag}") if ns else (lambda tag: tag)
    if etree.QName(root).localname != "tbx":
        raise InputError.at(path, root.sourceline or 1, 1, f"expected a TBX v3 <tbx> root, found <{etree.QName(root).localname}> (TBX v2 'martif' is not supported)")
    entries: list[Entry] = []
    used: set[str] = set()
    for concept in root.iter(q("conceptEntry")):
        kind, source, notes, extra = "term", "", [], {}
        for child in concept:
            if not isinstance(child.tag, str):
                continue
            name, text = etree.QName(child).localname, (child.text or "").strip()
            if name == "descrip" and child.get("type") == "subjectField":
                kind = text
            elif name == "admin" and child.get("type") == "source":
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
        status = "approved"
        for lang_sec in concept.iter(q("langSec")):
            lang = wb_lang(lang_sec.get(XML_LANG, ""))
            for term_sec in lang_sec.iter(q("termSec")):
                term = (term_sec.findtext(q("term")) or "").strip()
                notes_here = {tn.get("type"): (tn.text or "").strip() for tn in term_sec.iter(q("termNote"))}
                admin = notes_here.get("administrativeStatus", "")
                if notes_here.get("processStatus") == "provisionallyProcessed":
                    status = "proposed"
                if admin == ADMIN_STATUS["superseded"]:
                    status = "deprecated"
                if admin == ADMIN_STATUS["forbidden"]:
                    forbidden.setdefault(lang, []).append(term)
                elif lang not in forms and admin != ADMIN_STATUS["variant"]:
                    forms[lang] = term
                else:
                    variants.setdefault(lang, []).append(term)
        line = concept.sourceline or 0
        if kind not in TYPES:
            raise InputError.at(path, line, 1, f"unknown subjectField '{kind}' (expected one of: {', '.join(TYPES)})")
        if concept.get("id") in used:
            raise InputError.at(path, line, 1, f"duplicate concept id '{concept.get('id')}'")
        ident = concept.get("id") or _new_id(kind, forms.get("en", "term"), used)
        used.add(ident)
        entries.append(Entry(
            id=ident, type=kind, status=status, forms=forms, variants=variants, forbidden=forbidden,
            note=" ".join(notes), source=source, romanization=extra.get("romanization", ""),
            case_sensitive=extra.get("case_sensitive") == "true", file=path, line=concept.sourceline or 0,
        ))
    return entries
